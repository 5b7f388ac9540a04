"""Corpus statistics for outlet profiles and comparisons: SQLAlchemy Core over the store's
tables, the same SQL on SQLite and PostgreSQL.

Why counts *and* totals: a raw count of technique spans mostly measures how much an outlet
publishes. Media Cloud's users ask for the normalised view first, so every figure here is a
``Point(count, total, ratio)`` — spans per 1,000 words, the share of figures with a source, the
share of attributions that hedge — and the raw count is one switch away. Reprints (documents
with ``duplicate_of`` set: wire copy carried by several outlets) are left out by default so one
agency story does not count once per outlet that ran it.

Periods come from ``published_at`` (UTC): days and ISO weeks are cut in Python from the day key
so no engine-specific date function is needed; documents without a publication date are left
out of time series (and said to be, on the pages).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, distinct, func, select
from sqlalchemy.sql.elements import ColumnElement

from presslens.store import schema as s
from presslens.web.charts import Point, Series

GRANULARITIES = ("day", "week", "month")
MAX_GROUPS = 5  # the compare page stays readable with up to five lines
TOP_ENTITIES = 15
MAX_ID = 2**31 - 1  # outlet and collection ids are 32-bit integers on both engines


class QueryError(ValueError):
    """A parameter names no outlet/collection/metric, or a range is malformed (→ HTTP 422)."""


@dataclass(frozen=True)
class Group:
    """What one line of a chart counts: an outlet, a collection or the whole corpus."""

    kind: str  # "outlet" | "collection" | "corpus"
    id: int | None
    name: str

    @property
    def key(self) -> str:
        return "corpus" if self.kind == "corpus" else f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class Window:
    """The time range and options shared by every figure on one page."""

    by: str = "month"
    since: date | None = None
    until: date | None = None
    reprints: bool = False


@dataclass(frozen=True)
class Metric:
    """A named figure: what is counted, over what, in which unit."""

    name: str
    title: str
    unit: str  # label of the ratio axis
    scale: float = 1.0  # ratio = count / total * scale


# The figures of a profile, as data. Techniques are per 1,000 words (a long article has more
# room for loaded language); sourcing figures are shares of their own layer's annotations.
METRICS: dict[str, Metric] = {
    "techniques": Metric("techniques", "Technique spans", "spans per 1,000 words", 1000.0),
    "sourced_figures": Metric("sourced_figures", "Figures with a source", "share of figures"),
    "unsourced_figures": Metric(
        "unsourced_figures", "Figures without a source", "share of figures"
    ),
    "hedged_attributions": Metric(
        "hedged_attributions", "Hedged attributions", "share of attributions"
    ),
    "vague_sources": Metric("vague_sources", "Vague sources", "share of attributions"),
    "documents": Metric("documents", "Documents", "share of the corpus"),
}


def metric_for(name: str) -> Metric:
    """A metric by name; ``technique:<label>`` and ``entity:<name>`` are made on demand."""
    if name in METRICS:
        return METRICS[name]
    kind, _, arg = name.partition(":")
    if kind == "technique" and arg:
        return Metric(name, f"{arg} spans", "spans per 1,000 words", 1000.0)
    if kind == "entity" and arg:
        return Metric(name, f"Documents naming {arg}", "share of documents")
    raise QueryError(f"unknown metric {name!r}")


def parse_group(engine: Engine, spec: str) -> Group:
    """``outlet:<id>``, ``collection:<id>`` or ``corpus`` → a Group with its display name."""
    if spec == "corpus":
        return Group("corpus", None, "All outlets")
    kind, _, raw = spec.partition(":")
    if kind not in ("outlet", "collection") or not raw.isdigit() or int(raw) > MAX_ID:
        raise QueryError(f"group {spec[:60]!r} is not outlet:<id>, collection:<id> or corpus")
    table = s.outlets if kind == "outlet" else s.collections
    with engine.connect() as conn:
        name = conn.execute(select(table.c.name).where(table.c.id == int(raw))).scalar()
    if name is None:
        raise QueryError(f"no {kind} with id {raw}")
    return Group(kind, int(raw), name)


def parse_date(text: str | None, field: str) -> date | None:
    """An ISO date (YYYY-MM-DD, or YYYY-MM for a month's first day) or None."""
    if not text:
        return None
    try:
        return date.fromisoformat(text if len(text) != 7 else text + "-01")
    except ValueError:
        raise QueryError(f"{field} {text[:40]!r} is not a date (YYYY-MM-DD)") from None


# --------------------------------------------------------------------------- filters


def _doc_filters(group: Group, window: Window) -> list[ColumnElement[bool]]:
    d = s.documents
    where: list[ColumnElement[bool]] = [d.c.published_at.is_not(None)]
    if group.kind == "outlet":
        where.append(d.c.outlet_id == group.id)
    elif group.kind == "collection":
        members = select(s.outlet_collections.c.outlet_id).where(
            s.outlet_collections.c.collection_id == group.id
        )
        where.append(d.c.outlet_id.in_(members))
    if not window.reprints:
        where.append(d.c.duplicate_of.is_(None))
    if window.since:
        where.append(d.c.published_at >= datetime.combine(window.since, datetime.min.time(), UTC))
    if window.until:
        end = datetime.combine(window.until + timedelta(days=1), datetime.min.time(), UTC)
        where.append(d.c.published_at < end)
    return where


def _day_key() -> ColumnElement[Any]:
    """YYYY-MM-DD of the publication, as text on both engines (``published`` is ISO text)."""
    return func.substr(s.documents.c.published, 1, 10)


def period_of(day: str, by: str) -> str | None:
    """A day key cut to the window's granularity; None for a malformed day."""
    try:
        d = date.fromisoformat(day[:10])
    except (TypeError, ValueError):
        return None
    if by == "day":
        return d.isoformat()
    if by == "week":
        year, week, _ = d.isocalendar()
        return f"{year}-W{week:02d}"
    return d.isoformat()[:7]


MAX_FILLED_PERIODS = 800  # longer ranges are drawn with their data points only


def period_range(first: str, last: str, by: str) -> list[str]:
    """Every period from ``first`` to ``last`` (inclusive), so charts and CSV show the quiet
    periods as quiet instead of silently joining the busy ones."""
    if by == "month":
        y, m = int(first[:4]), int(first[5:7])
        out = []
        while f"{y:04d}-{m:02d}" <= last and len(out) <= MAX_FILLED_PERIODS:
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    if by == "week":
        start = date.fromisocalendar(int(first[:4]), int(first[6:8]), 1)
        end = date.fromisocalendar(int(last[:4]), int(last[6:8]), 1)
    else:
        start, end = date.fromisoformat(first), date.fromisoformat(last)
    step = timedelta(days=7 if by == "week" else 1)
    out, d = [], start
    while d <= end and len(out) <= MAX_FILLED_PERIODS:
        out.append(period_of(d.isoformat(), by) or "")
        d += step
    return out


def fill(series_list: list[Series], by: str) -> list[Series]:
    """The same series with a zero point (ratio None) for every period without data."""
    periods = sorted({p.period for s in series_list for p in s.points})
    if not periods:
        return series_list
    full = period_range(periods[0], periods[-1], by)
    if len(full) > MAX_FILLED_PERIODS:
        return series_list
    out = []
    for line in series_list:
        have = {p.period: p for p in line.points}
        out.append(Series(line.name, [have.get(k) or Point(k, 0.0, 0.0, None) for k in full]))
    return out


def _rollup(rows: Iterable[tuple[Any, Any]], by: str) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for day, value in rows:
        period = period_of(day, by) if day else None
        if period is not None:
            out[period] += float(value or 0)
    return out


# --------------------------------------------------------------------------- counts


def _annotation_counts(
    engine: Engine,
    group: Group,
    window: Window,
    layer: str,
    extra: Sequence[ColumnElement[bool]] = (),
    distinct_docs: bool = False,
) -> dict[str, float]:
    a, d = s.annotations, s.documents
    key = _day_key()
    counted = func.count(distinct(a.c.document_id)) if distinct_docs else func.count()
    stmt = (
        select(key, counted)
        .select_from(a.join(d, d.c.id == a.c.document_id))
        .where(a.c.layer == layer, *extra, *_doc_filters(group, window))
        .group_by(key)
    )
    with engine.connect() as conn:
        return _rollup(conn.execute(stmt).all(), window.by)


def _document_totals(engine: Engine, group: Group, window: Window, words: bool) -> dict[str, float]:
    d = s.documents
    key = _day_key()
    value = func.sum(d.c.word_count) if words else func.count()
    stmt = select(key, value).where(*_doc_filters(group, window)).group_by(key)
    with engine.connect() as conn:
        return _rollup(conn.execute(stmt).all(), window.by)


def _numerator_denominator(
    engine: Engine, metric: Metric, group: Group, window: Window
) -> tuple[dict[str, float], dict[str, float]]:
    a = s.annotations
    name = metric.name
    if name == "techniques":
        return (
            _annotation_counts(engine, group, window, "techniques"),
            _document_totals(engine, group, window, words=True),
        )
    if name.startswith("technique:"):
        label = name.partition(":")[2]
        return (
            _annotation_counts(engine, group, window, "techniques", [a.c.label == label]),
            _document_totals(engine, group, window, words=True),
        )
    if name in ("sourced_figures", "unsourced_figures"):
        attribution = a.c.attributes["attribution"].as_string()
        cond = attribution.is_not(None) if name == "sourced_figures" else attribution.is_(None)
        return (
            _annotation_counts(engine, group, window, "quantities", [cond]),
            _annotation_counts(engine, group, window, "quantities"),
        )
    if name in ("hedged_attributions", "vague_sources"):
        field = "hedged" if name == "hedged_attributions" else "vague_source"
        cond = a.c.attributes[field].as_boolean() == True  # noqa: E712 - SQL, not Python
        return (
            _annotation_counts(engine, group, window, "attributions", [cond]),
            _annotation_counts(engine, group, window, "attributions"),
        )
    if name == "documents":
        corpus = Group("corpus", None, "All outlets")
        return (
            _document_totals(engine, group, window, words=False),
            _document_totals(engine, corpus, window, words=False),
        )
    if name.startswith("entity:"):
        canonical = name.partition(":")[2]
        cond = a.c.attributes["canonical"].as_string() == canonical
        return (
            _annotation_counts(engine, group, window, "entities", [cond], distinct_docs=True),
            _document_totals(engine, group, window, words=False),
        )
    raise QueryError(f"unknown metric {name!r}")


def series(engine: Engine, metric: Metric, group: Group, window: Window) -> Series:
    """One line: per period, the counted items, their denominator and the scaled ratio."""
    num, den = _numerator_denominator(engine, metric, group, window)
    points = []
    for period in sorted(set(num) | set(den)):
        count, total = num.get(period, 0.0), den.get(period, 0.0)
        ratio = count / total * metric.scale if total else None
        points.append(Point(period, count, total, ratio))
    return Series(group.name, points)


def overall(engine: Engine, metric: Metric, group: Group, window: Window) -> Point:
    """The whole window as one point (the figure beside each chart)."""
    num, den = _numerator_denominator(engine, metric, group, window)
    count, total = sum(num.values()), sum(den.values())
    return Point("all", count, total, count / total * metric.scale if total else None)


def technique_breakdown(engine: Engine, group: Group, window: Window) -> list[Point]:
    """Per technique label: spans, the group's words, spans per 1,000 words; most first."""
    a, d = s.annotations, s.documents
    stmt = (
        select(a.c.label, func.count())
        .select_from(a.join(d, d.c.id == a.c.document_id))
        .where(a.c.layer == "techniques", *_doc_filters(group, window))
        .group_by(a.c.label)
    )
    words = select(func.coalesce(func.sum(d.c.word_count), 0)).where(*_doc_filters(group, window))
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
        total = float(conn.execute(words).scalar() or 0)
    points = [
        Point(str(label), float(n), total, n / total * 1000.0 if total else None)
        for label, n in rows
        if label
    ]
    return sorted(points, key=lambda p: (-p.count, p.period))


def top_entities(
    engine: Engine, group: Group, window: Window, limit: int = TOP_ENTITIES
) -> list[Point]:
    """Entity clusters by the number of documents naming them (a cluster counts once per
    document, so "Soleimani" and "Haj Qassem", merged by the alias clusters, count once)."""
    a, d = s.annotations, s.documents
    canonical = a.c.attributes["canonical"].as_string()
    n_docs = func.count(distinct(a.c.document_id))
    stmt = (
        select(canonical, n_docs)
        .select_from(a.join(d, d.c.id == a.c.document_id))
        .where(a.c.layer == "entities", canonical.is_not(None), *_doc_filters(group, window))
        .group_by(canonical)
        .order_by(n_docs.desc(), canonical)
        .limit(limit)
    )
    docs = select(func.count()).select_from(s.documents).where(*_doc_filters(group, window))
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
        total = float(conn.execute(docs).scalar() or 0)
    return [Point(str(name), float(n), total, n / total if total else None) for name, n in rows]


# --------------------------------------------------------------------------- listings


def list_outlets(engine: Engine) -> list[dict[str, Any]]:
    """Every outlet with its document count (reprints included) and collections."""
    o, d, oc, c = s.outlets, s.documents, s.outlet_collections, s.collections
    counts = select(d.c.outlet_id, func.count().label("n")).group_by(d.c.outlet_id).subquery()
    stmt = (
        select(o.c.id, o.c.name, o.c.kind, o.c.country, o.c.language, counts.c.n)
        .select_from(o.outerjoin(counts, counts.c.outlet_id == o.c.id))
        .order_by(o.c.name)
    )
    member = select(oc.c.outlet_id, c.c.name).select_from(oc.join(c, c.c.id == oc.c.collection_id))
    with engine.connect() as conn:
        rows = conn.execute(stmt).mappings().all()
        colls: dict[int, list[str]] = defaultdict(list)
        for outlet_id, name in conn.execute(member).all():
            colls[outlet_id].append(name)
    return [
        {
            "id": r["id"],
            "name": r["name"],
            "kind": r["kind"],
            "country": r["country"],
            "language": r["language"],
            "documents": int(r["n"] or 0),
            "collections": sorted(colls.get(r["id"], [])),
        }
        for r in rows
    ]


def list_collections(engine: Engine) -> list[dict[str, Any]]:
    """Every collection with how many outlets it holds."""
    c, oc = s.collections, s.outlet_collections
    stmt = (
        select(c.c.id, c.c.name, func.count(oc.c.outlet_id))
        .select_from(c.outerjoin(oc, oc.c.collection_id == c.c.id))
        .group_by(c.c.id, c.c.name)
        .order_by(c.c.name)
    )
    with engine.connect() as conn:
        return [{"id": i, "name": n, "outlets": k} for i, n, k in conn.execute(stmt).all()]


def technique_labels(engine: Engine) -> list[str]:
    """Technique labels present in the store (for the search and compare filters)."""
    a = s.annotations
    stmt = select(a.c.label).where(a.c.layer == "techniques", a.c.label.is_not(None)).distinct()
    with engine.connect() as conn:
        return sorted(str(x) for x in conn.execute(stmt).scalars())


def syndicated_copies(engine: Engine, doc_id: str) -> list[dict[str, Any]]:
    """Other stored copies of a document: its original and the reprints of either."""
    d, o = s.documents, s.outlets
    with engine.connect() as conn:
        original = conn.execute(select(d.c.duplicate_of).where(d.c.id == doc_id)).scalar()
        root = original or doc_id
        stmt = (
            select(d.c.id, d.c.title, d.c.published, o.c.name, d.c.duplicate_similarity)
            .select_from(d.outerjoin(o, o.c.id == d.c.outlet_id))
            .where((d.c.id == root) | (d.c.duplicate_of == root), d.c.id != doc_id)
            .order_by(d.c.published)
            .limit(100)
        )
        rows = conn.execute(stmt).all()
    return [
        {"id": i, "title": t, "published": p, "outlet": n, "similarity": sim, "original": i == root}
        for i, t, p, n, sim in rows
    ]


def claim_links(engine: Engine, doc_id: str, limit: int = 50) -> list[dict[str, Any]]:
    """Other appearances of this document's claims (the claim tracker's clusters): where else
    and when each claim was published, earliest first."""
    ca, d, o = s.claim_appearances, s.documents, s.outlets
    mine = (
        select(ca.c.cluster_id, ca.c.annotation_id)
        .where(ca.c.document_id == doc_id, ca.c.status == "merged")
        .subquery()
    )
    other = ca.alias("other")
    stmt = (
        select(
            mine.c.annotation_id,
            other.c.document_id,
            d.c.title,
            o.c.name,
            other.c.published,
            other.c.presentation,
        )
        .select_from(
            mine.join(other, other.c.cluster_id == mine.c.cluster_id)
            .join(d, d.c.id == other.c.document_id)
            .outerjoin(o, o.c.id == other.c.outlet_id)
        )
        .where(other.c.document_id != doc_id, other.c.status == "merged")
        .order_by(other.c.published)
        .limit(limit)
    )
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return [
        {
            "claim": a,
            "id": i,
            "title": t,
            "outlet": n,
            "published": p.isoformat() if hasattr(p, "isoformat") else p,
            "presentation": pr,
        }
        for a, i, t, n, p, pr in rows
    ]


def document_outlet(engine: Engine, doc_id: str) -> dict[str, Any] | None:
    """The outlet a stored document belongs to (id, name), if any."""
    d, o = s.documents, s.outlets
    stmt = select(o.c.id, o.c.name).select_from(d.join(o, o.c.id == d.c.outlet_id))
    with engine.connect() as conn:
        row = conn.execute(stmt.where(d.c.id == doc_id)).first()
    return {"id": row[0], "name": row[1]} if row else None


def recent_documents(engine: Engine, limit: int = 10) -> list[dict[str, Any]]:
    """The latest stored documents (for the front page)."""
    d, o = s.documents, s.outlets
    stmt = (
        select(d.c.id, d.c.title, d.c.published, o.c.name)
        .select_from(d.outerjoin(o, o.c.id == d.c.outlet_id))
        .order_by(d.c.stored_at.desc())
        .limit(limit)
    )
    with engine.connect() as conn:
        return [
            {"id": i, "title": t, "published": p, "outlet": n}
            for i, t, p, n in conn.execute(stmt).all()
        ]


def corpus_size(engine: Engine) -> tuple[int, Any]:
    """(documents, latest stored_at): changes whenever the corpus does (a cache key)."""
    d = s.documents
    with engine.connect() as conn:
        n, latest = conn.execute(select(func.count(), func.max(d.c.stored_at))).one()
    return int(n), latest
