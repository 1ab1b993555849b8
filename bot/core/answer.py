"""The answer contract: what `ask` returns, as documented in DESIGN.md."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from bot.core.models import Source


class SourceRef(BaseModel):
    """A cited article, as shown to users and written in JSON."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    published: dt.date | None
    document: str
    url: str | None

    @classmethod
    def of(cls, source: Source) -> SourceRef:
        """Build the reference for a stored source."""
        return cls(
            id=source.id,
            title=source.display_title,
            published=source.published,
            document=source.document,
            url=source.url,
        )


class Answer(BaseModel):
    """One answer: the text, whether the bot knew, its sources and suggestions.

    `details` holds the facts behind the answer (one line each) for richer displays;
    `facts` names the facts used, by key.
    """

    question: str
    answered: bool
    intent: str | None
    answer: str
    sources: list[SourceRef] = []
    suggestions: list[str] = []
    details: list[str] = []
    facts: list[str] = []
