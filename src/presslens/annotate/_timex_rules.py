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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from presslens.annotate import _timex_resolve as R
from presslens.annotate._quantity_numbers import DIGITS_RE, NUMBER_WORDS_RE, parse_number
from presslens.annotate._timex_lexicon import (
    DURATION_UNITS,
    FREQUENCY_WORDS,
    HIJRI_MONTHS,
    JALALI_CANONICAL,
    JALALI_MONTHS,
    MONTHS,
    PARTS_OF_DAY,
    PERIOD_QUALIFIERS,
    SEASON_END_MONTH,
    SEASON_PREPOSITIONS,
    SEASONS,
    SET_ADVERB_FOLLOWERS,
    SET_ADVERBS,
    WEEKDAYS,
)


@dataclass
class Timex:
    """One time expression found in a sentence (offsets relative to that sentence)."""

    start: int
    end: int
    kind: str
    value: str | None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Ctx:
    """What a handler may read: the sentence and the reference date (None = unresolvable)."""

    sentence: str
    anchor: dt.date | None


Handler = Callable[[re.Match[str], Ctx], Timex | None]

# ---------------------------------------------------------------- building blocks
_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH_ANY = rf"(?P<month>{_MONTH_FULL}|{_MONTH_ABBR})"
_WD_FULL = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WD_ANY = rf"{_WD_FULL}|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun"
_WD_PREFIX = rf"(?:(?P<wd>{_WD_ANY})\.?,?\s+)?"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[0-9]|20)\d\d)"
_QUAL = r"(?P<mod>(?i:early|mid|late|the end of|the beginning of|the start of|the middle of))"
_UNIT = r"(?P<unit>second|minute|hour|day|week|fortnight|month|year|decade|century|centurie)"
_NUM = rf"(?P<num>(?<![\d,.]){DIGITS_RE}|{NUMBER_WORDS_RE}|an?|a few|several|a couple of|half an?)"
# Words before a bare four-digit number that make it a year ("in 2019", "since 2004").
YEAR_CUES = frozenset({
    "in", "since", "by", "of", "from", "to", "until", "till", "before", "after", "during",
    "year", "the", "between", "and", "circa", "through", "spring", "summer", "autumn", "fall",
    "winter", "early", "late", "mid", "a", "its", "their", "his", "her", "for", "as", "or",
})
# The subset of YEAR_CUES strong enough to keep a year before a plural noun ("in 2020 prices").
YEAR_PREPOSITIONS = frozenset({"in", "since", "by", "from", "until", "till", "before", "after",
                               "during", "through", "circa", "of"})
# Words before a bare four-digit number that make it a count ("about 2000 people").
COUNT_CUES = frozenset({
    "about", "nearly", "some", "over", "than", "around", "approximately", "almost", "roughly",
    "only", "just", "least", "most", "up", "estimated", "additional", "another", "all",
})


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _tense(m: re.Match[str], ctx: Ctx) -> str | None:
    return R.tense_near(ctx.sentence, m.start(), m.end())


def _t(m: re.Match[str], kind: str, value: str | None, **extra: Any) -> Timex:
    return Timex(m.start(), m.end(), kind, value, {k: v for k, v in extra.items() if v})


def _qualifier(raw: str | None) -> str | None:
    return PERIOD_QUALIFIERS.get(raw.lower()) if raw else None


# ---------------------------------------------------------------- handlers
def h_month_day(m: re.Match[str], ctx: Ctx) -> Timex | None:
    month, day = _month(m["month"]), int(m["day"])
    if m["year"]:
        date = R._safe_date(int(m["year"]), month, day)
        return _t(m, "date", date.isoformat()) if date else None
    if ctx.anchor is None:
        return _t(m, "date", None)
    date = R.month_day(ctx.anchor, month, day, _tense(m, ctx))
    return _t(m, "date", date.isoformat() if date else None)


def h_month_year(m: re.Match[str], ctx: Ctx) -> Timex | None:
    return _t(m, "date", f"{m['year']}-{_month(m['month']):02d}",
              qualifier=_qualifier(m["mod"]))


