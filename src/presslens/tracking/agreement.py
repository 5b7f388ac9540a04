"""Do two claims state the same facts? Figure, date, name and negation agreement.

Why explicit checks beside embeddings: static embeddings put "turnout was 61 %" next to
"turnout was 16 %" and "X resigned" next to "X did not resign" — the wording is nearly the
same, the claim is not. These checks are cheap set operations over :mod:`normalize` output
and give the re-ranker (matcher and clusters) the evidence that embeddings blur.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presslens.layers.timexes.lexicon import MONTHS
from presslens.tracking.normalize import STOPWORDS, Normalized

# Two figures are the same when they differ by at most this fraction: "about 1.2 million" vs
# "1,187,000" is one figure rounded; 5 % is the usual rounding of a reported figure. Below
# ROUNDED_FROM figures must match exactly: 67 and 68 (a pension age) are different claims.
FIGURE_TOLERANCE = 0.05
ROUNDED_FROM = 1000
# A capitalised word run is a name proxy when no entity layer is available (tweets,
# fact-check collections, text-only records).
NAME_RE = re.compile(r"\b([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")
# Text before a word that makes it a sentence opener (start, or after . ! ? and quotes).
SENTENCE_START_RE = re.compile(r"(?:^|[.!?][\"'’”)]*\s+)[\"'‘“(]*$")
# Capitalised words that are not names: sentence openers, calendar words (dates are compared
# by value elsewhere), and shouting in tweets.
NOT_NAMES = frozenset(
    {
        "i",
        "the",
        "a",
        "an",
        "this",
        "that",
        "it",
        "rt",
        "breaking",
        "new",
        "some",
        "about",
        "more",
        "over",
        "around",
        "every",
        "from",
        "by",
        "next",
        "last",
        "according",
        "police",
        "officials",
        "annual",
        "free",
        "train",
        "twelve",
        "sixty-one",
    }
    | {m for m in MONTHS if len(m) > 3}
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | STOPWORDS
)


@dataclass(frozen=True)
class Agreement:
    """Pairwise evidence; every value is in [0, 1] or a 0/1 flag."""

    figures_shared: float  # Jaccard of figures (tolerant); 0 when either side has none
    figures_clash: float  # both state figures and none of them match
    dates_shared: float
    dates_clash: float  # both state full dates and none match
    names_shared: float  # Jaccard of names
    negation_differs: float  # exactly one side is negated

    def as_list(self) -> list[float]:
        return [
            self.figures_shared,
            self.figures_clash,
            self.dates_shared,
            self.dates_clash,
            self.names_shared,
            self.negation_differs,
        ]


def _same_figure(x: float, y: float) -> bool:
    if x == y:
        return True
    big = max(abs(x), abs(y))
    return big >= ROUNDED_FROM and abs(x - y) / big <= FIGURE_TOLERANCE


def _figure_overlap(a: frozenset[float], b: frozenset[float], partial: bool) -> tuple[float, float]:
    """(Jaccard, clash). Clash: no figure in common; with ``partial``, also when each side
    states a figure the other does not ("7 of 30" vs "9 of 30"). One side adding a figure
    ("12 dead" vs "12 dead in 2024") is elaboration, never a clash."""
    if not a or not b:
        return 0.0, 0.0
    only_a = [x for x in a if not any(_same_figure(x, y) for y in b)]
    only_b = [y for y in b if not any(_same_figure(x, y) for x in a)]
    matched = len(a) - len(only_a)
    union = len(a) + len(b) - matched
    clash = bool(only_a and only_b) if partial else matched == 0
    return matched / union, float(clash)


def _full_dates(dates: frozenset[str]) -> set[str]:
    """Day-precision dates with a year ("@2020-01-06"); yearless ones keep month-day only."""
    return {d for d in dates if d.count("-") == 2}


def _years(dates: frozenset[str]) -> set[str]:
    return {d[1:5] for d in dates if d[1:5].isdigit()}


def _date_overlap(a: frozenset[str], b: frozenset[str]) -> tuple[float, float]:
    if not a or not b:
        return 0.0, 0.0
    shared = len(a & b) / len(a | b)
    # a yearless "@xxxx-01-06" matches "@2020-01-06": compare month-day when a year is missing
    fa, fb = _full_dates(a), _full_dates(b)
    md_a = {d[-5:] for d in fa}
    md_b = {d[-5:] for d in fb}
    years_a, years_b = _years(a), _years(b)
    clash = float(
        bool(fa and fb) and not (md_a & md_b) or bool(years_a and years_b) and not years_a & years_b
    )
    if not shared and md_a & md_b:
        shared = len(md_a & md_b) / len(md_a | md_b)
    return shared, clash


def names(text: str) -> frozenset[str]:
    """Lower-cased capitalised word runs, a stand-in for entities in raw text."""
    out = set()
    for m in NAME_RE.finditer(text):
        words = m.group(1).split()
        if len(words) == 1 and SENTENCE_START_RE.search(text[: m.start()]):
            continue  # "Dock workers …": capitalised because it opens the sentence
        for word in words:
            w = re.sub(r"['’]s$", "", word.lower())
            if w not in NOT_NAMES:
                out.add(w)
    return frozenset(out)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def agreement(
    a: Normalized,
    b: Normalized,
    names_a: frozenset[str],
    names_b: frozenset[str],
    partial_figure_clash: bool = False,
) -> Agreement:
    """Compare two normalised claims (and their name sets). ``partial_figure_clash`` is the
    clusterer's stricter reading of figures; the matcher's weights were fitted without it."""
    fig_shared, fig_clash = _figure_overlap(a.figures, b.figures, partial_figure_clash)
    date_shared, date_clash = _date_overlap(a.dates, b.dates)
    return Agreement(
        figures_shared=fig_shared,
        figures_clash=fig_clash,
        dates_shared=date_shared,
        dates_clash=date_clash,
        names_shared=_jaccard(names_a, names_b),
        negation_differs=float(a.negated != b.negated),
    )
