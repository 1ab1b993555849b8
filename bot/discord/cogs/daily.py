"""/daily: the per-server "on this day" post, and the one loop that sends every server's post."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.cogs.awards import read_day_or_reply
from bot.discord.render import clip, digest_embed
from bot.services.anniversaries import day_digest
from bot.services.daily import DailyError, DailyService, DailyStatus, DuePost, timezone_names
from bot.services.supervisor import JobHealth, PeriodicJob, describe_error

if TYPE_CHECKING:
    from bot.discord.bot import AwardBot

log = logging.getLogger(__name__)


def _failing(health: JobHealth) -> str:
    since = discord.utils.format_dt(health.failing_since, "R") if health.failing_since else "recently"
    return (
        f"Posts have been failing since {since} ({health.failures} attempt{'s' if health.failures != 1 else ''}): "
        f"{health.last_error}. I keep retrying every {health.retry_in:.0f} s; a missed post goes out "
        "when it works again, the same day."
    )


MAX_CONCURRENT_SENDS = 5
SEND_TIMEOUT_SECONDS = 15.0


class DailyCog(commands.Cog):
    """Daily posts for every server from one loop."""

    daily = app_commands.Group(
        name="daily",
        description="The daily 'on this day' post",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: AwardBot, *, tick_seconds: float = 30.0) -> None:
        self.bot = bot
        self.service = DailyService(bot.store, bot.database, bot.now)
        self._sending = asyncio.Semaphore(MAX_CONCURRENT_SENDS)
        self._lock = asyncio.Lock()
        self.job = PeriodicJob("daily posts", self._job_step, tick_seconds, max_backoff=300.0, clock=bot.now)
        bot.jobs.append(self.job)

    async def _job_step(self) -> None:
        await self.bot.wait_until_ready()
        await self.run_due()

    async def run_due(self) -> int:
        """Send the posts due now, several at a time; return how many were sent.

        A server whose post failed with an error is retried on the next run (its post was
        not claimed, or the claim protects it); the first error is raised after every
        server had its turn, so the job backs off and `/daily status` reports it.
        """
        async with self._lock:
            due = await self.service.due()
            results = await asyncio.gather(*(self._post(p) for p in due), return_exceptions=True)
        errors = [r for r in results if isinstance(r, Exception)]
        for post, result in zip(due, results, strict=True):
            if isinstance(result, BaseException):
                log.error("Daily post for guild %s failed", post.schedule.guild_id, exc_info=result)
        if errors:
            raise errors[0]
        return sum(1 for r in results if r is True)

    async def _post(self, post: DuePost) -> bool:
        async with self._sending:
            if not await self.service.claim(post):
                return False
            digest = self.service.digest(post.schedule, post.local_date)
            if not digest.items and post.schedule.skip_empty:
                await self.service.finish(post, "skipped")
                return False
            channel = self.bot.get_partial_messageable(post.schedule.channel_id, guild_id=post.schedule.guild_id)
            try:
                message = await asyncio.wait_for(
                    channel.send(
                        embed=digest_embed(digest, post.local_date, relative=True),
                        allowed_mentions=discord.AllowedMentions.none(),
                    ),
                    SEND_TIMEOUT_SECONDS,
                )
            except (discord.Forbidden, discord.NotFound) as exc:
                reason = (
                    "the channel no longer exists"
                    if isinstance(exc, discord.NotFound)
                    else "I am not allowed to post in the channel"
                )
                await self.service.finish(post, "failed", detail=f"{exc.status}: {exc.text}"[:500])
                await self.service.pause(
                    post.schedule.guild_id,
                    f"Paused on {post.local_date}: {reason} (HTTP {exc.status}). Fix it and run /daily set again.",
                )
                return False
            except (discord.HTTPException, TimeoutError) as exc:
                # Claimed and not sent: better no post today than two.
                await self.service.finish(post, "failed", detail=repr(exc)[:500])
                log.warning("Daily post for guild %s not sent today: %r", post.schedule.guild_id, exc)
                return False
            await self.service.finish(post, "sent", message_id=message.id)
            return True

    # --- commands ----------------------------------------------------------------------------
    @daily.command(name="set", description="Post what happened on this day, every day at a local time.")
    @app_commands.describe(
        channel="Where to post",
        time="Local time, HH:MM (24-hour)",
        timezone="IANA time zone, like Asia/Seoul",
        skip_empty="Post nothing on days with no anniversary",
    )
    @app_commands.checks.has_permissions(manage_guild=True)
    async def set_daily(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        time: str,
        timezone: str = "UTC",
        skip_empty: bool = False,
    ) -> None:
        """Set (or change) the daily post."""
        try:
            schedule = await self.service.configure(
                interaction.guild_id or 0, channel_id=channel.id, at=time, timezone=timezone, skip_empty=skip_empty
            )
        except DailyError as exc:
            await interaction.response.send_message(str(exc), ephemeral=True)
            return
        status = await self.service.status(schedule.guild_id)
        when = discord.utils.format_dt(status.next_post, "F") if status.next_post else "soon"
        await interaction.response.send_message(
            f"Daily post set: {channel.mention} at {schedule.at:%H:%M} {schedule.zone.key}"
            f"{' (skipping empty days)' if skip_empty else ''}. Next post: {when}.",
            ephemeral=True,
        )

    @set_daily.autocomplete("timezone")
    async def timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggest IANA time zone names."""
        key = current.strip().lower().replace(" ", "_")
        names = timezone_names()
        starts = [n for n in names if n.lower().startswith(key)]
        contains = [n for n in names if key in n.lower() and n not in starts]
        return [app_commands.Choice(name=n, value=n) for n in (starts + contains)[:25]]

    @daily.command(name="status", description="Show the daily post settings, the next and the last post.")
    async def status(self, interaction: discord.Interaction) -> None:
        """Show the settings, the next post time and the last post, and any trouble posting."""
        embed = discord.Embed(title="Daily post", colour=discord.Colour.blurple())
        try:
            status = await self.service.status(interaction.guild_id or 0)
        except Exception as exc:
            log.warning("Could not read the daily settings of guild %s", interaction.guild_id, exc_info=True)
            embed.description = f"I can't read this server's settings right now ({describe_error(exc)})."
            status = None
        health = self.job.health
        if status is not None:
            self._describe(embed, status, failing=not health.ok)
        if not health.ok:
            embed.add_field(name="⚠️ Posting is failing", value=clip(_failing(health), 1024), inline=False)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @staticmethod
    def _describe(embed: discord.Embed, status: DailyStatus, *, failing: bool) -> None:
        if status.schedule is None:
            embed.description = "Off. Turn it on with /daily set."
        else:
            s = status.schedule
            embed.add_field(name="Channel", value=f"<#{s.channel_id}>")
            embed.add_field(name="Time", value=f"{s.at:%H:%M} {s.zone.key}")
            embed.add_field(name="Empty days", value="skipped" if s.skip_empty else "show what's coming up")
            if s.paused_reason:
                embed.add_field(name="⚠️ Paused", value=clip(s.paused_reason, 1024), inline=False)
            elif status.next_post:
                when = discord.utils.format_dt(status.next_post, "F")
                embed.add_field(
                    name="Next post", value=when + (" (once posting works again)" if failing else ""), inline=False
                )
        if status.last_post is not None:
            last = status.last_post
            embed.add_field(name="Last post", value=f"{last.local_date}: {last.status}", inline=False)

    @daily.command(name="preview", description="Show what the daily post would say (today or a given day).")
    @app_commands.describe(date="A day like November 21 or 11/21 (default: today)")
    async def preview(self, interaction: discord.Interaction, date: str | None = None) -> None:
        """Show what would be posted."""
        today = await self.bot.today_for(interaction.guild_id)
        if date:
            parsed = await read_day_or_reply(interaction, date)
            if parsed is None:
                return
            day = dt.date(today.year if parsed != (2, 29) else 2024, *parsed)
        else:
            day = today
        digest = day_digest(self.bot.store, day.month, day.day, limit=5, on_date=day)
        await interaction.response.send_message(embed=digest_embed(digest, day, relative=True), ephemeral=True)

    @daily.command(name="off", description="Stop the daily post.")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def off(self, interaction: discord.Interaction) -> None:
        """Turn the daily post off."""
        was_on = await self.service.turn_off(interaction.guild_id or 0)
        await interaction.response.send_message(
            "Daily post turned off." if was_on else "The daily post was already off.", ephemeral=True
        )
