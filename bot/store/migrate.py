"""Runs the alembic migrations on an open connection; the app never needs an alembic.ini.

Alembic is imported only when a migration has to run: a store already at the newest
revision is checked with one query, and the running bot is spared alembic's memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")
# The newest revision, by the migration files' names ("0004_poll_cadence.py" is "0004");
# a test holds it equal to what alembic itself calls the head.
LATEST = max(p.name.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("[0-9]*_*.py"))


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        # env.py migrates this connection instead of opening its own (alembic's cookbook).
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The store's revision, None for a store never migrated."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(connection: Connection) -> None:
    """Bring the schema to the newest revision; pass to `AsyncConnection.run_sync`."""
    if current_revision(connection) == LATEST:
        return
    from alembic import command

    command.upgrade(alembic_config(connection), "head")
