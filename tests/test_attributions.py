"""Attributions: hand cases for content, source, cue, kind, hedging, vagueness and clusters.

All sentences are written for these tests. They run through ``find_attributions`` over the
shared spaCy parse, with a hand-made entities layer where clusters matter, and once through
the whole registered chain so the component works beside the real sentences/entities layers.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from presslens.document import Document, Metadata, Source
from presslens.layers.attributions.component import find_attributions
from presslens.pipeline import default_pipeline


def parsed(doc: Document) -> tuple[Document, Any]:
    """The document and its spaCy parse (the default pipeline's parser, loaded once)."""
    return doc, default_pipeline().models.parser(doc.text)


def make_doc(text: str, entities: list[dict[str, Any]] | None = None) -> Document:
    paragraphs = [{"start": m.start(), "end": m.end()} for m in re.finditer(r"[^\n]+", text)]
    layers: dict[str, Any] = {"paragraphs": paragraphs}
    if entities is not None:
        layers["entities"] = entities
    return Document(
        id="t",
        source=Source(uri="test"),
        metadata=Metadata(language="en"),
        text=text,
        layers=layers,
    )


def entity(text: str, needle: str, label: str, cluster: str) -> dict[str, Any]:
    start = text.index(needle)
    return {"start": start, "end": start + len(needle), "label": label, "cluster": cluster}


def summary(text: str, entities: list[dict[str, Any]] | None = None) -> list[tuple[Any, ...]]:
    return [
        (
            text[a["start"] : a["end"]],
            a["source"]["text"] if a["source"] else None,
            a["cue"],
            a["kind"],
            a["hedged"],
            a["vague_source"],
        )
        for a in find_attributions(*parsed(make_doc(text, entities)))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The mayor said the bridge would reopen in May.",
            [("the bridge would reopen in May", "mayor", "said", "indirect", False, False)],
        ),
        (
            "Water levels rose overnight, district officials said.",
            [
                (
                    "Water levels rose overnight",
                    "district officials",
                    "said",
                    "indirect",
                    False,
                    True,
                )
            ],
        ),
        (
            "According to published statistics, exports fell sharply.",
            [
                (
                    "exports fell sharply",
                    "published statistics",
                    "according to",
                    "indirect",
                    False,
                    True,
                )
            ],
        ),
        (
            "Exports fell sharply, according to the Trade Office.",
            [("Exports fell sharply", "Trade Office", "according to", "indirect", False, False)],
        ),
        (
            "Some analysts believe the currency could weaken further.",
            [
                (
                    "the currency could weaken further",
                    "Some analysts",
                    "believe",
                    "indirect",
                    True,
                    True,
                )
            ],
        ),
        (
            "Rebel sources have reportedly admitted that two tanks were lost.",
            [("two tanks were lost", "Rebel sources", "admitted", "indirect", True, True)],
        ),
        (
            "“We will not give up the harbour,” said Mira Olsen, the union leader.",
            [("We will not give up the harbour", "Mira Olsen", "said", "direct", False, False)],
        ),
        (
            "Judge Anna Berg said the defendant showed “no remorse at all”.",
            [
                (
                    "the defendant showed “no remorse at all”",
                    "Judge Anna Berg",
                    "said",
                    "mixed",
                    False,
                    False,
                )
            ],
        ),
        (
            "The inquiry found that the alarms had been switched off.",
            [("the alarms had been switched off", "inquiry", "found", "indirect", False, False)],
        ),
        (
            "Ruth Lee, a nurse who works nights, argued that the ward was understaffed.",
            [("the ward was understaffed", "Ruth Lee", "argued", "indirect", False, False)],
        ),
    ],
)
def test_cases(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert summary(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The minister promised to cut taxes.",  # an infinitive, not reported content
        "Experts who study transit disagree.",  # no content at all
        "Nobody at the depot could tell me who was in charge.",  # an indirect question
        "I was told the shop had closed.",  # the subject heard it; the speaker is unknown
        "People expecting a refund were turned away.",  # a participle, not a report
    ],
)
def test_not_attributions(text: str) -> None:
    assert summary(text) == []


def test_follow_on_quote_keeps_its_speaker() -> None:
    text = "“I waited an hour,” said Omar Haddad. “Nobody came.”"
    assert [(a[0], a[1], a[3]) for a in summary(text)] == [
        ("I waited an hour", "Omar Haddad", "direct"),
        ("Nobody came.", "Omar Haddad", "direct"),
    ]


def test_quote_over_two_sentences_is_one_attribution() -> None:
    text = "“The river rose fast. Some villages may stay cut off,” said Lena Moss."
    found = summary(text)
    assert found == [
        (
            "The river rose fast. Some villages may stay cut off",
            "Lena Moss",
            "said",
            "direct",
            True,
            False,
        )
    ]


