"""The timex grammar: one named regular expression per construction, each with a handler.

Why our own grammar rather than ``dateparser.search.search_dates``: search_dates finds many
false dates ("May" the modal, "2,400" as a year) and fills missing parts, so "March 2019"
would come back as a day. Here every rule knows what it matched, so granularity stays exactly
what the text says. dateparser is still used where it is good: converting Jalali dates.

All rules run over one sentence; overlapping matches are settled longest-first by the caller.
"""

from __future__ import annotations

import datetime as dt
import re

from presslens.layers.quantities.numbers import DIGITS_RE, NUMBER_WORDS_RE
from presslens.layers.timexes.handlers import (
    Ctx,
    Handler,
    Timex,
    h_ago,
    h_clock,
    h_clock24,
    h_decade,
    h_duration,
    h_half,
    h_hijri,
    h_iso,
    h_jalali,
    h_month,
    h_month_day,
    h_month_year,
    h_noon,
    h_numeric,
    h_period_edge,
    h_quarter,
    h_relday,
    h_relunit,
    h_season,
    h_set_adverb,
    h_set_every,
    h_set_freq,
    h_set_plural_weekday,
    h_weekday,
    h_year,
    h_year_range,
    timex_of,
)
from presslens.layers.timexes.lexicon import HIJRI_MONTHS, JALALI_MONTHS
from presslens.vocab import alternation
from presslens.vocab.months import MONTH_ABBREVIATIONS, MONTH_NAMES
from presslens.vocab.weekdays import WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES

# ---------------------------------------------------------------- building blocks
_MONTH_FULL = "|".join(m.capitalize() for m in MONTH_NAMES)
_MONTH_ABBR = r"(?:" + alternation(list(MONTH_ABBREVIATIONS), capitalise=True) + r")\.?"
_MONTH_ANY = rf"(?P<month>{_MONTH_FULL}|{_MONTH_ABBR})"
_WD_FULL = "|".join(d.capitalize() for d in WEEKDAY_NAMES)
_WD_ANY = rf"{_WD_FULL}|{alternation(WEEKDAY_ABBREVIATIONS, capitalise=True)}"
_WD_PREFIX = rf"(?:(?P<wd>{_WD_ANY})\.?,?\s+)?"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[0-9]|20)\d\d)"
_QUAL = r"(?P<mod>(?i:early|mid|late|the end of|the beginning of|the start of|the middle of))"
_UNIT = r"(?P<unit>second|minute|hour|day|week|fortnight|month|year|decade|century|centurie)"
_NUM = rf"(?P<num>(?<![\d,.]){DIGITS_RE}|{NUMBER_WORDS_RE}|an?|a few|several|a couple of|half an?)"


# ---------------------------------------------------------------- the rules
def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_JALALI = _alt([w.title() for w in JALALI_MONTHS if w != "day"])
_HIJRI = _alt([w[:1].upper() + w[1:] for w in HIJRI_MONTHS] + list(HIJRI_MONTHS))
_HIJRI_APOSTROPHES = _HIJRI.replace("'", "['’]")  # "Sha'ban" and "Sha’ban"

