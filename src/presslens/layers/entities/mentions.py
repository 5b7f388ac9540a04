"""Entity mentions: spaCy's NER spans, repaired, and the Mention record every step shares.

Why: spaCy's small model gets most names but with systematic span errors on news text — it
drops titles ("Brig. Gen." outside "Tomas Varga"), keeps a leading "the" or a possessive, runs
across brackets, and tags share-bar words and currency codes. Each function here fixes one of
those. A Mention carries *label votes* with weights so that the cluster step can decide a label
from all the evidence in the article (a title says PERSON, "in X" says place, an ORG head noun
says ORG) instead of trusting one noisy prediction. Mentions spaCy misses altogether are added
in ``_entity_patterns``; evidence from context in ``_entity_evidence``.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from presslens.layers.entities.rules import (
    CURRENCY_CODES,
    FAC_HEADS,
    LEADING_DETERMINERS,
    NUMERIC_LABELS,
    ORG_HEADS,
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

W_HEAD = 2.5  # ORG/FAC/LOC head noun in the name: beats a two-word PERSON guess (2)

W_CONTEXT = 2.5  # "in X", "the town of X", "X and <place>": beats a two-word PERSON guess

W_TITLE = 3.0  # a personal title or honorific before the name

W_DATELINE = 5.0  # the dateline's place and agency

# Brackets never sit inside a name; spaCy sometimes runs a span across "(NDL)".
BRACKETS = frozenset("()[]{}")


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
    n_words: int = 0  # words in the name, set when the mention joins a cluster

    def vote(self, label: str, weight: float) -> None:
        self.votes[label] += weight

    @property
    def label(self) -> str:
        return max(self.votes.items(), key=lambda kv: kv[1])[0] if self.votes else "ORG"

    def name(self, text: str) -> str:
        return text[self.name_start : self.end]


def extend_titles(sdoc: Any, first_token_i: int) -> int:
    """Index of the first token of the title sequence right before ``first_token_i``.

    spaCy sometimes splits an abbreviated title from its period ("Brig", "." before "Gen."),
    so a bare "." glued to a title word is stepped over as part of that title.
    """
    i = first_token_i
    while i > 0:
        prev = sdoc[i - 1]
        if "\n" in prev.whitespace_ or "\n" in prev.text:
            break
        if (
            prev.text == "."
            and i >= 2
            and not sdoc[i - 2].whitespace_
            and is_title(sdoc[i - 2].text)
        ):
            i -= 2
            continue
        if is_title(prev.text):
            i -= 1
            continue
        # "Foreign Minister", "Deputy Mayor": a modifier counts only before a title word
        if (
            prev.text[:1].isupper()
            and bare(prev.text) in TITLE_MODIFIERS
            and is_title(sdoc[i].text)
        ):
            i -= 1
            continue
        break
    return i


def _leading_titles(tokens: list[Any]) -> int:
    """How many leading tokens of a span are titles/honorifics (at least one name must stay)."""
    n = 0
    while n < len(tokens) - 1 and (
        is_title(tokens[n].text)
        or (tokens[n].text == "." and n > 0 and is_title(tokens[n - 1].text))
        or (bare(tokens[n].text) in TITLE_MODIFIERS and is_title(tokens[n + 1].text))
    ):
        n += 1
    return n


def _clean_tokens(tokens: list[Any]) -> list[Any]:
    """Drop a leading article, trailing possessive/punctuation/lower-case words ("Basij
    forces") and post-nominal letters; cut at a bracket ("IRGC) Ground Force" → "IRGC")."""
    for k, tok in enumerate(tokens):
        if tok.text in BRACKETS and k:
            tokens = tokens[:k]
            break
    while tokens and tokens[0].lower_ in LEADING_DETERMINERS:
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].text in ("'s", "’s", "'", "’")
        or (tokens[-1].is_punct and not tokens[-1].text.endswith("."))
        or tokens[-1].text in POST_NOMINALS
        or (tokens[-1].is_lower and tokens[-1].is_alpha and len(tokens) > 1)
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
    if (
        text.lower() in UI_WORDS
        or tokens[0].text in CURRENCY_CODES
        or tokens[-1].text in CURRENCY_CODES
    ):
        return True  # share bars; "EUR 5" is an amount (quantities layer)
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
        for part in _split_possessive(list(ent), text):
            m = _mention(sdoc, text, part, ent.label_)
            if m is not None:
                out.append(m)
    return out


def _split_possessive(tokens: list[Any], text: str) -> list[list[Any]]:
    """ "Intellihub's Shepard Ambellas" is two names when the article also names "Intellihub"
    on its own; "Lloyd's List", "People's Liberation Army", "St. Mary's Hospital" stay one."""
    for k, tok in enumerate(tokens[:-1]):
        if k and tok.text in ("'s", "’s"):
            right = tokens[k + 1 :]
            if bare(right[-1].text) in ORG_HEADS | FAC_HEADS:
                return [tokens]
            left = text[tokens[0].idx : tok.idx]
            whole = text[tokens[0].idx : right[-1].idx + len(right[-1].text)]
            if text.count(left) > text.count(whole):
                return [tokens[:k], right]
            return [tokens]
    return [tokens]


def _mention(sdoc: Any, text: str, tokens: list[Any], label: str) -> Mention | None:
    """One repaired spaCy mention, or None when nothing name-like is left."""
    tokens = _clean_tokens(tokens)
    if _is_junk(tokens, label):
        return None
    first = tokens[0].i
    title_start = extend_titles(sdoc, first) if label == "PERSON" else first
    span_tokens = list(sdoc[title_start : tokens[-1].i + 1])
    n_titles = _leading_titles(span_tokens)
    start, end = span_tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    if "\n" in text[start:end]:
        return None
    name_tokens = span_tokens[n_titles:]
    m = Mention(start=start, end=end, name_start=name_tokens[0].idx)
    m.vote(label, W_SPACY)
    if label == "PERSON" and len(name_tokens) >= 2:
        m.vote("PERSON", W_MULTIWORD_PERSON)
    if n_titles:
        m.honorific = bare(span_tokens[0].text)
    return m


def covered_map(mentions: list[Mention], n: int) -> list[bool]:
    covered = [False] * (n + 1)
    for m in mentions:
        for t in range(m.start, m.end):
            covered[t] = True
    return covered


def merge_adjacent_persons(mentions: list[Mention], text: str) -> list[Mention]:
    """Join "Prof. Anders" + "Holm" when spaCy cut one name in two (only a space between)."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and text[prev.end : m.start] == " "
            and prev.label == "PERSON"
            and m.label == "PERSON"
            and m.honorific is None
        ):
            prev.end = m.end
            for label, weight in m.votes.items():
                prev.vote(label, weight)
            continue
        out.append(m)
    return out


def merge(preferred: list[Mention], others: list[Mention]) -> list[Mention]:
    """``preferred`` plus every mention of ``others`` that overlaps none of them."""
    out = list(preferred)
    # m overlaps some p ⇔ among the p starting before m ends, the furthest end is past m.start:
    # a binary search over starts and a running maximum of ends, not a scan of every pair.
    ordered = sorted(preferred, key=lambda p: p.start)
    starts = [p.start for p in ordered]
    reach = list(itertools.accumulate((p.end for p in ordered), max))
    for m in others:
        k = bisect.bisect_left(starts, m.end)
        if not (k and reach[k - 1] > m.start):
            out.append(m)
    return sorted(out, key=lambda m: (m.start, m.end))
