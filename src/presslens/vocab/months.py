"""English month names and the abbreviations wire copy uses ("Jan.", "Sept.")."""

from __future__ import annotations

# Full names, lower case, in calendar order.
MONTH_NAMES: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

# Full name -> month number (1-12).
MONTH_NUMBERS: dict[str, int] = {name: i for i, name in enumerate(MONTH_NAMES, 1)}

# Abbreviations -> month number. AP style writes "Sept."; others "Sep". May has none: "May" is
# its full name (and a modal verb), so callers that treat abbreviations with care ("Jan. 3"
# is no sentence end) must not treat it as one.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# Every written form -> month number: full names first, then abbreviations.
MONTHS: dict[str, int] = {**MONTH_NUMBERS, **MONTH_ABBREVIATIONS}

# The first three letters of each month ("may" included): what "Nov 18, 2019"-style parsers
# read after matching any word that starts with them.
MONTH_PREFIXES: dict[str, int] = {name[:3]: i for name, i in MONTH_NUMBERS.items()}
