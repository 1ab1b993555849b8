"""The ask flow shared by the CLI, the console and Discord."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from bot.core.answer import Answer
from bot.core.answering import Engine
from bot.core.loading import load_facts
from bot.core.phrasing import source_label


@lru_cache(maxsize=4)
def _cached_engine(directory: str) -> Engine:
    return Engine(load_facts(directory))


def build_engine(directory: Path, clock: Callable[[], dt.date] | None = None) -> Engine:
    """Load facts and build an engine (cached per directory when no clock is injected)."""
    if clock is None:
        return _cached_engine(str(Path(directory).resolve()))
    return Engine(load_facts(directory), clock=clock)


def render_text(answer: Answer) -> str:
    """Render an answer for a terminal."""
    lines = [answer.answer]
    if answer.sources:
        lines.append("Sources: " + "; ".join(source_label(s.title, s.published) for s in answer.sources))
    if answer.suggestions:
        lines.append("Did you mean: " + " | ".join(answer.suggestions))
    return "\n".join(lines)
