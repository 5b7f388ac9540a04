"""Names of people in a byline ("Reported by Leyla Farrokh and Omid Sadr") — and only people.

A byline in a dump as often names an agency, a desk or a role ("By PNA", "Reported by Staff",
"By our correspondent") as a person; an author list with "Staff" in it is wrong data that a
fact-checker would then search for. So a name must look like a person's: two to four words,
each capitalised (name particles and initials allowed), no digits, no acronym, no word that
names an organisation or a role.
"""

from __future__ import annotations

import re

from presslens.extract.dump_rules import NOT_A_PERSON

__all__ = ["person_names"]

# How many words a person's name has in a byline ("Leyla Farrokh", "Maria de la Cruz Ortega").
NAME_MIN_WORDS = 2
NAME_MAX_WORDS = 5
# Lower-case parts of names ("Ludwig van Beethoven", "Maria de la Cruz", "Omar bin Saleh").
NAME_PARTICLES = frozenset("de del della da di du la le van von der den ter bin ibn al el".split())
# Separators between several names in one byline, and a role after a comma.
_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_INITIAL = re.compile(r"[A-Z]\.(?:[A-Z]\.)*")


def person_names(text: str) -> list[str]:
    """The people a byline names, in order; empty when it names none."""
    names: list[str] = []
    for part in _SPLIT.split(text.strip().rstrip(".")):
        name = " ".join(part.split())
        if _is_person(name) and name not in names:
            names.append(name)
    return names


def _is_person(name: str) -> bool:
    words = name.split()
    if not NAME_MIN_WORDS <= len(words) <= NAME_MAX_WORDS:
        return False
    for word in words:
        bare = word.strip("'’.-")
        if not bare or any(ch.isdigit() for ch in word):
            return False
        if bare.lower() in NOT_A_PERSON:
            return False
        if word.lower() in NAME_PARTICLES or _INITIAL.fullmatch(word):
            continue
        if not word[0].isupper():
            return False
        letters = [ch for ch in bare if ch.isalpha()]
        if len(letters) > 1 and all(ch.isupper() for ch in letters):
            return False  # an acronym (PNA, IRNA) is an organisation
    return True
