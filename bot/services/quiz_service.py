"""Quiz games over storage: one game per channel, scores saved as each round closes."""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.quiz import QuestionBank
from bot.services.quiz_game import QuizGame, RoundResult
from bot.storage.database import Database
from bot.storage.tables import QuizAnswer, QuizAsked
from bot.storage.tables import QuizGame as QuizGameRow

log = logging.getLogger(__name__)

REPEAT_WINDOW = dt.timedelta(days=7)


class QuizError(Exception):
    """A quiz request that cannot be done; the message is for the user."""


@dataclass(frozen=True)
class Leaderboard:
    """The top of a server's table and the caller's own place."""

    top: list[tuple[int, int]]
    caller_rank: int | None
    caller_points: int


@dataclass(frozen=True)
class PlayerStats:
    """A member's quiz record in one server."""

    points: int
    correct: int
    answered: int
    games: int
    wins: int
    best_streak: int

    @property
    def accuracy(self) -> float:
        """Return correct / answered (0 when nothing was answered)."""
        return self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class Interrupted:
    """A game a restart cut short."""

    game_id: int
    channel_id: int
    message_id: int | None


class QuizService:
    """Start, run and score games; answer leaderboard and stats queries."""

    def __init__(
        self,
        bank: QuestionBank,
        database: Database,
        clock: Callable[[], dt.datetime],
        rng: Callable[[], random.Random] = random.Random,
    ) -> None:
        self.bank = bank
        self.database = database
        self.clock = clock
        self.rng = rng
        self.games: dict[int, QuizGame] = {}

    async def start(
        self, *, guild_id: int, channel_id: int, starter_id: int, rounds: int, topic: str | None, seconds: float
    ) -> QuizGame:
        """Start a game in a channel; raise QuizError if one runs there or there are no questions."""
        if channel_id in self.games:
            raise QuizError("A quiz is already running in this channel. Use /quiz stop to end it.")
        now = self.clock()
        async with self.database.session() as session:
            recent = await session.scalars(
                select(QuizAsked.question_key).where(
                    QuizAsked.channel_id == channel_id, QuizAsked.asked_at >= now - REPEAT_WINDOW
                )
            )
            questions = self.bank.pick(self.rng(), rounds, topic=topic, avoid=set(recent))
            if not questions:
                raise QuizError("I have no quiz questions about that topic yet.")
            row = QuizGameRow(
                guild_id=guild_id,
                channel_id=channel_id,
                starter_id=starter_id,
                rounds=len(questions),
                topic=topic,
                status="running",
                started_at=now,
            )
            session.add(row)
            session.add_all(QuizAsked(channel_id=channel_id, question_key=q.key, asked_at=now) for q in questions)
            await session.flush()
            game_id = row.id
        game = QuizGame(
            game_id=game_id,
            guild_id=guild_id,
            channel_id=channel_id,
            starter_id=starter_id,
            questions=questions,
            seconds=seconds,
            clock=self.clock,
            topic=topic,
        )
        self.games[channel_id] = game
        return game

    async def set_message(self, game: QuizGame, message_id: int) -> None:
        """Remember the message showing the current question (edited if a restart interrupts the game).

        Kept in memory first; the database copy only serves to tidy up after a crash.
        """
        game.message_id = message_id
        try:
            async with self.database.session() as session:
                await session.execute(
                    update(QuizGameRow).where(QuizGameRow.id == game.game_id).values(message_id=message_id)
                )
        except Exception:
            log.warning("Could not save the message id of quiz %s", game.game_id, exc_info=True)

    async def close_round(self, game: QuizGame) -> RoundResult:
        """Close the current round and save its answers in one transaction.

        If saving fails the round stays open with its answers, so the next tick can retry.
        """
        state = game.checkpoint()
        result = game.close_round()
        try:
            await self._save_round(game, result)
        except Exception:
            game.restore(state)
            raise
        if result.game_over:
            self.games.pop(game.channel_id, None)
        return result

    async def _save_round(self, game: QuizGame, result: RoundResult) -> None:
        async with self.database.session() as session:
            session.add_all(
                QuizAnswer(
                    game_id=game.game_id,
                    guild_id=game.guild_id,
                    user_id=s.user_id,
                    round_no=result.number,
                    question_key=result.question.key,
                    correct=s.correct,
                    points=1 if s.correct else 0,
                    answered_at=s.at,
                )
                for s in result.submissions
            )
            if result.game_over:
                await self._end(session, game)

    async def abort(self, game: QuizGame) -> None:
        """Drop a game that could not get going (its first question never reached the channel)."""
        self.games.pop(game.channel_id, None)
        game.status, game.deadline = "aborted", None
        async with self.database.session() as session:
            await self._end(session, game)

    async def interrupt(self, game: QuizGame) -> RoundResult | None:
        """End a game because the bot is stopping: score and save the round in progress first."""
        result = None
        if game.deadline is not None:
            result = game.close_round()
            game.status, game.end_reason = "interrupted", "The bot restarted."
            await self._save_round(game, result)
        else:
            game.status = "interrupted"
        async with self.database.session() as session:
            await self._end(session, game)
        self.games.pop(game.channel_id, None)
        return result

    async def stop(self, game: QuizGame, by_name: str) -> None:
        """Stop a game now; the round in progress is not scored."""
        game.stop(by_name)
        async with self.database.session() as session:
            await self._end(session, game)
        self.games.pop(game.channel_id, None)

    async def _end(self, session: AsyncSession, game: QuizGame) -> None:
        await session.execute(
            update(QuizGameRow).where(QuizGameRow.id == game.game_id).values(status=game.status, ended_at=self.clock())
        )

    async def close_interrupted(self) -> list[Interrupted]:
        """Mark games left running by a previous process as interrupted; return them."""
        async with self.database.session() as session:
            rows = (await session.scalars(select(QuizGameRow).where(QuizGameRow.status == "running"))).all()
            for row in rows:
                row.status, row.ended_at = "interrupted", self.clock()
            found = [Interrupted(r.id, r.channel_id, r.message_id) for r in rows]
        return found

    async def leaderboard(
        self, guild_id: int, user_id: int, *, since: dt.datetime | None = None, limit: int = 10
    ) -> Leaderboard:
        """Return the top `limit` by points (since a time, or all time) and the caller's rank."""
        points = func.sum(QuizAnswer.points).label("points")
        query = select(QuizAnswer.user_id, points).where(QuizAnswer.guild_id == guild_id)
        if since is not None:
            query = query.where(QuizAnswer.answered_at >= since.astimezone(dt.UTC))
        query = query.group_by(QuizAnswer.user_id).order_by(points.desc(), QuizAnswer.user_id)
        async with self.database.session() as session:
            table = [(int(u), int(p or 0)) for u, p in (await session.execute(query)).all()]
        rank = next((i for i, (u, _) in enumerate(table, start=1) if u == user_id), None)
        mine = table[rank - 1][1] if rank else 0
        return Leaderboard(table[:limit], rank, mine)

    async def stats(self, guild_id: int, user_id: int) -> PlayerStats:
        """Return a member's points, accuracy, games, wins and best streak in a server."""
        async with self.database.session() as session:
            mine = (
                await session.scalars(
                    select(QuizAnswer)
                    .where(QuizAnswer.guild_id == guild_id, QuizAnswer.user_id == user_id)
                    .order_by(QuizAnswer.game_id, QuizAnswer.round_no)
                )
            ).all()
            game_ids = sorted({a.game_id for a in mine})
            finished = (
                set(
                    (
                        await session.scalars(
                            select(QuizGameRow.id).where(QuizGameRow.id.in_(game_ids), QuizGameRow.status == "finished")
                        )
                    ).all()
                )
                if game_ids
                else set()
            )
            per_game = (
                select(QuizAnswer.game_id, QuizAnswer.user_id, func.sum(QuizAnswer.points))
                .where(QuizAnswer.game_id.in_(finished))
                .group_by(QuizAnswer.game_id, QuizAnswer.user_id)
            )
            totals = (await session.execute(per_game)).all() if finished else []
        by_game: dict[int, dict[int, int]] = defaultdict(dict)
        for game_id, uid, pts in totals:
            by_game[game_id][uid] = int(pts or 0)
        wins = sum(
            1
            for scores in by_game.values()
            if scores.get(user_id, 0) > 0 and scores.get(user_id, 0) == max(scores.values())
        )
        best = run = 0
        last_game = None
        for a in mine:
            run = run if a.game_id == last_game else 0
            last_game = a.game_id
            run = run + 1 if a.correct else 0
            best = max(best, run)
        return PlayerStats(
            points=sum(a.points for a in mine),
            correct=sum(a.correct for a in mine),
            answered=len(mine),
            games=len(game_ids),
            wins=wins,
            best_streak=best,
        )
