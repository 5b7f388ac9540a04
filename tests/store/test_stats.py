"""store.stats(): counts per outlet, month and layer; format_stats renders them."""

from __future__ import annotations

from presslens.store import DocumentFilter, Store
from presslens.store.stats import format_stats, technique_spans_per_outlet_month

from .factory import make_doc, span


def _fill(store: Store) -> None:
    plan = [
        ("Daily Harbour", "2024-01-05", 2),
        ("Daily Harbour", "2024-02-07", 1),
        ("Velmora Times", "2024-02-09", 0),
    ]
    for i, (outlet, published, n_techniques) in enumerate(plan):
        text = f"Article {i}: the council debated the harbour fees again and again."
        techniques = [
            span(text, word, id=f"techniques-{k}", technique="Repetition", score=0.7)
            for k, word in enumerate(["again and again", "debated"][:n_techniques])
        ]
        layers = {
            "techniques": techniques,
            "entities": [span(text, "council", id="entities-0", label="ORG")],
        }
        store.add_document(
            make_doc(text, uri=f"https://x.example/{i}", published=published, layers=layers),
            outlet=outlet,
        )


def test_counts_per_outlet_month_and_layer(store: Store) -> None:
    _fill(store)
    stats = store.stats()
    assert stats["documents"] == 3 and stats["copies"] == 0
    assert [(o["outlet"], o["documents"]) for o in stats["outlets"]] == [
        ("Daily Harbour", 2),
        ("Velmora Times", 1),
    ]
    assert [(m["month"], m["documents"]) for m in stats["months"]] == [
        ("2024-01", 1),
        ("2024-02", 2),
    ]
    layers = {entry["layer"]: entry for entry in stats["layers"]}
    assert layers["techniques"]["annotations"] == 3 and layers["techniques"]["documents"] == 2
    assert layers["entities"]["annotations"] == 3
    assert store.stats(DocumentFilter(outlet="Velmora Times"))["documents"] == 1


def test_technique_spans_per_outlet_per_month(store: Store) -> None:
    _fill(store)
    with store.engine.connect() as conn:
        rows = technique_spans_per_outlet_month(conn, DocumentFilter())
    assert rows == [
        {"outlet": "Daily Harbour", "month": "2024-01", "technique": "Repetition", "spans": 2},
        {"outlet": "Daily Harbour", "month": "2024-02", "technique": "Repetition", "spans": 1},
    ]


def test_format_stats_is_a_readable_table(store: Store) -> None:
    _fill(store)
    text = format_stats(store.stats())
    assert text.splitlines()[0] == "documents: 3 (0 linked copies), failures: 0"
    assert any(line.split() == ["Daily", "Harbour", "2", "0"] for line in text.splitlines())
    assert "techniques" in text


def test_empty_store_stats(store: Store) -> None:
    text = format_stats(store.stats())
    assert "documents: 0" in text and "(none)" in text
