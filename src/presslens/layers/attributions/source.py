"""Shaping a source noun phrase, deciding whether it names anybody, and resolving pronouns.

Why separate: these are the judgements a fact-checker reads first ("officials" vs
"Brig. Gen. Tomas Varga"), so they get their own small module with their own rules.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from presslens.layers.attributions.lexicon import (
    DEFINITE_DETERMINERS,
    DOCUMENT_HEADS,
    INDEFINITE_DETERMINERS,
    INSTITUTIONAL_PLURALS,
    PRONOUN_LABELS,
    SOURCE_DROP_LEADING,
    VAGUE_HEADS,
)

# Dependents that belong to a name ("Judge Miriam Castell", "NDL spokesman Rami Sattar").
NAME_DEPS = frozenset(
    {"compound", "flat", "nmod", "amod", "poss", "case", "det", "nummod", "punct"}
)
# Labels of entities that make a source "named" (a nationality or a place alone does not:
# "Iranian officials" still names nobody).
NAMING_LABELS = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "EVENT"})
# How far back (characters) a pronoun source looks for the entity it stands for.
PRONOUN_LOOKBACK = 600


def _is_name(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG")


def _name_tokens(head: Token) -> list[Token]:
    """The head plus its name-forming dependents, stopping at commas and prepositions."""
    keep = [head]
    for child in head.lefts:
        if child.dep_ in NAME_DEPS and child.text not in (",",):
            keep.extend(t for t in child.subtree)
    for child in head.rights:
        if child.dep_ in ("flat", "compound"):
            keep.extend(child.subtree)
    return keep


def _phrase_tokens(head: Token) -> list[Token]:
    """A common-noun source: its subtree up to the first comma (appositions, asides)."""
    clauses = {
        t.i for c in head.children if c.dep_ in ("relcl", "acl:relcl") for t in c.subtree
    }  # "individuals she reportedly named": not the source
    tokens = sorted(head.subtree, key=lambda t: t.i)
    out: list[Token] = []
    for tok in tokens:
        if tok.i > head.i and (tok.text == "," or tok.i in clauses):
            break
        out.append(tok)
    return out


def source_tokens(head: Token) -> list[Token]:
    """Tokens of the source phrase governed by ``head`` (the subject of the cue)."""
    if _is_name(head):
        tokens = _name_tokens(head)
    else:
        names = [c for c in head.rights if c.dep_ == "appos" and _is_name(c)]
        # "His lawyer, Dana Whitfield, said": the name is the source
        tokens = _name_tokens(names[0]) if names else _phrase_tokens(head)
    tokens = sorted(set(tokens), key=lambda t: t.i)
    # contiguous run around the head only (a stray dependent must not stretch the span)
    while tokens and (
        tokens[0].lower_ in SOURCE_DROP_LEADING
        or tokens[0].is_punct
        or tokens[0].tag_ in ("WDT", "WP")  # "which councillor Yusuf said"
        or tokens[0].dep_ == "mark"
    ):  # "that the chairman remained …"
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in (")",):
        tokens = tokens[:-1]
    return tokens


def span_of(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def overlapping_entities(
    entities: list[dict[str, Any]], start: int, end: int
) -> list[dict[str, Any]]:
    return [e for e in entities if e["start"] < end and e["end"] > start]


# Prepositions that give a group its employer ("analysts at Hollbeck Bank", "doctors from
# the Red Crescent"), which names who speaks, unlike "economists polled by the Daily".
AFFILIATION_PREPOSITIONS = frozenset({"at", "of", "from", "with", "for", "in"})


def _affiliated(head: Token, entities: list[dict[str, Any]]) -> bool:
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in AFFILIATION_PREPOSITIONS:
            continue
        sub = list(prep.subtree)
        start, end = sub[0].idx, sub[-1].idx + len(sub[-1].text)
        if any(e.get("label") in NAMING_LABELS for e in overlapping_entities(entities, start, end)):
            return True
        if any(t.ent_type_ in NAMING_LABELS for t in sub):
            return True
    return False


def is_vague(tokens: list[Token], head: Token, entities: list[dict[str, Any]]) -> bool:
    """True when the source names nobody ("officials", "a study", "published statistics").

    Order matters: a named person always names somebody; a plural group of people stays
    vague even beside an organisation ("economists polled by the Daily" are still unnamed);
    a document or body with an organisation in it is named ("a study by the Lindqvist
    Institute").
    """
    if not tokens:
        return True
    if head.pos_ == "PRON":
        return False
    start, end = span_of(tokens)
    labels = {e.get("label") for e in overlapping_entities(entities, start, end)}
    labels |= {t.ent_type_ for t in tokens if t.ent_type_}
    if "PERSON" in labels:
        return False
    determiners = {c.lower_ for c in head.children if c.dep_ == "det"}
    plural = head.tag_ in ("NNS", "NNPS") or head.lower_ in ("data", "media", "people")
    if (
        plural
        and head.pos_ == "NOUN"
        and head.lower_ not in INSTITUTIONAL_PLURALS
        and head.lemma_.lower() not in DOCUMENT_HEADS
        and not any(c.dep_ == "poss" for c in head.children)
        and not determiners & DEFINITE_DETERMINERS
        and not _affiliated(head, entities)
    ):
        # "campaigners", "some hydrologists": a group nobody is named in ("the authors" of a
        # study just named, or "its engineers", point back to someone identified)
        return True
    if labels & NAMING_LABELS:
        return False
    if (
        determiners & INDEFINITE_DETERMINERS
        and head.tag_ == "NN"
        and head.pos_ == "NOUN"
        and not any(c.dep_ in ("compound", "prep", "poss") for c in head.children)
    ):
        # "a cashier", "one witness": an unnamed individual; "a council spokesperson" and
        # "a spokesman for the ministry" speak for a body that is named
        return True
    if head.lemma_.lower() not in VAGUE_HEADS and head.lower_ not in VAGUE_HEADS:
        return False
    if any(c.dep_ == "poss" for c in head.children):
        return False  # "its own budget documents", "the council's report": the owner is named
    return plural or not (determiners & DEFINITE_DETERMINERS)


def cluster_for(
    tokens: list[Token], head: Token, entities: list[dict[str, Any]], text: str
) -> str | None:
    """The entity cluster a source refers to: an entity inside it, or a pronoun's antecedent."""
    if not tokens:
        return None
    start, end = span_of(tokens)
    inside = [e for e in overlapping_entities(entities, start, end) if e.get("cluster")]
    if inside:
        best = max(
            inside,
            key=lambda e: (e.get("label") == "PERSON", min(end, e["end"]) - max(start, e["start"])),
        )
        return best["cluster"]
    word = head.lower_
    if len(tokens) == 1 and word in PRONOUN_LABELS:
        labels = PRONOUN_LABELS[word]
        before = [
            e
            for e in entities
            if e["end"] <= start
            and e.get("cluster")
            and e.get("label") in labels
            and start - e["end"] <= PRONOUN_LOOKBACK
        ]
        if before:
            return max(before, key=lambda e: e["end"])["cluster"]
    return None  # "I"/"we" (FIRST_PERSON) stay unresolved: the speaker is not in the text
