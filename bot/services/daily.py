"""Daily "on this day" posts: per-server schedule and time zone, exactly once per local day.

A post is claimed in the database (a unique server + local date row) before it is
sent and completed with the message id after, so a crash between the two never
causes a second post that day. A post missed while the bot was offline goes out
when it comes back, on the same local day only.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.store import FactStore
from bot.services.anniversaries import DayDigest, day_digest
from bot.storage.database import Database
from bot.storage.tables import DailyPost, GuildSettings

log = logging.getLogger(__name__)

_TIME = re.compile(r"^\s*(\d{1,2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*$", re.IGNORECASE)


class DailyError(ValueError):
    """A setting a user gave that cannot be used; the message is for the user."""


def parse_time(text: str) -> dt.time:
    """Read "09:00", "9:00", "21:30", "9am" or "9:30 pm"."""
    m = _TIME.match(text)
    if not m:
        raise DailyError(f"I couldn't read “{text[:20]}” as a time; use HH:MM, like 09:00 or 21:30.")
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    suffix = (m.group(3) or "").lower().replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            raise DailyError("With am/pm the hour must be 1 to 12.")
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        raise DailyError("That is not a time of day; use 00:00 to 23:59.")
    return dt.time(hour, minute)


@lru_cache(maxsize=1)
def timezone_names() -> tuple[str, ...]:
    """Return every IANA time zone name, sorted."""
    return tuple(sorted(available_timezones()))


def parse_zone(name: str) -> ZoneInfo:
    """Return the IANA time zone `name` (case-insensitive)."""
    wanted = name.strip()
    exact = {z.lower(): z for z in timezone_names()}.get(wanted.lower())
    try:
        return ZoneInfo(exact or wanted)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise DailyError(f"I don't know the time zone “{name[:40]}”; pick one from the list, like Asia/Seoul.") from exc


def post_instant(local_date: dt.date, at: dt.time, zone: ZoneInfo) -> dt.datetime:
    """Return when `at` on `local_date` happens in `zone`, as UTC.

    A time that does not exist that day (the spring-forward gap) posts at the same
    wall-clock offset as before the gap, which falls just after it; a time that
    happens twice (fall back) posts at its first occurrence.
    """
    return dt.datetime.combine(local_date, at, tzinfo=zone).astimezone(dt.UTC)


@dataclass(frozen=True)
class Schedule:
    """A server's daily-post settings."""

    guild_id: int
    channel_id: int
    at: dt.time
    zone: ZoneInfo
    skip_empty: bool
    max_items: int
    since: dt.datetime
    paused_reason: str | None

    @classmethod
    def of(cls, row: GuildSettings) -> Schedule:
        """Build from a settings row."""
        assert row.daily_channel_id is not None and row.daily_time is not None
        since = row.daily_since or dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        if since.tzinfo is None:
            since = since.replace(tzinfo=dt.UTC)
        return cls(
            row.guild_id,
            row.daily_channel_id,
            parse_time(row.daily_time),
            ZoneInfo(row.timezone or "UTC"),
            row.daily_skip_empty,
            row.daily_max_items,
            since,
            row.daily_paused_reason,
        )

    def local_date(self, now: dt.datetime) -> dt.date:
        """Return the server's local date at `now`."""
        return now.astimezone(self.zone).date()

    def due_date(self, now: dt.datetime, posted: Callable[[dt.date], bool]) -> dt.date | None:
        """Return the local date to post for now, or None.

        Due when today's post time has passed, the schedule existed at that time, and
        nothing was claimed for today. Past days are never posted.
        """
        if self.paused_reason:
            return None
        today = self.local_date(now)
        at = post_instant(today, self.at, self.zone)
        if now < at or at < self.since or posted(today):
            return None
        return today

    def next_post(self, now: dt.datetime, posted: Callable[[dt.date], bool]) -> dt.datetime:
        """Return the next time a post will go out (UTC): now, if one is due."""
        today = self.local_date(now)
        if self.due_date(now, posted) == today:
            return now
        for offset in range(3):
            day = today + dt.timedelta(days=offset)
            at = post_instant(day, self.at, self.zone)
            if at > now and at >= self.since and not posted(day):
                return at
        return post_instant(today + dt.timedelta(days=3), self.at, self.zone)


@dataclass(frozen=True)
class DailyStatus:
    """What `/daily status` shows."""

    schedule: Schedule | None
    next_post: dt.datetime | None
    last_post: DailyPost | None


@dataclass(frozen=True)
class DuePost:
    """A post to make now."""

    schedule: Schedule
    local_date: dt.date


