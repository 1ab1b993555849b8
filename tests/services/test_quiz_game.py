"""The quiz state machine on a fake clock: rounds, deadlines, answers, stopping, auto-end."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from bot.core.quiz import QuestionBank
from bot.core.store import FactStore
from bot.services.quiz_game import Outcome, QuizGame


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def game(store: FactStore, clock: Clock) -> QuizGame:
    questions = QuestionBank(store).pick(random.Random(1), 3)
    return QuizGame(game_id=1, guild_id=10, channel_id=20, starter_id=100, questions=questions, seconds=20, clock=clock)


def test_a_round_takes_one_answer_per_member_until_its_deadline(game: QuizGame, clock: Clock) -> None:
    q = game.open_round()
    wrong = (q.answer_index + 1) % 4
    assert game.submit(1, "a", choice=q.answer_index) is Outcome.LOCKED
    assert game.submit(1, "a", choice=wrong) is Outcome.ALREADY
    assert game.submit(2, "b", choice=wrong) is Outcome.LOCKED
    assert game.submit(3, "c", typed=q.answer) is Outcome.LOCKED
    assert not game.is_due()
    clock.tick(20)
    assert game.is_due()
    assert game.submit(4, "d", choice=q.answer_index) is Outcome.CLOSED
    result = game.close_round()
    assert result.correct_users == [1, 3]
    assert game.scores == {1: 1, 2: 0, 3: 1}
    assert not result.game_over


def test_answers_for_an_old_round_are_refused(game: QuizGame, clock: Clock) -> None:
    game.open_round()
    clock.tick(21)
    game.close_round()
    game.open_round()
    assert game.submit(1, "a", choice=0, round_number=1) is Outcome.CLOSED
    assert game.submit(1, "a", choice=0, round_number=2) is Outcome.LOCKED


def test_the_game_ends_after_the_last_round_with_standings(game: QuizGame, clock: Clock) -> None:
    for points_for_2 in range(3):
        q = game.open_round()
        game.submit(1, "a", choice=q.answer_index)
        game.submit(2, "b", choice=q.answer_index if points_for_2 == 0 else (q.answer_index + 1) % 4)
        clock.tick(20)
        result = game.close_round()
    assert result.game_over and game.status == "finished" and game.end_reason is None
    assert game.standings() == [(1, 3), (2, 1)]
    assert game.winners() == [1]


def test_two_unanswered_rounds_in_a_row_end_the_game(game: QuizGame, clock: Clock) -> None:
    game.open_round()
    clock.tick(20)
    assert not game.close_round().game_over
    game.open_round()
    clock.tick(20)
    result = game.close_round()
    assert result.game_over and "2 rounds in a row" in (result.end_reason or "")
    with pytest.raises(RuntimeError):
        game.open_round()


def test_an_answered_round_resets_the_idle_count(store: FactStore, clock: Clock) -> None:
    questions = QuestionBank(store).pick(random.Random(2), 4)
    g = QuizGame(game_id=2, guild_id=10, channel_id=21, starter_id=100, questions=questions, seconds=10, clock=clock)
    for answered in (False, True, False):
        q = g.open_round()
        if answered:
            g.submit(1, "a", choice=q.answer_index)
        clock.tick(10)
        assert not g.close_round().game_over


def test_only_the_starter_or_a_moderator_may_stop(game: QuizGame) -> None:
    assert game.can_stop(100, manages_messages=False)
    assert game.can_stop(555, manages_messages=True)
    assert not game.can_stop(555, manages_messages=False)
    game.open_round()
    game.stop("mod")
    assert game.status == "stopped" and not game.accepting and game.submit(1, "a", choice=0) is Outcome.CLOSED


def test_nobody_scoring_means_no_winner(game: QuizGame, clock: Clock) -> None:
    q = game.open_round()
    game.submit(1, "a", choice=(q.answer_index + 1) % 4)
    clock.tick(20)
    game.close_round()
    assert game.winners() == []
