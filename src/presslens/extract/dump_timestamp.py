"""The timestamp line of a text dump ("Nov 25, 2026, 5:42 PM") → ISO 8601 with its time.

A dump's timestamp is a line of its own (or one `` | ``-separated part of a line), so the
parser reads whole lines only and never searches running text: a date mentioned in a sentence
is not a publication time. It is written by hand rather than with dateparser because the forms
are few and fixed, a full-line match rules out false positives, and it costs microseconds.

Output: ``YYYY-MM-DDTHH:MM:SS`` when the line has a time, ``YYYY-MM-DD`` when it has none, and
an offset (``+03:30``, ``+00:00``) only when the line names one — a page's local time is never
silently turned into UTC. Numeric day/month orders that cannot be told apart (``05/11/2026``)
give None rather than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from presslens.vocab.months import MONTHS
from presslens.vocab.weekdays import WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES

__all__ = ["Timestamp", "parse_timestamp"]

# A timestamp line is short; longer lines are sentences and are not even matched.
MAX_TIMESTAMP_CHARS = 90

_SP = r"[ \t\u00a0\u202f\u2009]"
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = rf"(?:{'|'.join((*WEEKDAY_ABBREVIATIONS, *WEEKDAY_NAMES))})\.?,?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_TIME = (
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    rf"(?:{_SP}*(?P<ampm>[ap]\.?{_SP}?m\.?))?"
)
# Offsets and the few zone names agency pages print; ambiguous abbreviations (IST, AST, CST)
# are left out on purpose: a wrong offset is worse than none.
ZONES: dict[str, str] = {
    "gmt": "+00:00", "utc": "+00:00", "z": "+00:00", "irst": "+03:30", "irdt": "+04:30",
    "msk": "+03:00", "cet": "+01:00", "cest": "+02:00", "eet": "+02:00", "eest": "+03:00",
    "bst": "+01:00", "est": "-05:00", "edt": "-04:00", "pst": "-08:00", "pdt": "-07:00",
    "trt": "+03:00", "pkt": "+05:00",
}  # fmt: skip
_ZONE = (
    r"(?P<zone>(?:gmt|utc)?{sp}*[+\u2212-]{sp}*\d{{1,2}}(?::?\d{{2}})?|"
    + "|".join(sorted(ZONES, key=len, reverse=True))
    + r")"
).format(sp=_SP)

# Words and punctuation between the date and the time: "Nov 25, 2026, 5:42 PM",
# "25 November 2026 - 17:42", "November 25, 2026 at 5:42 pm", "2026-11-25 | 17:42".
_JOIN = rf"{_SP}*(?:[,\-\u2013\u2014|/@]|at|{_SP}){_SP}*"

_DATE_FORMS = (
    rf"{_MONTH},?{_SP}*{_DAY},?{_SP}*{_YEAR}",  # Nov 25, 2026; November, 25, 2026
    rf"{_DAY}{_SP}*{_MONTH},?{_SP}*{_YEAR}",  # 25 November 2026
    r"(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})",  # 2026-11-25, 2026/11/25
    r"(?P<na>\d{1,2})[./-](?P<nb>\d{1,2})[./-](?P<ny>\d{4})",  # 25.11.2026, 11/25/2026, 25-11-2026
)

# Labels a page puts before its timestamp ("Published: …", "Last update: …").
# Prefix words that make a timestamp a modification time, not the publication time.
_UPDATED = re.compile(r"updat|modif|edited", re.IGNORECASE)
_PREFIX = re.compile(
    rf"(?:(?:first\s+)?published|posted|last\s+(?:updated?|modified)|updated|update|modified"
    rf"|edited|date|time|created)"
    rf"(?:{_SP}+on)?{_SP}*:?{_SP}*",
    re.IGNORECASE,
)


def _forms() -> list[re.Pattern[str]]:
    patterns = []
    for form in _DATE_FORMS:
        weekday = rf"(?:{_WEEKDAY}{_SP}*)?"
        date_then_time = rf"{weekday}{form}(?:{_JOIN}{_TIME})?"
        time_then_date = rf"{_TIME}{_JOIN}{weekday}{form}"
        iso_t = rf"{form}T{_TIME}" if form.startswith("(?P<iy>") else None
        for body in filter(None, (date_then_time, time_then_date, iso_t)):
            patterns.append(re.compile(rf"{body}(?:{_SP}*\(?{_ZONE}\)?)?", re.IGNORECASE))
    return patterns


_PATTERNS = _forms()


@dataclass(frozen=True)
class Timestamp:
    """A parsed timestamp line: ISO value, the text as written, and whether it had a time."""

    iso: str
    text: str
    has_time: bool
    updated: bool = False  # the line says it is a modification time ("Last updated: …")


def parse_timestamp(line: str) -> Timestamp | None:
    """Parse a whole line (or one ``|`` part) as a publication timestamp; None if it is not."""
    text = line.strip()
    if not text or len(text) > MAX_TIMESTAMP_CHARS:
        return None
    body = text
    prefix = _PREFIX.match(body)
    if prefix and prefix.end() < len(body):
        body = body[prefix.end() :]
    for pattern in _PATTERNS:
        m = pattern.fullmatch(body.rstrip(" ."))
        if m is None:
            continue
        iso = _to_iso(m)
        if iso is not None:
            updated = prefix is not None and _UPDATED.search(prefix.group(0)) is not None
            return Timestamp(
                iso=iso, text=text, has_time=m.group("hour") is not None, updated=updated
            )
    return None


def _to_iso(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    day_value = _calendar_date(groups)
    if day_value is None:
        return None
    if groups.get("hour") is None:
        return day_value.isoformat()
    hour, minute = int(groups["hour"]), int(groups["minute"])
    second = int(groups["second"] or 0)
    ampm = (groups.get("ampm") or "").replace(".", "").replace(" ", "").replace("\u202f", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    try:
        value = datetime.combine(day_value, time(hour, minute, second))
    except ValueError:
        return None
    iso = value.isoformat()
    zone = groups.get("zone")
    if zone:
        offset = _offset(zone)
        if offset is None:
            return None
        iso += offset
    return iso


def _calendar_date(groups: dict[str, str | None]) -> date | None:
    try:
        if groups.get("month"):
            month = MONTHS[groups["month"].lower()]  # type: ignore[union-attr]
            return date(int(groups["year"]), month, int(groups["day"]))  # type: ignore[arg-type]
        if groups.get("iy"):
            return date(int(groups["iy"]), int(groups["im"]), int(groups["id"]))  # type: ignore[arg-type]
        a, b, year = int(groups["na"]), int(groups["nb"]), int(groups["ny"])  # type: ignore[arg-type]
    except (ValueError, KeyError):
        return None
    if a > 12 >= b:
        day, month = a, b
    elif b > 12 >= a:
        day, month = b, a
    elif a == b:
        day = month = a
    else:
        return None  # 05/11/2026: day-first and month-first both read; refuse to guess
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _offset(zone: str) -> str | None:
    """ "+3:30", "GMT+3", "UTC -04:00", "IRST" → "+03:30"-style offsets."""
    key = re.sub(_SP, "", zone).lower().replace("\u2212", "-")
    if key in ZONES:
        return ZONES[key]
    m = re.fullmatch(r"(?:gmt|utc)?([+-])(\d{1,2}):?(\d{2})?", key)
    if m is None:
        return None
    hours, minutes = int(m.group(2)), int(m.group(3) or 0)
    if hours > 14 or minutes >= 60:
        return None
    return f"{m.group(1)}{hours:02d}:{minutes:02d}"
