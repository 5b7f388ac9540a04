"""Sentences: rule-based splitting tuned for newswire, inside paragraph boundaries.

Why rules and not spaCy's parser: the parser-based sentences cost a full parse, break after
"Gen." or "No." when a name or number follows, and ignore the layout (list items, headings,
hard-wrapped text dumps). These rules run at millions of characters per second, never cross a
paragraph, and on the gold score higher than the parser (see bench/README.md, "## Layers").

A sentence boundary is a terminator (. ! ? …) followed by optional closing quotes/brackets,
whitespace, and something that can start a sentence — unless the word before the terminator is
an abbreviation that cannot end a sentence here. Each heuristic below is named data with the
reason it exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from presslens.context import Context, Models
from presslens.document import Document
from presslens.layers.registry import register
from presslens.settings import Settings
from presslens.vocab.months import MONTH_ABBREVIATIONS

# Titles and abbreviations that precede a name or number: a period after them never ends a
# sentence ("Lt. Gen. Tomas Varga", "Dr. Lee", "No. 3", "tel. +45 …").
NEVER_FINAL = frozenset(
    """mr mrs ms mx dr prof gen lt col maj capt cpt sgt cpl pvt brig adm cmdr cdr gov sen rep
    rev hon fr msgr mt ft pres supt insp det amb sec atty gens messrs mme mlle
    no nos vol pp tel fig figs ch art sec para approx est vs cf ca""".split()
)

# Month abbreviations: no boundary when a number follows ("Jan. 3"), a boundary otherwise
# ("… until Jan. The next …").
MONTHS = frozenset(MONTH_ABBREVIATIONS)  # no "may": "May." is a full word

# Abbreviations that often end a sentence as well as sit inside one ("Ltd.", "U.S.", "a.m.",
# "etc."): we split only when the next word is a typical sentence opener (SENTENCE_STARTERS),
# so "U.S. President" stays together and "in the U.S. The" splits.
AMBIGUOUS = frozenset(
    """inc ltd co corp plc llc bros jr sr etc al esq dept univ assn am pm st""".split()
)  # "st": "St. Mary's" (saint) stays together, "on Main St. The shop …" (street) splits

# Capitalised function words that open sentences but rarely continue a name or an
# abbreviation; used to decide boundaries after AMBIGUOUS abbreviations and initials.
SENTENCE_STARTERS = frozenset(
    """a an the this that these those there here it its he she they we i you his her their our
    my your but and or so yet if when while after before since although though because as
    at in on for from by with without to of into during under over about nothing no not
    some many most all both each every several few one two three four five officials police
    meanwhile however still also then now later earlier today yesterday tomorrow last next
    what who why how where which asked according despite""".split()
)

TERMINATORS = ".!?…"
CLOSERS = "\"'”’»)]"
OPENERS = "\"'“‘«(["

# Candidate boundary: terminator run, optional closers, whitespace, optional openers, then a
# character that can begin a sentence (upper-case letter, digit, or a list/bullet mark).
BOUNDARY = re.compile(
    r"(?P<term>[.!?…]+)(?P<close>[" + re.escape(CLOSERS) + r"]*)(?P<space>\s+)"
    r"(?=[" + re.escape(OPENERS) + r"]*[\w\-–—•*])"
)
# Token (word with internal dots) right before a terminator.
WORD_BEFORE = re.compile(r"([\w.'’&-]+)$")
# Dotted acronyms: "U.S.", "U.N.", "a.m.", "e.g." — treated like AMBIGUOUS abbreviations.
DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")
# List markers at the start of a line: "- ", "• ", "* ", "1. ", "2) ", "(a) ".
LIST_MARK = re.compile(r"^\s*(?:[-–—•*·▪]|\(?\d{1,3}[.)]|\([a-z]\)|[a-z]\))(?:\s|$)")
# How far back to look for the word before a terminator (longest abbreviation-like token).
LOOKBACK = 40
# A list number before its period: "1.", "12." (an "(a)" marker has no period).
LIST_NUMBER = re.compile(r"^\d{1,3}$")
# A line this long without final punctuation is a hard-wrapped prose line, not a heading.
WRAP_MIN_CHARS = 55


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"[" + re.escape(OPENERS) + r"]*([\w'’-]+)", text[pos:])
    return m.group(1) if m else ""


def _is_boundary(text: str, match: re.Match[str], seg_start: int) -> bool:
    """Decide whether a candidate terminator really ends a sentence."""
    term = match.group("term")
    nxt = _next_word(text, match.end())
    if term != ".":  # "!", "?", "…", "..." end a sentence before a capital or digit
        return bool(nxt) and (nxt[0].isupper() or nxt[0].isdigit() or text[match.end()] in OPENERS)
    before = WORD_BEFORE.search(text, max(seg_start, match.start() - LOOKBACK), match.start())
    word = before.group(1) if before else ""
    bare = word.rstrip(".").lower()
    if not nxt:
        return True
    if before and text[seg_start : before.start()].strip() == "" and LIST_NUMBER.match(word):
        return False  # "1. First step": a list marker, not a sentence
    starts_upper = nxt[0].isupper() or text[match.end()] in OPENERS or not nxt[0].isalnum()
    if nxt[0].isdigit():
        # "No. 3", "Jan. 3", "tel. 555": a number after these continues the sentence; a
        # list marker "1." at the start of a segment is not a sentence at all.
        return bare not in NEVER_FINAL and bare not in MONTHS
    if not starts_upper:
        return False  # lower-case continuation: "e.g. the", "3 p.m. local time", "Ltd., whose"
    if bare in NEVER_FINAL:
        return False
    if len(bare) == 1 and bare.isalpha() and word[0].isupper():
        # initials "J. R. R. Tolkien", "H. P. Lunde": split only before a real opener
        return nxt.lower() in SENTENCE_STARTERS
    if bare in MONTHS or bare in AMBIGUOUS or DOTTED.match(word):
        return nxt.lower() in SENTENCE_STARTERS
    return True


def _line_segments(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split a paragraph into segments at hard line breaks that end a unit.

    A newline ends a unit before a list item, after a list item, and after a short line with no
    final punctuation (a heading or a label line). It does not end one in hard-wrapped prose:
    when the next line starts in lower case, or the line is long (a wrap, not a heading). After
    final punctuation the ordinary sentence rules decide, treating the newline as a space.
    """
    lines = []
    pos = start
    for raw in text[start:end].split("\n"):
        lines.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    seg_start = lines[0][0]
    for (a, b), (c, d) in zip(lines, lines[1:], strict=False):
        line, nxt = text[a:b].strip(), text[c:d].strip()
        if not line or not nxt:
            continue
        breaks = (
            LIST_MARK.match(nxt) is not None
            or LIST_MARK.match(line) is not None
            or (
                nxt[0].isupper()
                and len(line) < WRAP_MIN_CHARS
                and line[-1] not in TERMINATORS + CLOSERS + ",;-–—"
            )
        )
        # a line ending in a terminator is left to the sentence rules, which know that
        # "… including U.S.\nSenator Shaheen" and "Dr.\nVisits" do not end a sentence
        if breaks:
            yield seg_start, b
            seg_start = c
    yield seg_start, end


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence offsets inside ``text[start:end]`` (one paragraph), stripped of whitespace."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    for seg_start, seg_end in _line_segments(text, start, end):
        cursor = seg_start
        for match in BOUNDARY.finditer(text, seg_start, seg_end):
            if match.start() < cursor:
                continue
            if _is_boundary(text, match, cursor):
                out.append((cursor, match.start("space")))
                cursor = match.end()
        out.append((cursor, seg_end))
    return [span for span in (_strip(text, a, b) for a, b in out) if span[0] < span[1]]


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _paragraphs(doc: Document) -> list[dict[str, Any]]:
    return doc.layers.get("paragraphs") or [{"start": 0, "end": len(doc.text)}]


@register(
    "presslens.sentences.v1",
    assigns="sentences",
    needs=("paragraphs",),
    description="Rule-based newswire sentences inside paragraphs",
)
def make(
    settings: Settings, models: Models | None = None
) -> Callable[[Document, Context], list[dict[str, Any]]]:
    """Factory: sentences never cross a paragraph; headings and list items stand alone."""

    def annotate(doc: Document, ctx: Context | None = None) -> list[dict[str, Any]]:
        spans: list[dict[str, Any]] = []
        for para in _paragraphs(doc):
            for a, b in split_sentences(doc.text, para["start"], para["end"]):
                spans.append({"start": a, "end": b})
        return spans

    return annotate
