"""Bring a store's tables to the newest Alembic revision, without an alembic.ini.

The migration scripts ship inside the package (``presslens/store/migrations``) so a wheel
installed anywhere can create or upgrade a store; ``open_store`` calls :func:`upgrade` on every
open (a no-op when already at head).
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

SCRIPT_LOCATION = "presslens.store:migrations"


def alembic_config() -> Config:
    """A Config pointing at the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


def head_revision() -> str:
    """The newest revision shipped with this version of PressLens."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None  # the package always ships revision 0001
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the store's tables are at (None for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` in one transaction per migration step."""
    if revision == "head" and current_revision(engine) == head_revision():
        return
    config = alembic_config()
    with engine.connect().execution_options(write=True) as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        conn.commit()
