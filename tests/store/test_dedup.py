"""Syndicated copies: a wire story on two more sites, with small edits, links to the first."""

from __future__ import annotations

from sqlalchemy import func, select

from presslens.store import Store
from presslens.store.dedup import (
    BANDS,
    DUPLICATE_THRESHOLD,
    SAME_AGENCY_THRESHOLD,
    fingerprint,
    jaccard,
)
from presslens.store.schema import documents, shingle_bands

from .factory import make_doc

WIRE = (
    "PORT KELBY, Maine (CW) — A gantry crane buckled and fell across two loading berths at the "
    "Port Kelby container terminal early Saturday, halting all cargo operations and injuring "
    "three dock workers, port officials said. The 60-metre crane, one of four at the terminal, "
    "collapsed shortly after 4 a.m. during a shift change, according to a statement from the "
    "Port Authority. Two of the injured workers were taken to Kelby General Hospital with broken "
    "bones; the third was treated at the scene. Harbour master Elena Voss said the terminal "
    "would remain closed at least until Tuesday while engineers inspect the remaining cranes "
    "and the damaged quay wall. Shipping lines have begun diverting vessels to the port of "
    "Norhaven, about 80 kilometres to the south, which handled a similar diversion last year. "
    "The union representing dock workers called for an independent investigation into "
    "maintenance records, saying members had raised concerns about corrosion on the crane's "
    "boom as recently as January."
)
# Site 2 rewrites the headline area and trims the last sentence; site 3 adds a local line.
COPY_TRIMMED = WIRE.rsplit(" The union", 1)[0].replace("early Saturday", "on Saturday morning")
COPY_LOCAL = WIRE.replace("three dock workers", "three dockers") + (
    " Local businesses near the terminal said they expected deliveries to be delayed."
)
OTHER = (
    "VELMORA (VT) — The city council approved a new budget for the public library system on "
    "Thursday after a debate that lasted late into the night. Council members voted eleven to "
    "four in favour of the plan, which adds two branches in the northern districts and extends "
    "opening hours on weekends. The mayor said the library had become the busiest public "
    "building in the city and that the investment was overdue. Opponents argued that the money "
    "should have gone to road repairs, which residents have complained about for years. The "
    "budget takes effect in July, and the first new branch is expected to open next spring."
)


def _links(store: Store) -> dict[str, tuple[str | None, float | None]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(documents.c.uri, documents.c.duplicate_of, documents.c.duplicate_similarity)
        )
        return {r.uri: (r.duplicate_of, r.duplicate_similarity) for r in rows}


def test_small_edits_keep_high_similarity() -> None:
    original = fingerprint(WIRE)
    assert jaccard(original.shingles, fingerprint(COPY_TRIMMED).shingles) > 0.7
    assert jaccard(original.shingles, fingerprint(OTHER).shingles) == 0.0
    assert len(original.bands) == BANDS


def test_wire_story_on_two_more_outlets_links_to_the_earliest(store: Store) -> None:
    wire = make_doc(
        WIRE,
        uri="https://coastlinewire.example/crane",
        published="2024-05-04T09:00:00Z",
        agency="CW",
    )
    trimmed = make_doc(
        COPY_TRIMMED,
        uri="https://dailyharbour.example/crane",
        published="2024-05-04T11:00:00Z",
        agency="CW",
    )
    local = make_doc(
        COPY_LOCAL,
        uri="https://velmora.example/crane",
        published="2024-05-05T08:00:00Z",
        agency="CW",
    )
    other = make_doc(OTHER, uri="https://velmora.example/library", published="2024-05-05T09:00:00Z")
    results = [store.add_document(d) for d in (wire, trimmed, local, other)]
    assert [r.duplicate_of for r in results] == [None, wire.id, wire.id, None]
    links = _links(store)
    assert links[trimmed.source.uri][0] == wire.id and links[trimmed.source.uri][1] > 0.6
    assert links[local.source.uri][0] == wire.id
    assert links[other.source.uri] == (None, None)
    # counts can leave reprints out
    assert store.search("crane", originals_only=True).total == 1
    assert store.search("crane").total == 3
    assert store.stats()["copies"] == 2


def test_a_copy_stored_first_is_repointed_when_the_original_arrives(store: Store) -> None:
    late_copy = make_doc(
        COPY_TRIMMED,
        uri="https://dailyharbour.example/crane",
        published="2024-05-04T11:00:00Z",
        agency="CW",
    )
    local = make_doc(
        COPY_LOCAL,
        uri="https://velmora.example/crane",
        published="2024-05-05T08:00:00Z",
        agency="CW",
    )
    wire = make_doc(
        WIRE,
        uri="https://coastlinewire.example/crane",
        published="2024-05-04T09:00:00Z",
        agency="CW",
    )
    store.add_document(late_copy)
    store.add_document(local)
    assert _links(store)[local.source.uri][0] == late_copy.id
    assert store.add_document(wire).duplicate_of is None
    links = _links(store)
    assert links[late_copy.source.uri][0] == wire.id
    assert links[local.source.uri][0] == wire.id
    assert links[wire.source.uri][0] is None


def test_same_agency_lowers_the_bar(store: Store) -> None:
    # Keep two thirds of the story plus an unrelated ending: too different without the
    # shared dateline agency, a copy with it.
    half = WIRE[: int(len(WIRE) * 0.7)] + " " + OTHER[int(len(OTHER) * 0.8) :]
    score = jaccard(fingerprint(WIRE).shingles, fingerprint(half).shingles)
    assert SAME_AGENCY_THRESHOLD <= score < DUPLICATE_THRESHOLD
    store.add_document(make_doc(WIRE, uri="https://a.example/1", agency="CW"))
    plain = store.add_document(make_doc(half, uri="https://b.example/1"))
    tagged = store.add_document(make_doc(half + " ", uri="https://c.example/1", agency="CW"))
    assert plain.duplicate_of is None and tagged.duplicate_of is not None


def test_short_texts_are_not_indexed(store: Store) -> None:
    store.add_document(make_doc("Brief: the port is closed today.", uri="https://a.example/b"))
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(shingle_bands)).scalar_one() == 0
