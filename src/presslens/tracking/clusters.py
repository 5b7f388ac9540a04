"""Claim clusters in a store: update them from new documents, and read them back.

Write side — :func:`update_clusters`: finds the check-worthy claims (``annotations`` rows of
layer ``claims`` labelled ``check_worthy``) that have no ``claim_appearances`` row yet, clusters
them with :class:`~presslens.tracking.clustering.Clusterer` against everything already
clustered, and writes appearances and cluster statistics. The clusterer (BM25 index,
embeddings) is rebuilt from the store the first time in a process and then kept, so a batch
of new documents costs only its own claims. Existing assignments are never recomputed.

Read side — :func:`list_clusters`, :func:`cluster_detail`, :func:`cluster_appearances`: pure
reads returning plain dicts (the CLI, the exports and the web app's claim page use them).

Rows: every claim has one ``merged`` appearance (the cluster it belongs to; a claim close to,
but not above, the merge threshold founds its own cluster) and, when it was close to another
cluster, one extra ``suggested`` appearance in that cluster for review. Wire copies
(``documents.duplicate_of``) are merged into their source's cluster but not counted in
``n_appearances``/``n_outlets``; readers see them as ``reprint_of``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import numpy as np
from sqlalchemy import and_, func, select, update

from presslens.document import Document
from presslens.store.records import parse_published
from presslens.store.schema import (
    annotations,
    claim_appearances,
    claim_clusters,
    documents,
    outlets,
)
from presslens.tracking.clustering import Assignment, Clusterer, Thresholds
from presslens.tracking.records import (
    CHECK_WORTHY,
    ClaimRecord,
    presentation,
    records_from_document,
)

MERGED, SUGGESTED, REJECTED = "merged", "suggested", "rejected"

# One clusterer per store URL and process: rebuilt on first use, then extended.
_CACHE: dict[str, tuple[Clusterer, int]] = {}


def _now() -> datetime:
    return datetime.now(UTC)


def _embedder() -> Any:
    from presslens.layers.claims.model import load_embedder

    return load_embedder()


# -- write side ---------------------------------------------------------------------------
def _new_claim_rows(conn: Any) -> list[Any]:
    """(document id, annotation id) of check-worthy claims not yet clustered."""
    a, ca = annotations, claim_appearances
    joined = a.outerjoin(
        ca, and_(ca.c.document_id == a.c.document_id, ca.c.annotation_id == a.c.id)
    )
    q = (
        select(a.c.document_id, a.c.id)
        .select_from(joined)
        .where(a.c.layer == "claims", a.c.label == CHECK_WORTHY, ca.c.id.is_(None))
    )
    return list(conn.execute(q))


def _outlet_names(conn: Any) -> dict[int, str]:
    return {r.id: r.name for r in conn.execute(select(outlets.c.id, outlets.c.name))}


def _new_records(conn: Any) -> list[tuple[ClaimRecord, int | None]]:
    """Records of the unclustered claims, with their outlet id, documents read once each."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for doc_id, ann_id in _new_claim_rows(conn):
        wanted[doc_id].add(ann_id)
    names = _outlet_names(conn)
    out: list[tuple[ClaimRecord, int | None]] = []
    d = documents
    ids = sorted(wanted)
    for i in range(0, len(ids), 500):
        rows = conn.execute(
            select(d.c.id, d.c.contract, d.c.outlet_id, d.c.duplicate_of, d.c.published).where(
                d.c.id.in_(ids[i : i + 500])
            )
        )
        for row in rows:
            doc = Document.from_json(row.contract)
            outlet = names.get(row.outlet_id) if row.outlet_id is not None else None
            for rec in records_from_document(doc, row.id, outlet, row.duplicate_of):
                if rec.annotation_id in wanted[row.id]:
                    if not rec.published and row.published:
                        rec = replace(rec, published=row.published)
                    out.append((rec, row.outlet_id))
    return out


def _existing(conn: Any) -> tuple[list[ClaimRecord], list[int]]:
    """Merged appearances already in the store, as records with their cluster ids."""
    ca, a, d = claim_appearances, annotations, documents
    text = func.substr(d.c.text, a.c.start + 1, a.c.end - a.c.start)
    q = (
        select(ca.c.document_id, ca.c.annotation_id, ca.c.cluster_id, text, d.c.published)
        .select_from(
            ca.join(
                a,
                and_(
                    a.c.document_id == ca.c.document_id,
                    a.c.layer == "claims",
                    a.c.id == ca.c.annotation_id,
                ),
            ).join(d, d.c.id == ca.c.document_id)
        )
        .where(ca.c.status == MERGED)
        .order_by(ca.c.id)
    )
    records, clusters = [], []
    for doc_id, ann_id, cluster_id, claim_text, published in conn.execute(q):
        records.append(ClaimRecord(doc_id, ann_id, claim_text or "", published=published))
        clusters.append(int(cluster_id))
    return records, clusters


