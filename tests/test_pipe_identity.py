"""Every layer but ``techniques`` annotates a page the same through ``Pipeline.pipe`` (shared
spaCy batches, ``annotate_batch`` hooks) as one page at a time.

Why: throughput work batches more across documents, and the two encoder layers quantise their
activations to int8 per batch (one scale per tensor), so a document's scores can move with its
batch neighbours. For the claims layer that is not a rounding matter: scoring the sentences of
16 PTC articles in shared batches changed 41 of 2,387 labels and half the ranks (60 articles,
branch allspeed), so the claims encoder stays per document and this test keeps it so. The
techniques layer already shares its encoder batches across documents (its model card and
tests/test_techniques_batched.py say so), so it is left out here.
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
]
pytestmark = pytest.mark.skipif(
    not all((EXAMPLES / n).is_file() for n in PAGES), reason="examples/ pages are absent"
)


def test_pipe_equals_one_page_at_a_time_for_all_but_techniques() -> None:
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
