"""Persuasion techniques (SemEval-2020 Task 11 labels) as the ``techniques`` layer.

Why a thin module: the model lives in :mod:`presslens.layers.techniques.model` and is loaded
when a Pipeline first runs this component (once, kept in its Models), not at import, so
discovering components (``presslens layers``) stays fast and works without the model files.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from presslens.context import Context, Models
from presslens.document import Document
from presslens.layers.registry import register
from presslens.settings import Settings


@register(
    "presslens.techniques.v1",
    assigns="techniques",
    needs=("sentences",),
    description="Propaganda techniques (SemEval-2020 Task 11): MiniLM SI tagger + TC ensemble",
    languages=("en",),
)
def make(settings: Settings, models: Models) -> Callable[[Document, Context], list[dict[str, Any]]]:
    """Factory: spans found sentence by sentence, each labelled with one of the 14 techniques.

    Layer options (``[layers.techniques]``): ``min_score`` drops spans whose technique
    probability is lower (default 0: keep every span the tagger found).
    """
    from presslens.layers.techniques.model import MODEL_KEY, load_model

    opts = settings.layer("techniques")
    min_score = float(opts.get("min_score", 0.0))
    model = models.shared(MODEL_KEY, load_model)

    def annotate(doc: Document, ctx: Context) -> list[dict[str, Any]]:
        sents = doc.layers.get("sentences") or None
        segments = [(s["start"], s["end"]) for s in sents] if sents else None
        found = model.annotate(doc.text, segments)
        return [t.as_dict() for t in found if t.score >= min_score]

    annotate.model = model.sha256  # type: ignore[attr-defined]
    return annotate
