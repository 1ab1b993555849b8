"""The database the storage tests run on: SQLite, or PostgreSQL when TEST_DATABASE_URL names a server.

With TEST_DATABASE_URL (e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test) each test gets
a fresh database created on that server and dropped afterwards.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url

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
