"""Outlets files and a document's outlet: explicit > outlets file > URL domain > publisher."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from presslens.errors import InputError
from presslens.store import Outlet, Store
from presslens.store.outlets import load_outlets_file, registered_domain, resolve_outlet
from presslens.store.schema import documents, outlets

from .factory import make_doc

DATA = Path(__file__).parent / "data"
KNOWN = [
    Outlet("Coastline Wire", ("coastlinewire.example", "cw-news.example")),
    Outlet("Norhaven Public Radio", ("npr.norhaven.example",)),
]


def test_toml_file() -> None:
    wire, state = load_outlets_file(DATA / "outlets.toml")
    assert wire.name == "Coastline Wire" and wire.kind == "wire"
    assert wire.domains == ("coastlinewire.example", "cw-news.example")
    assert wire.collections == ("wires", "english") and wire.tags == ("agency",)
    assert state.country == "VM" and state.language is None


def test_csv_file_with_semicolon_lists() -> None:
    daily, radio = load_outlets_file(DATA / "outlets.csv")
    assert daily.domains == ("dailyharbour.example", "harbour-daily.example")
    assert daily.collections == ("coast", "english") and radio.collections == ()
    assert radio.kind == "public_broadcaster"


@pytest.mark.parametrize(
    "content, suffix",
    [("[[outlet]]\ndomains = ['x.example']\n", ".toml"), ("not = [toml", ".toml"), ("", ".yaml")],
)
def test_bad_outlets_file_is_one_line_error(tmp_path: Path, content: str, suffix: str) -> None:
    path = tmp_path / f"outlets{suffix}"
    path.write_text(content)
    with pytest.raises(InputError) as err:
        load_outlets_file(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize(
    "explicit, url, publisher, expected",
    [
        ("Given Name", "https://coastlinewire.example/a", "P", "Given Name"),
        (None, "https://www.coastlinewire.example/a", "P", "Coastline Wire"),
        (None, "https://live.cw-news.example/a", None, "Coastline Wire"),  # alt domain + sub
        (None, "https://npr.norhaven.example/x", None, "Norhaven Public Radio"),
        (None, "https://other.norhaven.example/x", None, "norhaven.example"),  # not a sub of npr.
        (None, "https://news.bbc.co.uk/1", "BBC", "bbc.co.uk"),  # registered domain
        (None, "/tmp/file.html", "The Publisher", "The Publisher"),
        (None, "/tmp/file.html", None, None),
    ],
)
def test_resolution_order(explicit, url, publisher, expected) -> None:
    found = resolve_outlet(explicit, url, publisher, KNOWN)
    assert (found.name if found else None) == expected


def test_registered_domain_uses_public_suffixes() -> None:
    assert registered_domain("a.b.example.com.au") == "example.com.au"


def test_store_loads_outlets_and_collections(store: Store) -> None:
    store.load_outlets(DATA / "outlets.toml")
    store.load_outlets(DATA / "outlets.csv")
    assert [o.name for o in store.outlets()] == [
        "Coastline Wire",
        "Daily Harbour",
        "Norhaven Public Radio",
        "Velmora State Broadcaster",
    ]
    english = next(c for c in store.collections() if c.name == "english")
    assert english.outlets == ("Coastline Wire", "Daily Harbour")
    # loading again changes nothing (upsert by name, memberships not doubled)
    store.load_outlets(DATA / "outlets.toml")
    assert next(c for c in store.collections() if c.name == "english").outlets == english.outlets


def test_document_outlet_from_file_domain_and_publisher(store: Store) -> None:
    store.load_outlets(DATA / "outlets.toml")
    a = make_doc("one text here", uri="https://cw-news.example/story")
    b = make_doc("two text here", uri="https://www.unknown-site.example/x")
    c = make_doc("three text here", uri="/data/page.html", publisher="Harbour Gazette")
    d = make_doc("four text here", uri="https://cw-news.example/other")
    for doc in (a, b, c):
        store.add_document(doc)
    store.add_document(d, outlet="Velmora State Broadcaster")
    with store.engine.connect() as conn:
        got = dict(
            conn.execute(
                select(documents.c.id, outlets.c.name).join(
                    outlets, outlets.c.id == documents.c.outlet_id
                )
            ).all()
        )
    assert got == {
        a.id: "Coastline Wire",
        b.id: "unknown-site.example",
        c.id: "Harbour Gazette",
        d.id: "Velmora State Broadcaster",
    }


def test_fetched_url_wins_over_a_canonical_link_to_the_wire(store: Store) -> None:
    # A reprint whose canonical link points at the agency's site stays with the reprinting site.
    doc = make_doc("reprinted wire text", uri="https://dailyharbour.example/wire-copy")
    doc = replace(doc, metadata=replace(doc.metadata, url="https://coastlinewire.example/orig"))
    store.add_document(doc)
    assert store.search("reprinted").results[0].outlet == "dailyharbour.example"


def test_outlets_file_loaded_later_adopts_domain_outlets(store: Store) -> None:
    doc = make_doc("an early story", uri="https://www.cw-news.example/early")
    store.add_document(doc)
    assert store.search("early").results[0].outlet == "cw-news.example"
    store.load_outlets(DATA / "outlets.toml")
    assert store.search("early").results[0].outlet == "Coastline Wire"
    assert "cw-news.example" not in [o.name for o in store.outlets()]
