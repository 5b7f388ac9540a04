"""Pass 1: direct quotes with their speaker, and follow-on quotes of the same speaker.

A quoted passage is attributed when a cue verb and its subject sit right after it (“…,” said
X / “…,” X said) or right before it (X said: “…” / the authors called “…”). A later quote in
the same paragraph that stands as its own sentence inherits the last speaker; a quote split
around its cue (“The plan,” he said, “would cost too much.”) is one attribution.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from presslens.layers.attributions.lexicon import CUE_VERBS, QUOTE_PAIRS
from presslens.layers.attributions.rules import (
    LABEL_CUES,
    QUOTE_CUE_WINDOW,
    Found,
    _cue_text,
    _source_for,
    _subject,
    sentence_bounds,
)


def _quote_spans(text: str, para_start: int, para_end: int) -> list[tuple[int, int]]:
    """(inner_start, inner_end) of quoted passages inside one paragraph."""
    spans: list[tuple[int, int]] = []
    i = para_start
    while i < para_end:
        ch = text[i]
        if ch in QUOTE_PAIRS:
            close = text.find(QUOTE_PAIRS[ch], i + 1, para_end)
            if close == -1:
                break
            spans.append((i + 1, close))
            i = close + 1
        else:
            i += 1
    return spans


def _cue_near(doc: Doc, tokens: list[Token]) -> Token | None:
    for tok in tokens:
        if tok.lemma_.lower() in CUE_VERBS and tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.is_sent_start and tok is not tokens[0]:
            break
    return None


def quotes_pass(
    doc: Doc,
    text: str,
    paragraphs: list[dict[str, Any]],
    sentences: list[dict[str, Any]],
    used: set[int],
) -> list[Found]:
    """Direct quotes with a speaker, and continuation quotes of the same speaker."""
    found: list[Found] = []
    for para in paragraphs:
        last: Found | None = None
        spans = _quote_spans(text, para["start"], para["end"])
        skip: set[int] = set()
        for k, (inner_start, inner_end) in enumerate(spans):
            if k in skip:
                continue
            after = doc.char_span(inner_end + 1, para["end"], alignment_mode="expand")
            before = doc.char_span(para["start"], inner_start - 1, alignment_mode="expand")
            cue = None
            if after is not None:
                window = [t for t in after[:QUOTE_CUE_WINDOW] if not t.is_space]
                if (
                    window
                    and window[0].text in (",", "?", "!", ".")
                    or (window and window[0].lemma_ in CUE_VERBS)
                    or (window and text[inner_end - 1] in ",?!")
                ):
                    cue = _cue_near(doc, window)
            if cue is None and before is not None:
                tail = [t for t in before[-QUOTE_CUE_WINDOW:] if not t.is_space]
                if tail and tail[-1].text in (":", ","):
                    cue = _cue_near(doc, list(reversed(tail)))
                elif tail and (
                    tail[-1].lemma_.lower() in LABEL_CUES
                    or (
                        tail[-1].lower_ == "as"
                        and len(tail) > 1
                        and tail[-2].lemma_.lower() in LABEL_CUES
                    )
                ):
                    cue = tail[-1] if tail[-1].lower_ != "as" else tail[-2]
            start, end = inner_start, inner_end
            while end > start and text[end - 1] in " ,;:—–":
                end -= 1
            # a follow-on quote stands as its own sentence: paragraph start or after .?! and
            # ends a sentence itself — "New Church." inside a sentence is a fragment
            lead = text[para["start"] : inner_start - 1].rstrip()
            quote_is_sentence = (
                (not lead or lead[-1] in '.?!”"')
                and text[inner_start:inner_end].rstrip()[-1:] in (".", "?", "!", ",")
                and len(text[inner_start:inner_end].split()) >= 2
            )
            if cue is not None and cue.i not in used:
                tokens, head = _source_for(doc, cue, _subject(cue), sentence_bounds(sentences, cue))
                if not tokens:
                    continue
                used.add(cue.i)
                if k + 1 < len(spans) and _continues(text, spans[k + 1], cue, tokens):
                    # “The plan,” he said, “would cost too much.”: one quote around the cue
                    end = spans[k + 1][1]
                    skip.add(k + 1)
                last = Found(start, end, _cue_text(cue), cue, tokens, head, kind="direct")
                found.append(last)
            elif cue is None and last is not None and quote_is_sentence:
                found.append(
                    Found(
                        start,
                        end,
                        last.cue,
                        last.cue_token,
                        last.source_tokens,
                        last.source_head,
                        kind="direct",
                    )
                )
    return found


def _continues(text: str, nxt: tuple[int, int], cue: Token, tokens: list[Token]) -> bool:
    """Whether the next quote resumes the same sentence right after "…,” he said, “…"."""
    last = max([cue, *tokens], key=lambda t: t.i)
    gap = text[last.idx + len(last.text) : nxt[0] - 1]
    return gap.strip() == "," and text[nxt[0] : nxt[0] + 1].islower()
