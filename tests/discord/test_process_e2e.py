"""`python -m bot run` and `python -m bot sync` as real processes against the fake Discord.

Registering commands must not disturb a bot that is running a quiz, and SIGTERM must
stop the bot gracefully: the round in progress saved, the gateway and database closed, exit 0.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
import pytest
import yarl
from sqlalchemy import select

from bot.settings import ENV_FILE_VARIABLE, Settings
from bot.storage.database import Database
from bot.storage.tables import QuizAnswer
from bot.storage.tables import QuizGame as QuizGameRow
from tests.discord.conftest import TOKEN
from tests.discord.fake_discord import APP_ID, CHANNEL_ID, FakeDiscord

ROOT = Path(__file__).resolve().parents[2]
EPHEMERAL = 64


@dataclass
class Bots:
    """The fake Discord and how to start bot processes against it."""

    fake: FakeDiscord
    env: dict[str, str]
    database_url: str

    async def command(self, *args: str) -> asyncio.subprocess.Process:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", *args, env=self.env, cwd=ROOT,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip


@pytest.fixture
async def bots(tmp_path: Path, database_url: str) -> AsyncIterator[Bots]:
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    fake = FakeDiscord()
    await fake.start()
    names = {n.upper() for n in Settings.model_fields}
    env = {k: v for k, v in os.environ.items() if k not in names}
    env |= {
        ENV_FILE_VARIABLE: str(tmp_path / "absent.env"),
        "DISCORD_TOKEN": TOKEN,
        "DATABASE_URL": database_url,
        "DISCORD_API_URL": fake.api_url,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        "LOG_LEVEL": "INFO",
        "HEALTH_FILE": str(tmp_path / "heartbeat.json"),
    }
    try:
        yield Bots(fake, env, database_url)
    finally:
        await fake.stop()
        discord.http.Route.BASE = base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(str(gateway))


async def _click(fake: FakeDiscord, message_id: str, custom_id: str, user_id: int) -> dict[str, Any]:
    index, payload = await fake.click(message_id, custom_id, user_id=user_id, user_name=f"fan{user_id}")
    return (await fake.response(index, payload, timeout=10)).body


async def _rows(url: str) -> tuple[list[QuizGameRow], list[QuizAnswer]]:
    db = Database(url)
    try:
        async with db.session() as session:
            games = list((await session.scalars(select(QuizGameRow))).all())
            answers = list((await session.scalars(select(QuizAnswer))).all())
    finally:
        await db.close()
    return games, answers


async def test_sync_leaves_a_running_quiz_alone_and_sigterm_saves_it(bots: Bots) -> None:
    fake = bots.fake
    run = await bots.command("run")
    try:
        await asyncio.wait_for(fake.identified.wait(), 60)
        index, payload = await fake.slash("quiz", {"rounds": 3, "seconds": 120}, subcommand="start")
        await fake.response(index, payload, timeout=10)
        post = await fake.wait_for_call(
            lambda c: c.method == "POST" and c.path == f"/channels/{CHANNEL_ID}/messages", after=index, timeout=10
        )
        question = next(m for m in fake.messages.values() if m["embeds"] == post.body["embeds"])
        buttons = [b["custom_id"] for row in question["components"] for b in row["components"]]
        locked = await _click(fake, question["id"], buttons[0], 1)
        assert locked["data"]["content"].startswith("🔒 Locked in")

        before_sync = len(fake.calls)
        sync = await bots.command("sync")
        out, err = await asyncio.wait_for(sync.communicate(), 60)
        assert sync.returncode == 0, err.decode()
        assert out.decode().startswith("Synced ") and "/ask" in out.decode() and "/quiz" in out.decode()
        during = fake.calls[before_sync:]
        assert any(c.method == "PUT" and c.path == f"/applications/{APP_ID}/commands" for c in during)
        assert not any(c.method == "PATCH" for c in during)  # the quiz message was not touched
        games, _ = await _rows(bots.database_url)
        assert [g.status for g in games] == ["running"]
        assert (await _click(fake, question["id"], buttons[1], 2))["data"]["content"].startswith("🔒 Locked in")

        health = await bots.command("health")
        out, _ = await asyncio.wait_for(health.communicate(), 60)
        assert health.returncode == 0 and out.decode().startswith("healthy")

        before_stop = len(fake.calls)
        run.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(run.communicate(), 30)
    finally:
        if run.returncode is None:
            run.kill()
            await run.wait()
    log = err.decode()
    assert run.returncode == 0, log
    assert "Traceback" not in log and TOKEN not in log
    assert fake.disconnected.is_set()
    assert not os.path.exists(bots.env["HEALTH_FILE"])  # noqa: ASYNC240 - a stopped bot is not "healthy"
    edited = [c for c in fake.calls[before_stop:] if c.method == "PATCH" and c.path.endswith(question["id"])]
    assert edited and "restarting" in edited[-1].body["content"] and edited[-1].body["components"] == []
    games, answers = await _rows(bots.database_url)
    assert [g.status for g in games] == ["interrupted"]
    assert sorted((a.user_id, a.round_no) for a in answers) == [(1, 1), (2, 1)]


async def test_sync_without_a_reachable_discord_is_one_line(bots: Bots) -> None:
    bots.env["DISCORD_API_URL"] = "http://127.0.0.1:9/api/v10"
    sync = await bots.command("sync")
    _, err = await asyncio.wait_for(sync.communicate(), 60)
    assert sync.returncode == 1
    assert "Cannot reach Discord" in err.decode() and "Traceback" not in err.decode()


async def test_run_with_an_unreachable_database_stops_with_one_line(bots: Bots) -> None:
    bots.env["DATABASE_URL"] = "postgresql+asyncpg://bot:hunter2@127.0.0.1:9/none"
    run = await bots.command("run")
    _, err = await asyncio.wait_for(run.communicate(), 60)
    log = err.decode()
    assert run.returncode == 1
    assert "cannot use the database" in log and "Traceback" not in log and "hunter2" not in log


async def test_ctrl_c_stops_the_bot_gracefully_too(bots: Bots) -> None:
    run = await bots.command("run")
    try:
        await asyncio.wait_for(bots.fake.identified.wait(), 60)
        run.send_signal(signal.SIGINT)
        _, err = await asyncio.wait_for(run.communicate(), 30)
    finally:
        if run.returncode is None:
            run.kill()
            await run.wait()
    assert run.returncode == 0 and "Traceback" not in err.decode()
    assert "Stop signal received" in err.decode() and bots.fake.disconnected.is_set()
