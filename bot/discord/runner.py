"""Start the bot for real (`run`) or just register its commands (`sync`)."""

from __future__ import annotations

import asyncio
import logging

import discord

from bot.discord.bot import AwardBot
from bot.services.asking import build_engine
from bot.settings import Settings
from bot.storage.database import Database

log = logging.getLogger(__name__)


def _build(settings: Settings) -> AwardBot:
    return AwardBot(
        engine=build_engine(settings.facts_dir), database=Database(settings.database_url), settings=settings
    )


def run_bot(settings: Settings) -> int:
    """Run the bot until interrupted."""
    assert settings.discord_token is not None
    bot = _build(settings)
    try:
        bot.run(settings.discord_token.get_secret_value(), log_handler=None)
    except discord.LoginFailure:
        log.error("Discord rejected the token in DISCORD_TOKEN; reset it in the developer portal and update .env.")
        return 1
    return 0


async def sync_tree(bot: AwardBot, guild_id: int | None) -> list[str]:
    """Register the commands: to one guild at once when given, else globally."""
    if guild_id:
        guild = discord.Object(id=guild_id)
        bot.tree.copy_global_to(guild=guild)
        synced = await bot.tree.sync(guild=guild)
    else:
        synced = await bot.tree.sync()
    return [c.name for c in synced]


def sync_commands(settings: Settings) -> int:
    """Log in, register the slash commands, log out."""
    assert settings.discord_token is not None

    async def main() -> int:
        bot = _build(settings)
        try:
            await bot.login(settings.discord_token.get_secret_value())
            await bot.setup_hook()
            names = await sync_tree(bot, settings.dev_guild_id)
        except discord.LoginFailure:
            log.error("Discord rejected the token in DISCORD_TOKEN; reset it in the developer portal.")
            return 1
        finally:
            await bot.close()
        where = f"guild {settings.dev_guild_id}" if settings.dev_guild_id else "all servers (may take up to an hour)"
        print(f"Synced {len(names)} commands to {where}: {', '.join('/' + n for n in sorted(names))}")
        return 0

    return asyncio.run(main())
