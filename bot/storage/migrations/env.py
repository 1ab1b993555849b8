"""Alembic environment: migrate the bot's database (async SQLite or PostgreSQL).

The bot runs migrations itself (`python -m bot db upgrade`, and on start), passing
an open connection in `config.attributes["connection"]`. Run through the `alembic`
command (to write a new revision: `alembic revision --autogenerate -m "..."` from
the project root), the URL comes from the bot's settings.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bot.storage.tables import Base

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite changes tables by copying them
        compare_type=True,
        compare_server_default=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_with_settings() -> None:
    from bot.settings import load_settings

    engine = create_async_engine(load_settings().database_url, poolclass=NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(_run)
        await connection.commit()
    await engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline (--sql) migrations are not supported; run `python -m bot db upgrade`.")
_connection = config.attributes.get("connection")
if _connection is not None:
    _run(_connection)
else:
    asyncio.run(_run_with_settings())
