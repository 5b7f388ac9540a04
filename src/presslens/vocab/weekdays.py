"""English weekday names and their short forms."""

from __future__ import annotations

# Full names, lower case, Monday first (ISO 8601 order).
WEEKDAY_NAMES: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)

# Short forms seen in datelines and timestamp lines ("Thu", "Thurs", "Tues").
WEEKDAY_ABBREVIATIONS: tuple[str, ...] = (
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
)
