"""When an artist (or a song) won: a category's years, a first win at a show, and claims about them.

A win is called "first" only where a source says so; otherwise it is "the earliest I know".
"""

from __future__ import annotations

from bot.core.answering import nearby
from bot.core.answering.intent import Intent, Refusal, Reply
from bot.core.answering.question import Question
from bot.core.models import AwardResult
from bot.core.phrasing import join_words, years
from bot.core.store import Fact


class WhenWon(Intent):
    """When did X win a category or at a show; what was their first win there."""

    name = "when_won"
    supplies = frozenset({"year", "date", "category", "yes_no", "work"})
    keywords = frozenset({"first", "year", "win", "when", "time"})
    templates = (
        "when did {artist} win {category}",
        "when did {artist} win {category} at the {ceremony}",
        "what year did {artist} win {category}",
        "when did {artist} win their first {ceremony}",
        "what was {artist} first {ceremony} award",
        "when did {artist} first win at the {ceremony}",
        "when did {artist} win a {ceremony}",
        "{artist} first {ceremony} win",
        "{artist} {category} {ceremony}",
        "{artist} {category}",
        "what year did {artist} win their first {ceremony}",
        "when did {work} win {category}",
        "in which year did {artist} win {category}",
        "what was the first {ceremony} {artist} won",
        "when was {artist} first {ceremony} win",
        "was {year} the first year {artist} won {category}",
        "was {year} the first time {artist} won {category}",
        "first year {artist} won {category}",
    )

    def applies(self, q: Question) -> bool:
        claim = not q.yes_no or (bool(q.years) and q.has("first"))
        return bool(q.subjects) and bool(q.categories or q.ceremonies) and claim

    def answer(self, q: Question) -> Reply:
        wins = self._wins(q)
        if q.yes_no:
            return self._first_year_claim(q, wins)
        if q.has("first") and not q.categories:
            return self._first(q, wins[0])
        if q.categories:
            return self._category_years(q, wins)
        labels = [f"{self.labels.award(r)} in {self.store.editions[r.edition].year}" for r in wins]
        cer = self.store.ceremonies[self.store.editions[wins[0].edition].ceremony]
        name = self.store.name(q.subjects[0])
        return Reply(f"{name} won at the {cer.name}: " + join_words(labels) + ".", self._facts(wins), labels)

    def _wins(self, q: Question) -> list[AwardResult]:
        store = self.store
        subject = q.subjects[0]
        ceremony = q.ceremonies[0] if q.ceremonies else None
        category = q.categories[0] if q.categories else None
        rows = (
            store.results_by_work.get(subject, ())
            if subject in q.works and not q.artists
            else store.results_by_nominee.get(subject, ())
        )
        wins = sorted(
            (
                r
                for r in rows
                if r.result == "won"
                and r.category not in q.excluded
                and (ceremony is None or store.editions[r.edition].ceremony == ceremony)
                and (category is None or r.category == category)
            ),
            key=lambda r: store.editions[r.edition].year,
        )
        if not wins:
            what = store.categories[category].name if category else store.ceremonies[ceremony].name  # type: ignore[index]
            raise Refusal(f"I don't know of {store.name(subject)} winning {what}.", nearby.for_artist(store, subject))
        return wins

    def _facts(self, wins: list[AwardResult]) -> list[Fact]:
        facts: list[Fact] = []
        for r in wins:
            facts.append(r)
            if r.category:
                facts.append(self.store.categories[r.category])
        return facts

    def _first(self, q: Question, first: AwardResult) -> Reply:
        ed = self.store.editions[first.edition]
        cer = self.store.ceremonies[ed.ceremony]
        name = self.store.name(q.subjects[0])
        if first.first_at_ceremony:
            text = f"{name}'s first {cer.short} win was {self.labels.award(first)}, in {ed.year}."
        else:
            text = (
                f"The earliest {cer.short} win I know of for {name} is {self.labels.award(first)}, in {ed.year}; "
                "my facts may not go back further."
            )
        return Reply(text, self._facts([first]))

    def _category_years(self, q: Question, wins: list[AwardResult]) -> Reply:
        cat = self.store.categories[q.categories[0]]
        cer = self.store.ceremonies[cat.ceremony]
        name = self.store.name(q.subjects[0])
        if any(r.work for r in wins):  # "which BTS song won Favorite Pop Song?": say the song
            when = join_words(
                f"{self.store.editions[r.edition].year}" + (f" with {self.store.name(r.work)}" if r.work else "")
                for r in wins
            )
        else:
            when = years(self.store.editions[r.edition].year for r in wins)
        text = f"{name} won {cat.name} at the {cer.name} in {when}."
        notes = [r.note for r in wins if r.note]
        if notes:
            text += " " + notes[-1]
        return Reply(text, self._facts(wins))

    def _first_year_claim(self, q: Question, wins: list[AwardResult]) -> Reply:
        """Check "was 2020 the first year they won it?": an earlier known win says no."""
        first = wins[0]
        first_year = self.store.editions[first.edition].year
        claimed = q.years[0]
        what = self.labels.award(first).split(" (")[0] if q.categories else self.store.ceremonies[q.ceremonies[0]].short
        name = self.store.name(q.subjects[0])
        facts = self._facts([first])
        if claimed > first_year:
            return Reply(f"{name} had already won {what} in {first_year}.", facts, verdict=False)
        if claimed == first_year and (first.first_at_ceremony or q.categories):
            return Reply(f"{first_year} is the earliest {what} win I know of for {name}.", facts, verdict=True)
        raise Refusal(
            f"I don't know whether {name} won {what} before {first_year}.",
            f"The earliest {what} win I know of for {name} is in {first_year}.",
        )