def test_hedges_name_the_words() -> None:
    text = "Officials estimated that damage could reach 40 million euros."
    (att,) = find_attributions(*parsed(make_doc(text)))
    assert att["hedges"] == ["estimated", "could"]


def test_dateline_is_not_content() -> None:
    text = "NORTHFIELD — Nine buses were stuck in snow on Thursday, school officials said."
    assert summary(text)[0][0] == "Nine buses were stuck in snow on Thursday"


def test_sources_resolve_to_entity_clusters() -> None:
    text = (
        "Dr. Amira Sato led the study. She cautioned that the sample was small. "
        "The Halden Foundation said it would fund a second trial."
    )
    ents = [
        entity(text, "Dr. Amira Sato", "PERSON", "e1"),
        entity(text, "Halden Foundation", "ORG", "e2"),
    ]
    found = find_attributions(*parsed(make_doc(text, ents)))
    assert [(a["source"]["text"], a["source"].get("cluster")) for a in found] == [
        ("She", "e1"),
        ("Halden Foundation", "e2"),
    ]


def test_source_is_widened_to_a_name_the_parse_cut() -> None:
    text = "Brig. Gen. Tomas Varga said the forces had destroyed the depot."
    ents = [entity(text, "Brig. Gen. Tomas Varga", "PERSON", "e1")]
    (att,) = find_attributions(*parsed(make_doc(text, ents)))
    assert att["source"]["text"] == "Brig. Gen. Tomas Varga" and att["source"]["cluster"] == "e1"


def test_runs_in_the_registered_chain() -> None:
    from presslens import analyze

    text = "Port officials said the crane fell at dawn.\n\nNobody was hurt, the company said."
    doc = analyze(make_doc(text), layers=["attributions"])
    assert doc.provenance["attributions"]["component"] == "presslens.attributions.v1"
    assert [doc.span_text(a) for a in doc.layers["attributions"]] == [
        "the crane fell at dawn",
        "Nobody was hurt",
    ]


def test_attributions_panel_shows_canonical_and_vague_sources() -> None:
    from presslens.render.panels import attributions as panel

    text = "Dr. Amira Sato led it. She said the <script> tag was safe. Officials said it was not."
    ents = [dict(entity(text, "Dr. Amira Sato", "PERSON", "e1"), canonical="Amira Sato")]
    doc = make_doc(text, ents)
    doc = doc.with_layer("attributions", find_attributions(*parsed(doc)), {})
    html = panel.panel(doc)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "→ Amira Sato" in html  # the pronoun source shown with its entity's name
    assert 'class="vague"' in html and "1 to a source that names nobody" in html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“The plan is dead,” according to a senior official.",
            ("The plan is dead", "senior official", "according to", "direct"),
        ),
        (
            "The army claimed to have captured the town.",
            ("to have captured the town", "army", "claimed", "indirect"),
        ),
        (
            "The plan, he said, would cost too much.",
            ("The plan, he said, would cost too much", "he", "said", "indirect"),
        ),
        (
            "“The plan,” he said, “would cost too much.”",
            ("The plan,” he said, “would cost too much.", "he", "said", "direct"),
        ),
        (
            "Karen Holt, who chairs the committee, told reporters on Monday that the vote would be "
            "delayed.",
            ("the vote would be delayed", "Karen Holt", "told", "indirect"),
        ),
        ("He added: “We are not leaving.”", ("We are not leaving.", "He", "added", "direct")),
    ],
)
def test_wire_constructions(text: str, expected: tuple[str, str, str, str]) -> None:
    assert [a[:4] for a in summary(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Economists had expected a reading of 3.3 percent.",
            ("a reading of 3.3 percent", "Economists", "expected", "indirect", True, True),
        ),
        (
            "It was a gap the authors called “statistically meaningless”.",
            ("statistically meaningless", "authors", "called", "direct", False, False),
        ),
        (
            "Analysts at Hollbeck Bank estimate that costs could fall.",
            ("costs could fall", "Analysts at Hollbeck Bank", "estimate", "indirect", True, False),
        ),
        (
            "Campaigners claim the river is polluted.",
            ("the river is polluted", "Campaigners", "claim", "indirect", False, True),
        ),
        (
            "A cashier reported that the till was empty.",
            ("the till was empty", "cashier", "reported", "indirect", False, True),
        ),
        (
            "A council spokesperson said the road was closed.",
            ("the road was closed", "council spokesperson", "said", "indirect", False, False),
        ),
    ],
)
def test_noun_phrase_content_labels_and_vagueness(text: str, expected: tuple[Any, ...]) -> None:
    ents = [entity(text, "Hollbeck Bank", "ORG", "e1")] if "Hollbeck" in text else []
    assert summary(text, ents) == [expected]
