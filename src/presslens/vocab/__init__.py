"""Shared word lists, one module per list, imported wherever the words are needed.

Why one place: month names, weekday names, number words, technique labels and entity labels
were each written two to four times (the dateline parser, the timex grammar, the quantity
filters, the contradiction frames …), and copies drift — one had "sept", another did not.
Each consumer derives what it needs (a regex, a 0- or 1-based numbering, a subset) from these
lists and says why when it deviates.
"""

from __future__ import annotations


def alternation(words: list[str] | tuple[str, ...], capitalise: bool = False) -> str:
    """A regex alternation of ``words``, longest first (so "sept" is tried before "sep")."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(w.capitalize() if capitalise else w for w in ordered)
