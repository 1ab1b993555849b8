"""Answers derived from two others: the years between two things, and which came first.

Each half of the question is asked on its own ("when did BTS first win at the AMAs?",
"when did BTS win Artist of the Year?"); the answer is worked out from the two years,
and cites what both halves used.
"""

from __future__ import annotations

import re

from bot.core.answering.intent import Intent, Refusal, Reply
from bot.core.answering.question import Question
from bot.core.phrasing import plural
from bot.core.text import normalize

_BETWEEN = re.compile(
    r"\bhow (?:many years|long)(?: (?:was it|passed|did it take|went by|is it))? (?:between|from) (?P<a>.+?) "
    r"(?:and|to|until|till) (?P<b>.+)"
)
_AFTER = re.compile(r"\bhow (?:many years|long) after (?P<a>.+?) (?:did|was|were|had) (?P<b>.+)")
_FIRST = re.compile(
    r"\b(?:which|what) (?:came|happened|was|one was|one came) (?:first|earlier|sooner)\b (?P<a>.+?) or (?P<b>.+)"
    r"|\b(?:which|what) (?:came|happened) (?:first|earlier)$"
)
_FIRST_TAIL = re.compile(r"^(?P<a>.+?) or (?P<b>.+?) (?:which|what) (?:came|happened|was) (?:first|earlier)$")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_GERUND = re.compile(r"\b(\w+?)ing\b")


class Derived(Intent):
    """Years between two things, or which of two came first."""

    name = "derived"
    pattern = True
    supplies = frozenset({"count", "description", "year"})
    counts = frozenset({"year", "time"})
    keywords = frozenset({"first", "year", "time", "between", "after", "before", "long", "came", "happen"})
    templates = (
        "how many year between {artist} {ceremony} and {category}",
        "how long after {artist} perform at the {ceremony} did {artist} win",
        "which came first {artist} win {category} or {artist} win {category}",
    )

    def applies(self, q: Question) -> bool:
        return self.ctx.ask_part is not None and _split(normalize(q.text)) is not None

    def answer(self, q: Question) -> Reply:
        kind, first, second = _split(normalize(q.text))  # type: ignore[misc]
        a, b = self._when(first), self._when(second)
        year_a, year_b = a[0], b[0]
        facts = [*a[1], *b[1]]
        if kind == "between":
            gap = abs(year_b - year_a)
            text = f"{plural(gap, 'year')}, from {min(year_a, year_b)} to {max(year_a, year_b)}. {a[2]}. {b[2]}."
            return Reply(text, facts, explains=frozenset(q.content))
        if year_a == year_b:
            return Reply(f"Both happened in {year_a}. {a[2]}. {b[2]}.", facts, explains=frozenset(q.content))
        early, late = (a, b) if year_a < year_b else (b, a)
        text = f"The first came first, in {early[0]}: {early[2]}. The other came in {late[0]}: {late[2]}."
        if early is b:
            text = f"The second came first, in {early[0]}: {early[2]}. The other came in {late[0]}: {late[2]}."
        return Reply(text, facts, explains=frozenset(q.content))

    def _when(self, part: str) -> tuple[int, list, str]:  # type: ignore[type-arg]
        """Ask when one half happened; return its year, facts and what the answer said."""
        assert self.ctx.ask_part is not None
        part = _GERUND.sub(lambda m: _base(m.group(1)), part.strip(" ,?"))
        for question in (f"when did {part}", f"when was {part}", f"when did {part} happen"):
            found = self.ctx.ask_part(question)
            if found is None:
                continue
            text, facts = found
            year = _YEAR.search(text)
            if year:
                return int(year.group(0)), facts, text.rstrip(".")
        raise Refusal(f"I don't know when {part} was.")


def _base(stem: str) -> str:
    """Turn "winning" into "win", "performing" into "perform"."""
    if len(stem) > 2 and stem[-1] == stem[-2]:
        return stem[:-1]
    return stem


def _split(text: str) -> tuple[str, str, str] | None:
    """Find the two halves of a derived question and its kind (between, first)."""
    for pattern, kind in ((_BETWEEN, "between"), (_AFTER, "between")):
        m = pattern.search(text)
        if m:
            return kind, m.group("a"), m.group("b")
    for pattern in (_FIRST, _FIRST_TAIL):
        m = pattern.search(text)
        if m and m.group("a") and m.group("b"):
            return "first", m.group("a"), m.group("b")
    return None
