"""Yes/no about results: did an artist (or a song) win or get nominated, in a category, at a show, in a year.

"No" is said only when the facts show it: another winner of that category that year,
a different winning song, a nomination that did not win. Otherwise the verdict is
"I don't know", with what is known nearby.
"""

from __future__ import annotations

from bot.core.answering import nearby
from bot.core.answering.intent import Intent, Refusal, Reply
from bot.core.answering.question import Question
from bot.core.models import AwardResult, Category
from bot.core.phrasing import join_words, years
from bot.core.store import Fact


class DidWin(Intent):
    """Did X win (or lose, or get nominated for) a category, or at a show or edition."""

    name = "did_win"
    supplies = frozenset({"yes_no"})
    keywords = frozenset({"win", "lose", "nominate", "award", "beat"})
    templates = (
        "did {artist} win {category} at the {year} {ceremony}",
        "did {artist} win {category}",
        "did {artist} win at the {year} {ceremony}",
        "did {artist} win a {ceremony} in {year}",
        "has {artist} ever win {category}",
        "has {artist} win a {ceremony}",
        "did {artist} win {category} in {year}",
        "was {artist} nominated for {category} at the {year} {ceremony}",
        "was {artist} nominated for {category}",
        "did {artist} get nominated for {category}",
        "is {artist} a {ceremony} win",
        "did {work} win {category}",
        "did {artist} win {category} at the {ceremony}",
        "did {work} win {category} at the {year} {ceremony}",
        "did {artist} win the {category} award",
        "did {artist} lose {category} at the {year} {ceremony}",
        "did {artist} beat {artist} for {category}",
        "{artist} win {category} with {work}",
        "{artist} win {category} at the {year} {ceremony}",
    )

    def applies(self, q: Question) -> bool:
        asks = q.has("win", "nominate", "lose", "beat", "compete", "collect") or bool(q.categories)
        return q.yes_no and asks and bool(q.subjects) and bool(q.categories or q.ceremonies or q.years)

    def answer(self, q: Question) -> Reply:
        if len(q.artists) == 2 and q.has("beat", "compete") and q.categories:
            return self._beat(q)
        uncredited = self._uncredited(q)
        if uncredited is not None:
            return uncredited
        if len(self._subjects(q)) > 1 or len(q.years) > 1:
            return self._every(q)
        reply = self._category(q) if q.categories else self._show(q)
        if q.has("lose") and not q.has("win") and reply.verdict is not None:
            reply.verdict = not reply.verdict
        return reply

    def _subjects(self, q: Question) -> list[str]:
        """Return who the claim is about: the artists, and songs only when no artist of theirs is named."""
        works = [w for w in q.works if not set(self.store.entities[w].artists) & set(q.artists)]
        return [*q.artists, *works]

    def _uncredited(self, q: Question) -> Reply | None:
        """ "Jimin won Best Song for Seven": the song is not theirs, so no."""
        for work in q.works:
            song = self.store.entities[work]
            credited = {*song.artists, *song.featuring}
            credited |= {g for a in credited for g in self.store.related(a)}
            others = [a for a in q.artists if a not in credited]
            if others:
                by = join_words([self.store.name(a) for a in song.artists])
                feat = (
                    f", featuring {join_words([self.store.name(f) for f in song.featuring])}" if song.featuring else ""
                )
                wins = [r for r in self.store.results_by_work.get(work, ()) if r.result == "won"]
                won = f" It won {join_words([self.labels.award_at(r) for r in wins])}." if wins else ""
                return Reply(
                    f"{song.name} is by {by}{feat}, not {self.store.name(others[0])}.{won}",
                    [song, *wins],
                    verdict=False,
                )
        return None

    def _every(self, q: Question) -> Reply:
        """Several artists or years ("were SEVENTEEN and TWICE up for ...", "2021 and 2022"): yes only if all hold."""
        replies: list[Reply] = []
        for subject in self._subjects(q):
            for year in q.years or [None]:
                one = _narrowed(q, subject, year)
                replies.append(self._category(one) if one.categories else self._show(one))
        verdict = all(r.verdict for r in replies) if all(r.verdict is not None for r in replies) else None
        if verdict is None:
            raise Refusal("I can't confirm all of that.", " ".join(r.text for r in replies))
        facts: list[Fact] = [f for r in replies for f in r.facts]
        return Reply(" ".join(r.text for r in replies), facts, verdict=verdict)

    def _beat(self, q: Question) -> Reply:
        """ "Did BTS beat Drake for Artist of the Year?": the first won where the second was nominated."""
        cat = self.store.categories[q.categories[0]]
        winner, other = q.artists
        for r in self.store.results_by_nominee.get(winner, ()):
            if r.category != cat.id or (q.years and self.store.editions[r.edition].year not in q.years):
                continue
            rows = self.store.category_results(r.edition, cat.id)
            theirs = [o for o in rows if o.nominee == other]
            if theirs:
                where = f"{cat.name} at the {self.labels.edition(self.store.editions[r.edition])}"
                who = join_words([self.labels.winner(w) for w in rows if w.result == "won"])
                return Reply(
                    f"{who} won {where}; {self.store.name(other)} was nominated too.",
                    [*rows, cat],
                    verdict=r.result == "won",
                )
        raise Refusal(
            f"I don't know of {self.store.name(winner)} and {self.store.name(other)} up for {cat.name} together."
        )

    # --- helpers ---------------------------------------------------------------------------------
    def _subject(self, q: Question) -> str:
        return q.artists[0] if q.artists else q.works[0]

    def _rows(self, q: Question) -> tuple[AwardResult, ...]:
        subject = self._subject(q)
        if not q.artists:
            return self.store.results_by_work.get(subject, ())
        return self.store.results_by_nominee.get(subject, ())

    def _asks_nomination(self, q: Question) -> bool:
        return q.has("nominate") and not q.has("win")

    # --- a category --------------------------------------------------------------------------------
    def _category(self, q: Question) -> Reply:
        cat = self.store.categories[q.categories[0]]
        if q.years:
            return self._category_in(q, cat, q.years[0])
        mine = [r for r in self._rows(q) if r.category == cat.id]
        wins = [r for r in mine if r.result == "won"]
        name = self.store.name(self._subject(q))
        where = self.store.ceremonies[cat.ceremony].name
        if wins and not self._asks_nomination(q):
            when = years(self.store.editions[r.edition].year for r in wins)
            label = self.labels.award(wins[0]) if len(wins) == 1 else cat.name
            return self._work_claim(q, wins[0], cat) or Reply(
                f"{name} won {label} at the {where} in {when}.", [*wins, cat], verdict=True
            )
        if mine and self._asks_nomination(q):
            when = years(self.store.editions[r.edition].year for r in mine)
            return Reply(f"{name} was nominated for {cat.name} in {when}.", [*mine, cat], verdict=True)
        if mine:  # a loss one year says nothing of other years
            lost = self._lost(mine[0], cat)
            raise Refusal(f"I don't know whether {name} ever won {cat.name}.", lost.text)
        raise Refusal(f"I don't know of {name} winning {cat.name}.", nearby.category_years(self.store, cat))

    def _category_in(self, q: Question, cat: Category, year: int) -> Reply:
        ed = nearby.edition(self.store, cat.ceremony, year)
        rows = self.store.category_results(ed.id, cat.id)
        mine = [r for r in rows if r in self._rows(q)]
        winners = [r for r in rows if r.result == "won"]
        name = self.store.name(self._subject(q))
        where = f"{cat.name} at the {self.labels.edition(ed)}"
        if self._asks_nomination(q):
            return self._nominated(q, mine, winners, rows, where)
        won = [r for r in mine if r.result == "won"]
        if won:
            label = f"{self.labels.award(won[0])} at the {self.labels.edition(ed)}"
            return self._work_claim(q, won[0], cat) or Reply(f"{name} won {label}.", [*won, cat], verdict=True)
        if winners:
            lost = f" {name} was nominated but did not win." if mine else ""
            who = join_words([self.labels.winner(w) for w in winners])
            return Reply(f"{who} won {where}.{lost}", [*winners, *mine, cat], verdict=False)
        complete = self._all_wins_known(q, ed.id)
        if complete is not None:
            return complete
        raise Refusal(f"I don't know who won {where}.", nearby.category_years(self.store, cat))

    def _all_wins_known(self, q: Question, edition: str) -> Reply | None:
        """When a source states how many awards the artist won that night and all are known, others are a no."""
        subject = self._subject(q)
        wins = [r for r in self.store.wins(subject) if r.edition == edition]
        stated = [
            r for r in self.store.records_by_subject.get(subject, ()) if r.edition == edition and r.value == len(wins)
        ]
        if not wins or not stated:
            return None
        labels = join_words([self.labels.award(r) for r in wins])
        ed = self.labels.edition(self.store.editions[edition])
        text = f"{self.store.name(subject)} won {len(wins)} awards at the {ed}: {labels}."
        return Reply(text, [*wins, stated[0]], verdict=False)

    def _nominated(
        self, q: Question, mine: list[AwardResult], winners: list[AwardResult], rows: list[AwardResult], where: str
    ) -> Reply:
        name = self.store.name(self._subject(q))
        if not mine:
            known = (
                "The nominees I know are " + join_words([self.labels.nominee(r) for r in rows]) + "." if rows else ""
            )
            raise Refusal(f"I don't know of {name} being nominated for {where}.", known)
        first = mine[0]
        label = self.labels.nominee(first)
        if first.result == "won":
            outcome = " and won"
        elif winners:
            outcome = "; " + join_words([self.store.name(w.nominee) for w in winners]) + " won"
        else:
            outcome = ""
        facts: list[Fact] = [*mine, *winners]
        return Reply(f"{label} was nominated for {where}{outcome}.", facts, verdict=True)

    def _lost(self, row: AwardResult, cat: Category) -> Reply:
        winners = [w for w in self.store.category_results(row.edition, cat.id) if w.result == "won"]
        label = self.labels.edition(self.store.editions[row.edition])
        name = self.store.name(row.nominee)
        if not winners:
            raise Refusal(f"I don't know who won {cat.name} at the {label}.", f"{name} was nominated there.")
        who = join_words([self.labels.winner(w) for w in winners])
        return Reply(
            f"{name} was nominated for {cat.name} at the {label}, but {who} won.", [row, *winners, cat], verdict=False
        )

    def _work_claim(self, q: Question, win: AwardResult, cat: Category) -> Reply | None:
        """Correct a claimed song ("won Favorite Pop Song with Dynamite") when the facts name another."""
        if win.work is None:
            return None
        claimed = [w for w in q.works if w != win.work]
        if not claimed and not (q.unknown and q.has("song", "with")):
            return None
        ed = self.labels.edition(self.store.editions[win.edition])
        text = f"it was {self.store.name(win.work)}: {self.store.name(win.nominee)} won {cat.name} at the {ed} with it."
        return Reply(text, [win, cat], verdict=False, explains=frozenset(q.unknown))

    # --- a show or a year -----------------------------------------------------------------------------
    def _show(self, q: Question) -> Reply:
        ceremony = q.ceremonies[0] if q.ceremonies else None
        if q.years and ceremony:
            nearby.edition(self.store, ceremony, q.years[0])
        wins = [
            r
            for r in self._rows(q)
            if r.result == "won"
            and (ceremony is None or self.store.editions[r.edition].ceremony == ceremony)
            and (not q.years or self.store.editions[r.edition].year in q.years)
        ]
        name = self.store.name(self._subject(q))
        if wins and not self._asks_nomination(q):
            labels = [self.labels.award_at(r) for r in wins]
            facts: list[Fact] = [*wins, *(self.store.categories[r.category] for r in wins if r.category)]
            return Reply(f"{name} won " + join_words(labels) + ".", facts, labels, verdict=True)
        nominated = [
            r
            for r in self._rows(q)
            if (ceremony is None or self.store.editions[r.edition].ceremony == ceremony)
            and (not q.years or self.store.editions[r.edition].year in q.years)
        ]
        if nominated and self._asks_nomination(q):
            labels = [self.labels.award_at(r) for r in nominated]
            return Reply(f"{name} was nominated for " + join_words(labels) + ".", nominated, labels, verdict=True)
        raise Refusal(f"I don't know of {name} winning there.", nearby.for_artist(self.store, self._subject(q)))


def _narrowed(q: Question, subject: str, year: int | None) -> Question:
    """Return a copy of the question about one subject and one year."""
    from dataclasses import replace

    artists = [subject] if subject in q.artists else []
    works = [subject] if subject in q.works else []
    return replace(q, artists=artists, works=works, years=[year] if year else [])
