"""The bot: a `commands.Bot` that loads the cogs and owns the engine, store and database.

Loading the cogs only registers commands. The services (database migrations, quiz
games a restart interrupted, the background jobs, persistent buttons) start in
`start_services`, which `python -m bot run` calls and `python -m bot sync` does not,
so registering commands never touches the database or a running game.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

import discord
from discord.ext import commands

from bot import __version__
from bot.core.answering import Engine
from bot.core.quiz import QuestionBank
from bot.discord.tree import AwardTree
from bot.services.browsing import NameIndex
from bot.services.cooldown import Cooldown
from bot.services.guilds import guild_timezone, local_today
from bot.services.heartbeat import write_heartbeat
from bot.services.quiz_service import QuizService
from bot.services.supervisor import PeriodicJob
from bot.settings import Settings
from bot.storage.database import Database

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 30.0


def utc_now() -> dt.datetime:
    """Return the current time in UTC."""
    return dt.datetime.now(dt.UTC)


@runtime_checkable
class ServiceCog(Protocol):
    """A cog with work to start when the bot serves and to finish when it stops."""

    async def start_services(self) -> None:
        """Start (or catch up on) the cog's work."""

    async def stop_services(self) -> None:
        """Save what is in flight and stop."""


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
        services: bool = True,
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
        self.services = services
        self.draining = False  # set while shutting down: new interactions get a polite "restarting"
        self.jobs: list[PeriodicJob] = []
        self.open_modals: set[str] = set()  # custom ids of answer boxes shown and not yet submitted
        self._watchers: set[asyncio.Task[None]] = set()
        self.ask_cooldown = Cooldown(settings.ask_cooldown_seconds, clock=now)
        if settings.health_file is not None:
            self.jobs.append(PeriodicJob("heartbeat", self.beat, HEARTBEAT_SECONDS, clock=now))
        self.quiz = QuizService(QuestionBank(engine.store), database, clock=now, rng=rng)
        self.version = __version__

    async def setup_hook(self) -> None:
        """Load the cogs (registering the commands), then start the services when serving."""
        from bot.discord.cogs import load_cogs

        await load_cogs(self)
        if self.services:
            await self.start_services()

    async def start_services(self) -> None:
        """Upgrade the database, make old buttons work again, start each cog's work and the jobs."""
        from bot.discord.components import DYNAMIC_ITEMS

        await self.database.upgrade()
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        for cog in self.cogs.values():
            if isinstance(cog, ServiceCog):
                await cog.start_services()
        if self.run_timers:
            for job in self.jobs:
                job.start()

    async def shutdown(self) -> None:
        """Stop gracefully: refuse new interactions, stop the jobs, save what is in flight, close everything."""
        if self.draining:
            return
        self.draining = True
        log.info("Shutting down: finishing background work and saving games in progress")
        for job in self.jobs:
            await job.stop()
        if self.settings.health_file is not None:
            self.settings.health_file.unlink(missing_ok=True)
        if self.services:
            for cog in self.cogs.values():
                if isinstance(cog, ServiceCog):
                    try:
                        await cog.stop_services()
                    except Exception:
                        log.exception("Stopping %s failed", type(cog).__name__)
        await self.close()

    async def beat(self) -> None:
        """Write the heartbeat file that `python -m bot health` reads."""
        assert self.settings.health_file is not None
        failing = [job.name for job in self.jobs if not job.health.ok]
        write_heartbeat(self.settings.health_file, now=self.now(), connected=self.is_ready(), failing_jobs=failing)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Make sure every click and modal submission gets an answer within Discord's time limit."""
        from bot.discord.components import watch

        if interaction.type in (discord.InteractionType.component, discord.InteractionType.modal_submit):
            task = asyncio.create_task(watch(interaction, self.open_modals))
            self._watchers.add(task)
            task.add_done_callback(self._watchers.discard)

    async def on_message(self, message: discord.Message) -> None:
        """Ignore text commands: the bot answers mentions in a cog and everything else by slash command."""

    async def on_ready(self) -> None:
        """Log the login (and tell the health check at once)."""
        log.info("Logged in as %s (%s) in %d servers", self.user, self.user.id if self.user else "?", len(self.guilds))
        if self.settings.health_file is not None and self.services:
            await self.beat()

    async def today_for(self, guild_id: int | None) -> dt.date:
        """Return today's date in the server's time zone (UTC when it chose none)."""
        return local_today(self.now(), await guild_timezone(self.database, guild_id))

    async def close(self) -> None:
        """Close Discord, then the database."""
        await super().close()
        await self.database.close()
