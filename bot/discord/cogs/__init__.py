"""The cogs, in one list: add a cog here and it is loaded (and its commands registered)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from discord.ext import commands

    from bot.discord.bot import AwardBot


def cog_classes() -> list[type[commands.Cog]]:
    """Return every cog class of the bot."""
    from bot.discord.cogs.ask import AskCog
    from bot.discord.cogs.awards import AwardsCog
    from bot.discord.cogs.daily import DailyCog
    from bot.discord.cogs.info import InfoCog
    from bot.discord.cogs.quiz import QuizCog

    return [AskCog, AwardsCog, InfoCog, QuizCog, DailyCog]


async def load_cogs(bot: AwardBot) -> None:
    """Add every cog to the bot (this registers their commands; it starts nothing)."""
    for cls in cog_classes():
        await bot.add_cog(cls(bot))  # type: ignore[call-arg]
