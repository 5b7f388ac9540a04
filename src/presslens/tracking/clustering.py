"""Claim clusters: every appearance of the same claim, across outlets and days, incrementally.

For each new claim (in publication order): candidates are the BM25 top ``CANDIDATES`` over
the normalised tokens of every claim already clustered (figures and dates by value, so
"1.2 million" meets "1,200,000"), then each candidate is scored by :func:`similarity` —
static-MiniLM cosine and token overlap, plus figure/date/name agreement — with a hard veto when
negation, figures or full dates disagree: a claim and its denial are never the same claim, nor
"61 % turnout" and "16 % turnout". The best cluster wins if the score clears ``high``
(``merged``); between ``low`` and ``high`` the claim starts its own cluster and is also
*suggested* for the best one (the web app's review loop accepts or rejects it). A wire copy
(``duplicate_of``) is linked to its source document's matching claim as a reprint, not counted
as an independent repeat.

Incremental: :meth:`Clusterer.add` only scores the new claims against the index; the BM25
index over earlier claims is rebuilt once per call (seconds for 100k claims), the new batch is
indexed on its own, and no existing assignment is ever recomputed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from presslens.tracking.agreement import Agreement, agreement, names
from presslens.tracking.lexical import LexicalIndex, top_k
from presslens.tracking.normalize import Normalized, normalize
from presslens.tracking.records import ClaimRecord


@dataclass(frozen=True)
class Thresholds:
    """Similarity weights and the two decision thresholds.

    Shipped values: the weights from the grid search of ``bench/claim_clusters.py --tune`` on
    half A of the gold corpus (precision ≥ 0.95, no denial merged; ties to the stricter
    setting), which chose high = 0.72. On 3,000 sentences of real articles (nearly all distinct
    claims) 0.72 merged 49 per 1,000, and by eye fewer than half of those were one claim; 0.80
    merges 14 per 1,000 for a gold recall of 0.891 instead of 0.935, so ``high`` is 0.80 and
    the pairs between go to review. The first, untuned settings were w_cos 0.55, w_lex 0.30,
    w_agree 0.15, name_clash 0.15, one_sided 0, high 0.72, low 0.55 (bench/README.md)."""

    w_cos: float = 0.65  # embedding cosine: catches rewording
    w_lex: float = 0.30  # content-token overlap (Dice): catches shared specifics
    w_agree: float = 0.25  # shared figures/dates/names: the facts themselves
    name_clash: float = 0.20  # subtracted when both name people/places and share none
    one_sided: float = 0.20  # subtracted when only one side states a figure (another claim)
    high: float = 0.80  # merge automatically at or above
    low: float = 0.57  # suggest for review at or above


DEFAULT = Thresholds()
# Candidates per new claim from BM25 (earlier claims) and from the same batch.
CANDIDATES = 30
# A reprint's claim is matched to its source document's claim at this similarity or above
# (copies are near-identical; the slack covers a trimmed dateline or headline tweak).
REPRINT_MIN = 0.5


@dataclass
class Member:
    record: ClaimRecord
    norm: Normalized
    names: frozenset[str]
    emb: np.ndarray
    cluster: int
    content: frozenset[str] = frozenset()  # tokens without figures/dates (for the Dice overlap)

    def __post_init__(self) -> None:
        if not self.content:
            self.content = frozenset(_content(self.norm))


@dataclass
class Assignment:
    """Where one claim went: its cluster, how similar it was, and how it was decided."""

    record: ClaimRecord
    cluster: int
    similarity: float
    status: str  # "merged" (also the founder of a new cluster) or "suggested"
    reprint_of: str | None = None  # source document id for wire copies
    suggested_cluster: int | None = None  # for a new cluster close to an existing one


@dataclass
class ClusterState:
    members: list[Member] = field(default_factory=list)
    by_cluster: dict[int, list[int]] = field(default_factory=dict)
    by_doc: dict[str, list[int]] = field(default_factory=dict)
    next_id: int = 1


def _content(norm: Normalized) -> set[str]:
    return {t for t in norm.tokens if not t.startswith(("#", "@"))}


def similarity(a: Member, b: Member, th: Thresholds = DEFAULT) -> float:
    """Same claim? 0..1; 0 when negation, figures or dates disagree (hard vetoes)."""
    ag = agreement(a.norm, b.norm, a.names, b.names, partial_figure_clash=True)
    if ag.negation_differs or ag.figures_clash or ag.dates_clash:
        return 0.0
    ca, cb = a.content, b.content
    lex = 2 * len(ca & cb) / (len(ca) + len(cb)) if ca and cb else 0.0
    cos = float(a.emb @ b.emb)
    facts = [x for x, present in _fact_terms(a, b, ag) if present]
    agree = sum(facts) / len(facts) if facts else 0.0
    score = th.w_cos * cos + th.w_lex * lex + th.w_agree * agree
    if a.names and b.names and not (a.names & b.names):
        score -= th.name_clash
    if bool(a.norm.figures) != bool(b.norm.figures):
        score -= th.one_sided
    return max(0.0, min(1.0, score))


def _fact_terms(a: Member, b: Member, ag: Agreement) -> list[tuple[float, bool]]:
    """Agreement terms, each with whether both claims speak to it: the mean is taken over the
    facts both state (a date on one side only is neither agreement nor disagreement)."""
    return [
        (ag.figures_shared, bool(a.norm.figures and b.norm.figures)),
        (ag.dates_shared, bool(a.norm.dates and b.norm.dates)),
        (ag.names_shared, bool(a.names and b.names)),
    ]


class Clusterer:
    """Incremental claim clustering over :class:`ClaimRecord` batches (no database)."""

    def __init__(
        self,
        embed: Callable[[Sequence[str]], np.ndarray],
        thresholds: Thresholds = DEFAULT,
        state: ClusterState | None = None,
    ) -> None:
        self.embed = embed
        self.th = thresholds
        self.state = state or ClusterState()
        self._index: LexicalIndex | None = None
        self._indexed = 0

    # -- building members ----------------------------------------------------------------
    def members_for(self, records: Sequence[ClaimRecord]) -> list[Member]:
        embs = self.embed([r.text for r in records]) if records else np.zeros((0, 1))
        return [
            Member(r, normalize(r.text, r.published), r.names | names(r.text), embs[i], 0)
            for i, r in enumerate(records)
        ]

    def restore(self, records: Sequence[ClaimRecord], clusters: Sequence[int]) -> None:
        """Load claims already clustered (e.g. from a store) without re-deciding them."""
        for m, c in zip(self.members_for(records), clusters, strict=True):
            m.cluster = c
            self._append(m)
            self.state.next_id = max(self.state.next_id, c + 1)

    def renumber(self, mapping: dict[int, int]) -> None:
        """Rename clusters (provisional ids → the store's ids) after they were saved."""
        if not mapping:
            return
        st = self.state
        for m in st.members:
            m.cluster = mapping.get(m.cluster, m.cluster)
        st.by_cluster = {mapping.get(c, c): pos for c, pos in st.by_cluster.items()}
        st.next_id = max([st.next_id, *(c + 1 for c in st.by_cluster)])

    def _append(self, m: Member) -> int:
        st = self.state
        pos = len(st.members)
        st.members.append(m)
        st.by_cluster.setdefault(m.cluster, []).append(pos)
        st.by_doc.setdefault(m.record.doc_id, []).append(pos)
        return pos

    def _base_index(self) -> LexicalIndex:
        if self._index is None or self._indexed != len(self.state.members):
            self._index = LexicalIndex([m.norm.tokens for m in self.state.members])
            self._indexed = len(self.state.members)
        return self._index

    # -- deciding ------------------------------------------------------------------------
    def add(self, records: Sequence[ClaimRecord]) -> list[Assignment]:
        """Cluster new claims (any order; decided in publication order) and return where each
        went. Existing members are never moved."""
        order = sorted(range(len(records)), key=lambda i: (records[i].published or "", i))
        batch = self.members_for([records[i] for i in order])
        base = self._base_index()
        n_base = len(self.state.members)
        batch_index = LexicalIndex([m.norm.tokens for m in batch])
        out: list[Assignment] = []
        for j, m in enumerate(batch):
            cands = self._candidates(m, base, n_base, batch_index, j)
            assignment = self._decide(m, cands)
            m.cluster = assignment.cluster
            self._append(m)
            out.append(assignment)
        return out

    def _candidates(
        self, m: Member, base: LexicalIndex, n_base: int, batch_index: LexicalIndex, j: int
    ) -> list[int]:
        idx, _ = base.top(m.norm.tokens, CANDIDATES)
        found = [int(i) for i in idx]
        scores = batch_index.scores(m.norm.tokens)[:j]  # earlier claims of this batch only
        b_idx, _ = top_k(scores, CANDIDATES)
        found += [n_base + int(i) for i in b_idx]
        return found

    def _reprint_source(self, m: Member) -> tuple[int, float] | None:
        src = m.record.duplicate_of
        if not src or src not in self.state.by_doc:
            return None
        scored = [
            (similarity(m, self.state.members[p], self.th), p) for p in self.state.by_doc[src]
        ]
        best, pos = max(scored)
        return (pos, best) if best >= REPRINT_MIN else None

    def _decide(self, m: Member, cands: list[int]) -> Assignment:
        st = self.state
        reprint = self._reprint_source(m)
        if reprint:
            pos, sim = reprint
            src = st.members[pos]
            return Assignment(m.record, src.cluster, sim, "merged", reprint_of=src.record.doc_id)
        best: dict[int, float] = {}
        for pos in cands:
            other = st.members[pos]
            if other.record.doc_id == m.record.doc_id:
                continue  # two sentences of one article are not two appearances
            s = similarity(m, other, self.th)
            if s > best.get(other.cluster, -1.0) and self._fits(m, other.cluster):
                best[other.cluster] = s
        cluster, score = max(best.items(), key=lambda kv: kv[1]) if best else (0, 0.0)
        if score >= self.th.high:
            return Assignment(m.record, cluster, score, "merged")
        new = st.next_id
        st.next_id += 1
        suggested = cluster if score >= self.th.low else None
        return Assignment(m.record, new, 1.0, "merged", suggested_cluster=suggested)

    def _fits(self, m: Member, cluster: int) -> bool:
        """The cluster's founding claim must not veto the newcomer (a chain of near matches
        must not drift into a denial or another figure)."""
        founder = self.state.members[self.state.by_cluster[cluster][0]]
        ag = agreement(m.norm, founder.norm, m.names, founder.names, partial_figure_clash=True)
        return not (ag.negation_differs or ag.figures_clash or ag.dates_clash)
