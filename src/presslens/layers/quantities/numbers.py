"""Numbers as news writes them: digits with separators, number words, scale words.

Shared by the timex and quantity layers, because both must read "two decades", "twelve buses"
and "2,400 billion" the same way. Kept dependency-free: quantulum3 reads these too, but it costs
1.7 s to load and guesses units we want to decide ourselves.
"""

from __future__ import annotations

import re

from presslens.vocab.numbers import COUNT_NOUNS, SCALES, TENS, UNITS  # noqa: F401 - re-exported

# The word lists live in presslens.vocab.numbers (shared with the contradiction frames).

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
