"""Alembic environment: runs migrations on the connection that ``open_store`` hands over.

There is no alembic.ini: ``presslens.store.migrate.upgrade`` builds the Config in code and
passes an open connection in ``config.attributes["connection"]``, so the same code path serves
an SQLite file, a PostgreSQL URL and the tests.
"""

from __future__ import annotations

from alembic import context

from presslens.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite has no real ALTER TABLE
)
with context.begin_transaction():
    context.run_migrations()
