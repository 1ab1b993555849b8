"""/ask, its autocomplete, "did you mean" buttons, and questions asked by mentioning the bot."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.render import answer_embed
from bot.discord.views import SuggestionView

if TYPE_CHECKING:
    from bot.discord.bot import AwardBot

log = logging.getLogger(__name__)

MAX_ASK_CHARS = 300
_MENTION = re.compile(r"<@!?(\d+)>")


def ask_cooldown(interaction: discord.Interaction) -> app_commands.Cooldown | None:
    """Allow one /ask per member every ASK_COOLDOWN_SECONDS."""
    seconds = getattr(getattr(interaction.client, "settings", None), "ask_cooldown_seconds", 0)
    return app_commands.Cooldown(1, seconds) if seconds > 0 else None


class AskCog(commands.Cog):
    """Answer questions."""

    def __init__(self, bot: AwardBot) -> None:
        self.bot = bot

    async def _answer(self, interaction: discord.Interaction, question: str) -> None:
        today = await self.bot.today_for(interaction.guild_id)
        answer = self.bot.engine.ask(question, today=today)
        if answer.answered:
            await interaction.response.send_message(embed=answer_embed(answer))
            return
        kwargs = {}
        if answer.suggestions:
            kwargs["view"] = SuggestionView(answer.suggestions, self._answer)
        await interaction.response.send_message(embed=answer_embed(answer), ephemeral=True, **kwargs)

    @app_commands.command(name="ask", description="Ask an award-trivia question; the answer cites its source.")
    @app_commands.describe(question="For example: How many AMAs did BTS win in 2021?")
    @app_commands.checks.dynamic_cooldown(ask_cooldown, key=lambda i: i.user.id)
    async def ask(self, interaction: discord.Interaction, question: app_commands.Range[str, 1, MAX_ASK_CHARS]) -> None:
        """Answer a question."""
        await self._answer(interaction, question)

    @ask.autocomplete("question")
    async def ask_autocomplete(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        """Suggest up to 25 answerable questions that fit what was typed."""
        found = self.bot.engine.complete(current[:MAX_ASK_CHARS], limit=25)
        return [app_commands.Choice(name=q[:100], value=q[:MAX_ASK_CHARS]) for q in found]

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer "@Bot question" as a reply (no privileged intent needed for mentions)."""
        me = self.bot.user
        if message.author.bot or me is None or me not in message.mentions:
            return
        question = _MENTION.sub(lambda m: "" if int(m.group(1)) == me.id else m.group(0), message.content).strip()
        if not question:
            await message.reply(
                "Ask me an award question, like: @me who won Best Song at the 2023 MTV EMAs?",
                mention_author=False,
                allowed_mentions=discord.AllowedMentions.none(),
            )
            return
        today = await self.bot.today_for(message.guild.id if message.guild else None)
        answer = self.bot.engine.ask(question[: MAX_ASK_CHARS * 2], today=today)
        try:
            await message.reply(
                embed=answer_embed(answer), mention_author=False, allowed_mentions=discord.AllowedMentions.none()
            )
        except discord.HTTPException:
            log.warning("Could not reply to a mention in channel %s", message.channel.id, exc_info=True)
