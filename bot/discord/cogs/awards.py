"""/awards (browse results) and /onthisday."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.dates import find_dates, is_real_month_day
from bot.discord.components import page_buttons
from bot.discord.render import clip, digest_embed, escape, pages, sources_footer
from bot.services.anniversaries import day_digest
from bot.services.browsing import award_lines

if TYPE_CHECKING:
    from bot.discord.bot import AwardBot

NONE = discord.AllowedMentions.none()


async def read_day_or_reply(interaction: discord.Interaction, text: str) -> tuple[int, int] | None:
    """Read a day of the year, or tell the user (privately) it could not be read."""
    parsed = parse_month_day(text)
    if parsed is None:
        await interaction.response.send_message(
            f"I couldn't read “{clip(escape(text), 60)}” as a day; try November 21 or 11/21.", ephemeral=True
        )
    return parsed


def parse_month_day(text: str) -> tuple[int, int] | None:
    """Read "November 21", "21 Nov", "11/21" or "11-21"; None when it is not a real day."""
    text = text.strip()
    dates, _ = find_dates(text)
    if dates:
        return dates[0].month, dates[0].day
    parts = text.replace("-", "/").split("/")
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        month, day = int(parts[0]), int(parts[1])
        if is_real_month_day(month, day):
            return month, day
    return None


class AwardsCog(commands.Cog):
    """Browse results and anniversaries."""

    def __init__(self, bot: AwardBot) -> None:
        self.bot = bot

    @app_commands.command(name="awards", description="Browse award results by artist, ceremony and year.")
    @app_commands.describe(artist="An artist or group", ceremony="An award show", year="The year of the ceremony")
    async def awards(
        self,
        interaction: discord.Interaction,
        artist: str | None = None,
        ceremony: str | None = None,
        year: app_commands.Range[int, 1950, 2100] | None = None,
    ) -> None:
        """Show matching results, paginated."""
        names = self.bot.names
        artist_id = names.artist(artist) if artist else None
        if artist and artist_id is None:
            await interaction.response.send_message(
                f"I don't know results for an artist called “{clip(escape(artist), 100)}”.", ephemeral=True
            )
            return
        ceremony_id = names.ceremony(ceremony) if ceremony else None
        if ceremony and ceremony_id is None:
            known = ", ".join(names.ceremony_names)
            await interaction.response.send_message(
                f"I don't know an award show called “{clip(escape(ceremony), 100)}”. I know: {known}.", ephemeral=True
            )
            return
        query = (artist_id or "", ceremony_id or "", str(year or ""))
        embeds = self.listing(query)
        if embeds is None:
            await interaction.response.send_message(f"I know no results for {self.title(query)}.", ephemeral=True)
            return
        view = page_buttons(interaction.user.id, 0, len(embeds), query)
        kwargs = {"view": view} if view else {}
        await interaction.response.send_message(embed=embeds[0], allowed_mentions=NONE, **kwargs)

    def title(self, query: tuple[str, str, str]) -> str:
        """Name what is listed: "BTS · AMAs · 2021"."""
        store = self.bot.store
        artist, ceremony, year = query
        parts = [store.name(artist) if artist else "All artists"]
        parts += [store.ceremonies[ceremony].short] if ceremony in store.ceremonies else []
        return " · ".join([*parts, *([year] if year else [])])

    def listing(self, query: tuple[str, str, str]) -> list[discord.Embed] | None:
        """Return the pages of results for (artist, ceremony, year) ids, or None when there are none."""
        artist, ceremony, year = query
        lines = award_lines(
            self.bot.store, artist=artist or None, ceremony=ceremony or None, year=int(year) if year else None
        )
        if not lines:
            return None
        wins = sum(1 for line in lines if line.won)
        footer = sources_footer(s for line in lines for s in line.sources)
        return pages(
            f"Awards: {self.title(query)} ({wins} won, {len(lines) - wins} nominated)",
            [line.text for line in lines],
            footer=footer,
        )

    async def turn_page(
        self, interaction: discord.Interaction, owner: int, page: int, query: tuple[str, str, str]
    ) -> None:
        """Show another page of a listing (rebuilt from the query, so it works after a restart)."""
        embeds = self.listing(query) if (not query[0] or query[0] in self.bot.store.entities) else None
        if embeds is None:
            await interaction.response.send_message(
                "These results are no longer available; run /awards again.", ephemeral=True
            )
            return
        page = max(0, min(page, len(embeds) - 1))
        await interaction.response.edit_message(embed=embeds[page], view=page_buttons(owner, page, len(embeds), query))

    @awards.autocomplete("artist")
    async def artist_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggest artists with results."""
        return [app_commands.Choice(name=n, value=n) for n in self.bot.names.complete_artist(current)]

    @awards.autocomplete("ceremony")
    async def ceremony_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggest award shows."""
        return [app_commands.Choice(name=n, value=n) for n in self.bot.names.complete_ceremony(current)]

    @app_commands.command(name="onthisday", description="What happened on this day in award history.")
    @app_commands.describe(date="A day of the year, like November 21 or 11/21 (default: today)")
    async def onthisday(self, interaction: discord.Interaction, date: str | None = None) -> None:
        """Show the anniversaries of today (the server's time zone) or of a given day."""
        today = await self.bot.today_for(interaction.guild_id)
        if date:
            parsed = await read_day_or_reply(interaction, date)
            if parsed is None:
                return
            digest = day_digest(self.bot.store, *parsed)
        else:
            digest = day_digest(self.bot.store, today.month, today.day, on_date=today)
        embed = digest_embed(digest, today, relative=not date)
        await interaction.response.send_message(embed=embed)
