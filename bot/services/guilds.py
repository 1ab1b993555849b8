"""Per-server settings kept in the database."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.storage.database import Database
from bot.storage.tables import GuildSettings


async def guild_timezone(database: Database, guild_id: int | None) -> ZoneInfo:
    """Return the server's chosen time zone, UTC when it chose none."""
    if guild_id is None:
        return ZoneInfo("UTC")
    async with database.session() as session:
        row = await session.get(GuildSettings, guild_id)
    try:
        return ZoneInfo(row.timezone if row and row.timezone else "UTC")
    except ZoneInfoNotFoundError:
        return ZoneInfo("UTC")


def local_today(now: dt.datetime, zone: ZoneInfo) -> dt.date:
    """Return the date it is in `zone` at the instant `now`."""
    return now.astimezone(zone).date()
