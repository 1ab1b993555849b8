"""Quiz games over a real SQLite database: saving rounds, leaderboards, stats, restarts."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from bot.core.quiz import QuestionBank
from bot.core.store import FactStore
from bot.services.quiz_game import QuizGame
from bot.services.quiz_service import QuizError, QuizService
from bot.storage.database import Database


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 18, 12, tzinfo=dt.UTC)  # a Wednesday

    def __call__(self) -> dt.datetime:
        return self.now

    def tick(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
async def setup(store: FactStore, database_url: str):
    db = Database(database_url)
    await db.upgrade()
    clock = Clock()
    service = QuizService(QuestionBank(store), db, clock, rng=lambda: random.Random(5))
    yield service, clock, db
    await db.close()


async def play_round(service: QuizService, game: QuizGame, clock: Clock, right: list[int], wrong: list[int]) -> None:
    q = game.open_round()
    for user in right:
        game.submit(user, f"u{user}", choice=q.answer_index)
    for user in wrong:
        game.submit(user, f"u{user}", choice=(q.answer_index + 1) % 4)
    clock.tick(seconds=30)
    await service.close_round(game)


async def test_one_game_per_channel_but_channels_are_independent(setup) -> None:
    service, clock, _ = setup
    a = await service.start(guild_id=1, channel_id=10, starter_id=5, rounds=2, topic=None, seconds=20)
    with pytest.raises(QuizError, match="already running"):
        await service.start(guild_id=1, channel_id=10, starter_id=6, rounds=2, topic=None, seconds=20)
    b = await service.start(guild_id=1, channel_id=11, starter_id=6, rounds=2, topic=None, seconds=20)
    await play_round(service, a, clock, right=[1], wrong=[])
    assert b.scores == {} and a.scores == {1: 1}
    with pytest.raises(QuizError, match="no quiz questions"):
        await service.start(guild_id=1, channel_id=12, starter_id=6, rounds=2, topic="nobody", seconds=20)


async def test_rounds_are_saved_as_they_close_and_count_in_leaderboard_and_stats(setup) -> None:
    service, clock, _ = setup
    game = await service.start(guild_id=1, channel_id=10, starter_id=5, rounds=3, topic=None, seconds=20)
    await play_round(service, game, clock, right=[1, 2], wrong=[3])
    board = await service.leaderboard(1, 3)
    assert board.top == [(1, 1), (2, 1), (3, 0)] and board.caller_rank == 3  # saved before the game ends
    await play_round(service, game, clock, right=[1], wrong=[2])
    await play_round(service, game, clock, right=[1, 2], wrong=[])
    assert 10 not in service.games
    stats = await service.stats(1, 2)
    assert (stats.points, stats.correct, stats.answered, stats.games, stats.wins, stats.best_streak) == (
        2,
        2,
        3,
        1,
        0,
        1,
    )
    assert stats.accuracy == pytest.approx(2 / 3)
    first = await service.stats(1, 1)
    assert (first.points, first.wins, first.best_streak) == (3, 1, 3)
    assert (await service.stats(2, 1)).answered == 0  # another server


async def test_this_week_counts_only_points_since_monday(setup) -> None:
    service, clock, _ = setup
    game = await service.start(guild_id=1, channel_id=10, starter_id=5, rounds=2, topic=None, seconds=20)
    await play_round(service, game, clock, right=[1], wrong=[])
    clock.tick(days=6)  # next Tuesday
    await play_round(service, game, clock, right=[2], wrong=[])
    monday = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    week = await service.leaderboard(1, 1, since=monday)
    assert week.top == [(2, 1)] and week.caller_rank is None
    assert (await service.leaderboard(1, 1)).top == [(1, 1), (2, 1)]


async def test_stopping_does_not_score_the_open_round(setup) -> None:
    service, _clock, _ = setup
    game = await service.start(guild_id=1, channel_id=10, starter_id=5, rounds=3, topic=None, seconds=20)
    q = game.open_round()
    game.submit(1, "a", choice=q.answer_index)
    await service.stop(game, "mod")
    assert 10 not in service.games
    assert (await service.leaderboard(1, 1)).top == []


async def test_games_left_running_are_closed_on_the_next_start(store: FactStore, setup) -> None:
    service, clock, db = setup
    game = await service.start(guild_id=1, channel_id=10, starter_id=5, rounds=3, topic=None, seconds=20)
    await service.set_message(game, 777)
    await play_round(service, game, clock, right=[1], wrong=[])
    restarted = QuizService(QuestionBank(store), db, clock)
    found = await restarted.close_interrupted()
    assert [(g.channel_id, g.message_id) for g in found] == [(10, 777)]
    assert await restarted.close_interrupted() == []
    assert (await restarted.leaderboard(1, 1)).top == [(1, 1)]  # the finished round was kept


async def test_a_channel_does_not_see_the_same_questions_again_soon(setup) -> None:
    service, _clock, _ = setup
    first = await service.start(guild_id=1, channel_id=10, starter_id=5, rounds=5, topic=None, seconds=20)
    await service.stop(first, "x")
    second = await service.start(guild_id=1, channel_id=10, starter_id=5, rounds=5, topic=None, seconds=20)
    assert not {q.key for q in first.questions} & {q.key for q in second.questions}
