"""/quiz: games with answer buttons, a typed-answer modal, reveals, standings and leaderboards."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.components import QuizButton
from bot.discord.render import INFO, clip, escape, sources_footer
from bot.discord.tree import APOLOGY, reply_privately
from bot.services.guilds import guild_timezone
from bot.services.quiz_game import Outcome, QuizGame, RoundResult
from bot.services.quiz_service import QuizError
from bot.services.supervisor import PeriodicJob

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
    """A text box for typing an answer; one per member and round, so answers never mix."""

    answer: discord.ui.TextInput[AnswerModal] = discord.ui.TextInput(label="Answer", max_length=100, custom_id="answer")

    def __init__(self, cog: QuizCog, game: QuizGame, round_number: int, user_id: int) -> None:
        timeout = max(30.0, (game.deadline - game.clock()).total_seconds() + 30) if game.deadline else 60.0
        super().__init__(custom_id=modal_id(game.game_id, round_number, user_id), timeout=timeout)
        self.cog, self.game, self.round_number = cog, game, round_number

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self.cog.submit(interaction, self.game, self.round_number, typed=self.answer.value)

    async def on_timeout(self) -> None:
        self.cog.bot.open_modals.discard(self.custom_id)  # kept until then, so a late submission is understood

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        log.error("The answer box of quiz %s failed", self.game.game_id, exc_info=error)
        await reply_privately(interaction, APOLOGY)


def modal_id(game_id: int, round_number: int, user_id: int) -> str:
    """Return the id of a member's answer box for one round."""
    return f"quiz:{game_id}:{round_number}:modal:{user_id}"


def question_view(game: QuizGame) -> discord.ui.View:
    """Four answer buttons and a typed-answer button; persistent, so no view is kept per round."""
    view = discord.ui.View(timeout=None)
    for index, choice in enumerate(game.question.choices):
        view.add_item(QuizButton(game.game_id, game.round_number, str(index), clip(f"{LETTERS[index]} · {choice}", 80)))
    view.add_item(QuizButton(game.game_id, game.round_number, "type"))
    return view


class QuizCog(commands.Cog):
    """Trivia games in channels."""

    quiz = app_commands.Group(name="quiz", description="Award-trivia quiz games", guild_only=True)

    def __init__(self, bot: AwardBot, *, tick_seconds: float = 1.0) -> None:
        self.bot = bot
        self.service = bot.quiz
        self._tick_lock = asyncio.Lock()
        self.job = PeriodicJob("quiz rounds", self.tick, tick_seconds, max_backoff=30.0, clock=bot.now)
        bot.jobs.append(self.job)

    async def start_services(self) -> None:
        """Close the games a previous run left open, telling their channels."""
        for game in await self.service.close_interrupted():
            await self._edit(
                game.channel_id,
                game.message_id,
                "⏹️ This quiz was interrupted by a restart. Start a new one with /quiz start.",
            )

    async def stop_services(self) -> None:
        """Save the rounds in progress and end their games, telling their channels."""
        async with self._tick_lock:
            for game in list(self.service.games.values()):
                result = await self.service.interrupt(game)
                answered = f" Answers to question {result.number} were saved." if result and result.submissions else ""
                await self._edit(
                    game.channel_id,
                    game.message_id,
                    f"⏹️ The bot is restarting, so this quiz ended.{answered} Start a new one with /quiz start.",
                )

    async def _edit(self, channel_id: int, message_id: int | None, text: str) -> None:
        if message_id is None:
            return
        try:
            message = self.bot.get_partial_messageable(channel_id).get_partial_message(message_id)
            await message.edit(content=text, embed=None, view=None, allowed_mentions=NONE)
        except discord.HTTPException:
            log.warning("Could not edit the quiz message %s", message_id, exc_info=True)

    async def tick(self) -> None:
        """Close every due round: reveal, then ask the next question or post the standings.

        A round whose scores cannot be saved stays open and is retried on the next tick;
        when every due round failed, the error reaches the job, which backs off and reports it.
        """
        async with self._tick_lock:
            due = [g for g in self.service.games.values() if g.is_due()]
            errors: list[Exception] = []
            for game in due:
                try:
                    await self._close_round(game)
                except Exception as exc:
                    log.warning(
                        "Closing round %s of quiz %s failed; retrying", game.round_number, game.game_id, exc_info=True
                    )
                    errors.append(exc)
            if due and len(errors) == len(due):
                raise errors[0]

    async def _close_round(self, game: QuizGame) -> None:
        result = await self.service.close_round(game)
        channel = self.bot.get_partial_messageable(game.channel_id)
        if game.message_id is not None:
            try:
                await channel.get_partial_message(game.message_id).edit(
                    embed=reveal_embed(game, result), view=None, allowed_mentions=NONE
                )
            except discord.HTTPException:
                log.warning("Could not show the answer of quiz %s", game.game_id, exc_info=True)
        try:
            if result.game_over:
                await channel.send(embed=standings_embed(game, "🏁 Quiz over!"), allowed_mentions=NONE)
            else:
                await self._ask(game)
        except (discord.Forbidden, discord.NotFound):
            log.warning("Quiz %s cannot post in its channel any more; ending it", game.game_id, exc_info=True)
            if game.status == "running":
                await self.service.stop(game, "a channel I can no longer post in")

    async def _ask(self, game: QuizGame) -> None:
        game.open_round()
        channel = self.bot.get_partial_messageable(game.channel_id)
        message = await channel.send(embed=question_embed(game), view=question_view(game), allowed_mentions=NONE)
        await self.service.set_message(game, message.id)

    async def press(self, interaction: discord.Interaction, game_id: int, round_number: int, action: str) -> None:
        """Handle a quiz button: an answer, or the box for typing one; a stale button gets a polite reply."""
        game = self.service.games.get(interaction.channel_id or 0)
        if game is None or game.game_id != game_id:
            await reply_privately(interaction, "This quiz is over. Start a new one with /quiz start.")
            return
        if action != "type":
            await self.submit(interaction, game, round_number, choice=int(action))
            return
        if not game.accepting or round_number != game.round_number:
            await reply_privately(interaction, LOCKED_IN[Outcome.CLOSED])
            return
        modal = AnswerModal(self, game, round_number, interaction.user.id)
        self.bot.open_modals.add(modal.custom_id)
        await interaction.response.send_modal(modal)

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
        try:
            await interaction.response.send_message(
                f"🎤 Quiz{about}: {len(game.questions)} question{'s' if len(game.questions) != 1 else ''}, "
                f"{seconds} seconds each. Started by {interaction.user.mention}. Good luck!",
                allowed_mentions=NONE,
            )
            await self._ask(game)
        except Exception:
            await self.service.abort(game)  # no phantom game blocking the channel
            raise

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
