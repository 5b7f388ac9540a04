"""The techniques component and its shipped model (skips when the model files are absent)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from presslens.layers.techniques.features import span_features
from presslens.layers.techniques.spans import decode_spans, line_spans
from presslens.semeval.t11 import TECHNIQUES

REPO = Path(__file__).resolve().parents[1]
MODEL_DIR = REPO / "src" / "presslens" / "models" / "techniques"

TEXT = (
    "Traitors in Washington Sell Out Our Heroes\n\n"
    "The corrupt elites have betrayed every patriot who loves this great nation.\n"
    "They say it is about security, but is it really?\n"
    "Make America Safe Again, make America safe again!\n"
    "Officials said the meeting would take place on Tuesday.\n"
)


def test_registered_lazily() -> None:
    from presslens.layers.registry import components

    spec = components()["presslens.techniques.v1"]
    assert spec.assigns == "techniques"
    code = (
        "import sys; from presslens.layers.registry import components; components(); "
        "m = sys.modules.get('presslens.layers.techniques.model'); "
        "assert m is None or m._MODEL is None"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_line_spans_and_decoding() -> None:
    text = "ab cd\n\nef gh"
    assert line_spans(text) == [(0, 5), (7, 12)]

    class W:  # one window over "ab cd" with tokens "ab", "cd"
        ids = [1, 2]
        starts = [0, 3]
        ends = [2, 5]

    import numpy as np

    spans = decode_spans(text, [W()], [np.array([0.9, 0.8])], 0.5)
    assert [(s, e) for s, e, _ in spans] == [(0, 5)]
    assert decode_spans(text, [W()], [np.array([0.1, 0.2])], 0.5) == []


def test_repetition_feature_counts_recurrence() -> None:
    once = span_features("alpha beta. gamma", 0, 10)
    twice = span_features("alpha beta. alpha beta.", 0, 10)
    assert once != twice


needs_model = pytest.mark.skipif(
    not (MODEL_DIR / "config.json").is_file(), reason="src/presslens/models/techniques not present"
)


@pytest.fixture(scope="module")
def model():
    from presslens.layers.techniques.model import load_model

    return load_model()


@needs_model
def test_model_annotates_with_valid_spans(model) -> None:
    found = model.annotate(TEXT)
    assert found, "expected at least one technique in an obviously loaded text"
    for t in found:
        assert 0 <= t.start < t.end <= len(TEXT)
        assert TEXT[t.start : t.end].strip() == TEXT[t.start : t.end]
        assert t.technique in TECHNIQUES
        assert 0.0 <= t.score <= 1.0
        assert isinstance(t.cues, list)
    assert not any(t.start >= TEXT.index("Officials") for t in found if t.score > 0.9)


@needs_model
def test_duplicate_template_spans_get_distinct_labels(model) -> None:
    s = TEXT.index("corrupt elites")
    spans = [("1", s, s + 14), ("1", s, s + 14)]
    labels = model.label_template({"1": TEXT}, spans)
    assert len(set(labels)) == 2 and set(labels) <= set(TECHNIQUES)


@needs_model
def test_component_writes_layer() -> None:
    from presslens.document import Document, Metadata, Source
    from presslens.pipeline import analyze

    doc = Document(
        id="t",
        source=Source(uri="test"),
        metadata=Metadata(),
        text=TEXT,
        layers={"paragraphs": [{"start": 0, "end": len(TEXT)}]},
    )
    out = analyze(doc, layers=["techniques"])
    layer = out.layers["techniques"]
    assert all(out.text[a["start"] : a["end"]] for a in layer)
    assert all(a["technique"] in TECHNIQUES for a in layer)
    assert out.provenance["techniques"]["component"] == "presslens.techniques.v1"


@needs_model
def test_semeval_commands_round_trip(tmp_path: Path) -> None:
    from presslens.cli import main

    arts = tmp_path / "articles"
    arts.mkdir()
    (arts / "article1.txt").write_text(TEXT, encoding="utf-8")
    (arts / "article2.txt").write_text("Nothing to see.\n\nThe council met.\n", encoding="utf-8")
    assert main(["semeval", "t11", "si", str(arts), "-o", str(tmp_path / "si.txt")]) == 0
    lines = (tmp_path / "si.txt").read_text().splitlines()
    assert all(len(x.split("\t")) == 3 for x in lines)
    s = TEXT.index("corrupt elites")
    (tmp_path / "tpl.txt").write_text(f"1\t?\t{s}\t{s + 14}\n1\t?\t0\t8\n")
    rc = main(
        [
            "semeval",
            "t11",
            "tc",
            str(arts),
            "--template",
            str(tmp_path / "tpl.txt"),
            "-o",
            str(tmp_path / "tc.txt"),
        ]
    )
    assert rc == 0
    rows = [x.split("\t") for x in (tmp_path / "tc.txt").read_text().splitlines()]
    assert [r[2:] for r in rows] == [[str(s), str(s + 14)], ["0", "8"]]
    assert all(r[1] in TECHNIQUES for r in rows)
    assert (
        main(["semeval", "t11", "score", "tc", str(tmp_path / "tc.txt"), str(tmp_path / "tc.txt")])
        == 0
    )


@needs_model
def test_heldout_articles_score_near_the_card(shared_data: Path, model) -> None:
    """Five fold-0 articles: a smoke floor well below the card, to catch a broken export."""
    from presslens.semeval.scorer import score_si
    from presslens.semeval.t11 import read_article, read_si_labels

    d = shared_data / "semeval2020-task11-ptc"
    folds = json.loads((REPO / "training/techniques/folds.json").read_text())["folds"]
    ids = folds[0][:5]
    gold = [x for x in read_si_labels(d / "train-task-si.labels") if x[0] in ids]
    pred = []
    for aid in ids:
        text = read_article(d / "train-articles" / f"article{aid}.txt")
        pred += [(aid, s, e) for s, e, _ in model.find_spans(text)]
    assert score_si(gold, pred).f1 > 0.2
