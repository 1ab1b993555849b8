"""Daily posts on a fake clock: time zones, DST, 29 February, restarts, downtime, skip_empty."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.core.loading import load_facts
from bot.core.store import FactStore
from bot.services.anniversaries import day_digest
from bot.services.daily import DailyError, DailyService, Schedule, parse_time, parse_zone, post_instant
from bot.storage.database import Database

UTC = dt.UTC


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


LONG_AGO = utc(2000, 1, 1)


def schedule(zone: str, at: str, since: dt.datetime = LONG_AGO) -> Schedule:
    return Schedule(
        guild_id=1,
        channel_id=2,
        at=parse_time(at),
        zone=ZoneInfo(zone),
        skip_empty=False,
        max_items=5,
        since=since,
        paused_reason=None,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00", dt.time(9)),
        ("9:05", dt.time(9, 5)),
        ("21:30", dt.time(21, 30)),
        ("9am", dt.time(9)),
        ("9:30 pm", dt.time(21, 30)),
        ("12am", dt.time(0)),
        ("12 pm", dt.time(12)),
    ],
)
def test_parse_time(text: str, expected: dt.time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "9:75", "noon", "13pm", ""])
def test_parse_time_rejects(text: str) -> None:
    with pytest.raises(DailyError):
        parse_time(text)


def test_parse_zone() -> None:
    assert parse_zone("asia/seoul").key == "Asia/Seoul"
    with pytest.raises(DailyError, match="time zone"):
        parse_zone("Mars/Olympus")


def test_seoul_posts_on_its_own_date_before_utc_midnight() -> None:
    s = schedule("Asia/Seoul", "00:05")
    never = lambda d: False  # noqa: E731
    assert s.due_date(utc(2026, 11, 21, 15, 4), never) is None
    assert s.due_date(utc(2026, 11, 21, 15, 5), never) == dt.date(2026, 11, 22)  # UTC is still the 21st


def test_los_angeles_posts_on_its_own_date_after_utc_midnight() -> None:
    s = schedule("America/Los_Angeles", "23:30")
    never = lambda d: False  # noqa: E731
    assert s.due_date(utc(2026, 11, 23, 7, 29), never) is None
    assert s.due_date(utc(2026, 11, 23, 7, 30), never) == dt.date(2026, 11, 22)  # UTC is already the 23rd


def simulate(s: Schedule, start: dt.datetime, days: int, step_minutes: int = 5) -> dict[dt.date, dt.datetime]:
    """Step a clock through `days` and record when each local date was posted (at most once)."""
    posted: dict[dt.date, dt.datetime] = {}
    now = start
    while now < start + dt.timedelta(days=days):
        day = s.due_date(now, posted.__contains__)
        if day is not None:
            posted[day] = now
        now += dt.timedelta(minutes=step_minutes)
    return posted


@pytest.mark.parametrize(
    ("zone", "at", "start"),
    [
        ("Europe/London", "09:00", utc(2026, 3, 27)),  # spring forward on March 29
        ("Europe/London", "01:30", utc(2026, 3, 27)),  # 01:30 does not exist on March 29
        ("Europe/London", "09:00", utc(2026, 10, 23)),  # fall back on October 25
        ("Europe/London", "01:30", utc(2026, 10, 23)),  # 01:30 happens twice on October 25
        ("America/New_York", "09:00", utc(2026, 3, 6, 6)),  # spring forward on March 8
        ("America/New_York", "02:30", utc(2026, 3, 6, 6)),  # 02:30 does not exist on March 8
        ("America/New_York", "09:00", utc(2026, 10, 30, 6)),  # fall back on November 1
        ("America/New_York", "01:30", utc(2026, 10, 30, 6)),  # 01:30 happens twice on November 1
    ],
)
def test_daylight_saving_changes_neither_skip_nor_double_a_day(zone: str, at: str, start: dt.datetime) -> None:
    s = schedule(zone, at)
    posted = simulate(s, start, days=5)
    tz = ZoneInfo(zone)
    first_day = start.astimezone(tz).date() + dt.timedelta(days=1)
    expected_days = [first_day + dt.timedelta(days=i) for i in range(3)]
    for day in expected_days:
        assert day in posted, day
        when = posted[day].astimezone(tz)
        assert when.date() == day
        assert post_instant(day, s.at, tz) <= posted[day] < post_instant(day, s.at, tz) + dt.timedelta(minutes=5)
    assert len(posted) == len(set(posted))


def test_a_gap_time_posts_just_after_the_gap() -> None:
    tz = ZoneInfo("America/New_York")
    instant = post_instant(dt.date(2026, 3, 8), dt.time(2, 30), tz).astimezone(tz)
    assert (instant.hour, instant.minute) == (3, 30)
    fold = post_instant(dt.date(2026, 11, 1), dt.time(1, 30), tz)
    assert fold == utc(2026, 11, 1, 5, 30)  # the first 01:30 (EDT)


def test_a_schedule_set_after_todays_time_starts_tomorrow() -> None:
    s = schedule("UTC", "09:00", since=utc(2026, 11, 22, 10))
    assert s.due_date(utc(2026, 11, 22, 11), lambda d: False) is None
    assert s.next_post(utc(2026, 11, 22, 11), lambda d: False) == utc(2026, 11, 23, 9)
    assert s.due_date(utc(2026, 11, 23, 9), lambda d: False) == dt.date(2026, 11, 23)


def test_29_february_is_remembered_on_28_february_in_common_years(facts_copy: Path) -> None:
    (facts_copy / "leap.yaml").write_text(
        "events:\n  - {id: leap-day-event, kind: other, date: 2024-02-29, year: 2024, participants: [bts],"
        " statement: A leap-day test event., sources: [mama-2023-fifty-wins]}\n",
        encoding="utf-8",
    )
    store = load_facts(facts_copy)
    common = day_digest(store, 2, 28, on_date=dt.date(2027, 2, 28))
    assert [a.text for a in common.items] == ["A leap-day test event."]
    assert day_digest(store, 2, 28, on_date=dt.date(2028, 2, 28)).items == ()
    assert [a.text for a in day_digest(store, 2, 29, on_date=dt.date(2028, 2, 29)).items] == ["A leap-day test event."]


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
async def db(database_url: str):
    database = Database(database_url)
    await database.upgrade()
    yield database
    await database.close()


async def send_due(service: DailyService) -> list[dt.date]:
    """Claim and 'send' every due post; return the dates sent."""
    sent = []
    for post in await service.due():
        if await service.claim(post):
            await service.finish(post, "sent", message_id=1)
            sent.append(post.local_date)
    return sent


async def test_restart_on_the_same_day_does_not_post_again(store: FactStore, db: Database) -> None:
    clock = Clock(utc(2026, 11, 22, 8))
    service = DailyService(store, db, clock)
    await service.configure(1, channel_id=2, at="09:00", timezone="UTC")
    assert await send_due(service) == []
    clock.now = utc(2026, 11, 22, 9, 1)
    assert await send_due(service) == [dt.date(2026, 11, 22)]
    restarted = DailyService(store, db, clock)
    clock.now = utc(2026, 11, 22, 12)
    assert await send_due(restarted) == []


async def test_a_crash_between_claim_and_send_never_posts_twice(store: FactStore, db: Database) -> None:
    clock = Clock(utc(2026, 11, 22, 8))
    service = DailyService(store, db, clock)
    await service.configure(1, channel_id=2, at="09:00", timezone="UTC")
    clock.now = utc(2026, 11, 22, 9, 31)
    [post] = await service.due()
    assert await service.claim(post)  # ... and the process dies before sending
    assert not await service.claim(post)
    after_crash = DailyService(store, db, clock)
    assert await after_crash.due() == []
    status = await after_crash.status(1)
    assert status.last_post is not None and status.last_post.status == "claimed"


async def test_downtime_over_the_post_time_posts_late_the_same_day_only(store: FactStore, db: Database) -> None:
    clock = Clock(utc(2026, 11, 20, 8))
    service = DailyService(store, db, clock)
    await service.configure(1, channel_id=2, at="09:00", timezone="Asia/Seoul")
    clock.now = utc(2026, 11, 21, 14)  # back at 23:00 Seoul time on the 21st, long after 09:00
    assert await send_due(service) == [dt.date(2026, 11, 21)]
    clock.now = utc(2026, 11, 23, 23)  # offline through the 22nd and the 23rd; it is 08:00 on the 24th in Seoul
    assert await send_due(service) == []
    clock.now = utc(2026, 11, 24, 0, 1)  # 09:01 on the 24th
    assert await send_due(service) == [dt.date(2026, 11, 24)]


async def test_status_shows_next_and_last_post(store: FactStore, db: Database) -> None:
    clock = Clock(utc(2026, 11, 22, 8))
    service = DailyService(store, db, clock)
    assert (await service.status(1)).schedule is None
    await service.configure(1, channel_id=2, at="9:00", timezone="Europe/London")
    status = await service.status(1)
    assert status.next_post == utc(2026, 11, 22, 9) and status.last_post is None
    clock.now = utc(2026, 11, 22, 9)
    await send_due(service)
    status = await service.status(1)
    assert status.next_post == utc(2026, 11, 23, 9)
    assert status.last_post is not None and status.last_post.status == "sent"
    await service.pause(1, "no permission")
    clock.now = utc(2026, 11, 23, 9, 30)
    assert await service.due() == []
    assert (await service.status(1)).schedule.paused_reason == "no permission"
    await service.configure(1, channel_id=2, at="9:00", timezone="Europe/London")  # setting it again un-pauses
    assert (await service.status(1)).schedule.paused_reason is None
    assert await service.turn_off(1) and not await service.turn_off(1)


async def test_many_servers_due_at_once_are_all_returned(store: FactStore, db: Database) -> None:
    clock = Clock(utc(2026, 11, 22, 8))
    service = DailyService(store, db, clock)
    for guild in range(1, 51):
        await service.configure(guild, channel_id=guild, at="09:00", timezone="UTC")
    clock.now = utc(2026, 11, 22, 9)
    assert len(await service.due()) == 50
