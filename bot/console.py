"""A terminal version of the bot: the same commands without a Discord application."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import TextIO

from bot import __version__
from bot.core.answering import Engine
from bot.core.dates import find_dates
from bot.core.phrasing import month_day, source_label
from bot.core.quiz import QuestionBank
from bot.services.anniversaries import day_digest
from bot.services.asking import render_text
from bot.services.browsing import NameIndex, award_lines
from bot.services.quiz_game import QuizGame

HELP = """Type a question, or one of:
  /ask QUESTION                      answer a question (same as typing it)
  /awards artist: X ceremony: Y year: Z   browse results (any of the three)
  /onthisday [DATE]                  what happened today, or on a day like "nov 21"
  /quiz [ROUNDS] [TOPIC]             a quiz: answer each question with A-D or by typing it
  /quiz stop                         end the quiz
  /about                             version and what the bot knows
  /sources                           the articles the facts come from
  /help                              this text
  /quit                              leave"""

BANNER = f"Award-trivia bot {__version__}, console mode. Type /help for commands, /quit or Ctrl-D to leave."
HISTORY_FILE = Path.home() / ".award_trivia_bot_history"
HISTORY_LENGTH = 1000

_OPTION = re.compile(r"(artist|ceremony|year)\s*:\s*(.*?)\s*(?=(?:artist|ceremony|year)\s*:|$)", re.IGNORECASE)


class Console:
    """Read commands from lines of text and write the replies."""

    def __init__(
        self, engine: Engine, now: Callable[[], dt.datetime], rng: Callable[[], random.Random] = random.Random
    ) -> None:
        self.engine = engine
        self.bank = QuestionBank(engine.store)
        self.rng = rng
        self.game: QuizGame | None = None
        self.store = engine.store
        self.names = NameIndex(engine.store)
        self.now = now
        self.started_at = now()
        self._commands: dict[str, Callable[[str], str]] = {
            "ask": self.ask,
            "awards": self.awards,
            "onthisday": self.onthisday,
            "about": self.about,
            "sources": self.sources,
            "quiz": self.quiz,
            "help": lambda _: HELP,
        }

    def handle(self, line: str) -> str | None:
        """Return the reply to one line, or None to quit."""
        line = line.strip()
        if not line:
            return ""
        if self.game is not None and not line.startswith("/"):
            return self._quiz_answer(line)
        if not line.startswith("/"):
            return self.ask(line)
        name, _, rest = line[1:].partition(" ")
        name = name.lower()
        if name in ("quit", "exit"):
            return None
        command = self._commands.get(name)
        if command is None:
            return f"Unknown command /{name}. Type /help for the list."
        return command(rest.strip())

    def run(self, lines: Iterable[str], out: TextIO) -> None:
        """Answer every line until /quit or the end of input."""
        out.write(BANNER + "\n")
        for line in lines:
            reply = self.handle(line)
            if reply is None:
                break
            if reply:
                out.write(reply + "\n\n")
            out.flush()

    def ask(self, question: str) -> str:
        """Answer a question."""
        return render_text(self.engine.ask(question, today=self.now().date()))

    def quiz(self, text: str) -> str:
        """Start a quiz (`/quiz [rounds] [topic]`) or stop it (`/quiz stop`)."""
        words = text.split()
        if words[:1] == ["stop"]:
            if self.game is None:
                return "No quiz is running."
            table = self._score_line()
            self.game = None
            return f"Quiz stopped. {table}"
        if self.game is not None:
            return "A quiz is already running: answer the question, or /quiz stop."
        rounds = int(words.pop(0)) if words and words[0].isdigit() else 5
        topic_text = " ".join(words)
        topic = None
        if topic_text:
            topic = self.names.ceremony(topic_text) or self.names.artist(topic_text)
            if topic is None:
                return f"I don't know a topic called “{topic_text}”."
        questions = self.bank.pick(self.rng(), max(1, min(rounds, 20)), topic=topic)
        if not questions:
            return "I have no quiz questions about that topic yet."
        self.game = QuizGame(
            game_id=0,
            guild_id=0,
            channel_id=0,
            starter_id=0,
            questions=questions,
            seconds=10**9,
            clock=self.now,
            topic=topic,
        )
        return self._quiz_question()

    def _quiz_question(self) -> str:
        assert self.game is not None
        q = self.game.open_round()
        lines = [f"Question {self.game.round_number}/{len(self.game.questions)}: {q.prompt}"]
        lines += [f"  {letter}. {choice}" for letter, choice in zip("ABCD", q.choices, strict=True)]
        return "\n".join([*lines, "Answer with A-D or type it."])

    def _quiz_answer(self, line: str) -> str:
        assert self.game is not None
        game = self.game
        letter = line.strip().upper()
        if letter in ("A", "B", "C", "D"):
            game.submit(0, "you", choice="ABCD".index(letter))
        else:
            game.submit(0, "you", typed=line)
        result = game.close_round()
        q = result.question
        verdict = "✅ Right!" if result.correct_users else f"❌ The answer was {'ABCD'[q.answer_index]}. {q.answer}."
        sources = "; ".join(source_label(s.title, s.published) for s in q.sources)
        reply = f"{verdict} (Source: {sources})"
        if result.game_over:
            self.game = None
            return f"{reply}\nQuiz over! {self._score_line(game)}"
        return f"{reply}\n\n{self._quiz_question()}"

    def _score_line(self, game: QuizGame | None = None) -> str:
        game = game or self.game
        assert game is not None
        closed = game.round_number - (1 if game.deadline is not None else 0)  # an open round is not scored
        return f"You scored {game.scores.get(0, 0)}/{closed}."

    def awards(self, text: str) -> str:
        """Browse results: `artist: X ceremony: Y year: Z`, or just an artist."""
        options = {k.lower(): v for k, v in _OPTION.findall(text)} if ":" in text else {"artist": text}
        artist = self.names.artist(options["artist"]) if options.get("artist") else None
        if options.get("artist") and artist is None:
            return f"I don't know results for an artist called “{options['artist']}”."
        ceremony = self.names.ceremony(options["ceremony"]) if options.get("ceremony") else None
        if options.get("ceremony") and ceremony is None:
            return f"I don't know an award show called “{options['ceremony']}”."
        year_text = options.get("year", "")
        if year_text and not year_text.isdigit():
            return f"“{year_text}” is not a year."
        lines = award_lines(self.store, artist=artist, ceremony=ceremony, year=int(year_text) if year_text else None)
        if not lines:
            return "I know no results for that."
        return "\n".join(line.text for line in lines)

    def onthisday(self, text: str) -> str:
        """Show today's anniversaries or those of a given day."""
        today = self.now().date()
        if text:
            dates, _ = find_dates(text)
            if not dates:
                return f"I couldn't read “{text}” as a day; try November 21 or 11/21."
            digest = day_digest(self.store, dates[0].month, dates[0].day)
        else:
            digest = day_digest(self.store, today.month, today.day, on_date=today)
        if not digest.items:
            reply = f"Nothing I know of happened on {digest.day.label()}."
            if digest.upcoming:
                up = digest.upcoming
                reply += f" Coming up, {month_day(up.date.month, up.date.day)} ({up.date.year}): {up.text}"
            return reply
        lines = [f"On this day, {digest.day.label()}:"]
        lines += [f"• {a.headline(today)}" if not text else f"• {a.date.year}: {a.text}" for a in digest.items]
        return "\n".join(lines)

    def about(self, _: str = "") -> str:
        """Show the version and what the bot knows."""
        uptime = int((self.now() - self.started_at).total_seconds())
        return (
            f"Award-trivia bot {__version__}: {self.store.fact_count} facts from {len(self.store.sources)} "
            f"sources; up {uptime} s."
        )

    def sources(self, _: str = "") -> str:
        """List the sources."""
        return "\n".join(f"• {source_label(s.display_title, s.published)}" for s in self.store.sources.values())


def _readline() -> ModuleType | None:
    """Return the readline module (line editing and history), where the platform has one."""
    try:
        import readline
    except ImportError:  # pragma: no cover - Windows without pyreadline
        return None
    return readline


def run_interactive(console: Console, history: Path = HISTORY_FILE) -> int:
    """Read lines at a prompt with editing and history; Ctrl-C clears the line, Ctrl-D or /quit leaves."""
    readline = _readline()
    if readline is not None:
        with contextlib.suppress(OSError):
            readline.read_history_file(history)
        readline.set_history_length(HISTORY_LENGTH)
    print(BANNER)
    try:
        while True:
            try:
                reply = console.handle(input("> "))
            except KeyboardInterrupt:
                print("^C (Ctrl-D or /quit to leave)")
                continue
            except EOFError:
                print()
                break
            if reply is None:
                break
            if reply:
                print(reply + "\n")
    finally:
        if readline is not None:
            with contextlib.suppress(OSError):
                readline.write_history_file(history)
    return 0
