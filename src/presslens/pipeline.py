"""Run extraction and annotation components over documents, one deadline per document.

The pipeline knows components only through the registry (name, needs, assigns): it resolves
the requested layers with what they need, checks the order before running anything, calls each
annotator once per document with a :class:`~presslens.context.Context`, and records provenance.

A :class:`Pipeline` owns its state: the annotators it builds (once, on first use) and the
models they load (:class:`~presslens.context.Models`, each loaded once and shared between its
components). Build one per process and reuse it — loading models dominates start-up.
:meth:`Pipeline.pipe` streams pages, parses them in batches and never lets an exception other
than a :class:`PressLensError` escape: each result carries its document or its error.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presslens import deadline
from presslens.context import Context, Models
from presslens.document import Document
from presslens.errors import ComponentError, PressLensError
from presslens.layers.registry import ComponentSpec, resolve
from presslens.limits import apply_token_budget, over_budget, token_budget
from presslens.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from presslens.ingest import RawPage


@dataclass(frozen=True)
class PipeResult:
    """One page's outcome in :meth:`Pipeline.pipe`: a document or an error, never both."""

    page: RawPage
    document: Document | None = None
    error: PressLensError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Pipeline:
    """An ordered set of components for the requested layers (None = all default layers).

    ``Pipeline(settings=DEFAULT_SETTINGS, layers=None)``: unknown layers and cycles are a
    PipelineError here, before any input is read. Thread-safe: a web server's threads may
    share one Pipeline.
    """

    def __init__(
        self,
        settings: Settings = DEFAULT_SETTINGS,
        layers: list[str] | None = None,
        *,
        models: Models | None = None,
    ) -> None:
        if not isinstance(settings, Settings):
            raise TypeError("Pipeline(settings, layers): settings must be a Settings")
        self.settings = settings
        self.components: list[ComponentSpec] = resolve(layers)
        self.models = models if models is not None else Models()
        self._annotators: dict[str, Any] = {}
        self._lock = threading.Lock()

    # -- construction ------------------------------------------------------------------
    def subset(self, layers: list[str] | None) -> Pipeline:
        """A Pipeline for other layers sharing this one's models and built annotators."""
        other = Pipeline(self.settings, layers, models=self.models)
        other._annotators = self._annotators
        other._lock = self._lock
        return other

    @property
    def layer_names(self) -> list[str]:
        return ["paragraphs"] + [c.assigns for c in self.components]

    def load(self) -> Pipeline:
        """Build every component (loading its models) now rather than on the first document.

        Called before a document's deadline starts, so model loading never counts against
        the first document's time limit; a worker calls it once after start-up.
        """
        for spec in self.components:
            _guarded(spec.name, "<pipeline>", lambda spec=spec: self._annotator(spec))
        return self

    def _annotator(self, spec: ComponentSpec) -> Any:
        with self._lock:
            built = self._annotators.get(spec.name)
            if built is None:
                built = spec.factory(self.settings, self.models)
                self._annotators[spec.name] = built
            return built

    # -- one document --------------------------------------------------------------------
    def extract(self, page: RawPage | str | Path) -> Document:
        """Read (unless given a RawPage) and extract one page: a Document with paragraphs only."""
        from presslens.ingest import RawPage, read_source

        name = page.uri if isinstance(page, RawPage) else str(page)
        with deadline.scope(self.settings.time_limit, _display(name)):
            raw = page if isinstance(page, RawPage) else read_source(page, self.settings)
            return _guarded("extraction", raw.uri, lambda: _extract_page(raw, self.settings))

    def analyze(self, source: str | Path | RawPage | Document) -> Document:
        """Extract (unless given a Document) and run every layer of this Pipeline on one source."""
        name = source.source.uri if isinstance(source, Document) else _source_name(source)
        self.load()
        with deadline.scope(self.settings.time_limit, _display(name)):
            doc = source if isinstance(source, Document) else self.extract(source)
            return self.annotate(doc)

    def __call__(self, doc: Document) -> Document:
        """Annotate a Document (an alias of :meth:`annotate`)."""
        return self.annotate(doc)

    def annotate(self, doc: Document, parse: Any | None = None) -> Document:
        """Run the components on an extracted Document (``parse``: its spaCy Doc, if made)."""
        self.load()
        with deadline.scope(self.settings.time_limit, _display(doc.source.uri)) as limit:
            ctx = Context.for_document(doc, self.models, self.settings, limit, parse)
            views: dict[int, Context] = {len(doc.text): ctx}  # one context (parse) per prefix
            for spec in self.components:
                limit.check()
                doc = self._run(spec, doc, ctx, views)
            return doc

    def _run(
        self, spec: ComponentSpec, doc: Document, ctx: Context, views: dict[int, Context]
    ) -> Document:
        prepared = self._prepare(spec, doc, ctx, views)
        if isinstance(prepared, Document):
            return prepared
        annotator, view, view_ctx, limited = prepared
        started = time.perf_counter()
        annotations: list[dict[str, Any]] = []
        if view is not None:
            annotations = _guarded(spec.name, doc.source.uri, lambda: annotator(view, view_ctx))
        seconds = time.perf_counter() - started
        return _with_layer(spec, doc, annotator, annotations, seconds, limited, view is None)

    def _prepare(
        self, spec: ComponentSpec, doc: Document, ctx: Context, views: dict[int, Context]
    ) -> Document | tuple[Any, Document | None, Context, dict[str, Any] | None]:
        """What running ``spec`` on ``doc`` needs: the annotator, the view it reads (None when
        a token budget leaves nothing), that view's context and the budget note; or, when the
        component is not built for the document's language, the document with an empty layer.
        """
        missing = [n for n in spec.needs if n not in doc.layers]
        if missing:  # resolve() orders needs first, so this means a component failed silently
            raise ComponentError(
                f"{spec.name} needs missing layers {missing}", source=_display(doc.source.uri)
            )
        language = doc.metadata.language
        if not spec.supports(language):
            return doc.with_layer(
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
        annotator = _guarded(spec.name, doc.source.uri, lambda: self._annotator(spec))
        # Token budget (presslens.limits): the layer reads a prefix of whole sentences, or
        # nothing, and provenance says which and why. Layers with the same budget share the
        # prefix's context (one parse of it).
        view, limited = apply_token_budget(
            doc,
            token_budget(self.settings, spec.assigns),
            spec.assigns,
            self.settings.layer_budget_mode,
        )
        if view is not None and len(view.text) not in views:
            views[len(view.text)] = Context.for_document(
                view, self.models, self.settings, ctx.deadline
            )
        view_ctx = views[len(view.text)] if view is not None else ctx
        return annotator, view, view_ctx, limited

    # -- a stream of pages -----------------------------------------------------------------
    def pipe(self, pages: Iterable[RawPage], batch_size: int = 16) -> Iterator[PipeResult]:
        """Analyse a stream of RawPages; results come in input order, one per page.

        Pages are taken ``batch_size`` at a time: each is extracted under its own deadline,
        the batch's texts are parsed together (``nlp.pipe``) when a component reads the parse,
        then each document is annotated with what is left of its time. An error (or an
        exception of a component, turned into a PressLensError) fails that page only.
        """
        self.load()
        batch: list[RawPage] = []
        for page in pages:
            batch.append(page)
            if len(batch) >= max(1, batch_size):
                yield from self._pipe_batch(batch)
                batch = []
        if batch:
            yield from self._pipe_batch(batch)

    def _pipe_batch(self, pages: list[RawPage]) -> Iterator[PipeResult]:
        limit = self.settings.time_limit
        extracted: list[tuple[RawPage, Document | None, PressLensError | None, float]] = []
        for page in pages:
            started = time.monotonic()
            try:
                doc, error = self.extract(page), None
            except PressLensError as exc:
                doc, error = None, exc
            extracted.append((page, doc, error, time.monotonic() - started))
        docs = [d for _, d, _, _ in extracted if d is not None]
        budget = float("inf")  # the batch parse may use what the most hurried document has left
        if limit and limit > 0:
            budget = min((limit - spent for _, d, _, spent in extracted if d), default=0.0)
        parses, parse_seconds = self._batch_parse(docs, budget)
        parsed_chars = sum(len(d.text) for d in docs if id(d) in parses) or 1
        work = []
        for page, doc, error, spent in extracted:
            if doc is not None and id(doc) in parses:  # its share of the batch parse counts
                spent += parse_seconds * len(doc.text) / parsed_chars
            work.append(_Work(page, doc, error, spent, limit))
        self._annotate_many([w for w in work if w.doc is not None], parses)
        for w in work:
            yield PipeResult(w.page, w.doc if w.error is None else None, w.error)

    def _annotate_many(self, work: list[_Work], parses: dict[int, Any]) -> None:
        """Annotate a batch's documents one component at a time (cross-document batch hook).

        A component whose annotator has ``annotate_batch([(doc, ctx), ...]) -> [annotations]``
        gets all documents that reached it in one call (the technique layer runs its encoder
        over all their sentences at once); the others run document by document. Each document
        keeps its own time limit: a step runs under a deadline made from what that document
        has left, and only its own steps (and its share of a batch call, by characters) count
        against it. An error fails its document only.
        """
        for w in work:
            w.ctx = Context.for_document(
                w.doc, self.models, self.settings, parse=parses.get(id(w.doc))
            )
            w.views = {len(w.doc.text): w.ctx}
        for spec in self.components:
            live = [w for w in work if w.error is None]
            batch_call = None
            if len(live) > 1:
                built = self._annotators.get(spec.name)
                batch_call = getattr(built, "annotate_batch", None)
            if batch_call is not None and self._run_batch(spec, batch_call, live):
                continue
            for w in live:
                w.step(lambda w=w, spec=spec: self._run(spec, w.doc, w.ctx, w.views))

    def _run_batch(self, spec: ComponentSpec, batch_call: Any, work: list[_Work]) -> bool:
        """One ``annotate_batch`` call for the documents in ``work``; False (nothing changed)
        when it fails, so each document is then run on its own and fails only for itself."""
        prepared: list[tuple[_Work, Any]] = []
        for w in work:
            w.step(lambda w=w: prepared.append((w, self._prepare(spec, w.doc, w.ctx, w.views))))
        todo = [(w, p) for w, p in prepared if not isinstance(p, Document) and p[1] is not None]
        chars = sum(len(p[1].text) for _w, p in todo) or 1
        earliest = min((w.deadline() for w, _p in todo), key=lambda d: d.expires, default=None)
        started = time.perf_counter()
        results: list[Any] = []
        if todo:
            try:
                with deadline.scope(deadline=earliest):
                    results = list(batch_call([(p[1], p[2]) for _w, p in todo]))
            except Exception:  # noqa: BLE001 - retried per document, which reports its own error
                return False
            if len(results) != len(todo):  # a broken hook: each document on its own instead
                return False
        seconds = time.perf_counter() - started
        got = {id(w): r for (w, _p), r in zip(todo, results, strict=True)}
        for w, p in prepared:
            if isinstance(p, Document):
                w.doc = p
            elif w.error is None:
                share = seconds * len(p[1].text) / chars if p[1] is not None else 0.0
                w.spent += share
                w.doc = _with_layer(
                    spec, w.doc, p[0], got.get(id(w), []), share, p[3], p[1] is None
                )
        return True

    def _batch_parse(self, docs: list[Document], seconds: float) -> tuple[dict[int, Any], float]:
        """Parse together the texts some component will parse, for at most ``seconds``;
        {id(doc): spaCy Doc} for those parsed, and the time it took."""
        readers = [s for s in self.components if s.parses]
        todo = [
            d
            for d in docs
            if d.text.strip()
            and any(s.supports(d.metadata.language) for s in readers)
            and not self._over_budget(d, readers)  # such a text is parsed as a prefix later
        ]
        if not todo or seconds <= 0:
            return {}, 0.0
        started = time.monotonic()
        try:
            parsed = self.models.parser.pipe_within([d.text for d in todo], seconds)
        except Exception:  # noqa: BLE001 - each document is parsed (and fails) on its own then
            return {}, time.monotonic() - started
        found = {id(d): p for d, p in zip(todo, parsed, strict=True) if p is not None}
        return found, time.monotonic() - started

    def _over_budget(self, doc: Document, specs: list[ComponentSpec]) -> bool:
        """True when some of ``specs`` would read only a prefix of ``doc`` (token budget)."""
        return any(over_budget(doc.text, token_budget(self.settings, s.assigns)) for s in specs)


@dataclass
class _Work:
    """One document of a :meth:`Pipeline.pipe` batch on its way through the components."""

    page: RawPage
    doc: Document | None
    error: PressLensError | None
    spent: float  # seconds this document has used of its time limit
    limit: float | None
    ctx: Context | None = None
    views: dict[int, Context] | None = None

    def deadline(self) -> deadline.Deadline:
        """The document's deadline for its next step: its limit minus what it has spent."""
        if not self.limit or self.limit <= 0:
            return deadline.UNLIMITED
        left = self.limit - self.spent
        return deadline.Deadline(self.limit, time.monotonic() + left, _display(self.page.uri))

    def step(self, call: Any) -> None:
        """Run ``call`` under this document's deadline; a PressLensError fails the document.
        ``call`` returns the document (or None when it records its result itself)."""
        own = self.deadline()
        started = time.monotonic()
        try:
            own.check()
            with deadline.scope(deadline=own) as effective:
                for c in (self.views or {}).values():
                    c.deadline = effective
                result = call()
            if isinstance(result, Document):
                self.doc = result
        except PressLensError as exc:
            self.error = exc
        self.spent += time.monotonic() - started


def _with_layer(
    spec: ComponentSpec,
    doc: Document,
    annotator: Any,
    annotations: list[dict[str, Any]],
    seconds: float,
    limited: dict[str, Any] | None,
    read_nothing: bool,
) -> Document:
    """``doc`` with ``spec``'s layer and its provenance (``read_nothing``: the token budget
    left the component no text)."""
    return doc.with_layer(
        spec.assigns,
        annotations,
        {
            "component": spec.name,
            "version": spec.version,
            "model": getattr(annotator, "model", None),
            "seconds": round(seconds, 4),
            **({"limited": limited} if limited else {}),
            **({"skipped": limited["reason"]} if read_nothing and limited else {}),
        },
    )


def _guarded(stage: str, uri: str, call: Any) -> Any:
    """Run ``call()``; an exception that is not a PressLensError becomes a ComponentError."""
    try:
        return call()
    except PressLensError as exc:
        if exc.source is None:
            exc.source = _display(uri)
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # noqa: BLE001 - a bug in one layer must fail one document only
        raise ComponentError(
            f"{stage} failed: {type(exc).__name__}: {exc}".rstrip(": "), source=_display(uri)
        ) from exc


def _extract_page(page: RawPage, settings: Settings) -> Document:
    from presslens.extract import extract_page

    return extract_page(page, settings)


def _source_name(source: Any) -> str:
    uri = getattr(source, "uri", None)
    return uri if isinstance(uri, str) else str(source)


def _display(uri: str) -> str:
    """The name an error shows: a file path rather than its file:// URI."""
    if uri.startswith("file://"):
        from urllib.parse import unquote, urlsplit

        return unquote(urlsplit(uri).path)
    return uri


# The one-shot API's pipelines are made under this lock: two threads calling presslens.analyze
# at once must not each load the models.
_DEFAULT_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _default_models() -> Models:
    return Models()


@lru_cache(maxsize=4)
def _default_pipeline(settings: Settings) -> Pipeline:
    return Pipeline(settings, models=_default_models())


def default_pipeline(settings: Settings = DEFAULT_SETTINGS) -> Pipeline:
    """The Pipeline behind the one-shot API, one per Settings value, built on first use.

    The default pipelines share one :class:`Models` (models do not depend on settings): this
    is the only cached model state in the package, because the one-shot functions would
    otherwise reload every model per call. Long-running code builds its own Pipeline.
    """
    with _DEFAULT_LOCK:
        return _default_pipeline(settings)


def extract(source: str | Path | RawPage, settings: Settings = DEFAULT_SETTINGS) -> Document:
    """Read and extract one source (path, '-', URL, RawPage) into a Document with paragraphs."""
    return default_pipeline(settings).subset([]).extract(source)


def analyze(
    source: str | Path | RawPage | Document,
    layers: list[str] | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> Document:
    """Extract (unless given a Document) and run the annotation layers on one source."""
    root = default_pipeline(settings)
    return (root if layers is None else root.subset(layers)).analyze(source)


__all__ = ["PipeResult", "Pipeline", "analyze", "default_pipeline", "extract"]
