"""Number words as news writes them: cardinals, tens, scale words, counting nouns.

Read by the quantity and timex grammars (``layers/quantities/numbers.py`` builds the regexes
and the parser from these) and by the contradiction frames.
"""

from __future__ import annotations

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
# The scale words written out in full (no "m", "bn", "k"): what may follow a number word.
WORD_SCALES: dict[str, float] = {
    w: SCALES[w] for w in ("hundred", "thousand", "million", "billion", "trillion")
}
# Counting nouns that behave like numbers ("a dozen eggs", "a couple of days").
COUNT_NOUNS: dict[str, int] = {"dozen": 12, "couple": 2, "pair": 2, "score": 20}
