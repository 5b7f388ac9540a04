"""Alias clusters within one article: names, surnames, honorific forms, acronyms, nominals.

Why: a fact-checker needs "Brig. Gen. Tomas Varga", "Martyr Varga", "Hajj Tomas", "Varga" and
"the commander" counted as one person, and "the NDL" as the "Northern Defence League". News
writes the fullest form first and shortens later, so mentions are clustered longest first and
each shorter mention joins the cluster whose name it abbreviates (by surname, given name after
an honorific, acronym, or trailing words of an organisation name). The cluster then decides the
label by summing the evidence of all its mentions, which repairs spaCy's per-mention mistakes
("Sattar" tagged ORG once the article has said "Rami Sattar").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from presslens.annotate._entity_mentions import W_CONTEXT, Mention, extend_titles, merge
from presslens.annotate._entity_rules import (
    ACRONYM_STOPWORDS,
    CIVIC_WORDS,
    COMPANY_NOUNS,
    CORPORATE_WORDS,
    DEMONYM_SUFFIXES,
    GIVEN_NAME_HONORIFICS,
    LEGAL_FORMS,
    LOC_WORDS,
    ORG_HEADS,
    PERSON_HONORIFICS,
    bare,
)

# Particles that start a surname ("de Vries", "van der Berg", "al-Amin" is one word).
SURNAME_PARTICLES = frozenset("de da di del della van von der den ter le la du dos das bin ibn".split())
# How far after a naming (in characters, about four sentences) "the <role>" may refer back to
# a person; organisations' head nouns ("the ministry") are unambiguous at any distance.
NOMINAL_WINDOW = 600
# Shortest single-word alias re-searched in the text ("Li" would match too much noise).
MIN_ALIAS_CHARS = 3
# All-caps place names up to this length are codes ("UK", "UAE"), kept as written.
SHORT_PLACE_CODE = 3
# Honorifics too generic to serve as a role for "the <role>" back-references.
GENERIC_HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame rev".split())
# An appositive role right after a name: "Varga, the commander of …", "Castell, chief economist
# at …" → "commander", "economist".
APPOSITIVE = re.compile(
    r",\s+(?:(?:the|a|an)\s+)?(?:[a-z-]+\s+){0,3}?([a-z-]{3,})(?=\s+(?:of|at|for|in|to|with)\b|,)"
)


@dataclass
class Cluster:
    """Mentions believed to name one referent, with their name forms."""

    id: int
    mentions: list[Mention] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)  # lower-case name forms
    words: list[str] = field(default_factory=list)  # words of the longest form
    surfaces: dict[str, str] = field(default_factory=dict)  # lower-case form -> as written

    _label: str | None = None  # cached; ``touch`` after changing mentions or their votes

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        self._label = None

    def touch(self) -> None:
        self._label = None

    def label(self) -> str:
        """The label with the most evidence; a mention's votes count in proportion to how much
        of the full name it carries, so three bare "Renner" tagged ORG do not outvote
        "Paul Renner" tagged PERSON."""
        if self._label is not None:
            return self._label
        total: dict[str, float] = {}
        longest = max(len(self.words), 1)
        for m in self.mentions:
            share = min(1.0, max(1, m.n_words) / longest)
            for lab, w in m.votes.items():
                total[lab] = total.get(lab, 0.0) + w * share
        self._label = max(total.items(), key=lambda kv: kv[1])[0] if total else "ORG"
        return self._label


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"\s+", name.strip()) if w]


def acronym_of(words: list[str]) -> str:
    """Initials of the capitalised words: "Port Ellin Harbour Authority" → "PEHA"."""
    return "".join(w[0] for w in words if w.lower() not in ACRONYM_STOPWORDS and w[:1].isupper())


def _is_acronym(name: str) -> bool:
    """"NDL", "U.N.", and mixed forms like "MoT", "DfE" (at most two lower-case letters)."""
    core = name.replace(".", "")
    if not (2 <= len(core) <= 7 and core.isalpha() and core[0].isupper()):
        return False
    lower = sum(ch.islower() for ch in core)
    return lower == 0 or (lower <= 2 and len(core) <= 5 and len(core) - lower >= 2)


def _parenthetical_acronyms(mentions: list[Mention], text: str) -> dict[int, int]:
    """Mention index of "(NDL)" → index of the name right before it ("Northern Defence League")."""
    out: dict[int, int] = {}
    by_start = {m.start: i for i, m in enumerate(mentions)}
    for i, m in enumerate(mentions):
        match = re.match(r"\s*\(", text[m.end : m.end + 3])
        if match:
            j = by_start.get(m.end + match.end())
            if j is not None and _is_acronym(mentions[j].name(text)):
                out[j] = i
    return out


def cluster_mentions(mentions: list[Mention], text: str) -> list[Cluster]:
    """Assign ``mention.cluster`` for every mention; returns the clusters."""
    clusters: list[Cluster] = []
    expansions = _parenthetical_acronyms(mentions, text)
    order = sorted(
        range(len(mentions)),
        key=lambda i: (_is_acronym(mentions[i].name(text)), -len(_words(mentions[i].name(text))),
                       mentions[i].start),
    )
    for i in order:
        m = mentions[i]
        target = None
        if i in expansions and mentions[expansions[i]].cluster is not None:
            target = clusters[mentions[expansions[i]].cluster]
        else:
            target = _find_cluster(m, clusters, text)
        if target is None:
            target = Cluster(id=len(clusters), words=_words(m.name(text)))
            clusters.append(target)
        m.n_words = len(_words(m.name(text)))
        target.add(m)
        target.forms.add(m.name(text).lower())
        if not m.nominal:
            target.surfaces.setdefault(m.name(text).lower(), m.name(text))
        m.cluster = target.id
    return clusters


def _find_cluster(m: Mention, clusters: list[Cluster], text: str) -> Cluster | None:
    name = m.name(text)
    key = name.lower()
    words = _words(name)
    own = m.label
    candidates = [c for c in clusters if key in c.forms and (c.label() == "NORP") == (own == "NORP")]
    if candidates:
        return _nearest(candidates, m)
    if _is_acronym(name):
        core = name.replace(".", "")
        candidates = [c for c in clusters if acronym_of(c.words).upper() == core and len(c.words) > 1]
        if candidates:
            return _nearest(candidates, m)
    persons = [c for c in clusters if c.label() == "PERSON" and len(c.words) >= 2]
    if own == "NORP":
        # "Philipp" tagged NORP is still the given name of "Philipp Schindler"; a demonym is not
        given = [c for c in persons if len(words) == 1 and c.words[0] == words[0]]
        if len(given) == 1 and not words[0].lower().endswith(DEMONYM_SUFFIXES):
            return given[0]
        return None
    if len(words) == 1 and persons:
        w = words[0]
        by_last = [c for c in persons if c.words[-1] == w]
        if by_last:
            return _nearest(by_last, m)
        if m.honorific in GIVEN_NAME_HONORIFICS or m.honorific is None:
            by_first = [c for c in persons if c.words[0] == w]
            # a given name alone: "Sundar" (spaCy: PRODUCT) for "Sundar Pichai", never a place
            if len(by_first) == 1 and (m.honorific or own not in ("GPE", "LOC", "FAC")):
                return by_first[0]
    if len(words) >= 2 and own == "PERSON":
        # "Tomas Varga" vs "Tomas J. Varga": same first and last word
        same = [c for c in persons if c.words[0] == words[0] and c.words[-1] == words[-1]]
        if same:
            return _nearest(same, m)
    if len(words) >= 2 and words[0].lower() in SURNAME_PARTICLES:
        # "De Vries" after "Marieke de Vries": a surname with its particle
        low = [w.lower() for w in words]
        tails = [c for c in persons if [w.lower() for w in c.words[-len(words):]] == low]
        if tails:
            return _nearest(tails, m)
    if len(words) == 1:
        # "Brightwater" after "Brightwater Holdings"; "Sava" after "Sava River"
        brands = [c for c in clusters if len(c.words) >= 2 and c.words[0] == words[0]
                  and _brand_tail(c.words[1:])]
        if len(brands) == 1:
            return brands[0]
    if len(words) >= 2 and bare(words[-1]) in ORG_HEADS:
        # "Harbour Authority" after "Port Ellin Harbour Authority"
        tails = [c for c in clusters if len(c.words) > len(words)
                 and [w.lower() for w in c.words[-len(words):]] == [w.lower() for w in words]]
        if len(tails) == 1:
            return tails[0]
    return None


def _brand_tail(rest: list[str]) -> bool:
    """True when the words after a name's first word are company or landform words."""
    return all(bare(w) in CORPORATE_WORDS or bare(w) in LOC_WORDS for w in rest)


