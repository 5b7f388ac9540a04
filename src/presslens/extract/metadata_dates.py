"""Publication dates: normalise what pages declare, and read dates from URLs.

Why keep the page's precision: a fact-checker compares timestamps across outlets, so a
declared "2024-01-01T17:00:00+03:30" must keep its time and offset, and a bare "2024-01-01"
must not gain an invented midnight. Output is ISO 8601: ``YYYY-MM-DD`` or
``YYYY-MM-DDTHH:MM[:SS][±HH:MM|Z]``.
"""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime

from presslens.vocab.months import MONTH_PREFIXES

# ISO 8601 as pages write it: "2019-11-18", "2019-11-18T10:05", "2019-11-18 10:05:33.123Z",
# "2019-11-18T10:05:33+0100", also with "/" separators in the date part.
_ISO = re.compile(
    r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?"
)
# Compact forms some CMSs emit: "20191118" or "20191118T100533Z".
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?(Z)?)?\s*$")

# Earliest plausible publication date: anything older is a parsing accident (or a birth date).
MIN_YEAR = 1990


def _valid(y: int, m: int, d: int) -> bool:
    try:
        day = date(y, m, d)
    except ValueError:
        return False
    return MIN_YEAR <= y <= date.today().year + 1 and day <= date.today().replace(
        year=date.today().year + 1
    )


def _tz(tz: str | None) -> str:
    if not tz or tz in ("UTC", "GMT", "Z"):
        return "Z" if tz else ""
    tz = tz.replace(":", "")
    return f"{tz[:3]}:{tz[3:]}"


def normalise_date(value: str | None) -> str | None:
    """ISO form of a declared date/time, keeping its precision; None when not a date."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    m = _ISO.match(value) or _COMPACT.match(value)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not _valid(y, mo, d):
            return None
        out = f"{y:04d}-{mo:02d}-{d:02d}"
        if m.group(4) is not None:
            hh, mm = int(m.group(4)), int(m.group(5))
            if hh > 23 or mm > 59:
                return out
            out += f"T{hh:02d}:{mm:02d}"
            if m.group(6):
                out += f":{int(m.group(6)):02d}"
            out += _tz(m.group(7))
        return out
    # RFC 2822, as in some feeds and meta tags: "Mon, 18 Nov 2019 10:05:00 GMT". Only when the
    # string ends with seconds and a zone: the e-mail parser ignores "PM" in freer forms.
    if _RFC2822_TAIL.search(value):
        try:
            dt = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            dt = None
        if dt is not None and _valid(dt.year, dt.month, dt.day):
            return dt.isoformat(timespec="seconds").replace("+00:00", "Z")
    return _parse_words(value)


_RFC2822_TAIL = re.compile(r"\d{1,2}:\d{2}:\d{2}\s*(GMT|UTC|UT|Z|[+-]\d{4}|[A-Z]{3})\s*$")

_MONTHS = MONTH_PREFIXES  # "nov" from "November", "Nov." or "Novembre"
# Dates written in English words, as bylines and some meta tags carry them:
# "November 18, 2019", "Nov. 18, 2019 10:05 AM", "18 November 2019 10:05", "Monday 18 Nov 2019".
_WORD_DATE = re.compile(
    r"(?:(?P<m1>[a-z]{3})[a-z]*\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>[a-z]{3})[a-z]*\.?,?\s+(?P<y2>\d{4}))"
    r"(?:\D{0,6}?(?P<h>\d{1,2}):(?P<mi>\d{2})(?::\d{2})?\s*(?P<ap>[ap])?\.?m?\.?)?",
    re.IGNORECASE,
)


def _parse_words(value: str) -> str | None:
    """English word dates, kept only when a day, a month and a year are all written.

    Hand-rolled rather than dateparser: dateparser fills missing parts ("March 2019" → a day)
    and its first call costs about a second, more than extracting a whole page.
    """
    m = _WORD_DATE.search(value)
    if not m:
        return None
    month_word = (m.group("m1") or m.group("m2")).lower()
    if month_word not in _MONTHS:
        return None
    y = int(m.group("y1") or m.group("y2"))
    d = int(m.group("d1") or m.group("d2"))
    mo = _MONTHS[month_word]
    if not _valid(y, mo, d):
        return None
    out = f"{y:04d}-{mo:02d}-{d:02d}"
    if m.group("h") is not None:
        hh, mm = int(m.group("h")), int(m.group("mi"))
        ap = (m.group("ap") or "").lower()
        if ap == "p" and hh < 12:
            hh += 12
        elif ap == "a" and hh == 12:
            hh = 0
        if hh <= 23 and mm <= 59:
            out += f"T{hh:02d}:{mm:02d}"
    return out


# Dates in URL paths: /2019/11/18/, /2019-11-18-, /20191118/ (day required: "/2019/11/" alone
# is an archive month, not a publication date).
_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})[/_-](?P<m>[01]?\d)[/_-](?P<d>[0-3]?\d)(?!\d)"
    r"|/(?P<y2>(?:19|20)\d{2})(?P<m2>[01]\d)(?P<d2>[0-3]\d)/"
)


def url_date(url: str | None) -> str | None:
    """The date an article URL carries, as ``YYYY-MM-DD``, or None."""
    if not url:
        return None
    m = _URL_DATE.search(url)
    if not m:
        return None
    y, mo, d = (
        (m.group("y"), m.group("m"), m.group("d"))
        if m.group("y")
        else (m.group("y2"), m.group("m2"), m.group("d2"))
    )
    y_i, m_i, d_i = int(y), int(mo), int(d)
    return f"{y_i:04d}-{m_i:02d}-{d_i:02d}" if _valid(y_i, m_i, d_i) else None