class DailyService:
    """Daily-post settings, the due check, and the claim / complete protocol."""

    def __init__(self, store: FactStore, database: Database, clock: Callable[[], dt.datetime]) -> None:
        self.store = store
        self.database = database
        self.clock = clock

    async def configure(
        self, guild_id: int, *, channel_id: int, at: str, timezone: str, skip_empty: bool = False
    ) -> Schedule:
        """Turn the daily post on (or change it); clears any pause."""
        when = parse_time(at)
        zone = parse_zone(timezone)
        async with self.database.session() as session:
            row = await session.get(GuildSettings, guild_id) or GuildSettings(guild_id=guild_id)
            row.timezone = zone.key
            row.daily_channel_id = channel_id
            row.daily_time = when.strftime("%H:%M")
            row.daily_enabled = True
            row.daily_skip_empty = skip_empty
            row.daily_max_items = row.daily_max_items or 5
            row.daily_paused_reason = None
            row.daily_since = self.clock()
            session.add(row)
        return Schedule.of(row)

    async def turn_off(self, guild_id: int) -> bool:
        """Turn the daily post off; return whether it was on."""
        async with self.database.session() as session:
            row = await session.get(GuildSettings, guild_id)
            was_on = bool(row and row.daily_enabled)
            if row is not None:
                row.daily_enabled = False
        return was_on

    async def status(self, guild_id: int) -> DailyStatus:
        """Return the settings, the next post time and the last post of a server."""
        async with self.database.session() as session:
            row = await session.get(GuildSettings, guild_id)
            last = (
                await session.scalars(
                    select(DailyPost)
                    .where(DailyPost.guild_id == guild_id)
                    .order_by(DailyPost.local_date.desc())
                    .limit(1)
                )
            ).first()
            if row is None or not row.daily_enabled:
                return DailyStatus(None, None, last)
            schedule = Schedule.of(row)
            claimed = await self._claimed_dates(session, guild_id)
        nxt = None if schedule.paused_reason else schedule.next_post(self.clock(), claimed.__contains__)
        return DailyStatus(schedule, nxt, last)

    async def due(self) -> list[DuePost]:
        """Return every server whose post is due now."""
        now = self.clock()
        async with self.database.session() as session:
            rows = (
                await session.scalars(
                    select(GuildSettings).where(
                        GuildSettings.daily_enabled.is_(True), GuildSettings.daily_paused_reason.is_(None)
                    )
                )
            ).all()
            schedules = [Schedule.of(r) for r in rows]
            dates = {s.local_date(now) for s in schedules}
            claimed = set()
            if dates:
                claimed = {
                    (p.guild_id, p.local_date)
                    for p in (await session.scalars(select(DailyPost).where(DailyPost.local_date.in_(dates)))).all()
                }
        due = []
        for s in schedules:
            day = s.due_date(now, lambda d, g=s.guild_id: (g, d) in claimed)
            if day is not None:
                due.append(DuePost(s, day))
        return due

    async def claim(self, post: DuePost) -> bool:
        """Claim a server's post for its local date; False if it was already claimed."""
        try:
            async with self.database.session() as session:
                session.add(
                    DailyPost(
                        guild_id=post.schedule.guild_id,
                        local_date=post.local_date,
                        channel_id=post.schedule.channel_id,
                        claimed_at=self.clock(),
                        status="claimed",
                    )
                )
        except IntegrityError:
            return False
        return True

    async def finish(
        self, post: DuePost, status: str, *, message_id: int | None = None, detail: str | None = None
    ) -> None:
        """Record how a claimed post ended: sent (with its message id), skipped or failed."""
        async with self.database.session() as session:
            row = (
                await session.scalars(
                    select(DailyPost).where(
                        DailyPost.guild_id == post.schedule.guild_id, DailyPost.local_date == post.local_date
                    )
                )
            ).one()
            row.status, row.message_id, row.detail = status, message_id, detail

    async def pause(self, guild_id: int, reason: str) -> None:
        """Stop posting for a server until a moderator sets the schedule again."""
        log.warning("Pausing the daily post of guild %s: %s", guild_id, reason)
        async with self.database.session() as session:
            row = await session.get(GuildSettings, guild_id)
            if row is not None:
                row.daily_paused_reason = reason

    def digest(self, schedule: Schedule, local_date: dt.date) -> DayDigest:
        """Select what to post for a local date, most significant first."""
        return day_digest(self.store, local_date.month, local_date.day, limit=schedule.max_items, on_date=local_date)

    @staticmethod
    async def _claimed_dates(session: AsyncSession, guild_id: int) -> set[dt.date]:
        return set((await session.scalars(select(DailyPost.local_date).where(DailyPost.guild_id == guild_id))).all())
