"""Questions built on a wrong year: "what song won Jungkook Best Song at the 2022 EMAs?" (it was 2023).

When nothing answers a question that names a year, the year may be the mistake: the artist won
that category in another year, their first win at the show came in another year, or the event
asked about (named by two names, "BTS with Coldplay") happened in another year. The answer says
so: "No: ..." to a yes/no question, "Not in 2022: ..." to any other.
"""

from __future__ import annotations

from bot.core.answering.context import Context, stated_totals
from bot.core.answering.intent import Reply, concepts_of
from bot.core.answering.question import Question
from bot.core.answering.search import stem
from bot.core.models import AwardResult, Event
from bot.core.phrasing import join_words, years


class YearCheck:
    """Find what the question asks about in another year than the one it names."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.store = ctx.store

    def correct(self, q: Question) -> Reply | None:
        """Return a reply that corrects the question's year, or None."""
        if len(q.years) != 1 or q.relation is not None or q.asked.type == "count":
            return None
        for check in (self._category_win, self._first_win, self._event):
            reply = check(q)
            if reply is not None:
                return self._framed(q, reply)
        return None

    def _framed(self, q: Question, reply: Reply) -> Reply:
        reply.explains = frozenset(q.content)
        if q.yes_no:
            reply.verdict = False
        else:
            reply.text = f"Not in {q.years[0]}: {reply.text}"
        return reply

    def _wins(self, q: Question, category: str | None) -> list[AwardResult]:
        artist = q.artists[0]
        ceremony = q.ceremonies[0] if q.ceremonies else None
        return [r for r in self.store.results_of(artist, ceremony, None, category) if r.result == "won"]

    def _category_win(self, q: Question) -> Reply | None:
        """ "Jungkook won Best Song at the 2022 EMAs": he won it in 2023."""
        if len(q.artists) != 1 or len(q.categories) != 1:
            return None
        wins = self._wins(q, q.categories[0])
        won_years = {self.store.editions[r.edition].year for r in wins}
        year = q.years[0]
        if not wins or year in won_years:
            return None
        if not (self._someone_else_won(q.categories[0], year) or self._all_wins_known(q, year)):
            return None  # a year whose results are not all known proves nothing
        lines = [self.ctx.labels.result(r) for r in wins]
        return Reply(join_words(lines) + ".", list(wins))

    def _someone_else_won(self, category: str, year: int) -> bool:
        """Say whether the facts name a winner of the category in that year."""
        ceremony = self.store.categories[category].ceremony
        return any(
            r.result == "won"
            for ed in self.store.editions.values()
            if ed.ceremony == ceremony and ed.year == year
            for r in self.store.category_results(ed.id, category)
        )

    def _all_wins_known(self, q: Question, year: int) -> bool:
        """Say whether a source states how many awards the artist won at the show that year, and all are known."""
        ceremony = self.store.categories[q.categories[0]].ceremony
        artist = q.artists[0]
        for ed in self.store.editions.values():
            if ed.ceremony == ceremony and ed.year == year:
                won = [r for r in self.store.results_of(artist, ceremony, year) if r.result == "won"]
                return bool(stated_totals(self.store, artist, ed.id, len(won)))
        return False

    def _first_win(self, q: Question) -> Reply | None:
        """ "their first ever AMA in 2016": the first win known came in another year."""
        if len(q.artists) != 1 or len(q.ceremonies) != 1 or not q.has("first") or q.categories:
            return None
        wins = self._wins(q, None)
        if not wins or not wins[0].first_at_ceremony:
            return None
        first = wins[0]
        year = self.store.editions[first.edition].year
        if year == q.years[0]:
            return None
        cer = self.store.ceremonies[q.ceremonies[0]]
        name = self.store.name(q.artists[0])
        return Reply(f"{name}'s first {cer.short} win was {self.ctx.labels.award(first)}, in {year}.", [first])

    def _event(self, q: Question) -> Reply | None:
        """ "What did BTS perform with Coldplay at the 2022 AMAs?": that was at the 2021 AMAs."""
        if len(q.artists) + len(q.works) < 2 or not q.content:
            return None
        hits = self.ctx.index.search([*q.content, *q.words], q.entity_ids, set(), kinds=(Event,), limit=3)
        for hit in hits:
            fact = hit.doc.fact
            said = self.ctx.fact_words(fact)
            whole = all(w in said or stem(w) in said or concepts_of([w]) & said for w in q.content)
            if whole and q.years[0] not in self.ctx.fact_years(fact):
                when = years(sorted(self.ctx.fact_years(fact)))
                return Reply(f"{hit.doc.text} (That was in {when}.)", [fact])
        return None
