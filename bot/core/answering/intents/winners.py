"""Who won a category (in a year, or every year known), and who won at an edition."""

from __future__ import annotations

from bot.core.answering import nearby
from bot.core.answering.intent import Intent, Refusal, Reply
from bot.core.answering.question import Question
from bot.core.models import AwardResult, Category
from bot.core.phrasing import join_words
from bot.core.store import Fact


class WhoWon(Intent):
    """Who won a category at an edition, every winner of a category known, or the winners of an edition."""

    name = "who_won"
    supplies = frozenset({"person", "work", "description"})
    keywords = frozenset({"win", "award"})
    templates = (
        "who won {category} at the {year} {ceremony}",
        "who won {category} at the {ceremony} {year}",
        "who won {category} in {year}",
        "who won {category}",
        "who won the {year} {ceremony} {category}",
        "which song won {category} at the {year} {ceremony}",
        "which artist won {category} at the {year} {ceremony}",
        "{category} win {year} {ceremony}",
        "{category} {year} {ceremony}",
        "{category} {ceremony} {year}",
        "{category} {ceremony}",
        "{category}",
        "{category} {year}",
        "who won at the {year} {ceremony}",
        "win of the {year} {ceremony}",
        "who won {category} at the {ceremony}",
        "who has won {category}",
        "who was the {category} at the {year} {ceremony}",
        "what song won {category}",
        "who got {category}",
    )

    def applies(self, q: Question) -> bool:
        # "what did X win" asks about X, not who won; "which song did X win it with" asks for the winning song
        named = bool(q.artists) and not q.has("other") and not q.assumed_subject and q.asked.type != "work"
        asked = bool(q.categories) or (bool(q.ceremonies) and bool(q.years))
        return not q.yes_no and not named and not (q.artists and q.excluded) and asked

    def answer(self, q: Question) -> Reply:
        if q.has("nominate") and not q.has("win"):
            raise Refusal("That asks who was nominated, not who won.", final=False)
        if not q.categories:
            return self._edition_winners(q)
        cat = self.store.categories[q.categories[0]]
        if q.years:
            return self._in_years(q, cat)
        return self._every_year(cat)

    def _edition_winners(self, q: Question) -> Reply:
        ed = nearby.edition(self.store, q.ceremonies[0], q.years[0])
        wins = [r for r in self.store.results_by_edition.get(ed.id, ()) if r.result == "won"]
        label = self.labels.edition(ed)
        if not wins:
            raise Refusal(f"I don't know who won at the {label}.", nearby.known_years(self.store, ed.ceremony))
        lines = winner_lines(self.labels, wins)
        facts: list[Fact] = [ed, *wins]
        return Reply(f"Winners I know from the {label}: " + "; ".join(lines) + ".", facts, lines)

    def _in_years(self, q: Question, cat: Category) -> Reply:
        lines: list[str] = []
        facts: list[Fact] = []
        for year in q.years:
            ed = nearby.edition(self.store, cat.ceremony, year)
            winners = [r for r in self.store.category_results(ed.id, cat.id) if r.result == "won"]
            if not winners:
                raise Refusal(
                    f"I don't know who won {cat.name} at the {self.labels.edition(ed)}.",
                    nearby.category_years(self.store, cat),
                )
            facts.extend([*winners, cat])
            who = join_words([self.labels.winner(r) for r in winners])
            lines.append(f"{who} won {cat.name} at the {self.labels.edition(ed)}")
        return Reply(". ".join(lines) + ".", facts, lines)

    def _every_year(self, cat: Category) -> Reply:
        cer = self.store.ceremonies[cat.ceremony]
        winners = [r for r in self.store.results_by_category.get(cat.id, ()) if r.result == "won"]
        if not winners:
            raise Refusal(f"I don't know who has won {cat.name} at the {cer.name}.")
        winners.sort(key=lambda r: -self.store.editions[r.edition].year)
        lines = [f"{self.store.editions[r.edition].year}: {self.labels.winner(r)}" for r in winners]
        text = f"{cat.name} winners at the {cer.name} that I know of: " + "; ".join(lines) + "."
        return Reply(text, [*winners, cat], lines)


def winner_lines(labels, wins: list[AwardResult]) -> list[str]:  # type: ignore[no-untyped-def]
    """Return "BTS: Favorite Pop Song (Butter)" lines, naming winners whose category is unknown together."""
    store = labels.store
    lines = [f"{store.name(r.nominee)}: {labels.award(r)}" for r in wins if r.category]
    unnamed = [store.name(r.nominee) for r in wins if not r.category]
    if unnamed:
        lines.append(f"{join_words(unnamed)} also won (categories not named in the source)")
    return lines
