"""Nominal back-references: "the commander", "the inspector general", "the health board".

Why: news names someone once in full, then refers back by role; a fact-checker counting who is
quoted needs those mentions in the person's cluster. A role links only when exactly one
cluster of the article owns it (through a title, a noun-phrase appositive the parser agrees
with, or an organisation's head noun), and, for people, only within a few sentences of a
naming — "the president" far from the last naming may well be someone else.
"""

from __future__ import annotations

import re
from typing import Any

from presslens.layers.entities.clusters import Cluster
from presslens.layers.entities.mentions import Mention
from presslens.layers.entities.rules import (
    COMPANY_NOUNS,
    LEGAL_FORMS,
    ORG_HEADS,
    PERSON_HONORIFICS,
    bare,
)

# How far after a naming (in characters, about four sentences) "the <role>" may refer back to
# a person; organisations' head nouns ("the ministry") are unambiguous at any distance.
NOMINAL_WINDOW = 600

# Honorifics too generic to serve as a role for "the <role>" back-references.
GENERIC_HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame rev".split())

# An appositive role right after a name: "Varga, the commander of …", "Castell, chief economist
# at …" → "commander", "economist".
APPOSITIVE = re.compile(
    r",\s+(?:(?:the|a|an)\s+)?(?:[a-z-]+\s+){0,3}?([a-z-]{3,})(?=\s+(?:of|at|for|in|to|with)\b|,)"
)


# -- nominal back-references ----------------------------------------------------------------------
def nominal_mentions(
    clusters: list[Cluster], mentions: list[Mention], text: str, sdoc: Any
) -> list[Mention]:
    """ "the commander", "the inspector general", "the health board" when exactly one cluster
    owns that role and was named shortly before (``NOMINAL_WINDOW``)."""
    roles: dict[str, set[int]] = {}
    named_at: dict[int, list[int]] = {}
    for c in clusters:
        named = [m for m in c.mentions if not m.nominal]
        if not named:
            continue
        named_at[c.id] = sorted(m.start for m in named)
        for role in _roles(c, named, text, sdoc):
            roles.setdefault(role, set()).add(c.id)
    added: list[Mention] = []
    covered = bytearray(len(text) + 1)
    for x in mentions:
        covered[x.start : x.end] = b"\x01" * (x.end - x.start)
    for role in sorted(roles, key=len, reverse=True):
        if len(roles[role]) != 1:
            continue
        cid = next(iter(roles[role]))
        cluster = clusters[cid]
        person = cluster.label() == "PERSON"
        modifiers = {w.lower() for w in cluster.words}
        pattern = rf"\b[Tt]he\s+((?:[a-z-]+\s+)?){re.escape(role)}\b(?!\s+of\b)(?!-)"
        for match in re.finditer(pattern, text):
            s, e = match.span()
            mod = match.group(1).strip()
            if (mod and mod not in modifiers) or any(covered[s:e]):
                continue
            if s < named_at[cid][0]:
                continue  # a back-reference follows the name
            if person and not any(0 < s - at <= NOMINAL_WINDOW for at in named_at[cid]):
                continue  # "the president" far from the last naming may be another one
            new = Mention(start=s, end=e, name_start=s, origin="nominal", cluster=cid, nominal=True)
            new.vote(cluster.label(), 0.1)
            cluster.add(new)
            covered[s:e] = b"\x01" * (e - s)
            added.append(new)
    return added


def _roles(c: Cluster, named: list[Mention], text: str, sdoc: Any) -> set[str]:
    """Common nouns that can stand for cluster ``c``: its titles ("general", "inspector
    general"), an appositive role ("X, the commander of …"), an organisation's head noun."""
    roles: set[str] = set()
    label = c.label()
    if label == "PERSON":
        for m in named:
            if (
                m.honorific
                and m.honorific in PERSON_HONORIFICS
                and (m.honorific not in GENERIC_HONORIFICS)
            ):
                words = [_role_word(bare(w)) for w in text[m.start : m.name_start].split()]
                roles.add(words[-1])
                roles.add(" ".join(words))
            role = _appositive_role(text, m.end, sdoc)
            if role:
                roles.add(role)
    elif label == "ORG" and len(c.words) >= 2:
        if bare(c.words[-1]) in ORG_HEADS:
            roles.add(c.words[-1].lower())
        if len(c.words) >= 3 and c.words[1] == "of" and bare(c.words[0]) in ORG_HEADS:
            roles.add(c.words[0].lower())  # "Ministry of Transport" → "the ministry"
        if any(bare(w) in LEGAL_FORMS for w in c.words[1:]):
            roles.update(COMPANY_NOUNS)
    return roles


def _appositive_role(text: str, end: int, sdoc: Any) -> str | None:
    """The head noun of an appositive right after a name, if the parse agrees it is a noun
    phrase ("Varga, the commander of …"), not a clause ("Khamenei, ordered the increase in")."""
    match = APPOSITIVE.match(text, end)
    if not match:
        return None
    span = sdoc.char_span(match.start() + 1, match.end(1), alignment_mode="expand")
    if span is None or span[-1].pos_ != "NOUN":
        return None
    if any(t.pos_ in ("VERB", "AUX", "ADP", "PRON", "SCONJ") for t in span[:-1]):
        return None
    return match.group(1)


def _role_word(honorific: str) -> str:
    """The common noun of an abbreviated title: "gen" → "general", "lt" → "lieutenant"."""
    return {
        "gen": "general",
        "lt": "lieutenant",
        "col": "colonel",
        "maj": "major",
        "capt": "captain",
        "sgt": "sergeant",
        "brig": "brigadier",
        "adm": "admiral",
        "gov": "governor",
        "sen": "senator",
        "insp": "inspector",
        "det": "detective",
        "supt": "superintendent",
        "cmdr": "commander",
    }.get(honorific, honorific)