def _nearest(candidates: list[Cluster], m: Mention) -> Cluster:
    """The candidate with the closest earlier mention (else the closest later one)."""

    def distance(c: Cluster) -> tuple[int, int]:
        before = [m.start - x.start for x in c.mentions if x.start <= m.start]
        after = [x.start - m.start for x in c.mentions if x.start > m.start]
        return (0, min(before)) if before else (1, min(after) if after else 10**9)

    return min(candidates, key=distance)


# -- finding more mentions of known clusters -------------------------------------------------------
def rescan(clusters: list[Cluster], mentions: list[Mention], text: str, sdoc: Any) -> list[Mention]:
    """Occurrences of known names that spaCy did not tag ("Pryce" after "Gareth Pryce").

    All aliases are searched in one pass (one alternation, longest first) so long texts with
    many names stay linear; an alias shared by two clusters goes to the nearer one.
    """
    owners: dict[tuple[str, bool], list[Cluster]] = {}
    labels = {c.id: c.label() for c in clusters}
    for c in clusters:
        for alias, case_insensitive in _aliases(c, labels[c.id]):
            key = alias.lower() if case_insensitive else alias
            owners.setdefault((key, case_insensitive), []).append(c)
    added: list[Mention] = []
    covered = bytearray(len(text) + 1)
    for x in mentions:
        covered[x.start : x.end] = b"\x01" * (x.end - x.start)
    for case_insensitive in (True, False):
        keys = sorted({k for k, ci in owners if ci == case_insensitive}, key=len, reverse=True)
        if not keys:
            continue
        alternation = "|".join(re.escape(k) for k in keys)
        flags = re.I if case_insensitive else 0
        for match in re.finditer(rf"(?<![\w-])(?:{alternation})(?![\w-])", text, flags):
            s, e = match.span()
            found = match.group(0)
            if any(covered[s:e]) or not _name_cased(found):
                continue  # "state visit" is not the heading "State Visit"
            key = found.lower() if case_insensitive else found
            new = _alias_mention(owners[(key, case_insensitive)], labels, s, e, text, sdoc, covered)
            if new is not None:
                added.append(new)
    return added


