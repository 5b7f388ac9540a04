"""Who did it, where, and who someone is: the slots the entity and attribution checks compare.

Why a second reading of the parse beside the frame: the negation, figure and date checks need
the *same* people and places on both sides, so every name is a veto there. Entity and
attribution contradictions are the opposite case — the same event told with another agent,
place or title ("the photo was tweeted by Rossello" / "Padilla tweeted a photo") — so the names
have to be read as values of a slot of one event, and the slot tells which names must agree.
Names are compared as :func:`name_key` words, so "Marx's" meets "Marx" and "Democrats" meets
"Democrat".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Entity labels whose words name a person, group, place or thing (not a date or a number).
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT"})
# Entity labels that are places: the values of a "where" slot.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Words inside names that do not tell one bearer from another (titles, articles).
TITLE_WORDS = frozenset(
    {
        "the",
        "of",
        "and",
        "a",
        "mr",
        "mrs",
        "ms",
        "dr",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "sir",
        "president",
        "governor",
        "minister",
        "prime",
        "judge",
        "chief",
        "senator",
        "former",
        "cardinal",
        "leader",
    }
)
# Prepositions that put an event somewhere: to (destination), in/at (location), from (origin).
PLACE_PREPS = frozenset({"to", "in", "at", "from", "into"})
# Prepositions of a credit that a correction denies: "made by X, not by Y", "came from X, not
# from Y". Only the paired form counts — the same preposition affirmed earlier in the sentence —
# because a bare "not from" / "rather than" is mostly argument, not attribution ("viewing it
# from the standpoint of society rather than from God's"; 5 false flags in 100 PTC articles).
DENYING_PREPS = frozenset({"by", "from"})


def name_key(word: str) -> str:
    """A name word as compared: lower case, possessive and plural -s dropped ("Marx's" → "marx",
    "Democrats" → "democrat"). Applied alike to both sides, so "texas" → "texa" is harmless."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")
    if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


def _is_name(tok: Any) -> bool:
    if tok.is_punct or tok.is_space or tok.dep_ == "case":
        return False
    if tok.ent_type_:
        return tok.ent_type_ in NAME_LABELS
    return tok.pos_ == "PROPN"


def names_in(tokens: Any, skip: frozenset[int] = frozenset()) -> frozenset[str]:
    """Name keys of the name tokens among ``tokens`` (title words left out)."""
    return frozenset(
        name_key(t.text)
        for t in tokens
        if t.i not in skip and _is_name(t) and name_key(t.text) not in TITLE_WORDS
    )


# Entity labels whose multi-word names link their words as one bearer ("Hillary Clinton").
ALIAS_LABELS = frozenset({"PERSON", "ORG"})

Aliases = dict[str, frozenset[str]]  # name key -> every name key of the bearers it may be


def aliases(ents: Any) -> Aliases:
    """For each word of a person's or organisation's full name in the article, all the words of
    the full names it appears in: "Hillary" and "Clinton" are one agent once "Hillary Clinton"
    is named anywhere in the article (a light stand-in for coreference)."""
    out: dict[str, set[str]] = {}
    for ent in ents:
        if ent.label_ not in ALIAS_LABELS:
            continue
        words = names_in(ent)
        if len(words) < 2:
            continue
        for w in words:
            out.setdefault(w, set()).update(words)
    return {w: frozenset(v) for w, v in out.items()}


def _expand(keys: frozenset[str], known: Aliases) -> frozenset[str]:
    return frozenset().union(keys, *(known.get(k, frozenset()) for k in keys))


@dataclass
class Slots:
    """The slot values of one sentence that the slot checks compare."""

    names: frozenset[str] = frozenset()  # every name key in the sentence
    capitalised: frozenset[str] = frozenset()  # lemmas of capitalised nouns (names the NER missed)
    agents: frozenset[str] = frozenset()  # name keys of doers and speakers (denied ones left out)
    denied: frozenset[str] = frozenset()  # name keys credited with "not by / not from"
    # predicate token index -> name keys of its agent (subject head, or the "by" agent)
    agent_of: dict[int, frozenset[str]] = field(default_factory=dict)
    # predicate token index -> {preposition: place name keys} ("travelled to Vietnam")
    places_of: dict[int, dict[str, frozenset[str]]] = field(default_factory=dict)
    # a person's surname key -> (role noun lemma, "LABEL:key" names describing the role, "of"
    # nouns)
    roles: dict[str, tuple[str, frozenset[str], frozenset[str]]] = field(default_factory=dict)


