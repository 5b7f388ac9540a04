"""Has this claim been fact-checked already? BM25 candidates, then a learned re-ranker.

Stage 1 takes the union of the BM25 top ``N`` (normalised tokens of claim + title, so
"1.2 million" meets "1,200,000") and the embedding top ``M`` (static MiniLM; catches rewordings
with no shared word). Stage 2 scores each candidate with a logistic regression over named
features (:data:`FEATURES`): the BM25 scores of each field relative to the query's best, the
embedding cosines, figure/date/name agreement, a negation mismatch and how far apart the two
dates are. The weights are plain JSON (``models/tracking/matcher.json``), fitted on the
CheckThat! 2021 train split only (``bench/claim_matching.py --fit``), so inference is numpy.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import numpy as np

from presslens.errors import ModelError
from presslens.resources import model_dir
from presslens.tracking.agreement import agreement, names
from presslens.tracking.factchecks import FactCheck, Query
from presslens.tracking.lexical import LexicalIndex, top_k
from presslens.tracking.normalize import Normalized, normalize

WEIGHTS_FILE = "matcher.json"
# Candidates per query from each retriever. On train, the gold fact-check is among the BM25
# top 30 or the claim-embedding top 20 for 92.8 % of queries, top 100 / 50 (+ title
# embeddings) for 95.4 %, top 200 / 100 for 97.0 %; 100 / 50 keeps re-ranking ≈ 10 ms a query.
BM25_CANDIDATES = 100
EMBEDDING_CANDIDATES = 50

FEATURES = (
    "bm25_rel",  # BM25 (claim + title) / the query's best BM25
    "bm25_log",  # log1p(BM25): an absolute match strength, not only relative
    "bm25_rrank",  # 1 / BM25 rank (1 for the top hit)
    "bm25_claim_rel",  # BM25 of the claim field alone / best over candidates
    "bm25_title_rel",
    "bm25_sub_rel",
    "cos_claim",  # cosine of static MiniLM embeddings: query vs claim
    "cos_title",
    "cos_sub",
    "cos_claim_gap",  # cos_claim minus the best cos_claim among candidates
    "cos_claim_rrank",  # 1 / rank by claim cosine over the whole collection
    "cos_title_rrank",  # 1 / rank by title cosine over the whole collection
    "content_dice",  # Dice overlap of content tokens, query vs claim + title
    "figures_shared",
    "figures_clash",
    "dates_shared",
    "dates_clash",
    "names_shared",
    "negation_differs",
    "days_apart_log",  # log1p(|query date - fact-check date| in days) / 10; 0 when unknown
    "checked_before",  # the fact-check predates the query by more than a month
    "date_known",
)

# A tweet's trailing signature: "— Name (@handle) January 6, 2020". Its date is when the
# claim was made; the name stays in the text (fact-checks often name who said it).
SIGNATURE_RE = re.compile(
    r"\s*[—–]\s*(?P<name>[^—–()]{0,80}?)\s*\(@\w+\)\s*(?P<date>[A-Z][a-z]+ \d{1,2}, \d{4})\s*$"
)
URL_RE = re.compile(r"(?:https?://|pic\.twitter\.com/|www\.)\S+")
DATE_FORMATS = ("%B %d, %Y", "%d %B %Y", "%Y-%m-%d", "%b %d, %Y", "%d %b %Y")


@dataclass(frozen=True)
class CleanQuery:
    text: str
    day: date | None


def parse_day(text: str) -> date | None:
    """A calendar day from the date formats of tweets and fact-check collections."""
    text = text.strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def clean_query(text: str) -> CleanQuery:
    """Drop links; split a tweet signature into its name (kept in the text) and date."""
    day = None
    m = SIGNATURE_RE.search(text)
    if m:
        day = parse_day(m.group("date"))
        text = text[: m.start()] + " " + m.group("name")
    text = URL_RE.sub(" ", text)
    text = text.replace("#", " ").replace("@", " ")
    return CleanQuery(" ".join(text.split()), day)


@dataclass
class Weights:
    """Standardisation and logistic-regression weights over :data:`FEATURES`."""

    mean: np.ndarray
    std: np.ndarray
    coef: np.ndarray
    intercept: float
    meta: dict

    def score(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.std) @ self.coef + self.intercept

    def to_json(self) -> str:
        return json.dumps(
            {
                "features": list(FEATURES),
                "mean": [round(float(v), 6) for v in self.mean],
                "std": [round(float(v), 6) for v in self.std],
                "coef": [round(float(v), 6) for v in self.coef],
                "intercept": round(self.intercept, 6),
                "meta": self.meta,
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str, where: str) -> Weights:
        data = json.loads(text)
        if tuple(data.get("features", ())) != FEATURES:
            raise ModelError("matcher weights were fitted on other features", source=where)
        return cls(
            np.asarray(data["mean"], dtype=np.float32),
            np.asarray(data["std"], dtype=np.float32),
            np.asarray(data["coef"], dtype=np.float32),
            float(data["intercept"]),
            dict(data.get("meta", {})),
        )


def weights_path() -> Path:
    return model_dir("tracking") / WEIGHTS_FILE


@lru_cache(maxsize=2)
def load_weights(path: Path | None = None) -> Weights:
    """The shipped re-ranker weights (cached)."""
    path = path or weights_path()
    if not path.is_file():
        raise ModelError("claim matcher weights missing", source=str(path))
    return Weights.from_json(path.read_text(encoding="utf-8"), str(path))


def _embed_default() -> Callable[[Sequence[str]], np.ndarray]:
    from presslens.layers.claims.model import load_embedder

    return load_embedder()


class Matcher:
    """A fact-check collection indexed for lookup; build once, then :meth:`rank` many."""

    def __init__(
        self,
        factchecks: Sequence[FactCheck],
        embed: Callable[[Sequence[str]], np.ndarray] | None = None,
        weights: Weights | None = None,
    ) -> None:
        self.factchecks = list(factchecks)
        self.embed = embed or _embed_default()
        self.weights = weights
        claims = [normalize(f.text) for f in self.factchecks]
        titles = [normalize(f.title) for f in self.factchecks]
        subs = [normalize(f.subtitle) for f in self.factchecks]
        self.norm = claims
        self.index_all = LexicalIndex(
            [c.tokens + t.tokens for c, t in zip(claims, titles, strict=True)]
        )
        self.index_claim = LexicalIndex([c.tokens for c in claims])
        self.index_title = LexicalIndex([t.tokens for t in titles])
        self.index_sub = LexicalIndex([s.tokens for s in subs])
        self.names = [names(f"{f.text} {f.title}") for f in self.factchecks]
        self.emb_claim = self.embed([f.text for f in self.factchecks])
        self.emb_title = self.embed([f.title or f.text for f in self.factchecks])
        self.emb_sub = self.embed([f.subtitle or f.text for f in self.factchecks])
        self.days = [parse_day(f.date) for f in self.factchecks]
        self.content = [
            frozenset(t for t in c.tokens + t_.tokens if not t.startswith(("#", "@")))
            for c, t_ in zip(claims, titles, strict=True)
        ]

    # -- stage 1 -----------------------------------------------------------------------
    def bm25(self, query: Query, k: int) -> list[tuple[str, float]]:
        """Plain BM25 over claim + title: the baseline the re-ranker must beat."""
        q = normalize(clean_query(query.text).text)
        idx, scores = self.index_all.top(q.tokens, k)
        return [(self.factchecks[i].id, float(s)) for i, s in zip(idx, scores, strict=True)]

    def candidates(self, query: Query, q_emb: np.ndarray | None = None) -> CandidateSet:
        """The candidate fact-checks of one query with their feature rows."""
        cq = clean_query(query.text)
        qn = normalize(cq.text)
        q_emb = self.embed([cq.text])[0] if q_emb is None else q_emb
        s_all = self.index_all.scores(qn.tokens)
        b_idx, _ = top_k(s_all, BM25_CANDIDATES)
        cos_all = self.emb_claim @ q_emb
        e_idx, _ = top_k(cos_all + 1.0, EMBEDDING_CANDIDATES)  # +1: cosines may be negative
        t_idx, _ = top_k(self.emb_title @ q_emb + 1.0, EMBEDDING_CANDIDATES)
        found = [*b_idx.tolist(), *e_idx.tolist(), *t_idx.tolist()]
        idx = np.array(list(dict.fromkeys(found)), dtype=np.int64)
        return CandidateSet(idx, self._features(cq, qn, q_emb, idx, s_all, cos_all))

    def _features(
        self,
        cq: CleanQuery,
        qn: Normalized,
        q_emb: np.ndarray,
        idx: np.ndarray,
        s_all: np.ndarray,
        cos_all: np.ndarray,
    ) -> np.ndarray:
        n = len(idx)
        x = np.zeros((n, len(FEATURES)), dtype=np.float32)
        if not n:
            return x
        best = float(s_all.max()) or 1.0
        order = np.argsort(-s_all[idx], kind="stable")
        rank = np.empty(n)
        rank[order] = np.arange(1, n + 1)
        s_claim = self.index_claim.scores(qn.tokens)[idx]
        s_title = self.index_title.scores(qn.tokens)[idx]
        s_sub = self.index_sub.scores(qn.tokens)[idx]
        cos_claim = cos_all[idx]
        q_names = names(cq.text)
        x[:, 0] = s_all[idx] / best
        x[:, 1] = np.log1p(s_all[idx])
        x[:, 2] = 1.0 / rank
        x[:, 3] = s_claim / (s_claim.max() or 1.0)
        x[:, 4] = s_title / (s_title.max() or 1.0)
        x[:, 5] = s_sub / (s_sub.max() or 1.0)
        x[:, 6] = cos_claim
        x[:, 7] = self.emb_title[idx] @ q_emb
        x[:, 8] = self.emb_sub[idx] @ q_emb
        x[:, 9] = cos_claim - cos_claim.max()
        cos_title_all = self.emb_title @ q_emb
        x[:, 10] = 1.0 / (1 + (cos_all[None, :] > cos_claim[:, None]).sum(axis=1))
        x[:, 11] = 1.0 / (1 + (cos_title_all[None, :] > cos_title_all[idx][:, None]).sum(axis=1))
        q_content = {t for t in qn.tokens if not t.startswith(("#", "@"))}
        for row, i in enumerate(idx):
            c = self.content[i]
            if q_content and c:
                x[row, 12] = 2 * len(q_content & c) / (len(q_content) + len(c))
            x[row, 13:19] = agreement(qn, self.norm[i], q_names, self.names[i]).as_list()
            fc_day = self.days[i]
            if cq.day and fc_day:
                delta = (cq.day - fc_day).days
                x[row, 19] = math.log1p(abs(delta)) / 10
                x[row, 20] = float(delta > 30)
                x[row, 21] = 1.0
        return x

    # -- stage 2 -----------------------------------------------------------------------
    def rank_many(self, queries: Sequence[Query], k: int) -> list[list[tuple[str, float]]]:
        """The ``k`` best fact-checks per query, re-ranked (queries embedded in one batch)."""
        weights = self.weights or load_weights()
        embs = self.embed([clean_query(q.text).text for q in queries]) if queries else None
        out = []
        for n, query in enumerate(queries):
            cands = self.candidates(query, embs[n] if embs is not None else None)
            scores = weights.score(cands.x)
            order = np.argsort(-scores, kind="stable")[:k]
            out.append(
                [(self.factchecks[cands.idx[j]].id, float(scores[j])) for j in order.tolist()]
            )
        return out


@dataclass
class CandidateSet:
    idx: np.ndarray  # positions in Matcher.factchecks
    x: np.ndarray  # one feature row per candidate (columns: FEATURES)
