"""Article body from an HTML tree: trafilatura as the engine, readability as a second opinion.

Why trafilatura with ``favor_precision``: measured best on the extraction benchmark (see
bench/README.md) among maintained extractors, and its XML-like output keeps the structure
PressLens needs (paragraphs, ``<head>`` subheadings, ``<list>/<item>``, ``<quote>``), so blocks
keep their kind instead of being re-guessed from plain text.

Why a second opinion, and only sometimes: trafilatura in precision mode occasionally keeps only
a fragment of the article (a teaser paragraph, or one of several article containers) or nothing
at all. readability-lxml scores containers differently and recovers those pages, but running it
on every page would double the cost. So it runs only when trafilatura's result looks short next
to the text the page holds in paragraphs (``SECOND_OPINION_*``), and its answer is taken only when
it is clearly longer and still contains what trafilatura found.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from presslens.extract.blocks import Block, normalise_block

LOG = logging.getLogger(__name__)

# trafilatura output tag → block kind; anything else (tables, code) is read as paragraphs.
_KIND_BY_TAG = {"p": "paragraph", "head": "subheading", "quote": "quote"}

# Second opinion. Trafilatura's text shorter than this share of the page's <p> text ...
# (swept 0.4-0.9 on the benchmark: F1 is flat from 0.4 to 0.55 and falls above, because
# readability then replaces good bodies with longer, noisier ones; 0.4 asks it least often)
SECOND_OPINION_SHARE = 0.4
# ... (counted only when the page has at least this much paragraph text, so short pages
# where little text is normal do not trigger it) ...
SECOND_OPINION_MIN_PAGE = 1200
# ... or shorter than this absolute length, sends the page to readability.
SECOND_OPINION_MIN_TEXT = 250
# readability's answer replaces trafilatura's only when it is this much longer ...
SECOND_OPINION_GAIN = 1.3
# ... and covers this share of trafilatura's words (same article, more of it; not a different,
# longer container such as a comment thread or a list of teasers).
SECOND_OPINION_OVERLAP = 0.8
# Fallback: when the news rules remove more than this share of the engine's text (of at least
# ``FALLBACK_MIN_CHARS``), the engine's output is kept as it is. 1.0 switches it off.
FALLBACK_REMOVED_SHARE = 1.0
FALLBACK_MIN_CHARS = 300


@dataclass
class Body:
    """Body blocks in page order and which engine produced them (for evidence)."""

    blocks: list[Block]
    engine: str


def _text_of(el: etree._Element) -> str:
    """Visible text of an output element, with <lb/> as a line break (collapsed later)."""
    parts: list[str] = []
    for node in el.iter():
        if node.tag == "lb":
            parts.append("\n")
        if node is not el and node.tag in ("p", "item", "row", "cell", "head"):
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        if node is not el and node.tail:
            parts.append(node.tail)
    return normalise_block("".join(parts))


def _blocks_from_trafilatura(body: etree._Element) -> list[Block]:
    """Map trafilatura's output elements to typed blocks, one per paragraph-like unit."""
    blocks: list[Block] = []
    # Loose text between output elements (e.g. a deal description after its <head>) is a
    # paragraph of its own in trafilatura's output: keep it, as its text output does.
    if body.text and body.text.strip():
        blocks.append(Block(normalise_block(body.text)))
    for el in body:
        _add_element(el, blocks)
        if el.tail and el.tail.strip():
            blocks.append(Block(normalise_block(el.tail)))
    return blocks


def _add_element(el: etree._Element, blocks: list[Block]) -> None:
    """Append the block(s) of one top-level output element."""
    tag = el.tag
    if tag == "list":
        blocks.extend(Block(t, "list_item") for item in el.iter("item") if (t := _text_of(item)))
    elif tag == "quote" and len(el) and all(c.tag in ("p", "lb") for c in el):
        blocks.extend(Block(t, "quote") for c in el if c.tag == "p" if (t := _text_of(c)))
    elif tag == "table":
        for row in el.iter("row"):
            cells = [t for c in row.iter("cell") if (t := _text_of(c))]
            if cells:
                blocks.append(Block(" | ".join(cells), "paragraph"))
    elif text := _text_of(el):
        blocks.append(Block(text, _KIND_BY_TAG.get(tag, "paragraph")))


def run_trafilatura(
    tree: lxml_html.HtmlElement, url: str | None, precision: bool = True
) -> list[Block]:
    """Trafilatura body as typed blocks (empty list when it finds nothing); ``precision``
    chooses its precision mode (news articles) over its default, balanced one."""
    import trafilatura

    # bare_extraction copies a tree it is given, so the caller's tree stays intact.
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        favor_precision=precision,
        include_tables=True,
        with_metadata=False,
        fast=False,
    )
    if doc is None or doc.body is None:
        return []
    return _blocks_from_trafilatura(doc.body)