def _clusterer(store: Any, conn: Any, thresholds: Thresholds | None) -> Clusterer:
    """The cached clusterer of this store, rebuilt when the store changed behind its back."""
    n_merged = conn.execute(
        select(func.count())
        .select_from(claim_appearances)
        .where(claim_appearances.c.status == MERGED)
    ).scalar_one()
    cached = _CACHE.get(store.url)
    if cached and cached[1] == n_merged and (thresholds is None or cached[0].th == thresholds):
        return cached[0]
    clusterer = Clusterer(_embedder(), thresholds or Thresholds())
    records, clusters = _existing(conn)
    clusterer.restore(records, clusters)
    return clusterer


def _appearance_row(
    a: Assignment, cluster_id: int, status: str, outlet_id: int | None, similarity: float
) -> dict[str, Any]:
    published, _ = parse_published(a.record.published)
    return {
        "cluster_id": cluster_id,
        "document_id": a.record.doc_id,
        "annotation_id": a.record.annotation_id,
        "similarity": round(float(similarity), 4),
        "status": status,
        "presentation": presentation(a.record),
        "credited_to": "; ".join(a.record.credited) or None,
        "published": published,
        "outlet_id": outlet_id,
    }


def update_clusters(store: Any, thresholds: Thresholds | None = None) -> dict[str, int]:
    """Cluster every check-worthy claim not yet clustered; returns counts of what changed."""
    with store.engine.connect().execution_options(write=True) as conn, conn.begin():
        new = _new_records(conn)
        clusterer = _clusterer(store, conn, thresholds)
        if not new:
            _CACHE[store.url] = (clusterer, len(clusterer.state.members))
            return {"claims": 0, "new_clusters": 0, "suggested": 0}
        known = set(clusterer.state.by_cluster)
        outlet_of = {rec.key: oid for rec, oid in new}
        assignments = clusterer.add([rec for rec, _ in new])
        ids = _create_clusters(conn, clusterer, assignments, known)
        rows = []
        for a in assignments:
            oid = outlet_of[a.record.key]
            rows.append(
                _appearance_row(a, ids.get(a.cluster, a.cluster), MERGED, oid, a.similarity)
            )
            if a.suggested_cluster is not None:
                sim = _best_similarity(clusterer, a)
                rows.append(_appearance_row(a, a.suggested_cluster, SUGGESTED, oid, sim))
        for i in range(0, len(rows), 500):
            conn.execute(claim_appearances.insert(), rows[i : i + 500])
        touched = {r["cluster_id"] for r in rows if r["status"] == MERGED}
        refresh_statistics(conn, touched, clusterer)
    _CACHE[store.url] = (clusterer, len(clusterer.state.members))
    return {
        "claims": len(assignments),
        "new_clusters": len(ids),
        "suggested": sum(a.suggested_cluster is not None for a in assignments),
    }


def _best_similarity(clusterer: Clusterer, a: Assignment) -> float:
    from presslens.tracking.clustering import similarity

    st = clusterer.state
    me = st.members[st.by_doc[a.record.doc_id][-1]]
    return max(
        (similarity(me, st.members[p], clusterer.th) for p in st.by_cluster[a.suggested_cluster]),
        default=0.0,
    )


def _create_clusters(
    conn: Any, clusterer: Clusterer, assignments: Sequence[Assignment], known: set[int]
) -> dict[int, int]:
    """Insert a row for each cluster founded in this batch; map the clusterer's provisional
    ids to the database's and renumber the clusterer to match."""
    mapping: dict[int, int] = {}
    now = _now()
    for a in assignments:
        if a.cluster in known or a.cluster in mapping:
            continue
        result = conn.execute(
            claim_clusters.insert().values(
                canonical_text=a.record.text,
                n_appearances=0,
                n_outlets=0,
                created_at=now,
                updated_at=now,
            )
        )
        mapping[a.cluster] = int(result.inserted_primary_key[0])
    clusterer.renumber(mapping)
    for a in assignments:
        a.cluster = mapping.get(a.cluster, a.cluster)
    return mapping


