"""Claim records: one check-worthy claim of one document, as the clusterer sees it.

Why a record and not the Document: clustering must be testable without a store or a parse,
and the store hands over thousands of claims at once; a record carries exactly what
clustering and the cluster pages need — the text, where and when it appeared, who it is
credited to, and how the outlet presents it (as fact, attributed, or hedged).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from presslens.document import Document

# Words that hedge a claim when no attribution layer says so (text-only records, tweets):
# the outlet reports it without standing behind it.
HEDGE_WORDS = frozenset(
    {
        "reportedly",
        "allegedly",
        "alleged",
        "alleges",
        "purportedly",
        "supposedly",
        "apparently",
        "may",
        "might",
        "could",
        "possibly",
        "rumoured",
        "rumored",
        "unconfirmed",
        "claimed",
        "claims",
        "claim",
    }
)
# Reporting cues: the claim is put in someone's mouth ("…, the ministry said").
ATTRIBUTION_RE = re.compile(
    r"\b(?:said|says|say|told|according to|announced|confirmed|warned|stated|reported|"
    r"insisted|estimated|forecast|showed|shows)\b",
    re.IGNORECASE,
)
WORD_RE = re.compile(r"[\w']+")

PRESENTATIONS = ("fact", "attributed", "hedged")
CHECK_WORTHY = "check_worthy"


@dataclass(frozen=True)
class ClaimRecord:
    """One appearance of a claim (pure data; ``names`` may come from the entities layer)."""

    doc_id: str
    annotation_id: str
    text: str
    published: str | None = None  # ISO date or datetime
    outlet: str | None = None
    credited: tuple[str, ...] = ()  # attribution sources ("the energy ministry")
    hedged: bool = False  # an attribution of this claim is hedged
    attributed: bool = False  # the attributions layer links a source
    names: frozenset[str] = field(default_factory=frozenset)  # entity words, lower-cased
    duplicate_of: str | None = None  # the document this one reprints (wire copy)

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc_id, self.annotation_id)


def presentation(record: ClaimRecord) -> str:
    """``hedged`` if the outlet hedges it, ``attributed`` if it credits a source, else ``fact``.

    The attributions layer decides when it saw the claim; words decide otherwise."""
    words = {w.lower() for w in WORD_RE.findall(record.text)}
    if record.hedged or words & HEDGE_WORDS:
        return "hedged"
    if record.attributed or record.credited or ATTRIBUTION_RE.search(record.text):
        return "attributed"
    return "fact"


def _source_text(doc: Document, attribution: dict[str, Any]) -> str | None:
    source = attribution.get("source")
    if isinstance(source, dict):
        if source.get("text"):
            return str(source["text"])
        s, e = source.get("start"), source.get("end")
        if isinstance(s, int) and isinstance(e, int):
            return doc.text[s:e] or None
    return source if isinstance(source, str) else None


def _linked(layer: list[dict[str, Any]], name: str, refs: list[Any]) -> list[dict[str, Any]]:
    """Annotations a claim links to: ids under contract /2, list positions under /1."""
    by_id = {a.get("id", f"{name}-{i}"): a for i, a in enumerate(layer)}
    out = []
    for ref in refs or []:
        if isinstance(ref, int) and 0 <= ref < len(layer):
            out.append(layer[ref])
        elif isinstance(ref, str) and ref in by_id:
            out.append(by_id[ref])
    return out


def _entity_words(doc: Document, start: int, end: int) -> frozenset[str]:
    words: set[str] = set()
    for ent in doc.layers.get("entities") or []:
        if ent.get("start", -1) < end and ent.get("end", -1) > start:
            name = ent.get("canonical") or ent.get("cluster_name") or ent.get("text")
            name = name if isinstance(name, str) else doc.text[ent["start"] : ent["end"]]
            words.update(w.lower() for w in WORD_RE.findall(name))
    return frozenset(words)


def records_from_document(
    doc: Document,
    doc_id: str,
    outlet: str | None = None,
    duplicate_of: str | None = None,
    min_label: str = CHECK_WORTHY,
) -> Iterator[ClaimRecord]:
    """The check-worthy claims of one analysed document as records."""
    attributions = doc.layers.get("attributions") or []
    published = doc.metadata.published if doc.metadata else None
    for i, claim in enumerate(doc.layers.get("claims") or []):
        if claim.get("label") != min_label:
            continue
        start, end = int(claim["start"]), int(claim["end"])
        linked = _linked(attributions, "attributions", claim.get("attributions") or [])
        credited = [t for t in (_source_text(doc, a) for a in linked) if t]
        credited += [s for s in claim.get("sources") or [] if isinstance(s, str)]
        yield ClaimRecord(
            doc_id=doc_id,
            annotation_id=str(claim.get("id") or f"claims-{i}"),
            text=doc.text[start:end].strip(),
            published=published,
            outlet=outlet,
            credited=tuple(dict.fromkeys(credited)),
            hedged=any(a.get("hedged") or a.get("hedges") for a in linked),
            attributed=bool(linked),
            names=_entity_words(doc, start, end),
            duplicate_of=duplicate_of,
        )