RULES: list[tuple[str, re.Pattern[str], Handler]] = [
    # "March 4", "Nov. 9, 2023", "Thu, June 12, 2019"
    (
        "month_day",
        re.compile(rf"{_WD_PREFIX}{_MONTH_ANY}\s+{_DAY}(?!\d|:\d)(?:,?\s+{_YEAR}(?!\d|,\d))?"),
        h_month_day,
    ),
    # "4 March 2025", "the 4th of March"
    (
        "day_month",
        re.compile(
            rf"(?<![\d,.]){_WD_PREFIX}(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH_ANY}(?![a-z])"
            rf"(?:,?\s+{_YEAR}(?!\d|,\d))?"
        ),
        h_month_day,
    ),
    # "March 2019", "mid-March 2019" — the year keeps the month granularity
    (
        "month_year",
        re.compile(rf"(?:{_QUAL}[-\s]+)?{_MONTH_ANY}(?:\s+of)?,?\s+{_YEAR}(?!\d|,\d)"),
        h_month_year,
    ),
    # "April", "last March", "early June" (full names only: "Jan" is also a name)
    (
        "month",
        re.compile(
            rf"(?:(?P<rel>(?i:last|next|this|early|mid|late|the end of|the beginning of|the start of"
            rf"|the middle of))[-\s]+)?(?P<month>{_MONTH_FULL})(?![\w-])"
        ),
        h_month,
    ),
    # "09/11/2023", "9.11.2023"
    (
        "numeric",
        re.compile(
            rf"{_WD_PREFIX}(?<![\d/.])(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)"
            rf"(?P<y>\d{{4}}|\d{{2}})(?![\d/])"
        ),
        h_numeric,
    ),
    (
        "iso",
        re.compile(
            r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])(?![\d-])"
        ),
        h_iso,
    ),
    # "1990-1991", "2019/20"
    (
        "year_range",
        re.compile(
            r"(?<![\d,.$€£/-])(?P<y1>(?:1[0-9]|20)\d\d)\s*[-–—/]\s*(?P<y2>(?:1[0-9]|20)\d\d|\d\d)"
            r"(?![\d/%]|,\d)(?!\s*(?:percent|per cent))"
        ),
        h_year_range,
    ),
    # "the late 1990s", "the '90s", "the 1800s"
    (
        "decade",
        re.compile(
            rf"(?:[Tt]he\s+)?(?:{_QUAL}[-\s]+)?(?:(?P<dec>(?:1[0-9]|20)\d0)s|'(?P<short>\d)0s)\b"
        ),
        h_decade,
    ),
    # "2019", "mid-2019"
    (
        "year",
        re.compile(
            rf"(?:{_QUAL}[-\s]+)?(?<![\d,.$€£/#])(?<!\d-){_YEAR}(?![\d/%]|,\d|[-–]\d|\.\d)"
            r"(?!\s*(?:percent|per cent))"
        ),
        h_year,
    ),
    # "the first quarter of 2021", "Q1 2021"
    (
        "quarter",
        re.compile(
            r"(?:(?i:the\s+)?(?P<ord>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))"
            rf"\s+quarter|\bQ(?P<q>[1-4]))(?:(?:\s+of|,)?\s+{_YEAR})?(?![\w])"
        ),
        h_quarter,
    ),
    ("half", re.compile(rf"(?i:the\s+)?(?P<ord>(?i:first|second))\s+half\s+of\s+{_YEAR}"), h_half),
    # "the summer of 2022", "last winter"
    (
        "season",
        re.compile(
            r"(?:(?P<rel>(?i:last|next|this|early|late))\s+)?(?:(?i:the)\s+)?"
            rf"(?P<season>(?i:spring|summer|autumn|fall|winter))(?:(?:\s+of)?,?\s+{_YEAR})?\b"
        ),
        h_season,
    ),
    (
        "relday",
        re.compile(
            r"\b(?P<w>(?i:today|yesterday|tomorrow|tonight|last night|the day before yesterday"
            r"|the day after tomorrow|this (?P<part>morning|afternoon|evening)))\b"
        ),
        h_relday,
    ),
    # "last week", "earlier this month", "the past year" (a duration)
    (
        "relunit",
        re.compile(
            r"(?P<pre>(?i:earlier|later)\s+)?(?P<the>(?i:the)\s+)?"
            r"(?P<rel>(?i:last|next|this|past|coming|previous|current))\s+"
            r"(?P<unit>(?i:week|weekend|month|year|decade|century))\b"
        ),
        h_relunit,
    ),
    # "this season", "last season": a sports or farming season, which no calendar resolves
    (
        "season_rel",
        re.compile(
            r"(?P<rel>(?i:last|this|next|the\s+coming|the\s+previous))\s+"
            r"season\b"
        ),
        lambda m, ctx: timex_of(m, "date", None),
    ),
    # "Tuesday", "last Tuesday", "Thursday morning"
    (
        "weekday",
        re.compile(
            rf"(?:(?P<rel>(?i:last|next|this|coming|past))\s+)?(?P<wd>{_WD_FULL})(?!s\b)"
            r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
        ),
        h_weekday,
    ),
    # "three years ago", "two days later"
    ("ago", re.compile(rf"(?i:{_NUM}[\s-]+{_UNIT}s?\s+(?P<dir>ago))(?![\w])"), h_ago),
    # "two decades", "48 hours", "the next two years", "10-year"
    (
        "duration",
        re.compile(
            rf"(?i:(?P<pre>the\s+(?:next|past|last|previous|coming|first|following|final)\s+)?"
            rf"{_NUM}[\s-]+{_UNIT}s?)(?P<old>[-\s]olds?\b)?(?![\w])"
        ),
        h_duration,
    ),
    # "every Friday", "each year", "every 6 hours"
    (
        "set_every",
        re.compile(
            rf"(?i:every|each)\s+(?:(?P<wd>{_WD_FULL})|(?:(?P<snum>(?i:other|\d+|{NUMBER_WORDS_RE}))"
            r"\s+)?(?P<sunit>(?i:second|minute|hour|day|week|fortnight|month|year|decade|morning"
            r"|afternoon|evening|night|weekday|weekend|spring|summer|autumn|winter))s?)(?![\w-])"
        ),
        h_set_every,
    ),
    (
        "set_adverb",
        re.compile(
            r"\b(?P<adv>daily|nightly|weekly|fortnightly|monthly|quarterly|annually|yearly|hourly)"
            r"\b"
        ),
        h_set_adverb,
    ),
    (
        "set_freq",
        re.compile(
            rf"(?P<freq>(?i:once|twice|thrice|(?:\d+|{NUMBER_WORDS_RE})\s+(?:times|days|nights)))"
            r"\s+(?i:a|an|per|every|each)\s+(?P<funit>(?i:hour|day|week|month|year))\b"
        ),
        h_set_freq,
    ),
    # "the end of the year", "the beginning of next month"
    (
        "period_edge",
        re.compile(
            r"(?P<edge>(?i:the\s+(?:end|beginning|start|middle)\s+of))\s+"
            r"(?P<det>(?i:the|this|next|last))\s+(?P<unit>(?i:year|month|week|decade))\b"
        ),
        h_period_edge,
    ),
    (
        "set_plural_weekday",
        re.compile(
            r"\b(?P<pwd>"
            + "|".join(f"{d.capitalize()}s" for d in WEEKDAY_NAMES)
            + r"|weekends|weekdays)\b"
        ),
        h_set_plural_weekday,
    ),
    # "5:42 PM", "9 a.m."
    (
        "clock",
        re.compile(
            r"(?<![\d:.])(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?\s*"
            r"(?P<ampm>[apAP]\.\s?[mM]\.|[ap]m\b|[AP]M\b)"
        ),
        h_clock,
    ),
    (
        "clock24",
        re.compile(
            r"(?<![\d:.])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])"
            r"(?:\s*(?P<tz>GMT|UTC|CET|CEST|EST|EDT|PST|PDT|IRST|local time|hrs|hours|h)\b)?"
        ),
        h_clock24,
    ),
    ("noon", re.compile(r"\b(?P<w>noon|midday|midnight)\b"), h_noon),
    # "1 Farvardin 1403" (Jalali), "15 Ramadan 1445" (Hijri)
    (
        "jalali",
        re.compile(
            rf"(?P<jd>3[01]|[12]\d|0?[1-9])\s+(?P<jm>{_JALALI})(?:,)?\s+(?P<jy>1[34]\d\d)(?!\d)"
        ),
        h_jalali,
    ),
    (
        "hijri",
        re.compile(
            rf"(?P<hd>3[01]|[12]\d|0?[1-9])\s+(?P<hm>{_HIJRI_APOSTROPHES})(?:,)?\s+"
            r"(?P<hy>1[34]\d\d)"
            r"(?:\s*(?:AH|A\.H\.))?(?!\d)"
        ),
        h_hijri,
    ),
]


