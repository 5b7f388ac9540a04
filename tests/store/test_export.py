"""Exports: JSONL round-trips, Parquet read by DuckDB (one row per document), CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

from presslens.document import Document
from presslens.errors import ExportError
from presslens.export import export_store
from presslens.export.parquet import (
    ANNOTATION_SCHEMA,
    DOCUMENT_SCHEMA,
    annotation_rows,
    document_row,
)
from presslens.store import DocumentFilter, Store

from .factory import make_doc, span

PAGES = [
    ("https://dailyharbour.example/1", "2024-01-10T08:00:00Z", "en", "Daily Harbour"),
    ("https://dailyharbour.example/2", "2024-02-12T08:00:00Z", "en", "Daily Harbour"),
    ("https://velmora.example/3", "2024-02-15T08:00:00Z", "fr", "Velmora Times / Soir"),
    ("/data/no-date.html", None, "en", None),
]


@pytest.fixture
def filled(store: Store) -> Store:
    for i, (uri, published, language, outlet) in enumerate(PAGES):
        text = f"Story number {i} about the harbour and its cranes, told plainly."
        layers = {
            "entities": [
                span(
                    text, "harbour", id="entities-0", label="FAC", cluster="e1", canonical="harbour"
                )
            ],
            "techniques": [span(text, "plainly", id="techniques-0", technique="Doubt", score=0.5)],
        }
        store.add_document(
            make_doc(text, uri=uri, published=published, language=language, layers=layers),
            outlet=outlet,
        )
    store.record_failure("https://x.example/404", "E006", "HTTP 404")
    return store


def test_jsonl_is_one_contract_per_line(filled: Store, tmp_path: Path) -> None:
    result = export_store(filled, "jsonl", tmp_path / "out.jsonl")
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert result.documents == len(lines) == 4
    docs = [Document.from_json(line) for line in lines]
    assert {d.id for d in docs} == {filled.get_document(d.id).id for d in docs}


def test_parquet_is_read_by_duckdb_with_hive_partitions(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    assert export_store(filled, "parquet", out).documents == 4
    con = duckdb.connect()
    docs = con.execute(
        f"SELECT id, outlet, month, language, title, text, contract FROM read_parquet("
        f"'{out}/documents/**/*.parquet', hive_partitioning=true) ORDER BY month NULLS LAST, outlet"
    ).fetchall()
    assert len(docs) == 4 and len({d[0] for d in docs}) == 4  # one row per document
    assert [(d[1], d[2]) for d in docs] == [
        ("Daily Harbour", "2024-01"),
        ("Daily Harbour", "2024-02"),
        ("Velmora Times / Soir", "2024-02"),  # a slash in a partition value survives
        (None, None),  # no outlet, no date: NULL partitions
    ]
    assert json.loads(docs[0][6])["id"] == docs[0][0]
    anns = con.execute(
        f"SELECT layer, label, score, attributes, outlet FROM read_parquet("
        f"'{out}/annotations/**/*.parquet', hive_partitioning=true) WHERE layer = 'techniques'"
    ).fetchall()
    assert len(anns) == 4 and {a[1] for a in anns} == {"Doubt"} and anns[0][2] == 0.5
    entity = con.execute(
        f"SELECT attributes FROM read_parquet('{out}/annotations/**/*.parquet', "
        "hive_partitioning=true) WHERE layer = 'entities' LIMIT 1"
    ).fetchone()
    assert json.loads(entity[0]) == {"canonical": "harbour", "cluster": "e1"}
    errors = con.execute(f"SELECT uri, code FROM read_parquet('{out}/errors/*.parquet')").fetchall()
    assert errors == [("https://x.example/404", "E006")]
    folders = sorted(p.name for p in (out / "documents").iterdir())
    assert "outlet=Daily%20Harbour" in folders


def test_parquet_export_filters_and_replaces_an_earlier_export(
    filled: Store, tmp_path: Path
) -> None:
    out = tmp_path / "pq"
    export_store(filled, "parquet", out)
    export_store(filled, "parquet", out, DocumentFilter(outlet="Daily Harbour", since="2024-02-01"))
    n = (
        duckdb.connect()
        .execute(
            f"SELECT count(*) FROM read_parquet('{out}/documents/**/*.parquet', hive_partitioning=true)"
        )
        .fetchone()
    )
    assert n == (1,)


def test_csv_has_a_row_per_document(filled: Store, tmp_path: Path) -> None:
    export_store(filled, "csv", tmp_path / "docs.csv", DocumentFilter(language="en"))
    with (tmp_path / "docs.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 3 and all(r["language"] == "en" for r in rows)
    assert rows[0]["text"].startswith("Story number")


def test_row_functions_match_the_schemas() -> None:
    text = "A harbour story."
    doc = make_doc(text, layers={"entities": [span(text, "harbour", label="FAC")]})
    row = document_row(doc, "Outlet")
    assert list(row) == DOCUMENT_SCHEMA.names
    assert row["month"] == "2024-03" and row["outlet"] == "Outlet"
    (ann,) = annotation_rows(doc, "Outlet")
    assert list(ann) == ANNOTATION_SCHEMA.names and ann["id"] == "entities-0"


def test_bad_export_target_is_one_line_error(filled: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"\[E060\]"):
        export_store(filled, "xlsx", tmp_path / "x")
    with pytest.raises(ExportError, match="does not exist"):
        export_store(filled, "jsonl", tmp_path / "missing" / "x.jsonl")
