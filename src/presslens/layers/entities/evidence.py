"""Label evidence for entity mentions from the words around them.

Why: spaCy's label for an unfamiliar name is often a guess (towns become PERSON, a newspaper
becomes WORK_OF_ART). The words around a mention are better evidence: a title or initials say
PERSON; a head noun says ORG, FAC, EVENT or LOC; "in X", "the town of X", "a flight to X",
"X district" say place; "X, the department head" says person; "the Arvanian minister" says
NORP. Each signal adds a weighted vote; the cluster step sums them over all mentions.
"""

from __future__ import annotations

import re
from typing import Any

from presslens.layers.entities.mentions import W_CONTEXT, W_HEAD, W_TITLE, Mention
from presslens.layers.entities.rules import (
    DEMONYM_SUFFIXES,
    EVENT_HEADS,
    FAC_HEADS,
    LOC_WORDS,
    LOCATIVE_PREPOSITIONS,
    MOTION_WORDS,
    ORG_HEADS,
    PERSON_HONORIFICS,
    PLACE_NOUNS,
    TITLE_WORDS,
    bare,
)


def add_evidence(mentions: list[Mention], sdoc: Any, text: str) -> None:
    """Label votes from titles, head nouns and the words around each mention."""
    places = _demonym_stems({text[m.start : m.end] for m in mentions if m.label in ("GPE", "LOC")})
    for m in mentions:
        words = text[m.name_start : m.end].split()
        if not words:
            continue
        first, last = bare(words[0]), bare(words[-1])
        if m.honorific in PERSON_HONORIFICS and last not in ORG_HEADS:
            m.vote("PERSON", W_TITLE)
        # the last word is the head ("Canal Road" is a road); a landform word may lead
        if len(words) >= 2 and last in EVENT_HEADS:
            m.vote("EVENT", W_HEAD)
        elif len(words) >= 2 and last in ORG_HEADS:
            m.vote("ORG", W_HEAD)
        elif len(words) >= 2 and last in FAC_HEADS:
            m.vote("FAC", W_HEAD)
        elif len(words) >= 2 and (first in LOC_WORDS or last in LOC_WORDS):
            m.vote("LOC", W_HEAD)
        if (
            m.honorific is None
            and not (len(words) == 1 and first.endswith(LANGUAGE_ENDINGS))
            and (_place_context(text, m.start) or PLACE_NOUN_AFTER.match(text, m.end))
        ):
            m.vote("GPE", W_CONTEXT)
        if INITIALS_NAME.match(text, m.name_start, m.end):
            m.vote("PERSON", W_TITLE)  # "H. P. Lunde": initials then a surname
        elif m.honorific is None and len(words) >= 2 and _title_before(text, m.start):
            m.vote("PERSON", W_TITLE)  # "the Deputy Foreign Minister of X, Elnur Mammadli"
        elif m.honorific is None and len(words) >= 2 and _person_appositive(text, m.end, sdoc):
            m.vote("PERSON", W_TITLE)  # "Eliana Murillo, head of multicultural marketing"
        if (
            len(words) == 1
            and m.label in ("PERSON", "GPE")
            and m.honorific is None
            and (words[0].lower().endswith(DEMONYM_SUFFIXES) or _derives_from_any(words[0], places))
            and _next_is_lower_noun(sdoc, text, m.end)
        ):
            m.vote("NORP", W_TITLE)  # "the Arvanian minister", "Kestran officials": adjectives


# Initials before a capitalised surname: "H. P. Lunde", "J.R.R. Tolkien".
INITIALS_NAME = re.compile(r"(?:[A-Z]\.\s?){1,3}[A-Z][a-z]+")

# A title phrase ending right before ", <name>": "… Foreign Minister of Azerbaijan, ".
TITLE_BEFORE = re.compile(
    r"([A-Z][a-z]+)(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s*){1,4})?,\s+$"
)

# "the Eastbank district", "Halvik province": a place noun right after the name.
PLACE_NOUN_AFTER = re.compile(
    r" (?:" + "|".join(sorted(PLACE_NOUNS - {"state", "states", "port", "capital"})) + r")\b"
)

# "in Spanish", "in Arabic": a language after "in", not a place.
LANGUAGE_ENDINGS = ("ish", "ese", "ic", "ian")

