"""Component ``presslens.claims.v1``: every sentence scored for check-worthiness, typed, linked.

Why every sentence (not only the check-worthy ones): the three-way label is part of the layer,
and a reader ranking claims wants to see where the threshold fell. The score and the label
follow the news rule (:mod:`presslens.layers.claims.news`): the model's probability adjusted
for what a desk checks first in news, ``check_worthy`` for the top of the article only, and
``rank`` the sentence's place in that order (1 = check first). Quantities and attributions
are used when those layers are present (they make types and sources exact) but not required,
so the claims layer also works on a document that only has sentences.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from presslens.context import Context, Models
from presslens.deadline import check as check_deadline
from presslens.document import Document, annotation_id
from presslens.layers.claims.model import SCORER_KEY, load_scorer
from presslens.layers.claims.news import adjusted_score, decide, full_fact_type
from presslens.layers.claims.types import claim_types, is_factual
from presslens.layers.registry import register
from presslens.settings import Settings


def _inside(ann: dict[str, Any], start: int, end: int) -> bool:
    """An annotation belongs to a sentence when it overlaps it."""
    return ann.get("start", -1) < end and ann.get("end", -1) > start


def _source_text(doc: Document, attribution: dict[str, Any]) -> str | None:
    source = attribution.get("source")
    if isinstance(source, dict):
        if source.get("text"):
            return str(source["text"])
        if isinstance(source.get("start"), int) and isinstance(source.get("end"), int):
            return doc.text[source["start"] : source["end"]] or None
    if isinstance(source, str):
        return source
    return None


def annotate_claims(doc: Document, scorer: Any) -> list[dict[str, Any]]:
    """The claims layer for one document (sentences must be present)."""
    sentences = doc.layers.get("sentences") or []
    quantities = doc.layers.get("quantities") or []
    attributions = doc.layers.get("attributions") or []
    texts = [doc.text[s["start"] : s["end"]] for s in sentences]
    if not texts:
        return []
    check_deadline()
    scores = scorer.score(texts)  # the whole document in length-sorted ONNX batches
    out: list[dict[str, Any]] = []
    for sent, text, p in zip(sentences, texts, scores, strict=True):
        check_deadline()
        if not text.strip():
            continue
        s, e = sent["start"], sent["end"]
        q_idx = [i for i, q in enumerate(quantities) if _inside(q, s, e)]
        a_idx = [i for i, a in enumerate(attributions) if _inside(a, s, e)]
        types = claim_types(text, q_idx, a_idx)
        sources = [t for t in (_source_text(doc, attributions[i]) for i in a_idx) if t]
        out.append(
            {
                "start": s,
                "end": e,
                "checkworthiness": round(adjusted_score(text, float(p), types), 4),
                "model_score": round(float(p), 4),
                "label": "unimportant_factual" if is_factual(text, types) else "non_factual",
                "claim_type": full_fact_type(types),
                "types": types,
                "quantities": [annotation_id("quantities", i, quantities[i]) for i in q_idx],
                "attributions": [annotation_id("attributions", i, attributions[i]) for i in a_idx],
                "sources": list(dict.fromkeys(sources)),
            }
        )
    _rank_and_label(out)
    return out


def _rank_and_label(claims: list[dict[str, Any]]) -> None:
    """Rank by the news score (ties in article order) and label the article's top claims."""
    scores = [c["checkworthiness"] for c in claims]
    for c, worthy in zip(claims, decide(scores), strict=True):
        if worthy:
            c["label"] = "check_worthy"
    order = sorted(range(len(claims)), key=lambda i: (-scores[i], i))
    for rank, i in enumerate(order, 1):
        claims[i]["rank"] = rank


@register(
    "presslens.claims.v1",
    assigns="claims",
    needs=("sentences",),
    after=("quantities", "attributions"),
    description="check-worthiness score, three-way label, claim types and sources per sentence",
    languages=("en",),
)
def make(settings: Settings, models: Models) -> Callable[[Document, Context], list[dict[str, Any]]]:
    """The Pipeline's scorer, loaded once; the annotator carries its sha256 for provenance.

    Layer option (``[layers.claims]``): ``threads`` sets onnxruntime's thread count (default:
    1 in a worker process, else one per core), as for the techniques layer.
    """
    opts = dict(settings.layer("claims"))
    threads = int(opts["threads"]) if "threads" in opts else None
    scorer = models.shared(SCORER_KEY, lambda: load_scorer(threads=threads))

    def annotator(doc: Document, ctx: Context) -> list[dict[str, Any]]:
        return annotate_claims(doc, scorer)

    annotator.model = scorer.sha256  # type: ignore[attr-defined]
    return annotator
