"""The bot: a `commands.Bot` that loads the cogs and owns the engine, store and database."""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Callable
from typing import Any

import discord
from discord.ext import commands

from bot import __version__
from bot.core.engine import Engine
from bot.core.quiz import QuestionBank
from bot.discord.tree import AwardTree
from bot.services.browsing import NameIndex
from bot.services.guilds import guild_timezone, local_today
from bot.services.quiz_service import QuizService
from bot.settings import Settings
from bot.storage.database import Database

log = logging.getLogger(__name__)


def utc_now() -> dt.datetime:
    """Return the current time in UTC."""
    return dt.datetime.now(dt.UTC)


class AwardBot(commands.Bot):
    """The award-trivia bot. Needs no privileged intents."""

    def __init__(
        self,
        *,
        engine: Engine,
        database: Database,
        settings: Settings,
        now: Callable[[], dt.datetime] = utc_now,
        run_timers: bool = True,
        rng: Callable[[], random.Random] = random.Random,
        **options: Any,
    ) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        intents.guild_messages = True  # mentions of the bot arrive with their content without the privileged intent
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            tree_cls=AwardTree,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            **options,
        )
        self.engine = engine
        self.store = engine.store
        self.names = NameIndex(engine.store)
        self.database = database
        self.settings = settings
        self.now = now
        self.started_at = now()
        self.run_timers = run_timers  # False in tests, which drive the quiz and daily timers by hand
        self.quiz = QuizService(QuestionBank(engine.store), database, clock=now, rng=rng)
        self.version = __version__

    async def setup_hook(self) -> None:
        """Prepare the database and load the cogs."""
        from bot.discord.cogs.ask import AskCog
        from bot.discord.cogs.awards import AwardsCog
        from bot.discord.cogs.daily import DailyCog
        from bot.discord.cogs.info import InfoCog
        from bot.discord.cogs.quiz import QuizCog

        await self.database.create_schema()
        quiz_tick, daily_tick = (1.0, 30.0) if self.run_timers else (0.0, 0.0)
        cogs = (
            AskCog(self),
            AwardsCog(self),
            InfoCog(self),
            QuizCog(self, tick_seconds=quiz_tick),
            DailyCog(self, tick_seconds=daily_tick),
        )
        for cog in cogs:
            await self.add_cog(cog)

    async def on_message(self, message: discord.Message) -> None:
        """Ignore text commands: the bot answers mentions in a cog and everything else by slash command."""

    async def on_ready(self) -> None:
        """Log the login."""
        log.info("Logged in as %s (%s) in %d servers", self.user, self.user.id if self.user else "?", len(self.guilds))

    async def today_for(self, guild_id: int | None) -> dt.date:
        """Return today's date in the server's time zone (UTC when it chose none)."""
        return local_today(self.now(), await guild_timezone(self.database, guild_id))

    async def close(self) -> None:
        """Close Discord, then the database."""
        await super().close()
        await self.database.close()
