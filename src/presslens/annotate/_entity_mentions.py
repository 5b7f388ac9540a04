"""Entity mentions: spaCy's NER spans, repaired, plus mentions spaCy misses.

Why: spaCy's small model gets most names but with systematic span errors on news text — it
drops titles ("Brig. Gen." outside "Tomas Varga"), keeps a leading "the", tags share-bar words
and currency codes, and misses datelines and all-caps headings. Each function here fixes one
of those, and records *label votes* with a weight so that the cluster step can decide a label
from all the evidence in the article (a title says PERSON, "in X" says place, an ORG head noun
says ORG) instead of trusting one noisy prediction.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from presslens.annotate._entity_rules import (
    CURRENCY_CODES,
    DEMONYM_SUFFIXES,
    FAC_HEADS,
    LEADING_DETERMINERS,
    LOC_WORDS,
    LOCATIVE_PREPOSITIONS,
    NUMERIC_LABELS,
    ORG_HEADS,
    PERSON_HONORIFICS,
    PLACE_NOUNS,
    POST_NOMINALS,
    TITLE_MODIFIERS,
    UI_WORDS,
    bare,
    is_title,
)

# Evidence weights for label votes. spaCy's own label is the baseline (1); rule evidence
# outweighs it because each rule fires only on an unambiguous signal.
W_SPACY = 1.0
W_MULTIWORD_PERSON = 1.0  # extra for a 2+ word PERSON: full names are spaCy's strongest case
W_HEAD = 2.0  # ORG/FAC/LOC head noun in the name
W_CONTEXT = 1.5  # "in X", "the town of X"
W_TITLE = 3.0  # a personal title or honorific before the name
W_DATELINE = 5.0  # the dateline's place and agency

# Most tokens a name can have after a title when we build a mention spaCy missed.
MAX_NAME_TOKENS = 3


@dataclass
class Mention:
    """A candidate entity mention with character offsets and weighted label votes."""

    start: int
    end: int
    name_start: int  # where the name begins after titles/honorifics
    votes: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    honorific: str | None = None  # first title word, lower-case without period
    origin: str = "spacy"
    cluster: int | None = None
    nominal: bool = False  # "the commander": a back-reference, not a name

    def vote(self, label: str, weight: float) -> None:
        self.votes[label] += weight

    @property
    def label(self) -> str:
        return max(self.votes.items(), key=lambda kv: kv[1])[0] if self.votes else "ORG"

    def name(self, text: str) -> str:
        return text[self.name_start : self.end]


def _tokens_between(sdoc: Any, start: int, end: int) -> list[Any]:
    span = sdoc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _extend_titles(sdoc: Any, first_token_i: int) -> int:
    """Index of the first token of the title sequence right before ``first_token_i``."""
    i = first_token_i
    while i > 0:
        prev = sdoc[i - 1]
        if "\n" in prev.whitespace_ or "\n" in prev.text:
            break
        if is_title(prev.text):
            i -= 1
            continue
        # "Foreign Minister", "Deputy Mayor": a modifier counts only before a title word
        if prev.text[:1].isupper() and bare(prev.text) in TITLE_MODIFIERS and is_title(sdoc[i].text):
            i -= 1
            continue
        break
    return i


def _leading_titles(tokens: list[Any]) -> int:
    """How many leading tokens of a span are titles/honorifics (at least one name must stay)."""
    n = 0
    while n < len(tokens) - 1 and (
        is_title(tokens[n].text)
        or (bare(tokens[n].text) in TITLE_MODIFIERS and is_title(tokens[n + 1].text))
    ):
        n += 1
    return n


def _clean_tokens(tokens: list[Any]) -> list[Any]:
    """Drop a leading article, trailing possessive/punctuation and post-nominal letters."""
    while tokens and tokens[0].lower_ in LEADING_DETERMINERS:
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].text in ("'s", "’s", "'", "’")
        or (tokens[-1].is_punct and not tokens[-1].text.endswith("."))
        or tokens[-1].text in POST_NOMINALS
    ):
        tokens = tokens[:-1]
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    return tokens


def _is_junk(tokens: list[Any], label: str) -> bool:
    """Spans that are not names: UI words, currency codes, single letters, code-like tokens."""
    text = " ".join(t.text for t in tokens)
    if not tokens or not any(ch.isalpha() for ch in text):
        return True
    if text.lower() in UI_WORDS or text in CURRENCY_CODES:
        return True
    if len(tokens) == 1 and len(text.rstrip(".")) == 1:
        return True  # "D." of "vitamin D."
    if label in ("PERSON", "NORP", "GPE", "LOC") and any(ch.isdigit() for ch in text):
        return True  # "D3": a person or place name has no digits
    return False


def from_spacy(sdoc: Any, text: str) -> list[Mention]:
    """spaCy's non-numeric entities with repaired spans and their label votes."""
    out: list[Mention] = []
    for ent in sdoc.ents:
        if ent.label_ in NUMERIC_LABELS:
            continue
        tokens = _clean_tokens(list(ent))
        if _is_junk(tokens, ent.label_):
            continue
        first = tokens[0].i
        title_start = _extend_titles(sdoc, first) if ent.label_ in ("PERSON",) else first
        span_tokens = list(sdoc[title_start : tokens[-1].i + 1])
        n_titles = _leading_titles(span_tokens)
        start, end = span_tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        if "\n" in text[start:end]:
            continue
        name_tokens = span_tokens[n_titles:]
        m = Mention(start=start, end=end, name_start=name_tokens[0].idx)
        m.vote(ent.label_, W_SPACY)
        if ent.label_ == "PERSON" and len(name_tokens) >= 2:
            m.vote("PERSON", W_MULTIWORD_PERSON)
        if n_titles:
            m.honorific = bare(span_tokens[0].text)
        out.append(m)
    return out


