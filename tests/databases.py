"""The database the storage tests run on: SQLite, or PostgreSQL when TEST_DATABASE_URL names a server.

With TEST_DATABASE_URL (e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test) each test gets
a fresh database created on that server and dropped afterwards.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "").strip()


def postgres_admin_url() -> str | None:
    """Return the server to make test databases on, from TEST_DATABASE_URL, if any."""
    if not TEST_DATABASE_URL:
        return None
    url = make_url(TEST_DATABASE_URL)
    return url.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


async def _admin(url: str, sql: str) -> None:
    import asyncpg

    parsed = make_url(url)
    conn = await asyncpg.connect(
        host=parsed.host,
        port=parsed.port or 5432,
        user=parsed.username,
        password=parsed.password,
        database=parsed.database,
    )
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@contextmanager
def fresh_postgres(admin_url: str) -> Iterator[str]:
    """Create an empty database on the server, yield its URL, drop it after."""
    name = f"bot_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin(admin_url, f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(_admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextmanager
def fresh_database(tmp_path: Path) -> Iterator[str]:
    """Yield the URL of an empty database: PostgreSQL when configured, else a SQLite file."""
    admin = postgres_admin_url()
    if admin is None:
        yield f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
        return
    with fresh_postgres(admin) as url:
        yield url


class Outage:
    """Take a bot's database away and give it back.

    PostgreSQL: the real thing. The database stops accepting connections and every open
    one is terminated. SQLite (a file has no server to stop): every statement the bot's
    engine sends fails with the error SQLite gives for a lock held by another process.
    """

    def __init__(self, engine: Any, url: str) -> None:
        self.engine = engine
        self.url = url
        self.active = False

    async def begin(self) -> None:
        self.active = True
        if self.engine.dialect.name == "postgresql":
            name = make_url(self.url).database
            admin = make_url(self.url).set(database="postgres").render_as_string(hide_password=False)
            await _admin(admin, f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            await _admin(
                admin,
                f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' "  # noqa: S608
                "AND pid <> pg_backend_pid()",
            )
        else:
            event.listen(self.engine.sync_engine, "before_cursor_execute", self._fail)

    async def end(self) -> None:
        self.active = False
        if self.engine.dialect.name == "postgresql":
            name = make_url(self.url).database
            admin = make_url(self.url).set(database="postgres").render_as_string(hide_password=False)
            await _admin(admin, f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        else:
            event.remove(self.engine.sync_engine, "before_cursor_execute", self._fail)

    @staticmethod
    def _fail(*_: Any) -> None:
        raise OperationalError("SELECT", {}, sqlite3.OperationalError("database is locked"))
