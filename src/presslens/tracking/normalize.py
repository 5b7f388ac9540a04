"""Claim text as comparable tokens: figures and dates by value, words lower-cased.

Why: the same claim is written "1.2 million", "1,200,000", "1.2m" or "1,2 Millionen"; on
"6 January 2020", "January 6, 2020" or "2020-01-06". A lexical index over raw tokens sees
different words; over values it sees the same token (``#1200000``, ``@2020-01-06``). The
same functions give the figure and date *sets* that the re-ranker compares, so retrieval and
agreement checks cannot read a figure differently.

Dependency-free (regexes over the number grammar of the quantities layer), because the matcher
normalises ~14k fact-checks per run and must not pay for a parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from presslens.layers.quantities.numbers import NUMBER_WORDS_RE, parse_words, tidy
from presslens.layers.timexes.lexicon import MONTHS

# Scale words as news and translated copy write them (English, plus the German/French/Spanish
# forms that machine-translated state media keep: "1,2 Millionen", "3 milliards").
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "millionen": 1e6,
    "millones": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
    "milliarden": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
_SCALE_ALT = "|".join(sorted(SCALE_WORDS, key=len, reverse=True))

# One figure in digits: "1,200,000", "1.200.000" (continental thousands), "1 200 000" (thin or
# normal spaces), "1.2", "1,2" (continental decimal) — then an optional scale word and percent.
_DIGITS = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 1,200,000(.5)
    r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?"  # 1.200.000(,5): two groups at least, else 1.200 = 1.2
    r"|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d])"  # 1 200 000
    r"|\d+(?:[.,]\d+)?"
)
FIGURE_RE = re.compile(
    rf"(?<![\w.,])(?P<num>{_DIGITS}|{NUMBER_WORDS_RE})"
    rf"(?:\s*-?\s*(?P<scale>{_SCALE_ALT})\b)?"
    r"(?P<pct>\s*(?:%|(?:per\s*cent|percent|pct)\b))?",
    re.IGNORECASE,
)

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
# Dates with a day: "6 January 2020", "January 6, 2020", "Jan. 6", "2020-01-06", "6/1/2020" is
# left alone (day/month order is ambiguous between outlets). A missing year stays unknown.
DATE_RES = (
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_ALT})\.?"
        r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?P<month>{_MONTH_ALT})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
        r"(?:,?\s+(?P<year>(?:19|20)\d\d))?",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
)
# Years alone ("in 2019") are dates by value too, but only as four digits 1900-2099.
YEAR_RE = re.compile(r"(?<![\d,.@-])(?P<year>(?:19|20)\d\d)(?![\d%-]|[.,]\d)")

# Days named relative to publication: weekdays count back, these words by offset.
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
RELATIVE_DAYS: dict[str, int] = {"yesterday": -1, "today": 0}
RELATIVE_DAY_RE = re.compile(
    r"\b(?:" + "|".join([*WEEKDAYS, *RELATIVE_DAYS]) + r")\b", re.IGNORECASE
)

# Negation cues: a claim and its denial differ mostly by one of these words.
NEGATIONS = frozenset(
    {
        "not",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "neither",
        "nor",
        "n't",
        "cannot",
        "denied",
        "denies",
        "deny",
        "false",
        "fake",
        "untrue",
        "hoax",
        "debunked",
        "refuted",
        "rejected",
        "rejects",
    }
)
_CONTRACTION_RE = re.compile(r"(\w)n['’]t\b", re.IGNORECASE)
TOKEN_RE = re.compile(r"[#@][\w.:%-]+|\w+(?:['’]\w+)?", re.UNICODE)

# Function words: left out of the index because they carry no claim identity, and out of the
# negation-free comparison. Negation words are deliberately NOT here (see NEGATIONS).
STOPWORDS = frozenset(
    "a an the and or but if of to in on at by for with from as is are was were be been being "
    "it its this that these those there here he she they we you i his her their our your my "
    "has have had do does did will would shall should can could may might must so than then "
    "about into over after before also just more most such which who whom whose what when "
    "where why how all any both each few other some own same too very s t via".split()
)


@dataclass(frozen=True)
class Normalized:
    """A claim reduced to what identifies it: content tokens, figures, dates, negation."""

    tokens: tuple[str, ...]
    figures: frozenset[float] = field(default_factory=frozenset)
    dates: frozenset[str] = field(default_factory=frozenset)
    negated: bool = False


def _digits_value(text: str) -> float | None:
    """The value of a digit string in any of the separator conventions of _DIGITS."""
    t = re.sub(r"[ \u00a0\u202f\u2009]", "", text)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", t):
        return float(t.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?", t):
        return float(t.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+,\d+", t):
        # "1,5" is a continental decimal; "1,500" (three digits) was caught above as thousands
        return float(t.replace(",", "."))
    try:
        return float(t)
    except ValueError:
        return None


def figure_value(match: re.Match[str]) -> float | None:
    """The value of one FIGURE_RE match, scale applied ("1.2m" → 1200000)."""
    num = match.group("num")
    value = _digits_value(num) if num[0].isdigit() else parse_words(num)
    if value is None:
        return None
    scale = match.group("scale")
    if scale:
        value *= SCALE_WORDS[scale.lower()]
    return float(tidy(value) or 0.0)


def _date_token(m: re.Match[str]) -> str | None:
    month_text = m.group("month")
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower().rstrip("."))
    day = int(m.group("day"))
    if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    year = m.group("year")
    return f"@{year or 'xxxx'}-{month:02d}-{day:02d}"


def _replace_dates(text: str, dates: set[str]) -> str:
    for pattern in DATE_RES:

        def sub(m: re.Match[str]) -> str:
            token = _date_token(m)
            if token is None:
                return m.group(0)
            dates.add(token)
            return f" {token} "

        text = pattern.sub(sub, text)

    def year_sub(m: re.Match[str]) -> str:
        dates.add(f"@{m.group('year')}")
        return f" @{m.group('year')} "

    return YEAR_RE.sub(year_sub, text)


def _format_figure(value: float, pct: bool) -> str:
    shown = tidy(value)
    return f"#{shown}{'%' if pct else ''}"


def _replace_figures(text: str, figures: set[float]) -> str:
    def sub(m: re.Match[str]) -> str:
        value = figure_value(m)
        if value is None:
            return m.group(0)
        pct = bool(m.group("pct"))
        figures.add(value)
        return f" {_format_figure(value, pct)} "

    return FIGURE_RE.sub(sub, text)


def _replace_relative_days(text: str, anchor: date, dates: set[str]) -> str:
    """ "on Tuesday", "yesterday" → the calendar day, counted back from publication (news
    reports the past: the most recent such weekday on or before the anchor)."""

    def sub(m: re.Match[str]) -> str:
        word = m.group(0).lower()
        if word in RELATIVE_DAYS:
            day = anchor + timedelta(days=RELATIVE_DAYS[word])
        else:
            back = (anchor.weekday() - WEEKDAYS[word]) % 7
            day = anchor - timedelta(days=back)
        token = f"@{day.isoformat()}"
        dates.add(token)
        return f" {token} "

    return RELATIVE_DAY_RE.sub(sub, text)


def _anchor(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def normalize(text: str, published: str | None = None) -> Normalized:
    """Tokens (lower-cased, stop words out, figures ``#v``, dates ``@yyyy-mm-dd``) and the
    figure/date sets and negation flag of one claim text. With ``published`` (ISO), weekday
    names and yesterday/today become calendar days too."""
    dates: set[str] = set()
    figures: set[float] = set()
    work = _CONTRACTION_RE.sub(r"\1 n't", text)
    work = _replace_dates(work, dates)
    anchor = _anchor(published)
    if anchor is not None:
        work = _replace_relative_days(work, anchor, dates)
    # "@2020" tokens are not figures: protect them from the figure pass by splitting on them
    parts = re.split(r"(\s@[\w-]+\s)", work)
    work = "".join(p if p.startswith(" @") else _replace_figures(p, figures) for p in parts)
    raw = [t.lower() for t in TOKEN_RE.findall(work)]
    negated = any(t in NEGATIONS for t in raw)
    tokens = tuple(t for t in raw if t not in STOPWORDS)
    return Normalized(tokens, frozenset(figures), frozenset(dates), negated)


def index_tokens(text: str) -> list[str]:
    """The tokens the BM25 index sees for ``text`` (see :func:`normalize`)."""
    return list(normalize(text).tokens)
