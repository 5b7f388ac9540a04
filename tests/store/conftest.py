"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL (the session's
server, ``postgres_url`` in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from presslens.store import Store, open_store
from presslens.store.schema import metadata

ENGINES = ["sqlite", "postgresql"]


@pytest.fixture(params=ENGINES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty, migrated store on each engine."""
    if request.param == "sqlite":
        s = open_store(tmp_path / "presslens.db")
    else:
        url = request.getfixturevalue("postgres_url")
        s = open_store(url)
        _empty(s)
    try:
        yield s
    finally:
        s.close()


def _empty(s: Store) -> None:
    """Tests share one PostgreSQL database: start each from empty tables."""
    names = ", ".join(t.name for t in metadata.sorted_tables)
    with s.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
