"""Claim records from a really analysed document (the claims/attributions layers as built)."""

from __future__ import annotations

from pathlib import Path

import presslens
from presslens.tracking.records import presentation, records_from_document

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "jsonld-river-council.html"


def test_records_from_analysed_document() -> None:
    doc = presslens.analyze(str(EXAMPLE))
    records = list(records_from_document(doc, "doc-1", outlet="Example Outlet"))
    claims = [c for c in doc.layers["claims"] if c["label"] == "check_worthy"]
    assert len(records) == len(claims) > 0
    for rec, claim in zip(records, claims, strict=True):
        assert rec.text == doc.text[claim["start"] : claim["end"]].strip()
        assert rec.outlet == "Example Outlet" and rec.published == doc.metadata.published
    assert any(r.credited for r in records)  # the attributions layer names who said it
    assert {presentation(r) for r in records} <= {"fact", "attributed", "hedged"}
