"""Who was nominated, who else was up for it, and who an artist beat."""

from __future__ import annotations

from bot.core.answering import nearby
from bot.core.answering.intent import Intent, Refusal, Reply
from bot.core.answering.question import Question
from bot.core.models import Category
from bot.core.phrasing import join_words
from bot.core.store import Fact


class Nominees(Intent):
    """The nominees of a category (in a year), the others besides an artist, or who an artist beat."""

    name = "nominees"
    supplies = frozenset({"person", "work", "description", "count"})
    keywords = frozenset({"nominate", "beat", "compete", "lose", "other", "else", "besides", "alongside"})
    templates = (
        "who was nominated for {category} at the {year} {ceremony}",
        "who were the nominated for {category} at the {year} {ceremony}",
        "nominated for {category} {year} {ceremony}",
        "who was up for {category} at the {year} {ceremony}",
        "who did {artist} beat for {category} at the {year} {ceremony}",
        "who did {artist} beat at the {year} {ceremony}",
        "who did {artist} beat for {category}",
        "who was {artist} up against for {category}",
        "who did {artist} compete against for {category}",
        "who else was nominated for {category}",
        "which song were nominated for {category} at the {year} {ceremony}",
        "{category} nominated {year} {ceremony}",
        "who was nominated for {category}",
        "who was in the running for {category}",
        "who did {work} beat",
        "who lost to {artist} for {category}",
        "who were the {category} nominated in {year}",
        "{category} nominated {year}",
        "who was nominated for {category} in {year}",
        "who were the nominated for {category}",
        "who was nominated alongside {artist} for {category}",
        "who did {artist} beat",
        "who was {artist} up against",
        "how many nominated were there for {category}",
    )

    def applies(self, q: Question) -> bool:
        return not q.yes_no and (bool(q.categories) or (bool(q.subjects) and bool(q.ceremonies)))

    def answer(self, q: Question) -> Reply:
        subject = q.subjects[0] if q.subjects else None
        if q.asked.type == "count" and q.asked.unit == "nomination" and subject and not q.has("beat", "compete"):
            raise Refusal("That asks for an artist's nominations, not a category's nominees.", final=False)
        if q.categories:
            return self._category(q, self.store.categories[q.categories[0]], subject)
        if subject is None or not q.has("beat", "compete", "lose", "nominate"):
            raise Refusal("Which category do you mean?", final=False)
        return self._beaten(q, subject)

    def _category(self, q: Question, cat: Category, subject: str | None) -> Reply:
        store = self.store
        years = q.years or sorted({store.editions[r.edition].year for r in store.results_by_category.get(cat.id, ())})
        lines: list[str] = []
        facts: list[Fact] = []
        for year in years:
            ed = nearby.edition(store, cat.ceremony, year)
            rows = store.category_results(ed.id, cat.id)
            if len(rows) < 2:
                continue
            facts.extend([*rows, cat])
            where = f"{cat.name} at the {self.labels.edition(ed)}"
            if q.asked.type == "count":
                lines.append(self._count(q, rows, subject, where))
                continue
            if subject and any(r.nominee == subject and r.result == "won" for r in rows):
                others = join_words([self.labels.nominee(r) for r in rows if r.nominee != subject])
                lines.append(f"{store.name(subject)} beat {others} for {where}")
            else:
                names = [self.labels.nominee(r) + (" (winner)" if r.result == "won" else "") for r in rows]
                lines.append(f"Nominees for {where}: {join_words(names)}")
        if not lines:
            when = f" in {q.years[0]}" if q.years else ""
            raise Refusal(f"I don't know the nominees for {cat.name}{when}.", nearby.category_years(store, cat))
        return Reply(". ".join(lines) + ".", facts, lines)

    def _count(self, q: Question, rows: list, subject: str | None, where: str) -> str:  # type: ignore[type-arg]
        """Count the others: nominees, or their songs ("how many songs did Jungkook beat")."""
        others = [r for r in rows if r.nominee != subject and r.result != "won"] if subject else rows
        if q.asked.unit == "song":
            songs = list(dict.fromkeys(self.store.name(r.work) for r in others if r.work))
            return f"{len(songs)} songs for {where}: {join_words(songs)}"
        names = [self.labels.nominee(r) for r in others]
        return f"{len(names)} for {where}: {join_words(names)}"

    def _beaten(self, q: Question, subject: str) -> Reply:
        store = self.store
        ceremony = q.ceremonies[0]
        years = q.years or sorted({store.editions[r.edition].year for r in store.wins(subject, ceremony)})
        lines: list[str] = []
        facts: list[Fact] = []
        for year in years:
            ed = nearby.edition(store, ceremony, year)
            for r in store.wins(subject, ceremony, year):
                others = (
                    [o for o in store.category_results(ed.id, r.category) if o.nominee != subject] if r.category else []
                )
                if not others:
                    continue
                cat = store.categories[r.category]  # type: ignore[index]
                facts.extend([r, *others, cat])
                names = join_words([self.labels.nominee(o) for o in others])
                lines.append(f"{names} for {cat.name} at the {self.labels.edition(ed)}")
        if not lines:
            raise Refusal(f"I don't know who {store.name(subject)} was up against.", nearby.for_artist(store, subject))
        return Reply(f"{store.name(subject)} beat " + "; ".join(lines) + ".", facts, lines)
