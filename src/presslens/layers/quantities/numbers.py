"""Numbers as news writes them: digits with separators, number words, scale words.

Shared by the timex and quantity layers, because both must read "two decades", "twelve buses"
and "2,400 billion" the same way. Kept dependency-free: quantulum3 reads these too, but it costs
1.7 s to load and guesses units we want to decide ourselves.
"""

from __future__ import annotations

import re

# Cardinal number words. "a"/"an" stand for one only where the caller allows it ("a decade").
UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Words that multiply what precedes them ("3 thousand", "2,400 billion", "$1.2bn").
SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "dozen": 12,
    "mn": 1e6,
    "m": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "tn": 1e12,
    "k": 1e3,
    "lakh": 1e5,
    "crore": 1e7,
}
# Counting nouns that behave like numbers ("a dozen eggs", "a couple of days").
COUNT_NOUNS: dict[str, int] = {"dozen": 12, "couple": 2, "pair": 2, "score": 20}

NUMBER_WORD_SET = frozenset([*UNITS, *TENS])
_WORD_ALT = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
# One number written in words: "twelve", "twenty-five", "one hundred and twelve".
NUMBER_WORDS_RE = rf"(?:(?:{_WORD_ALT})(?:[\s-]+(?:and[\s-]+)?(?:{_WORD_ALT}|hundred|thousand))*)"
# Digits: "3", "3,000", "3.5". Not "2 400" (too often two numbers side by side) and not ".40"
# (calibres and versions far more often than amounts).
DIGITS_RE = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
NUMBER_RE = rf"(?:{DIGITS_RE}|{NUMBER_WORDS_RE})"


def parse_digits(text: str) -> float:
    """ "3,000" → 3000.0; "2.4" → 2.4."""
    return float(text.replace(",", ""))


def parse_words(text: str) -> float | None:
    """ "twenty-five" → 25; "one hundred and twelve" → 112; None if any word is not a number."""
    total, current = 0.0, 0.0
    seen = False
    for word in re.split(r"[\s-]+", text.lower().strip()):
        if word in ("and", ""):
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in ("thousand", "million", "billion", "trillion"):
            total += (current or 1) * SCALES[word]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """A number in digits or words, or None."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(DIGITS_RE, text):
        return parse_digits(text)
    low = text.lower()
    if low in ("a", "an", "one"):
        return 1.0
    if low in COUNT_NOUNS:
        return float(COUNT_NOUNS[low])
    return parse_words(text)


def tidy(value: float | None) -> float | int | None:
    """Integers as int (3000 not 3000.0) and floats rounded against binary noise (2.4e12)."""
    if value is None:
        return None
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) and abs(rounded) < 1e18 else rounded