def h_month(m: re.Match[str], ctx: Ctx) -> Timex | None:
    name = m["month"]
    rel = (m["rel"] or "").lower() or None
    qual = _qualifier(rel)
    if name == "May" and rel is None:  # "May" is mostly the modal verb: needs a preposition
        before = ctx.sentence[: m.start()].rstrip().rsplit(" ", 1)[-1].lower()
        if before not in ("in", "since", "until", "by", "of", "during", "from", "to", "through"):
            return None
    if ctx.anchor is None:
        return _t(m, "date", None, qualifier=qual)
    value = R.month_only(ctx.anchor, _month(name), _tense(m, ctx), None if qual else rel)
    return _t(m, "date", value, qualifier=qual)


def h_numeric(m: re.Match[str], ctx: Ctx) -> Timex | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    readings = [d for d in (R._safe_date(y, a, b), R._safe_date(y, b, a)) if d]  # US, then EU
    if not readings:
        return None
    if ctx.anchor and len(readings) == 2 and readings[0] != readings[1]:
        # The reading that is not in the future and closest to publication wins.
        readings.sort(key=lambda d: (d > ctx.anchor, abs((d - ctx.anchor).days)))
    return _t(m, "date", readings[0].isoformat())


def h_iso(m: re.Match[str], ctx: Ctx) -> Timex | None:
    date = R._safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _t(m, "date", date.isoformat()) if date else None


def h_year_range(m: re.Match[str], ctx: Ctx) -> Timex | None:
    y1, raw2 = int(m["y1"]), m["y2"]
    y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2)
    if not y1 < y2 <= y1 + 30:  # "2023/114" or "1990-2090" are not year ranges
        return None
    return _t(m, "date", None, low=str(y1), high=str(y2))


def h_decade(m: re.Match[str], ctx: Ctx) -> Timex | None:
    if m["short"]:
        base = (ctx.anchor.year // 100 * 100 if ctx.anchor else 1900) + int(m["short"]) * 10
        if ctx.anchor and base > ctx.anchor.year:
            base -= 100
        decade = str(base)
    else:
        decade = m["dec"]
    value = decade[:2] + "XX" if decade.endswith("00") and decade != "2000" else decade[:3] + "X"
    return _t(m, "date", value, qualifier=_qualifier(m["mod"]))


def h_year(m: re.Match[str], ctx: Ctx) -> Timex | None:
    year = int(m["year"])
    if ctx.anchor and year > ctx.anchor.year + 100 or year < 1500:
        return None
    before = ctx.sentence[: m.start("year")].rstrip(" -")
    prev = before.rsplit(None, 1)[-1].lower() if before.split() else ""
    if before.endswith(("$", "€", "£", "#", "No.", "no.")):
        return None
    if prev in COUNT_CUES:
        return None
    nxt = re.match(r"\s+([a-z]+)", ctx.sentence[m.end():])
    if nxt and nxt.group(1).endswith("s") and prev not in YEAR_PREPOSITIONS and not m["mod"]:
        return None  # "2000 soldiers": a count, unless a preposition says year
    return _t(m, "date", str(year), qualifier=_qualifier(m["mod"]))


_ORDINAL_QUARTER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                    "fourth": 4, "4th": 4, "final": 4, "last": 4}


def h_quarter(m: re.Match[str], ctx: Ctx) -> Timex | None:
    q = int(m["q"]) if m["q"] else _ORDINAL_QUARTER[m["ord"].lower()]
    if m["year"]:
        year = int(m["year"])
    elif ctx.anchor is None:
        return _t(m, "date", None)
    else:
        year = ctx.anchor.year
    return _t(m, "date", f"{year}-Q{q}")


def h_half(m: re.Match[str], ctx: Ctx) -> Timex | None:
    half = 1 if m["ord"].lower() == "first" else 2
    return _t(m, "date", f"{m['year']}-H{half}")


