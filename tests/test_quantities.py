"""Quantities: hand cases for values, ranges, bounds, units, exclusions and source links.

All sentences are written for these tests. The layer runs on a Document built from the text
(paragraphs split at blank lines), through the same functions the component calls.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from presslens.document import Document, Metadata, Source
from presslens.layers.quantities.component import covering_attribution, find_quantities
from presslens.layers.timexes.component import document_anchor, find_timexes
from presslens.pipeline import default_pipeline


def run(doc: Document) -> list[dict[str, Any]]:
    """find_quantities as the pipeline calls it: with the timexes layer and the shared parse."""
    if "timexes" not in doc.layers:
        timexes = find_timexes(doc.text, document_anchor(doc), doc.layers.get("sentences"))
        doc = doc.with_layer("timexes", timexes, {})
    return find_quantities(doc, default_pipeline().models.parser(doc.text))


def make_doc(text: str, **layers: list[dict[str, Any]]) -> Document:
    paragraphs = [{"start": m.start(), "end": m.end()} for m in re.finditer(r"[^\n]+", text)]
    return Document(
        id="t",
        source=Source(uri="test"),
        metadata=Metadata(published="2025-02-11", language="en"),
        text=text,
        layers={"paragraphs": paragraphs, **layers},
    )


def quantities(text: str) -> list[tuple[Any, ...]]:
    return [
        (text[q["start"] : q["end"]], q["value"], q["low"], q["high"], q["unit"], q["approx"])
        for q in run(make_doc(text))
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Air defences intercepted 212 drones overnight.",
            [("212 drones", 212, None, None, "drone", False)],
        ),
        ("The fund lost $40 billion last year.", [("$40 billion", 4e10, None, None, "USD", False)]),
        (
            "Repairs will cost 40 billion dollars.",
            [("40 billion dollars", 4e10, None, None, "USD", False)],
        ),
        ("The bill came to £3.2m in the end.", [("£3.2m", 3.2e6, None, None, "GBP", False)]),
        ("Tickets cost EUR 4.50 each.", [("EUR 4.50", 4.5, None, None, "EUR", False)]),
        ("Turnout fell to 41.5 percent.", [("41.5 percent", 41.5, None, None, "percent", False)]),
        ("Unemployment hit 7%.", [("7%", 7, None, None, "percent", False)]),
        ("Twelve buses were stuck.", [("Twelve buses", 12, None, None, "bus", False)]),
        (
            "Some 40 families were evacuated.",
            [("Some 40 families", 40, None, None, "family", True)],
        ),
        (
            "Nearly 600 houses were flooded.",
            [("Nearly 600 houses", 600, None, None, "house", True)],
        ),
        (
            "Rebels hold over 600 positions.",
            [("over 600 positions", 600, 600, None, "position", True)],
        ),
        ("Fewer than 50 people came.", [("Fewer than 50 people", 50, None, 50, "person", True)]),
        (
            "Between 3 and 4 thousand jobs were created.",
            [("Between 3 and 4 thousand jobs", None, 3000, 4000, "job", False)],
        ),
        ("Rockets flew from 5 to 180 km.", [("from 5 to 180 km", None, 5, 180, "km", False)]),
        (
            "Output should grow by 1.5 to 2 percent.",
            [("1.5 to 2 percent", None, 1.5, 2, "percent", False)],
        ),
        (
            "Tens of thousands of citizens marched.",
            [("Tens of thousands of citizens", None, 10000, 100000, "citizen", True)],
        ),
        ("The crane stood 60 metres tall.", [("60 metres", 60, None, None, "metre", False)]),
        ("A 300-person march followed.", [("300-person", 300, None, None, "person", False)]),
        (
            "The agency covers two thirds of the cost.",
            [("two thirds", 0.6667, None, None, "fraction", False)],
        ),
        ("He owns two dozen trucks.", [("two dozen trucks", 24, None, None, "truck", False)]),
        (
            "The court heard that 17 shell companies were used.",
            [("17 shell companies", 17, None, None, "company", False)],
        ),
        (
            "The raid killed 800 care-home residents.",
            [("800 care-home residents", 800, None, None, "resident", False)],
        ),
    ],
)
def test_values_units_and_bounds(sentence: str, expected: list[tuple[Any, ...]]) -> None:
    assert quantities(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "She came first in the 3rd round.",  # ordinals
        "Communiqué No. 41 was read out.",  # identifiers
        "Call 1-800-555-0199 or tel. +45 2210 4478.",  # phone numbers
        "The strike began in 2019.",  # years are timexes
        "He served nine years in prison.",  # durations are timexes
        "Paul Renner, 52, was sentenced.",  # an age in apposition
        "The two sides met again.",  # a reference, not a count
        "One of them left.",  # "one" as a pronoun
        "The council voted 21 to 9.",  # a tally
        "The boom fell across berths 4 and 5.",  # labels of things already named
        "A seven-time champion won again.",  # a frequency, not a count of champions
    ],
)
def test_not_quantities(sentence: str) -> None:
    assert quantities(sentence) == []


def test_a_change_is_two_figures_not_a_range() -> None:
    found = quantities("Fares will rise from EUR 4.50 to EUR 5 in March.")
    assert [(q[0], q[1], q[2], q[3]) for q in found] == [
        ("EUR 4.50", 4.5, None, None),
        ("EUR 5", 5, None, None),
    ]


def test_covering_attribution_picks_the_narrowest() -> None:
    attributions = [{"start": 0, "end": 100}, {"start": 10, "end": 40}, {"start": 50, "end": 60}]
    assert covering_attribution(attributions, 12, 20) == 1
    assert covering_attribution(attributions, 45, 48) == 0
    assert covering_attribution(attributions, 95, 120) is None


def test_quantities_link_to_the_attribution_covering_them() -> None:
    text = "Officials said 40 people died. Another 12 people are missing."
    content = text.index("40 people died")
    doc = make_doc(text, attributions=[{"start": content, "end": content + 14}])
    found = {text[q["start"] : q["end"]]: q["attribution"] for q in run(doc)}
    assert found == {"40 people": "attributions-0", "12 people": None}  # a link by id


def test_non_english_pages_get_no_quantities() -> None:
    doc = Document(
        id="t",
        source=Source(uri="t"),
        metadata=Metadata(language="ru"),
        text="12 января 900 тысяч рублей.",
        layers={"paragraphs": []},
    )
    assert run(doc) == []


def test_spans_are_standoff() -> None:
    text = "About 450 soldiers and twelve helicopters joined, costing roughly $12 million."
    for q in run(make_doc(text)):
        span = text[q["start"] : q["end"]]
        assert span == span.strip() and span


def test_quantities_panel_marks_unsourced_and_escapes() -> None:
    from presslens.render.panels import quantities as panel

    text = "Officials said <i>40</i> people died. Another 12 people are missing."
    content = text.index("40")
    doc = make_doc(
        text,
        attributions=[
            {
                "start": content - 3,
                "end": content + 15,
                "source": {"text": "Officials <x>"},
                "cue": "said",
            }
        ],
    )
    doc = doc.with_layer("quantities", run(doc), {})
    html = panel.panel(doc)
    assert html.count('class="unsourced"') == 1
    assert "Officials &lt;x&gt;" in html and "<x>" not in html
    assert panel.shown_value({"value": 600, "low": 600, "high": None, "approx": True}) == "≥ 600"
    assert panel.shown_value({"value": None, "low": 3000, "high": 4000}) == "3,000 – 4,000"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "At least 20 people were killed and 50 injured.",
            [("At least 20 people", 20, "person"), ("50", 50, "person")],
        ),
        (
            "The company sold 3.2 million cars, up from 2.9 million.",
            [("3.2 million cars", 3.2e6, "car"), ("2.9 million", 2.9e6, "car")],
        ),
        (
            "Fares will rise from 3 to 4 percent.",
            [("3", 3, "percent"), ("4 percent", 4, "percent")],
        ),
        ("One in five adults smoke.", [("One in five adults", 0.2, "fraction")]),
        ("Volunteers aged between 18 and 25 signed up.", [("between 18 and 25", None, "year")]),
        ("Temperatures fell to minus 5 degrees.", [("5 degrees", -5, "degree")]),
        ("Rs 500 crore was allocated.", [("Rs 500 crore", 5e9, "INR")]),
    ],
)
def test_ellipsis_shares_ratios_ages(sentence: str, expected: list[tuple[Any, ...]]) -> None:
    assert [(q[0], q[1], q[4]) for q in quantities(sentence)] == expected


def test_measurement_units_are_normalised_with_pint() -> None:
    text = "Drones flew from 5 to 180 km, about 112 miles, at minus 4 °F; 12 buses cost $3,000."
    found = {text[q["start"] : q["end"]]: q.get("normalized") for q in run(make_doc(text))}
    assert found["from 5 to 180 km"] == {
        "value": None,
        "low": 5000.0,
        "high": 180000.0,
        "unit": "m",
    }
    assert found["about 112 miles"]["unit"] == "m"
    assert abs(found["about 112 miles"]["value"] - 180246.528) < 1e-3
    assert found["4 °F"] == {"value": -20.0, "low": None, "high": None, "unit": "°C"}
    assert found["12 buses"] is None and found["$3,000"] is None  # counts and money: no scale


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He was ordained in ’78 and retired in 2001.", []),  # an abbreviated year
        ("Read (Galatians 1.8-9) again.", []),  # chapter and verse
        ("Arrests by city: Laredo (15) and Waco (7).", ["15", "7"]),  # counts in brackets
        ("No one called 911 for an hour.", []),  # an emergency number
        ("Share | Comments (14)", []),  # page furniture
    ],
)
def test_references_and_furniture(sentence: str, expected: list[str]) -> None:
    assert [q[0] for q in quantities(sentence)] == expected


def test_magnitudes_and_bare_vague_counts() -> None:
    found = quantities("A magnitude 6.8 earthquake left hundreds homeless.")
    assert found == [
        ("magnitude 6.8", 6.8, None, None, "magnitude", False),
        ("hundreds", None, 100, 1000, None, True),
    ]


def test_char_before_reads_the_same_character_as_doc_text(examples_dir) -> None:
    """The token-based lookup that replaced ``doc.text[start - 1 : start]`` (a full-string
    rebuild per bare number) answers the same at every position, whatever token it starts from
    — across whitespace runs, newlines, brackets and the text's ends."""
    from presslens.layers.quantities.filters import char_before

    texts = [
        "Laredo (15) and berths 4 and 5.\n\n  Gate 12 --  opened\t(3)  ",
        "(7) people",
        (examples_dir / "dump-harbour-dredging.txt").read_text(encoding="utf-8")[:3000],
    ]
    parser = default_pipeline().models.parser
    for text in texts:
        doc = parser(text)
        full = doc.text
        for start in range(len(full) + 1):
            for tok in {doc[0], doc[len(doc) // 2], doc[-1]}:
                assert char_before(doc, tok, start) == full[start - 1 : start], (text, start)
