"""Claim clustering over records: the gold corpus, denials, reprints, incremental adds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from presslens.tracking.clustering import Clusterer
from presslens.tracking.records import ClaimRecord, presentation

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from claim_gold import load_gold, score  # noqa: E402


@pytest.fixture(scope="module")
def embed():
    from presslens.layers.claims.model import load_embedder

    return load_embedder()


def test_gold_precision_and_no_denial_merged(embed) -> None:
    gold = load_gold()
    out = Clusterer(embed).add(gold.records)
    s = score(gold, {a.record.key: a.cluster for a in out})
    assert s["precision"] >= 0.9
    assert s["denial_pairs_merged"] == 0
    assert s["reprints_linked"] == s["reprints"]
    assert s["recall"] >= 0.6


def _rec(doc: str, text: str, day: str, dup: str | None = None) -> ClaimRecord:
    return ClaimRecord(doc, "claims-0", text, published=day, outlet=doc, duplicate_of=dup)


def test_denial_never_merged_even_when_worded_alike(embed) -> None:
    c = Clusterer(embed)
    a, b, d = c.add(
        [
            _rec("a", "The Orm Bank will close 40 branches in Kessa next year.", "2025-01-01"),
            _rec("b", "Orm Bank is to close 40 of its branches in Kessa next year.", "2025-01-02"),
            _rec("d", "The Orm Bank will not close 40 branches in Kessa next year.", "2025-01-03"),
        ]
    )
    assert a.cluster == b.cluster
    assert d.cluster != a.cluster and d.suggested_cluster is None


def test_incremental_add_keeps_clusters_and_links_reprints(embed) -> None:
    c = Clusterer(embed)
    first = c.add([_rec("a", "Inflation in Arland hit 9.8 percent in May.", "2025-06-01")])
    before = {m.record.key: m.cluster for m in c.state.members}
    later = c.add(
        [
            _rec("b", "Arland's annual inflation reached 9.8% in May.", "2025-06-02"),
            _rec("c", "Inflation in Arland hit 9.8 percent in May.", "2025-06-02", dup="a"),
        ]
    )
    assert {k: v for k, v in before.items()} == {
        m.record.key: m.cluster for m in c.state.members[: len(before)]
    }
    assert later[1].reprint_of == "a" and later[1].cluster == first[0].cluster


def test_presentation() -> None:
    assert presentation(ClaimRecord("d", "1", "The dam will cost 1.2bn.")) == "fact"
    assert presentation(ClaimRecord("d", "1", "The dam will cost 1.2bn, the ministry said.")) == (
        "attributed"
    )
    assert presentation(ClaimRecord("d", "1", "The dam will reportedly cost 1.2bn.")) == "hedged"
    assert presentation(ClaimRecord("d", "1", "x", credited=("the ministry",))) == "attributed"
