"""Persuasion techniques (SemEval-2020 Task 11 labels) as the ``techniques`` layer.

Why a thin module: the model lives in :mod:`presslens.layers.techniques.model` and is loaded
when a Pipeline first runs this component (once, kept in its Models), not at import, so
discovering components (``presslens layers``) stays fast and works without the model files.
The package: ``model`` (SI + TC inference), ``batched`` (the same across sentences and
documents), ``detectors/`` (named state-media rules), ``combine`` (precedence, one-word floor),
``annotate`` (the one entry point used here and by the benches), ``spans``/``tcinput``/
``features`` (inputs shared with training). Pages in fr/de/it/pl/ru (and English on request)
also get paragraph-level labels from ``multilingual/`` (SemEval-2023's 23 techniques).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from presslens.context import Context, Models
from presslens.document import Document
from presslens.layers.registry import register
from presslens.layers.techniques.detectors import LANGUAGES as DETECTOR_LANGUAGES
from presslens.layers.techniques.multilingual.dispatch import (
    PARAGRAPH_MODEL_LANGUAGES,
    uses_paragraph_model,
)
from presslens.settings import Settings


@register(
    "presslens.techniques.v1",
    assigns="techniques",
    needs=("sentences",),
    description="Propaganda techniques (SemEval-2020 Task 11): MiniLM SI tagger + TC ensemble "
    "+ named state-media detectors",
    # The English encoder runs on English pages only; the named detectors also read ru/fa/ar/fr;
    # the multilingual paragraph model reads fr/de/it/pl/ru.
    languages=tuple(sorted({"en", *DETECTOR_LANGUAGES, *PARAGRAPH_MODEL_LANGUAGES})),
)
def make(settings: Settings, models: Models) -> Callable[[Document, Context], list[dict[str, Any]]]:
    """Factory: spans found sentence by sentence, each labelled with one of the 14 techniques.

    Layer options (``[layers.techniques]``): ``min_score`` drops spans whose score is lower
    (default 0), ``detectors`` (default true) switches the named detectors,
    ``ll_single_word_min_score`` overrides the one-word Loaded_Language floor
    (:mod:`presslens.layers.techniques.annotate`), ``threads`` sets onnxruntime's thread count
    (default: 1 in a worker process, else one per core), ``multilingual`` (default true) and
    ``multilingual_en`` (default false) choose where the paragraph model runs
    (:mod:`presslens.layers.techniques.multilingual.dispatch`), ``multilingual_sentences``
    (default true) adds the sentences of each labelled paragraph that carry its technique.
    """
    from presslens.layers.techniques.annotate import annotate_texts
    from presslens.layers.techniques.model import MODEL_KEY, load_model

    opts = dict(settings.layer("techniques"))
    threads = int(opts["threads"]) if "threads" in opts else None
    model = models.shared(MODEL_KEY, lambda: load_model(threads))

    def annotate_batch(items: list[tuple[Document, Context]]) -> list[list[dict[str, Any]]]:
        """The Pipeline's cross-document hook: one encoder pass over all items' sentences.
        Anything added per page belongs here: ``annotate`` is this with a list of one."""
        results = annotate_texts(
            model, [(d.text, _segments(d), c.language) for d, c in items], opts
        )
        for spans, (doc, ctx) in zip(results, items, strict=True):
            if uses_paragraph_model(ctx.language, opts):
                spans += _paragraph_labels(models, doc, ctx.language or "", opts)
        return results

    def annotate(doc: Document, ctx: Context) -> list[dict[str, Any]]:
        return annotate_batch([(doc, ctx)])[0]

    annotate.model = _model_digest(model.sha256, opts)  # type: ignore[attr-defined]
    annotate.annotate_batch = annotate_batch  # type: ignore[attr-defined]
    return annotate


def _model_digest(english_sha: str, opts: dict[str, Any]) -> str:
    """Provenance of the layer: the English model's digest, combined with the multilingual
    model's when that model may run, so a change to either shows in stored documents."""
    if not opts.get("multilingual", True):
        return english_sha
    from presslens.layers.techniques.multilingual.classifier import files_digest

    return hashlib.sha256(f"{english_sha}:{files_digest()}".encode()).hexdigest()


def _segments(doc: Document) -> list[tuple[int, int]] | None:
    """The sentences the tagger reads (it was trained on one sentence per input)."""
    sents = doc.layers.get("sentences") or None
    return [(s["start"], s["end"]) for s in sents] if sents else None


def _paragraph_labels(
    models: Models, doc: Document, language: str, opts: dict[str, Any]
) -> list[dict[str, Any]]:
    """The multilingual model's paragraph annotations (loaded on the first such page)."""
    from presslens.layers.techniques.multilingual.classifier import (
        MODEL_KEY as ML_KEY,
    )
    from presslens.layers.techniques.multilingual.classifier import (
        annotate_paragraphs,
    )
    from presslens.layers.techniques.multilingual.classifier import (
        load_model as load_multilingual,
    )

    ml = models.shared(ML_KEY, load_multilingual)
    min_score = float(opts.get("min_score", 0.0))
    return annotate_paragraphs(
        ml,
        doc.text,
        language,
        doc.layers.get("paragraphs"),
        min_score,
        sentences=doc.layers.get("sentences"),
        with_sentences=bool(opts.get("multilingual_sentences", True)),
    )
