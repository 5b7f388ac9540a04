"""What a component gets besides the Document: the shared parse, the deadline, the language,
the settings, and the models of its Pipeline.

Why a context object: components used to fetch the spaCy parse from a module cache and load
their models into module singletons, and one (quantities) ran another layer itself. Now a
:class:`~presslens.pipeline.Pipeline` owns one :class:`Models` (each model loaded once, on
first use, shared by the components that need it) and hands every component a :class:`Context`
per document, so nothing lives in module globals and two Pipelines never share state.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from presslens.deadline import UNLIMITED, Deadline
from presslens.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from presslens.document import Document
    from presslens.nlp import Parser

T = TypeVar("T")


class Models:
    """The models of one Pipeline, each loaded on first use and then kept; thread-safe.

    Keyed by a name the components agree on (``"spacy"``, ``"claims.embedder"`` …), so two
    components needing the same model (claims and contradictions share the static embedder)
    load it once.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._loaded: dict[str, Any] = {}

    def shared(self, key: str, loader: Callable[[], T]) -> T:
        """The model stored under ``key``, loading it with ``loader()`` the first time."""
        with self._lock:
            if key not in self._loaded:
                self._loaded[key] = loader()
            return self._loaded[key]

    @property
    def parser(self) -> Parser:
        """The spaCy parser (``presslens.nlp.Parser``) of this Pipeline."""
        from presslens.nlp import Parser

        return self.shared("spacy", Parser)

    def loaded(self) -> list[str]:
        """Names of the models loaded so far (for tests and memory reports)."""
        with self._lock:
            return sorted(self._loaded)


@dataclass
class Context:
    """Per-document inputs of a component besides the Document itself."""

    text: str
    language: str | None = None
    settings: Settings = DEFAULT_SETTINGS
    deadline: Deadline = UNLIMITED
    models: Models = field(default_factory=Models)
    _parse: Doc | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def for_document(
        cls,
        doc: Document,
        models: Models | None = None,
        settings: Settings = DEFAULT_SETTINGS,
        deadline: Deadline = UNLIMITED,
        parse: Doc | None = None,
    ) -> Context:
        return cls(
            text=doc.text,
            language=doc.metadata.language,
            settings=settings,
            deadline=deadline,
            models=models if models is not None else Models(),
            _parse=parse,
        )

    def parse(self) -> Doc:
        """The spaCy parse of the document text: made on first request, then shared."""
        with self._lock:
            if self._parse is None:
                self._parse = self.models.parser(self.text)
            return self._parse

    @property
    def parsed(self) -> bool:
        return self._parse is not None


__all__ = ["Context", "Models"]
