"""How many awards (or nominations) an artist won, and which: per show, year and category, or a stated total."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.answering import nearby
from bot.core.answering.context import stated_totals
from bot.core.answering.intent import Intent, Refusal, Reply
from bot.core.answering.question import Question
from bot.core.models import AwardResult, Record
from bot.core.phrasing import join_words, plural
from bot.core.store import Fact


@dataclass
class _Tally:
    """Results of one artist grouped by edition, with the sources' stated totals."""

    lines: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    total: int = 0
    confirmed: bool = True  # every edition's count is a total a source states
    unnamed: int = 0


class _WinsBase(Intent):
    """Shared by the count and the list of wins."""

    counting = False  # a count needs a stated total when no year is asked

    def applies(self, q: Question) -> bool:
        return bool(q.subjects) and not q.dates

    def _years(self, q: Question, artist: str) -> list[int | None]:
        """Return the years asked about, widened by a relation ("until 2021")."""
        if q.relation is None:
            return list(q.years) or [None]
        rel = q.relation
        known = sorted({self.store.editions[r.edition].year for r in self.store.results_by_nominee.get(artist, ())})
        keep = {
            "before": lambda y: y < rel.year,
            "after": lambda y: y > rel.year,
            "until": lambda y: y <= rel.year,
        }[rel.kind]
        return [y for y in known if keep(y)] or [rel.year]

    def _tally(self, q: Question, artist: str, won: bool) -> _Tally:
        store = self.store
        ceremony = q.ceremonies[0] if q.ceremonies else None
        category = q.categories[0] if q.categories else None
        tally = _Tally()
        for year in self._years(q, artist):
            if year is not None and ceremony is not None and q.relation is None:
                nearby.edition(store, ceremony, year)
            rows = self._results_of(artist, ceremony, year, category)
            rows = [r for r in rows if r.result == "won"] if won else rows
            rows = [r for r in rows if r.category not in q.excluded]  # "besides Best K-Pop"
            self._add(tally, artist, rows, stated=won and category is None and not q.excluded)
        return tally

    def _results_of(
        self, subject: str, ceremony: str | None, year: int | None, category: str | None
    ) -> list[AwardResult]:
        """Return the results of an artist, or of a song, filtered."""
        store = self.store
        if store.entities[subject].is_work:
            rows = [
                r
                for r in store.results_by_work.get(subject, ())
                if (ceremony is None or store.editions[r.edition].ceremony == ceremony)
                and (year is None or store.editions[r.edition].year == year)
                and (category is None or r.category == category)
            ]
            return sorted(rows, key=lambda r: store.editions[r.edition].year)
        return store.results_of(subject, ceremony, year, category)

    def _add(self, tally: _Tally, artist: str, rows: list[AwardResult], *, stated: bool) -> None:
        store = self.store
        by_edition: dict[str, list[AwardResult]] = {}
        for r in rows:
            by_edition.setdefault(r.edition, []).append(r)
        for ed_id, group in by_edition.items():
            totals = stated_totals(store, artist, ed_id, len(group)) if stated else []
            tally.confirmed = tally.confirmed and bool(totals)
            tally.total += len(group)
            tally.unnamed += sum(1 for r in group if r.category is None)
            tally.facts.extend([*self._with_categories(group), *totals])
            named = join_words([self.labels.award(r) for r in group])
            tally.lines.append(f"{len(group)} at the {self.labels.edition(store.editions[ed_id])}: {named}")

    def _with_categories(self, rows: list[AwardResult]) -> list[Fact]:
        facts: list[Fact] = []
        for r in rows:
            facts.append(r)
            if r.category:
                facts.append(self.store.categories[r.category])
        return facts

    def _total_record(self, q: Question, artist: str) -> Record | None:
        """Return a stated overall total that fits the question (a show's total, Daesangs, ...)."""
        ceremony = q.ceremonies[0] if q.ceremonies else None
        words = {w for w in q.content}
        for rec in self.store.records_by_subject.get(artist, ()):
            if rec.kind != "total" or rec.value is None or rec.edition is not None or rec.ceremony != ceremony:
                continue
            keywords = {w for k in rec.keywords for w in k.lower().split()}
            if not keywords or keywords & words:
                return rec
        return None

    def _corroborating(self, q: Question, artist: str, total: int) -> Record | None:
        """Return a record stating the same number of wins in the category or show (a streak, a total)."""
        category = q.categories[0] if q.categories else None
        ceremony = q.ceremonies[0] if q.ceremonies else None
        for rec in self.store.records_by_subject.get(artist, ()):
            if rec.value == total and rec.category == category and rec.ceremony == ceremony and rec.edition is None:
                return rec
        return None

    def _no_wins(self, q: Question, artist: str) -> Refusal:
        store = self.store
        ceremony = q.ceremonies[0] if q.ceremonies else None
        year = q.years[0] if q.years else None
        where = f" at the {year} " if year else " at the "
        where += store.ceremonies[ceremony].name if ceremony else "ceremonies I know"
        notes = [self._member_wins(m.id, ceremony, year, artist) for m in store.members_by_group.get(artist, ())]
        found = " ".join(n for n in notes if n)
        if q.excluded:
            besides = join_words([store.categories[c].name for c in q.excluded])
            return Refusal(f"I don't know of any wins by {store.name(artist)}{where} besides {besides}.", found)
        return Refusal(
            f"I don't know of any wins by {store.name(artist)}{where}.",
            (found + " " + nearby.for_artist(store, artist, ceremony)).strip(),
        )

    def _member_wins(self, member: str, ceremony: str | None, year: int | None, group: str) -> str:
        wins = self.store.wins(member, ceremony, year)
        if not wins:
            return ""
        labels = join_words([self.labels.award(r) for r in wins])
        name, group_name = self.store.name(member), self.store.name(group)
        return f"{name}, a member of {group_name}, won {plural(len(wins), 'award')} there: {labels}."

    def _render(self, q: Question, artist: str, tally: _Tally) -> Reply:
        name = self.store.name(artist)
        if tally.unnamed and tally.unnamed == tally.total and len(tally.lines) == 1:
            first = next(f for f in tally.facts if isinstance(f, AwardResult))
            ed = self.labels.edition(self.store.editions[first.edition])
            text = f"{name} won at least one award at the {ed}, but the source does not say in which category."
            if q.asked.type in ("category", None) and not q.asked.unit:
                raise Refusal(text)
            return Reply(text, tally.facts, tally.lines)
        text = self._sentence(q, name, tally)
        if tally.unnamed:
            text += " (The source names the winner but not the category.)"
        return Reply(text, tally.facts, tally.lines)

    def _sentence(self, q: Question, name: str, tally: _Tally) -> str:
        n = tally.total
        exact_years = bool(q.years) and q.relation is None
        if exact_years and len(tally.lines) == 1:
            where, named = tally.lines[0].split(": ", 1)
            where = where.split(" ", 1)[1]
            if tally.confirmed:
                return f"{name} won {plural(n, 'award')} {where}: {named}."
            hedge = "My sources may not list every award of that night."
            return f"I know of {plural(n, 'win')} for {name} {where}: {named}. {hedge}"
        if exact_years and tally.confirmed:
            return f"{name} won {n} awards: " + "; ".join(tally.lines) + "."
        scope = self.store.ceremonies[q.ceremonies[0]].short + " " if q.ceremonies else ""
        until = f" up to {q.relation.year}" if q.relation and q.relation.kind == "until" else ""
        return (
            f"The articles I know name {n} {scope}win{'s' if n != 1 else ''} for {name}{until}: "
            + "; ".join(tally.lines)
            + ". The full total may be higher."
        )

    def _wins(self, q: Question) -> Reply:
        artist = q.subjects[0]
        if not q.years and q.relation is None:
            rec = self._total_record(q, artist)
            if rec is not None:
                return Reply(self.labels.record(rec), [rec])
            if self.counting and not q.ceremonies and not q.categories:
                raise Refusal(
                    f"I don't know {self.store.name(artist)}'s overall award total.",
                    nearby.for_artist(self.store, artist),
                )
        tally = self._tally(q, artist, won=True)
        if not tally.total:
            raise self._no_wins(q, artist)
        corroborating = self._corroborating(q, artist, tally.total)
        if corroborating is not None:
            tally.facts.append(corroborating)
        elif self.counting and not q.years and q.relation is None and not tally.confirmed:
            listed = "; ".join(tally.lines)
            raise Refusal(
                f"I don't know {self.store.name(artist)}'s total; no source I have states it.",
                f"The articles I know name {plural(tally.total, 'win')}: {listed}.",
            )
        return self._render(q, artist, tally)


