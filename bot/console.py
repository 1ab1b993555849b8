"""A terminal version of the bot: the same commands without a Discord application."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import TextIO

from bot import __version__
from bot.core.dates import find_dates
from bot.core.engine import Engine
from bot.services.anniversaries import day_digest
from bot.services.asking import format_source, render_text
from bot.services.browsing import NameIndex, award_lines

HELP = """Type a question, or one of:
  /ask QUESTION                      answer a question (same as typing it)
  /awards artist: X ceremony: Y year: Z   browse results (any of the three)
  /onthisday [DATE]                  what happened today, or on a day like "nov 21"
  /about                             version and what the bot knows
  /sources                           the articles the facts come from
  /help                              this text
  /quit                              leave"""

_OPTION = re.compile(r"(artist|ceremony|year)\s*:\s*(.*?)\s*(?=(?:artist|ceremony|year)\s*:|$)", re.IGNORECASE)


class Console:
    """Read commands from lines of text and write the replies."""

    def __init__(self, engine: Engine, now: Callable[[], dt.datetime]) -> None:
        self.engine = engine
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
            "help": lambda _: HELP,
        }

    def handle(self, line: str) -> str | None:
        """Return the reply to one line, or None to quit."""
        line = line.strip()
        if not line:
            return ""
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

    def run(self, lines: Iterable[str], out: TextIO, *, prompt: bool = False) -> None:
        """Answer every line until /quit or the end of input."""
        out.write(f"Award-trivia bot {__version__}, console mode. Type /help for commands, /quit to leave.\n")
        for line in lines:
            reply = self.handle(line)
            if reply is None:
                break
            if reply:
                out.write(reply + "\n\n")
            if prompt:
                out.write("> ")
            out.flush()

    def ask(self, question: str) -> str:
        """Answer a question."""
        return render_text(self.engine.ask(question, today=self.now().date()))

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
                reply += f" Coming up, {up.date:%B} {up.date.day} ({up.date.year}): {up.text}"
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
        return "\n".join(f"• {format_source(s.display_title, s.published)}" for s in self.store.sources.values())
