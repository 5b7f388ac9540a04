"""Alias clusters within one article: names, surnames, honorific forms, acronyms, nominals.

Why: a fact-checker needs "Brig. Gen. Tomas Varga", "Martyr Varga", "Hajj Tomas", "Varga" and
"the commander" counted as one person, and "the NDL" as the "Northern Defence League". News
writes the fullest form first and shortens later, so mentions are clustered longest first and
each shorter mention joins the cluster whose name it abbreviates (by surname, given name after
an honorific, acronym, or trailing words of an organisation name). The cluster then decides the
label by summing the evidence of all its mentions, which repairs spaCy's per-mention mistakes
("Sattar" tagged ORG once the article has said "Rami Sattar")."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field

from presslens.layers.entities.mentions import W_CONTEXT, Mention
from presslens.layers.entities.rules import (
    ACRONYM_STOPWORDS,
    CORPORATE_WORDS,
    DEMONYM_SUFFIXES,
    GIVEN_NAME_HONORIFICS,
    LOC_WORDS,
    ORG_HEADS,
    bare,
)

# Particles that start a surname ("de Vries", "van der Berg", "al-Amin" is one word).
SURNAME_PARTICLES = frozenset(
    "de da di del della van von der den ter le la du dos das bin ibn".split()
)

# All-caps place names up to this length are codes ("UK", "UAE"), kept as written.
SHORT_PLACE_CODE = 3


@dataclass
class Cluster:
    """Mentions believed to name one referent, with their name forms."""

    id: int
    mentions: list[Mention] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)  # lower-case name forms
    words: list[str] = field(default_factory=list)  # words of the longest form
    surfaces: dict[str, str] = field(default_factory=dict)  # lower-case form -> as written
    starts: list[int] = field(default_factory=list)  # mention starts, sorted (nearest_cluster)

    _label: str | None = None  # cached; ``touch`` after changing mentions or their votes
    _totals: dict[str, float] | None = None  # label → weighted votes, kept up to date by add

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        bisect.insort(self.starts, m.start)
        self._label = None
        if self._totals is not None:  # one mention's votes, not a recount of all (issue 16)
            self._count(m, self._totals)

    def touch(self) -> None:
        self._label = None
        self._totals = None

    def _count(self, m: Mention, total: dict[str, float]) -> None:
        share = min(1.0, max(1, m.n_words) / max(len(self.words), 1))
        for lab, w in m.votes.items():
            total[lab] = total.get(lab, 0.0) + w * share

    def label(self) -> str:
        """The label with the most evidence; a mention's votes count in proportion to how much
        of the full name it carries, so three bare "Renner" tagged ORG do not outvote
        "Paul Renner" tagged PERSON."""
        if self._label is not None:
            return self._label
        if self._totals is None:
            self._totals = {}
            for m in self.mentions:
                self._count(m, self._totals)
        total = self._totals
        self._label = max(total.items(), key=lambda kv: kv[1])[0] if total else "ORG"
        return self._label


def words_of(name: str) -> list[str]:
    return [w for w in re.split(r"\s+", name.strip()) if w]


def acronym_of(words: list[str]) -> str:
    """Initials of the capitalised words: "Port Ellin Harbour Authority" → "PEHA"."""
    return "".join(w[0] for w in words if w.lower() not in ACRONYM_STOPWORDS and w[:1].isupper())


def _is_acronym(name: str) -> bool:
    """ "NDL", "U.N.", and mixed forms like "MoT", "DfE" (at most two lower-case letters)."""
    core = name.replace(".", "")
    if not (2 <= len(core) <= 7 and core.isalpha() and core[0].isupper()):
        return False
    lower = sum(ch.islower() for ch in core)
    return lower == 0 or (lower <= 2 and len(core) <= 5 and len(core) - lower >= 2)


def _parenthetical_acronyms(mentions: list[Mention], text: str) -> dict[int, int]:
    """Index of an "(NDL)" mention → index of the name right before it."""
    out: dict[int, int] = {}
    by_start = {m.start: i for i, m in enumerate(mentions)}
    for i, m in enumerate(mentions):
        match = re.match(r"\s*\(", text[m.end : m.end + 3])
        if match:
            j = by_start.get(m.end + match.end())
            if j is not None and _is_acronym(mentions[j].name(text)):
                out[j] = i
    return out


class ClusterIndex:
    """Clusters by the keys :func:`_find_cluster` looks them up by: a name form, the first and
    last word, the lower-case last word, the acronym of the longest form.

    Why: without it every mention was compared with every cluster, quadratic in the names on
    the page (a page of 20,000 names took minutes, issue 16). A cluster's words are fixed when
    it is created and its forms only grow, so the index is kept up to date as clusters grow;
    labels change as evidence arrives, so they are checked at lookup time, as before.
    Candidates come back in cluster order, the order the full scan produced them in.
    """

    def __init__(self) -> None:
        self.by_form: dict[str, list[Cluster]] = defaultdict(list)
        self.by_first: dict[str, list[Cluster]] = defaultdict(list)  # clusters of ≥ 2 words
        self.by_last: dict[str, list[Cluster]] = defaultdict(list)  # clusters of ≥ 2 words
        self.by_last_lower: dict[str, list[Cluster]] = defaultdict(list)
        self.by_acronym: dict[str, list[Cluster]] = defaultdict(list)  # clusters of ≥ 2 words

    def add_cluster(self, c: Cluster) -> None:
        if c.words:
            self.by_last_lower[c.words[-1].lower()].append(c)
        if len(c.words) >= 2:
            self.by_first[c.words[0]].append(c)
            self.by_last[c.words[-1]].append(c)
            self.by_acronym[acronym_of(c.words).upper()].append(c)

    def add_form(self, c: Cluster, form: str) -> None:
        if form not in c.forms:
            self.by_form[form].append(c)
            c.forms.add(form)

    @staticmethod
    def ordered(found: list[Cluster]) -> list[Cluster]:
        return sorted(found, key=lambda c: c.id)


def cluster_mentions(mentions: list[Mention], text: str) -> list[Cluster]:
    """Assign ``mention.cluster`` for every mention; returns the clusters."""
    clusters: list[Cluster] = []
    index = ClusterIndex()
    expansions = _parenthetical_acronyms(mentions, text)
    order = sorted(
        range(len(mentions)),
        key=lambda i: (
            _is_acronym(mentions[i].name(text)),
            -len(words_of(mentions[i].name(text))),
            mentions[i].start,
        ),
    )
    for i in order:
        m = mentions[i]
        target = None
        if i in expansions and mentions[expansions[i]].cluster is not None:
            target = clusters[mentions[expansions[i]].cluster]
        else:
            target = _find_cluster(m, index, text)
        if target is None:
            target = Cluster(id=len(clusters), words=words_of(m.name(text)))
            clusters.append(target)
            index.add_cluster(target)
        m.n_words = len(words_of(m.name(text)))
        target.add(m)
        index.add_form(target, m.name(text).lower())
        if not m.nominal:
            target.surfaces.setdefault(m.name(text).lower(), m.name(text))
        m.cluster = target.id
    return clusters


def _find_cluster(m: Mention, index: ClusterIndex, text: str) -> Cluster | None:
    name = m.name(text)
    key = name.lower()
    words = words_of(name)
    own = m.label
    candidates = [c for c in index.by_form.get(key, ()) if (c.label() == "NORP") == (own == "NORP")]
    if candidates:
        return nearest_cluster(index.ordered(candidates), m)
    if _is_acronym(name):
        core = name.replace(".", "")
        candidates = list(index.by_acronym.get(core, ()))
        if candidates:
            return nearest_cluster(index.ordered(candidates), m)

    def persons(found: list[Cluster] | tuple[()]) -> list[Cluster]:
        """PERSON clusters of two or more words among ``found``, in cluster order."""
        return index.ordered([c for c in found if c.label() == "PERSON" and len(c.words) >= 2])

    if own == "NORP":
        # "Philipp" tagged NORP is still the given name of "Philipp Schindler"; a demonym is not
        given = persons(index.by_first.get(words[0], ())) if len(words) == 1 else []
        if len(given) == 1 and not words[0].lower().endswith(DEMONYM_SUFFIXES):
            return given[0]
        return None
    if len(words) == 1:
        w = words[0]
        by_last = persons(index.by_last.get(w, ()))
        if by_last:
            return nearest_cluster(by_last, m)
        if m.honorific in GIVEN_NAME_HONORIFICS or m.honorific is None:
            by_first = persons(index.by_first.get(w, ()))
            # a given name alone: "Sundar" (spaCy: PRODUCT) for "Sundar Pichai", never a place
            if len(by_first) == 1 and (m.honorific or own not in ("GPE", "LOC", "FAC")):
                return by_first[0]
    if len(words) >= 2 and own == "PERSON":
        # "Tomas Varga" vs "Tomas J. Varga": same first and last word
        same = [c for c in persons(index.by_first.get(words[0], ())) if c.words[-1] == words[-1]]
        if same:
            return nearest_cluster(same, m)
    if len(words) >= 2 and words[0].lower() in SURNAME_PARTICLES:
        # "De Vries" after "Marieke de Vries": a surname with its particle
        low = [w.lower() for w in words]
        tails = [
            c
            for c in persons(index.by_last_lower.get(low[-1], ()))
            if [w.lower() for w in c.words[-len(words) :]] == low
        ]
        if tails:
            return nearest_cluster(tails, m)
    if len(words) == 1:
        # "Brightwater" after "Brightwater Holdings"; "Sava" after "Sava River"
        brands = [c for c in index.by_first.get(words[0], ()) if brand_tail(c.words[1:])]
        if len(brands) == 1:
            return brands[0]
    if len(words) >= 2 and bare(words[-1]) in ORG_HEADS:
        # "Harbour Authority" after "Port Ellin Harbour Authority"
        low = [w.lower() for w in words]
        tails = [
            c
            for c in index.by_last_lower.get(low[-1], ())
            if len(c.words) > len(words) and [w.lower() for w in c.words[-len(words) :]] == low
        ]
        if len(tails) == 1:
            return tails[0]
    return None


def brand_tail(rest: list[str]) -> bool:
    """True when the words after a name's first word are company or landform words."""
    return all(bare(w) in CORPORATE_WORDS or bare(w) in LOC_WORDS for w in rest)