# Role nouns of people in an appositive right after a name ("X, the commander of …").
PERSON_ROLE_NOUNS = frozenset(
    """
    head chief director spokesman spokeswoman spokesperson minister president economist
    analyst professor author lawyer attorney judge commander officer official founder
    executive manager leader member secretary ambassador editor reporter correspondent
    researcher scientist doctor physician chairman chairwoman governor mayor senator adviser
    advisor aide deputy envoy negotiator owner partner prosecutor candidate activist
    """.split()
)


def _person_appositive(text: str, end: int, sdoc: Any) -> bool:
    """A comma then a person's role noun phrase: "X, the commander of …", "X, head of …"."""
    match = PERSON_APPOSITIVE.match(text, end)
    if not match or match.group(1) not in PERSON_ROLE_NOUNS:
        return False
    span = sdoc.char_span(match.start(1), match.end(1))
    return span is not None and span[0].pos_ == "NOUN"


# ", (the|a|an|its|his|her)? (up to four modifiers) ROLE (of|at|for|in|, . ;)":
# "Eliana Murillo, Google's Multicultural Marketing department head."
PERSON_APPOSITIVE = re.compile(
    r",\s+(?:(?:the|a|an|its|his|her|their)\s+)?(?:[\w'’-]+\s+){0,4}?([a-z]+)"
    r"(?=\s+(?:of|at|for|in|with|to)\b|[,.;])"
)


def _title_before(text: str, start: int) -> bool:
    match = TITLE_BEFORE.search(text[max(0, start - 80) : start])
    return bool(match) and bare(match.group(1)) in TITLE_WORDS


def _derives_from(word: str, place: str) -> bool:
    """ "Kestran" from "KESTRA", "Arvanian" from "Arvania": a demonym built on a place name."""
    w, p = word.lower(), place.lower()
    return len(p) >= MIN_DEMONYM_STEM and w != p and w.startswith(p[:-1]) and len(w) - len(p) <= 3


def _demonym_stems(places: set[str]) -> dict[str, list[str]]:
    """Lower-case place names by their stem (all but the last letter), for
    :func:`_derives_from_any`."""
    stems: dict[str, list[str]] = {}
    for place in sorted(places):
        p = place.lower()
        if len(p) >= MIN_DEMONYM_STEM:
            stems.setdefault(p[:-1], []).append(p)
    return stems


def _derives_from_any(word: str, stems: dict[str, list[str]]) -> bool:
    """``_derives_from(word, p)`` for some place ``p``, looked up by the word's possible stems
    (a demonym is at most 3 letters longer than its place) instead of trying every place name
    on the page for every mention (quadratic on pages of thousands of names, issue 16)."""
    w = word.lower()
    for k in range(max(MIN_DEMONYM_STEM - 1, len(w) - 4), len(w) + 1):
        for p in stems.get(w[:k], ()):
            if _derives_from(word, p):
                return True
    return False


# Shortest place name we derive demonyms from ("Iran" → "Iranian" works, "Ur" does not).
MIN_DEMONYM_STEM = 4


def _place_context(text: str, start: int) -> bool:
    """True when the words before ``start`` say a place follows ("in", "the town of")."""
    before = text[max(0, start - 40) : start]
    words = re.findall(r"[A-Za-z]+", before)
    if not words or not before.endswith((" ", "\u00a0")):
        return False
    if words[-1].lower() in LOCATIVE_PREPOSITIONS and words[-1].islower():
        return True
    if len(words) >= 2 and words[-1] in ("to", "from") and words[-2].lower() in MOTION_WORDS:
        return True  # "a flight to Varonne", "the crossing to Skarra", "fled from Halvik"
    return len(words) >= 2 and words[-1] == "of" and words[-2].lower() in PLACE_NOUNS


def _next_is_lower_noun(sdoc: Any, text: str, end: int) -> bool:
    # never ``sdoc.text``: spaCy rebuilds the whole string on every access
    span = sdoc.char_span(end, min(len(text), end + 40), alignment_mode="expand")
    if span is None:
        return False
    toks = [t for t in span if not t.is_space]
    return bool(toks) and toks[0].idx >= end and toks[0].is_lower and toks[0].pos_ == "NOUN"
