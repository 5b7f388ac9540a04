"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL started here."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pg_server import postgres_server  # noqa: E402
from presslens.store import Store, open_store  # noqa: E402
from presslens.store.schema import metadata  # noqa: E402

ENGINES = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """One PostgreSQL server for the whole session (skips when none can be started)."""
    try:
        with postgres_server() as url:
            yield url
    except RuntimeError as exc:
        pytest.skip(f"PostgreSQL unavailable: {exc}")


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