class CountWins(_WinsBase):
    """How many awards an artist won (at a show, in a year, in a category, or in all)."""

    name = "count_wins"
    counting = True
    checks_numbers = True
    counts = frozenset({"award", "time", "daesang", "category"})
    supplies = frozenset({"count", "yes_no"})
    keywords = frozenset({"total", "award", "daesang", "count", "until"})
    templates = (
        "how many {ceremony} did {artist} win",
        "how many {ceremony} did {artist} win in {year}",
        "how many award did {artist} win at the {year} {ceremony}",
        "how many award did {artist} win at the {ceremony}",
        "how many {ceremony} has {artist} win",
        "how many {ceremony} award has {artist} win in total",
        "how many award has {artist} win",
        "how many time has {artist} win {category}",
        "how many time did {artist} win {category}",
        "number of {ceremony} win for {artist}",
        "{artist} {ceremony} win count",
        "how many {ceremony} award does {artist} have",
        "how many award does {artist} have",
        "total {ceremony} win {artist}",
        "how many {category} did {artist} win",
        "how many award did {artist} win in {year}",
        "how many daesang does {artist} have",
        "did {artist} win {year} award at the {ceremony}",
        "how many award did {work} win",
        "how many award did {work} win at the {ceremony}",
    )

    def applies(self, q: Question) -> bool:
        return super().applies(q) and (not q.yes_no or bool(q.numbers))

    def answer(self, q: Question) -> Reply:
        if q.asked.unit == "nomination" or (q.has("nominate") and not q.has("win")):
            raise Refusal("That is a count of nominations, not of wins.")
        reply = self._wins(q)
        if q.yes_no:
            return self._verdict(q, reply)
        return reply

    def _verdict(self, q: Question, reply: Reply) -> Reply:
        """Check a claimed number ("did BTS win 3 AMAs in 2021?") against a stated total."""
        if not q.numbers:
            return Reply(reply.text, reply.facts, reply.details, verdict=None)
        stated = [f for f in reply.facts if isinstance(f, Record) and f.value is not None]
        if not stated:
            return Reply(reply.text, reply.facts, reply.details, verdict=None)
        verdict = stated[0].value in q.numbers
        explains = frozenset(q.content) if not verdict else frozenset()  # "only one award?": it was two
        return Reply(reply.text, reply.facts, reply.details, verdict=verdict, explains=explains)


