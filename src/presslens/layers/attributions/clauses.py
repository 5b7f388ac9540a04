"""Passes 2 and 3: "according to X", and cue verbs governing reported content.

"According to X, …": the larger side of the sentence is the content. A cue verb (say,
believe, find …) with a subject and a clausal complement gives the clause; without one, the
trailing "…, officials said." reading, or a noun phrase for announcements and forecasts.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Token

from presslens.layers.attributions.rules import (
    NP_CONTENT_VERBS,
    SAY_LIKE,
    TRAILING_REST,
    Found,
    _clause_of,
    _content_bounds,
    _contrast_cut,
    _cue_text,
    _floor,
    _is_cue,
    _kind,
    _source_for,
    _subject,
    sentence_bounds,
)
from presslens.layers.attributions.source import source_tokens


# ---------------------------------------------------------------- pass 2: according to
def according_pass(
    doc: Doc, text: str, sentences: list[dict[str, Any]], used: set[int]
) -> list[Found]:
    found: list[Found] = []
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if not objects:
            continue
        head = objects[0]
        bounds = sentence_bounds(sentences, tok)
        floor = _floor(text, bounds)
        phrase_start = tok.idx
        phrase_end = min(head.right_edge.idx + len(head.right_edge.text), bounds[1])
        left = (floor, phrase_start)
        right = (phrase_end, bounds[1])
        side = (
            left
            if len(text[left[0] : left[1]].strip(" ,"))
            >= len(text[right[0] : right[1]].strip(" ,."))
            else right
        )
        start, end = _content_bounds(text, side[0], side[1], floor)
        if end - start < 3:
            continue
        kind = _kind(text, start, end)
        quoted = re.fullmatch(r"[“\"](.+?)[,.]?[”\"],?", text[start:end], re.S)
        if quoted:  # “The plan is dead,” according to an official: a direct quote
            start, end, kind = start + 1, start + 1 + len(quoted.group(1)), "direct"
        used.add(tok.i)
        tokens = [t for t in source_tokens(head) if t.idx < bounds[1]]
        found.append(Found(start, end, "according to", None, tokens, head, kind=kind))
    return found


# ---------------------------------------------------------------- pass 3: reported clauses
def clauses_pass(
    doc: Doc,
    text: str,
    sentences: list[dict[str, Any]],
    used: set[int],
    quoted: list[tuple[int, int]],
    entities: list[dict[str, Any]],
) -> list[Found]:
    found: list[Found] = []
    for tok in doc:
        if tok.i in used or not _is_cue(tok):
            continue
        if tok.tag_ == "VBG" and not any(c.dep_ == "aux" for c in tok.children):
            continue  # "people expecting a pill …": a participle, not a report
        if any(a <= tok.idx < b for a, b in quoted):
            continue  # a cue inside somebody's quote belongs to the quote
        clause = _clause_of(tok)
        bounds = sentence_bounds(sentences, tok)
        if clause is None or not bounds[0] <= clause.idx < bounds[1]:
            # no clause, or the parse reached into another sentence (a headline without a
            # full stop): only the trailing "…, officials said." reading is safe
            trailing = _trailing_report(doc, text, tok, bounds, entities)
            if trailing is None and clause is None:
                trailing = _object_report(doc, text, tok, bounds)
            if trailing is not None:
                used.add(tok.i)
                found.append(trailing)
            continue
        floor = _floor(text, bounds)
        tokens, head = _source_for(doc, tok, _subject(tok, floor), bounds)
        if not tokens or head is None:
            continue
        first = clause.left_edge
        if first.tag_ in ("WDT", "WP", "WRB") or first.lower_ in ("whether", "if"):
            continue  # "asked why …", "can tell me who …": a question, not reported content
        if subject_is_recipient(tok):
            continue  # "I was told it was …": the subject heard it, the speaker is unnamed
        if first.dep_ == "mark" and first.lower_ in ("that", "whether", "if"):
            first = doc[first.i + 1] if first.i + 1 < len(doc) else first
        c_start = first.idx
        c_end = min(clause.right_edge.idx + len(clause.right_edge.text), bounds[1])
        if c_start < tok.idx < c_end:  # the cue sits inside its own clause: a parse error
            continue
        if c_end <= tok.idx:
            # "X happened, officials said": the content stops before the subject/cue
            c_end = min(c_end, tokens[0].idx, tok.idx)
        c_end = _contrast_cut(doc, clause, c_end)
        start, end = _content_bounds(text, max(c_start, bounds[0]), c_end, floor)
        if end - start < 3:
            continue
        used.add(tok.i)
        start = _entity_start(entities, start, floor)
        found.append(
            Found(start, end, _cue_text(tok), tok, tokens, head, kind=_kind(text, start, end))
        )
    return found


def _trailing_report(
    doc: Doc, text: str, cue: Token, bounds: tuple[int, int], entities: list[dict[str, Any]]
) -> Found | None:
    """ "X happened, port officials said." when the parse lost the clause (datelines often
    make spaCy hang the first clause on the place name): the cue and its subject close the
    sentence after a comma, and everything before that comma is the content."""
    if cue.lemma_.lower() not in SAY_LIKE:
        return None
    floor = _floor(text, bounds)
    subject = _subject(cue, floor)
    tokens, head = _source_for(doc, cue, subject, bounds)
    if not tokens or head is None:
        return None
    first = min(tokens[0].i, cue.i, head.left_edge.i)
    last = max(tokens[-1].i, cue.i, head.right_edge.i)
    before = doc[first - 1] if first > 0 else None
    if before is None or before.text != "," or before.idx < floor:
        return None
    rest = text[doc[last].idx + len(doc[last].text) : bounds[1]]
    end_at = before.idx
    if not TRAILING_REST.fullmatch(rest):
        if not rest.startswith(","):
            return None
        # "The plan, he said, would cost too much.": a parenthetical cue; the content is the
        # whole sentence around it (one span, so the cue sits inside)
        end_at = bounds[1]
    start, end = _content_bounds(text, floor, end_at, floor)
    if end - start < 3:
        return None
    start = _entity_start(entities, start, floor)
    return Found(start, end, _cue_text(cue), cue, tokens, head, kind=_kind(text, start, end))


def subject_is_recipient(cue: Token) -> bool:
    """Passive "tell"-verbs: the grammatical subject is the listener, not the source."""
    return cue.lemma_.lower() in ("tell", "inform", "assure", "warn", "advise") and any(
        c.dep_ == "nsubjpass" for c in cue.children
    )


def _object_report(doc: Doc, text: str, cue: Token, bounds: tuple[int, int]) -> Found | None:
    """ "The authority announced a revised timetable", "Economists had expected a reading of
    3.3 percent": an announcement or forecast whose content is a noun phrase."""
    if cue.lemma_.lower() not in NP_CONTENT_VERBS:
        return None
    objects = [c for c in cue.children if c.dep_ == "dobj"]
    if not objects:
        return None
    obj = objects[0]
    tokens = [t for t in obj.subtree if bounds[0] <= t.idx < bounds[1]]
    if len(tokens) < 3 and not any(t.like_num for t in tokens):
        return None  # "announced it": too little to be content
    floor = _floor(text, bounds)
    source, head = _source_for(doc, cue, _subject(cue, floor), bounds)
    if not source or head is None:
        return None
    end_tok = tokens[-1]
    start, end = _content_bounds(text, tokens[0].idx, end_tok.idx + len(end_tok.text), floor)
    if end - start < 3:
        return None
    return Found(start, end, _cue_text(cue), cue, source, head, kind=_kind(text, start, end))


def _entity_start(entities: list[dict[str, Any]], start: int, floor: int) -> int:
    """Move a content start back over a name the parser cut ("Brig." split from "Gen.")."""
    for ent in entities:
        if ent["start"] < start < ent["end"] and ent["start"] >= floor:
            return ent["start"]
    return start
