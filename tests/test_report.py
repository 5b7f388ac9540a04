"""The HTML report: self-contained, escaped, overlapping highlights, per-layer toggles."""

from __future__ import annotations

import re

from presslens.document import Document, Metadata, Source
from presslens.render.report import render_report

HOSTILE = (
    'Officials said <script>alert("x")</script> the plan <img src=x onerror="alert(1)"> '
    'was <a href="javascript:alert(2)">final</a>.'
)


def doc_with(text: str, title: str = "T") -> Document:
    return Document(
        id="0" * 64,
        source=Source(uri="file:///x.html", encoding="utf-8"),
        metadata=Metadata(title=title, authors=["<b>Eve</b>"], captions=["<svg onload=alert(3)>"]),
        text=text,
        layers={
            "paragraphs": [{"start": 0, "end": len(text)}],
            "entities": [
                {"start": 0, "end": 9, "label": "ORG", "cluster": "e1", "canonical": "Officials"}
            ],
            "techniques": [{"start": 0, "end": 25, "technique": "Loaded_Language", "score": 0.9}],
        },
        provenance={"entities": {"component": "presslens.entities.v1", "version": "1"}},
    )


def test_hostile_text_is_escaped() -> None:
    html = render_report(doc_with(HOSTILE, title='<script>alert("t")</script>'))
    assert "<script" not in html.lower()
    assert not re.search(r"<[^>]+\son\w+\s*=", html, re.IGNORECASE)
    assert 'href="javascript:' not in html.lower()
    assert "&lt;script&gt;" in html


def test_self_contained() -> None:
    html = render_report(doc_with("Plain words here, nothing else to see in this text."))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html and "<script" not in html


def test_overlapping_layers_both_marked() -> None:
    html = render_report(doc_with("Officials warned of a catastrophe yesterday evening."))
    segment = re.search(r'<span class="a ([^"]+)"[^>]*>Officials</span>', html)
    assert segment and "L-entities" in segment.group(1) and "L-techniques" in segment.group(1)
    assert 'id="show-entities"' in html and 'id="show-techniques"' in html
    assert "technique=Loaded_Language" in html


def test_spans_are_focusable_with_details() -> None:
    html = render_report(doc_with("Officials warned of a catastrophe yesterday evening."))
    assert 'tabindex="0"' in html and "data-tip=" in html


def test_technique_chart_counts_and_escapes() -> None:
    text = "They are <b>traitors</b> and traitors again, a total disaster for everyone."
    doc = Document(
        id="0" * 64,
        source=Source(uri="file:///t.html"),
        metadata=Metadata(title="T"),
        text=text,
        layers={
            "paragraphs": [{"start": 0, "end": len(text)}],
            "techniques": [
                {"start": 9, "end": 24, "technique": "Name_Calling,Labeling", "score": 0.8},
                {"start": 29, "end": 37, "technique": "Name_Calling,Labeling", "score": 0.6},
                {
                    "start": 47,
                    "end": 61,
                    "technique": "Exaggeration,Minimisation",
                    "score": 0.7,
                    "cues": ["total"],
                },
            ],
        },
        provenance={},
    )
    html = render_report(doc)
    chart = html[html.index("Persuasion techniques") :]
    assert "Name_Calling,Labeling</th>" in chart and 'aria-label="2 spans"' in chart
    assert 'aria-label="1 spans"' in chart and "width:50.0%" in chart
    assert "&lt;b&gt;traitors&lt;/b&gt;" in chart and "<b>traitors" not in html
