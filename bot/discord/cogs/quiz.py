"""/quiz: games with answer buttons, a typed-answer modal, reveals, standings and leaderboards."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.discord.render import INFO, clip, escape, sources_footer
from bot.discord.views import BaseView
from bot.services.guilds import guild_timezone
from bot.services.quiz_game import Outcome, QuizGame, RoundResult
from bot.services.quiz_service import QuizError

if TYPE_CHECKING:
    from bot.discord.bot import AwardBot

log = logging.getLogger(__name__)

LETTERS = "ABCD"
NONE = discord.AllowedMentions.none()
LOCKED_IN = {
    Outcome.LOCKED: "🔒 Locked in: {answer}. The answer is revealed when time is up.",
    Outcome.ALREADY: "You've already answered this round.",
    Outcome.CLOSED: "This round is closed.",
}


def question_embed(game: QuizGame) -> discord.Embed:
    """Show the current question with its lettered choices."""
    q = game.question
    embed = discord.Embed(
        title=f"Question {game.round_number}/{len(game.questions)}", description=clip(q.prompt, 4096), colour=INFO
    )
    embed.add_field(
        name="Choices", value="\n".join(f"**{LETTERS[i]}.** {escape(c)}" for i, c in enumerate(q.choices)), inline=False
    )
    embed.set_footer(text=f"{int(game.seconds)} seconds · one answer per member · or type it with ✍️")
    return embed


def reveal_embed(game: QuizGame, result: RoundResult) -> discord.Embed:
    """Show the right answer, who got it, and the source."""
    q = result.question
    right = [f"<@{u}>" for u in result.correct_users]
    embed = discord.Embed(
        title=f"Question {result.number}/{len(game.questions)}: time's up!",
        description=clip(q.prompt, 4096),
        colour=discord.Colour.green(),
    )
    embed.add_field(name="Answer", value=f"✅ **{LETTERS[q.answer_index]}. {escape(q.answer)}**", inline=False)
    got = ", ".join(right) if right else "Nobody this time."
    embed.add_field(name=f"Got it ({len(right)}/{len(result.submissions)})", value=clip(got, 1024), inline=False)
    footer = sources_footer(q.sources)
    if footer:
        embed.set_footer(text=footer)
    return embed


def standings_embed(game: QuizGame, title: str) -> discord.Embed:
    """Show the final table of a game."""
    lines = [
        f"**{i}.** <@{user}>: {points} point{'s' if points != 1 else ''}"
        for i, (user, points) in enumerate(game.standings()[:10], start=1)
    ]
    winners = game.winners()
    head = ("🏆 Winner: " + ", ".join(f"<@{w}>" for w in winners)) if winners else "No points this game."
    if game.end_reason:
        head = f"{game.end_reason}\n{head}"
    return discord.Embed(title=title, description=clip("\n".join([head, "", *lines]), 4096), colour=INFO)


class AnswerModal(discord.ui.Modal, title="Your answer"):
    """A text box for typing an answer."""

    answer: discord.ui.TextInput[AnswerModal] = discord.ui.TextInput(label="Answer", max_length=100, custom_id="answer")

    def __init__(self, cog: QuizCog, game: QuizGame, round_number: int) -> None:
        super().__init__(custom_id=f"quiz:{game.game_id}:{round_number}:modal")
        self.cog, self.game, self.round_number = cog, game, round_number

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self.cog.submit(interaction, self.game, self.round_number, typed=self.answer.value)


class QuestionView(BaseView):
    """Four answer buttons and a typed-answer button for one round."""

    def __init__(self, cog: QuizCog, game: QuizGame) -> None:
        super().__init__(timeout=None)
        round_number = game.round_number
        for index, choice in enumerate(game.question.choices):
            button: discord.ui.Button[QuestionView] = discord.ui.Button(
                label=clip(f"{LETTERS[index]} · {choice}", 80),
                style=discord.ButtonStyle.primary,
                custom_id=f"quiz:{game.game_id}:{round_number}:{index}",
            )
            button.callback = self._choose(cog, game, round_number, index)  # type: ignore[method-assign]
            self.add_item(button)
        typed: discord.ui.Button[QuestionView] = discord.ui.Button(
            label="✍️ Type answer",
            style=discord.ButtonStyle.secondary,
            custom_id=f"quiz:{game.game_id}:{round_number}:type",
        )

        async def open_modal(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(AnswerModal(cog, game, round_number))

        typed.callback = open_modal  # type: ignore[method-assign]
        self.add_item(typed)

    @staticmethod
    def _choose(
        cog: QuizCog, game: QuizGame, round_number: int, index: int
    ) -> Callable[[discord.Interaction], Awaitable[None]]:
        async def callback(interaction: discord.Interaction) -> None:
            await cog.submit(interaction, game, round_number, choice=index)

        return callback


class QuizCog(commands.Cog):
    """Trivia games in channels."""

    quiz = app_commands.Group(name="quiz", description="Award-trivia quiz games", guild_only=True)

    def __init__(self, bot: AwardBot, *, tick_seconds: float = 1.0) -> None:
        self.bot = bot
        self.service = bot.quiz
        self.tick_seconds = tick_seconds
        self._tick_lock = asyncio.Lock()

    async def cog_load(self) -> None:
        """Close games a restart interrupted, then start the round timer."""
        for game in await self.service.close_interrupted():
            if game.message_id is None:
                continue
            try:
                message = self.bot.get_partial_messageable(game.channel_id).get_partial_message(game.message_id)
                await message.edit(
                    content="⏹️ This quiz was interrupted by a restart. Start a new one with /quiz start.",
                    embed=None,
                    view=None,
                    allowed_mentions=NONE,
                )
            except discord.HTTPException:
                log.warning("Could not edit the message of interrupted quiz %s", game.game_id, exc_info=True)
        if self.tick_seconds > 0:
            self.ticker.change_interval(seconds=self.tick_seconds)
            self.ticker.start()

    async def cog_unload(self) -> None:
        """Stop the round timer."""
        self.ticker.cancel()

    @tasks.loop(seconds=1.0)
    async def ticker(self) -> None:
        """Close rounds whose time is up."""
        await self.tick()

    async def tick(self) -> None:
        """Close every due round: reveal, then ask the next question or post the standings."""
        async with self._tick_lock:
            for game in [g for g in self.service.games.values() if g.is_due()]:
                try:
                    await self._close_round(game)
                except Exception:
                    log.exception("Closing a round of quiz %s failed; stopping that game", game.game_id)
                    await self.service.stop(game, "an error")

    async def _close_round(self, game: QuizGame) -> None:
        result = await self.service.close_round(game)
        channel = self.bot.get_partial_messageable(game.channel_id)
        if game.message_id is not None:
            await channel.get_partial_message(game.message_id).edit(
                embed=reveal_embed(game, result), view=None, allowed_mentions=NONE
            )
        if result.game_over:
            await channel.send(embed=standings_embed(game, "🏁 Quiz over!"), allowed_mentions=NONE)
        else:
            await self._ask(game)

    async def _ask(self, game: QuizGame) -> None:
        game.open_round()
        channel = self.bot.get_partial_messageable(game.channel_id)
        message = await channel.send(embed=question_embed(game), view=QuestionView(self, game), allowed_mentions=NONE)
        await self.service.set_message(game, message.id)

    async def submit(
        self,
        interaction: discord.Interaction,
        game: QuizGame,
        round_number: int,
        *,
        choice: int | None = None,
        typed: str | None = None,
    ) -> None:
        """Lock in a member's answer and confirm it privately."""
        outcome = game.submit(
            interaction.user.id, interaction.user.display_name, choice=choice, typed=typed, round_number=round_number
        )
        if choice is not None:
            shown = f"{LETTERS[choice]}. {game.questions[round_number - 1].choices[choice]}"
        else:
            shown = f"“{clip(typed or '', 100)}”"
        await interaction.response.send_message(LOCKED_IN[outcome].format(answer=escape(shown)), ephemeral=True)

    # --- commands ----------------------------------------------------------------------------
    @quiz.command(name="start", description="Start a quiz in this channel.")
    @app_commands.describe(
        rounds="How many questions (1-20)",
        topic="An award show or an artist",
        seconds="Seconds to answer each question (10-120)",
    )
    async def start(
        self,
        interaction: discord.Interaction,
        rounds: app_commands.Range[int, 1, 20] = 5,
        topic: str | None = None,
        seconds: app_commands.Range[int, 10, 120] = 20,
    ) -> None:
        """Start a game."""
        topic_id = None
        if topic:
            topic_id = self.bot.names.ceremony(topic) or self.bot.names.artist(topic)
            if topic_id is None:
                await interaction.response.send_message(
                    f"I don't know a topic called “{clip(escape(topic), 60)}”. Pick one from the list.", ephemeral=True
                )
                return
        try:
            game = await self.service.start(
                guild_id=interaction.guild_id or 0,
                channel_id=interaction.channel_id or 0,
                starter_id=interaction.user.id,
                rounds=rounds,
                topic=topic_id,
                seconds=seconds,
            )
        except QuizError as exc:
            await interaction.response.send_message(str(exc), ephemeral=True)
            return
        about = f" about {self.bot.store.name(topic_id)}" if topic_id else ""
        await interaction.response.send_message(
            f"🎤 Quiz{about}: {len(game.questions)} question{'s' if len(game.questions) != 1 else ''}, "
            f"{seconds} seconds each. Started by {interaction.user.mention}. Good luck!",
            allowed_mentions=NONE,
        )
        await self._ask(game)

    @start.autocomplete("topic")
    async def topic_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggest award shows and artists that have questions."""
        topics = self.service.bank.topic_ids()
        names = self.bot.names
        found = [n for n in names.complete_ceremony(current) if names.ceremony(n) in topics]
        found += [n for n in names.complete_artist(current, limit=50) if names.artist(n) in topics]
        return [app_commands.Choice(name=n, value=n) for n in found[:25]]

    @quiz.command(name="stop", description="Stop the quiz in this channel.")
    async def stop(self, interaction: discord.Interaction) -> None:
        """Stop a game: its starter, or anyone with Manage Messages."""
        game = self.service.games.get(interaction.channel_id or 0)
        if game is None:
            await interaction.response.send_message("No quiz is running in this channel.", ephemeral=True)
            return
        if not game.can_stop(interaction.user.id, manages_messages=interaction.permissions.manage_messages):
            await interaction.response.send_message(
                "Only the person who started the quiz, or someone with Manage Messages, can stop it.", ephemeral=True
            )
            return
        await self.service.stop(game, interaction.user.display_name)
        if game.message_id is not None:
            message = self.bot.get_partial_messageable(game.channel_id).get_partial_message(game.message_id)
            await message.edit(view=None)
        await interaction.response.send_message(embed=standings_embed(game, "⏹️ Quiz stopped"), allowed_mentions=NONE)

    @quiz.command(name="leaderboard", description="The server's quiz leaderboard.")
    @app_commands.describe(period="All time, or this week (since Monday in the server's time zone)")
    async def leaderboard(
        self, interaction: discord.Interaction, period: Literal["all-time", "this week"] = "all-time"
    ) -> None:
        """Show the top 10 and the caller's own rank."""
        since = None
        if period == "this week":
            since = week_start(self.bot.now(), await guild_timezone(self.bot.database, interaction.guild_id))
        board = await self.service.leaderboard(interaction.guild_id or 0, interaction.user.id, since=since)
        lines = [f"**{i}.** <@{u}>: {p} point{'s' if p != 1 else ''}" for i, (u, p) in enumerate(board.top, start=1)]
        if not lines:
            lines = ["No one has scored yet. Start a game with /quiz start!"]
        you = (
            f"You are #{board.caller_rank} with {board.caller_points} points."
            if board.caller_rank
            else "You haven't scored yet."
        )
        embed = discord.Embed(title=f"Quiz leaderboard ({period})", description="\n".join(lines), colour=INFO)
        embed.set_footer(text=you)
        await interaction.response.send_message(embed=embed, allowed_mentions=NONE)

    @quiz.command(name="stats", description="A member's quiz record in this server.")
    @app_commands.describe(member="Whose stats (default: yours)")
    async def stats(self, interaction: discord.Interaction, member: discord.Member | None = None) -> None:
        """Show points, correct answers, accuracy, games, wins and best streak."""
        who = member or interaction.user
        s = await self.service.stats(interaction.guild_id or 0, who.id)
        embed = discord.Embed(title=f"Quiz stats: {escape(who.display_name)}", colour=INFO)
        for name, value in (
            ("Points", s.points),
            ("Correct", s.correct),
            ("Answered", s.answered),
            ("Accuracy", f"{s.accuracy:.0%}"),
            ("Games", s.games),
            ("Wins", s.wins),
            ("Best streak", s.best_streak),
        ):
            embed.add_field(name=name, value=str(value))
        await interaction.response.send_message(embed=embed, allowed_mentions=NONE)


def week_start(now: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """Return Monday 00:00 of the current week in `zone`, as an aware time."""
    local = now.astimezone(zone)
    monday = (local - dt.timedelta(days=local.weekday())).date()
    return dt.datetime.combine(monday, dt.time(0), tzinfo=zone)