def _alias_mention(candidates: list[Cluster], labels: dict[int, str], s: int, e: int, text: str,
                   sdoc: Any, covered: bytearray) -> Mention | None:
    span = sdoc.char_span(s, e, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    if " " not in text[s:e] and len(span) == 1 and span[0].tag_ != "NNP" and not text[s:e].isupper():
        return None
    probe = Mention(start=s, end=e, name_start=s)
    c = _nearest(candidates, probe) if len(candidates) > 1 else candidates[0]
    label = labels[c.id]
    first = extend_titles(sdoc, span[0].i) if label == "PERSON" else span[0].i
    start = sdoc[first].idx
    if any(covered[start:s]):
        start = s
    new = Mention(start=start, end=e, name_start=s, origin="alias", cluster=c.id,
                  n_words=len(_words(text[s:e])))
    if start != s:
        new.honorific = bare(sdoc[first].text)
    new.vote(label, 0.5)
    c.add(new)
    covered[start:e] = b"\x01" * (e - start)
    return new


def _name_cased(found: str) -> bool:
    """All capitals, or every word capitalised except little connecting words."""
    words = found.split()
    return found.isupper() or all(
        w[:1].isupper() or w.lower() in ACRONYM_STOPWORDS for w in words
    ) and words[0][:1].isupper()


def _aliases(c: Cluster, label: str) -> list[tuple[str, bool]]:
    """Strings that name cluster ``c``: its forms, and a person's surname (given name too when
    the article used it after an honorific). Multi-word forms match case-insensitively, so the
    all-caps heading "GENERAL STAFF" joins "General Staff"."""
    out: list[tuple[str, bool]] = []
    for surface in c.surfaces.values():
        if len(_words(surface)) >= 2:
            out.append((surface, True))
        elif label != "PERSON":
            out.append((surface, False))
    if label == "ORG" and len(c.words) >= 3 and bare(c.words[-1]) in ORG_HEADS:
        tail = c.words[-2:]
        if all(w[:1].isupper() for w in tail):
            out.append((" ".join(tail), False))  # "Harbour Authority" in a headline
    if label != "PERSON" and len(c.words) >= 2 and _brand_tail(c.words[1:]):
        out.append((c.words[0], False))  # "Brightwater", "Sava"
    if label == "PERSON" and len(c.words) >= 2:
        out.append((c.words[-1], False))
        if any(m.honorific in GIVEN_NAME_HONORIFICS for m in c.mentions):
            out.append((c.words[0], False))
    return [(a, ci) for a, ci in out if len(a) >= MIN_ALIAS_CHARS]


def place_prefixes(clusters: list[Cluster], mentions: list[Mention], text: str, sdoc: Any
                   ) -> list[Mention]:
    """"Marlow" alone when the article names "Marlow City Hall": institutions named after a
    place ("X City Hall", "X Regional Health Board") tell us X is a place (GPE)."""
    added: list[Mention] = []
    taken = list(mentions)
    for c in clusters:
        if c.label() not in ("ORG", "FAC") or len(c.words) < 2:
            continue
        rest = {bare(w) for w in c.words[1:]}
        if not rest & CIVIC_WORDS:
            continue
        place = c.words[0]
        if len(place) < MIN_ALIAS_CHARS or not place[:1].isupper():
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(place)}(?![\w-])", text):
            s, e = match.span()
            if any(s < x.end and x.start < e for x in taken):
                continue
            span = sdoc.char_span(s, e)
            if span is None or span[0].tag_ != "NNP":
                continue
            new = Mention(start=s, end=e, name_start=s, origin="place-prefix")
            new.vote("GPE", W_CONTEXT)
            taken.append(new)
            added.append(new)
    return added


