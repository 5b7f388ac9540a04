"""What the pages and the API both show, computed once: documents, search, profiles,
comparisons, corrections. Pages render these with templates; the API returns them as JSON, so
a chart and its API answer can never disagree.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from fastapi import HTTPException
from fastapi.responses import PlainTextResponse

from presslens.document import Document
from presslens.web import queries as Q
from presslens.web.agreement import agreement
from presslens.web.charts import Point, Series, series_csv, wide_csv
from presslens.web.corrections import apply, build_correction, corrections_for, model_spans
from presslens.web.corrections import record as record_correction
from presslens.web.state import AppState

PROFILE_METRICS = ("techniques", "sourced_figures", "hedged_attributions", "vague_sources")
TOP_ENTITY_LINES = 5  # clusters drawn over time on a profile (more lines are unreadable)


def document_or_404(state: AppState, doc_id: str) -> Document:
    doc = state.store.get_document(doc_id) if len(doc_id) <= 64 else None
    if doc is None:
        raise HTTPException(404, f"no document with id {doc_id[:64]!r}")
    return doc


def search(state: AppState, q: str, **filters: Any) -> Any:
    """The store's full-text search, dates checked first (a bad date is a 422, not a 500)."""
    Q.parse_date(filters.get("since"), "since")
    Q.parse_date(filters.get("until"), "until")
    clean = {k: v for k, v in filters.items() if v not in (None, "")}
    return state.store.search(q, **clean)


def outlets(state: AppState) -> list[dict[str, Any]]:
    return state.cache.get(("outlets",), lambda: Q.list_outlets(state.store.engine))


def collections(state: AppState) -> list[dict[str, Any]]:
    return state.cache.get(("collections",), lambda: Q.list_collections(state.store.engine))


def technique_labels(state: AppState) -> list[str]:
    return state.cache.get(("techniques",), lambda: Q.technique_labels(state.store.engine))


WARM_OUTLETS = 200  # profiles precomputed by the warmer (largest outlets first)


def warm(state: AppState) -> None:
    """Compute what most pages show: lists, the corpus lines, the largest outlets' profiles."""
    listed = outlets(state)
    collections(state)
    technique_labels(state)
    for o in sorted(listed, key=lambda o: -o["documents"])[:WARM_OUTLETS]:
        profile(state, o["id"], [])


@dataclass(frozen=True)
class Comparison:
    """One metric for several groups over one window."""

    metric: Q.Metric
    groups: list[Q.Group]
    window: Q.Window
    series: list[Series]
    overall: list[Point]


def _window(by: str, since: str | None, until: str | None, reprints: bool) -> Q.Window:
    if by not in Q.GRANULARITIES:
        raise Q.QueryError(f"by={by!r}: one of {', '.join(Q.GRANULARITIES)}")
    return Q.Window(by, Q.parse_date(since, "since"), Q.parse_date(until, "until"), reprints)


def comparison(
    state: AppState,
    metric_name: str,
    group_specs: list[str],
    by: str = "month",
    since: str | None = None,
    until: str | None = None,
    reprints: bool = False,
) -> Comparison:
    """Series of ``metric`` for 1–5 groups (outlets, collections or the corpus)."""
    specs = list(dict.fromkeys(g for g in group_specs if g))
    if not 1 <= len(specs) <= Q.MAX_GROUPS:
        raise Q.QueryError(f"give 1 to {Q.MAX_GROUPS} groups, not {len(specs)}")
    metric = Q.metric_for(metric_name)
    window = _window(by, since, until, reprints)
    engine = state.store.engine

    def one(spec: str) -> tuple[Q.Group, Series, Point]:
        # Cached per group, not per comparison: the corpus line and each outlet's line are
        # computed once and reused by every profile and comparison that shows them.
        def compute() -> tuple[Q.Group, Series, Point]:
            group = Q.parse_group(engine, spec)
            line = Q.series(engine, metric, group, window)
            return group, line, _total(line, metric.scale)

        return state.cache.get(("series", metric.name, spec, window), compute)

    parts = [one(g) for g in specs]
    return Comparison(
        metric,
        [g for g, _, _ in parts],
        window,
        Q.fill([line for _, line, _ in parts], window.by),
        [total for _, _, total in parts],
    )


def _total(line: Series, scale: float) -> Point:
    """The whole window as one point: counts and totals summed over the periods."""
    count = sum(p.count for p in line.points)
    total = sum(p.total for p in line.points)
    return Point("all", count, total, count / total * scale if total else None)


