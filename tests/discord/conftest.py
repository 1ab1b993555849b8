"""Start the fake Discord and the real bot against it, with a fresh database and a fake clock."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass

import discord
import pytest
import yarl

from bot.core.answering import Engine
from bot.core.store import FactStore
from bot.discord.bot import AwardBot
from bot.settings import Settings
from bot.storage.database import Database
from tests.discord.fake_discord import FakeDiscord

TOKEN = "fake-token-ABC.DEF.GHI-do-not-log"


class FakeClock:
    """A settable clock in UTC."""

    def __init__(self, now: dt.datetime) -> None:
        self.current = now

    def __call__(self) -> dt.datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += dt.timedelta(**delta)


@dataclass
class Harness:
    """The fake server, the bot, its clock and how to restart it."""

    fake: FakeDiscord
    bot: AwardBot
    task: asyncio.Task[None]
    clock: FakeClock
    database_url: str

    async def restart(self) -> None:
        """Stop the bot and start a new one on the same database (a new connection pool)."""
        await stop_bot(self.bot, self.task)
        self.bot, self.task = await start_bot(self.fake, self.bot.store, self.clock, self.database_url)


async def start_bot(
    fake: FakeDiscord, store: FactStore, clock: FakeClock, database_url: str, **settings: object
) -> tuple[AwardBot, asyncio.Task[None]]:
    """Start the real bot against the fake and wait until it is ready."""
    fake.identified.clear()
    config = Settings(
        _env_file=None,
        discord_token=TOKEN,
        database_url=database_url,  # type: ignore[call-arg]
        ask_cooldown_seconds=0,
        **settings,
    )
    engine = Engine(store, clock=lambda: clock().date())
    bot = AwardBot(
        engine=engine,
        database=Database(database_url),
        settings=config,
        now=clock,
        run_timers=False,
        rng=lambda: random.Random(7),
        guild_ready_timeout=0.05,
    )
    task = asyncio.create_task(bot.start(TOKEN))
    await asyncio.wait_for(bot.wait_until_ready(), 10)
    return bot, task


async def stop_bot(bot: AwardBot, task: asyncio.Task[None]) -> None:
    """Close the bot and wait for its task."""
    await bot.close()
    with contextlib.suppress(asyncio.CancelledError, discord.ConnectionClosed):
        await asyncio.wait_for(task, 5)


@pytest.fixture
async def harness(store: FactStore, database_url: str) -> AsyncIterator[Harness]:
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    fake = FakeDiscord()
    await fake.start()
    clock = FakeClock(dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC))
    url = database_url
    bot, task = await start_bot(fake, store, clock, url)
    await bot.tree.sync()
    harness = Harness(fake, bot, task, clock, url)
    try:
        yield harness
    finally:
        await stop_bot(harness.bot, harness.task)
        await fake.stop()
        discord.http.Route.BASE = base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(str(gateway))
