"""Versioned schema migrations (Alembic): `python -m bot db upgrade`, also run when the bot starts.

A database made before migrations existed (tables but no `alembic_version`) is
adopted: columns it lacks are added, NULLs where the schema has defaults are filled,
and it is stamped at the first revision before upgrading.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

log = logging.getLogger(__name__)

SCRIPT_LOCATION = Path(__file__).resolve().parent
FIRST_REVISION = "0001"
_ADVISORY_LOCK = 7_246_611_301  # serialises migrations of processes starting together (PostgreSQL)

# Columns a pre-migration database may lack (added later by "new columns on start"), and
# the defaults of NOT NULL columns such a database may hold NULLs in.
_LEGACY_COLUMNS = {
    "guild_settings": {"daily_since": "TIMESTAMP WITH TIME ZONE", "daily_paused_reason": "TEXT"},
    "daily_posts": {"detail": "TEXT"},
}
_LEGACY_DEFAULTS = {
    "guild_settings": {
        "timezone": "'UTC'",
        "daily_enabled": "false",
        "daily_skip_empty": "false",
        "daily_max_items": "5",
    },
    "daily_posts": {"status": "'claimed'"},
    "quiz_games": {"status": "'running'"},
}


class DatabaseUnavailable(Exception):
    """The database cannot be reached or migrated; the message says why (never the password)."""


def alembic_config(connection: Connection | None = None) -> Config:
    """Return an Alembic configuration for the bot's migrations, bound to `connection` if given."""
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """Return the newest revision the code knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def upgrade_connection(connection: Connection) -> str:
    """Adopt a pre-migration schema if needed, then upgrade to the newest revision; return it."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK})
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables and "guild_settings" in tables:
        _adopt_legacy(connection, tables)
    command.upgrade(alembic_config(connection), "head")
    revision = MigrationContext.configure(connection).get_current_revision()
    return revision or "none"


def _adopt_legacy(connection: Connection, tables: set[str]) -> None:
    log.warning("Adopting a database made before migrations: checking columns, then stamping %s", FIRST_REVISION)
    quote = connection.dialect.identifier_preparer.quote
    inspector = inspect(connection)
    for table, columns in _LEGACY_COLUMNS.items():
        present = {c["name"] for c in inspector.get_columns(table)} if table in tables else set()
        for column, kind in columns.items():
            if table in tables and column not in present:
                connection.execute(text(f"ALTER TABLE {quote(table)} ADD COLUMN {quote(column)} {kind}"))
    for table, defaults in _LEGACY_DEFAULTS.items():
        if table not in tables:
            continue
        for column, value in defaults.items():
            connection.execute(
                text(f"UPDATE {quote(table)} SET {quote(column)} = {value} WHERE {quote(column)} IS NULL")  # noqa: S608 - constants
            )
    command.stamp(alembic_config(connection), FIRST_REVISION)


async def upgrade(engine: AsyncEngine) -> str:
    """Upgrade the schema through an open engine (used when the bot starts)."""
    async with engine.begin() as connection:
        return await connection.run_sync(upgrade_connection)


def _current(connection: Connection) -> str:
    return MigrationContext.configure(connection).get_current_revision() or "none (empty database)"


async def _with_engine(url: str, upgrade_it: bool) -> str:
    parsed = make_url(url)
    if upgrade_it and parsed.get_backend_name() == "sqlite" and parsed.database not in (None, ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)  # type: ignore[arg-type]
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        if upgrade_it:
            return await upgrade(engine)
        async with engine.connect() as connection:
            return await connection.run_sync(_current)
    except (SQLAlchemyError, OSError) as exc:
        raise DatabaseUnavailable(describe_database_error(exc)) from None
    finally:
        await engine.dispose()


def describe_database_error(exc: BaseException) -> str:
    """Say in one line why the database failed, without the URL or its password."""
    original = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    reason = str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    return f"cannot use the database: {reason}"


def upgrade_database(url: str) -> str:
    """Create or upgrade the schema at `url`; return the revision it is at."""
    return asyncio.run(_with_engine(url, upgrade_it=True))


def current_revision(url: str) -> str:
    """Return the schema revision of the database at `url`."""
    return asyncio.run(_with_engine(url, upgrade_it=False))
