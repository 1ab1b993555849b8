"""The database schema: everything that must survive a restart.

Changing it? Add an Alembic migration too (`bot/storage/migrations/versions/`); a test
fails while the models and the migrations disagree.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Base of every table."""


class GuildSettings(Base):
    """Per-server settings: time zone and the daily post."""

    __tablename__ = "guild_settings"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    daily_channel_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    daily_time: Mapped[str | None] = mapped_column(String(5), nullable=True)  # "HH:MM", local time
    daily_enabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    daily_skip_empty: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    daily_max_items: Mapped[int] = mapped_column(Integer, default=5, server_default="5")
    daily_paused_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    daily_since: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class DailyPost(Base):
    """One daily post per server per local date: claimed before sending, completed after."""

    __tablename__ = "daily_posts"
    __table_args__ = (UniqueConstraint("guild_id", "local_date", name="uq_daily_post_guild_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger, index=True)
    local_date: Mapped[dt.date] = mapped_column(Date)
    channel_id: Mapped[int] = mapped_column(BigInteger)
    claimed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    status: Mapped[str] = mapped_column(
        String(16), default="claimed", server_default="claimed"
    )  # claimed | sent | skipped | failed
    detail: Mapped[str | None] = mapped_column(Text, nullable=True)


class QuizGame(Base):
    """A quiz game in a channel; `status` is running until it ends or a restart interrupts it."""

    __tablename__ = "quiz_games"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger, index=True)
    channel_id: Mapped[int] = mapped_column(BigInteger, index=True)
    starter_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    rounds: Mapped[int] = mapped_column(Integer)
    topic: Mapped[str | None] = mapped_column(String(120), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="running", server_default="running")
    # running | finished | stopped | interrupted | aborted
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class QuizAnswer(Base):
    """One member's answer in one round, written when the round closes."""

    __tablename__ = "quiz_answers"
    __table_args__ = (UniqueConstraint("game_id", "round_no", "user_id", name="uq_quiz_answer_once"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    game_id: Mapped[int] = mapped_column(Integer, index=True)
    guild_id: Mapped[int] = mapped_column(BigInteger, index=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    round_no: Mapped[int] = mapped_column(Integer)
    question_key: Mapped[str] = mapped_column(String(200))
    correct: Mapped[bool] = mapped_column(Boolean)
    points: Mapped[int] = mapped_column(Integer)
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class QuizAsked(Base):
    """Questions a channel has seen, so it does not see the same one again soon."""

    __tablename__ = "quiz_asked"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel_id: Mapped[int] = mapped_column(BigInteger, index=True)
    question_key: Mapped[str] = mapped_column(String(200))
    asked_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
