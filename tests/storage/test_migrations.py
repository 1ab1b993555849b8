"""Migrations: a fresh database, an old one made before migrations, and models that match the migrations."""

from __future__ import annotations

import datetime as dt

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from bot.storage.database import Database
from bot.storage.migrations import alembic_config, head_revision
from bot.storage.tables import Base, GuildSettings

# The schema as the first release created it (before migrations): the old `daily_enabled_on`
# column, and no `daily_since` or `detail`, which a later release added on start.
LEGACY_SCHEMA = [
    """CREATE TABLE guild_settings (guild_id BIGINT NOT NULL PRIMARY KEY, timezone VARCHAR(64) NOT NULL,
       daily_channel_id BIGINT, daily_time VARCHAR(5), daily_enabled BOOLEAN NOT NULL,
       daily_skip_empty BOOLEAN NOT NULL, daily_max_items INTEGER NOT NULL, daily_paused_reason TEXT,
       daily_enabled_on DATE)""",
    """CREATE TABLE daily_posts (id INTEGER NOT NULL PRIMARY KEY, guild_id BIGINT NOT NULL, local_date DATE NOT NULL,
       channel_id BIGINT NOT NULL, claimed_at TIMESTAMP NOT NULL, message_id BIGINT, status VARCHAR(16) NOT NULL,
       CONSTRAINT uq_daily_post_guild_date UNIQUE (guild_id, local_date))""",
    "INSERT INTO guild_settings VALUES (1, 'Asia/Seoul', 5, '09:00', true, false, 5, NULL, NULL)",
]


def _tables(sync_conn) -> set[str]:
    return set(inspect(sync_conn).get_table_names())


async def test_a_fresh_database_is_created_at_the_newest_revision(database_url: str) -> None:
    db = Database(database_url)
    try:
        assert await db.upgrade() == head_revision()
        assert await db.upgrade() == head_revision()  # running it again changes nothing
        async with db.engine.connect() as conn:
            assert {"guild_settings", "daily_posts", "quiz_games", "quiz_answers", "quiz_asked"} <= await conn.run_sync(
                _tables
            )
    finally:
        await db.close()


async def test_the_models_match_the_migrations(database_url: str) -> None:
    """Fails when a model changes without a migration (or the other way round)."""
    db = Database(database_url)
    try:
        await db.upgrade()
        async with db.engine.connect() as conn:
            diff = await conn.run_sync(
                lambda c: compare_metadata(
                    MigrationContext.configure(c, opts={"compare_type": True, "compare_server_default": True}),
                    Base.metadata,
                )
            )
        assert diff == []
    finally:
        await db.close()


async def test_new_rows_get_the_schema_defaults(database_url: str) -> None:
    db = Database(database_url)
    try:
        await db.upgrade()
        async with db.engine.begin() as conn:
            await conn.execute(text("INSERT INTO guild_settings (guild_id) VALUES (42)"))
        async with db.session() as session:
            row = await session.get(GuildSettings, 42)
            assert row is not None
            assert (row.timezone, row.daily_enabled, row.daily_skip_empty, row.daily_max_items) == (
                "UTC",
                False,
                False,
                5,
            )
    finally:
        await db.close()


async def test_a_database_from_before_migrations_is_adopted_and_keeps_its_rows(database_url: str) -> None:
    db = Database(database_url)
    try:
        async with db.engine.begin() as conn:
            for statement in LEGACY_SCHEMA:
                await conn.execute(text(statement))
        assert await db.upgrade() == head_revision()
        async with db.engine.connect() as conn:
            columns = await conn.run_sync(lambda c: {x["name"] for x in inspect(c).get_columns("daily_posts")})
            assert "detail" in columns
        async with db.session() as session:
            row = await session.get(GuildSettings, 1)
            assert row is not None and row.timezone == "Asia/Seoul" and row.daily_time == "09:00"
            row.daily_since = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # a column the old schema lacked
    finally:
        await db.close()


async def test_downgrade_to_nothing_and_back(database_url: str) -> None:
    db = Database(database_url)
    try:
        await db.upgrade()
        async with db.engine.begin() as conn:
            await conn.run_sync(lambda c: command.downgrade(alembic_config(c), "base"))
            assert await conn.run_sync(_tables) <= {"alembic_version"}
        assert await db.upgrade() == head_revision()
    finally:
        await db.close()