# -- nominal back-references ----------------------------------------------------------------------
def nominal_mentions(
    clusters: list[Cluster], mentions: list[Mention], text: str, sdoc: Any
) -> list[Mention]:
    """"the commander", "the inspector general", "the health board" when exactly one cluster
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
            new = Mention(start=s, end=e, name_start=s, origin="nominal", cluster=cid,
                          nominal=True)
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
            if m.honorific and m.honorific in PERSON_HONORIFICS and (
                m.honorific not in GENERIC_HONORIFICS
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
        "gen": "general", "lt": "lieutenant", "col": "colonel", "maj": "major",
        "capt": "captain", "sgt": "sergeant", "brig": "brigadier", "adm": "admiral",
        "gov": "governor", "sen": "senator", "insp": "inspector", "det": "detective",
        "supt": "superintendent", "cmdr": "commander",
    }.get(honorific, honorific)


def coordinate_places(clusters: list[Cluster], mentions: list[Mention], text: str) -> None:
    """"between Ashcombe and Kelby": a name coordinated with a place is a place too, unless a
    title or a full personal name says otherwise."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.cluster is None or b.cluster is None or not COORDINATION.fullmatch(text[a.end : b.start]):
            continue
        la, lb = clusters[a.cluster].label(), clusters[b.cluster].label()
        for place, other, other_label in ((a, b, lb), (b, a, la)):
            label = clusters[place.cluster].label()
            single = len(clusters[other.cluster].words) == 1
            if (
                label in ("GPE", "LOC")
                and other_label in ("PERSON", "ORG", "NORP")
                and other.honorific is None
                and single
                and bare(clusters[other.cluster].words[0]) not in ORG_HEADS
            ):
                other.vote(label, W_CONTEXT)
                clusters[other.cluster].touch()


# What may stand between two coordinated names.
COORDINATION = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+")


def canonical(c: Cluster, text: str) -> str:
    """The fullest proper name without honorifics; all-caps datelines become title case."""
    named = [m for m in c.mentions if not m.nominal]
    if not named:
        return ""
    names = [m.name(text) for m in named]
    full = [n for n in names if not _is_acronym(n)] or names
    mixed = [n for n in full if not n.isupper()] or full
    best = max(mixed, key=lambda n: (len(_words(n)), len(n), -names.index(n)))
    place = c.label() in ("GPE", "LOC", "FAC")
    if best.isupper() and (not _is_acronym(best) or (place and len(best) > SHORT_PLACE_CODE)):
        best = best.title()  # dateline "KESTRA" → "Kestra"; keep "UK", "UAE"
    return best


def finalize(mentions: list[Mention], text: str, sdoc: Any) -> list[Cluster]:
    """Cluster, find more mentions of the clusters, and return the clusters."""
    clusters = cluster_mentions(mentions, text)
    mentions.extend(rescan(clusters, mentions, text, sdoc))
    extra = place_prefixes(clusters, mentions, text, sdoc)
    if extra:
        mentions[:] = merge(mentions, extra)
        for m in mentions:
            m.cluster = None
        clusters = cluster_mentions(mentions, text)
    coordinate_places(clusters, mentions, text)
    mentions.extend(nominal_mentions(clusters, mentions, text, sdoc))
    return clusters