def refresh_statistics(conn: Any, cluster_ids: set[int], clusterer: Clusterer | None) -> None:
    """Recompute counts, first appearance and canonical wording of the given clusters (one
    read for all of them: a batch touches hundreds of clusters)."""
    ca, d = claim_appearances, documents
    by_cluster: dict[int, list[Any]] = defaultdict(list)
    ids = sorted(cluster_ids)
    for i in range(0, len(ids), 500):
        q = (
            select(
                ca.c.cluster_id,
                ca.c.document_id,
                ca.c.outlet_id,
                ca.c.published,
                d.c.duplicate_of,
            )
            .select_from(ca.join(d, d.c.id == ca.c.document_id))
            .where(ca.c.cluster_id.in_(ids[i : i + 500]), ca.c.status == MERGED)
        )
        for row in conn.execute(q):
            by_cluster[row.cluster_id].append(row)
    now = _now()
    for cid in ids:
        apps = by_cluster.get(cid)
        if not apps:
            continue
        docs_here = {r.document_id for r in apps}
        independent = [r for r in apps if not (r.duplicate_of and r.duplicate_of in docs_here)]
        first = min(apps, key=lambda r: _when({"published": r.published}))
        values: dict[str, Any] = {
            "n_appearances": len(independent),
            "n_outlets": len({r.outlet_id or r.document_id for r in independent}),
            "first_document_id": first.document_id,
            "first_published": first.published,
            "updated_at": now,
        }
        if clusterer is not None and cid in clusterer.state.by_cluster:
            values["canonical_text"] = canonical_text(clusterer, cid)
        conn.execute(update(claim_clusters).where(claim_clusters.c.id == cid).values(**values))


def canonical_text(clusterer: Clusterer, cluster_id: int) -> str:
    """The member wording closest to the cluster's mean embedding (its most typical form),
    preferring wordings stated without hedges."""
    members = [clusterer.state.members[p] for p in clusterer.state.by_cluster[cluster_id]]
    embs = np.vstack([m.emb for m in members])
    centre = embs.mean(axis=0)
    scores = embs @ centre
    return members[int(np.argmax(scores))].record.text


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """Times as ISO strings, so read results go straight to JSON (CLI, web API)."""
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in row.items()}


def _when(x: dict[str, Any]) -> tuple[bool, str]:
    """Sort key: dated appearances first, oldest first (naive and aware times both sort)."""
    return (x["published"] is None, x["published"].isoformat()[:19] if x["published"] else "")


def review_suggestion(store: Any, appearance_id: int, accept: bool) -> int | None:
    """Accept or reject a ``suggested`` appearance (the web app's review loop).

    Accept: the claim moves into the suggested cluster (its row becomes ``merged``; the row of
    the cluster it founded is deleted, and that cluster too once empty). Reject: the row is
    marked ``rejected`` and never suggested again. Returns the claim's cluster id afterwards,
    or None when ``appearance_id`` is not a suggestion."""
    ca, cc = claim_appearances, claim_clusters
    with store.engine.connect().execution_options(write=True) as conn, conn.begin():
        row = conn.execute(select(ca).where(ca.c.id == appearance_id)).first()
        if row is None or row.status != SUGGESTED:
            return None
        own = conn.execute(
            select(ca.c.id, ca.c.cluster_id).where(
                ca.c.document_id == row.document_id,
                ca.c.annotation_id == row.annotation_id,
                ca.c.status == MERGED,
            )
        ).first()
        if not accept:
            conn.execute(update(ca).where(ca.c.id == appearance_id).values(status=REJECTED))
            return own.cluster_id if own else None
        conn.execute(update(ca).where(ca.c.id == appearance_id).values(status=MERGED))
        touched = {row.cluster_id}
        if own is not None:
            conn.execute(ca.delete().where(ca.c.id == own.id))
            left = conn.execute(
                select(func.count()).select_from(ca).where(ca.c.cluster_id == own.cluster_id)
            ).scalar_one()
            if left:
                touched.add(own.cluster_id)
            else:
                conn.execute(cc.delete().where(cc.c.id == own.cluster_id))
        refresh_statistics(conn, touched, None)
    _CACHE.pop(store.url, None)  # the in-memory clusters no longer match: rebuild on next use
    return int(row.cluster_id)


