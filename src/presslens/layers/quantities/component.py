"""presslens.quantities.v1 — amounts with value or range, approximation, unit or counted noun.

Each quantity also says which attribution covers it (``attribution``: the id of an annotation
in the attributions layer, or null), so a report can show unsourced figures at a glance.
Years, dates, times and durations are timexes, not quantities: spans that overlap a timex are
dropped, so the component needs the timexes layer (it reads it; it never runs timexes itself).
Grammar in ``rules``; words in ``lexicon``; number parsing in ``numbers`` (the word lists are
in ``presslens.vocab.numbers``). Measurement units also get ``normalized`` (value/low/high/unit
on one scale per dimension, by pint in ``units``), so "180 km" and "112 miles" compare.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from presslens.context import Context, Models
from presslens.deadline import check as check_deadline
from presslens.document import Document, annotation_id
from presslens.layers.quantities.rules import as_dict, scan
from presslens.layers.quantities.units import normalize
from presslens.layers.registry import register
from presslens.settings import Settings


def covering_attribution(attributions: list[dict[str, Any]], start: int, end: int) -> int | None:
    """Index of the narrowest attribution whose content contains [start, end), or None."""
    best: tuple[int, int] | None = None
    for i, att in enumerate(attributions):
        if att["start"] <= start and end <= att["end"]:
            width = att["end"] - att["start"]
            if best is None or width < best[0]:
                best = (width, i)
    return best[1] if best else None


def is_english(doc: Document) -> bool:
    """The grammar and the parser are English: other languages get no quantities rather than
    wrong ones (a Russian page once yielded "12 января" counted as January-things)."""
    language = (doc.metadata.language or "en").lower()
    return language.startswith("en")


def _timex_spans(doc: Document) -> list[tuple[int, int]]:
    return [(t["start"], t["end"]) for t in doc.layers.get("timexes") or []]


def find_quantities(doc: Document, sdoc: Any) -> list[dict[str, Any]]:
    """Quantity annotations for one Document given its spaCy parse ``sdoc``; spans over its
    timexes are left out, and each is linked to its attributions layer if present."""
    if not doc.text.strip() or not is_english(doc):
        return []
    blocked = _timex_spans(doc)
    attributions = doc.layers.get("attributions") or []
    out = []
    check_deadline()
    for q in scan(doc.text, sdoc):
        if any(q.start < e and s < q.end for s, e in blocked):
            continue
        ann = as_dict(q)
        index = covering_attribution(attributions, q.start, q.end)
        ann["attribution"] = (
            None if index is None else annotation_id("attributions", index, attributions[index])
        )
        converted = normalize(q.unit, q.value, q.low, q.high)
        if converted is not None:  # measurement units on one scale per dimension (pint)
            value, low, high = converted["values"]
            ann["normalized"] = {
                "value": value,
                "low": low,
                "high": high,
                "unit": converted["unit"],
            }
        out.append(ann)
    return out


@register(
    "presslens.quantities.v1",
    assigns="quantities",
    # Timex spans keep years and durations out: read from the timexes layer.
    needs=("sentences", "attributions", "timexes"),
    languages=("en",),
    parses=True,
)
def make(settings: Settings, models: Models) -> Callable[[Document, Context], list[dict[str, Any]]]:
    """Quantities: value or low/high, approx, unit or counted noun, covering attribution."""
    parser = models.parser

    def annotate(doc: Document, ctx: Context) -> list[dict[str, Any]]:
        if not doc.text.strip() or not is_english(doc):
            return []
        return find_quantities(doc, ctx.parse())

    annotate.model = parser.sha256  # type: ignore[attr-defined]
    return annotate
