"""Turning a matched expression into an ISO/TIMEX3 value relative to the publication date.

Kept apart from the grammar because this is where the judgement calls live: which "June 12"
(the most recent one before publication unless the sentence talks about the future), which
"Tuesday", and how to keep granularity honest ("March 2019" → ``2019-03``, never a day).
"""

from __future__ import annotations

import datetime as dt
import re

from presslens.layers.timexes.lexicon import FUTURE_MARKERS, PAST_MARKERS

# How many words before / after a timex are read for tense: the verb governing a date adjunct
# is almost always within this window in news sentences.
TENSE_WINDOW_BEFORE = 10
TENSE_WINDOW_AFTER = 5

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|'ll")


def anchor_date(
    published: str | None, dateline_date: str | None = None, modified: str | None = None
) -> dt.date | None:
    """The reference date: ``metadata.published`` (ISO date or datetime), else an ISO
    dateline date, else ``metadata.modified`` (an update is usually days, not years, later)."""
    for candidate in (published, dateline_date, modified):
        if not candidate:
            continue
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", candidate.strip())
        if match:
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                continue
    return None


def tense_near(sentence: str, start: int, end: int) -> str | None:
    """ "future", "past" or None: the closest tense marker to ``sentence[start:end]`` wins."""
    before = [(start - m.end(), m.group().lower()) for m in _WORD.finditer(sentence, 0, start)]
    after = [(m.start() - end, m.group().lower()) for m in _WORD.finditer(sentence, end)]
    window = [(i, w) for i, (_, w) in enumerate(reversed(before[-TENSE_WINDOW_BEFORE:]))]
    # the governing verb usually precedes a date adjunct, so words after it count double
    window += [(2 * i + 1, w) for i, (_, w) in enumerate(after[:TENSE_WINDOW_AFTER])]
    best: tuple[int, str] | None = None
    for distance, word in window:
        if word in FUTURE_MARKERS:
            verdict = "future"
        elif word in PAST_MARKERS or (len(word) > 4 and word.endswith("ed")):
            verdict = "past"
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, verdict)
    return best[1] if best else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_day(anchor: dt.date, month: int, day: int, tense: str | None) -> dt.date | None:
    """A day and month without a year: the most recent one on or before ``anchor`` (past),
    the next one on or after it (future), else whichever is nearer."""
    candidates = [d for k in (-1, 0, 1) if (d := _safe_date(anchor.year + k, month, day))]
    if not candidates:
        return None
    past = [d for d in candidates if d <= anchor]
    future = [d for d in candidates if d >= anchor]
    if tense == "past" and past:
        return max(past)
    if tense == "future" and future:
        return min(future)
    return min(candidates, key=lambda d: (abs((d - anchor).days), d > anchor))


def weekday(anchor: dt.date, wd: int, tense: str | None, rel: str | None) -> dt.date:
    """A weekday name: past (default in news) → most recent on or before publication;
    "last" → strictly before; "next"/future → strictly after; "this" → same ISO week."""
    back = (anchor.isoweekday() - wd) % 7
    ahead = (wd - anchor.isoweekday()) % 7 or 7
    if rel == "this":
        return anchor + dt.timedelta(days=wd - anchor.isoweekday())
    if rel == "last" or rel == "past":
        return anchor - dt.timedelta(days=back or 7)
    if rel in ("next", "coming") or (tense == "future" and rel is None):
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def month_only(anchor: dt.date, month: int, tense: str | None, rel: str | None) -> str:
    """A month name without a year → ``YYYY-MM`` by the same past/future rule."""
    here = anchor.year * 12 + anchor.month - 1
    options = [(anchor.year + k) * 12 + month - 1 for k in (-1, 0, 1)]
    if rel == "this":
        pick = anchor.year * 12 + month - 1
    elif rel == "last":
        pick = max(o for o in options if o < here)
    elif rel == "next":
        pick = min(o for o in options if o > here)
    elif tense == "past":
        pick = max(o for o in options if o <= here)
    elif tense == "future":
        pick = min(o for o in options if o >= here)
    else:
        pick = min(options, key=lambda o: (abs(o - here), o > here))
    return f"{pick // 12:04d}-{pick % 12 + 1:02d}"


def shift(anchor: dt.date, unit: str, amount: int) -> str:
    """``anchor`` moved by ``amount`` units, at that unit's granularity ("last week" → W26)."""
    if unit == "day":
        return (anchor + dt.timedelta(days=amount)).isoformat()
    if unit in ("week", "weekend"):
        year, week, _ = (anchor + dt.timedelta(weeks=amount)).isocalendar()
        return f"{year}-W{week:02d}" + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + amount
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if unit == "year":
        return f"{anchor.year + amount:04d}"
    if unit == "decade":
        return f"{(anchor.year // 10 + amount):03d}X"
    if unit == "century":
        return f"{(anchor.year // 100 + amount):02d}XX"
    raise ValueError(unit)


def duration_value(amount: float | None, designator: str, time_part: bool) -> str:
    """ISO 8601 duration; an unknown amount ("a few years") is X, as TIMEX3 writes it."""
    if amount is None:
        number = "X"
    elif amount == int(amount):
        number = str(int(amount))
    else:
        number = f"{amount:g}"
    return ("PT" if time_part else "P") + number + designator
