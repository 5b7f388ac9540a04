"""The correction loop: people accept, reject, relabel, resize or add technique spans and mark
claims check-worthy or not; each action is one row in the store's ``corrections`` table beside
the model's original prediction (its version and score), with who and when.

Why an append-only log rather than editing annotations: the model's output stays what it was
(so its precision can be measured against people), two people's views of one document can be
compared (agreement), and the export replays the log into training data. A person's current
view of a document is their corrections applied in order to the model's spans.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert, select

from presslens.document import Document
from presslens.semeval.t11 import TECHNIQUES
from presslens.store import schema as s

SPAN_ACTIONS = ("accept", "reject", "relabel", "resize", "add")
CLAIM_ACTIONS = ("checkworthy", "not_checkworthy")
ACTIONS = SPAN_ACTIONS + CLAIM_ACTIONS
SPAN_LAYER = "techniques"
CLAIM_LAYER = "claims"


class CorrectionError(ValueError):
    """A correction that cannot apply (unknown span, bad offsets, unknown action) → 422."""


@dataclass(frozen=True)
class Span:
    """A technique span as a person currently sees it."""

    id: str
    start: int
    end: int
    label: str
    score: float | None = None
    status: str = "model"  # model / accepted / relabelled / resized / added


def model_spans(doc: Document) -> list[Span]:
    """The model's technique spans with their contract ids."""
    out = []
    for i, ann in enumerate(doc.layers.get(SPAN_LAYER, [])):
        out.append(
            Span(
                id=str(ann.get("id", f"{SPAN_LAYER}-{i}")),
                start=int(ann["start"]),
                end=int(ann["end"]),
                label=str(ann.get("technique", "?")),
                score=ann.get("score"),
            )
        )
    return out


def _annotation(doc: Document, layer: str, ann_id: str) -> dict[str, Any] | None:
    for i, ann in enumerate(doc.layers.get(layer, [])):
        if str(ann.get("id", f"{layer}-{i}")) == ann_id:
            return ann
    return None


def _check_offsets(doc: Document, start: int, end: int) -> None:
    if not (0 <= start < end <= len(doc.text)):
        raise CorrectionError(
            f"span {start}–{end} is outside the text (0–{len(doc.text)}) or empty"
        )


def build_correction(
    doc: Document,
    *,
    action: str,
    annotation_id: str | None,
    label: str | None = None,
    start: int | None = None,
    end: int | None = None,
    author: str,
) -> dict[str, Any]:
    """Validate one action against the document and return the row to store."""
    if action not in ACTIONS:
        raise CorrectionError(f"unknown action {action!r} (one of {', '.join(ACTIONS)})")
    layer = CLAIM_LAYER if action in CLAIM_ACTIONS else SPAN_LAYER
    before: dict[str, Any] | None = None
    model_version = (doc.provenance.get(layer) or {}).get("version")
    score = None
    if action != "add":
        if not annotation_id:
            raise CorrectionError(f"{action} needs the id of a {layer} annotation")
        ann = _annotation(doc, layer, annotation_id)
        if ann is None:
            raise CorrectionError(f"no {layer} annotation {annotation_id!r} in this document")
        key = "technique" if layer == SPAN_LAYER else "label"
        before = {"start": ann["start"], "end": ann["end"], "label": ann.get(key)}
        raw = ann.get("score") if layer == SPAN_LAYER else ann.get("checkworthiness")
        score = float(raw) if isinstance(raw, int | float) else None
    after: dict[str, Any] | None = None
    if action in ("relabel", "add") and not (label and label.strip()):
        raise CorrectionError(f"{action} needs a label")
    if label and label.strip() and label.strip() not in TECHNIQUES:
        raise CorrectionError(f"{label[:60]!r} is not a SemEval-2020 Task 11 technique label")
    if action == "relabel":
        after = {**(before or {}), "label": label.strip()}  # type: ignore[union-attr]
    elif action in ("resize", "add"):
        if start is None or end is None:
            raise CorrectionError(f"{action} needs start and end offsets")
        _check_offsets(doc, start, end)
        base = before or {}
        after = {
            "start": start,
            "end": end,
            "label": (label.strip() if label and label.strip() else base.get("label")),
        }
    elif action == "accept":
        after = dict(before or {})
    elif action == "reject":
        after = None
    else:  # claims: the person's verdict on check-worthiness
        after = {**(before or {}), "checkworthy": action == "checkworthy"}
    return {
        "document_id": doc.id,
        "layer": layer,
        "annotation_id": annotation_id if action != "add" else None,
        "action": action,
        "before": before,
        "after": after,
        "model_version": model_version,
        "score": score,
        "author": author,
        "created_at": datetime.now(UTC),
    }


def record(engine: Engine, row: dict[str, Any]) -> int:
    """Append one correction; returns its id."""
    with engine.begin() as conn:
        return int(conn.execute(insert(s.corrections).values(**row)).inserted_primary_key[0])


def corrections_for(engine: Engine, doc_id: str | None = None) -> list[dict[str, Any]]:
    """Corrections (of one document, or all) in the order they were made."""
    c = s.corrections
    stmt = select(c).order_by(c.c.id)
    if doc_id is not None:
        stmt = stmt.where(c.c.document_id == doc_id)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings().all()]


def authors(rows: Sequence[dict[str, Any]]) -> list[str]:
    return sorted({r["author"] for r in rows if r.get("author")})


def apply(spans: Sequence[Span], rows: Sequence[dict[str, Any]], author: str | None) -> list[Span]:
    """The technique spans after ``author``'s corrections (all authors' when None), in order."""
    current = {sp.id: sp for sp in spans}
    for r in rows:
        if r["layer"] != SPAN_LAYER or (author is not None and r["author"] != author):
            continue
        action, ann_id, after = r["action"], r["annotation_id"], r["after"] or {}
        if action == "add":
            new_id = f"{SPAN_LAYER}-c{r['id']}"
            current[new_id] = Span(
                new_id, int(after["start"]), int(after["end"]), str(after["label"]), None, "added"
            )
        elif ann_id in current:
            sp = current[ann_id]
            if action == "reject":
                del current[ann_id]
            elif action == "accept":
                current[ann_id] = Span(sp.id, sp.start, sp.end, sp.label, sp.score, "accepted")
            elif action == "relabel":
                current[ann_id] = Span(
                    sp.id, sp.start, sp.end, str(after["label"]), sp.score, "relabelled"
                )
            elif action == "resize":
                current[ann_id] = Span(
                    sp.id,
                    int(after["start"]),
                    int(after["end"]),
                    str(after.get("label") or sp.label),
                    sp.score,
                    "resized",
                )
    return sorted(current.values(), key=lambda x: (x.start, x.end, x.label))


def claim_verdicts(rows: Sequence[dict[str, Any]], author: str | None) -> dict[str, bool]:
    """claim id → the latest check-worthy verdict (of ``author``, or of anyone)."""
    out: dict[str, bool] = {}
    for r in rows:
        if r["layer"] == CLAIM_LAYER and (author is None or r["author"] == author):
            out[str(r["annotation_id"])] = r["action"] == "checkworthy"
    return out