_READABILITY_BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "dd"}
_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}


def run_readability(page: str | lxml_html.HtmlElement) -> list[Block]:
    """readability-lxml's main container, split into blocks by its block-level elements.

    ``page`` is the source or a parsed tree; readability drops hidden elements from a tree in
    place, so pass a copy you can spare.
    """
    try:
        from readability import Document
    except ImportError:  # optional: without it the second opinion is simply not asked
        return []
    try:
        summary = Document(page).summary(html_partial=True)
    except Exception:  # noqa: BLE001 - a failed second opinion leaves the first one standing
        LOG.debug("readability failed", exc_info=True)
        return []
    if not summary.strip():
        return []
    root = lxml_html.fromstring(summary)
    blocks: list[Block] = []
    for el in root.iter(*_READABILITY_BLOCKS):
        if any(a.tag in _READABILITY_BLOCKS for a in el.iterancestors()):
            continue  # nested block: its text is already in the ancestor's block
        text = normalise_block(el.text_content())
        if not text:
            continue
        if el.tag in _HEADINGS:
            kind = "subheading"
        elif el.tag == "li":
            kind = "list_item"
        elif el.tag == "blockquote":
            kind = "quote"
        else:
            kind = "paragraph"
        blocks.append(Block(text, kind))
    return blocks


_WORD = re.compile(r"\w+")


def _length(blocks: list[Block]) -> int:
    return sum(len(b.text) for b in blocks)


def _coverage(inner: list[Block], outer: list[Block]) -> float:
    """Share of ``inner``'s words that also occur in ``outer`` (bag of words)."""
    inner_words = _WORD.findall(" ".join(b.text for b in inner).lower())
    if not inner_words:
        return 1.0
    outer_words = set(_WORD.findall(" ".join(b.text for b in outer).lower()))
    return sum(w in outer_words for w in inner_words) / len(inner_words)


def paragraph_text_length(tree: lxml_html.HtmlElement) -> int:
    """Characters of text the page holds in <p> elements: a cheap size of 'the article'."""
    return sum(len(p.text_content().strip()) for p in tree.iter("p"))


def needs_second_opinion(blocks: list[Block], page_paragraph_chars: int) -> bool:
    """True when trafilatura's body looks like a fragment of what the page holds."""
    got = _length(blocks)
    if got < SECOND_OPINION_MIN_TEXT:
        return True
    return (
        page_paragraph_chars >= SECOND_OPINION_MIN_PAGE
        and got < SECOND_OPINION_SHARE * page_paragraph_chars
    )


def choose_body(
    first: list[Block],
    second: Callable[[], list[Block]],
    page_paragraph_chars: int,
    clean: Callable[[list[Block]], list[Block]] = lambda blocks: blocks,
) -> Body:
    """Pick the body from trafilatura's raw blocks (``first``) and, when they look partial,
    readability's (``second``, called only then). Both are cleaned before being compared, so a
    body that is nothing but a reprint notice and a link counts as empty and gets its second
    opinion. Shared by ``extract_body`` and the ablation benchmark, so both measure one logic.
    """
    blocks = clean(first)
    if needs_second_opinion(blocks, page_paragraph_chars):
        other = clean(second())
        if _length(other) > SECOND_OPINION_GAIN * _length(blocks) and (
            not blocks or _coverage(blocks, other) >= SECOND_OPINION_OVERLAP
        ):
            return Body(other, "readability (trafilatura's body looked partial)")
    if removed_too_much(first, blocks):
        return Body(first, "trafilatura (the news rules would remove most of it: kept whole)")
    return Body(blocks, "trafilatura")


def removed_too_much(raw: list[Block], cleaned: list[Block]) -> bool:
    """True when the news rules took away most of the engine's text: a layout they were not
    written for, where keeping the engine's own output is the safer answer."""
    got = _length(raw)
    return got >= FALLBACK_MIN_CHARS and _length(cleaned) < (1 - FALLBACK_REMOVED_SHARE) * got


def extract_body(
    tree: lxml_html.HtmlElement,
    url: str | None,
    clean: Callable[[list[Block]], list[Block]] = lambda blocks: blocks,
    precision: bool = True,
) -> Body:
    """The article body as typed blocks, cleaned by ``clean`` (the news rules).

    ``precision``: trafilatura's precision mode, for pages that declare themselves articles;
    on other pages (docs, forums, products, listings) it drops real content, so the balanced
    mode runs there. readability is given a copy of ``tree``, which costs a fraction of
    parsing the page again.
    """
    return choose_body(
        run_trafilatura(tree, url, precision),
        lambda: run_readability(deepcopy(tree)),
        paragraph_text_length(tree),
        clean,
    )
