"""What happened on a day of the year, across years; the nearest anniversary when nothing did."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from bot.core.answer import SourceRef
from bot.core.dates import MonthDay
from bot.core.store import DatedItem, FactStore


@dataclass(frozen=True)
class Anniversary:
    """One thing that happened on this day in some year."""

    date: dt.date
    text: str
    sources: tuple[SourceRef, ...]
    significance: int

    def years_ago(self, today: dt.date) -> int:
        """Return how many years before `today` it happened."""
        return today.year - self.date.year

    def headline(self, today: dt.date) -> str:
        """Format as "3 years ago today (2021): ..."."""
        n = self.years_ago(today)
        when = "This day" if n <= 0 else f"{n} year{'s' if n != 1 else ''} ago today"
        return f"{when} ({self.date.year}): {self.text}"


@dataclass(frozen=True)
class DayDigest:
    """The anniversaries of one day, or the nearest upcoming one when there are none."""

    day: MonthDay
    items: tuple[Anniversary, ...]
    upcoming: Anniversary | None


def _anniversary(store: FactStore, item: DatedItem) -> Anniversary:
    sources = tuple(SourceRef.of(s) for s in store.sources_of([item.fact]))
    return Anniversary(item.date, item.text, sources, item.significance)


def month_days_for(date: dt.date) -> list[tuple[int, int]]:
    """Return the month-days to celebrate on `date`: 28 Feb also takes 29 Feb in common years."""
    days = [(date.month, date.day)]
    if date.month == 2 and date.day == 28 and not calendar.isleap(date.year):
        days.append((2, 29))
    return days


def day_digest(store: FactStore, month: int, day: int, *, limit: int = 10, on_date: dt.date | None = None) -> DayDigest:
    """Collect the anniversaries of a month-day (of `on_date`, when given), most significant first."""
    keys = month_days_for(on_date) if on_date else [(month, day)]
    found = [item for key in keys for item in store.on_month_day(*key)]
    found.sort(key=lambda i: (-i.significance, i.date))
    items = tuple(_anniversary(store, i) for i in found[:limit])
    upcoming = None if items else next_anniversary(store, month, day)
    return DayDigest(MonthDay(month, day), items, upcoming)


def next_anniversary(store: FactStore, month: int, day: int) -> Anniversary | None:
    """Return the first anniversary after a month-day, wrapping round the year."""
    item = store.next_dated(month, day)
    return _anniversary(store, item) if item else None
