"""Where the store lives and how to connect: path or URL → migrated SQLAlchemy Engine.

One resolution order everywhere (CLI, web, batch, tests): an explicit ``--store PATH|URL``,
else ``$PRESSLENS_STORE``, else ``presslens.db`` in the working folder. A plain path is an
SQLite file; anything with ``://`` is an SQLAlchemy URL (``postgresql+psycopg://…``).
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from presslens.errors import StoreError

ENV_VAR = "PRESSLENS_STORE"
DEFAULT_FILE = "presslens.db"
SUPPORTED = ("sqlite", "postgresql")

# SQLite connection settings. WAL lets readers (the web app) read while the one writer (the
# ingest) writes; busy_timeout makes a second writer wait instead of failing at once;
# synchronous=NORMAL is durable across application crashes in WAL mode (only an OS crash can
# lose the last transactions) and several times faster than FULL for one commit per document.
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=30000",
)


def store_url(target: str | os.PathLike[str] | None = None) -> str:
    """The SQLAlchemy URL for ``target`` (path, URL or None → env var → ./presslens.db)."""
    if target is None:
        target = os.environ.get(ENV_VAR) or DEFAULT_FILE
    text = os.fspath(target)
    if "://" in text:
        return text
    if text == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def redacted(url: str) -> str:
    """The URL without its password, for error messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def create_store_engine(url: str) -> Engine:
    """An Engine for ``url`` with the per-engine settings the store relies on."""
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() not in SUPPORTED:
            raise StoreError(
                f"unsupported database {parsed.get_backend_name()!r} "
                "(use an SQLite path or a postgresql+psycopg:// URL)",
                source=redacted(url),
            )
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                folder = Path(parsed.database).parent
                if not folder.is_dir():
                    raise StoreError(f"folder {folder} does not exist", source=redacted(url))
            if not parsed.database or parsed.database == ":memory:":
                # One shared connection, or every connection would see its own empty database.
                engine = create_engine(url, poolclass=StaticPool)
            else:
                engine = create_engine(url)
            event.listen(engine, "connect", _sqlite_on_connect)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        return create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise StoreError(f"not a store path or URL ({exc})", source=redacted(url)) from None
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot connect: {exc.__class__.__name__}", source=redacted(url)
        ) from None


def _sqlite_on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # pysqlite's own transaction handling would defer BEGIN; SQLAlchemy's docs recipe: let
    # SQLAlchemy emit BEGIN itself so a document's writes are one real transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _sqlite_begin(conn) -> None:  # type: ignore[no-untyped-def]
    # A writing transaction (execution option ``write=True``) takes the write lock at BEGIN:
    # two writers then wait in turn (busy_timeout) instead of one failing with "database is
    # locked" half-way through a document. Readers stay deferred and never wait for a writer.
    if conn.get_execution_options().get("write"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")
