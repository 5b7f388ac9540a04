"""Labelled text dumps: the rendered dumps (render.py) with a body/furniture label per line.

A line is labelled body when its words are largely part of the page's gold body: at least
``LABEL_SHARE`` of its 4-word shingles occur in the gold. A line of fewer than four words has no
shingle; it is body when its words occur in the gold in that order *and* it lies between the
first and last long body lines (so "Home" or "Share" at the top of a page is not body because the
gold happens to contain that word).

Split by site (bench/extraction_data.split_half): pages of ``tune`` sites train, pages of
``report`` sites test; the same split the HTML benchmark uses, so no test site was seen.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

import extraction_data as datasets  # noqa: E402
from presslens.extract.dump_features import line_key  # noqa: E402
from presslens.extract.dump_lines import Line, read_lines  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
RENDERERS = ("w3m", "lynx", "html2text")
LABEL_SHARE = 0.5
# Gold that covers less of its page than this was paraphrased: its labels are not trusted.
MIN_COVERAGE = 0.5
_TOKEN = re.compile(r"\w+")


@dataclass
class Dump:
    """One rendered dump with its labels and the page it came from."""

    dataset: str
    page_id: str
    renderer: str
    site: str
    half: str
    gold: str
    lines: list[Line]
    labels: list[bool]
    coverage: float


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def label_lines(lines: list[Line], gold: str) -> list[bool]:
    """Body labels of ``lines`` against the gold body (see the module docstring)."""
    gold_tokens = _tokens(gold)
    grams = {tuple(gold_tokens[i : i + 4]) for i in range(len(gold_tokens) - 3)}
    joined = " " + " ".join(gold_tokens) + " "
    long_label: list[bool | None] = []
    for line in lines:
        toks = _tokens(line.text)
        if len(toks) >= 4:
            own = [tuple(toks[i : i + 4]) for i in range(len(toks) - 3)]
            long_label.append(sum(g in grams for g in own) / len(own) >= LABEL_SHARE)
        else:
            long_label.append(None)
    body_at = [i for i, v in enumerate(long_label) if v]
    first, last = (body_at[0], body_at[-1]) if body_at else (len(lines), -1)
    labels = []
    for i, (line, v) in enumerate(zip(lines, long_label, strict=True)):
        if v is not None:
            labels.append(v)
        else:
            toks = _tokens(line.text)
            labels.append(bool(toks) and first <= i <= last and f" {' '.join(toks)} " in joined)
    return labels


def load_dumps(renderers: tuple[str, ...] = RENDERERS) -> list[Dump]:
    """Every rendered dump of both datasets, labelled; pages without dumps are skipped."""
    dumps: list[Dump] = []
    for name in datasets.LOADERS:
        ds = datasets.load(name)
        if ds is None:
            continue
        for page in ds.pages:
            for renderer in renderers:
                path = OUT / name / renderer / f"{page.id}.txt"
                if not path.exists():
                    continue
                lines = read_lines(path.read_text(encoding="utf-8"))
                if not lines:
                    continue
                dumps.append(
                    Dump(
                        name,
                        page.id,
                        renderer,
                        datasets.site(page.url),
                        datasets.split_half(page.url),
                        page.gold,
                        lines,
                        label_lines(lines, page.gold),
                        page.coverage,
                    )  # fmt: skip
                )
    return dumps


def outlet_repeats(dumps: list[Dump]) -> dict[int, set[str]]:
    """Per dump (by index): line keys that also occur in another page of the same site and
    renderer: what a store with the outlet's other pages would pass as ``repeated_lines``."""
    by_site: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, d in enumerate(dumps):
        by_site[(d.dataset, d.site, d.renderer)].append(i)
    out: dict[int, set[str]] = {}
    for members in by_site.values():
        if len(members) < 2:
            continue
        keys = {i: {line_key(x.text) for x in dumps[i].lines} for i in members}
        for i in members:
            others = set().union(*(keys[j] for j in members if j != i))
            out[i] = keys[i] & others
    return out
