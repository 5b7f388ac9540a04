"""add_document / get_document: one transaction each, idempotent, per-layer updates."""

from __future__ import annotations

from sqlalchemy import func, select

from presslens.store import Store
from presslens.store.schema import annotations, documents, provenance

from .factory import make_doc, span

TEXT = (
    "Officials in Norhaven said on Monday that the harbour will close for three weeks. "
    "Critics called the plan a disaster for the fishing fleet."
)


def _layers(text: str, technique: str = "Loaded_Language") -> dict:
    return {
        "entities": [
            span(text, "Norhaven", id="entities-0", label="GPE", cluster="e1", canonical="Norhaven")
        ],
        "techniques": [
            span(text, "a disaster", id="techniques-0", technique=technique, score=0.81)
        ],
        "claims": [
            span(
                text,
                "the harbour will close for three weeks",
                id="claims-0",
                label="factual",
                checkworthiness=0.66,
                types=["quantity"],
            )
        ],
    }


def _count(store: Store, table, **where) -> int:
    query = select(func.count()).select_from(table)
    for key, value in where.items():
        query = query.where(table.c[key] == value)
    with store.engine.connect() as conn:
        return conn.execute(query).scalar_one()


def test_store_then_get_returns_the_same_document(store: Store) -> None:
    doc = make_doc(TEXT, layers=_layers(TEXT))
    result = store.add_document(doc)
    assert result.status == "stored" and result.id == doc.id
    assert store.has_document(doc.id)
    back = store.get_document(doc.id)
    assert back is not None and back.to_dict() == doc.to_dict()
    assert store.get_document("0" * 64) is None and not store.has_document("0" * 64)


def test_annotation_rows_carry_label_score_and_attributes(store: Store) -> None:
    doc = make_doc(TEXT, layers=_layers(TEXT))
    store.add_document(doc)
    with store.engine.connect() as conn:
        rows = {r.layer: r for r in conn.execute(select(annotations))}
    assert rows["techniques"].label == "Loaded_Language" and rows["techniques"].score == 0.81
    assert rows["claims"].label == "factual" and rows["claims"].score == 0.66
    assert rows["claims"].attributes == {"types": ["quantity"]}
    assert rows["entities"].attributes == {"cluster": "e1", "canonical": "Norhaven"}
    assert TEXT[rows["entities"].start : rows["entities"].end] == "Norhaven"


def test_same_bytes_never_make_two_documents(store: Store) -> None:
    doc = make_doc(TEXT, layers=_layers(TEXT))
    assert store.add_document(doc).status == "stored"
    assert store.add_document(doc).status == "skipped"
    assert _count(store, documents) == 1
    assert _count(store, annotations) == 3


def test_newer_layer_version_replaces_that_layer_only(store: Store) -> None:
    store.add_document(make_doc(TEXT, layers=_layers(TEXT)))
    newer = make_doc(
        TEXT,
        layers={"techniques": _layers(TEXT, "Exaggeration")["techniques"]},
        versions={"techniques": "2"},
    )
    result = store.add_document(newer)
    assert result.status == "updated" and result.layers == ("techniques",)
    with store.engine.connect() as conn:
        labels = (
            conn.execute(select(annotations.c.label).where(annotations.c.layer == "techniques"))
            .scalars()
            .all()
        )
        version = conn.execute(
            select(provenance.c.version).where(provenance.c.layer == "techniques")
        ).scalar_one()
    assert labels == ["Exaggeration"] and version == "2"
    assert _count(store, annotations, layer="entities") == 1  # untouched
    back = store.get_document(newer.id)
    assert back.layers["techniques"][0]["technique"] == "Exaggeration"
    assert back.layers["entities"] == _layers(TEXT)["entities"]
    assert back.provenance["techniques"]["version"] == "2"
    # the same newer version again: nothing to do; an older one never overwrites
    assert store.add_document(newer).status == "skipped"
    assert store.add_document(make_doc(TEXT, layers=_layers(TEXT))).status == "skipped"


def test_changed_text_for_same_bytes_replaces_everything(store: Store) -> None:
    first = make_doc(TEXT, layers=_layers(TEXT), raw=b"<html>same bytes</html>")
    store.add_document(first)
    text2 = TEXT.replace("Monday", "Tuesday morning")
    second = make_doc(
        text2, layers={"entities": _layers(text2)["entities"]}, raw=b"<html>same bytes</html>"
    )
    assert store.add_document(second).status == "updated"
    assert store.get_document(first.id).text == text2
    assert _count(store, annotations) == 1
    assert store.search("tuesday").total == 1 and store.search("monday").total == 0


def test_contract_v1_annotations_without_ids_get_layer_index_ids(store: Store) -> None:
    layers = {"entities": [span(TEXT, "Norhaven", label="GPE"), span(TEXT, "Monday", label="DATE")]}
    store.add_document(make_doc(TEXT, layers=layers))
    with store.engine.connect() as conn:
        ids = conn.execute(select(annotations.c.id).order_by(annotations.c.id)).scalars().all()
    assert ids == ["entities-0", "entities-1"]


def test_failures_are_recorded_in_order(store: Store) -> None:
    store.record_failure("https://x.example/404", "E006", "HTTP 404")
    store.record_failure("/tmp/big.html", "E002", "over the size limit")
    got = [(f.uri, f.code) for f in store.failures()]
    assert got == [("https://x.example/404", "E006"), ("/tmp/big.html", "E002")]


def test_published_is_parsed_to_utc_month(store: Store) -> None:
    doc = make_doc(TEXT, published="2024-03-31T23:30:00-02:00")
    store.add_document(doc)
    with store.engine.connect() as conn:
        month = conn.execute(select(documents.c.month)).scalar_one()
    assert month == "2024-04"