def comparison_json(comp: Comparison) -> dict[str, Any]:
    return {
        "metric": comp.metric.name,
        "title": comp.metric.title,
        "unit": comp.metric.unit,
        "by": comp.window.by,
        "reprints": comp.window.reprints,
        "series": [
            {
                "group": g.key,
                "name": g.name,
                "overall": asdict(o),
                "points": [asdict(p) for p in s.points],
            }
            for g, s, o in zip(comp.groups, comp.series, comp.overall, strict=True)
        ],
    }


def csv_response(comp: Comparison, wide: bool) -> PlainTextResponse:
    body = wide_csv(comp.series) if wide else series_csv(comp.series)
    name = f"presslens-{comp.metric.name.replace(':', '-')}-{comp.window.by}.csv"
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)
    return PlainTextResponse(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{safe}"'},
    )


def profile(
    state: AppState,
    outlet_id: int,
    peers: list[str],
    by: str = "month",
    since: str | None = None,
    until: str | None = None,
    reprints: bool = False,
) -> dict[str, Any]:
    """An outlet's figures over time beside the corpus and its peers, plus its technique
    breakdown and top entity clusters (each beside the corpus's)."""
    engine = state.store.engine
    me = f"outlet:{outlet_id}"
    try:
        outlet = Q.parse_group(engine, me)
    except Q.QueryError:
        raise HTTPException(404, f"no outlet with id {outlet_id}") from None
    groups = [me, "corpus", *[p for p in peers if p and p != me]][: Q.MAX_GROUPS]
    window = _window(by, since, until, reprints)
    corpus = Q.Group("corpus", None, "All outlets")

    def per_group(fn: Any, group: Q.Group) -> list[dict[str, Any]]:
        key = (fn.__name__, group.key, window)  # the corpus's rows serve every profile
        return state.cache.get(key, lambda: [asdict(p) for p in fn(engine, group, window)])

    def compute() -> dict[str, Any]:
        return {
            "outlet": {"id": outlet_id, "name": outlet.name},
            "groups": groups,
            "metrics": {
                m: comparison_json(comparison(state, m, groups, by, since, until, reprints))
                for m in PROFILE_METRICS
            },
            "techniques": {
                "outlet": per_group(Q.technique_breakdown, outlet),
                "corpus": per_group(Q.technique_breakdown, corpus),
            },
            "entities": {
                "outlet": per_group(Q.top_entities, outlet),
                "corpus": per_group(Q.top_entities, corpus),
            },
            "entities_over_time": entity_lines(),
        }

    def entity_lines() -> dict[str, Any]:
        """The outlet's top clusters over time: share of its documents naming each."""
        top = [p["period"] for p in per_group(Q.top_entities, outlet)[:TOP_ENTITY_LINES]]
        lines = [
            state.cache.get(
                ("entity-line", name, me, window),
                lambda name=name: Q.series(engine, Q.metric_for(f"entity:{name}"), outlet, window),
            )
            for name in top
        ]
        lines = [Series(name, line.points) for name, line in zip(top, lines, strict=True)]
        return {
            "unit": "share of the outlet's documents",
            "series": [
                {"name": line.name, "points": [asdict(p) for p in line.points]}
                for line in Q.fill(lines, window.by)
            ],
        }

    return state.cache.get(("profile", outlet_id, tuple(groups), window), compute)


# ----------------------------------------------------------------------------- corrections


def corrections_json(state: AppState, doc_id: str) -> list[dict[str, Any]]:
    rows = corrections_for(state.store.engine, doc_id)
    for r in rows:
        r["created_at"] = r["created_at"].isoformat() if r.get("created_at") else None
    return rows


def correct(state: AppState, doc_id: str, who: str, **fields: Any) -> int:
    doc = document_or_404(state, doc_id)
    row = build_correction(doc, author=who, **fields)
    cid = record_correction(state.store.engine, row)
    state.cache.clear()
    return cid


def agreement_for(state: AppState, doc_id: str, a: str, b: str) -> dict[str, Any]:
    doc = document_or_404(state, doc_id)
    rows = corrections_for(state.store.engine, doc_id)
    spans = model_spans(doc)
    result = agreement(doc.text, apply(spans, rows, a), apply(spans, rows, b))
    return {"document": doc_id, "a": a, "b": b, **result}
