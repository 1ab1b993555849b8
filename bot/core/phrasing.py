"""How the bot words things: lists, counts, dates, and labels of facts. One place for all of it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core.models import AwardResult, Ceremony, Edition, Record
    from bot.core.store import FactStore

NUMBER_WORDS = tuple(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split()
)
TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
ORDINAL_WORDS = tuple(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
)
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


def number_value(word: str) -> int | None:
    """Read "7", "seven", "seventh", "7th" or "seventy" as a number; None if it is not one."""
    key = word.strip().lower().replace(",", "")
    if key.isascii() and key.isdigit():
        return int(key)
    if key in NUMBER_WORDS:
        return NUMBER_WORDS.index(key)
    if key in ORDINAL_WORDS:
        return ORDINAL_WORDS.index(key)
    if key in TENS:
        return TENS[key]
    found = _ORDINAL_DIGITS.match(key)
    return int(found.group(1)) if found else None


def join_words(items: Iterable[str], conjunction: str = "and") -> str:
    """Join names as "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def plural(n: int, word: str, many: str | None = None) -> str:
    """Return "1 award", "2 awards" (or the given plural)."""
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


def long_date(day: dt.date) -> str:
    """Format a date as "November 21, 2022"."""
    return f"{day:%B} {day.day}, {day.year}"


def month_day(month: int, day: int, year: int | None = None) -> str:
    """Format a day of the year as "November 21" (or "November 21, 2022")."""
    text = f"{dt.date(2000, month, day):%B} {day}"
    return f"{text}, {year}" if year else text


def as_of(when: dt.date | int) -> str:
    """Format when a record was true: "as of 2023" or "as of November 6, 2023"."""
    return f"as of {when}" if isinstance(when, int) else f"as of {long_date(when)}"


def years(values: Iterable[int]) -> str:
    """Join years in order: "2019, 2020 and 2021"."""
    return join_words([str(y) for y in sorted(set(values))])


def source_label(title: str, published: dt.date | None) -> str:
    """Format a source for people: its title and date."""
    return f"{title} ({long_date(published)})" if published else title


def span(since: int | None, until: int | None) -> str:
    """Format a span of years as a lead-in: "From 1973 to 2005: ", "Since 2006: "."""
    if since and until:
        return f"From {since} to {until}: "
    if since:
        return f"Since {since}: "
    if until:
        return f"Until {until}: "
    return ""


class Labels:
    """Labels of facts in one store: editions, awards, results, records."""

    def __init__(self, store: FactStore) -> None:
        self.store = store

    def edition(self, ed: Edition, *, short: bool = False) -> str:
        """Return "2022 American Music Awards" (or "2022 AMAs")."""
        cer = self.store.ceremonies[ed.ceremony]
        return f"{ed.year} {cer.short if short else cer.name}"

    def award(self, r: AwardResult) -> str:
        """Return the category of a result, with its work: "Favorite Pop Song (Butter)"."""
        name = self.store.categories[r.category].name if r.category else "an award (category not named)"
        return f"{name} ({self.store.name(r.work)})" if r.work else name

    def award_at(self, r: AwardResult) -> str:
        """Return "Favorite Pop Song (Butter) (2021 AMAs)"."""
        return f"{self.award(r)} ({self.edition(self.store.editions[r.edition], short=True)})"

    def nominee(self, r: AwardResult) -> str:
        """Return "Miley Cyrus (Flowers)"."""
        name = self.store.name(r.nominee)
        return f"{name} ({self.store.name(r.work)})" if r.work else name

    def winner(self, r: AwardResult) -> str:
        """Return "Jungkook with Seven (featuring Latto)"."""
        text = self.store.name(r.nominee)
        if r.work:
            work = self.store.entities[r.work]
            text += f" with {work.name}"
            if work.featuring:
                text += f" (featuring {self.store.name(work.featuring[0])})"
        return text

    def result(self, r: AwardResult, *, with_edition: bool = True) -> str:
        """Describe one result: "BTS won Favorite Pop Song at the 2021 AMAs"."""
        who = self.nominee(r)
        verb = "won" if r.result == "won" else "was nominated for"
        what = self.store.categories[r.category].name if r.category else "an award (category not named)"
        text = f"{who} {verb} {what}"
        if with_edition:
            text += f" at the {self.edition(self.store.editions[r.edition], short=True)}"
        return text

    def record(self, rec: Record) -> str:
        """Return a record's statement with when it was true."""
        return f"{rec.statement.rstrip('.')} ({as_of(rec.as_of)})."

    def founding(self, cer: Ceremony) -> str:
        """Return who created a show, when and for which network."""
        founder = self.store.name(cer.founder) if cer.founder else None
        text = f"The {cer.name} were created"
        if founder:
            text += f" by {founder}"
        if cer.founded:
            text += f" in {cer.founded}"
        if cer.network and founder:
            text += f" for {cer.network}"
        return text + "."

    def names(self, ids: Sequence[str]) -> str:
        """Join the names of ids."""
        return join_words([self.store.name(i) for i in ids])
