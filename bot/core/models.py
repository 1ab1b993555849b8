"""Pydantic models of the fact files: what a moderator may write in `facts/`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, field_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Year = Annotated[int, Field(ge=1900, le=2100)]
SourceIds = Annotated[list[Id], Field(min_length=1)]


class FactModel(BaseModel):
    """Base of every fact kind: strict keys, immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(FactModel):
    """Where facts were read: a news article, or a reference list (a Wikipedia list of results).

    A reference list says what it covers: `complete_for` names the artists whose results it lists in
    full (so "no" and "first" may be said from it for them, never who beat them).
    """

    id: Id
    kind: Literal["article", "reference_list"] = "article"
    summary: Text
    title: Text | None = None
    published: dt.date | None = None
    publisher: Name | None = None
    url: str | None = None
    document: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    pages: list[str] = []
    licence: Name | None = None
    retrieved: dt.date | None = None
    via: Text | None = None  # the intermediary a reference list came through: repository, commit, file hash
    complete_for: list[Id] = []

    @property
    def display_title(self) -> str:
        """Return the article's own title, or our summary of it."""
        return self.title or self.summary


class Membership(FactModel):
    """A person's membership of a group."""

    group: Id
    role: Name | None = None


class Entity(FactModel):
    """An artist, a person or a work."""

    id: Id
    kind: Literal["group", "person", "song", "album", "work"]  # work: a title a source gives without saying what
    name: Name
    aliases: list[Name] = []
    description: Text | None = None
    member_of: list[Membership] = []
    artists: list[Id] = []
    featuring: list[Id] = []
    released: dt.date | None = None
    sources: SourceIds

    @property
    def is_work(self) -> bool:
        """Say whether this entity is a song or an album."""
        return self.kind in ("song", "album", "work")


class SelectionMethod(FactModel):
    """How a ceremony chose its winners over a span of years."""

    since: Year | None = None
    until: Year | None = None
    method: Text


class FormerName(FactModel):
    """A name a show had until a year ("Mnet Asian Music Awards" until 2021)."""

    name: Name
    until: Year


class Ceremony(FactModel):
    """An award show: AMAs, MTV EMAs, MAMA Awards."""

    id: Id
    name: Name
    short: Name
    aliases: list[Name] = []
    former_names: list[FormerName] = []
    description: Text | None = None
    founded: Year | None = None
    founder: Id | None = None
    network: Name | None = None
    first_ceremony: Year | None = None
    winner_selection: list[SelectionMethod] = []
    sources: SourceIds


class Category(FactModel):
    """An award category of one ceremony."""

    id: Id
    ceremony: Id
    name: Name
    aliases: list[Name] = []
    description: Text | None = None
    introduced: Year | None = None
    multiple_winners: StrictBool = False  # a Bonsang, a Top 10, a popularity award: never one winner
    sources: SourceIds


class Edition(FactModel):
    """A ceremony in a given year."""

    id: Id
    ceremony: Id
    year: Year
    date: dt.date | None = None
    place: Name | None = None
    planned_place: Name | None = None
    status: Literal["held", "cancelled", "winners_announced_online"] | None = None
    status_reason: Text | None = None
    sources: SourceIds


class AwardResult(FactModel):
    """One nominee in one category at one edition, and whether it won.

    `first_at_ceremony` is set only where a source says this was the nominee's
    first win at that ceremony; without it the bot never calls a win "first".
    """

    id: Id | None = None
    edition: Id
    category: Id | None = None
    nominee: Id
    work: Id | None = None
    result: Literal["won", "nominated", "pending"]  # pending: the ceremony had not announced it yet
    first_at_ceremony: StrictBool = False  # true or false only: `yes` is an error, not true
    note: Text | None = None
    sources: SourceIds


class Record(FactModel):
    """A total, streak, first or chart record, true as of a date or a year.

    `edition` scopes a total to one ceremony edition ("won two awards at the 2022 AMAs").
    """

    id: Id
    kind: Literal["total", "streak", "first", "chart", "milestone", "other"]
    subject: Id
    ceremony: Id | None = None
    edition: Id | None = None
    category: Id | None = None
    work: Id | None = None
    value: int | None = None
    unit: Name | None = None
    since: Year | None = None
    as_of: dt.date | Year
    statement: Text
    keywords: list[Name] = []
    question: Text | None = None
    sources: SourceIds

    @field_validator("as_of", mode="before")
    @classmethod
    def _year_or_date(cls, value: object) -> object:
        if isinstance(value, str) and value.isdigit():
            return int(value)
        return value


class Event(FactModel):
    """Something that happened: a performance, release, message, member news."""

    id: Id
    kind: Literal[
        "performance",
        "attendance",
        "absence",
        "acceptance",
        "release",
        "announcement",
        "message",
        "concert",
        "military",
        "cancelled_performance",
        "other",
    ]
    date: dt.date | None = None
    year: Year
    edition: Id | None = None
    participants: list[Id] = []
    works: list[Id] = []
    place: Name | None = None
    statement: Text
    keywords: list[Name] = []
    question: Text | None = None
    sources: SourceIds


class Claim(FactModel):
    """One side of a disagreement: what a source says, and as of when."""

    says: Text
    value: int | None = None
    as_of: dt.date | Year | None = None
    facts: list[str] = []  # keys of the facts that state it ("record:bts-mama-total-wins")
    sources: SourceIds


class Dispute(FactModel):
    """Sources that disagree, kept side by side: the bot names both, never picks one."""

    id: Id
    subject: Id
    ceremony: Id | None = None
    category: Id | None = None
    topic: Text
    keywords: list[Name] = []
    claims: Annotated[list[Claim], Field(min_length=2)]


class OtherShow(FactModel):
    """An award show the facts do not cover: named so a question about it is never answered with another's."""

    id: Id
    name: Name
    aliases: list[Name] = []
