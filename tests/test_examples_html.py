"""Golden tests for the bundled example HTML pages (fictional, written for PressLens).

Each ``examples/<name>.html`` has ``tests/golden/html/<name>.json`` with what a reader of the
page would expect: title, dates, authors, dateline, body bounds, boilerplate that must be gone,
captions, and the encoding the bytes are in. The pages cover a wire story, a state-media
translation, an op-ed in windows-1252, a koi8-r page labelled only by <meta charset>, a local
story with comments and related links, a page with figures and the headline repeated, and a
JSON-LD page whose URL date differs from its declared date.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslens.document import Document, validate
from presslens.pipeline import extract

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden" / "html"
CASES = sorted(p.stem for p in GOLDEN.glob("*.json"))


@pytest.fixture(scope="module", params=CASES)
def case(request: pytest.FixtureRequest) -> tuple[dict, Document]:
    expected = json.loads((GOLDEN / f"{request.param}.json").read_text(encoding="utf-8"))
    return expected, extract(REPO / "examples" / f"{request.param}.html")


def test_every_example_page_has_a_golden_file() -> None:
    pages = sorted(p.stem for p in (REPO / "examples").glob("*.html"))
    assert pages == CASES
    assert len(pages) >= 6


def test_encoding(case: tuple[dict, Document]) -> None:
    expected, doc = case
    assert doc.source.encoding == expected["encoding"]
    assert "\ufffd" not in doc.text and "\ufffd" not in (doc.metadata.title or "")


def test_title_and_dates(case: tuple[dict, Document]) -> None:
    expected, doc = case
    assert doc.metadata.title == expected["title"]
    assert doc.metadata.published == expected["published"]
    if "published_evidence" in expected:
        assert expected["published_evidence"] in doc.metadata.evidence["published"]
    if "modified" in expected:
        assert doc.metadata.modified == expected["modified"]


def test_authors_and_publisher(case: tuple[dict, Document]) -> None:
    expected, doc = case
    assert doc.metadata.authors == expected["authors"]
    for key in ("publisher", "section", "article_id", "url", "language"):
        if key in expected:
            assert getattr(doc.metadata, key) == expected[key], key


def test_dateline(case: tuple[dict, Document]) -> None:
    expected, doc = case
    if "dateline" not in expected:
        return
    want = expected["dateline"]
    if want is None:
        assert doc.metadata.dateline is None
        return
    got = doc.metadata.dateline
    assert got is not None
    assert got.place == want["place"]
    assert got.agency == want["agency"]
    if "date" in want:
        assert got.date == want["date"]
    if "text" in want:
        assert doc.text[got.start : got.end] == want["text"]


def test_body_bounds(case: tuple[dict, Document]) -> None:
    expected, doc = case
    assert doc.text.startswith(expected["body_starts"])
    assert doc.text.endswith(expected["body_ends"])
    for snippet in expected.get("body_contains", []):
        assert snippet in doc.text


def test_boilerplate_absent(case: tuple[dict, Document]) -> None:
    expected, doc = case
    for snippet in expected["absent"]:
        assert snippet not in doc.text, snippet
    if expected["title"]:
        assert not doc.text.startswith(expected["title"])


def test_captions(case: tuple[dict, Document]) -> None:
    expected, doc = case
    assert doc.metadata.captions == expected["captions"]
    for caption in expected["captions"]:
        assert caption not in doc.text


def test_subheadings(case: tuple[dict, Document]) -> None:
    expected, doc = case
    if "subheadings" in expected:
        assert doc.metadata.subheadings == expected["subheadings"]
        kinds = [p["kind"] for p in doc.layers["paragraphs"]]
        assert kinds.count("subheading") == len(expected["subheadings"])


def test_document_validates(case: tuple[dict, Document]) -> None:
    _, doc = case
    validate(doc)
    assert Document.from_json(doc.to_json()) == doc
