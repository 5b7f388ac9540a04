"""The migrated database is exactly presslens.store.schema, on both engines."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from presslens.errors import StoreError
from presslens.store import Store, open_store
from presslens.store.migrate import current_revision, head_revision
from presslens.store.schema import metadata


def _ours(name: str | None, type_: str, _parent: object) -> bool:
    # The full-text side table (FTS5 and its shadow tables / tsvector + GIN index) is not part
    # of the relational schema: migration 0001 creates it per engine with raw SQL.
    return not (name and "documents_fts" in name)


def test_migration_matches_schema_module(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _ours})
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_store_is_at_head_and_reopening_is_a_no_op(store: Store) -> None:
    assert current_revision(store.engine) == head_revision() == "0001"
    again = open_store(store.url)
    try:
        assert current_revision(again.engine) == "0001"
    finally:
        again.close()


def test_contract_tables_exist(store: Store) -> None:
    tables = set(inspect(store.engine).get_table_names())
    assert {
        "outlets",
        "collections",
        "outlet_collections",
        "documents",
        "annotations",
        "provenance",
        "failures",
        "corrections",
        "claim_clusters",
        "claim_appearances",
    } <= tables


def test_default_location_comes_from_the_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PRESSLENS_STORE", str(tmp_path / "env.db"))
    with open_store(None) as s:
        assert s.dialect == "sqlite"
    assert (tmp_path / "env.db").exists()


def test_sqlite_store_uses_wal(tmp_path) -> None:
    with open_store(tmp_path / "w.db") as s, s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


@pytest.mark.parametrize(
    "target",
    ["mysql://u@127.0.0.1/x", "no/such/folder/p.db", "postgresql+nosuchdriver://u@127.0.0.1/x"],
)
def test_bad_store_is_one_line_error(target: str) -> None:
    with pytest.raises(StoreError) as err:
        open_store(target)
    assert "[E050]" in str(err.value) and "\n" not in str(err.value)


def test_in_memory_store_works_across_calls() -> None:
    from .factory import make_doc

    with open_store(":memory:") as s:
        doc = make_doc("a text kept in memory only")
        s.add_document(doc)
        assert s.has_document(doc.id) and s.search("memory").total == 1
