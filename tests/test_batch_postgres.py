"""The same ingest into a PostgreSQL store (a database of its own on the session's server)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from presslens.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def pg_url(new_postgres_database: Callable[[str], str]) -> str:
    """An empty database on the session's server: the counts below are of this ingest alone."""
    return new_postgres_database("batch_ingest")


def test_ingest_into_postgresql_then_rerun_skips(pg_url: str, capsys) -> None:
    pages = [str(EXAMPLES / n) for n in ("mpw-grid-deal.html", "dump-vsna-grid-deal-reprint.txt")]
    args = ["ingest", *pages, "--store", pg_url, "--layers", "sentences", "--workers", "2"]
    assert main(args) == 0
    assert main(args) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[-2].endswith("2 stored, 0 skipped (already there), 0 failed")
    assert err[-1].endswith("0 stored, 2 skipped (already there), 0 failed")
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        q = "SELECT count(*), count(duplicate_of) FROM documents"
        assert tuple(conn.execute(text(q)).one()) == (2, 1)  # the reprint links to the wire copy
        prov = "SELECT count(*) FROM provenance WHERE layer = 'sentences'"
        assert conn.execute(text(prov)).scalar_one() == 2
    engine.dispose()
