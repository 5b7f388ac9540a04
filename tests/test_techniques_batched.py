"""The cross-document batched path: same decisions as the per-document path, texts kept apart."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MODEL_DIR = REPO / "src" / "presslens" / "models" / "techniques"
pytestmark = pytest.mark.skipif(
    not (MODEL_DIR / "config.json").is_file(), reason="technique model files are absent"
)

TEXTS = [
    "Traitors Sell Out Our Heroes\n\nThe corrupt elites have betrayed every patriot.\n"
    "They say it is about security, but is it really?\n",
    "Officials met on Tuesday.\n",
    "",
    "The radical left wants to destroy this great nation, again and again and again.\n"
    "Make America safe again!\n",
]


def _key(spans):
    return [(x["start"], x["end"], x["technique"], x["cues"], round(x["score"], 5)) for x in spans]


def test_batched_equals_per_document_on_one_text() -> None:
    """Same batch, same numbers: one text through the batched path equals model.annotate."""
    from presslens.layers.techniques.batched import annotate_many
    from presslens.layers.techniques.model import load_model

    model = load_model(threads=1)
    for text in TEXTS:
        one = [t.as_dict() for t in model.annotate(text)]
        many = [t.as_dict() for t in annotate_many(model, [text])[0]]
        assert _key(one) == _key(many)


def test_batched_keeps_documents_apart() -> None:
    """Across documents every span stays inside its own text, an empty text gets none, and
    each text gets exactly what it gets alone (one window per encoder call: the int8
    activation scale is the window's own, so neighbours cannot move a score)."""
    from presslens.layers.techniques.batched import annotate_many
    from presslens.layers.techniques.model import load_model

    model = load_model(threads=1)
    out = annotate_many(model, TEXTS)
    assert len(out) == len(TEXTS) and out[2] == []
    for text, spans in zip(TEXTS, out, strict=True):
        assert all(0 <= t.start < t.end <= len(text) for t in spans)
        assert [t.as_dict() for t in spans] == [
            t.as_dict() for t in annotate_many(model, [text])[0]
        ]
    assert out[0] and out[3]


def test_component_runs_detectors_on_russian_page() -> None:
    from presslens.document import Document, Metadata, Source
    from presslens.pipeline import analyze

    text = "Бандеровцы отступили. Наёмники бросили технику.\n"
    doc = Document(
        id="ru",
        source=Source(uri="test"),
        metadata=Metadata(language="ru"),
        text=text,
        layers={"paragraphs": [{"start": 0, "end": len(text)}]},
    )
    layer = analyze(doc, layers=["techniques"]).layers["techniques"]
    assert layer and all(a["source"].startswith("detector:") for a in layer)


def _threads_in_worker(q) -> None:
    from presslens.layers.techniques.model import default_threads

    q.put(default_threads())


def test_default_threads_one_per_worker_process() -> None:
    import multiprocessing as mp

    from presslens.layers.techniques.model import default_threads

    assert default_threads() == 0  # the main process: one thread per core
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_threads_in_worker, args=(q,))
    p.start()
    p.join(120)
    assert q.get(timeout=5) == 1


def test_texts_are_encoded_in_bounded_chunks(monkeypatch) -> None:
    """With one text per pass, the many-text path gives exactly the per-text results (same
    batches), in input order: chunking bounds memory without mixing documents up."""
    from presslens.layers.techniques import batched
    from presslens.layers.techniques.model import load_model

    model = load_model(threads=1)
    monkeypatch.setattr(batched, "TEXTS_PER_PASS", 1)
    many = batched.annotate_many(model, TEXTS)
    assert [_key([t.as_dict() for t in d]) for d in many] == [
        _key([t.as_dict() for t in model.annotate(x)]) for x in TEXTS
    ]
    spans = [[(0, 5)], [], [], [(4, 10), (0, 3)]]
    probs = batched.classify_many(model, TEXTS, spans)
    assert [p.shape[0] for p in probs] == [1, 0, 0, 2]