def h_season(m: re.Match[str], ctx: Ctx) -> Timex | None:
    code = SEASONS[m["season"].lower()]
    rel = (m["rel"] or "").lower() or None
    if m["year"]:
        return _t(m, "date", f"{m['year']}-{code}", qualifier=_qualifier(rel))
    if rel not in ("last", "next", "this"):
        before = ctx.sentence[: m.start()].split()
        if code == "FA" or rel or not before or before[-1].lower() not in SEASON_PREPOSITIONS:
            return None  # a bare "fall"/"spring" is far more often a verb or another sense
        if ctx.anchor is None:
            return _t(m, "date", None)
        # the season's middle month, resolved like a bare month name
        middle = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}[code]
        year = R.month_only(ctx.anchor, middle, _tense(m, ctx), None)[:4]
        return _t(m, "date", f"{year}-{code}")
    if ctx.anchor is None:
        return _t(m, "date", None)
    year = ctx.anchor.year
    ended = ctx.anchor.month > SEASON_END_MONTH[code]
    if rel == "last":
        year = year if ended else year - 1
    elif rel == "next":
        year = year + 1 if ended else year
    return _t(m, "date", f"{year}-{code}")


_RELDAY = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "last night": -1,
           "the day before yesterday": -2, "the day after tomorrow": 2}


def h_relday(m: re.Match[str], ctx: Ctx) -> Timex | None:
    word = m["w"].lower()
    part = "NI" if word in ("tonight", "last night") else None
    if m["part"]:
        part = PARTS_OF_DAY[m["part"].lower()]
    if ctx.anchor is None:
        return _t(m, "date", None)
    date = ctx.anchor + dt.timedelta(days=_RELDAY.get(word, 0))
    return _t(m, "date", date.isoformat() + (f"T{part}" if part else ""))


_REL_AMOUNT = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0,
               "current": 0}


def h_relunit(m: re.Match[str], ctx: Ctx) -> Timex | None:
    rel, unit = m["rel"].lower(), m["unit"].lower()
    if m["the"] and rel in ("last", "past", "previous", "next", "coming"):
        designator, time_part, mult = DURATION_UNITS.get(unit, ("W", False, 1))
        return _t(m, "duration", R.duration_value(mult, designator, time_part))
    if ctx.anchor is None:
        return _t(m, "date", None)
    qual = m["pre"].strip().lower() if m["pre"] else None
    return _t(m, "date", R.shift(ctx.anchor, unit, _REL_AMOUNT[rel]), qualifier=qual)


def h_weekday(m: re.Match[str], ctx: Ctx) -> Timex | None:
    rel = (m["rel"] or "").lower() or None
    if ctx.anchor is None:
        return _t(m, "date", None)
    date = R.weekday(ctx.anchor, WEEKDAYS[m["wd"].lower()], _tense(m, ctx), rel)
    part = PARTS_OF_DAY[m["part"].lower()] if m["part"] else None
    return _t(m, "date", date.isoformat() + (f"T{part}" if part else ""))


def _amount(raw: str) -> float | None:
    raw = raw.lower()
    if raw in ("a few", "several", "a couple of"):
        return 2.0 if raw == "a couple of" else None
    if raw.startswith("half"):
        return 0.5
    return parse_number(raw)


def _unit(raw: str) -> str:
    raw = raw.lower()
    return "century" if raw.startswith("centur") else raw


def h_ago(m: re.Match[str], ctx: Ctx) -> Timex | None:
    amount = _amount(m["num"])
    unit = _unit(m["unit"])
    if m["dir"].lower() != "ago" or ctx.anchor is None or amount is None:
        return _t(m, "date", None)  # "two days later": relative to an event we cannot see
    if unit in ("second", "minute", "hour"):
        return _t(m, "date", ctx.anchor.isoformat())
    if unit == "fortnight":
        unit, amount = "week", amount * 2
    if unit == "day":
        return _t(m, "date", (ctx.anchor - dt.timedelta(days=int(amount))).isoformat())
    if unit in ("decade", "century"):
        years = int(amount * (10 if unit == "decade" else 100))
        return _t(m, "date", str(ctx.anchor.year - years))
    return _t(m, "date", R.shift(ctx.anchor, unit, -int(amount)))


# A number (plus up to two words: "$300", "8,000 steps") right before "a year" makes it a rate.
_AMOUNT_BEFORE = re.compile(r"(?:\d[\d,.]*%?|million|billion|thousand)(?:\s+[a-z]+){0,2}\s*$")


