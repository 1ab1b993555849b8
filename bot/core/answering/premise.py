"""Questions built on a wrong name: "what did Jimin write on Weverse?" when the facts name RM.

When nothing answers a question, the question may rest on a wrong premise: everything in
it fits one fact except the person it names. A fact that says who did something (an event's
participants, a record's holder, a show's founder) names everyone who did it, so the answer
corrects the name: "No: ..." to a yes/no question, "The facts name RM, not Jimin: ..." to
any other.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bot.core.answering.context import Context
from bot.core.answering.intent import Reply, concepts_of
from bot.core.answering.question import Question
from bot.core.answering.search import stem
from bot.core.language import lexicon
from bot.core.models import Ceremony, Event, Record
from bot.core.phrasing import join_words, long_date
from bot.core.store import Fact

HOLDER_KINDS = ("person", "group")
_AWARD_WORDS = frozenset(
    {"win", "won", "wins", "winning", "award", "awards", "nominate", "nominated", "category", "categories"}
)
_DEEDS = frozenset({"enlist", "accept", "found", "absent", "cancel"})  # one of these alone names the deed
_ANY_ANSWER = frozenset({None, "description", "yes_no", "person", "reason"})  # the corrected name answers these
_MADE = frozenset({"made", "make", "makes", "making"})
# Facts whose doers are the only ones: one person accepts an award, a member writes a message, a show
# has one founder, a "first" has one holder. Wins are not among them: many acts win at a show.
SOLE_EVENTS = frozenset({"acceptance", "message", "military", "cancelled_performance"})
SOLE_EVENTS_NAMED = SOLE_EVENTS | {"performance", "absence", "attendance", "concert", "other"}  # for a known name


@dataclass(frozen=True)
class _Dropped:
    """The name the question may have wrong: a known artist's id, or words naming someone unknown."""

    name: str
    entity: str | None = None
    words: tuple[str, ...] = ()