def title_name_mentions(sdoc: Any, text: str, taken: list[Mention]) -> list[Mention]:
    """"General Varga", "Judge X" where spaCy found nothing: a title then capitalised names."""
    covered = _covered(taken, len(text))
    out: list[Mention] = []
    i = 0
    n = len(sdoc)
    while i < n:
        tok = sdoc[i]
        if not is_title(tok.text) or bare(tok.text) not in PERSON_HONORIFICS or covered[tok.idx]:
            i += 1
            continue
        j = i
        while j + 1 < n and is_title(sdoc[j + 1].text):
            j += 1
        k = j + 1
        names = []
        while (
            k < n
            and len(names) < MAX_NAME_TOKENS
            and sdoc[k].text[:1].isupper()
            and sdoc[k].is_alpha
            and not covered[sdoc[k].idx]
            and bare(sdoc[k].text) not in ORG_HEADS
            and "\n" not in sdoc[k - 1].whitespace_
        ):
            names.append(sdoc[k])
            k += 1
        if names and sdoc[i].i == _extend_titles(sdoc, sdoc[i].i):
            start, end = tok.idx, names[-1].idx + len(names[-1].text)
            m = Mention(start=start, end=end, name_start=names[0].idx, origin="title")
            m.honorific = bare(tok.text)
            out.append(m)
            for t in range(start, end):
                covered[t] = True
        i = k if names else i + 1
    return out


def _covered(mentions: list[Mention], n: int) -> list[bool]:
    covered = [False] * (n + 1)
    for m in mentions:
        for t in range(m.start, m.end):
            covered[t] = True
    return covered


def add_evidence(mentions: list[Mention], sdoc: Any, text: str) -> None:
    """Label votes from titles, head nouns and the words around each mention."""
    for m in mentions:
        words = text[m.name_start : m.end].split()
        if not words:
            continue
        first, last = bare(words[0]), bare(words[-1])
        if m.honorific in PERSON_HONORIFICS and last not in ORG_HEADS:
            m.vote("PERSON", W_TITLE)
        if len(words) >= 2 and last in ORG_HEADS:
            m.vote("ORG", W_HEAD)
        elif len(words) >= 2 and (first in LOC_WORDS or last in LOC_WORDS):
            m.vote("LOC", W_HEAD)
        elif len(words) >= 2 and last in FAC_HEADS:
            m.vote("FAC", W_HEAD)
        if m.honorific is None and _place_context(text, m.start):
            m.vote("GPE", W_CONTEXT)
        if (
            len(words) == 1
            and m.label == "PERSON"
            and m.honorific is None
            and words[0].lower().endswith(DEMONYM_SUFFIXES)
            and _next_is_lower_noun(sdoc, m.end)
        ):
            m.vote("NORP", W_TITLE)  # "the Arvanian minister": an adjective, not a person


def _place_context(text: str, start: int) -> bool:
    """True when the words before ``start`` say a place follows ("in", "the town of")."""
    before = text[max(0, start - 40) : start]
    words = re.findall(r"[A-Za-z]+", before)
    if not words or not before.endswith((" ", "\u00a0")):
        return False
    if words[-1].lower() in LOCATIVE_PREPOSITIONS and words[-1].islower():
        return True
    return len(words) >= 2 and words[-1] == "of" and words[-2].lower() in PLACE_NOUNS


def _next_is_lower_noun(sdoc: Any, end: int) -> bool:
    span = sdoc.char_span(end, min(len(sdoc.text), end + 40), alignment_mode="expand")
    if span is None:
        return False
    toks = [t for t in span if not t.is_space]
    return bool(toks) and toks[0].idx >= end and toks[0].is_lower and toks[0].pos_ == "NOUN"


def dateline_mentions(doc: Any, text: str) -> list[Mention]:
    """The dateline's place (GPE) and agency (ORG), from the extraction's dateline parser."""
    from presslens.extract.dateline import parse_dateline

    out: list[Mention] = []
    for para in (doc.layers.get("paragraphs") or [])[:3]:
        chunk = text[para["start"] : para["end"]]
        parsed = parse_dateline(chunk)
        if parsed is None:
            continue
        dateline, offset = parsed
        head = chunk[:offset]
        if dateline.place:
            place = dateline.place.split(",")[0].strip()
            i = head.find(place)
            if i >= 0:
                m = Mention(para["start"] + i, para["start"] + i + len(place),
                            para["start"] + i, origin="dateline")
                m.vote("GPE", W_DATELINE)
                out.append(m)
        if dateline.agency:
            i = head.find(dateline.agency)
            if i >= 0:
                m = Mention(para["start"] + i, para["start"] + i + len(dateline.agency),
                            para["start"] + i, origin="dateline")
                m.vote("ORG", W_DATELINE)
                out.append(m)
        break
    return out


def merge(preferred: list[Mention], others: list[Mention]) -> list[Mention]:
    """``preferred`` plus every mention of ``others`` that overlaps none of them."""
    out = list(preferred)
    for m in others:
        if not any(m.start < p.end and p.start < m.end for p in preferred):
            out.append(m)
    return sorted(out, key=lambda m: (m.start, m.end))
