"""Corpus statistics (presslens.web.queries) against the same figures computed in Python from
the documents that were stored, on SQLite (PostgreSQL when the store's test server is up)."""

from __future__ import annotations

from collections import defaultdict

import pytest

pytest.importorskip("presslens.store")

import webkit  # noqa: E402
from presslens.store import open_store  # noqa: E402
from presslens.web import queries as Q  # noqa: E402
from presslens.web.charts import line_chart, series_csv, wide_csv  # noqa: E402


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The same documents in an SQLite file and in an empty database on the session's
    PostgreSQL server (tests/conftest.py): the statistics must come out the same on both."""
    if request.param == "sqlite":
        st = open_store(str(tmp_path_factory.mktemp("stats") / "s.db"))
    else:
        st = open_store(request.getfixturevalue("new_postgres_database")("web_stats"))
    webkit.populate(st)
    yield st
    st.close()


def expected(outlet: str | None, layer: str, pred, words: bool, reprints: bool = False):  # type: ignore[no-untyped-def]
    """Per month: (count of annotations matching pred, denominator) from the documents."""
    num: dict[str, float] = defaultdict(float)
    den: dict[str, float] = defaultdict(float)
    for name, doc in webkit.DOCS.values():
        if outlet and name != outlet:
            continue
        if not reprints and doc.metadata.title == "Reprint":
            continue
        month = doc.metadata.published[:7]
        anns = doc.layers[layer]
        num[month] += sum(1 for a in anns if pred(a))
        den[month] += len(doc.text.split()) if words else len(anns)
    return num, den


def group(store, name: str) -> Q.Group:  # type: ignore[no-untyped-def]
    oid = next(o["id"] for o in Q.list_outlets(store.engine) if o["name"] == name)
    return Q.parse_group(store.engine, f"outlet:{oid}")


@pytest.mark.parametrize("outlet", ["Daily Alpha", "Beta Times", None])
def test_technique_rate_per_1000_words(store, outlet: str | None) -> None:  # type: ignore[no-untyped-def]
    g = group(store, outlet) if outlet else Q.Group("corpus", None, "All")
    got = Q.series(store.engine, Q.metric_for("techniques"), g, Q.Window("month"))
    num, den = expected(outlet, "techniques", lambda a: True, words=True)
    assert [p.period for p in got.points] == sorted(den)
    for p in got.points:
        assert p.count == num[p.period] and p.total == den[p.period]
        assert p.ratio == pytest.approx(num[p.period] / den[p.period] * 1000)


def test_sourced_hedged_vague_shares(store) -> None:  # type: ignore[no-untyped-def]
    g = group(store, "Daily Alpha")
    cases = {
        "sourced_figures": ("quantities", lambda a: a["attribution"] is not None),
        "unsourced_figures": ("quantities", lambda a: a["attribution"] is None),
        "hedged_attributions": ("attributions", lambda a: a["hedged"]),
        "vague_sources": ("attributions", lambda a: a["vague_source"]),
    }
    for metric, (layer, pred) in cases.items():
        got = Q.overall(store.engine, Q.metric_for(metric), g, Q.Window())
        num, den = expected("Daily Alpha", layer, pred, words=False)
        assert (got.count, got.total) == (sum(num.values()), sum(den.values())), metric
        assert 0 < got.count < got.total, metric  # the fixture has both kinds


def test_reprints_left_out_by_default(store) -> None:  # type: ignore[no-untyped-def]
    g = group(store, "Beta Times")
    docs = Q.metric_for("documents")
    without = Q.overall(store.engine, docs, g, Q.Window())
    with_reprints = Q.overall(store.engine, docs, g, Q.Window(reprints=True))
    assert with_reprints.count == without.count + 1


def test_weeks_and_days_roll_up_to_the_same_total(store) -> None:  # type: ignore[no-untyped-def]
    corpus = Q.Group("corpus", None, "All")
    totals = {
        by: sum(
            p.count
            for p in Q.series(store.engine, Q.metric_for("techniques"), corpus, Q.Window(by)).points
        )
        for by in Q.GRANULARITIES
    }
    assert len(set(totals.values())) == 1
    assert Q.period_of("2024-01-01", "week") == "2024-W01"
    assert Q.period_of("2023-01-01", "week") == "2022-W52"


def test_date_window_filters(store) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    corpus = Q.Group("corpus", None, "All")
    got = Q.series(
        store.engine,
        Q.metric_for("documents"),
        corpus,
        Q.Window("month", since=date(2024, 2, 1), until=date(2024, 2, 29)),
    )
    assert [p.period for p in got.points] == ["2024-02"]


def test_entity_clusters_count_once_per_document(store) -> None:  # type: ignore[no-untyped-def]
    corpus = Q.Group("corpus", None, "All")
    top = {p.period: p for p in Q.top_entities(store.engine, corpus, Q.Window())}
    n_docs = sum(1 for _, d in webkit.DOCS.values() if d.metadata.title != "Reprint")
    # "Haj Qassem" and "Soleimani" share a cluster: one per document, not two.
    assert top["Soleimani"].count == n_docs
    assert top["Soleimani"].ratio == pytest.approx(1.0)


def test_technique_breakdown_and_unknown_inputs(store) -> None:  # type: ignore[no-untyped-def]
    corpus = Q.Group("corpus", None, "All")
    rows = Q.technique_breakdown(store.engine, corpus, Q.Window())
    assert [r.period for r in rows] == ["Loaded_Language"]
    with pytest.raises(Q.QueryError):
        Q.parse_group(store.engine, "outlet:9999")
    with pytest.raises(Q.QueryError):
        Q.parse_group(store.engine, "outlet:1; DROP TABLE documents")
    with pytest.raises(Q.QueryError):
        Q.metric_for("nonsense")


def test_charts_escape_and_csv_has_ratio_and_total(store) -> None:  # type: ignore[no-untyped-def]
    from presslens.web.charts import Point, Series

    hostile = Series('<script>alert(1)</script>="x', [Point("2024-01", 2, 4, 0.5)])
    svg = line_chart([hostile], title="<b>t</b>", y_label="y")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert series_csv([hostile]).splitlines()[1].endswith(",2024-01,2,4,0.5")
    assert wide_csv([Series("=cmd()", [Point("2024-01", 1, 2, 0.5)])]).startswith(
        "period,'=cmd() count,'=cmd() total,'=cmd() ratio"
    )


def test_quiet_periods_are_filled_not_joined() -> None:
    from presslens.web.charts import Point, Series

    assert Q.period_range("2023-11", "2024-02", "month") == [
        "2023-11",
        "2023-12",
        "2024-01",
        "2024-02",
    ]
    assert Q.period_range("2024-W52", "2025-W02", "week") == ["2024-W52", "2025-W01", "2025-W02"]
    (line,) = Q.fill(
        [Series("a", [Point("2024-01", 1, 2, 0.5), Point("2024-03", 1, 4, 0.25)])], "month"
    )
    assert [(p.period, p.ratio) for p in line.points] == [
        ("2024-01", 0.5),
        ("2024-02", None),
        ("2024-03", 0.25),
    ]
    svg = line_chart([line], title="t", y_label="y")
    assert "<polyline" not in svg  # two lone points around a gap: no line drawn across it


def test_views_total_matches_overall_query(store) -> None:  # type: ignore[no-untyped-def]
    from presslens.web.views import _total

    g = group(store, "Daily Alpha")
    for name in ("techniques", "sourced_figures", "hedged_attributions"):
        metric = Q.metric_for(name)
        line = Q.series(store.engine, metric, g, Q.Window())
        assert _total(line, metric.scale) == Q.overall(store.engine, metric, g, Q.Window())


def test_claim_links_list_other_appearances(store) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from presslens.store import schema

    a, b = list(webkit.DOCS)[:2]
    now = datetime(2024, 1, 1, tzinfo=UTC)
    with store.engine.begin() as conn:
        cid = conn.execute(
            insert(schema.claim_clusters).values(
                canonical_text="40 schools",
                first_document_id=a,
                n_appearances=2,
                n_outlets=1,
                created_at=now,
                updated_at=now,
            )
        ).inserted_primary_key[0]
        for doc in (a, b):
            conn.execute(
                insert(schema.claim_appearances).values(
                    cluster_id=cid,
                    document_id=doc,
                    annotation_id="claims-0",
                    status="merged",
                    presentation="attributed",
                    published=now,
                )
            )
    links = Q.claim_links(store.engine, a)
    assert [(x["claim"], x["id"]) for x in links] == [("claims-0", b)]
