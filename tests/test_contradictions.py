"""Contradictions: the fictional pairs set, the frames underneath, the component and the panel.

tests/data/contradictions/pairs.jsonl holds 67 hand-written fictional pairs (33 that cannot both
hold, 34 near-misses: paraphrases, other entities, other times, compatible figures, modal
statements); heldout.jsonl holds 30 more written after the rules were first frozen. Precision
matters more than recall: a false contradiction sends a fact-checker chasing nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from presslens.document import Document, Metadata, Source, validate
from presslens.layers.claims.model import load_embedder
from presslens.layers.contradictions.checks import find_contradictions
from presslens.layers.contradictions.component import annotate_contradictions
from presslens.layers.contradictions.frames import frame
from presslens.layers.registry import components
from presslens.pipeline import default_pipeline
from presslens.render.panels import contradictions as contradictions_panel

DATA = Path(__file__).parent / "data" / "contradictions"


def load(name: str) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


@pytest.fixture(scope="module")
def embed():
    return load_embedder()


def parse(text: str):
    return default_pipeline().models.parser(text)


def detect(pair: dict[str, Any], embed) -> list:
    text = pair["a"] + " " + pair["b"]
    sdoc = parse(text)
    spans = [sdoc.char_span(0, len(pair["a"])), sdoc.char_span(len(pair["a"]) + 1, len(text))]
    return find_contradictions(spans, embed)


def precision_recall(pairs: list[dict[str, Any]], embed) -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    wrong = []
    for pair in pairs:
        found = bool(detect(pair, embed))
        tp += found and pair["contradiction"]
        fp += found and not pair["contradiction"]
        fn += pair["contradiction"] and not found
        if found != pair["contradiction"]:
            wrong.append(pair["id"])
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), wrong


def test_pairs_set_shape():
    pairs = load("pairs.jsonl")
    assert len(pairs) >= 60
    positives = sum(p["contradiction"] for p in pairs)
    assert abs(positives - (len(pairs) - positives)) <= 2  # half and half
    assert {p["kind"] for p in pairs if p["contradiction"]} == {"negation", "quantity", "date"}
    assert len({p["id"] for p in pairs}) == len(pairs)


@pytest.mark.parametrize("name", ["pairs.jsonl", "heldout.jsonl"])
def test_precision_and_recall(name: str, embed):
    precision, recall, wrong = precision_recall(load(name), embed)
    assert precision >= 0.9, wrong
    assert recall >= 0.8, wrong


def test_kinds_are_named_correctly(embed):
    for pair in load("pairs.jsonl"):
        found = detect(pair, embed)
        if pair["contradiction"] and found:
            assert found[0].kind == pair["kind"], pair["id"]


def test_frame_reads_negation_figures_and_dates():
    sdoc = parse("The mill did not hire about 40 workers in May 2021.")
    f = frame(next(iter(sdoc.sents)))
    hire = [p for p in f.predicates if p.lemma == "hire"][0]
    assert hire.negated and not hire.modal
    fig = f.figures[0]
    assert fig.anchor == "worker" and fig.low < 40 < fig.high
    assert f.dates == [{"month": 5, "year": 2021}]


ARTICLE = (
    "The Harrowgate council never approved the budget, officials said. "
    "Residents queued outside the hall for most of the morning. "
    "Was anyone listening to them? "
    "The budget that the council approved in May included a new library. "
    "About 40 people attended the hearing, and 41 signed the register."
)


def article_doc() -> Document:
    sentences, start = [], 0
    for sentence in [
        s + "." if not s.endswith(("?", ".")) else s
        for s in ARTICLE.replace("? ", "?|").replace(". ", ".|").split("|")
    ]:
        i = ARTICLE.index(sentence, start)
        sentences.append({"start": i, "end": i + len(sentence)})
        start = i + len(sentence)
    claims = [
        {
            "start": s["start"],
            "end": s["end"],
            "checkworthiness": 0.5,
            "label": "non_factual" if ARTICLE[s["end"] - 1] == "?" else "check_worthy",
        }
        for s in sentences
    ]
    return Document(
        id=Document.id_for(ARTICLE.encode()),
        source=Source(uri="test"),
        metadata=Metadata(language="en"),
        text=ARTICLE,
        layers={
            "paragraphs": [{"start": 0, "end": len(ARTICLE)}],
            "sentences": sentences,
            "claims": claims,
        },
    )


def test_component_finds_the_budget_pair_only(embed):
    doc = article_doc()
    found = annotate_contradictions(doc, embed, lambda: parse(doc.text))
    assert len(found) == 1
    pair = found[0]
    assert pair["kind"] == "negation" and 0 < pair["score"] <= 1
    assert doc.span_text(doc.annotation(pair["a"])).startswith("The Harrowgate council")
    assert doc.span_text(doc.annotation(pair["b"])).startswith("The budget that")
    assert pair["a"].startswith("sentences-") and pair["b"].startswith("sentences-")
    validate(
        doc.with_layer(
            "contradictions", found, {"component": "presslens.contradictions.v1", "version": "1"}
        )
    )


def test_component_registration():
    spec = components()["presslens.contradictions.v1"]
    assert spec.assigns == "contradictions" and spec.needs == ("sentences", "claims")


def test_panel_links_the_two_statements_and_escapes(embed):
    doc = article_doc()
    found = annotate_contradictions(doc, embed, lambda: parse(doc.text))
    found[0]["why"] = "<script>alert(1)</script>"
    html = contradictions_panel.panel(doc.with_layer("contradictions", found, {}))
    assert 'id="contra-1-a"' in html and 'href="#contra-1-b"' in html
    assert 'id="contra-1-b"' in html and 'href="#contra-1-a"' in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_whole_chain_from_paragraphs():
    """sentences → claims → contradictions through the registry and pipeline."""
    from presslens.pipeline import Pipeline

    doc = Document(
        id=Document.id_for(ARTICLE.encode()),
        source=Source(uri="test"),
        metadata=Metadata(language="en"),
        text=ARTICLE,
        layers={"paragraphs": [{"start": 0, "end": len(ARTICLE)}]},
    )
    pipeline = Pipeline(layers=["contradictions"])
    out = pipeline(doc)
    assert [c.assigns for c in pipeline.components][-1] == "contradictions"
    assert len(out.layers["claims"]) == len(out.layers["sentences"]) == 5
    assert [p["kind"] for p in out.layers["contradictions"]] == ["negation"]
    assert out.provenance["claims"]["model"] and out.provenance["contradictions"]["model"]
    validate(out)