def h_duration(m: re.Match[str], ctx: Ctx) -> Timex | None:
    if m["old"]:
        return None  # "52-year-old" is an age
    amount = _amount(m["num"])
    unit = _unit(m["unit"])
    designator, time_part, mult = DURATION_UNITS[unit]
    words = m.group().replace("-", " ").split()
    if m.start() > 0 and all(w[:1].isupper() for w in words):
        return None  # "the 14th Five-Year Plan": part of a name, not a duration
    if m["num"].lower() in ("a", "an") and unit == "second":
        return None  # "a second phase": the ordinal, not one second
    if m["num"].lower() in ("a", "an") and not m["pre"]:
        before = ctx.sentence[: m.start()]
        if _AMOUNT_BEFORE.search(before.rstrip()) and unit in ("day", "week", "month", "year"):
            # "$300 a year", "twice a day": a rate, i.e. a set
            return _t(m, "set", R.duration_value(1, designator, time_part))
    value = R.duration_value(None if amount is None else amount * mult, designator, time_part)
    return _t(m, "duration", value)


_SET_UNITS = {"morning": "XXXX-XX-XXTMO", "afternoon": "XXXX-XX-XXTAF",
              "evening": "XXXX-XX-XXTEV", "night": "XXXX-XX-XXTNI", "weekday": "XXXX-WXX-WD",
              "weekend": "XXXX-WXX-WE"}


def h_set_every(m: re.Match[str], ctx: Ctx) -> Timex | None:
    if m["wd"]:
        return _t(m, "set", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower().rstrip('s')]}")
    word = m["sunit"].lower()
    if word in SEASONS:
        return _t(m, "set", f"XXXX-{SEASONS[word]}")
    if word in _SET_UNITS:
        return _t(m, "set", _SET_UNITS[word])
    num = m["snum"]
    amount = 2.0 if num and num.lower() == "other" else (parse_number(num) if num else 1.0)
    designator, time_part, mult = DURATION_UNITS[word]
    return _t(m, "set", R.duration_value((amount or 1) * mult, designator, time_part))


def h_set_adverb(m: re.Match[str], ctx: Ctx) -> Timex | None:
    follower = re.match(r"\s*([A-Za-z]+)", ctx.sentence[m.end():])
    if follower and follower.group(1).lower() not in SET_ADVERB_FOLLOWERS:
        return None  # "average monthly wages": an adjective, not a recurrence
    return _t(m, "set", SET_ADVERBS[m["adv"].lower()])


def h_set_freq(m: re.Match[str], ctx: Ctx) -> Timex | None:
    raw = m["freq"].lower()
    count = re.sub(r"\s+(?:times|days|nights)$", "", raw)
    times = FREQUENCY_WORDS.get(raw) or parse_number(count)
    designator, time_part, mult = DURATION_UNITS[m["funit"].lower()]
    qual = f"{int(times)}X" if times else None
    return _t(m, "set", R.duration_value(mult, designator, time_part), qualifier=qual)


_EDGE_SHIFT = {"the": 0, "this": 0, "next": 1, "last": -1}


def h_period_edge(m: re.Match[str], ctx: Ctx) -> Timex | None:
    edge = PERIOD_QUALIFIERS.get(" ".join(m["edge"].lower().split()))
    if ctx.anchor is None:
        return _t(m, "date", None, qualifier=edge)
    value = R.shift(ctx.anchor, m["unit"].lower(), _EDGE_SHIFT[m["det"].lower()])
    return _t(m, "date", value, qualifier=edge)


def h_set_plural_weekday(m: re.Match[str], ctx: Ctx) -> Timex | None:
    return _t(m, "set", f"XXXX-WXX-{WEEKDAYS[m['pwd'][:-1].lower()]}")


def h_clock(m: re.Match[str], ctx: Ctx) -> Timex | None:
    hour, minute = int(m["h"]), int(m["m"] or 0)
    pm = m["ampm"].lower().startswith("p")
    if hour > 12 or hour == 0:
        return None
    hour = (hour % 12) + (12 if pm else 0)
    return _t(m, "time", f"T{hour:02d}:{minute:02d}")


# Words before a bare "14:30" that make it a clock time; without one (or a time zone after)
# "Luke 19:10" and "Koran 9:29" would be times.
CLOCK_CUES = frozenset({"at", "by", "until", "till", "from", "to", "around", "about", "after",
                        "before", "since", "of", "between", "and", "approximately", "roughly"})