_UNIT_WORDS = r"(?i:second|minute|hour|day|week|fortnight|month|year|decade|centur)"
_MONTH_WORDS = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
# A cheap test per rule: a sentence without the rule's key word cannot match it, so the
# (slower, position-by-position) full pattern is skipped. Halves the layer's run time on news.
TRIGGERS: dict[str, re.Pattern[str]] = {
    name: re.compile(trigger)
    for name, trigger in {
        "month_day": _MONTH_WORDS,
        "day_month": _MONTH_WORDS,
        "month_year": _MONTH_WORDS,
        "month": _MONTH_FULL,
        "numeric": r"\d[/.]\d",
        "iso": r"\d{4}-\d",
        "year_range": r"\d{4}",
        "decade": r"0s\b",
        "year": r"\d{4}",
        "quarter": r"(?i:quarter)|Q[1-4]",
        "half": r"(?i:half)",
        "season": r"(?i:spring|summer|autumn|fall|winter)",
        "relday": r"(?i:today|yesterday|tomorrow|tonight|night|morning|afternoon|evening)",
        "relunit": _UNIT_WORDS,
        "season_rel": r"season",
        "weekday": _WD_FULL,
        "ago": r"(?i:\bago\b)",
        "duration": _UNIT_WORDS,
        "set_every": r"(?i:every|each)",
        "set_adverb": r"(?:ly)\b",
        "set_freq": r"(?i:once|twice|thrice|times|days|nights)",
        "period_edge": r"(?i:end|beginning|start|middle)",
        "set_plural_weekday": r"(?:days|weekends)\b",
        "clock": r"\d\s*[apAP]\.?\s?[mM]",
        "clock24": r"\d:\d",
        "noon": r"noon|midday|midnight",
        "jalali": _JALALI,
        "hijri": _HIJRI_APOSTROPHES,
    }.items()
}


