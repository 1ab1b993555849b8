"""The async database: one SQLAlchemy engine; the schema is versioned by Alembic migrations.

SQLite runs in WAL mode with a busy timeout, so readers never wait for a writer and a
writer waits for another instead of failing at once; PostgreSQL connections are
checked before use, so a restarted server costs no failed query.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_SECONDS = 30.0


def _sqlite_pragmas(busy_timeout: float) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cursor.close()

    return on_connect


class Database:
    """The bot's storage; `DATABASE_URL` picks SQLite (default) or PostgreSQL.

    Building one does no I/O: nothing connects until the first query or `upgrade`.
    """

    def __init__(self, url: str, *, busy_timeout: float = SQLITE_BUSY_TIMEOUT_SECONDS) -> None:
        parsed = make_url(url)
        self.url = url
        self.dialect = parsed.get_backend_name()
        options: dict[str, Any] = {}
        self._file = (
            Path(parsed.database) if self.dialect == "sqlite" and parsed.database not in (None, ":memory:") else None
        )
        if self.dialect == "sqlite":
            options["connect_args"] = {"timeout": busy_timeout}
        else:
            options["pool_pre_ping"] = True
        self.engine: AsyncEngine = create_async_engine(url, **options)
        if self.dialect == "sqlite":
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas(busy_timeout))
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @property
    def safe_url(self) -> str:
        """Return the URL with its password hidden."""
        return make_url(self.url).render_as_string(hide_password=True)

    async def upgrade(self) -> str:
        """Create or upgrade the schema to the newest migration; return its revision."""
        from bot.storage.migrations import upgrade

        if self._file is not None:
            self._file.parent.mkdir(parents=True, exist_ok=True)
        revision = await upgrade(self.engine)
        log.info("Database ready at %s (schema %s)", self.safe_url, revision)
        return revision

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """Open a session in a transaction: committed on success, rolled back on error."""
        async with self.sessions() as session, session.begin():
            yield session

    async def close(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