class PremiseCheck:
    """Find the fact a question fits but for one name, and correct the name."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.store = ctx.store

    def correct(self, q: Question, unknown: Sequence[str]) -> Reply | None:
        """Return a reply that corrects the question's name, or None when no fact fits all else."""
        if q.asked.type == "count":
            return None  # "how many awards did BLACKPINK win?" assumes nothing another act's record corrects
        for dropped in self._names(q, unknown):
            words = [w for w in q.content if w not in dropped.words]
            if self._did_it(q, dropped, words):
                continue  # "when did SUGA enlist?": a fact says he did, whoever else did too
            for fact in self._facts(q, dropped, words):
                holders = self._holders(fact, dropped)
                if self._swapped(dropped, holders) and self._fits(q, dropped, fact, words):
                    reply = self._reply(q, dropped, fact, holders)
                    own = self._own(q, dropped, words)
                    if own is not None:  # "did SUGA enlist on November 22?": no, he was already serving
                        reply.text += " " + self._line(own)
                        reply.facts.append(own)
                    return reply
        return None

    def _names(self, q: Question, unknown: Sequence[str]) -> Iterator[_Dropped]:
        for artist in q.artists:
            if artist != q.assumed_subject and self.store.entities[artist].kind in HOLDER_KINDS:
                yield _Dropped(self.store.name(artist), entity=artist)
        if unknown:
            yield _Dropped(" ".join(w.title() for w in unknown), words=tuple(unknown))

    def _did_it(self, q: Question, dropped: _Dropped, words: list[str]) -> bool:
        """Say whether some fact about the named one tells of the deed asked about, then."""
        return any(self._same_time(q, fact) for fact in self._deeds_of(q, dropped, words))

    def _own(self, q: Question, dropped: _Dropped, words: list[str]) -> Fact | None:
        """Return what the facts say the named one did of the same kind of deed ("enlist"), at another time."""
        if dropped.entity is None:
            return None
        deeds = concepts_of(words) & _DEEDS
        hits = self.ctx.index.search([*words, *q.words], {dropped.entity}, set(), kinds=(Event, Record), limit=4)
        return next((h.doc.fact for h in hits if deeds & self.ctx.fact_words(h.doc.fact)), None)

    def _deeds_of(self, q: Question, dropped: _Dropped, words: list[str]) -> list[Fact]:
        if dropped.entity is None:
            return []
        hits = self.ctx.index.search([*words, *q.words], {dropped.entity}, set(), kinds=(Event, Record), limit=4)
        return [h.doc.fact for h in hits if self._same_deed(h.doc.fact, words)]

    def _facts(self, q: Question, dropped: _Dropped, words: list[str]) -> list[Fact]:
        others = {e for e in q.entity_ids if e != dropped.entity}
        hits = self.ctx.index.search([*words, *q.words], others, set(q.years), kinds=(Event, Record), limit=4)
        facts: list[Fact] = [h.doc.fact for h in hits]
        facts += [self.store.ceremonies[c] for c in q.ceremonies if self.store.ceremonies[c].founder]
        return facts

    def _holders(self, fact: Fact, dropped: _Dropped) -> list[str]:
        """Return who a fact says did it, if they are the only ones who did."""
        sole_events = SOLE_EVENTS_NAMED if dropped.entity else SOLE_EVENTS
        if isinstance(fact, Event) and fact.kind in sole_events:
            ids = list(fact.participants)
        elif isinstance(fact, Record) and fact.kind == "first":
            ids = [fact.subject]
        elif isinstance(fact, Ceremony):
            ids = [fact.founder] if fact.founder else []
        else:
            ids = []
        people = [i for i in ids if self.store.entities[i].kind == "person"]
        return people or [i for i in ids if self.store.entities[i].kind == "group"]  # "BTS leader RM": RM did it

    def _swapped(self, dropped: _Dropped, holders: list[str]) -> bool:
        """Say whether the fact names someone else in the place of the dropped name (not its group or members)."""
        if not holders or dropped.entity is None:
            return bool(holders)
        kind = self.store.entities[dropped.entity].kind
        if dropped.entity in holders or not any(self.store.entities[h].kind == kind for h in holders):
            return False
        related = self.store.related(dropped.entity)
        return not any(h in related or dropped.entity in self.store.related(h) for h in holders)

    def _fits(self, q: Question, dropped: _Dropped, fact: Fact, words: list[str]) -> bool:
        """Say whether the fact is about everything else asked and accounts for every other word."""
        involved = self.ctx.fact_entities(fact) | self.ctx.fact_scope(fact) | {getattr(fact, "id", "")}
        if any(e not in involved for e in q.entity_ids if e != dropped.entity):
            return False
        if not self._same_time(q, fact):
            return False
        if isinstance(fact, Ceremony):  # "the AMAs were made by Quincy Jones": who founded it
            return q.has("found", "founder", "start") or bool(_MADE & set(q.words))
        if not (q.asked.type in _ANY_ANSWER or self.ctx.supplies(fact, q.asked.type, q.asked.unit)):
            return False
        return self._same_deed(fact, words)

    def _same_time(self, q: Question, fact: Fact) -> bool:
        """Say whether a fact is of the years and days asked about."""
        years = self.ctx.fact_years(fact) | _ceremony_years(fact)
        if any(y not in years for y in q.years):
            return False
        day = getattr(fact, "date", None)
        return not q.dates or bool(day and all((d.month, d.day) == (day.month, day.day) for d in q.dates))

    def _same_deed(self, fact: Fact, words: list[str]) -> bool:
        """Say whether the fact says what the question says was done (one stray word at most)."""
        said = self.ctx.fact_words(fact)
        found = [w for w in words if w in said or stem(w) in said or concepts_of([w]) & said]
        if len(found) < (len(words) if len(words) <= 2 else len(words) - 1):
            return False  # "after the MAMA wins" may stray
        lex = lexicon()
        telling = [w for w in found if w not in _AWARD_WORDS and (lex.concepts_of.get(w) or not lex.is_english(w))]
        # Two telling words, or one deed; winning is no one's alone.
        return len(telling) >= 2 or bool(concepts_of(telling) & _DEEDS)

    def _reply(self, q: Question, dropped: _Dropped, fact: Fact, holders: list[str]) -> Reply:
        line = self._line(fact)
        if q.yes_no:
            return Reply(line, [fact], verdict=False, explains=frozenset(q.content))
        names = join_words([self.store.name(h) for h in holders])
        text = f"The facts I have name {names}, not {dropped.name}: {line}"
        return Reply(text, [fact], explains=frozenset(q.content))

    def _line(self, fact: Fact) -> str:
        if isinstance(fact, Record):
            return self.ctx.labels.record(fact)
        if isinstance(fact, Event):
            return f"On {long_date(fact.date)}: {fact.statement}" if fact.date else fact.statement
        if isinstance(fact, Ceremony):
            return self.ctx.labels.founding(fact)
        return str(getattr(fact, "statement", ""))


def _ceremony_years(fact: Fact) -> set[int]:
    if isinstance(fact, Ceremony):
        return {y for y in (fact.founded, fact.first_ceremony) if y}
    return set()
