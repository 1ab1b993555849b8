"""What happened on a day of the year (or on a given date)."""

from __future__ import annotations

from bot.core.answering.intent import Intent, Refusal, Reply
from bot.core.answering.question import Question
from bot.core.phrasing import month_day


class OnDate(Intent):
    """Anniversaries of a month-day, or what happened on one date."""

    name = "on_date"
    tolerates_noise = False
    keywords = frozenset({"held", "date", "happen"})
    templates = (
        "what happened on {date}",
        "what happened on this day",
        "{date}",
        "on this day {date}",
        "what happened in award history on {date}",
        "anything on {date}",
        "what happened on {date} {year}",
        "what happened today",
        "on this day",
        "{date} {year}",
    )

    supplies = frozenset({"description", "date", "yes_no"})

    def applies(self, q: Question) -> bool:
        return bool(q.dates)

    def answer(self, q: Question) -> Reply:
        day = q.dates[0]
        items = list(self.store.on_month_day(day.month, day.day))
        if q.years:
            items = [i for i in items if i.date.year in q.years]
        if q.entity_ids:
            wanted = set(q.entity_ids)
            for e in q.artists:
                wanted |= self.store.related(e) | {m.id for m in self.store.members_by_group.get(e, ())}
            items = [i for i in items if wanted & self._ids(i.fact)]
        if not items:
            raise Refusal(f"I don't know of anything that happened on {day.label()}.", self._next(day.month, day.day))
        lines = [f"{i.date.year}: {i.text}" for i in items]
        text = f"On {month_day(day.month, day.day)}: " + " ".join(lines)
        return Reply(text, [i.fact for i in items], lines, verdict=True if q.yes_no else None)

    def _ids(self, fact: object) -> set[str]:
        ids = set()
        for name in ("participants", "works", "artists"):
            ids.update(getattr(fact, name, ()))
        for name in ("ceremony", "id", "nominee"):
            value = getattr(fact, name, None)
            if value:
                ids.add(value)
        return ids

    def _next(self, month: int, day: int) -> str:
        nxt = self.store.next_dated(month, day)
        if nxt is None:
            return ""
        return f"The next anniversary I know is {month_day(nxt.date.month, nxt.date.day)} ({nxt.date.year}): {nxt.text}"