# -- read side ----------------------------------------------------------------------------
def _appearances(conn: Any, cluster_id: int) -> list[dict[str, Any]]:
    ca, d, a, o = claim_appearances, documents, annotations, outlets
    text = func.substr(d.c.text, a.c.start + 1, a.c.end - a.c.start)
    q = (
        select(
            ca.c.id,
            ca.c.document_id,
            ca.c.annotation_id,
            ca.c.similarity,
            ca.c.status,
            ca.c.presentation,
            ca.c.credited_to,
            ca.c.published,
            ca.c.outlet_id,
            o.c.name.label("outlet"),
            d.c.uri,
            d.c.title,
            d.c.duplicate_of,
            text.label("text"),
        )
        .select_from(
            ca.join(d, d.c.id == ca.c.document_id)
            .outerjoin(o, o.c.id == ca.c.outlet_id)
            .outerjoin(
                a,
                and_(
                    a.c.document_id == ca.c.document_id,
                    a.c.layer == "claims",
                    a.c.id == ca.c.annotation_id,
                ),
            )
        )
        .where(ca.c.cluster_id == cluster_id)
        .order_by(ca.c.published, ca.c.id)
    )
    rows = sorted((dict(r._mapping) for r in conn.execute(q)), key=_when)
    docs_here = {r["document_id"] for r in rows if r["status"] == MERGED}
    for r in rows:
        dup = r.pop("duplicate_of")
        r["reprint_of"] = dup if dup and dup in docs_here else None
    return rows


def cluster_appearances(store: Any, cluster_id: int) -> list[dict[str, Any]]:
    """Every appearance row of one cluster (merged and suggested), oldest first."""
    with store.engine.connect() as conn:
        return [_plain(r) for r in _appearances(conn, cluster_id)]


def list_clusters(
    store: Any,
    outlet: str | None = None,
    since: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Clusters ranked by spread: outlets, then independent appearances, then oldest first.

    ``outlet``: only clusters that outlet repeated; ``since``: only clusters with an
    appearance published on or after that ISO date."""
    cc, ca, o = claim_clusters, claim_appearances, outlets
    q = select(cc).where(cc.c.n_appearances > 0)
    if outlet or since:
        sub = select(ca.c.cluster_id).where(ca.c.status == MERGED)
        if outlet:
            sub = sub.join(o, o.c.id == ca.c.outlet_id).where(o.c.name == outlet)
        if since:
            when, _ = parse_published(since)
            if when is not None:
                sub = sub.where(ca.c.published >= when)
        q = q.where(cc.c.id.in_(sub))
    q = (
        q.order_by(cc.c.n_outlets.desc(), cc.c.n_appearances.desc(), cc.c.first_published, cc.c.id)
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        return [_plain(dict(r._mapping)) for r in conn.execute(q)]


def clusters_of_document(store: Any, doc_id: str) -> dict[str, int]:
    """annotation id → cluster id for one document's clustered claims (the links from a
    document page to its claims' cluster pages)."""
    ca = claim_appearances
    q = select(ca.c.annotation_id, ca.c.cluster_id).where(
        ca.c.document_id == doc_id, ca.c.status == MERGED
    )
    with store.engine.connect() as conn:
        return {a: int(c) for a, c in conn.execute(q)}


def cluster_detail(store: Any, cluster_id: int) -> dict[str, Any] | None:
    """Everything a claim page shows, as a plain dict (None for an unknown id).

    Keys: ``id``, ``canonical_text``, ``n_appearances``, ``n_outlets``, ``first_appearance``
    (the earliest merged appearance), ``appearances`` (merged, oldest first, each with outlet,
    published, text, presentation, credited_to, reprint_of, uri, title, similarity),
    ``suggested`` (appearances proposed for review), ``timeline`` (outlet → ISO times of its
    independent appearances), ``presentation`` (fact/attributed/hedged counts over independent
    appearances) and ``credited`` (who the claim is credited to, with counts). Times are ISO
    strings: the dict goes to JSON as is."""
    with store.engine.connect() as conn:
        row = conn.execute(select(claim_clusters).where(claim_clusters.c.id == cluster_id)).first()
        if row is None:
            return None
        apps = _appearances(conn, cluster_id)
    apps = [_plain(x) for x in apps]
    merged = [x for x in apps if x["status"] == MERGED]
    independent = [x for x in merged if not x["reprint_of"]]
    timeline: dict[str, list[str]] = defaultdict(list)
    for x in independent:
        timeline[x["outlet"] or "(unknown outlet)"].append(x["published"] or "")
    credited = Counter(
        name.strip()
        for x in independent
        for name in (x["credited_to"] or "").split(";")
        if name.strip()
    )
    return {
        **_plain(dict(row._mapping)),
        "first_appearance": merged[0] if merged else None,
        "appearances": merged,
        "suggested": [x for x in apps if x["status"] == SUGGESTED],
        "timeline": dict(timeline),
        "presentation": dict(Counter(x["presentation"] or "fact" for x in independent)),
        "credited": dict(credited.most_common()),
    }