def h_clock24(m: re.Match[str], ctx: Ctx) -> Timex | None:
    before = ctx.sentence[: m.start()].split()
    if not m["tz"] and (not before or before[-1].lower() not in CLOCK_CUES):
        return None
    return _t(m, "time", f"T{int(m['h']):02d}:{m['m']}", timezone=m["tz"])


def h_noon(m: re.Match[str], ctx: Ctx) -> Timex | None:
    return _t(m, "time", "T00:00" if m["w"].lower() == "midnight" else "T12:00")


def h_jalali(m: re.Match[str], ctx: Ctx) -> Timex | None:
    from dateparser.calendars.jalali import JalaliCalendar

    month = JALALI_MONTHS[m["jm"].lower()]
    try:
        parsed = JalaliCalendar(f"{int(m['jd'])} {JALALI_CANONICAL[month - 1]} {m['jy']}").get_date()
    except (ValueError, KeyError, IndexError):
        parsed = None
    if parsed is None or parsed.date_obj is None:
        return None
    return _t(m, "date", parsed.date_obj.date().isoformat(), calendar="jalali")


def h_hijri(m: re.Match[str], ctx: Ctx) -> Timex | None:
    from hijridate import Hijri

    try:
        month = HIJRI_MONTHS[m["hm"].lower().replace("’", "'")]
        greg = Hijri(int(m["hy"]), month, int(m["hd"])).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return _t(m, "date", greg.isoformat(), calendar="hijri")


# ---------------------------------------------------------------- the rules
def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_JALALI = _alt([w.title() for w in JALALI_MONTHS if w != "day"])
_HIJRI = _alt([w[:1].upper() + w[1:] for w in HIJRI_MONTHS] + list(HIJRI_MONTHS))
_HIJRI_APOSTROPHES = _HIJRI.replace("'", "['’]")  # "Sha'ban" and "Sha’ban"

