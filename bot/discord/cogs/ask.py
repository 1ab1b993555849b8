"""/ask, its autocomplete, "did you mean" buttons, and questions asked by mentioning the bot."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.components import SuggestionButton
from bot.discord.render import answer_embed

if TYPE_CHECKING:
    from bot.discord.bot import AwardBot

log = logging.getLogger(__name__)

MAX_ASK_CHARS = 300
NONE = discord.AllowedMentions.none()
_MENTION = re.compile(r"<@!?(\d+)>")


def cooldown_message(seconds: float) -> str:
    """Say how long a member must wait before asking again."""
    return f"Easy there! You can ask again in {max(1, round(seconds))} s."


async def shared_cooldown(interaction: discord.Interaction) -> bool:
    """Allow one question per member every ASK_COOLDOWN_SECONDS, however it is asked."""
    bot: AwardBot = interaction.client  # type: ignore[assignment]
    wait = bot.ask_cooldown.retry_after(interaction.user.id)
    if wait > 0:
        raise app_commands.CommandOnCooldown(app_commands.Cooldown(1, bot.ask_cooldown.seconds), wait)
    return True


def suggestion_view(suggestions: list[str]) -> discord.ui.View:
    """Return up to three "did you mean" buttons (they keep working after a restart)."""
    view = discord.ui.View(timeout=None)
    for question in suggestions[:3]:
        view.add_item(SuggestionButton(question))
    return view


class AskCog(commands.Cog):
    """Answer questions."""

    def __init__(self, bot: AwardBot) -> None:
        self.bot = bot

    async def answer(self, interaction: discord.Interaction, question: str) -> None:
        """Answer in public when known; otherwise privately, with "did you mean" buttons."""
        today = await self.bot.today_for(interaction.guild_id)
        answer = self.bot.engine.ask(question, today=today)
        if answer.answered:
            await interaction.response.send_message(embed=answer_embed(answer), allowed_mentions=NONE)
            return
        kwargs = {"view": suggestion_view(answer.suggestions)} if answer.suggestions else {}
        await interaction.response.send_message(
            embed=answer_embed(answer), ephemeral=True, allowed_mentions=NONE, **kwargs
        )

    @app_commands.command(name="ask", description="Ask an award-trivia question; the answer cites its source.")
    @app_commands.describe(question="For example: How many AMAs did BTS win in 2021?")
    @app_commands.check(shared_cooldown)
    async def ask(self, interaction: discord.Interaction, question: app_commands.Range[str, 1, MAX_ASK_CHARS]) -> None:
        """Answer a question."""
        await self.answer(interaction, question)

    @ask.autocomplete("question")
    async def ask_autocomplete(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        """Suggest up to 25 answerable questions that fit what was typed."""
        found = self.bot.engine.complete(current[:MAX_ASK_CHARS], limit=25)
        return [app_commands.Choice(name=q[:100], value=q[:MAX_ASK_CHARS]) for q in found]

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer "@Bot question" as a reply (no privileged intent needed for mentions)."""
        me = self.bot.user
        if message.author.bot or me is None or me not in message.mentions or self.bot.draining:
            return
        question = _MENTION.sub(lambda m: "" if int(m.group(1)) == me.id else m.group(0), message.content).strip()
        try:
            if not question:
                await message.reply(
                    "Ask me an award question, like: @me who won Best Song at the 2023 MTV EMAs?",
                    mention_author=False,
                    allowed_mentions=NONE,
                )
                return
            wait = self.bot.ask_cooldown.retry_after(message.author.id)
            if wait > 0:
                if self.bot.ask_cooldown.first_warning(message.author.id):
                    await message.reply(cooldown_message(wait), mention_author=False, allowed_mentions=NONE)
                return
            today = await self.bot.today_for(message.guild.id if message.guild else None)
            answer = self.bot.engine.ask(question[: MAX_ASK_CHARS * 2], today=today)
            await message.reply(embed=answer_embed(answer), mention_author=False, allowed_mentions=NONE)
        except discord.HTTPException:
            log.warning("Could not reply to a mention in channel %s", message.channel.id, exc_info=True)
