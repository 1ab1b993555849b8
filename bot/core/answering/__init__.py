"""Answering questions from the facts: a small pipeline (`engine`) over intent families (`intents/`).

Public API: `Engine` (ask, complete) and `Refusal`.
"""

from bot.core.answering.engine import MAX_QUESTION_CHARS, Engine
from bot.core.answering.intent import Refusal

__all__ = ["MAX_QUESTION_CHARS", "Engine", "Refusal"]
