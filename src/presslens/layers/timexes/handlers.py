"""Timex handlers: what each grammar rule turns its match into (kind, value, extras).

Kept apart from the patterns (``_timex_rules``) so each file reads as one thing: here the
decisions per construction — which "May" is a month, which four-digit number is a year,
what "last summer" means — with the resolution arithmetic in ``_timex_resolve``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from presslens.layers.quantities.numbers import parse_number
from presslens.layers.timexes import resolve as R
from presslens.layers.timexes.lexicon import (
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

# Words before a bare four-digit number that make it a year ("in 2019", "since 2004").
YEAR_CUES = frozenset(
    {
        "in",
        "since",
        "by",
        "of",
        "from",
        "to",
        "until",
        "till",
        "before",
        "after",
        "during",
        "year",
        "the",
        "between",
        "and",
        "circa",
        "through",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "early",
        "late",
        "mid",
        "a",
        "its",
        "their",
        "his",
        "her",
        "for",
        "as",
        "or",
    }
)
# The subset of YEAR_CUES strong enough to keep a year before a plural noun ("in 2020 prices").
YEAR_PREPOSITIONS = frozenset(
    {
        "in",
        "since",
        "by",
        "from",
        "until",
        "till",
        "before",
        "after",
        "during",
        "through",
        "circa",
        "of",
    }
)
# Words before a bare four-digit number that make it a count ("about 2000 people").
COUNT_CUES = frozenset(
    {
        "about",
        "nearly",
        "some",
        "over",
        "than",
        "around",
        "approximately",
        "almost",
        "roughly",
        "only",
        "just",
        "least",
        "most",
        "up",
        "estimated",
        "additional",
        "another",
        "all",
    }
)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _tense(m: re.Match[str], ctx: Ctx) -> str | None:
    return R.tense_near(ctx.sentence, m.start(), m.end())


def _t(m: re.Match[str], kind: str, value: str | None, **extra: Any) -> Timex:
    return Timex(m.start(), m.end(), kind, value, {k: v for k, v in extra.items() if v})


timex_of = _t  # public name for rules defined outside this module


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
    return _t(m, "date", f"{m['year']}-{_month(m['month']):02d}", qualifier=_qualifier(m["mod"]))


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
    span = 100 if len(raw2) == 4 else 30  # "1378-1417" is a reign; "2023/114" is an id
    if not y1 < y2 <= y1 + span:
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
    before = ctx.sentence[: m.start("year")].rstrip(" -")
    words = [w.lower() for w in before.split()[-2:]]
    prev = words[-1] if words else ""
    if ctx.anchor and year > ctx.anchor.year + 100:
        return None
    if year < 1500 and prev not in YEAR_PREPOSITIONS:
        return None  # "in 1066" is a year; a bare 1200 is far more often a count
    if before.endswith(("$", "€", "£", "#", "No.", "no.")):
        return None
    if prev in COUNT_CUES and not (len(words) == 2 and words[0] in YEAR_PREPOSITIONS):
        return None  # "about 2000 people" — but "until about 1965" is a year
    nxt = re.match(r"\s+([a-z]+)", ctx.sentence[m.end() :])
    if nxt and nxt.group(1).endswith("s") and prev not in YEAR_PREPOSITIONS and not m["mod"]:
        return None  # "2000 soldiers": a count, unless a preposition says year
    return _t(m, "date", str(year), qualifier=_qualifier(m["mod"]))


_ORDINAL_QUARTER = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}


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
        if m["season"][:1].isupper():
            return None  # "in Spring Hill": news writes seasons in lower case, names not
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


_RELDAY = {
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "tonight": 0,
    "last night": -1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


def h_relday(m: re.Match[str], ctx: Ctx) -> Timex | None:
    word = m["w"].lower()
    part = "NI" if word in ("tonight", "last night") else None
    if m["part"]:
        part = PARTS_OF_DAY[m["part"].lower()]
    if ctx.anchor is None:
        return _t(m, "date", None)
    date = ctx.anchor + dt.timedelta(days=_RELDAY.get(word, 0))
    return _t(m, "date", date.isoformat() + (f"T{part}" if part else ""))


_REL_AMOUNT = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "next": 1,
    "coming": 1,
    "this": 0,
    "current": 0,
}


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


_SET_UNITS = {
    "morning": "XXXX-XX-XXTMO",
    "afternoon": "XXXX-XX-XXTAF",
    "evening": "XXXX-XX-XXTEV",
    "night": "XXXX-XX-XXTNI",
    "weekday": "XXXX-WXX-WD",
    "weekend": "XXXX-WXX-WE",
}


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
    follower = re.match(r"\s*([A-Za-z]+)", ctx.sentence[m.end() :])
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
    word = m["pwd"][:-1].lower()
    if word in ("weekend", "weekday"):  # "on weekends": the recurring weekend
        return _t(m, "set", "XXXX-WXX-WE" if word == "weekend" else "XXXX-WXX-WD")
    return _t(m, "set", f"XXXX-WXX-{WEEKDAYS[word]}")


def h_clock(m: re.Match[str], ctx: Ctx) -> Timex | None:
    hour, minute = int(m["h"]), int(m["m"] or 0)
    pm = m["ampm"].lower().startswith("p")
    if hour > 12 or hour == 0:
        return None
    hour = (hour % 12) + (12 if pm else 0)
    return _t(m, "time", f"T{hour:02d}:{minute:02d}")


# Words before a bare "14:30" that make it a clock time; without one (or a time zone after)
# "Luke 19:10" and "Koran 9:29" would be times.
CLOCK_CUES = frozenset(
    {
        "at",
        "by",
        "until",
        "till",
        "from",
        "to",
        "around",
        "about",
        "after",
        "before",
        "since",
        "of",
        "between",
        "and",
        "approximately",
        "roughly",
    }
)


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
        written = f"{int(m['jd'])} {JALALI_CANONICAL[month - 1]} {m['jy']}"
        parsed = JalaliCalendar(written).get_date()
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
