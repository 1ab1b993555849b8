"""Comparisons of two things the facts count or date.

"Did BTS win more at the 2021 AMAs or the 2022 AMAs?", "which show is older, the AMAs or
the EMAs?", "who won more EMAs in one night, BTS in 2021 or JK in 2023?": the question names
two alternatives around "or" (or "than"); each is asked about on its own (how many awards,
when, how many years in a row) and the two answers are compared. The answer cites both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.answering.intent import Intent, Refusal, Reply
from bot.core.answering.question import Question
from bot.core.language import lexicon
from bot.core.models import Record
from bot.core.phrasing import number_value
from bot.core.store import Fact

_SEPARATORS = frozenset({"or", "than", "vs", "versus"})


@dataclass
class _Side:
    """One alternative: what it names (artist, work, ceremony, category, year) and what it was found to be."""

    names: dict[str, str] = field(default_factory=dict)
    own: tuple[str, ...] = ()  # the kinds that tell it from the other side
    value: int | None = None
    text: str = ""
    facts: list[Fact] = field(default_factory=list)


class Compare(Intent):
    """Which of two alternatives has more (wins, years in a row) or came first."""

    name = "compare"
    pattern = True
    supplies = frozenset({"count", "description", "year", "person", "ceremony", "category", "work", "yes_no"})
    keywords = frozenset({"more", "most", "fewer", "less", "longer", "older", "first", "earlier", "win", "streak"})
    templates = (
        "did {artist} win more at the {year} {ceremony} or the {year} {ceremony}",
        "which is older the {ceremony} or the {ceremony}",
    )

    def applies(self, q: Question) -> bool:
        return self.ctx.ask_part is not None and _measure(q) is not None and _sides(q) is not None

    def answer(self, q: Question) -> Reply:
        measure, larger = _measure(q)  # type: ignore[misc]
        sides = _sides(q)
        assert sides is not None
        for side in sides:
            self._find(side, measure, q.asked.unit)
        a, b = sides
        assert a.value is not None and b.value is not None
        both = f"{a.text} {b.text}"
        facts = [*a.facts, *b.facts]
        if a.value == b.value:
            return Reply(f"Neither: both come to {a.value}. {both}", facts, explains=frozenset(q.content))
        winner, other = (a, b) if (a.value > b.value) == larger else (b, a)
        unit = {"count": "", "streak": " in a row", "year": ""}[measure]
        won, lost = (str(x.value) if measure == "year" else f"{x.value:,}" for x in (winner, other))
        text = f"{self._label(winner)}: {won}{unit}, against {lost} for {self._label(other)}."
        if measure == "count" and q.asked.type == "count":  # "how many more": the difference
            text = f"{abs(a.value - b.value):,} more for {self._label(max(a, b, key=lambda s: s.value or 0))}. {text}"
        return Reply(f"{text} {both}", facts, explains=frozenset(q.content))

    def _find(self, side: _Side, measure: str, unit: str | None) -> None:
        """Ask the sub-question for one side and read its number."""
        assert self.ctx.ask_part is not None
        category, ceremony = side.names.get("category"), side.names.get("ceremony")
        if category and ceremony and self.store.categories[category].ceremony != ceremony:
            del side.names["category"]  # "Worldwide Icon at MAMA, or their AMA streak": the category is MAMA's
        question = self._question(side, measure, unit)
        found = self.ctx.ask_part(question)
        if found is None:
            raise Refusal(f"I don't know that for {self._label(side)}.")
        side.text, side.facts = found[0].rstrip(".") + ".", found[1]
        values = [f.value for f in side.facts if isinstance(f, Record) and f.value is not None]
        side.value = values[0] if values and measure != "year" else _read_number(side.text, years=measure == "year")
        if side.value is None:
            raise Refusal(f"I don't know that for {self._label(side)}.", side.text)

    def _question(self, side: _Side, measure: str, unit: str | None) -> str:
        n = {k: self.store.name(v) if k != "year" else v for k, v in side.names.items()}
        who = n.get("artist") or n.get("work") or (self.store.name(self.ctx.main_group) if self.ctx.main_group else "")
        if measure == "count" and unit and unit not in ("award", "time"):
            return f"how many {unit}s does {who} have"  # "more Spotify streams than ...": streams, not wins
        at = " ".join(x for x in (n.get("year"), n.get("ceremony")) if x)
        at = f" at the {at}" if n.get("ceremony") else (f" in {at}" if at else "")
        if measure == "streak":
            return f"how many years in a row did {who} win {n.get('category', '')}{at}"
        if measure == "year":
            if "category" in n:
                return f"when did {who} first win {n['category']}{at}"
            if "artist" in n or "work" in n:
                return f"when did {who} first win{at}"
            return f"when were the {n.get('ceremony', '')} created"
        if "category" in n:
            return f"how many times did {who} win {n['category']}{at}"
        return f"how many awards did {who} win{at}"

    def _label(self, side: _Side) -> str:
        """Name a side by what tells it apart: "BTS in 2021", "the 2022 AMAs", "Worldwide Icon of the Year"."""
        n = {k: v for k, v in side.names.items() if k in side.own}
        parts = [self.store.name(n[k]) for k in ("artist", "work", "category") if k in n]
        if "ceremony" in n:
            short = self.store.ceremonies[n["ceremony"]].short
            parts.append(f"{'at ' if parts else ''}the {n['year'] + ' ' if 'year' in n else ''}{short}")
        elif "year" in n:
            parts.append(f"in {n['year']}" if parts else n["year"])
        return " ".join(parts)


def _measure(q: Question) -> tuple[str, bool] | None:
    """Return what the question compares (count, streak, year) and whether more wins."""
    table = lexicon().comparatives
    return next((table[w] for w in q.rec.words if w in table), None)


def _items(q: Question) -> list[tuple[int, str, str]]:
    """Return the named things of the question in order: (token position, kind, id or year)."""
    items = []
    for m in q.rec.mentions:
        target = m.targets[0]
        if target.kind in ("artist", "work", "ceremony", "category"):
            items.append((m.start, target.kind, target.id))
    years = {str(y) for y in q.years}
    items += [(i, "year", w) for i, w in enumerate(q.rec.words) if w in years]
    return sorted(items)


def _sides(q: Question) -> tuple[_Side, _Side] | None:
    """Split the question's named things into two alternatives and what they share."""
    inside = {i for m in q.rec.mentions for i in range(m.start, m.end)}
    cut = next((i for i, w in enumerate(q.rec.words) if w in _SEPARATORS and i not in inside), None)
    if cut is None:
        return None
    items = _items(q)
    right = [(k, v) for i, k, v in items if i > cut]
    left = [(i, k, v) for i, k, v in items if i < cut]
    kinds = {k for k, _ in right}
    if not right or len(kinds) < len(right):
        return None  # one of each kind on the right: "the 2022 AMAs", "JK in 2023"
    a, b, shared = _Side(), _Side(dict(right)), {}
    for _, kind, value in reversed(left):
        if kind in kinds and kind not in a.names:
            a.names[kind] = value
        elif kind not in shared:
            shared[kind] = value
    if set(a.names) != kinds:
        return None
    for side in (a, b):
        side.own = tuple(sorted(kinds))
        side.names = {**shared, **side.names}
    return a, b


def _read_number(text: str, *, years: bool) -> int | None:
    """Return the first year (or the first count that is not a year) an answer states."""
    for word in text.replace(",", " ").replace(".", " ").replace(":", " ").split():
        value = number_value(word.strip("()"))
        if value is None:
            continue
        is_year = 1900 <= value <= 2100
        if is_year == years:
            return value
    return None
