"""Pipeline.pipe's cross-document hook: a component offering ``annotate_batch`` gets the batch's
documents in one call, with the same results as one call per document; when the batch call
fails, each document is run on its own and fails (or not) only for itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from presslens.errors import ComponentError
from presslens.ingest import RawPage
from presslens.pipeline import Pipeline, default_pipeline

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
NAME = "presslens.sentences.v1"


def page(name: str) -> RawPage:
    path = EXAMPLES / name
    return RawPage(uri=path.as_uri(), data=path.read_bytes())


PAGES = ["wire-harbor-crane.html", "dump-velmora-talks.txt", "captions-lighthouse.html"]


class Probe:
    """Wraps a per-document annotator and records the batch calls it gets."""

    def __init__(self, inner: Any, fail: bool = False) -> None:
        self.inner, self.fail, self.batches = inner, fail, []

    def __call__(self, doc: Any, ctx: Any) -> list[dict[str, Any]]:
        return self.inner(doc, ctx)

    def annotate_batch(self, items: list[tuple[Any, Any]]) -> list[list[dict[str, Any]]]:
        self.batches.append([d.source.uri for d, _c in items])
        if self.fail:
            raise ValueError("batch broke")
        return [self.inner(d, c) for d, c in items]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(layers=["sentences"], models=default_pipeline().models).load()


def _run(pipeline: Pipeline, probe: Probe, pages: list[RawPage]) -> list[Any]:
    original = pipeline._annotators[NAME]
    pipeline._annotators[NAME] = probe
    try:
        return list(pipeline.pipe(pages, batch_size=len(pages)))
    finally:
        pipeline._annotators[NAME] = original


def test_batch_hook_gets_all_documents_once_with_per_document_results(pipeline) -> None:
    pages = [page(n) for n in PAGES] + [RawPage(uri="photo.html", data=PNG)]
    probe = Probe(pipeline._annotators[NAME])
    results = _run(pipeline, probe, pages)
    assert len(probe.batches) == 1 and len(probe.batches[0]) == len(PAGES)  # not the PNG
    assert [r.ok for r in results] == [True, True, True, False]
    for p, r in zip(pages, results, strict=False):
        if r.ok:
            alone = pipeline.analyze(p)
            assert r.document.layers["sentences"] == alone.layers["sentences"]
            assert r.document.provenance["sentences"]["component"] == NAME


def test_failed_batch_call_falls_back_to_one_call_per_document(pipeline) -> None:
    probe = Probe(pipeline._annotators[NAME], fail=True)
    results = _run(pipeline, probe, [page(n) for n in PAGES])
    assert len(probe.batches) == 1 and all(r.ok for r in results)
    assert all(r.document.layers["sentences"] for r in results)


def test_a_failing_document_fails_alone_after_fallback(pipeline) -> None:
    inner = pipeline._annotators[NAME]

    def picky(doc: Any, ctx: Any) -> list[dict[str, Any]]:
        if "velmora" in doc.source.uri:
            raise ValueError("bad offsets")
        return inner(doc, ctx)

    results = _run(pipeline, Probe(picky), [page(n) for n in PAGES])
    assert [r.ok for r in results] == [True, False, True]
    assert isinstance(results[1].error, ComponentError)


def test_a_hook_returning_the_wrong_count_is_not_trusted(pipeline) -> None:
    class Short(Probe):
        def annotate_batch(self, items):
            return super().annotate_batch(items)[:-1]

    probe = Short(pipeline._annotators[NAME])
    results = _run(pipeline, probe, [page(n) for n in PAGES])
    assert len(probe.batches) == 1 and all(r.ok and r.document.layers["sentences"] for r in results)
