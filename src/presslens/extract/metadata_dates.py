"""Publication dates: normalise what pages declare, and read dates from URLs.

Why keep the page's precision: a fact-checker compares timestamps across outlets, so a
declared "2024-01-01T17:00:00+03:30" must keep its time and offset, and a bare "2024-01-01"
must not gain an invented midnight. Output is ISO 8601: ``YYYY-MM-DD`` or
``YYYY-MM-DDTHH:MM[:SS][±HH:MM|Z]``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

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
    # RFC 2822, as in some feeds and meta tags: "Mon, 18 Nov 2019 10:05:00 GMT".
    try:
        dt = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return _parse_words(value)
    if dt is None or not _valid(dt.year, dt.month, dt.day):
        return None
    return dt.isoformat(timespec="seconds").replace("+00:00", "Z")


def _parse_words(value: str) -> str | None:
    """Dates written in words ("November 18, 2019 10:05 AM") via dateparser, date kept only
    when the text names a day, a month and a year (dateparser fills gaps otherwise)."""
    if len(value) > 60 or not re.search(r"\d{4}", value) or not re.search(r"\b\d{1,2}\b", value):
        return None
    try:
        import dateparser
    except ImportError:  # pragma: no cover - a runtime dependency, but dates are optional
        return None
    try:
        dt = dateparser.parse(value, settings={"PREFER_DAY_OF_MONTH": "first"})
    except Exception:  # noqa: BLE001 - an unparseable date is just not evidence
        return None
    if not isinstance(dt, datetime) or not _valid(dt.year, dt.month, dt.day):
        return None
    has_time = bool(re.search(r"\d{1,2}:\d{2}", value))
    return dt.isoformat(timespec="minutes") if has_time else dt.date().isoformat()


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
    y, mo, d = (m.group("y"), m.group("m"), m.group("d")) if m.group("y") else (
        m.group("y2"), m.group("m2"), m.group("d2")
    )
    y_i, m_i, d_i = int(y), int(mo), int(d)
    return f"{y_i:04d}-{m_i:02d}-{d_i:02d}" if _valid(y_i, m_i, d_i) else None
