"""Candidate pairs by shared event, for contradicting sentences that the embeddings miss.

The embedding route (``checks.candidate_pairs``) needs two sentences to read alike as a whole;
a short edit against a long, detailed sentence often does not ("The immigration courts accepted
the asylum claims" / "The claims were rejected as unsubstantiated and the illegal aliens
ordered deported": cosine 0.42). Here two sentences are paired when they share an event key:
the same predicate — or two predicates of one antonym pair — with the same subject or object
head. Keys are exact, so the extra pairs are few.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from presslens.layers.contradictions.frames import (
    ANTONYMS,
    HEDGING_VERBS,
    LIGHT_VERBS,
    NEGATIVE_STANCE,
    POSITIVE_STANCE,
    Frame,
)

# A key shared by more sentences than this is a refrain of the article ("the president said"),
# not an event told twice; its pairs are left to the embedding route.
MAX_KEY_SENTENCES = 6
# Argument heads too vague to tie two sentences to one event.
VAGUE_HEADS = frozenset(
    {
        "i",
        "you",
        "he",
        "she",
        "it",
        "we",
        "they",
        "this",
        "that",
        "who",
        "which",
        "what",
        "one",
        "people",
        "thing",
        "time",
        "year",
        "way",
        "part",
    }
)


def _predicate_classes(lemma: str) -> Iterable[str]:
    """The lemma itself, each antonym pair it belongs to ("approve" → "approve",
    "approve/reject") and "<stance>" for a position verb, so "accepted the claims" and
    "rejected the claims" share a key."""
    yield lemma
    for pair in ANTONYMS:
        if lemma in pair:
            yield "/".join(sorted(pair))
    if lemma in POSITIVE_STANCE or lemma in NEGATIVE_STANCE:
        yield "<stance>"  # any position verb may reverse any other


def event_keys(f: Frame) -> set[tuple[str, str]]:
    """(predicate class, argument head) for each asserted, contentful predicate."""
    keys: set[tuple[str, str]] = set()
    for p in f.predicates:
        if p.modal or p.lemma in LIGHT_VERBS or p.lemma in HEDGING_VERBS:
            continue
        heads = {h for h in (*p.subj, *p.obj) if not h.startswith("<clause>")} - VAGUE_HEADS
        for cls in _predicate_classes(p.lemma):
            keys.update((cls, h) for h in heads)
    return keys


def event_pairs(frames: Sequence[Frame]) -> set[tuple[int, int]]:
    """Sentence pairs (i < j) that share an event key."""
    by_key: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(frames):
        if f.question:
            continue
        for key in event_keys(f):
            by_key.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in by_key.values():
        if 1 < len(members) <= MAX_KEY_SENTENCES:
            pairs.update((x, y) for n, x in enumerate(members) for y in members[n + 1 :])
    return pairs
