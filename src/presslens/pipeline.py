"""Run extraction and annotation components over documents, with a per-document time limit.

The pipeline knows components only through the registry (name, needs, assigns): it resolves
the requested layers with what they need, checks the order before running anything, calls each
annotator once per document, and records provenance. Annotators are built once per process and
reused, because loading models dominates start-up.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from presslens.document import Document
from presslens.errors import PressLensError, TimeLimitError
from presslens.layers.registry import ComponentSpec, resolve
from presslens.limits import apply_token_budget, token_budget
from presslens.settings import DEFAULT_SETTINGS, Settings


@contextmanager
def time_limit(seconds: float, source: str) -> Iterator[None]:
    """Raise TimeLimitError if the block runs longer than ``seconds`` (main thread only)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise TimeLimitError(f"took longer than the time limit of {seconds:g} s", source=source)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@lru_cache(maxsize=64)
def _annotator(spec: ComponentSpec, settings: Settings) -> Any:
    return spec.factory(settings)


class Pipeline:
    """An ordered set of components for the requested layers (None = all default layers)."""

    def __init__(self, layers: list[str] | None = None, settings: Settings = DEFAULT_SETTINGS):
        self.settings = settings
        self.components: list[ComponentSpec] = resolve(layers)

    @property
    def layer_names(self) -> list[str]:
        return ["paragraphs"] + [c.assigns for c in self.components]

    def __call__(self, doc: Document) -> Document:
        for spec in self.components:
            missing = [n for n in spec.needs if n not in doc.layers]
            if missing:  # resolve() orders needs first, so this means a component failed silently
                raise PressLensError(f"{spec.name} needs missing layers {missing}")
            language = doc.metadata.language
            if not spec.supports(language):
                doc = doc.with_layer(
                    spec.assigns,
                    [],
                    {
                        "component": spec.name,
                        "version": spec.version,
                        "model": None,
                        "skipped": f"built for {', '.join(spec.languages or ())}, "
                        f"not for language {language!r}",
                    },
                )
                continue
            annotator = _annotator(spec, self.settings)
            started = time.perf_counter()
            # Token budget (presslens.limits): a prefix of the text, or nothing, and a note.
            view, limited = apply_token_budget(
                doc,
                token_budget(self.settings, spec.assigns),
                spec.assigns,
                self.settings.layer_budget_mode,
            )
            annotations = annotator(view) if view is not None else []
            doc = doc.with_layer(
                spec.assigns,
                annotations,
                {
                    "component": spec.name,
                    "version": spec.version,
                    "model": getattr(annotator, "model", None),
                    "seconds": round(time.perf_counter() - started, 4),
                    **({"limited": limited} if limited else {}),
                    **({"skipped": limited["reason"]} if view is None else {}),
                },
            )
        return doc


def extract(source: str | Path, settings: Settings = DEFAULT_SETTINGS) -> Document:
    """Read and extract one source (path, '-', URL) into a Document with paragraphs only."""
    from presslens.extract import extract_page
    from presslens.ingest import read_source

    with time_limit(settings.time_limit, str(source)):
        return extract_page(read_source(source, settings), settings)


def analyze(
    source: str | Path | Document,
    layers: list[str] | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> Document:
    """Extract (unless given a Document) and run the annotation layers on one source."""
    pipeline = Pipeline(layers, settings)
    name = source.source.uri if isinstance(source, Document) else str(source)
    with time_limit(settings.time_limit, name):
        doc = source if isinstance(source, Document) else extract(source, settings)
        return pipeline(doc)
