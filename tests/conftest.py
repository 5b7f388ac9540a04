"""Shared fixtures: paths, the ../shared data folder (tests skip cleanly without it), and one
throw-away PostgreSQL server for the whole session (tests skip cleanly without its binaries)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The ../shared/data folder, or skip the test when this checkout has none."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent")
    return SHARED_DATA


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """One PostgreSQL server for the whole session (``pg_server``: an unprivileged user on
    127.0.0.1, stopped at the end); skips when none can be started.

    Starting a server takes seconds, so every PostgreSQL test shares this one: the store tests
    empty its tables before each test, tests that want a database of their own ask
    ``new_postgres_database``.
    """
    from pg_server import postgres_server

    try:
        with postgres_server() as url:
            yield url
    except RuntimeError as exc:
        pytest.skip(f"PostgreSQL unavailable: {exc}")


@pytest.fixture(scope="session")
def new_postgres_database(postgres_url: str) -> Iterator[Callable[[str], str]]:
    """``make(prefix)`` creates an empty database on the session's server and returns its URL.

    For tests that count rows or migrate from nothing: what a server of their own gave them,
    without rows other tests left in the shared database.
    """
    from sqlalchemy import create_engine, text

    engine = create_engine(postgres_url, isolation_level="AUTOCOMMIT")  # CREATE DATABASE
    numbers = itertools.count(1)

    def make(prefix: str) -> str:
        name = f"{prefix}_{next(numbers)}"
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        return f"{postgres_url.rsplit('/', 1)[0]}/{name}"

    yield make
    engine.dispose()


@pytest.fixture(scope="session")
def parse_and_embed() -> tuple[Callable[[str], object], object]:
    """The spaCy parser and the static embedder the contradictions layer runs on, loaded once
    for every contradiction test module."""
    from presslens.context import Models
    from presslens.layers.claims.model import load_embedder

    return Models().parser, load_embedder()


@pytest.fixture(scope="session")
def contradictions_between(parse_and_embed) -> Callable[[str, str], list]:
    """What the contradictions checks find between two sentences written one after the other."""
    from presslens.layers.contradictions.checks import find_contradictions

    parse, embed = parse_and_embed

    def find(a: str, b: str) -> list:
        text = a + " " + b
        sdoc = parse(text)
        spans = [sdoc.char_span(0, len(a)), sdoc.char_span(len(a) + 1, len(text))]
        return find_contradictions(spans, embed)

    return find
