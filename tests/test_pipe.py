"""Pipeline.pipe: a stream of RawPages in, one result per page out, in order; errors per page.

And the state a Pipeline owns: models loaded once per Pipeline, nothing shared through module
globals between two Pipelines.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from presslens.context import Models
from presslens.errors import ComponentError, PressLensError, TimeLimitError
from presslens.ingest import RawPage
from presslens.pipeline import Pipeline, PipeResult, default_pipeline
from presslens.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


def page(name: str) -> RawPage:
    path = EXAMPLES / name
    return RawPage(uri=path.as_uri(), data=path.read_bytes())


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    # shares the default models: the test process loads each model once
    return Pipeline(layers=["entities", "quantities", "claims"], models=default_pipeline().models)


def test_pipe_keeps_order_and_fails_pages_one_by_one(pipeline: Pipeline) -> None:
    pages = [
        page("wire-harbor-crane.html"),
        RawPage(uri="photo.html", data=PNG),
        page("dump-velmora-talks.txt"),
        page("captions-lighthouse.html"),
    ]
    results = list(pipeline.pipe(iter(pages), batch_size=3))
    assert [r.page for r in results] == pages
    assert [r.ok for r in results] == [True, False, True, True]
    bad = results[1]
    assert bad.document is None and isinstance(bad.error, PressLensError)
    assert str(bad.error).startswith("photo.html: ") and "[E004]" in str(bad.error)
    for result in (results[0], results[2], results[3]):
        alone = pipeline.analyze(result.page)
        assert result.document is not None and result.error is None
        # batched parsing (nlp.pipe) gives the same layers as one document at a time
        assert result.document.layers == alone.layers
        assert set(result.document.layers) == {
            "paragraphs",
            "sentences",
            "entities",
            "attributions",
            "timexes",
            "quantities",
            "claims",
        }


def test_a_component_exception_becomes_one_line_error(pipeline: Pipeline) -> None:
    failing = pipeline.subset(["sentences"]).load()

    def broken(doc: Any, ctx: Any) -> list[dict[str, Any]]:
        raise ValueError("bad offsets")

    original = failing._annotators["presslens.sentences.v1"]
    failing._annotators["presslens.sentences.v1"] = broken
    try:
        (result,) = failing.pipe([page("wire-harbor-crane.html")])
    finally:
        failing._annotators["presslens.sentences.v1"] = original
    assert isinstance(result, PipeResult) and isinstance(result.error, ComponentError)
    message = str(result.error)
    assert "wire-harbor-crane.html" in message and "ValueError: bad offsets" in message
    assert message.endswith("[E021]") and "\n" not in message


def test_pipe_applies_the_time_limit_per_document(pipeline: Pipeline) -> None:
    # A deadline already past when the first check runs: on a fast machine 10 ms could suffice.
    quick = Pipeline(Settings(time_limit=1e-6), layers=["claims"], models=pipeline.models)
    results = list(quick.pipe([page("wire-harbor-crane.html"), page("dump-velmora-talks.txt")]))
    assert all(isinstance(r.error, TimeLimitError) for r in results)


def test_models_are_loaded_once_per_pipeline_and_not_shared_between_pipelines() -> None:
    models = Models()
    first = Pipeline(layers=["sentences"], models=models)
    first.analyze(page("wire-harbor-crane.html"))
    assert models.loaded() == []  # sentences are rules: nothing to load
    calls: list[int] = []
    loaded = models.shared("probe", lambda: calls.append(1) or object())
    assert models.shared("probe", lambda: calls.append(1) or object()) is loaded
    assert calls == [1]
    assert Models().loaded() == []  # another Pipeline's models start empty


def test_pipeline_takes_settings_first() -> None:
    with pytest.raises(TypeError):
        Pipeline(["entities"])  # type: ignore[arg-type]


def test_pipe_holds_the_limit_on_a_long_page(pipeline: Pipeline) -> None:
    """The batch parse runs inside each document's budget: a long page is not parsed whole
    before its deadline is looked at."""
    import time

    para = "Mayor Ana Ruiz of Halvik said on Monday that 120 families had received aid. " * 6
    text = "\n\n".join([para] * 700)  # ~320,000 characters, ~60,000 words
    long_page = RawPage(uri="long.txt", data=text.encode())
    quick = Pipeline(Settings(time_limit=1.5), layers=["entities"], models=pipeline.models)
    quick.load()
    started, cpu = time.monotonic(), time.process_time()
    (result,) = quick.pipe([long_page])
    assert isinstance(result.error, TimeLimitError)
    assert str(result.error) == "long.txt: took longer than the time limit of 1.5 s [E011]"
    assert time.process_time() - cpu < 1.5 + 3 and time.monotonic() - started < 20
