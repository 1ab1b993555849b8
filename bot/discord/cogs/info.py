"""/about and /sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.phrasing import long_date
from bot.discord.render import INFO, clip

if TYPE_CHECKING:
    from bot.discord.bot import AwardBot


def format_uptime(seconds: float) -> str:
    """Format a duration as "2d 3h 4m"."""
    minutes = int(seconds // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days}d"] if days else []
    if days or hours:
        parts.append(f"{hours}h")
    parts.append(f"{minutes}m")
    return " ".join(parts)


class InfoCog(commands.Cog):
    """What the bot is and what it knows."""

    def __init__(self, bot: AwardBot) -> None:
        self.bot = bot

    @app_commands.command(name="about", description="Version, what the bot knows, and uptime.")
    async def about(self, interaction: discord.Interaction) -> None:
        """Show version, fact and source counts, and uptime."""
        store = self.bot.store
        embed = discord.Embed(
            title="Award-trivia bot",
            colour=INFO,
            description="Answers award trivia from sourced facts, runs quizzes and daily posts.",
        )
        embed.add_field(name="Version", value=self.bot.version)
        embed.add_field(name="Facts", value=str(store.fact_count))
        embed.add_field(name="Sources", value=str(len(store.sources)))
        embed.add_field(name="Uptime", value=format_uptime((self.bot.now() - self.bot.started_at).total_seconds()))
        embed.add_field(name="Servers", value=str(len(self.bot.guilds)))
        await interaction.response.send_message(embed=embed)

    @app_commands.command(name="sources", description="The articles the bot's facts come from.")
    async def sources(self, interaction: discord.Interaction) -> None:
        """List the sources with their dates."""
        lines = []
        for s in sorted(self.bot.store.sources.values(), key=lambda s: (s.published is None, s.published, s.id)):
            when = long_date(s.published) if s.published else "date not given"
            lines.append(f"• **{discord.utils.escape_markdown(s.display_title)}** ({when})")
        embed = discord.Embed(title=f"Sources ({len(lines)})", description=clip("\n".join(lines), 4096), colour=INFO)
        await interaction.response.send_message(embed=embed)
