"""A quiz game as a state machine driven by an injected clock (no sleeps, no Discord)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from bot.core.quiz import QuizQuestion, judge

IDLE_ROUNDS_TO_END = 2
POINTS_PER_CORRECT = 1


class Outcome(Enum):
    """What happened to an answer."""

    LOCKED = "locked"
    ALREADY = "already"
    CLOSED = "closed"


@dataclass(frozen=True)
class Submission:
    """One member's answer in one round."""

    user_id: int
    user_name: str
    choice: int | None
    typed: str | None
    correct: bool
    at: dt.datetime

    def shown(self, question: QuizQuestion) -> str:
        """Describe the answer given: "B. Jungkook" or the typed text."""
        if self.choice is not None:
            return f"{'ABCD'[self.choice]}. {question.choices[self.choice]}"
        return self.typed or ""


@dataclass(frozen=True)
class RoundResult:
    """A closed round: the question, who answered what, and whether the game ended."""

    number: int
    question: QuizQuestion
    submissions: tuple[Submission, ...]
    game_over: bool
    end_reason: str | None

    @property
    def correct_users(self) -> list[int]:
        """Return who answered right, in the order they answered."""
        return [s.user_id for s in self.submissions if s.correct]


@dataclass(frozen=True)
class GameState:
    """A snapshot of what changes as a game is played."""

    round_index: int
    deadline: dt.datetime | None
    status: str
    end_reason: str | None
    scores: dict[int, int]
    names: dict[int, str]
    submissions: dict[int, Submission]
    idle_rounds: int


@dataclass
class QuizGame:
    """One game in one channel: rounds open, take answers until their deadline, then close."""

    game_id: int
    guild_id: int
    channel_id: int
    starter_id: int
    questions: Sequence[QuizQuestion]
    seconds: float
    clock: Callable[[], dt.datetime]
    topic: str | None = None
    round_index: int = -1
    deadline: dt.datetime | None = None
    status: str = "running"
    end_reason: str | None = None
    scores: dict[int, int] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    message_id: int | None = None
    _submissions: dict[int, Submission] = field(default_factory=dict)
    _idle_rounds: int = 0

    @property
    def question(self) -> QuizQuestion:
        """Return the question of the current round."""
        return self.questions[self.round_index]

    @property
    def round_number(self) -> int:
        """Return the current round, counting from 1."""
        return self.round_index + 1

    @property
    def accepting(self) -> bool:
        """Say whether the current round takes answers."""
        return self.status == "running" and self.deadline is not None and self.clock() < self.deadline

    def open_round(self) -> QuizQuestion:
        """Open the next round and start its clock."""
        if self.status != "running":
            raise RuntimeError("the game is over")
        self.round_index += 1
        self._submissions = {}
        self.deadline = self.clock() + dt.timedelta(seconds=self.seconds)
        return self.question

    def submit(
        self,
        user_id: int,
        user_name: str,
        *,
        choice: int | None = None,
        typed: str | None = None,
        round_number: int | None = None,
    ) -> Outcome:
        """Take a member's answer: once per round, only while the round is open."""
        if not self.accepting or (round_number is not None and round_number != self.round_number):
            return Outcome.CLOSED
        if user_id in self._submissions:
            return Outcome.ALREADY
        q = self.question
        correct = choice == q.answer_index if choice is not None else judge(q, typed or "")
        self._submissions[user_id] = Submission(user_id, user_name, choice, typed, correct, self.clock())
        self.names[user_id] = user_name
        return Outcome.LOCKED

    def is_due(self) -> bool:
        """Say whether the current round's time is up."""
        return self.status == "running" and self.deadline is not None and self.clock() >= self.deadline

    def close_round(self) -> RoundResult:
        """Close the round: score it, and end the game after the last round or two idle rounds."""
        submissions = tuple(sorted(self._submissions.values(), key=lambda s: s.at))
        for s in submissions:
            self.scores.setdefault(s.user_id, 0)
            if s.correct:
                self.scores[s.user_id] += POINTS_PER_CORRECT
        self._idle_rounds = 0 if submissions else self._idle_rounds + 1
        self.deadline = None
        if self._idle_rounds >= IDLE_ROUNDS_TO_END:
            self.status, self.end_reason = "finished", f"No one answered {IDLE_ROUNDS_TO_END} rounds in a row."
        elif self.round_number >= len(self.questions):
            self.status, self.end_reason = "finished", None
        return RoundResult(self.round_number, self.question, submissions, self.status != "running", self.end_reason)

    def checkpoint(self) -> GameState:
        """Return the game's changeable state, to restore if saving a closed round fails."""
        return GameState(
            self.round_index,
            self.deadline,
            self.status,
            self.end_reason,
            dict(self.scores),
            dict(self.names),
            dict(self._submissions),
            self._idle_rounds,
        )

    def restore(self, state: GameState) -> None:
        """Go back to a checkpoint (the round is open again with its answers)."""
        (
            self.round_index,
            self.deadline,
            self.status,
            self.end_reason,
            self.scores,
            self.names,
            self._submissions,
            self._idle_rounds,
        ) = (
            state.round_index,
            state.deadline,
            state.status,
            state.end_reason,
            dict(state.scores),
            dict(state.names),
            dict(state.submissions),
            state.idle_rounds,
        )

    def can_stop(self, user_id: int, *, manages_messages: bool) -> bool:
        """The starter, or anyone who may manage messages, may stop the game."""
        return user_id == self.starter_id or manages_messages

    def stop(self, by_name: str) -> None:
        """End the game now (the current round is not scored)."""
        self.status, self.end_reason = "stopped", f"Stopped by {by_name}."
        self.deadline = None

    def standings(self) -> list[tuple[int, int]]:
        """Return (user, points), best first."""
        return sorted(self.scores.items(), key=lambda item: (-item[1], item[0]))

    def winners(self) -> list[int]:
        """Return the members with the top score (none if nobody scored)."""
        table = self.standings()
        if not table or table[0][1] == 0:
            return []
        return [user for user, points in table if points == table[0][1]]
