"""Start the bot for real (`run`) or just register its commands (`sync`).

`run` stops gracefully on SIGTERM (`docker stop`, systemd) and SIGINT (Ctrl-C): it
stops taking interactions, lets the background jobs finish their step, saves the
quiz rounds in progress, closes the gateway and the database, and exits 0.
"""

from __future__ import annotations

import asyncio
import logging
import signal

import aiohttp
import discord
import yarl

from bot.core.answering import Engine
from bot.discord.bot import AwardBot
from bot.settings import Settings
from bot.storage.database import Database
from bot.storage.migrations import describe_database_error

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED = 0, 1
TOKEN_REJECTED = "Discord rejected the token in DISCORD_TOKEN; reset it in the developer portal and update .env."  # noqa: S105 - a message, not a secret


def use_endpoints(settings: Settings) -> None:
    """Point discord.py at another API and gateway (a proxy, or the tests' fake Discord) when configured."""
    if settings.discord_api_url:
        discord.http.Route.BASE = settings.discord_api_url.rstrip("/")
    if settings.discord_gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)


def build_bot(settings: Settings, engine: Engine, *, services: bool = True) -> AwardBot:
    """Build the bot from settings (no I/O happens until it starts)."""
    use_endpoints(settings)
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False  # the bot never joins voice
    return AwardBot(engine=engine, database=Database(settings.database_url), settings=settings, services=services)


async def serve(bot: AwardBot, token: str) -> int:
    """Run until Discord closes or a stop signal arrives; then shut down gracefully."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    runner = asyncio.create_task(bot.start(token), name="discord")
    stopper = asyncio.create_task(stop.wait(), name="stop-signal")
    done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
    code = EXIT_OK
    if runner in done:
        code = _failure_code(runner)
    else:
        log.info("Stop signal received")
    stopper.cancel()
    await bot.shutdown()
    if not runner.done():
        try:
            await asyncio.wait_for(runner, 10)
        except (asyncio.CancelledError, TimeoutError, discord.DiscordException, aiohttp.ClientError, OSError):
            log.debug("The Discord connection ended while stopping", exc_info=True)
    log.info("Stopped")
    return code


def _failure_code(runner: asyncio.Task[None]) -> int:
    error = runner.exception()
    if error is None:
        return EXIT_OK
    if isinstance(error, discord.LoginFailure):
        log.error(TOKEN_REJECTED)
    elif isinstance(error, aiohttp.ClientError):
        log.error("Cannot reach Discord: %s", error)
    elif isinstance(error, OSError) or "sqlalchemy" in type(error).__module__:
        log.error("Stopped: %s", describe_database_error(error))
    else:
        log.error("The bot stopped on an error", exc_info=error)
    return EXIT_FAILED


def run_bot(settings: Settings, engine: Engine) -> int:
    """Run the bot until stopped."""
    assert settings.discord_token is not None
    bot = build_bot(settings, engine)
    return asyncio.run(serve(bot, settings.discord_token.get_secret_value()))


async def sync_tree(bot: AwardBot, guild_id: int | None) -> list[str]:
    """Register the commands: to one guild at once when given, else globally."""
    if guild_id:
        guild = discord.Object(id=guild_id)
        bot.tree.copy_global_to(guild=guild)
        synced = await bot.tree.sync(guild=guild)
    else:
        synced = await bot.tree.sync()
    return [c.name for c in synced]


async def register(settings: Settings, engine: Engine) -> int:
    """Log in over REST only, register the commands, log out: no gateway, no database, no jobs."""
    assert settings.discord_token is not None
    bot = build_bot(settings, engine, services=False)
    try:
        await bot.login(settings.discord_token.get_secret_value())
        names = await sync_tree(bot, settings.dev_guild_id)
    except discord.LoginFailure:
        log.error(TOKEN_REJECTED)
        return EXIT_FAILED
    except discord.HTTPException as exc:
        log.error("Discord refused the commands: %s %s", exc.status, exc.text)
        return EXIT_FAILED
    except (aiohttp.ClientError, OSError) as exc:
        log.error("Cannot reach Discord: %s", exc)
        return EXIT_FAILED
    finally:
        await bot.close()
    where = f"server {settings.dev_guild_id}" if settings.dev_guild_id else "all servers (may take up to an hour)"
    print(f"Synced {len(names)} commands to {where}: {', '.join('/' + n for n in sorted(names))}")
    return EXIT_OK


def sync_commands(settings: Settings, engine: Engine) -> int:
    """Register the slash commands (run once, and after upgrading)."""
    return asyncio.run(register(settings, engine))
