"""The extraction benchmark's metric: 4-gram shingle precision/recall/F1, macro over pages.

Why a re-implementation: the upstream scorer (scrapinghub/article-extraction-benchmark,
``evaluate.py``) is not a library, and PressLens must score every system in one run with the
very same rules. The rules are subtle and change the numbers, so they are spelled out here:

* tokens are ``re.findall(r"\\w+", text)`` (Unicode ``\\w``, case kept); ``None`` counts as "";
* shingles are runs of 4 consecutive tokens, as a multiset; 1-3 tokens give one shorter
  shingle and an empty text gives none;
* per page: tp = Σ min(gold, pred), fp = Σ max(0, pred - gold), fn = Σ max(0, gold - pred);
  both P and R are 1 when fp = fn = 0, P is 0 when tp = fp = 0, R is 0 when tp = fn = 0;
* macro averaging: precision is the mean over pages with tp + fp > 0 (an empty output leaves the
  precision mean and only costs recall), recall the mean over pages with tp + fn > 0, and F1 is
  the harmonic mean of those two means, not the mean of per-page F1s;
* accuracy is the share of pages whose whole token sequence equals the gold one.

``check_published`` scores the upstream published outputs so the figures can be compared with
the upstream README to the 3rd decimal.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

NGRAM_N = 4
_TOKEN = re.compile(r"\w+")


def tokenize(text: str | None) -> list[str]:
    """Upstream tokens: Unicode word runs, case kept, punctuation dropped."""
    return _TOKEN.findall(text or "")


def shingles(tokens: list[str], n: int = NGRAM_N) -> Counter[tuple[str, ...]]:
    """Multiset of n-token runs; a short non-empty text yields one shorter shingle."""
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class PageScore:
    """Counts for one page; precision/recall follow the upstream edge-case rules."""

    tp: int
    fp: int
    fn: int
    exact: bool

    @property
    def precision(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


def score_page(gold: str | None, pred: str | None) -> PageScore:
    """Shingle counts of one prediction against its gold body."""
    gold_tokens, pred_tokens = tokenize(gold), tokenize(pred)
    g, p = shingles(gold_tokens), shingles(pred_tokens)
    tp = sum(min(c, p[k]) for k, c in g.items())
    fp = sum(max(0, c - g[k]) for k, c in p.items())
    fn = sum(max(0, c - p[k]) for k, c in g.items())
    return PageScore(tp, fp, fn, gold_tokens == pred_tokens)


@dataclass(frozen=True)
class Summary:
    """Macro-averaged figures over a set of pages."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def summarise(scores: list[PageScore]) -> Summary:
    """Upstream averaging: P over pages with output, R over pages with gold, F1 of the means."""
    p_pages = [s.precision for s in scores if s.tp + s.fp > 0]
    r_pages = [s.recall for s in scores if s.tp + s.fn > 0]
    precision = sum(p_pages) / len(p_pages) if p_pages else 0.0
    recall = sum(r_pages) / len(r_pages) if r_pages else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(s.exact for s in scores) / len(scores) if scores else 0.0
    return Summary(precision, recall, f1, accuracy, len(scores))


def evaluate(gold: Mapping[str, str | None], pred: Mapping[str, str | None]) -> Summary:
    """Score predictions (id → body text) against gold (id → body text); missing ids count ''."""
    return summarise([score_page(gold[k], pred.get(k)) for k in sorted(gold)])


def load_gold(bench_dir: Path) -> dict[str, str]:
    """id → gold article body from ``ground-truth.json``."""
    data = json.loads((bench_dir / "ground-truth.json").read_text(encoding="utf-8"))
    return {k: v["articleBody"] for k, v in data.items()}


def load_output(path: Path) -> dict[str, str | None]:
    """id → body from an upstream output file (legacy flat or ``{"output": ...}`` form)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and isinstance(data.get("output"), dict):
        data = data["output"]
    return {k: (v or {}).get("articleBody") for k, v in data.items()}


def check_published(bench_dir: Path) -> dict[str, Summary]:
    """Score every file in ``published-outputs/`` (to compare with the upstream README)."""
    gold = load_gold(bench_dir)
    return {
        path.stem: evaluate(gold, load_output(path))
        for path in sorted((bench_dir / "published-outputs").glob("*.json"))
    }


# -- metadata: exact match after light normalisation ---------------------------------------

_FOLD = re.compile(r"[\W_]+", re.UNICODE)
# Separators between the names of one byline ("A, B and C", "A & B"); names are compared as a set.
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\|)\s*(?:and\s+)?|\s+and\s+", re.IGNORECASE)


def fold(text: str | None) -> str:
    """Case, punctuation and spacing ignored: "Exact" means the same words in the same order."""
    import unicodedata

    return _FOLD.sub(" ", unicodedata.normalize("NFKC", text or "").casefold()).strip()


def same_title(gold: str | None, pred: str | None) -> bool:
    return bool(gold) and fold(gold) == fold(pred)


def author_set(value: str | list[str] | None) -> frozenset[str]:
    """The set of folded names in a byline string or list (order and separators ignored)."""
    parts = value if isinstance(value, list) else _NAME_SPLIT.split(value or "")
    return frozenset(f for p in parts if (f := fold(p)))


def same_authors(gold: str | None, pred: str | list[str] | None) -> bool:
    return bool(author_set(gold)) and author_set(gold) == author_set(pred)


def same_date(gold: str | None, pred: str | None) -> bool:
    """Same calendar day (the gold has no time of day)."""
    return bool(gold) and (pred or "")[:10] == (gold or "")[:10]


if __name__ == "__main__":
    import sys

    root = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else (Path(__file__).resolve().parents[1].parent / "shared" / "data" / "extraction-bench")
    )
    print("| system | F1 | precision | recall | accuracy |")
    print("|---|---|---|---|---|")
    for name, s in check_published(root).items():
        print(f"| {name} | {s.f1:.3f} | {s.precision:.3f} | {s.recall:.3f} | {s.accuracy:.3f} |")
