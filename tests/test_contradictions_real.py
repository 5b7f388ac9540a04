"""The ContraDoc-style set of edited real articles: record format and how an edit is applied."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from contradictions_real import EDITS, SHARED, apply_edit, load_cases, paragraphs  # noqa: E402

TYPES = {"numeric", "negation", "temporal", "entity", "attribution", "stance"}


def test_records_are_offsets_and_our_sentences_only() -> None:
    data = json.loads(EDITS.read_text(encoding="utf-8"))
    assert len(data["edited"]) >= 60 and len(data["clean"]) >= 60
    assert {r["type"] for r in data["edited"]} == TYPES
    for r in data["edited"]:
        assert set(r) == {"dataset", "file", "insert_at", "sentence", "partner", "type"}
        assert isinstance(r["insert_at"], int) and r["partner"][0] < r["partner"][1]
    edited_files = {r["file"] for r in data["edited"]}
    assert not edited_files & {r["file"] for r in data["clean"]}


def test_apply_edit_inserts_a_paragraph_and_shifts_a_later_partner() -> None:
    original = "First line.\n\nSales rose 9 percent.\n\nLast line."
    before = apply_edit(
        original,
        {
            "file": "x",
            "type": "numeric",
            "insert_at": 11,
            "sentence": "Sales fell.",
            "partner": [13, 34],
        },
    )
    assert before.text[slice(*before.inserted)] == "Sales fell."
    assert before.text[slice(*before.partner)] == "Sales rose 9 percent."
    assert [before.text[p["start"] : p["end"]] for p in paragraphs(before.text)][1] == "Sales fell."
    after = apply_edit(
        original,
        {
            "file": "x",
            "type": "numeric",
            "insert_at": 34,
            "sentence": "Sales fell.",
            "partner": [13, 34],
        },
    )
    assert after.text[slice(*after.partner)] == "Sales rose 9 percent."


@pytest.mark.skipif(not (SHARED / "semeval2020-task11-ptc").is_dir(), reason="shared data absent")
def test_every_record_applies_to_its_article() -> None:
    cases = load_cases()
    edited = [c for c in cases if c.kind != "clean"]
    assert len(edited) >= 60
    for c in edited:
        assert c.text[slice(*c.partner)].strip()  # the partner line is still where it was
        assert c.text[c.inserted[0] - 2 : c.inserted[0]] == "\n\n"


def test_halves_split_the_records(tmp_path: Path) -> None:
    assert load_cases("tune", root=tmp_path) == [] == load_cases("test", root=tmp_path)


# The checks added for real articles, on sentences written for these tests.
NEW_CHECKS = [
    (
        "Official statistics show that 312 people were murdered in Ruvia in 2016.",
        "In 2016, the latest year with figures, 106 people were murdered in Ruvia.",
        "quantity",
    ),
    (
        "The council had warned the farmers against holding the vote on May 3.",
        "The council had encouraged the farmers to hold the vote on May 3.",
        "stance",
    ),
    (
        "Mara Lind was fatally shot on the Elwin pier in July 2013.",
        "Mara Lind was fatally shot while she walked along the Elwin pier in July 2015.",
        "date",
    ),
    (
        "Court papers say Ivo Brandt first met Lena Ostrova at the embassy in 2013.",
        "According to the papers, Ivo Brandt first met Lena Ostrova at the embassy in 2015.",
        "date",
    ),
]
NOT_CONTRADICTIONS = [
    (  # meetings recur: without "first" two dates are two meetings
        "Court papers say Ivo Brandt met Lena Ostrova at the embassy in 2013.",
        "According to the papers, Ivo Brandt met Lena Ostrova at the embassy in 2015.",
    ),
    (
        "Official statistics show that 106 people were murdered in Ruvia in 2016.",
        "In 2016, the latest year with figures, 106 people were murdered in Ruvia.",
    ),
    (
        "Mara Lind was fatally shot on the Elwin pier in July 2015.",
        "Mara Lind was fatally shot while she walked along the Elwin pier in July 2015.",
    ),
]


@pytest.mark.parametrize(("a", "b", "kind"), NEW_CHECKS)
def test_real_article_checks_find_the_pair(
    a: str, b: str, kind: str, contradictions_between
) -> None:
    found = contradictions_between(a, b)
    assert found and found[0].kind == kind


@pytest.mark.parametrize(("a", "b"), NOT_CONTRADICTIONS)
def test_same_count_and_same_date_are_not_flagged(a: str, b: str, contradictions_between) -> None:
    assert contradictions_between(a, b) == []
