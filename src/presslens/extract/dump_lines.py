"""Lines of a text file and what kind of unit each is: the shared layer of both text paths.

Both the page-dump path and the plain-text path start from the same lines (any line ending,
whitespace-only lines as blanks, the byte-order mark and zero-width characters gone) and end by
labelling body units as paragraphs, subheadings or list items with the same rules, so a
subheading means the same thing whichever way a text file came in.

Lines are normalised with :func:`~presslens.extract.blocks.normalise_block`, the function
``assemble`` applies, so offsets computed on a line (the dateline's end) stay valid in the
assembled text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presslens.extract.blocks import Block, normalise_block

__all__ = [
    "Line",
    "classify_units",
    "ends_sentence",
    "is_headline_like",
    "is_title_shaped",
    "is_wrapped",
    "read_lines",
    "split_paragraphs",
    "word_count",
]

# Invisible characters that pages leave at line edges (BOM, zero-width space/joiners, word
# joiner); they would make two copies of the same headline compare unequal.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"

# What may close a sentence, and what may follow the closing mark (quotes, brackets).
_SENTENCE_END = ".!?…"
_CLOSERS = "\"'”’»)]*"

# A subheading is short: more words than this and it is a paragraph that lost its full stop.
SUBHEADING_MAX_WORDS = 12
SUBHEADING_MAX_CHARS = 100
# A headline has at least this many words (menus and labels have fewer) and at most that many.
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 30
HEADLINE_MAX_CHARS = 250
# A line shorter than this that ends mid-sentence is a heading or a label, never wrapped prose.
WRAP_MIN_CHARS = 40
# A run of lines is hard-wrapped when this share of its lines (all but the last) stop
# mid-sentence and are nearly as long as the longest line.
WRAPPED_SHARE = 0.6
WRAP_WIDTH_RATIO = 0.7
WRAP_MIN_LINES = 3
# Bullets that open list items. The line keeps its bullet: a leading hyphen is also how Russian
# and other languages open direct speech, and text must never lose what the writer put there.
# En and em dashes are not bullets: at a line start they attribute a quote ("— Name (@x)").
_BULLET = re.compile(r"^(?:[•▪◦●■·*]|-(?=\s))\s*")
# A list item says something: "* * *" is a section break, not an item.
_HAS_WORD = re.compile(r"[^\W_]")
# A line that opens like a sentence or a heading: a capital, a digit or an opening quote.
_OPENS_UPPER = re.compile(r"[\"'“‘«(\[]*[^\W_]")


@dataclass(frozen=True)
class Line:
    """One non-empty line: its normalised text and whether a blank line came before it."""

    text: str
    blank_before: bool


def read_lines(text: str) -> list[Line]:
    """Non-empty lines of ``text`` whatever its line endings; blank runs become a flag."""
    lines: list[Line] = []
    blank = False
    # splitlines() knows \r\n, \r, \n and the Unicode separators (U+2028, U+0085).
    for raw in text.splitlines():
        cleaned = normalise_block(raw.strip(_INVISIBLE + " \t")).strip(_INVISIBLE)
        if not cleaned:
            blank = True
            continue
        lines.append(Line(cleaned, blank or not lines))
        blank = False
    return lines


def word_count(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    """True when the line ends like a sentence (closing quotes and brackets allowed)."""
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def opens_upper(text: str) -> bool:
    m = _OPENS_UPPER.match(text)
    return m is not None and not m.group(0)[-1].islower()


def is_headline_like(text: str) -> bool:
    """A line that could be a headline: a few words, no full stop, no trailing comma/colon."""
    words = word_count(text)
    return (
        HEADLINE_MIN_WORDS <= words <= HEADLINE_MAX_WORDS
        and len(text) <= HEADLINE_MAX_CHARS
        and not text.rstrip().endswith((".", ",", ";", ":"))
        and opens_upper(text)
    )


def is_title_shaped(text: str) -> bool:
    """A headline ends without punctuation or with a question/exclamation/quote mark."""
    return not ends_sentence(text) or text.rstrip().endswith(("?", "!", "”", '"'))


def is_wrapped(previous: str, text: str) -> bool:
    """``text`` continues ``previous`` (a hard wrap): it stopped mid-sentence, this goes on."""
    return (
        len(previous) >= WRAP_MIN_CHARS
        and not ends_sentence(previous)
        and not previous.rstrip().endswith(":")
        and text[:1].islower()
    )


def title_key(text: str) -> str:
    """Comparison key for repeated headlines: case, spacing and end punctuation ignored."""
    return " ".join(text.casefold().split()).strip(" .:|-–—")


def is_bulleted(text: str) -> bool:
    """A line opened by a bullet and saying something after it."""
    m = _BULLET.match(text)
    return m is not None and _HAS_WORD.search(text, m.end()) is not None


def _is_subheading(units: list[Block], i: int) -> bool:
    """Short, unpunctuated, capitalised, and standing between two paragraphs."""
    text = units[i].text
    if i == 0 or i == len(units) - 1 or units[i].kind != "paragraph":
        return False
    if word_count(text) > SUBHEADING_MAX_WORDS or len(text) > SUBHEADING_MAX_CHARS:
        return False
    if ends_sentence(text) or text.rstrip().endswith((",", ";", ":")) or not opens_upper(text):
        return False
    before, after = units[i - 1], units[i + 1]
    # The unit after a subheading is a real paragraph: it ends a sentence or is long.
    after_is_paragraph = after.kind in ("paragraph", "quote") and (
        ends_sentence(after.text) or word_count(after.text) > SUBHEADING_MAX_WORDS
    )
    return before.kind != "subheading" and after_is_paragraph


def classify_units(texts: list[str]) -> list[Block]:
    """Label body lines (text unchanged): bulleted lines are list items, short headings are
    subheadings."""
    units = [Block(t, "list_item" if is_bulleted(t) else "paragraph") for t in texts]
    return [
        Block(u.text, "subheading") if _is_subheading(units, i) else u for i, u in enumerate(units)
    ]


def split_paragraphs(group: list[str]) -> list[str]:
    """Paragraphs of one run of lines: one per line, unless the run is hard-wrapped prose."""
    if not _hard_wrapped(group):
        out: list[str] = []
        for text in group:
            if out and is_wrapped(out[-1], text):
                out[-1] = f"{out[-1]} {text}"
            else:
                out.append(text)
        return out
    width = max(len(t) for t in group)
    out = [group[0]]
    for prev, text in zip(group, group[1:], strict=False):
        short_end = ends_sentence(prev) and len(prev) < WRAP_WIDTH_RATIO * width
        if short_end:
            out.append(text)
        else:
            out[-1] = f"{out[-1]} {text}"
    return out


def _hard_wrapped(group: list[str]) -> bool:
    if len(group) < WRAP_MIN_LINES:
        return False
    width = max(len(t) for t in group)
    body = group[:-1]
    wrapped = sum(1 for t in body if not ends_sentence(t) and len(t) >= WRAP_WIDTH_RATIO * width)
    return wrapped >= WRAPPED_SHARE * len(body)