class ListWins(_WinsBase):
    """What an artist won (at a show, in a year), or their known results there."""

    name = "list_wins"
    supplies = frozenset({"category", "description", "work"})
    keywords = frozenset({"award", "category", "result"})
    templates = (
        "what did {artist} win at the {year} {ceremony}",
        "what did {artist} win at the {ceremony}",
        "which award did {artist} win at the {year} {ceremony}",
        "what award has {artist} win",
        "list {artist} win at the {ceremony}",
        "{artist} {ceremony} {year}",
        "{artist} {ceremony}",
        "{artist} {year} {ceremony} award",
        "what category did {artist} win in {year}",
        "what did {artist} win in {year}",
        "{artist} award",
        "{artist} {year} award",
        "what award did {artist} take home at the {year} {ceremony}",
        "what did {artist} win",
        "what did {work} win",
        "what did {work} win at the {ceremony}",
        "which award did {work} win",
        "which {artist} song was nominated against {work}",
        "which {artist} song lost to {work}",
        "what did {artist} lose to {work}",
    )

    def answer(self, q: Question) -> Reply:
        if q.yes_no:
            raise Refusal("That asks yes or no.")
        if q.has("nominate", "lose") and not q.has("win"):
            return self._results(q)  # "which Taylor Swift song was nominated against Seven?"
        try:
            return self._wins(q)
        except Refusal:
            if q.has("win"):
                raise
            return self._results(q)  # "txt amas 2022": what is known, wins or not

    def _results(self, q: Question) -> Reply:
        """List an artist's known results at a show (and year): "TWICE was nominated for ..."."""
        store = self.store
        subject = q.subjects[0]
        rows = store.results_of(subject, q.ceremonies[0] if q.ceremonies else None, q.years[0] if q.years else None)
        if not rows:
            raise Refusal(
                f"I don't know of {store.name(subject)} being nominated there.", nearby.for_artist(store, subject)
            )
        rows = self._against(q, rows)
        lines, facts = [], []
        for r in rows:
            winners = (
                [w for w in store.category_results(r.edition, r.category) if w.result == "won"] if r.category else []
            )
            verb = "won" if r.result == "won" else "nominated for"
            line = f"{verb} {self.labels.award(r)} at the {self.labels.edition(store.editions[r.edition])}"
            if r.result != "won" and winners:
                line += f" (lost to {join_words([self.labels.winner(w) for w in winners])})"
            lines.append(line)
            facts.extend([r, *winners])
        return Reply(f"{store.name(subject)}: " + "; ".join(lines) + ".", facts, lines)

    def _against(self, q: Question, rows: list[AwardResult]) -> list[AwardResult]:
        """Keep the results in the categories where another name asked about also ran ("against Seven")."""
        store = self.store
        others = q.subjects[1:]
        shared = {
            (r.edition, r.category)
            for other in others
            for r in (*store.results_by_work.get(other, ()), *store.results_by_nominee.get(other, ()))
        }
        return [r for r in rows if (r.edition, r.category) in shared] or rows


class CountNominations(_WinsBase):
    """How many nominations an artist had: every result known, won or not."""

    name = "count_nominations"
    counts = frozenset({"nomination", "time"})
    supplies = frozenset({"count"})
    keywords = frozenset({"nominate", "total", "count"})
    templates = (
        "how many nominate did {artist} get",
        "how many nominate does {artist} have",
        "how many nominate did {artist} get at the {ceremony}",
        "how many nominate did {artist} get in {year}",
        "how many time was {artist} nominate",
        "how many time has {artist} been nominate at the {ceremony}",
        "number of nominate for {artist}",
    )

    def applies(self, q: Question) -> bool:
        return super().applies(q) and (q.has("nominate") or q.asked.unit == "nomination")

    def answer(self, q: Question) -> Reply:
        artist = q.subjects[0]
        tally = self._tally(q, artist, won=False)
        name = self.store.name(artist)
        if not tally.total:
            raise Refusal(f"I don't know of nominations for {name} there.", nearby.for_artist(self.store, artist))
        listed = "; ".join(tally.lines)
        known = f"The articles I know name {plural(tally.total, 'nomination')} for {name} (won or not): {listed}."
        raise Refusal(f"I don't know {name}'s number of nominations; no source I have lists them all.", known)
