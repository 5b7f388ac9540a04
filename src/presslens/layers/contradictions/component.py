"""Component ``presslens.contradictions.v1``: sentence pairs in one article that cannot both hold.

Each pair names its two statements by sentence id (``"a": "sentences-3"``); the offsets are
the sentences'.

Reads the sentences layer for the units and the claims layer to skip sentences that assert
nothing (questions, greetings, opinions labelled ``non_factual``): a contradiction needs two
factual statements. The work is in :mod:`presslens.layers.contradictions.checks`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from presslens.context import Context, Models
from presslens.document import Document, annotation_id
from presslens.layers.claims.model import EMBEDDER_KEY, load_embedder
from presslens.layers.contradictions.checks import find_contradictions
from presslens.layers.registry import register
from presslens.settings import Settings


def annotate_contradictions(
    doc: Document, embed: Callable, parse: Callable[[], Any]
) -> list[dict[str, Any]]:
    """The contradictions layer for one document (``parse()`` gives its shared spaCy Doc)."""
    claims = doc.layers.get("claims") or []
    non_factual = {(c["start"], c["end"]) for c in claims if c.get("label") == "non_factual"}
    units = [
        (annotation_id("sentences", i, s), s)
        for i, s in enumerate(doc.layers.get("sentences") or [])
        if (s["start"], s["end"]) not in non_factual and doc.text[s["start"] : s["end"]].strip()
    ]
    if len(units) < 2:
        return []
    sdoc = parse()
    spans = []
    sentence_of: dict[tuple[int, int], str] = {}  # the spaCy span's offsets -> sentence id
    for sentence_id, s in units:
        span = sdoc.char_span(s["start"], s["end"], alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
            sentence_of.setdefault((span.start_char, span.end_char), sentence_id)
    return [
        {
            "a": sentence_of[(f.a.start, f.a.end)],
            "b": sentence_of[(f.b.start, f.b.end)],
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
    parses=True,
)
def make(settings: Settings, models: Models) -> Callable[[Document, Context], list[dict[str, Any]]]:
    """The Pipeline's static embedder (shared with claims); provenance: the parser's hash."""
    embed = models.shared(EMBEDDER_KEY, load_embedder)
    parser = models.parser

    def annotator(doc: Document, ctx: Context) -> list[dict[str, Any]]:
        return annotate_contradictions(doc, embed, ctx.parse)

    annotator.model = parser.sha256  # type: ignore[attr-defined]
    return annotator
