"""Plain article text (not a page dump): paragraphs, a title only when it is clear.

Nothing is cut here: a text that did not show two signs of a page dump is an article someone
wrote or exported, and dropping one of its lines would change what it says. The work is
finding paragraph boundaries: blank lines always separate paragraphs; inside a run of lines
without blank lines, each line is a paragraph (one-paragraph-per-line exports, texts without
any blank line) unless the run is hard-wrapped prose (lines of similar width ending
mid-sentence), which is joined back and split only where a sentence ends on a short line.

A title is taken only when it is unmistakable: a single headline-shaped line standing alone
above the rest (followed by a blank line), or — in a text without blank lines — a
headline-shaped first line followed by a full paragraph.
"""

from __future__ import annotations

from presslens.document import Dateline, Metadata
from presslens.extract.blocks import Extracted
from presslens.extract.dateline import parse_dateline
from presslens.extract.dump_authors import person_names
from presslens.extract.dump_lines import (
    HEADLINE_MAX_CHARS,
    HEADLINE_MAX_WORDS,
    Line,
    classify_units,
    is_title_shaped,
    is_wrapped,
    opens_upper,
    split_paragraphs,
    word_count,
)
from presslens.extract.dump_rules import BYLINE, MAX_RULE_LINE_CHARS

__all__ = ["extract_plain"]

# A title has at least two words ("Ceasefire holds" is a headline; "Politics" is a label).
PLAIN_TITLE_MIN_WORDS = 2
# A paragraph that follows a title in a text without blank lines is a full one.
FOLLOWING_PARAGRAPH_MIN_WORDS = 12


def extract_plain(lines: list[Line]) -> Extracted:
    """Blocks and the little metadata plain text carries (title, byline, dateline)."""
    evidence: dict[str, str] = {}
    groups = _groups(lines)
    title = _clear_title(groups)
    if title is not None:
        evidence["title"] = "plain text: first line standing alone above the text"
        groups[0] = groups[0][1:]
        groups = [g for g in groups if g]
    authors = _byline(groups, evidence)

    texts = [p for group in groups for p in split_paragraphs(group)]
    blocks = classify_units(texts)
    metadata = Metadata(
        title=title,
        authors=authors,
        dateline=_dateline(blocks[0].text if blocks else "", evidence),
        subheadings=[b.text for b in blocks if b.kind == "subheading"],
        evidence=evidence,
    )
    return Extracted(blocks, metadata)


def _groups(lines: list[Line]) -> list[list[str]]:
    groups: list[list[str]] = []
    for line in lines:
        if line.blank_before or not groups:
            groups.append([])
        groups[-1].append(line.text)
    return groups


def _clear_title(groups: list[list[str]]) -> str | None:
    if not groups:
        return None
    first = groups[0][0]
    shaped = (
        PLAIN_TITLE_MIN_WORDS <= word_count(first) <= HEADLINE_MAX_WORDS
        and len(first) <= HEADLINE_MAX_CHARS
        and is_title_shaped(first)
        and not first.rstrip().endswith((",", ";", ":"))
        and opens_upper(first)
        and parse_dateline(first) is None
    )
    if not shaped:
        return None
    if len(groups[0]) == 1 and len(groups) >= 2:
        return first  # a line standing alone above the text
    if len(groups) == 1 and len(groups[0]) >= 2:
        follower = groups[0][1]
        if word_count(follower) >= FOLLOWING_PARAGRAPH_MIN_WORDS and not is_wrapped(
            first, follower
        ):
            return first
    return None


def _byline(groups: list[list[str]], evidence: dict[str, str]) -> list[str]:
    """A "By …" line opening the text names its authors and is not body text."""
    if not groups:
        return []
    first = groups[0][0]
    if len(first) > MAX_RULE_LINE_CHARS:
        return []
    m = BYLINE.fullmatch(first.strip())
    names = person_names(m.group(1)) if m else []
    if names:
        evidence["authors"] = f"plain text: byline {first!r}"
        del groups[0][0]
        if not groups[0]:
            del groups[0]
    return names


def _dateline(first: str, evidence: dict[str, str]) -> Dateline | None:
    found = parse_dateline(first)
    if found is None:
        return None
    dateline, offset = found
    evidence["dateline"] = "plain text: opening of the first paragraph"
    end = len(first[:offset].rstrip())
    return Dateline(dateline.place, dateline.date, dateline.agency, start=0, end=end)
