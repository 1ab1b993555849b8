"""End to end: the database goes away under the running jobs and comes back.

Daily posts and quiz rounds resume, nothing is posted twice, and `/daily status`
shows the trouble meanwhile. On PostgreSQL the outage is real (connections refused
and killed); on SQLite every statement fails as under another process's lock.
"""

from __future__ import annotations

from typing import Any

from bot.discord.cogs.daily import DailyCog
from bot.discord.cogs.quiz import QuizCog
from tests.databases import Outage
from tests.discord.conftest import Harness
from tests.discord.fake_discord import CHANNEL_ID, MODERATOR_PERMISSIONS, OTHER_CHANNEL_ID


def daily_cog(h: Harness) -> DailyCog:
    found = h.bot.get_cog("DailyCog")
    assert isinstance(found, DailyCog)
    return found


def quiz_cog(h: Harness) -> QuizCog:
    found = h.bot.get_cog("QuizCog")
    assert isinstance(found, QuizCog)
    return found


async def slash(h: Harness, name: str, sub: str, options: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    index, payload = await h.fake.slash(name, options, subcommand=sub, permissions=MODERATOR_PERMISSIONS, **kwargs)
    return (await h.fake.response(index, payload)).body["data"]


def daily_posts(h: Harness, after: int = 0) -> list[Any]:
    return [
        c for c in h.fake.calls[after:] if c.method == "POST" and c.path == f"/channels/{OTHER_CHANNEL_ID}/messages"
    ]


async def test_jobs_survive_a_database_outage_and_catch_up_once(harness: Harness) -> None:
    h = harness
    await slash(h, "daily", "set", {"time": "09:30", "timezone": "UTC"}, channel_options={"channel": OTHER_CHANNEL_ID})
    index, payload = await h.fake.slash("quiz", {"rounds": 2, "seconds": 20}, subcommand="start")
    await h.fake.response(index, payload)
    game = quiz_cog(h).service.games[CHANNEL_ID]
    post = await h.fake.wait_for_call(lambda c: c.path == f"/channels/{CHANNEL_ID}/messages", after=index)
    question = next(m for m in h.fake.messages.values() if m["embeds"] == post.body["embeds"])
    right = f"quiz:{game.game_id}:1:{game.question.answer_index}"
    index, click = await h.fake.click(question["id"], right, user_id=5)
    await h.fake.response(index, click)

    outage = Outage(h.bot.database.engine, h.database_url)
    await outage.begin()
    try:
        h.clock.advance(minutes=45)  # the daily post is due and the quiz round is over
        before = len(h.fake.calls)
        daily_job, quiz_job = daily_cog(h).job, quiz_cog(h).job
        for _ in range(3):
            assert await daily_job.run_once() is False
            assert await quiz_job.run_once() is False
        assert daily_posts(h, before) == []
        assert game.is_due() and game.round_number == 1  # the round waits, its answer kept
        status = (await slash(h, "daily", "status", {}))["embeds"][0]
        failing = next(f["value"] for f in status["fields"] if f["name"] == "⚠️ Posting is failing")
        assert "3 attempts" in failing and "retrying" in failing
        assert "can't read this server's settings" in status["description"]
    finally:
        await outage.end()

    assert await daily_job.run_once() is True
    assert await quiz_job.run_once() is True
    assert len(daily_posts(h, before)) == 1
    assert game.scores == {5: 1} and game.round_number == 2  # round 1 scored, round 2 asked
    for _ in range(2):
        assert await daily_job.run_once() is True
    assert len(daily_posts(h, before)) == 1  # exactly once
    status = (await slash(h, "daily", "status", {}))["embeds"][0]
    fields = {f["name"]: f["value"] for f in status["fields"]}
    assert "⚠️ Posting is failing" not in fields and fields["Last post"].endswith(": sent")
    board = await slash(h, "quiz", "leaderboard", {})
    assert "<@5>: 1 point" in board["embeds"][0]["description"]
