"""Every layer annotates a page the same through ``Pipeline.pipe`` (shared spaCy batches,
``annotate_batch`` hooks) as one page at a time.

Why: throughput work batches across documents, and the two encoder layers run int8 graphs
whose activations are quantised with one scale per onnxruntime call. Both encoders therefore
run one sentence (window) per call: before that, the techniques layer gave 26 of 30 PTC
articles other spans through ``pipe`` than alone, and shared claims batches changed 41 of 2,387
labels (branch allspeed). This test keeps every layer, the two encoders included, independent
of its batch neighbours.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens.ingest import RawPage
from presslens.pipeline import Pipeline, default_pipeline

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PAGES = ["wire-harbor-crane.html", "dump-velmora-talks.txt", "courier-heatwave-hospitals.html"]
LAYERS = [
    "sentences",
    "entities",
    "timexes",
    "quantities",
    "attributions",
    "claims",
    "contradictions",
    "techniques",
]
pytestmark = pytest.mark.skipif(
    not all((EXAMPLES / n).is_file() for n in PAGES), reason="examples/ pages are absent"
)


def test_pipe_equals_one_page_at_a_time() -> None:
    pipeline = Pipeline(layers=LAYERS, models=default_pipeline().models).load()
    pages = [RawPage(uri=(EXAMPLES / n).as_uri(), data=(EXAMPLES / n).read_bytes()) for n in PAGES]
    piped = list(pipeline.pipe(pages, batch_size=len(pages)))
    assert all(r.ok for r in piped)
    for page, result in zip(pages, piped, strict=True):
        alone = pipeline.analyze(page)
        assert result.document is not None
        for layer in LAYERS:
            assert result.document.layers[layer] == alone.layers[layer], (page.uri, layer)
    assert any(r.document.layers["claims"] for r in piped if r.document is not None)
    assert any(r.document.layers["techniques"] for r in piped if r.document is not None)
