"""Find years and month-days in questions ("November 21", "nov 21", "21 Nov", "11/21")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_TAIL = r"(?:,?\s*(?P<year>(?:19|20)\d{2}))?"
_PATTERNS = [
    re.compile(rf"\b(?P<month>{_MONTH})\.?\s+(?:the\s+)?{_DAY}\b{_YEAR_TAIL}", re.IGNORECASE),
    re.compile(rf"\b(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH})\b\.?{_YEAR_TAIL}", re.IGNORECASE),
    re.compile(r"(?<![\d/])(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?:/(?P<year>(?:19|20)?\d{2}))?(?![\d/])"),
]
_YEAR = re.compile(r"(?<![\d])(?:19|20)\d{2}(?![\d])")


@dataclass(frozen=True)
class MonthDay:
    """A day of the year, with the year when one was given."""

    month: int
    day: int
    year: int | None = None

    def label(self) -> str:
        """Format as "November 21" (or "November 21, 2022")."""
        text = f"{MONTH_NAMES[self.month - 1]} {self.day}"
        return f"{text}, {self.year}" if self.year else text


def is_real_month_day(month: int, day: int) -> bool:
    """Say whether the month-day exists in some year (29 February does)."""
    try:
        dt.date(2000, month, day)
    except ValueError:
        return False
    return True


def find_dates(text: str) -> tuple[list[MonthDay], str]:
    """Return the month-days in `text` and the text with them blanked out."""
    found: list[tuple[int, MonthDay]] = []
    for pattern in _PATTERNS:

        def take(m: re.Match[str]) -> str:
            month_text = m.group("month").lower().rstrip(".")
            month = MONTHS.get(month_text) or int(month_text)
            day = int(m.group("day"))
            year_text = m.group("year")
            year = None
            if year_text:
                year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
            if not is_real_month_day(month, day):
                return m.group(0)
            found.append((m.start(), MonthDay(month, day, year)))
            return " " * len(m.group(0))

        text = pattern.sub(take, text)
    return [md for _, md in sorted(found, key=lambda pair: pair[0])], text


def find_years(text: str) -> list[int]:
    """Return the four-digit years (1900-2099) in `text`, in order, without repeats."""
    return list(dict.fromkeys(int(y) for y in _YEAR.findall(text)))
