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


# -- contract /2: ids and links by id ------------------------------------------------------
V1_TEXT = "Officials said 40 people died. The mill did hire 40 workers. It did not hire them."


def v1_document() -> dict:
    """A presslens.document/1 dict with the three kinds of position links /1 had."""
    t = V1_TEXT
    s1, s2, s3 = (0, 30), (31, 60), (61, len(t))
    return {
        "schema": "presslens.document/1",
        "id": "a" * 64,
        "source": {"uri": "file:///v1.txt"},
        "metadata": {},
        "text": t,
        "layers": {
            "paragraphs": [{"start": 0, "end": len(t)}],
            "sentences": [{"start": a, "end": b} for a, b in (s1, s2, s3)],
            "attributions": [{"start": 15, "end": 29, "source": None, "cue": "said"}],
            "quantities": [
                {"start": 15, "end": 24, "value": 40, "attribution": 0},
                {"start": 49, "end": 59, "value": 40, "attribution": None},
            ],
            "claims": [
                {"start": a, "end": b, "checkworthiness": 0.5, "quantities": q, "attributions": r}
                for (a, b), q, r in ((s1, [0], [0]), (s2, [1], []), (s3, [], []))
            ],
            "contradictions": [
                {
                    "a": {"start": 31, "end": 60},
                    "b": {"start": 61, "end": len(t)},
                    "kind": "negation",
                }
            ],
        },
        "provenance": {},
    }


PROV = {"component": "test", "version": "1"}


def test_every_annotation_gets_an_id_at_creation() -> None:
    doc = make_doc().with_layer(
        "sentences", [{"start": 0, "end": 11}, {"start": 13, "end": 25}], PROV
    )
    assert [s["id"] for s in doc.layers["sentences"]] == ["sentences-0", "sentences-1"]
    assert doc.layers["paragraphs"][0]["id"] == "paragraphs-0"
    assert doc.annotation("sentences-1") == {"id": "sentences-1", "start": 13, "end": 25}
    assert doc.annotation("sentences-7") is None and doc.annotation(None) is None
    validate(doc)


def test_version_1_is_read_with_ids_and_links_converted() -> None:
    doc = Document.from_dict(v1_document())
    assert doc.schema == SCHEMA_ID
    layers = doc.layers
    assert [q["attribution"] for q in layers["quantities"]] == ["attributions-0", None]
    assert [c["quantities"] for c in layers["claims"]] == [["quantities-0"], ["quantities-1"], []]
    assert layers["claims"][0]["attributions"] == ["attributions-0"]
    (pair,) = layers["contradictions"]
    assert (pair["id"], pair["a"], pair["b"]) == ("contradictions-0", "sentences-1", "sentences-2")
    validate(doc)
    assert Document.from_json(doc.to_json()) == doc


def test_validate_rejects_dangling_and_duplicate_ids() -> None:
    doc = Document.from_dict(v1_document())
    data = doc.to_dict()
    data["layers"]["quantities"][0]["attribution"] = "attributions-9"
    with pytest.raises(SchemaError, match="attributions-9"):
        validate(data)
    data = doc.to_dict()
    data["layers"]["claims"][0]["quantities"] = ["sentences-0"]  # an id, but of the wrong layer
    with pytest.raises(SchemaError, match="quantities"):
        validate(data)
    data = doc.to_dict()
    data["layers"]["sentences"][1]["id"] = "sentences-0"
    with pytest.raises(SchemaError, match="duplicate id"):
        validate(data)
    data = doc.to_dict()
    del data["layers"]["sentences"][0]["id"]
    with pytest.raises(SchemaError, match="id"):
        validate(data)


def test_malformed_layers_are_a_schema_error_not_a_crash() -> None:
    data = make_doc().to_dict()
    data["layers"]["sentences"] = [3, {"start": 0, "end": 2}]
    doc = Document.from_dict(data)  # reading does not crash
    with pytest.raises(SchemaError):
        validate(doc)
    data["layers"]["sentences"] = "not a list"
    with pytest.raises(SchemaError):
        validate(Document.from_dict(data))