def nearest_cluster(candidates: list[Cluster], m: Mention) -> Cluster:
    """The candidate with the closest earlier mention (else the closest later one).

    Each cluster keeps its mention starts sorted, so the distance is a binary search rather
    than a scan of every mention (a name repeated thousands of times made this quadratic)."""
    if len(candidates) == 1:
        return candidates[0]

    def distance(c: Cluster) -> tuple[int, int]:
        i = bisect.bisect_right(c.starts, m.start)
        if i:
            return (0, m.start - c.starts[i - 1])
        return (1, c.starts[0] - m.start) if c.starts else (1, 10**9)

    return min(candidates, key=distance)


def coordinate_places(clusters: list[Cluster], mentions: list[Mention], text: str) -> None:
    """ "between Ashcombe and Kelby": a name coordinated with a place is a place too, unless a
    title or a full personal name says otherwise."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if (
            a.cluster is None
            or b.cluster is None
            or not COORDINATION.fullmatch(text[a.end : b.start])
        ):
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
    best = max(mixed, key=lambda n: (len(words_of(n)), len(n), -names.index(n)))
    place = c.label() in ("GPE", "LOC", "FAC")
    if best.isupper() and (not _is_acronym(best) or (place and len(best) > SHORT_PLACE_CODE)):
        best = best.title()  # dateline "KESTRA" → "Kestra"; keep "UK", "UAE"
    return best