RULES: list[tuple[str, re.Pattern[str], Handler]] = [
    # "March 4", "Nov. 9, 2023", "Thu, June 12, 2019"
    ("month_day", re.compile(
        rf"{_WD_PREFIX}{_MONTH_ANY}\s+{_DAY}(?!\d|:\d)(?:,?\s+{_YEAR}(?!\d|,\d))?"), h_month_day),
    # "4 March 2025", "the 4th of March"
    ("day_month", re.compile(
        rf"(?<![\d,.]){_WD_PREFIX}(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH_ANY}(?![a-z])"
        rf"(?:,?\s+{_YEAR}(?!\d|,\d))?"), h_month_day),
    # "March 2019", "mid-March 2019" — the year keeps the month granularity
    ("month_year", re.compile(
        rf"(?:{_QUAL}[-\s]+)?{_MONTH_ANY}(?:\s+of)?,?\s+{_YEAR}(?!\d|,\d)"), h_month_year),
    # "April", "last March", "early June" (full names only: "Jan" is also a name)
    ("month", re.compile(
        rf"(?:(?P<rel>(?i:last|next|this|early|mid|late|the end of|the beginning of|the start of"
        rf"|the middle of))[-\s]+)?(?P<month>{_MONTH_FULL})(?![\w-])"), h_month),
    # "09/11/2023", "9.11.2023"
    ("numeric", re.compile(
        rf"{_WD_PREFIX}(?<![\d/.])(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)"
        rf"(?P<y>\d{{4}}|\d{{2}})(?![\d/])"), h_numeric),
    ("iso", re.compile(
        r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])(?![\d-])"),
     h_iso),
    # "1990-1991", "2019/20"
    ("year_range", re.compile(
        r"(?<![\d,.$€£/-])(?P<y1>(?:1[5-9]|20)\d\d)\s*[-–—/]\s*(?P<y2>(?:1[5-9]|20)\d\d|\d\d)"
        r"(?![\d/%]|,\d)(?!\s*(?:percent|per cent))"), h_year_range),
    # "the late 1990s", "the '90s", "the 1800s"
    ("decade", re.compile(
        rf"(?:[Tt]he\s+)?(?:{_QUAL}[-\s]+)?(?:(?P<dec>(?:1[0-9]|20)\d0)s|'(?P<short>\d)0s)\b"),
     h_decade),
    # "2019", "mid-2019"
    ("year", re.compile(
        rf"(?:{_QUAL}[-\s]+)?(?<![\d,.$€£/#])(?<!\d-){_YEAR}(?![\d/%]|,\d|[-–]\d|\.\d)"
        r"(?!\s*(?:percent|per cent))"), h_year),
    # "the first quarter of 2021", "Q1 2021"
    ("quarter", re.compile(
        r"(?:(?i:the\s+)?(?P<ord>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))"
        rf"\s+quarter|\bQ(?P<q>[1-4]))(?:(?:\s+of|,)?\s+{_YEAR})?(?![\w])"), h_quarter),
    ("half", re.compile(
        rf"(?i:the\s+)?(?P<ord>(?i:first|second))\s+half\s+of\s+{_YEAR}"), h_half),
    # "the summer of 2022", "last winter"
    ("season", re.compile(
        r"(?:(?P<rel>(?i:last|next|this|early|late))\s+)?(?:(?i:the)\s+)?"
        rf"(?P<season>(?i:spring|summer|autumn|fall|winter))(?:(?:\s+of)?,?\s+{_YEAR})?\b"),
     h_season),
    ("relday", re.compile(
        r"\b(?P<w>(?i:today|yesterday|tomorrow|tonight|last night|the day before yesterday"
        r"|the day after tomorrow|this (?P<part>morning|afternoon|evening)))\b"), h_relday),
    # "last week", "earlier this month", "the past year" (a duration)
    ("relunit", re.compile(
        r"(?P<pre>(?i:earlier|later)\s+)?(?P<the>(?i:the)\s+)?"
        r"(?P<rel>(?i:last|next|this|past|coming|previous|current))\s+"
        r"(?P<unit>(?i:week|weekend|month|year|decade|century))\b"), h_relunit),
    # "this season", "last season": a sports or farming season, which no calendar resolves
    ("season_rel", re.compile(r"(?P<rel>(?i:last|this|next|the\s+coming|the\s+previous))\s+"
                              r"season\b"), lambda m, ctx: _t(m, "date", None)),
    # "Tuesday", "last Tuesday", "Thursday morning"
    ("weekday", re.compile(
        rf"(?:(?P<rel>(?i:last|next|this|coming|past))\s+)?(?P<wd>{_WD_FULL})(?!s\b)"
        r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b"), h_weekday),
    # "three years ago", "two days later"
    ("ago", re.compile(
        rf"(?i:{_NUM}[\s-]+{_UNIT}s?\s+(?P<dir>ago))(?![\w])"), h_ago),
    # "two decades", "48 hours", "the next two years", "10-year"
    ("duration", re.compile(
        rf"(?i:(?P<pre>the\s+(?:next|past|last|previous|coming|first|following|final)\s+)?"
        rf"{_NUM}[\s-]+{_UNIT}s?)(?P<old>[-\s]olds?\b)?(?![\w])"), h_duration),
    # "every Friday", "each year", "every 6 hours"
    ("set_every", re.compile(
        rf"(?i:every|each)\s+(?:(?P<wd>{_WD_FULL})|(?:(?P<snum>(?i:other|\d+|{NUMBER_WORDS_RE}))"
        r"\s+)?(?P<sunit>(?i:second|minute|hour|day|week|fortnight|month|year|decade|morning"
        r"|afternoon|evening|night|weekday|weekend|spring|summer|autumn|winter))s?)(?![\w-])"),
     h_set_every),
    ("set_adverb", re.compile(
        r"\b(?P<adv>daily|nightly|weekly|fortnightly|monthly|quarterly|annually|yearly|hourly)"
        r"\b"), h_set_adverb),
    ("set_freq", re.compile(
        rf"(?P<freq>(?i:once|twice|thrice|(?:\d+|{NUMBER_WORDS_RE})\s+(?:times|days|nights)))"
        r"\s+(?i:a|an|per|every|each)\s+(?P<funit>(?i:hour|day|week|month|year))\b"),
     h_set_freq),
    # "the end of the year", "the beginning of next month"
    ("period_edge", re.compile(
        r"(?P<edge>(?i:the\s+(?:end|beginning|start|middle)\s+of))\s+"
        r"(?P<det>(?i:the|this|next|last))\s+(?P<unit>(?i:year|month|week|decade))\b"),
     h_period_edge),
    ("set_plural_weekday", re.compile(
        r"\b(?P<pwd>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays)\b"),
     h_set_plural_weekday),
    # "5:42 PM", "9 a.m."
    ("clock", re.compile(
        r"(?<![\d:.])(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?\s*"
        r"(?P<ampm>[apAP]\.\s?[mM]\.|[ap]m\b|[AP]M\b)"), h_clock),
    ("clock24", re.compile(
        r"(?<![\d:.])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])"
        r"(?:\s*(?P<tz>GMT|UTC|CET|CEST|EST|EDT|PST|PDT|IRST|local time|hrs|hours|h)\b)?"),
     h_clock24),
    ("noon", re.compile(r"\b(?P<w>noon|midday|midnight)\b"), h_noon),
    # "1 Farvardin 1403" (Jalali), "15 Ramadan 1445" (Hijri)
    ("jalali", re.compile(
        rf"(?P<jd>3[01]|[12]\d|0?[1-9])\s+(?P<jm>{_JALALI})(?:,)?\s+(?P<jy>1[34]\d\d)(?!\d)"),
     h_jalali),
    ("hijri", re.compile(
        rf"(?P<hd>3[01]|[12]\d|0?[1-9])\s+(?P<hm>{_HIJRI_APOSTROPHES})(?:,)?\s+"
        r"(?P<hy>1[34]\d\d)"
        r"(?:\s*(?:AH|A\.H\.))?(?!\d)"), h_hijri),
]


_UNIT_WORDS = r"(?i:second|minute|hour|day|week|fortnight|month|year|decade|centur)"
_MONTH_WORDS = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
# A cheap test per rule: a sentence without the rule's key word cannot match it, so the
# (slower, position-by-position) full pattern is skipped. Halves the layer's run time on news.
TRIGGERS: dict[str, re.Pattern[str]] = {
    name: re.compile(trigger) for name, trigger in {
        "month_day": _MONTH_WORDS, "day_month": _MONTH_WORDS, "month_year": _MONTH_WORDS,
        "month": _MONTH_FULL, "numeric": r"\d[/.]\d", "iso": r"\d{4}-\d", "year_range": r"\d{4}",
        "decade": r"0s\b", "year": r"\d{4}", "quarter": r"(?i:quarter)|Q[1-4]",
        "half": r"(?i:half)", "season": r"(?i:spring|summer|autumn|fall|winter)",
        "relday": r"(?i:today|yesterday|tomorrow|tonight|night|morning|afternoon|evening)",
        "relunit": _UNIT_WORDS, "season_rel": r"season", "weekday": _WD_FULL, "ago": r"(?i:\bago\b)",
        "duration": _UNIT_WORDS, "set_every": r"(?i:every|each)",
        "set_adverb": r"(?:ly)\b", "set_freq": r"(?i:once|twice|thrice|times|days|nights)",
        "period_edge": r"(?i:end|beginning|start|middle)",
        "set_plural_weekday": r"days\b", "clock": r"\d\s*[apAP]\.?\s?[mM]",
        "clock24": r"\d:\d", "noon": r"noon|midday|midnight", "jalali": _JALALI,
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
    if not (which and count and b.value and re.fullmatch(r"\d{4}", b.value)
            and _OF.match(sentence[a.end : b.start])):
        return None
    n = int(count.group(1))
    if not 1 <= n <= 12:
        return None
    first, last = (1, n) if which["which"].lower() == "first" else (13 - n, 12)
    return Timex(a.start, b.end, "date", None,
                 {"low": f"{b.value}-{first:02d}", "high": f"{b.value}-{last:02d}"})


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
        if (b and opener and a.kind == b.kind == "date" and a.value and b.value
                and _RANGE_JOIN.match(sentence[a.end : b.start])
                and (opener["w"].lower() == "between" or len(a.value) <= 7)):
            out.append(Timex(opener.start(), b.end, "date", None,
                             {"low": a.value, "high": b.value}))
            i += 2
            continue
        out.append(a)
        i += 1
    return out
