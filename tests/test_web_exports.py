"""Corrections exported to Label Studio, brat, doccano and SemEval files, and read back: the
Label Studio round trip, and the SemEval folder as extra training data for the technique model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("presslens.store")

import webkit  # noqa: E402
from presslens.render.exports import FORMATS, labelstudio, write_export  # noqa: E402
from presslens.render.exports.brat import label_from_brat, label_to_brat  # noqa: E402
from presslens.semeval.t11 import TECHNIQUES  # noqa: E402
from presslens.store import open_store  # noqa: E402
from presslens.web.agreement import agreement, kappa  # noqa: E402
from presslens.web.corrections import (  # noqa: E402
    CorrectionError,
    Span,
    apply,
    build_correction,
    corrections_for,
    model_spans,
    record,
)
from presslens.web.export_cli import export_items  # noqa: E402


@pytest.fixture()
def corrected(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = open_store(str(tmp_path / "c.db"))
    ids = webkit.populate(store)
    doc = store.get_document(ids["Daily Alpha"][1])
    acts = [
        ("alice", dict(action="accept", annotation_id="techniques-0")),
        ("alice", dict(action="relabel", annotation_id="techniques-1", label="Doubt")),
        ("alice", dict(action="add", annotation_id=None, label="Flag-Waving", start=0, end=8)),
        ("bob", dict(action="reject", annotation_id="techniques-1")),
        (
            "bob",
            dict(
                action="resize",
                annotation_id="techniques-0",
                start=doc.layers["techniques"][0]["start"] - 4,
                end=doc.layers["techniques"][0]["end"],
            ),
        ),
        ("bob", dict(action="checkworthy", annotation_id="claims-0")),
    ]
    for who, act in acts:
        record(store.engine, build_correction(doc, author=who, **act))
    return store, doc


def test_replay_gives_each_persons_view(corrected) -> None:  # type: ignore[no-untyped-def]
    store, doc = corrected
    rows = corrections_for(store.engine, doc.id)
    model = model_spans(doc)
    alice = {s.id: s for s in apply(model, rows, "alice")}
    bob = {s.id: s for s in apply(model, rows, "bob")}
    assert alice["techniques-1"].label == "Doubt" and alice["techniques-0"].status == "accepted"
    assert any(s.status == "added" and s.label == "Flag-Waving" for s in alice.values())
    assert "techniques-1" not in bob and bob["techniques-0"].start == model[0].start - 4
    assert rows[-1]["layer"] == "claims" and rows[-1]["after"]["checkworthy"] is True


def test_bad_corrections_are_refused(corrected) -> None:  # type: ignore[no-untyped-def]
    _, doc = corrected
    for kwargs in [
        dict(action="explode", annotation_id="techniques-0"),
        dict(action="reject", annotation_id="techniques-99"),
        dict(action="relabel", annotation_id="techniques-0", label="Not_A_Technique"),
        dict(action="add", annotation_id=None, label="Doubt", start=5, end=5),
        dict(action="resize", annotation_id="techniques-0", start=-1, end=3),
    ]:
        with pytest.raises(CorrectionError):
            build_correction(doc, author="x", **kwargs)


def test_label_studio_round_trip(corrected, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, doc = corrected
    items = export_items(store)
    path = tmp_path / "ls.json"
    write_export("labelstudio", items, path)
    tasks = json.loads(path.read_text())
    assert len(tasks) == 1 and tasks[0]["data"]["text"] == doc.text
    pred = tasks[0]["predictions"][0]["result"]
    assert len(pred) == len(doc.layers["techniques"])
    for r in pred:
        v = r["value"]
        assert doc.text[v["start"] : v["end"]] == v["text"] and r["type"] == "labels"
    back = labelstudio.read(path)[doc.id]
    for item in items:
        for who, spans in item.by_author.items():
            assert [(s.start, s.end, s.label) for s in back[who]] == [
                (s.start, s.end, s.label) for s in spans
            ]


def test_brat_doccano_semeval_files(corrected, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, doc = corrected
    items = export_items(store)
    merged = items[0].merged
    for fmt in FORMATS:
        assert write_export(fmt, items, tmp_path / fmt) == len(merged) or fmt == "labelstudio"
    ann = (tmp_path / "brat" / f"{doc.id[:16]}.ann").read_text().splitlines()
    assert len(ann) == len(merged)
    _, typed, covered = ann[0].split("\t")
    label, start, end = typed.split(" ")
    assert doc.text[int(start) : int(end)] == covered
    assert label_from_brat(label_to_brat("Name_Calling,Labeling")) == "Name_Calling,Labeling"
    row = json.loads((tmp_path / "doccano").read_text().splitlines()[0])
    assert row["text"] == doc.text and len(row["label"]) == len(merged)


def test_semeval_export_is_extra_training_data(corrected, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store, doc = corrected
    out = tmp_path / "semeval"
    write_export("semeval", export_items(store), out)
    from training.techniques import data

    monkeypatch.setenv(data.EXTRA_ENV, str(out))
    arts = data._load_folder(out)
    assert len(arts) == 1
    (art,) = arts.values()
    assert art.text == doc.text and art.tc
    for label, s, e in art.tc:
        assert label in TECHNIQUES
        assert 0 <= s < e <= len(art.text)
    if data.DATA.is_dir():  # the real PTC train set is there: extra articles join it
        base = data.load_train(extra=False)
        assert len(data.load_train()) == len(base) + 1


def test_agreement_f1_and_kappa() -> None:
    text = "one two three four five six seven eight"
    a = [Span("a", 0, 7, "Doubt"), Span("b", 14, 18, "Slogans")]
    b = [Span("x", 0, 7, "Doubt"), Span("y", 19, 23, "Slogans")]
    result = agreement(text, a, b)
    by = {r["label"]: r for r in result["labels"]}
    assert by["Doubt"]["f1"] == 1.0 and by["Slogans"]["f1"] == 0.0
    assert by["Doubt"]["kappa"] == pytest.approx(1.0)
    assert result["overall"]["f1"] == pytest.approx(0.5)
    assert kappa(["x", "y"], ["y", "x"]) == pytest.approx(-1.0)
    assert kappa(["O"] * 4, ["O"] * 4) is None  # nothing to tell apart


def test_the_synthetic_documents_follow_the_contract() -> None:
    """The web tests' documents must be ones the pipeline could have made."""
    from presslens.document import validate

    for outlet_docs in (webkit.make_doc(webkit.ARTICLE), webkit.make_doc("No figures here.")):
        validate(outlet_docs)
