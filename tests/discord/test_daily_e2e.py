"""End to end: /daily set, the post arriving at the scheduled fake time, status, preview, off, pausing."""

from __future__ import annotations

from bot.discord.cogs.daily import DailyCog
from tests.discord.conftest import Harness
from tests.discord.fake_discord import CHANNEL_ID, MODERATOR_PERMISSIONS, OTHER_CHANNEL_ID

EPHEMERAL = 64


def cog(h: Harness) -> DailyCog:
    found = h.bot.get_cog("DailyCog")
    assert isinstance(found, DailyCog)
    return found


async def daily(
    h: Harness,
    sub: str,
    options: dict | None = None,
    *,
    channel: int | None = None,
    permissions: str = MODERATOR_PERMISSIONS,
    user_id: int = 1001,
) -> dict:
    index, payload = await h.fake.slash(
        "daily",
        options or {},
        subcommand=sub,
        permissions=permissions,
        channel_options={"channel": channel} if channel else None,
        user_id=user_id,
    )
    return (await h.fake.response(index, payload)).body["data"]


async def test_daily_needs_manage_server(harness: Harness) -> None:
    data = await daily(
        harness, "set", {"time": "09:00", "timezone": "Asia/Seoul"}, channel=CHANNEL_ID, permissions="3072"
    )
    assert data["flags"] & EPHEMERAL and data["content"] == "You need the Manage Server permission to do that."
    assert (await daily(harness, "status", permissions="3072"))["embeds"][0]["description"].startswith("Off.")
    registered = next(c for c in harness.fake.commands if c["name"] == "daily")
    assert str(registered["default_member_permissions"]) == "32"  # hidden from members without Manage Server


async def test_the_post_arrives_at_the_scheduled_local_time(harness: Harness) -> None:
    h = harness  # the fake clock starts at 09:00 UTC on November 22 = 18:00 in Seoul
    reply = await daily(h, "set", {"time": "08:30", "timezone": "asia/seoul"}, channel=OTHER_CHANNEL_ID)
    assert reply["flags"] & EPHEMERAL and "at 08:30 Asia/Seoul" in reply["content"]
    assert await cog(h).run_due() == 0  # 08:30 Seoul already passed today when it was set
    h.clock.advance(hours=14, minutes=29)  # 08:29 on November 23 in Seoul
    assert await cog(h).run_due() == 0
    h.clock.advance(minutes=1)
    index = len(h.fake.calls)
    assert await cog(h).run_due() == 1
    post = await h.fake.wait_for_call(
        lambda c: c.method == "POST" and c.path == f"/channels/{OTHER_CHANNEL_ID}/messages", after=index
    )
    embed = post.body["embeds"][0]
    assert embed["title"] == "On this day: November 23"
    assert "5 years ago today (2021)" in embed["description"] and "President Moon" in embed["description"]
    assert "Sources:" in embed["footer"]["text"]
    assert post.body["allowed_mentions"] == {"parse": []}
    h.clock.advance(hours=3)
    assert await cog(h).run_due() == 0  # exactly once per local day

    status = (await daily(h, "status"))["embeds"][0]
    fields = {f["name"]: f["value"] for f in status["fields"]}
    assert fields["Channel"] == f"<#{OTHER_CHANNEL_ID}>" and fields["Time"] == "08:30 Asia/Seoul"
    assert fields["Last post"] == "2026-11-23: sent"
    assert fields["Next post"] == f"<t:{int(h.clock().replace(hour=23, minute=30).timestamp())}:F>"


async def test_preview_and_off(harness: Harness) -> None:
    h = harness
    preview = (await daily(h, "preview", {"date": "nov 22"}))["embeds"][0]
    assert preview["title"] == "On this day: November 22" and "enlistment" in preview["description"]
    empty = (await daily(h, "preview", {"date": "12/25"}))["embeds"][0]
    assert "Coming up, July 14" in empty["description"]
    await daily(h, "set", {"time": "10:00", "timezone": "UTC"}, channel=CHANNEL_ID)
    assert (await daily(h, "off"))["content"] == "Daily post turned off."
    h.clock.advance(hours=2)
    assert await cog(h).run_due() == 0
    assert (await daily(h, "off"))["content"] == "The daily post was already off."


async def test_a_forbidden_channel_pauses_the_schedule_without_retrying(harness: Harness) -> None:
    h = harness
    h.fake.fail("POST", rf"/channels/{CHANNEL_ID}/messages", status=403)
    await daily(h, "set", {"time": "10:00", "timezone": "UTC"}, channel=CHANNEL_ID)
    h.clock.advance(hours=1, minutes=1)
    index = len(h.fake.calls)
    assert await cog(h).run_due() == 0
    attempts = [c for c in h.fake.calls[index:] if c.method == "POST" and c.path.endswith("/messages")]
    assert len(attempts) == 1
    status = (await daily(h, "status"))["embeds"][0]
    paused = next(f["value"] for f in status["fields"] if f["name"] == "⚠️ Paused")
    assert "not allowed to post" in paused and "403" in paused
    for _ in range(3):
        h.clock.advance(days=1)
        assert await cog(h).run_due() == 0
    assert len([c for c in h.fake.calls[index:] if c.method == "POST" and c.path.endswith("/messages")]) == 1


async def test_skip_empty_posts_nothing_on_a_day_without_anniversaries(harness: Harness) -> None:
    h = harness
    h.clock.advance(days=2)  # November 24: nothing happened that day
    await daily(h, "set", {"time": "12:00", "timezone": "UTC", "skip_empty": True}, channel=CHANNEL_ID)
    h.clock.advance(hours=3)
    index = len(h.fake.calls)
    assert await cog(h).run_due() == 0
    assert not [c for c in h.fake.calls[index:] if c.path.endswith("/messages")]
    status = (await daily(h, "status"))["embeds"][0]
    assert any(f["value"] == "2026-11-24: skipped" for f in status["fields"])
