"""Sentences layer: newswire abbreviations, quotes, datelines, lists, headings, hard wraps."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presslens.layers.sentences.component import make, split_sentences
from presslens.settings import DEFAULT_SETTINGS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from gold import build_document  # noqa: E402


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Brig. Gen. Tomas Varga met Lt. Col. Ana Ruiz. They spoke.",
            ["Brig. Gen. Tomas Varga met Lt. Col. Ana Ruiz.", "They spoke."],
        ),
        (
            "Troops left the U.S. The base closed.",
            ["Troops left the U.S.", "The base closed."],
        ),
        ("The U.S. Navy sailed.", ["The U.S. Navy sailed."]),
        (
            "Berth No. 3 closed on Jan. 3. Ships waited.",
            ["Berth No. 3 closed on Jan. 3.", "Ships waited."],
        ),
        ("It grew 3.5 percent. Then it fell.", ["It grew 3.5 percent.", "Then it fell."]),
        ("Dr. Lee visited St. Mary's on Friday.", ["Dr. Lee visited St. Mary's on Friday."]),
        ("He lives on Main St. The shop shut.", ["He lives on Main St.", "The shop shut."]),
        ("As J. R. R. Tolkien wrote, roads go on.", ["As J. R. R. Tolkien wrote, roads go on."]),
        ("The vote was at 6 p.m. local time.", ["The vote was at 6 p.m. local time."]),
        ("It ends at 6 p.m. The polls then close.", ["It ends at 6 p.m.", "The polls then close."]),
        (
            "Shares of Medline Ltd., the supplier, fell.",
            ["Shares of Medline Ltd., the supplier, fell."],
        ),
        (
            'He said: "We lost a brother. The road stays open." Then he left.',
            ['He said: "We lost a brother.', 'The road stays open."', "Then he left."],
        ),
        ('"Why?" she asked. Nobody answered.', ['"Why?" she asked.', "Nobody answered."]),
        (
            "OSLO, Jan. 3 (Wire) — Talks began. They ended.",
            ["OSLO, Jan. 3 (Wire) — Talks began.", "They ended."],
        ),
        ("It happened in 2019. Nobody forgot.", ["It happened in 2019.", "Nobody forgot."]),
    ],
)
def test_newswire_cases(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_list_items_and_label_lines_stand_alone() -> None:
    text = "Key changes:\n- Two extra sailings at 6:15 a.m.\n- Fares rise.\n1. First step\n2. Next"
    assert sentences(text) == [
        "Key changes:",
        "- Two extra sailings at 6:15 a.m.",
        "- Fares rise.",
        "1. First step",
        "2. Next",
    ]


def test_line_break_after_an_abbreviation_follows_the_sentence_rules() -> None:
    text = "The delegation included the U.S.\nSenator Ana Ruiz.\nShe spoke first."
    assert sentences(text) == [
        "The delegation included the U.S.\nSenator Ana Ruiz.",
        "She spoke first.",
    ]


def test_bare_list_numbers_on_their_own_lines() -> None:
    assert sentences("1.\n2.\n3.") == ["1.", "2.", "3."]


def test_hard_wrapped_prose_is_joined_but_short_lines_are_not() -> None:
    wrapped = (
        "The harbour authority today announced a revised timetable for the\n"
        "crossing, effective next month, and new fares for foot passengers.\n"
        "Contact: press office\nShare this: Email | Print"
    )
    assert sentences(wrapped) == [
        "The harbour authority today announced a revised timetable for the\n"
        "crossing, effective next month, and new fares for foot passengers.",
        "Contact: press office",
        "Share this: Email | Print",
    ]


def test_component_never_crosses_paragraphs_and_headings_stand_alone() -> None:
    text = "Storm hits coast\n\nWinds reached 120 km/h. Power failed\n\nCrews worked overnight."
    doc = build_document(text, None, "test")
    spans = make(DEFAULT_SETTINGS)(doc)
    assert [text[s["start"] : s["end"]] for s in spans] == [
        "Storm hits coast",
        "Winds reached 120 km/h.",
        "Power failed",
        "Crews worked overnight.",
    ]


WORDS = st.sampled_from(
    [
        "Gen.",
        "U.S.",
        "No.",
        "3.5",
        "Mr.",
        "said",
        "the",
        "Varga",
        "Jan.",
        "“Yes.”",
        "A.",
        "ok",
        "It",
        "fell.",
        "Why?",
        "- item",
        "\n",
        "\n\n",
        "  ",
        "e.g.",
        "(AP)",
        "—",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=40))
def test_spans_are_ordered_stripped_in_paragraph_and_cover_all_words(words: list[str]) -> None:
    text = " ".join(words)
    doc = build_document(text, None, "prop")
    spans = make(DEFAULT_SETTINGS)(doc)
    paragraphs = [(p["start"], p["end"]) for p in doc.layers["paragraphs"]]
    covered = [False] * len(text)
    last_end = 0
    for s in spans:
        a, b = s["start"], s["end"]
        assert last_end <= a < b
        assert not text[a].isspace() and not text[b - 1].isspace()
        assert any(pa <= a and b <= pb for pa, pb in paragraphs)
        covered[a:b] = [True] * (b - a)
        last_end = b
    assert all(covered[i] or ch.isspace() for i, ch in enumerate(text))
