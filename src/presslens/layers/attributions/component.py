"""presslens.attributions.v1 — who says what: content, source, cue, kind, hedging, vagueness.

Rule-based over the shared spaCy parse (``ctx.parse()``): direct quotes with their speaker,
"according to X", and cue verbs governing a reported clause. The source is resolved to an
entity cluster when it contains an entity or is a pronoun that refers back to one, so a
reader can group everything one person or body is quoted as saying. Passes live in ``quotes``
and ``clauses``, their shared machinery in ``rules``, source shaping in ``source`` and the
words in ``lexicon`` (modules of this package).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from presslens.context import Context, Models
from presslens.deadline import check as check_deadline
from presslens.document import Document
from presslens.layers.attributions.clauses import according_pass, clauses_pass
from presslens.layers.attributions.quotes import quotes_pass
from presslens.layers.attributions.rules import to_annotation
from presslens.layers.registry import register
from presslens.settings import Settings


def find_attributions(doc: Document, sdoc: Any) -> list[dict[str, Any]]:
    """Attribution annotations for one Document given its spaCy parse ``sdoc`` (of
    ``doc.text``); needs its paragraphs and, ideally, entities."""
    text = doc.text
    if not text.strip():
        return []
    paragraphs = doc.layers.get("paragraphs") or [{"start": 0, "end": len(text)}]
    entities = doc.layers.get("entities") or []
    used: set[int] = set()
    sentences = doc.layers.get("sentences") or []
    found = quotes_pass(sdoc, text, paragraphs, sentences, used)
    quoted = [(f.start, f.end) for f in found]
    check_deadline()
    found += according_pass(sdoc, text, sentences, used)
    check_deadline()
    found += clauses_pass(sdoc, text, sentences, used, quoted, entities)
    # one attribution per content span: a quote found twice keeps its first (direct) reading
    seen: set[tuple[int, int]] = set()
    out = []
    check_deadline()
    for f in sorted(found, key=lambda f: (f.start, f.end)):
        if (f.start, f.end) in seen:
            continue
        seen.add((f.start, f.end))
        out.append(to_annotation(sdoc, text, f, entities))
    return out


@register(
    "presslens.attributions.v1",
    assigns="attributions",
    needs=("sentences", "entities"),
    languages=("en",),
    parses=True,
)
def make(settings: Settings, models: Models) -> Callable[[Document, Context], list[dict[str, Any]]]:
    """Attributions: content, source (with entity cluster), cue, kind, hedges, vague source."""
    parser = models.parser

    def annotate(doc: Document, ctx: Context) -> list[dict[str, Any]]:
        return find_attributions(doc, ctx.parse()) if doc.text.strip() else []

    annotate.model = parser.sha256  # type: ignore[attr-defined]
    return annotate
