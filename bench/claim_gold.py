"""The gold claim-cluster corpus (tests/gold/claim-clusters/claims.txt) and its scoring.

Shared by bench/claim_clusters.py and tests/tracking so both score the same way: pairwise
precision/recall over independent appearances (wire reprints are left out — they are linked
by ``duplicate_of``, not found), plus the pairs that must never be merged (a claim and its
denial; a claim and its near miss with another figure/date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from presslens.tracking.records import ClaimRecord

GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold" / "claim-clusters" / "claims.txt"
HEADER_RE = re.compile(r"^## (?P<id>[\w-]+)(?: (?P<rel>denies|differs) (?P<other>[\w-]+))?$")


@dataclass(frozen=True)
class Gold:
    records: list[ClaimRecord]
    cluster_of: dict[tuple[str, str], str]  # record key -> gold cluster id
    relations: dict[str, tuple[str, str]]  # cluster -> (denies|differs, other cluster)
    reprints: set[tuple[str, str]]


def load_gold(path: Path = GOLD) -> Gold:
    """Parse the gold file; every line becomes one document with one claim."""
    records: list[ClaimRecord] = []
    cluster_of: dict[tuple[str, str], str] = {}
    relations: dict[str, tuple[str, str]] = {}
    reprints: set[tuple[str, str]] = set()
    cluster = None
    source_doc = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or (line.startswith("#") and not line.startswith("## ")):
            continue
        m = HEADER_RE.match(line)
        if m:
            cluster, source_doc = m.group("id"), None
            if m.group("rel"):
                relations[cluster] = (m.group("rel"), m.group("other"))
            continue
        if cluster is None:
            raise ValueError(f"{path}:{n}: appearance before any '## cluster' line")
        reprint = line.startswith("= ")
        outlet, published, text = (p.strip() for p in line.removeprefix("= ").split(" | ", 2))
        doc = f"d{n:04d}"
        rec = ClaimRecord(
            doc_id=doc,
            annotation_id="claims-0",
            text=text,
            published=published,
            outlet=outlet,
            duplicate_of=source_doc if reprint else None,
        )
        if reprint:
            reprints.add(rec.key)
        else:
            source_doc = doc
        records.append(rec)
        cluster_of[rec.key] = cluster
    return Gold(records, cluster_of, relations, reprints)


def score(gold: Gold, predicted: dict[tuple[str, str], int]) -> dict[str, float]:
    """Pairwise precision/recall/F1 and the forbidden pairs merged (denials, near misses)."""
    keys = [r.key for r in gold.records if r.key not in gold.reprints]
    tp = fp = fn = 0
    denials = near = 0
    for a, b in combinations(keys, 2):
        same_gold = gold.cluster_of[a] == gold.cluster_of[b]
        same_pred = predicted[a] == predicted[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
        if same_pred and not same_gold:
            ca, cb = gold.cluster_of[a], gold.cluster_of[b]
            rel = gold.relations.get(ca, ("", ""))
            rel_b = gold.relations.get(cb, ("", ""))
            if (rel[1] == cb and rel[0] == "denies") or (rel_b[1] == ca and rel_b[0] == "denies"):
                denials += 1
            elif rel[1] == cb or rel_b[1] == ca:
                near += 1
    reprint_ok = sum(
        1
        for r in gold.records
        if r.key in gold.reprints
        and any(predicted[r.key] == predicted[k] for k in keys if k[0] == r.duplicate_of)
    )
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "denial_pairs_merged": denials,
        "near_miss_pairs_merged": near,
        "reprints_linked": reprint_ok,
        "reprints": len(gold.reprints),
        "pairs": tp + fn,
    }


def claims_doc(claims: list[str], published: str, uri: str):
    """A Document whose text is ``claims`` joined, each one a check-worthy claim (no pipeline
    run: the clustering cost is measured, not the analysis)."""
    from presslens.document import Document, Metadata, Source

    text, layer = "", []
    for i, claim in enumerate(claims):
        start = len(text)
        text += claim + " "
        layer.append(
            {
                "id": f"claims-{i}",
                "start": start,
                "end": start + len(claim),
                "label": "check_worthy",
                "checkworthiness": 0.9,
                "types": [],
                "attributions": [],
            }
        )
    text = text.rstrip()
    return Document(
        id=Document.id_for((uri + "\n" + text).encode()),
        source=Source(uri=uri),
        metadata=Metadata(title=claims[0][:60], published=published, language="en"),
        text=text,
        layers={"claims": layer},
        provenance={
            "claims": {"component": "bench", "version": "1", "model": None, "seconds": 0.0}
        },
    )
