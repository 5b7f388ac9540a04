"""Component ``presslens.contradictions.v1``: sentence pairs in one article that cannot both hold.

Reads the sentences layer for the units and the claims layer to skip sentences that assert
nothing (questions, greetings, opinions labelled ``non_factual``): a contradiction needs two
factual statements. The work is in :mod:`presslens.layers.contradictions.checks`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from presslens.document import Document
from presslens.layers.claims.model import load_embedder
from presslens.layers.contradictions.checks import find_contradictions
from presslens.layers.registry import register
from presslens.settings import Settings


def annotate_contradictions(doc: Document, embed: Callable) -> list[dict[str, Any]]:
    """The contradictions layer for one document."""
    from presslens.nlp import parse

    claims = doc.layers.get("claims") or []
    non_factual = {(c["start"], c["end"]) for c in claims if c.get("label") == "non_factual"}
    units = [
        s
        for s in doc.layers.get("sentences") or []
        if (s["start"], s["end"]) not in non_factual and doc.text[s["start"] : s["end"]].strip()
    ]
    if len(units) < 2:
        return []
    sdoc = parse(doc.text)
    spans = []
    for s in units:
        span = sdoc.char_span(s["start"], s["end"], alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    return [
        {
            "a": {"start": f.a.start, "end": f.a.end},
            "b": {"start": f.b.start, "end": f.b.end},
            "kind": f.kind,
            "score": f.score,
            "why": f.why,
        }
        for f in find_contradictions(spans, embed)
    ]


@register(
    "presslens.contradictions.v1",
    assigns="contradictions",
    needs=("sentences", "claims"),
    description="contradicting sentence pairs: negated predicate, conflicting figure or date",
    languages=("en",),
)
def make(settings: Settings) -> Callable[[Document], list[dict[str, Any]]]:
    """Load the static embedder once; provenance carries the parser's model hash."""
    from presslens.nlp import model_sha256

    embed = load_embedder()

    def annotator(doc: Document) -> list[dict[str, Any]]:
        return annotate_contradictions(doc, embed)

    annotator.model = model_sha256()  # type: ignore[attr-defined]
    return annotator
