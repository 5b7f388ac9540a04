"""Named state-media technique detectors: the registry, the shipping gate and ``detect``.

Why a registry of named rules beside the model: the PTC-trained encoder never saw translated
state media, and the techniques it misses there are formulas (adversary epithets, glorifying
titles, "thanks to the guidance of"). Each rule is data with a why-comment in its family
module; ``precision.json`` (written by ``training/techniques/measure_detectors.py``) holds its
precision on the PTC and SemEval-2023 gold, and a rule whose precision there is below
:data:`MIN_PRECISION` does not ship. The measured precision is the score of its spans, so a
reader can rank a detector span against a model span.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from presslens.layers.techniques.detectors import (
    allies,
    causal,
    doubt,
    duty,
    epithets,
    exaggeration,
    honorifics,
    nation,
    slogans,
)
from presslens.layers.techniques.detectors.base import Detector

# The gate: a detector below this precision on the gold does not ship.
MIN_PRECISION = 0.5
# Hits in one language's gold below which that language alone is too noisy to judge: the
# pooled gold of all languages judges instead. A rule with no hits in any gold ships (there
# is no evidence against it) with UNMEASURED_SCORE, and the tables say "unmeasured".
MIN_HITS = 5
UNMEASURED_SCORE = 0.5

FAMILIES = (epithets, allies, honorifics, exaggeration, causal, duty, nation, slogans, doubt)
ALL: dict[str, Detector] = {d.name: d for fam in FAMILIES for d in fam.DETECTORS}
PRECISION_FILE = Path(__file__).with_name("precision.json")


@cache
def measured() -> dict[str, dict[str, Any]]:
    """Per detector: hits, correct, precision on the gold (empty if never measured)."""
    if not PRECISION_FILE.is_file():
        return {}
    return json.loads(PRECISION_FILE.read_text(encoding="utf-8"))["detectors"]


def _judge(m: dict[str, Any] | None, min_hits: int = MIN_HITS) -> tuple[bool, float] | None:
    """(ships, score) from one measurement, or None when it has too few hits to judge."""
    if not m or m["hits"] < max(1, min_hits):
        return None
    p = m["correct"] / m["hits"]
    return p >= MIN_PRECISION, p


def verdict(name: str, language: str = "en") -> tuple[bool, float]:
    """(ships, score) of one detector in one language.

    Why per language: the same rule is a different word list in each language, and the gold
    disagrees by language (French labels pass where Russian ones fail). The language's own
    gold decides when it has enough hits; else the pooled gold; else the rule ships unmeasured.
    """
    m = measured().get(name) or {}
    own = _judge(m.get("languages", {}).get(language))
    # The pooled gold judges from one hit on, as measure_detectors.py's table says: a rule
    # with 0 correct of 2 hits must not ship as "unmeasured".
    return own or _judge(m, min_hits=1) or (True, UNMEASURED_SCORE)


def shipped(language: str = "en") -> tuple[Detector, ...]:
    """The detectors that passed the precision gate for ``language``, in registry order."""
    return tuple(d for d in ALL.values() if language in d.patterns and verdict(d.name, language)[0])


LANGUAGES: tuple[str, ...] = tuple(sorted({lang for d in ALL.values() for lang in d.languages}))


def detect(
    text: str, language: str | None, detectors: tuple[Detector, ...] | None = None
) -> list[dict[str, Any]]:
    """Spans of every (shipped) detector on ``text``; language None reads as English."""
    lang = language or "en"
    out: list[dict[str, Any]] = []
    for d in shipped(lang) if detectors is None else detectors:
        if lang not in d.patterns:
            continue
        score = verdict(d.name, lang)[1]
        for s, e in d.find(text, lang):
            out.append(
                {
                    "start": s,
                    "end": e,
                    "technique": d.technique,
                    "score": round(score, 4),
                    "source": f"detector:{d.name}",
                }
            )
    out.sort(key=lambda a: (a["start"], a["end"]))
    return out
