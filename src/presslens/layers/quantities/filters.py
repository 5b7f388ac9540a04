"""Figures that are not amounts: identifiers, phones, list markers, labels, ages, changes.

Each test looks at the words around a number candidate and says why it is not a quantity of
the article ("No. 41", "tel. +45 2210 4478", "1." opening a list item, "berths 4 and 5",
"Paul Renner, 52,"), or what it is instead (an age in years, two figures of a change).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from presslens.layers.quantities.lexicon import ID_WORDS
from presslens.vocab.months import MONTH_NAMES as MONTH_NAME_LIST

# Words before a number word that make it a reference, not a count ("the two sides").
REFERENCE_DETERMINERS = frozenset(
    {"the", "these", "those", "both", "its", "their", "his", "her", "our", "all"}
)

# Verbs whose "from X to Y" is a change between two figures, not a range ("fares rise from
# EUR 4.50 to EUR 5"): each figure is its own quantity.
CHANGE_VERBS = frozenset(
    {
        "rise",
        "increase",
        "fall",
        "drop",
        "decline",
        "cut",
        "raise",
        "reduce",
        "lower",
        "grow",
        "climb",
        "jump",
        "slip",
        "slide",
        "shrink",
        "expand",
        "change",
        "go",
        "move",
        "boost",
        "soar",
        "plunge",
        "ease",
        "slow",
        "double",
        "halve",
        "revise",
        "up",
        "down",
        "lift",
    }
)

# Month names: "(March 3)" in brackets is a date, not a reference.
MONTH_NAMES = frozenset(MONTH_NAME_LIST)

# Words that make a bare number an age ("aged 65", "over the age of 65").
AGE_CUES = ("aged", "age of", "ages of", "ages")

# "aged 19, 22 and 34": the later numbers of an age list are ages too.
AGE_LIST_BEFORE = re.compile(
    r"(?i:\baged?s?|\bages of|\bage of)\s+\d+(?:\s*,\s*\d+)*"
    r"\s*(?:,|\band\b|\bor\b)\s*$"
)

# Words before a number that make it a telephone number or similar.
PHONE_CUES = (
    "tel",
    "tel.",
    "phone",
    "telephone",
    "fax",
    "call",
    "called",
    "dial",
    "dialed",
    "dialled",
    "mobile",
    "whatsapp",
)


def is_identifier(text: str, start: int, chapter_verse: bool = False) -> bool:
    """ "No. 41", "Route 66", "Comments (14)", and with ``chapter_verse`` "(Quran 4.89)"."""
    before = text[max(0, start - 20) : start].rstrip().rstrip("(").rstrip()
    words = before.split()
    prev = words[-1].lower() if words else ""
    if prev in ID_WORDS or prev.rstrip(".") in ID_WORDS or before.endswith("#"):
        return True
    if not chapter_verse:
        return False  # "Laredo (15)": a count in brackets after a place stays a count
    # "(Galatians 1.8-9)", "(Quran 4.89)": a reference in brackets after a capitalised name
    opened = text.rfind("(", max(0, start - 30), start)
    name = words[-1].strip("(") if words else ""
    return (
        opened != -1
        and ")" not in text[opened:start]
        and name[:1].isupper()
        and name.isalpha()
        and name.lower() not in MONTH_NAMES
    )


def before_words(text: str, start: int, n: int) -> str:
    return " ".join(text[max(0, start - 40) : start].lower().split()[-n:])


def is_phone(text: str, start: int, end: int) -> bool:
    """ "tel. +45 2210 4478": numbers in a row, or after a telephone cue."""
    if any(before_words(text, start, 2).endswith(c) for c in PHONE_CUES):
        return True
    return bool(re.match(r"[ \t]\d{2,}", text[end : end + 3])) or bool(
        re.search(r"\d[ \t]$", text[max(0, start - 2) : start])
    )


def is_marker(text: str, start: int, end: int) -> bool:
    """List numbers and footnotes: "1." at a line start, "[1]", "(2)" opening a line."""
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start:start].strip()
    if lead in ("", "[", "(", "-", "*", "•") and re.match(r"[.)\]:]?(\s|$)", text[end : end + 2]):
        return True
    return text[start - 1 : start] == "[" and text[end : end + 1] == "]"


def char_before(doc: Doc, tok: Token, start: int) -> str:
    """``doc.text[start - 1 : start]``, read from the tokens near ``tok`` (the token at
    ``start``, or close to it).

    Why not ``doc.text``: spaCy rebuilds the whole string from its tokens on every access, and
    this runs once per bare number, which made it the quantity layer's largest cost (0.67 of
    0.95 s on 30 PTC articles). The Doc's text is its tokens' ``text_with_ws`` joined, so the
    token whose ``text_with_ws`` holds character ``start - 1`` has the answer.
    """
    i = start - 1
    if i < 0:
        return ""
    while tok.i > 0 and tok.idx > i:
        tok = doc[tok.i - 1]
    while tok.idx + len(tok.text_with_ws) <= i and tok.i + 1 < len(doc):
        tok = doc[tok.i + 1]
    offset = i - tok.idx
    ws = tok.text_with_ws
    return ws[offset] if 0 <= offset < len(ws) else ""


def labels_a_noun(doc: Doc, start: int) -> bool:
    """ "berths 4 and 5", "Gate 12": a bare number after the noun it names is an identifier."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or char_before(doc, span[0], start) == "(":
        return False  # "Laredo (15)": a count in brackets, not a label
    tok = span[0]
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return (
        tok.head.i < tok.i
        and tok.head.pos_ in ("NOUN", "PROPN")
        and tok.dep_ in ("nummod", "appos", "npadvmod", "compound", "conj")
    )


def age_before(text: str, start: int) -> bool:
    """ "aged 65", "over the age of 65", "aged 19, 22 and 34", "aged between 18 and 25"."""
    return any(before_words(text, start, len(c.split())) == c for c in AGE_CUES) or bool(
        AGE_LIST_BEFORE.search(text[max(0, start - 60) : start])
    )


def is_age(text: str, start: int, end: int) -> bool:
    """ "Paul Renner, 52, said": a bare number between commas after a name."""
    before = text[max(0, start - 3) : start]
    after = text[end : end + 1]
    if not (before.endswith(", ") and after == ","):
        return False
    word = text[: start - 2].split()[-1:] or [""]
    return word[0][:1].isupper()


def change_before(doc: Doc, start: int) -> bool:
    """Whether a change verb governs a "from X to Y" that starts at ``start``."""
    span = doc.char_span(start, start + 4, alignment_mode="expand")
    if span is None:
        return False
    first = span[0]
    return any(t.lemma_.lower() in CHANGE_VERBS for t in doc[max(0, first.i - 4) : first.i])
