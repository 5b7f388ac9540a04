"""Golden tests: every bundled text dump (examples/dump-*.txt) through the whole extraction path.

Expectations live in tests/golden/dumps/<name>.json, written by hand from the example (not
from the program's output): title, published time, section, dateline and its exact text in the
body, article id, authors, lead, captions, subheadings, body bounds, and the strings and whole
paragraphs that must not reach the body (title, residue, menus, tags, related headlines).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from presslens import Document
from presslens.document import validate

# Not `from presslens import extract`: importing the presslens.extract subpackage rebinds that
# attribute to the module (reported to the lead).
from presslens.pipeline import extract

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden" / "dumps"
DUMPS = sorted(EXAMPLES.glob("dump-*.txt"))


def _golden(path: Path) -> dict[str, Any]:
    return json.loads((GOLDEN / f"{path.stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=DUMPS, ids=[p.stem for p in DUMPS])
def case(request: pytest.FixtureRequest) -> tuple[Document, dict[str, Any]]:
    # extract() is the whole path a source takes to a Document (ingest, decoding, the text path,
    # assembly, language); annotation layers are other components' business.
    doc = extract(request.param)
    return doc, _golden(request.param)


def test_every_dump_has_a_golden_file() -> None:
    assert len(DUMPS) >= 4
    assert {p.stem for p in DUMPS} == {p.stem for p in GOLDEN.glob("*.json")}


def test_metadata(case: tuple[Document, dict[str, Any]]) -> None:
    doc, gold = case
    meta = doc.metadata
    assert meta.title == gold["title"]
    assert meta.published == gold["published"]
    assert meta.section == gold["section"]
    assert meta.article_id == gold["article_id"]
    assert meta.authors == gold["authors"]
    assert meta.description == gold["description"]
    assert meta.captions == gold["captions"]
    assert meta.language == "en"


def test_dateline(case: tuple[Document, dict[str, Any]]) -> None:
    doc, gold = case
    expected = gold["dateline"]
    dateline = doc.metadata.dateline
    if expected is None:
        assert dateline is None
        return
    assert dateline is not None
    assert (dateline.place, dateline.date, dateline.agency) == (
        expected["place"],
        expected["date"],
        expected["agency"],
    )
    assert dateline.start == 0
    assert doc.text[dateline.start : dateline.end] == expected["text"]


def test_subheadings_are_blocks_and_metadata(case: tuple[Document, dict[str, Any]]) -> None:
    doc, gold = case
    assert doc.metadata.subheadings == gold["subheadings"]
    marked = [doc.span_text(p) for p in doc.layers["paragraphs"] if p["kind"] == "subheading"]
    assert marked == gold["subheadings"]


def test_body_bounds(case: tuple[Document, dict[str, Any]]) -> None:
    doc, gold = case
    assert doc.text.startswith(gold["body_start"])
    assert doc.text.endswith(gold["body_end"])
    assert len(doc.layers["paragraphs"]) == gold["paragraph_count"]
    for phrase in gold.get("contains", []):
        assert phrase in doc.text, phrase


def test_title_and_residue_absent_from_body(case: tuple[Document, dict[str, Any]]) -> None:
    doc, gold = case
    assert doc.metadata.title not in doc.text
    for residue in gold["absent"]:
        assert residue not in doc.text, residue
    paragraphs = {doc.span_text(p) for p in doc.layers["paragraphs"]}
    for line in gold["absent_paragraphs"]:
        assert line not in paragraphs, line


def test_output_matches_the_contract(case: tuple[Document, dict[str, Any]]) -> None:
    doc, _ = case
    validate(doc)
    assert Document.from_json(doc.to_json()) == doc
