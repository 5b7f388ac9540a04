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
            "entities": [{"start": 0, "end": 9, "label": "ORG", "cluster": "e1",
                          "canonical": "Officials"}],
            "techniques": [{"start": 0, "end": 25, "technique": "Loaded_Language",
                            "score": 0.9}],
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
