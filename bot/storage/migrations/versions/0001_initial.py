"""The schema of the first release: server settings, daily posts, quiz games, answers and asked questions.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "guild_settings",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("timezone", sa.String(length=64), server_default="UTC", nullable=False),
        sa.Column("daily_channel_id", sa.BigInteger(), nullable=True),
        sa.Column("daily_time", sa.String(length=5), nullable=True),
        sa.Column("daily_enabled", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("daily_skip_empty", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("daily_max_items", sa.Integer(), server_default="5", nullable=False),
        sa.Column("daily_paused_reason", sa.Text(), nullable=True),
        sa.Column("daily_since", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("guild_id"),
    )
    op.create_table(
        "daily_posts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=16), server_default="claimed", nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("guild_id", "local_date", name="uq_daily_post_guild_date"),
    )
    op.create_index("ix_daily_posts_guild_id", "daily_posts", ["guild_id"])
    op.create_table(
        "quiz_games",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("starter_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("rounds", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=120), nullable=True),
        sa.Column("status", sa.String(length=16), server_default="running", nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_quiz_games_guild_id", "quiz_games", ["guild_id"])
    op.create_index("ix_quiz_games_channel_id", "quiz_games", ["channel_id"])
    op.create_table(
        "quiz_answers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("game_id", sa.Integer(), nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("round_no", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.String(length=200), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("game_id", "round_no", "user_id", name="uq_quiz_answer_once"),
    )
    op.create_index("ix_quiz_answers_game_id", "quiz_answers", ["game_id"])
    op.create_index("ix_quiz_answers_guild_id", "quiz_answers", ["guild_id"])
    op.create_index("ix_quiz_answers_user_id", "quiz_answers", ["user_id"])
    op.create_index("ix_quiz_answers_answered_at", "quiz_answers", ["answered_at"])
    op.create_table(
        "quiz_asked",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("question_key", sa.String(length=200), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_quiz_asked_channel_id", "quiz_asked", ["channel_id"])


def downgrade() -> None:
    for table in ("quiz_asked", "quiz_answers", "quiz_games", "daily_posts", "guild_settings"):
        op.drop_table(table)