def scan(sentence: str, anchor: dt.date | None) -> list[Timex]:
    """Every rule over ``sentence``; overlaps settled longest first, then leftmost."""
    ctx = Ctx(sentence, anchor)
    found: list[Timex] = []
    for name, pattern, handler in RULES:
        trigger = TRIGGERS.get(name)
        if trigger is not None and not trigger.search(sentence):
            continue
        for match in pattern.finditer(sentence):
            if match.end() == match.start():
                continue
            timex = handler(match, ctx)
            if timex is not None:
                found.append(timex)
    found.sort(key=lambda t: (-(t.end - t.start), t.start))
    chosen: list[Timex] = []
    for t in found:
        if all(t.end <= c.start or t.start >= c.end for c in chosen):
            chosen.append(t)
    return _merge_ranges(sentence, sorted(chosen, key=lambda t: t.start))


# "between 2017 and 2021", "from March to May 2024": two dates joined into one range.
_RANGE_OPEN = re.compile(r"(?i:\b(?P<w>between|from))\s+$")
_RANGE_JOIN = re.compile(r"^\s+(?i:and|to|until|till|through)\s+$")


_PART_OF = re.compile(r"(?i:the\s+(?P<which>first|last|final)\s+)")
_OF = re.compile(r"^\s+of\s+$")


def _months_of_year(sentence: str, a: Timex, b: Timex) -> Timex | None:
    """ "the first two months of 2024" → range 2024-01 … 2024-02."""
    which = _PART_OF.match(sentence, a.start)
    count = re.fullmatch(r"P(\d+)M", a.value or "")
    if not (
        which
        and count
        and b.value
        and re.fullmatch(r"\d{4}", b.value)
        and _OF.match(sentence[a.end : b.start])
    ):
        return None
    n = int(count.group(1))
    if not 1 <= n <= 12:
        return None
    first, last = (1, n) if which["which"].lower() == "first" else (13 - n, 12)
    return Timex(
        a.start,
        b.end,
        "date",
        None,
        {"low": f"{b.value}-{first:02d}", "high": f"{b.value}-{last:02d}"},
    )


def _merge_ranges(sentence: str, timexes: list[Timex]) -> list[Timex]:
    out: list[Timex] = []
    i = 0
    while i < len(timexes):
        a = timexes[i]
        b = timexes[i + 1] if i + 1 < len(timexes) else None
        part = _months_of_year(sentence, a, b) if b and a.kind == "duration" else None
        if part is not None:
            out.append(part)
            i += 2
            continue
        opener = _RANGE_OPEN.search(sentence[: a.start])
        if (
            b
            and opener
            and a.kind == b.kind == "date"
            and a.value
            and b.value
            and _RANGE_JOIN.match(sentence[a.end : b.start])
            and (opener["w"].lower() == "between" or len(a.value) <= 7)
        ):
            out.append(
                Timex(opener.start(), b.end, "date", None, {"low": a.value, "high": b.value})
            )
            i += 2
            continue
        out.append(a)
        i += 1
    return out
