"""Claim clusters in a real (SQLite) store: update, incremental add, reads, CLI, exports."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from presslens.cli import main
from presslens.store import open_store
from presslens.tracking.clusters import cluster_detail, list_clusters, update_clusters
from presslens.tracking.export import export_claims

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from store.factory import make_doc  # noqa: E402

FILLER = (
    "Residents gathered in the square on the morning of the announcement. "
    "Officials gave few other details about the timetable. "
)


def claim_doc(text: str, claim: str, day: str, uri: str, source: str | None = None):
    """A document whose one check-worthy claim is ``claim`` (optionally attributed)."""
    full = f"{FILLER}{claim} {text}"
    start = full.index(claim)
    layers = {
        "claims": [
            {
                "id": "claims-0",
                "start": start,
                "end": start + len(claim),
                "label": "check_worthy",
                "checkworthiness": 0.9,
                "types": [],
                "attributions": ["attributions-0"] if source else [],
            },
        ],
        "attributions": (
            [
                {
                    "id": "attributions-0",
                    "start": start,
                    "end": start + len(claim),
                    "source": {"text": source},
                    "cue": "said",
                    "hedged": False,
                }
            ]
            if source
            else []
        ),
    }
    return make_doc(full, uri=uri, published=day, layers=layers)


DOCS = [
    (
        "Harbor Gazette",
        "The Veldt dam will cost 1.2 billion euros, the ministry said.",
        "2025-03-02T08:00:00+00:00",
        "the ministry",
    ),
    (
        "Northern Post",
        "According to the ministry, the Veldt dam will cost €1,200,000,000.",
        "2025-03-03T08:00:00+00:00",
        "the ministry",
    ),
    (
        "Daily Courier",
        "The ministry denied that the Veldt dam will cost 1.2 billion euros.",
        "2025-03-04T08:00:00+00:00",
        None,
    ),
    (
        "Valley Tribune",
        "Dock workers at the port of Kessa began a 48-hour strike on Tuesday.",
        "2025-04-15T06:00:00+00:00",
        None,
    ),
]


@pytest.fixture()
def store(tmp_path: Path):
    s = open_store(tmp_path / "t.db")
    for n, (outlet, claim, day, source) in enumerate(DOCS):
        s.add_document(
            claim_doc(f"Story {n} body.", claim, day, f"https://x.example/{n}", source),
            outlet=outlet,
        )
    yield s
    s.close()


def test_update_and_read(store) -> None:
    counts = update_clusters(store)
    assert counts["claims"] == 4
    rows = list_clusters(store)
    top = cluster_detail(store, rows[0]["id"])
    assert top["n_outlets"] == 2 and top["n_appearances"] == 2
    assert "Veldt dam" in top["canonical_text"]
    assert top["first_appearance"]["outlet"] == "Harbor Gazette"
    assert set(top["timeline"]) == {"Harbor Gazette", "Northern Post"}
    assert top["presentation"] == {"attributed": 2}
    assert top["credited"] == {"the ministry": 2}
    denial = [r for r in rows if "denied" in r["canonical_text"]]
    assert denial and denial[0]["id"] != top["id"]
    assert [r["id"] for r in list_clusters(store, outlet="Valley Tribune")] != [top["id"]]
    assert list_clusters(store, since="2025-04-01")[0]["n_outlets"] == 1
    assert cluster_detail(store, 9999) is None
    json.dumps(top)  # JSON-ready: times are ISO strings


def test_incremental_add_extends_clusters(store) -> None:
    update_clusters(store)
    before = {r["id"]: r["n_appearances"] for r in list_clusters(store)}
    assert update_clusters(store)["claims"] == 0  # nothing new: nothing redone
    store.add_document(
        claim_doc(
            "Later body.",
            "Officials said the Veldt dam is set to cost 1.2bn euros.",
            "2025-03-09T08:00:00+00:00",
            "https://x.example/late",
        ),
        outlet="Coastline Radio",
    )
    assert update_clusters(store)["claims"] == 1
    after = {r["id"]: r["n_appearances"] for r in list_clusters(store)}
    assert set(after) == set(before)  # joined an existing cluster
    assert sum(after.values()) == sum(before.values()) + 1


def test_cli_and_exports(store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "t.db")
    assert main(["claims", "--store", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("id\tappearances") and len(lines) == 4
    cid = lines[1].split("\t")[0]
    assert main(["claims", "show", cid, "--store", db]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["id"] == int(cid) and shown["appearances"]
    assert main(["claims", "show", "777", "--store", db]) == 1
    assert "no such claim cluster" in capsys.readouterr().err

    out = tmp_path / "reviews.json"
    assert export_claims(store, "claimreview", out) == 3
    reviews = json.loads(out.read_text())
    first = reviews[0]
    assert first["@type"] == "ClaimReview" and first["reviewRating"] is None
    assert first["claimReviewed"] and len(first["itemReviewed"]["appearance"]) == 2
    assert first["itemReviewed"]["firstAppearance"]["publisher"]["name"] == "Harbor Gazette"

    assert (
        main(["export-claims", "--store", db, "--format", "csv", "-o", str(tmp_path / "a.csv")])
        == 0
    )
    with (tmp_path / "a.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert {r["outlet"] for r in rows} >= {"Harbor Gazette", "Northern Post", "Daily Courier"}
    assert all(r["status"] in ("merged", "suggested") for r in rows)

    # The command the issue names: `presslens export claims`, beside `export documents`.
    named = tmp_path / "named.json"
    assert (
        main(["export", "claims", "--store", db, "--format", "claimreview", "-o", str(named)]) == 0
    )
    assert len(json.loads(named.read_text())) == 3
    assert main(["export", "claims", "--store", db, "--format", "jsonl", "-o", str(named)]) == 2
    assert main(["export", "--store", db, "--format", "claimreview", "-o", str(named)]) == 2


def test_wire_copy_is_linked_not_counted(tmp_path: Path) -> None:
    s = open_store(tmp_path / "w.db")
    body = " ".join(f"Paragraph sentence number {i} of the wire story." for i in range(40))
    claim = "Dock workers at the port of Kessa began a 48-hour strike on Tuesday."
    wire = claim_doc(body, claim, "2025-04-15T06:00:00+00:00", "https://wire.example/1")
    copy = claim_doc(body, claim, "2025-04-15T07:00:00+00:00", "https://paper.example/1")
    s.add_document(wire, outlet="Meridian Wire")
    s.add_document(copy, outlet="Harbor Gazette")
    if not s.get_document(copy.id) or not _duplicate_of(s, copy.id):
        pytest.skip("the store did not link the copy")
    update_clusters(s)
    (row,) = list_clusters(s)
    detail = cluster_detail(s, row["id"])
    assert row["n_appearances"] == 1 and len(detail["appearances"]) == 2
    assert detail["appearances"][1]["reprint_of"] == wire.id
    s.close()


def _duplicate_of(store, doc_id: str) -> str | None:
    from sqlalchemy import select

    from presslens.store.schema import documents

    with store.engine.connect() as conn:
        return conn.execute(
            select(documents.c.duplicate_of).where(documents.c.id == doc_id)
        ).scalar_one()


def test_review_suggestion_accept_and_reject(tmp_path: Path) -> None:
    from presslens.tracking.clustering import Thresholds
    from presslens.tracking.clusters import review_suggestion

    s = open_store(tmp_path / "r.db")
    texts = [
        "The Veldt dam will cost 1.2 billion euros, the ministry said.",
        "The Veldt river dam project is set to cost €1.2bn overall.",
    ]
    for n, claim in enumerate(texts):
        s.add_document(
            claim_doc("Body.", claim, f"2025-03-0{n + 1}T08:00:00+00:00", f"https://r/{n}"),
            outlet=f"Outlet {n}",
        )
    # thresholds that make the second claim a suggestion, whatever its exact similarity
    update_clusters(s, Thresholds(high=0.99, low=0.01))
    target = [c for c in (cluster_detail(s, r["id"]) for r in list_clusters(s)) if c["suggested"]]
    assert len(target) == 1
    sugg = target[0]["suggested"][0]
    assert review_suggestion(s, sugg["id"], accept=False) is not None
    assert review_suggestion(s, sugg["id"], accept=True) is None  # no longer a suggestion
    s.close()

    s = open_store(tmp_path / "r2.db")
    for n, claim in enumerate(texts):
        s.add_document(
            claim_doc("Body.", claim, f"2025-03-0{n + 1}T08:00:00+00:00", f"https://r/{n}"),
            outlet=f"Outlet {n}",
        )
    update_clusters(s, Thresholds(high=0.99, low=0.01))
    (target,) = [
        c for c in (cluster_detail(s, r["id"]) for r in list_clusters(s)) if c["suggested"]
    ]
    assert review_suggestion(s, target["suggested"][0]["id"], accept=True) == target["id"]
    (only,) = list_clusters(s)
    assert only["n_appearances"] == 2 and only["n_outlets"] == 2
    s.close()


def test_match_store_clusters_against_factchecks(store, tmp_path: Path) -> None:
    from presslens.tracking.clusters import clusters_of_document

    update_clusters(store)
    fc = tmp_path / "fc.jsonl"
    fc.write_text(
        json.dumps({"id": "fc-dam", "text": "The Veldt dam will cost 1.2 billion euros."})
        + "\n"
        + json.dumps({"id": "fc-strike", "text": "Kessa dock workers went on a 48-hour strike."})
        + "\n"
    )
    run = tmp_path / "run.txt"
    db = str(tmp_path / "t.db")
    assert (
        main(["claims", "match", "--store", db, "--claims", str(fc), "-k", "1", "-o", str(run)])
        == 0
    )
    top = {r.split("\t")[0]: r.split("\t")[2] for r in run.read_text().splitlines()}
    strike = [r["id"] for r in list_clusters(store) if "strike" in r["canonical_text"]][0]
    assert top[f"cluster-{strike}"] == "fc-strike"
    doc_id = next(iter(cluster_detail(store, strike)["appearances"]))["document_id"]
    assert clusters_of_document(store, doc_id) == {"claims-0": strike}