def _denied_tokens(span: Any) -> set[int]:
    """Token indices of the Y in "by X, not by Y" / "from X, not from Y"."""
    out: set[int] = set()
    doc = span.doc
    affirmed: set[str] = set()  # credit prepositions seen so far, not after a "not"
    for tok in span:
        if tok.lower_ in DENYING_PREPS and (tok.i == span.start or doc[tok.i - 1].lower_ != "not"):
            affirmed.add(tok.lower_)
        nxt = doc[tok.i + 1] if tok.i + 1 < span.end else None
        if nxt is None or tok.lower_ != "not":
            continue
        if _name_after_name(tok, nxt):  # "It was Mike Pompeo, not Heather Nauert, who said"
            for t in doc[nxt.i : span.end]:
                if not _is_name(t):
                    break
                out.add(t.i)
            continue
        if nxt.lower_ not in affirmed:
            continue
        opener = nxt
        phrase = [t.i for t in opener.subtree if t.i > opener.i]
        if not phrase:  # the parser hung the object elsewhere: read up to the next punctuation
            for t in doc[opener.i + 1 : span.end]:
                if t.is_punct:
                    break
                phrase.append(t.i)
        out.update(phrase)
    return out


def _name_after_name(neg: Any, nxt: Any) -> bool:
    """ "X, not Y": a name, a comma, "not", a name — one bearer put in place of another."""
    doc = neg.doc
    return neg.i >= 2 and doc[neg.i - 1].text == "," and _is_name(doc[neg.i - 2]) and _is_name(nxt)


def _agent_heads(verb: Any) -> list[Any]:
    """The doer of a verb: its active subject, or the object of a passive "by"."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive:
        return [
            g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
        ]
    return [c for c in verb.children if c.dep_ == "nsubj"]


def _places(verb: Any) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in PLACE_PREPS:
            keys = frozenset(
                name_key(t.text)
                for g in c.children
                if g.dep_ == "pobj"
                for t in g.subtree
                if t.ent_type_ in PLACE_LABELS and name_key(t.text) not in TITLE_WORDS
            )
            if keys:
                out[c.lower_] = out.get(c.lower_, frozenset()) | keys
    return out


# Dependents of a role noun that say which role it is ("Honeywell engineer", "professor at the
# University of Texas"); clauses ("the lawyer representing the woman accusing Kavanaugh") name
# other people and are left out.
ROLE_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss", "prep"})


def _role(person: Any, noun: Any) -> tuple[str, frozenset[str], frozenset[str]]:
    """A role noun said of a person: its lemma, the names in its modifiers ("at the University
    of Texas") and the nouns of its "of" phrases ("professor of history")."""
    tokens = [t for c in noun.children if c.dep_ in ROLE_MODIFIERS for t in c.subtree]
    own = name_key(person.text)
    names = frozenset(
        f"{t.ent_type_ or 'PROPN'}:{name_key(t.text)}"
        for t in tokens
        if _is_name(t) and name_key(t.text) not in TITLE_WORDS | {own}
    )
    of_nouns = frozenset(
        g.lemma_.lower()
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ in ("pobj", "conj") and g.pos_ == "NOUN"
    )
    return noun.lemma_.lower(), names, of_nouns


def _roles(span: Any, ents: list[Any]) -> dict[str, tuple[str, frozenset[str], frozenset[str]]]:
    """Roles said of people: appositions ("Haig, a Honeywell engineer") and copulas ("Chopra is
    a professor of history"), keyed by the person's surname."""
    out: dict[str, tuple[str, frozenset[str], frozenset[str]]] = {}
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        root = ent.root
        nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if root.dep_ == "nsubj" and root.head.lemma_ == "be":
            nouns += [c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
        for noun in nouns:
            if span.start <= noun.i < span.end:
                out[name_key(root.text)] = _role(root, noun)
    return out


def slots(span: Any, ents: list[Any], verbs: list[Any], known: Aliases | None = None) -> Slots:
    """The slots of one sentence; ``verbs`` are the tokens of the frame's predicates, ``known``
    the article's :func:`aliases` (names are expanded with them, so a first name and a surname
    of one person compare as the same agent)."""
    known = known or {}
    denied_idx = frozenset(_denied_tokens(span))
    agent_of: dict[int, frozenset[str]] = {}
    agents: set[str] = set()
    places_of: dict[int, dict[str, frozenset[str]]] = {}
    for verb in verbs:
        heads = _agent_heads(verb)
        agent_of[verb.i] = _expand(
            frozenset(name_key(h.text) for h in heads if h.i not in denied_idx and _is_name(h)),
            known,
        )
        for h in heads:
            agents.update(names_in(h.subtree, denied_idx))
        places = _places(verb)
        if places:
            places_of[verb.i] = places
    return Slots(
        names=_expand(names_in(span), known),
        capitalised=frozenset(
            t.lemma_.lower() for t in span if t.pos_ in ("PROPN", "NOUN") and t.text[:1].isupper()
        ),
        agents=_expand(frozenset(agents), known),
        denied=names_in((span.doc[i] for i in sorted(denied_idx)), frozenset()),
        agent_of=agent_of,
        places_of=places_of,
        roles=_roles(span, ents),
    )
