"""The noun a number counts ("212 drones" → drone), read from the shared spaCy parse.

Why the parse: "12 armed drones", "17 shell companies", "800 care-home residents" put
adjectives and compounds between the number and what it counts; the number's syntactic head
finds the noun where a next-word rule would stop at "armed".
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from presslens.layers.quantities.lexicon import IRREGULAR_SINGULARS, NOT_COUNTED

# How far (characters) after a number its counted noun may start ("12 armed drones").
NOUN_REACH = 40


# Adjectives after "N-" that describe the following noun rather than name what is counted
# ("a 10,000-strong crowd" counts the crowd's people, not "strong" things).
HYPHEN_ADJECTIVES = frozenset(
    {"strong", "long", "high", "wide", "deep", "tall", "odd", "plus", "old", "fold"}
)


def singular(token: Token) -> str:
    """The singular form of a counted noun ("drones" → "drone", "people" → "person")."""
    low = token.lower_
    if token.text.isupper() and len(token.text) <= 5:
        return token.text  # "IU", "MW": abbreviations keep their case
    if low in IRREGULAR_SINGULARS:
        return IRREGULAR_SINGULARS[low]
    lemma = token.lemma_.lower()
    if lemma and lemma != low:
        return lemma
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith("s") and not low.endswith("ss"):
        return low[:-1]
    return low


def counted_noun(doc: Doc, start: int, end: int) -> Token | None:
    """The noun a number counts: the head its last token modifies, else the next noun run."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    last = span[-1]
    if (
        last.i + 2 < len(doc)
        and doc[last.i + 1].text == "-"
        and doc[last.i + 2].is_alpha
        and doc[last.i + 2].lower_ not in HYPHEN_ADJECTIVES
    ):
        return doc[last.i + 2]  # "300-person march": the hyphenated word is what is counted
    head = last.head
    between = doc[last.i + 1 : head.i] if head.i > last.i else []
    if (
        last.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod")
        and head.i > last.i
        and head.pos_ in ("NOUN", "PROPN")
        and head.idx - end <= NOUN_REACH
        and not any((t.is_punct and t.text != "-") or t.like_num for t in between)
    ):
        # climb compound chains: "800 care-home residents" → residents
        while (
            head.dep_ in ("compound", "amod", "nmod")
            and head.head.i > head.i
            and head.head.pos_ in ("NOUN", "PROPN")
            and head.head.idx - end <= NOUN_REACH
            and head.lemma_.lower() not in NOT_COUNTED
        ):
            head = head.head
        return head
    i = last.i + 1
    if i < len(doc) and doc[i].lower_ == "of":
        i += 1
    run: list[Token] = []
    while i < len(doc) and len(run) < 4:
        tok = doc[i]
        near = tok.idx - end <= NOUN_REACH
        if tok.pos_ in ("ADJ", "NOUN", "PROPN") and not tok.is_punct and near:
            run.append(tok)
            i += 1
            continue
        break
    nouns = [t for t in run if t.pos_ in ("NOUN", "PROPN")]
    if not nouns:
        return None
    # the head of a compound run is its last noun ("shell companies")
    head_noun = nouns[0]
    for tok in run[run.index(nouns[0]) + 1 :]:
        if tok.pos_ in ("NOUN", "PROPN"):
            head_noun = tok
        else:
            break
    return head_noun
