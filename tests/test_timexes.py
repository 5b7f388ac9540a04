"""Timexes: hand cases for the grammar and its resolution against the publication date.

Every sentence here is written for these tests (fictional), and each case checks the exact
span and value, so a rule that drifts — a wider span, a lost granularity, a wrong year —
fails here before it shows on the gold.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from presslens.document import Dateline, Document, Metadata, Source
from presslens.layers.timexes.component import document_anchor, find_timexes

# Tuesday 2 July 2024, the reference date for every case below.
ANCHOR = dt.date(2024, 7, 2)


def timexes(sentence: str, anchor: dt.date | None = ANCHOR) -> list[tuple[str, str, str | None]]:
    return [
        (sentence[t["start"] : t["end"]], t["kind"], t["value"])
        for t in find_timexes(sentence, anchor)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # granularity is what the text says
        ("The mill closed in March 2019.", [("March 2019", "date", "2019-03")]),
        ("It was founded in 1921.", [("1921", "date", "1921")]),
        ("The strike began on June 12, 2019, at dawn.", [("June 12, 2019", "date", "2019-06-12")]),
        ("Rents doubled in the late 1990s.", [("the late 1990s", "date", "199X")]),
        (
            "Growth slowed in the first quarter of 2021.",
            [("the first quarter of 2021", "date", "2021-Q1")],
        ),
        ("They married in the summer of 2022.", [("the summer of 2022", "date", "2022-SU")]),
        # relative dates resolve against the anchor
        ("The vote took place last Tuesday.", [("last Tuesday", "date", "2024-06-25")]),
        ("Police said the car was found on Sunday.", [("Sunday", "date", "2024-06-30")]),
        ("The council will meet on Friday.", [("Friday", "date", "2024-07-05")]),
        ("We spoke to her last week.", [("last week", "date", "2024-W26")]),
        ("Prices rose this year.", [("this year", "date", "2024")]),
        ("The bridge opened three years ago.", [("three years ago", "date", "2021")]),
        ("The report came out yesterday.", [("yesterday", "date", "2024-07-01")]),
        ("Fighting resumed on Monday night.", [("Monday night", "date", "2024-07-01TNI")]),
        # a day and month without a year: the past points back, the future forward
        ("The ferry sank on August 3.", [("August 3", "date", "2023-08-03")]),
        ("The new law takes effect on January 1.", [("January 1", "date", "2025-01-01")]),
        ("The museum reopened on June 20.", [("June 20", "date", "2024-06-20")]),
        # durations, sets, clock times
        ("The siege lasted two decades.", [("two decades", "duration", "P20Y")]),
        ("He was jailed for 18 months.", [("18 months", "duration", "P18M")]),
        ("Talks ran for 48 hours.", [("48 hours", "duration", "PT48H")]),
        ("She was handed a 10-year sentence.", [("10-year", "duration", "P10Y")]),
        ("The market opens every Friday.", [("every Friday", "set", "XXXX-WXX-5")]),
        ("Inspectors visit annually.", [("annually", "set", "P1Y")]),
        ("Take the pills twice a day.", [("twice a day", "set", "P1D")]),
        ("The blast came at 5:42 PM.", [("5:42 PM", "time", "T17:42")]),
        ("Doors open at 9 a.m. sharp.", [("9 a.m.", "time", "T09:00")]),
        # other calendars
        ("The highway opened on 1 Farvardin 1403.", [("1 Farvardin 1403", "date", "2024-03-20")]),
        ("Prayers were held on 1 Ramadan 1445.", [("1 Ramadan 1445", "date", "2024-03-11")]),
    ],
)
def test_grammar_and_resolution(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert timexes(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Some villages may stay cut off.",  # "May" the modal
        "The company employs 2,400 people.",  # a count with a comma is not a year
        "About 2000 soldiers crossed the river.",  # a count before a plural noun
        "Call 1-800-555-0199 for help.",  # a phone number
        "The fund lost $2019 in fees.",  # money
        "See Luke 19:10 and Koran 9:29.",  # verse references are not clock times
        "A 52-year-old man was arrested.",  # an age
        "A second phase will follow.",  # ordinal "a second", not one second
        "Average monthly wages rose.",  # an adjective, not a recurrence
        "Prices fall when demand drops.",  # "fall" the verb
        "Pupils in Spring Hill were sent home.",  # a place name, not the season
    ],
)
def test_not_timexes(sentence: str) -> None:
    assert timexes(sentence) == []


def test_ranges_keep_both_ends() -> None:
    text = "Rates peaked in 1990-1991 and again between March 2019 and August 2021."
    found = find_timexes(text, ANCHOR)
    assert [(text[t["start"] : t["end"]], t["value"], t["low"], t["high"]) for t in found] == [
        ("1990-1991", None, "1990", "1991"),
        ("between March 2019 and August 2021", None, "2019-03", "2021-08"),
    ]


def test_qualifier_is_kept() -> None:
    found = find_timexes("Work stopped in early March.", ANCHOR)
    assert found[0]["value"] == "2024-03" and found[0]["qualifier"] == "early"


def test_without_anchor_relative_values_stay_null() -> None:
    assert timexes("The vote took place last Tuesday in March 2019.", None) == [
        ("last Tuesday", "date", None),
        ("March 2019", "date", "2019-03"),
    ]


def test_tense_is_read_per_sentence() -> None:
    # the "will" of the second sentence must not push the first Friday into the future
    text = "The fire started on Friday. Investigators will report soon."
    found = find_timexes(text, ANCHOR, [{"start": 0, "end": 27}, {"start": 28, "end": len(text)}])
    assert [t["value"] for t in found] == ["2024-06-28"]


def test_ambiguous_numeric_date_prefers_the_reading_nearest_publication() -> None:
    found = find_timexes("Posted Thu 09/11/2023 by the web team.", dt.date(2023, 11, 9))
    assert [(t["value"]) for t in found] == ["2023-11-09"]


def test_anchor_falls_back_to_the_dateline() -> None:
    doc = Document(
        id="x",
        source=Source(uri="x"),
        text="On Monday the port reopened.",
        metadata=Metadata(published=None, dateline=Dateline(date="2025-02-11")),
    )
    assert document_anchor(doc) == dt.date(2025, 2, 11)
    assert find_timexes(doc.text, document_anchor(doc))[0]["value"] == "2025-02-10"


def test_offsets_are_standoff() -> None:
    text = "PORT ELLIS, March 4 (Wire) – Roads closed on Tuesday for two weeks."
    for t in find_timexes(text, dt.date(2025, 3, 4)):
        assert text[t["start"] : t["end"]].strip() == text[t["start"] : t["end"]]
    assert timexes(text, dt.date(2025, 3, 4)) == [
        ("March 4", "date", "2025-03-04"),
        ("Tuesday", "date", "2025-03-04"),
        ("two weeks", "duration", "P2W"),
    ]


def test_timeline_panel_sorts_dated_events_and_escapes() -> None:
    from presslens.render.panels import timeline

    text = "<b>Flood</b> on Tuesday. The dam was built in the late 1990s. Talks lasted two weeks."
    doc = Document(
        id="x",
        source=Source(uri="x"),
        metadata=Metadata(published="2024-07-02"),
        text=text,
        layers={
            "sentences": [
                {"start": 0, "end": 25},
                {"start": 26, "end": 62},
                {"start": 63, "end": len(text)},
            ]
        },
    )
    doc = doc.with_layer("timexes", find_timexes(text, ANCHOR, doc.layers["sentences"]), {})
    html = timeline.panel(doc)
    assert "<b>" not in html and "&lt;b&gt;Flood" in html
    assert html.index("199X") < html.index("2024-07-02")  # sorted by value, oldest first
    assert "P2W" in html and "Durations" in html  # non-dated timexes listed apart
    assert timeline.period("2021-Q1") == (dt.date(2021, 1, 1), dt.date(2021, 3, 31))
    assert timeline.period("2024-W26") == (dt.date(2024, 6, 24), dt.date(2024, 6, 30))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Sales grew in the first two months of 2024.",
            [("the first two months of 2024", None, {"low": "2024-01", "high": "2024-02"})],
        ),
        (
            "The plant will close by the end of the year.",
            [("the end of the year", "2024", {"qualifier": "end"})],
        ),
        ("She bakes six days a week.", [("six days a week", "P1W", {"qualifier": "6X"})]),
        ("Targets of the 14th Five-Year Plan were met.", []),
    ],
)
def test_periods_and_frequencies(sentence: str, expected: list[tuple[Any, ...]]) -> None:
    found = find_timexes(sentence, ANCHOR)
    assert [
        (
            sentence[t["start"] : t["end"]],
            t["value"],
            {k: v for k, v in t.items() if k in ("low", "high", "qualifier")},
        )
        for t in found
    ] == expected


def test_plural_weekends_are_sets() -> None:
    assert timexes("Clinics open on weekends.") == [("weekends", "set", "XXXX-WXX-WE")]
