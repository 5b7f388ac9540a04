"""The JSON contract: round-trip, schema validation, offsets in bounds."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from presslens.document import (
    SCHEMA_ID,
    Dateline,
    Document,
    Metadata,
    Source,
    json_schema,
    validate,
)
from presslens.errors import SchemaError


def make_doc(text: str = "Alpha beta.\n\nGamma delta.") -> Document:
    return Document(
        id=Document.id_for(text.encode()),
        source=Source(uri="file:///x.txt", encoding="utf-8", encoding_evidence="bytes are ASCII"),
        metadata=Metadata(
            title="T",
            published="2024-01-01T17:00:00+03:30",
            dateline=Dateline(place="TEHRAN", date="Jan. 1", agency="MNA", start=0, end=5),
            authors=["A. Writer"],
            evidence={"published": "JSON-LD datePublished"},
        ),
        text=text,
        layers={"paragraphs": [{"start": 0, "end": 11, "kind": "paragraph"}]},
        provenance={"paragraphs": {"component": "test", "version": "1", "model": None}},
    )


def test_round_trip_is_lossless() -> None:
    doc = make_doc()
    assert Document.from_json(doc.to_json()) == doc
    validate(doc)


def test_schema_file_is_the_contract() -> None:
    schema = json_schema()
    assert schema["$id"] == SCHEMA_ID
    assert set(schema["required"]) == {
        "schema",
        "id",
        "source",
        "metadata",
        "text",
        "layers",
        "provenance",
    }


def test_out_of_bounds_span_is_rejected() -> None:
    doc = make_doc().with_layer(
        "sentences", [{"start": 0, "end": 999}], {"component": "x", "version": "1"}
    )
    with pytest.raises(SchemaError, match="outside text"):
        validate(doc)


def test_wrong_schema_version_is_rejected() -> None:
    data = make_doc().to_dict()
    data["schema"] = "presslens.document/0"
    with pytest.raises(SchemaError):
        Document.from_dict(data)


def test_missing_required_field_fails_validation() -> None:
    data = make_doc().to_dict()
    del data["provenance"]
    with pytest.raises(SchemaError, match="provenance"):
        validate(data)


def test_with_layer_leaves_original_untouched() -> None:
    doc = make_doc()
    new = doc.with_layer("sentences", [{"start": 0, "end": 11}], {"component": "s", "version": "1"})
    assert "sentences" not in doc.layers and "sentences" in new.layers
    assert new.span_text(new.layers["sentences"][0]) == "Alpha beta."


@given(st.text(min_size=1, max_size=200))
def test_round_trip_any_text(text: str) -> None:
    doc = make_doc(text)
    doc = doc.with_layer(
        "paragraphs", [{"start": 0, "end": len(text)}], {"component": "t", "version": "1"}
    )
    again = Document.from_json(json.loads(json.dumps(doc.to_json())))
    assert again == doc


def test_nested_spans_are_checked() -> None:
    doc = make_doc().with_layer(
        "contradictions",
        [{"a": {"start": 0, "end": 5}, "b": {"start": 13, "end": 400}, "kind": "negation"}],
        {"component": "c", "version": "1"},
    )
    with pytest.raises(SchemaError, match="contradictions/0/b"):
        validate(doc)
