"""Limits on the work itself: what a page may cost before PressLens refuses it or cuts it.

Why a module of its own: the time limit ends a document that has already cost too much; these
limits keep the cost proportional in the first place, at the points where a hostile or merely
huge page multiplies it — the parsed tree, the number and length of paragraphs, the length of
one token, and the tokens each annotation layer reads. Every limit is a field of
:class:`~presslens.settings.Settings` (the table with defaults and reasons is in the README,
"Limits"); ``0`` turns one off.

What happens at each limit, and why:
- **DOM elements and nesting depth → refuse** (:class:`~presslens.errors.LimitError`). A tree
  cut in document order keeps the head and the navigation and can drop the article itself, and
  the extractor's scoring over a cut tree picks a confidently wrong body; a one-line refusal is
  honest and cheap, and the limit is ~6× the largest real page measured. The depth limit sits
  below libxml2's own cap (256), which silently drops everything deeper: a page the parser
  would have cut is refused instead.
- **Paragraphs, characters per paragraph, characters per token → cut, and say so**. Reading
  order puts the article first, so a prefix of paragraphs is a readable document; an overlong
  paragraph is split at sentence ends (no text lost); an overlong run of non-space characters
  (a base64 blob, a 2 MB "word") is shortened. Each cut is recorded in
  ``provenance["paragraphs"]["limited"]``.
- **Metadata text and lists → cut, and say so** (``max_field_chars``, ``max_field_items``): a
  declared megabyte title would otherwise fill every output made from the document.
- **Tokens per layer → run on a prefix (or skip), and say so**. A layer whose input exceeds its
  budget runs on the longest prefix of whole sentences within the budget, so its annotations'
  offsets stay valid in the full text; ``provenance[layer]["limited"]`` says how much it read.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from presslens.errors import LimitError

if TYPE_CHECKING:
    from presslens.document import Document
    from presslens.extract.blocks import Block
    from presslens.settings import Settings

# A token for budgeting: a run of word characters or one other non-space character — close to
# spaCy's English tokenizer (punctuation and emoji are tokens of their own) at a fraction of
# the cost: one regex pass, ~0.1 s per MB, done once per text and cached.
_TOKEN = re.compile(r"\w+|[^\w\s]")
# Where an overlong paragraph may be split: after a sentence end and its closing quotes.
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)\]]*\s+")
# Runs of non-space characters, to find overlong "tokens".
_RUN = re.compile(r"\S+")
# What replaces the cut-off end of an overlong run, so a reader sees it was shortened.
ELLIPSIS = "…"


# --- the parsed tree ----------------------------------------------------------------------


def check_tree(tree: Any, settings: Settings) -> None:
    """Refuse a parsed HTML tree with more elements or deeper nesting than the settings allow.

    One streaming walk (lxml ``iterwalk``), stopped as soon as a limit is passed, so a hostile
    tree costs no more than the limit to check.
    """
    from lxml import etree

    max_nodes, max_depth = settings.max_dom_nodes, settings.max_dom_depth
    if tree is None or (max_nodes <= 0 and max_depth <= 0):
        return
    nodes = depth = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        nodes += 1
        depth += 1
        if 0 < max_nodes < nodes:
            raise LimitError(
                f"page has more than {max_nodes:,} HTML elements (limit max_dom_nodes)"
            )
        if 0 < max_depth < depth:
            raise LimitError(
                f"page nests elements deeper than {max_depth:,} levels (limit max_dom_depth)"
            )


# --- blocks (paragraphs) --------------------------------------------------------------------


def limit_blocks(blocks: list[Block], settings: Settings) -> tuple[list[Block], list[str]]:
    """Blocks within the paragraph, paragraph-length and token-length limits, and what was cut.

    Order matters: tokens are shortened first (they can make a paragraph long), long paragraphs
    are split next (splitting adds paragraphs), and the paragraph count is cut last.
    """
    notes: list[str] = []
    out = blocks
    if settings.max_token_chars > 0:
        out, n = _shorten_runs(out, settings.max_token_chars)
        if n:
            notes.append(
                f"{n:,} run(s) of non-space characters longer than "
                f"{settings.max_token_chars:,} were shortened (max_token_chars)"
            )
    if settings.max_paragraph_chars > 0:
        out, n = _split_long(out, settings.max_paragraph_chars)
        if n:
            notes.append(
                f"{n:,} paragraph(s) longer than {settings.max_paragraph_chars:,} characters "
                "were split at sentence ends (max_paragraph_chars)"
            )
    if 0 < settings.max_paragraphs < len(out):
        notes.append(
            f"kept the first {settings.max_paragraphs:,} of {len(out):,} paragraphs "
            "(max_paragraphs)"
        )
        out = out[: settings.max_paragraphs]
    return out, notes


def _shorten_runs(blocks: list[Block], limit: int) -> tuple[list[Block], int]:
    count = 0

    def cut(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return m.group(0)[:limit] + ELLIPSIS

    long_run = re.compile(rf"\S{{{limit + 1},}}")
    out = []
    for block in blocks:
        text = long_run.sub(cut, block.text) if len(block.text) > limit else block.text
        out.append(block if text is block.text else replace(block, text=text))
    return out, count


def _split_long(blocks: list[Block], limit: int) -> tuple[list[Block], int]:
    count = 0
    out: list[Block] = []
    for block in blocks:
        if len(block.text) <= limit:
            out.append(block)
            continue
        count += 1
        out.extend(replace(block, text=piece) for piece in split_text(block.text, limit))
    return out, count


def split_text(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut after the last sentence end in
    each window, else at the last space, else hard; whitespace at the cuts is dropped."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        ends = [m.end() for m in _SENTENCE_BREAK.finditer(window)]
        cut = ends[-1] if ends and ends[-1] > limit // 4 else 0
        if not cut:
            space = window.rfind(" ")
            cut = space + 1 if space > limit // 4 else limit
        pieces.append(window[:cut].strip())
        start += cut
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


# --- metadata -------------------------------------------------------------------------------

# Metadata fields that are free text a page controls, and the list fields among them.
TEXT_FIELDS = ("title", "publisher", "section", "article_id", "url", "description")
LIST_FIELDS = ("authors", "subheadings", "captions")


def limit_metadata(metadata: Any, settings: Settings) -> tuple[Any, list[str]]:
    """Metadata whose text fields are at most ``max_field_chars`` long (cut at a space, + "…")
    and whose list fields hold at most ``max_field_items`` items, and what was cut.

    Why: the body limits do not reach metadata, and a page may declare a megabyte title, which
    would then fill every JSON line, report and database row made from the document.
    """
    chars, items = settings.max_field_chars, settings.max_field_items
    changes: dict[str, Any] = {}
    notes: list[str] = []
    for name in TEXT_FIELDS:
        value = getattr(metadata, name)
        if chars > 0 and isinstance(value, str) and len(value) > chars:
            changes[name] = _cut(value, chars)
            notes.append(
                f"metadata.{name} cut to {chars:,} of {len(value):,} characters (max_field_chars)"
            )
    for name in LIST_FIELDS:
        values = list(getattr(metadata, name) or ())
        kept = values[:items] if items > 0 else values
        cut = [_cut(v, chars) if chars > 0 and len(v) > chars else v for v in kept]
        if cut != values:
            changes[name] = cut
            notes.append(
                f"metadata.{name}: kept {len(cut):,} of {len(values):,} items, each at most "
                f"{chars:,} characters (max_field_items, max_field_chars)"
            )
    return (replace(metadata, **changes) if changes else metadata), notes


def _cut(text: str, limit: int) -> str:
    space = text.rfind(" ", 0, limit)
    return text[: space if space > limit // 2 else limit].rstrip() + ELLIPSIS


# --- tokens per layer ---------------------------------------------------------------------


def token_budget(settings: Settings, layer: str) -> int:
    """The token budget of ``layer``: ``[layers.<layer>] token_budget`` or the global one."""
    value = settings.layer(layer).get("token_budget", settings.layer_token_budget)
    return int(value)


@lru_cache(maxsize=4)
def _token_ends(text: str, budget: int) -> tuple[int, int]:
    """(number of tokens in ``text``, end offset of the ``budget``-th token or len(text))."""
    total, cut = 0, len(text)
    for m in _TOKEN.finditer(text):
        total += 1
        if total == budget:
            cut = m.end()
    return total, cut


def over_budget(text: str, budget: int) -> bool:
    """True when ``text`` has more budget tokens than ``budget`` (0 = unlimited)."""
    return budget > 0 and _token_ends(text, budget)[0] > budget


def count_tokens(text: str) -> int:
    """Budget tokens in ``text`` (see ``_TOKEN``)."""
    return _token_ends(text, 0)[0]


def apply_token_budget(
    doc: Document, budget: int, layer: str, mode: str = "prefix"
) -> tuple[Document | None, dict[str, Any] | None]:
    """What ``layer`` may read of ``doc`` under ``budget`` tokens, and the provenance note.

    Returns ``(doc, None)`` when the text fits (or ``budget`` is 0 = unlimited). Otherwise, in
    ``"prefix"`` mode, a Document holding the longest prefix of whole sentences (else
    paragraphs, else tokens) within the budget, with every layer's annotations that end inside
    it — annotation offsets made on it are valid in the full text — and a note for
    ``provenance[layer]["limited"]``. In ``"skip"`` mode, or when not even one token fits,
    ``(None, note)``: the layer is written empty and the note says why.
    """
    if budget <= 0:
        return doc, None
    total, token_cut = _token_ends(doc.text, budget)
    if total <= budget:
        return doc, None
    cut = 0 if mode == "skip" else _boundary(doc, token_cut)
    note: dict[str, Any] = {
        "reason": f"input of {total:,} tokens exceeds the budget of {budget:,} tokens "
        f"for {layer} (token_budget)",
        "budget": budget,
        "tokens": total,
        "analysed_chars": cut,
        "total_chars": len(doc.text),
    }
    if cut <= 0:
        note["action"] = "skipped"
        return None, note
    note["action"] = f"ran on the first {cut:,} of {len(doc.text):,} characters"
    return _prefix(doc, cut), note


def _boundary(doc: Document, token_cut: int) -> int:
    """The last sentence end (else paragraph end) at or before ``token_cut``; the token
    boundary itself when no unit fits whole (one huge paragraph)."""
    for name in ("sentences", "paragraphs"):
        ends = [a["end"] for a in doc.layers.get(name) or () if a["end"] <= token_cut]
        if ends:
            return max(ends)
    return token_cut


def _prefix(doc: Document, cut: int) -> Document:
    layers = {
        name: [a for a in annotations if _ends_within(a, cut)]
        for name, annotations in doc.layers.items()
    }
    return replace(doc, text=doc.text[:cut], layers=layers)


def _ends_within(annotation: Any, cut: int) -> bool:
    """True when every span in the annotation (its own, and nested ``{"start","end"}``
    references such as a contradiction's ``a``/``b``) ends inside the prefix."""
    if not isinstance(annotation, dict):
        return True
    end = annotation.get("end")
    if isinstance(end, int) and end > cut:
        return False
    return all(_ends_within(v, cut) for v in annotation.values() if isinstance(v, dict))


__all__ = [
    "apply_token_budget",
    "check_tree",
    "count_tokens",
    "limit_blocks",
    "limit_metadata",
    "over_budget",
    "split_text",
    "token_budget",
]
