"""What every intent works with: the store, the phrasing of labels, the statement search, fact words."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cached_property, lru_cache
from typing import Any

from bot.core.answering.search import StatementIndex, stem
from bot.core.language import lexicon
from bot.core.models import AwardResult, Category, Ceremony, Edition, Entity, Event, Record
from bot.core.phrasing import Labels
from bot.core.store import Fact, FactStore, fact_key
from bot.core.text import tokens


class Context:
    """The store and the helpers shared by the intents."""

    def __init__(self, store: FactStore) -> None:
        self.store = store
        self.labels = Labels(store)
        self.index = StatementIndex(store)
        self._fact_words: dict[str, frozenset[str]] = {}
        # Answers a sub-question (text and facts) or None; set by the engine, for derived answers.
        self.ask_part: Callable[[str], tuple[str, list[Fact]] | None] | None = None

    @cached_property
    def main_group(self) -> str | None:
        """Return the group with the most results: who "they" are in a question that names no one."""
        counts = Counter(r.nominee for r in self.store.results if self.store.entities[r.nominee].kind == "group")
        return counts.most_common(1)[0][0] if counts else None

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Return every word the facts' statements use (notes, descriptions, reasons); names are recognised apart."""
        words: set[str] = set()
        for fact in self.store.facts():
            for text in _statements(fact):
                words.update(tokens(text))
        names = {w for e in self.store.entities.values() for n in [e.name, *e.aliases] for w in tokens(n)}
        return frozenset(words - names)  # "tomorrow" in TOMORROW X TOGETHER is a name, not a topic

    @cached_property
    def _topic_words(self) -> dict[str, frozenset[str]]:
        topics: dict[str, set[str]] = {}
        for fact in self.store.facts():
            words = self.fact_words(fact)
            for i in self.fact_entities(fact) | self.fact_scope(fact):
                topics.setdefault(i, set()).update(words)
        return {i: frozenset(w) for i, w in topics.items()}

    def topic_words(self, ids: Iterable[str]) -> frozenset[str]:
        """Return the words (with stems and concepts) of every fact about any of the ids."""
        return frozenset().union(*(self._topic_words.get(i, frozenset()) for i in ids))

    def fact_scope(self, fact: Fact) -> set[str]:
        """Return the show and category a fact is about."""
        ids = {getattr(fact, "ceremony", None), getattr(fact, "category", None)}
        edition = getattr(fact, "edition", None)
        if isinstance(edition, str):
            ids.add(self.store.editions[edition].ceremony)
        if isinstance(fact, Edition):
            ids.add(fact.ceremony)
        if isinstance(fact, Category):
            ids.add(fact.ceremony)
        return {i for i in ids if isinstance(i, str)}

    @cached_property
    def places(self) -> frozenset[str]:
        """Return the words of every place the facts name (to tell which statements say where)."""
        texts = [e.place for e in self.store.events.values()]
        texts += [x for ed in self.store.editions.values() for x in (ed.place, ed.planned_place)]
        return frozenset(w for t in texts if t for w in tokens(t) if len(w) > 2) - lexicon().function_words

    def supplies(self, fact: Fact, asked: str | None, unit: str | None = None, scope: Scope | None = None) -> bool:
        """Say whether a fact can give the asked type of answer (a count: of the asked unit, for the show asked)."""
        if asked == "count" and unit:
            if (
                unit in ("award", "time")
                and isinstance(fact, Record)
                and scope is not None
                and not _in_scope(self, fact, scope)
            ):
                return False  # a MAMA total is no answer to "how many awards" overall
            return _counts(self, fact, unit)
        if asked in (None, "description", "yes_no"):
            return True
        check = _SUPPLIES.get(asked)
        return False if check is None else check(self, fact)

    def _names_thing(self, fact: Fact, kind: str) -> bool:
        names = lexicon().named_things[kind]
        text = " " + " ".join(_plain_texts(self, fact)) + " "
        return any(f" {n} " in text for n in names)

    def types_named(self, word: str) -> list[str]:
        """Return the answer types a word names as a head noun ("label" -> organization)."""
        return [spec.name for spec in lexicon().answer_types if word in spec.heads]

    def fact_entities(self, fact: Fact) -> frozenset[str]:
        """Return the ids a fact involves, with the artists of the songs it involves."""
        ids: set[str] = set()
        for name in ("nominee", "work", "subject", "founder", "id"):
            value = getattr(fact, name, None)
            if isinstance(value, str):
                ids.add(value)
        for name in ("participants", "works", "artists", "featuring"):
            ids.update(getattr(fact, name, ()))
        ids.update(m.group for m in getattr(fact, "member_of", ()))
        for i in list(ids):  # a song's facts involve its artists (not a member's facts their group)
            ent = self.store.entities.get(i)
            if ent is not None and ent.is_work:
                ids.update((*ent.artists, *ent.featuring))
        return frozenset(ids)

    def fact_work_kind(self, fact: Fact) -> str | None:
        """Return the kind (song, album) of the work a fact is about, if any."""
        work = getattr(fact, "work", None)
        if isinstance(fact, Entity) and fact.is_work:
            return fact.kind
        if isinstance(fact, Record) and self.store.entities[fact.subject].is_work:
            return self.store.entities[fact.subject].kind
        if isinstance(fact, Event) and fact.works:
            return self.store.entities[fact.works[0]].kind
        return self.store.entities[work].kind if work else None

    def fact_years(self, fact: Fact) -> set[int]:
        """Return the years a fact is about."""
        if isinstance(fact, AwardResult):
            return {self.store.editions[fact.edition].year}
        if isinstance(fact, Edition | Event):
            return {fact.year}
        if isinstance(fact, Record):
            year = fact.as_of if isinstance(fact.as_of, int) else fact.as_of.year
            return set(range(fact.since, year + 1)) if fact.since else {year}
        if isinstance(fact, Entity) and fact.released:
            return {fact.released.year}
        if isinstance(fact, Ceremony) and (fact.founded or fact.first_ceremony):  # a show is of every year since
            return set(range(fact.founded or fact.first_ceremony or 0, dt.date.today().year + 1))
        return set()

    def fact_words(self, fact: Fact) -> frozenset[str]:
        """Return the words (with their concepts and stems) of everything a fact says."""
        key = fact_key(fact)
        found = self._fact_words.get(key)
        if found is None:
            found = self._words_of(fact)
            self._fact_words[key] = found
        return found

    def _words_of(self, fact: Fact) -> frozenset[str]:
        return self.text_words(" ".join(self._texts(fact)))

    @staticmethod
    @lru_cache(maxsize=4096)
    def text_words(text: str) -> frozenset[str]:
        """Return the words of a text with their stems and concepts (to see which question words it covers)."""
        lex = lexicon()
        words: set[str] = set()
        for w in tokens(text):
            words.add(w)
            words.add(stem(w))
            words |= lex.concepts(w)
        return frozenset(words)

    def _texts(self, fact: Fact) -> list[str]:
        store = self.store
        texts: list[Any] = []
        if isinstance(fact, AwardResult):
            texts += [fact.note, store.name(fact.nominee)]
            texts += [store.name(fact.work) if fact.work else None, self._edition_text(store.editions[fact.edition])]
            if fact.category:
                texts += [store.categories[fact.category].name, *store.categories[fact.category].aliases]
        elif isinstance(fact, Record):
            texts += [fact.statement, *fact.keywords, fact.unit, store.name(fact.subject), fact.kind]
        elif isinstance(fact, Event):
            texts += [fact.statement, *fact.keywords, fact.place, fact.kind.replace("_", " ")]
            texts += [store.name(p) for p in fact.participants]
        elif isinstance(fact, Edition):
            texts += [self._edition_text(fact), fact.status_reason, fact.planned_place]
        elif isinstance(fact, Entity):
            texts += [fact.name, *fact.aliases, fact.description, *(m.role for m in fact.member_of)]
            texts += [store.name(a) for a in [*fact.artists, *fact.featuring]]
        elif isinstance(fact, Ceremony):
            texts += [fact.name, fact.short, *fact.aliases, fact.description, fact.network]
            texts += [m.method for m in fact.winner_selection]
        elif isinstance(fact, Category):
            texts += [fact.name, *fact.aliases, fact.description]
        return [t for t in texts if t]

    def _edition_text(self, ed: Edition) -> str:
        cer = self.store.ceremonies[ed.ceremony]
        return " ".join(str(x) for x in (cer.name, cer.short, ed.place, ed.planned_place) if x)


def _statements(fact: Fact) -> list[str]:
    """Return the sentences a fact states (not its names)."""
    texts = [getattr(fact, name, None) for name in ("statement", "note", "description", "status_reason", "place")]
    texts += list(getattr(fact, "keywords", ()))
    texts += [m.method for m in getattr(fact, "winner_selection", ())]
    return [t for t in texts if isinstance(t, str) and t]


def _plain_texts(ctx: Context, fact: Fact) -> list[str]:
    from bot.core.text import normalize

    return [normalize(str(t)) for t in ctx._texts(fact)]


def _has_person(ctx: Context, fact: Fact) -> bool:
    kinds = ("person", "group")
    if isinstance(fact, Event):
        return any(ctx.store.entities[p].kind in kinds for p in fact.participants)
    if isinstance(fact, Record):
        return ctx.store.entities[fact.subject].kind in kinds
    return isinstance(fact, AwardResult)


def _has_place(ctx: Context, fact: Fact) -> bool:
    if isinstance(fact, Event) and fact.place:
        return True
    if isinstance(fact, Event | AwardResult) and fact.edition:
        ed = ctx.store.editions[fact.edition]
        if ed.place or ed.planned_place:
            return True
    return bool(ctx.places & set(" ".join(_plain_texts(ctx, fact)).split()))


def _has_number(ctx: Context, fact: Fact) -> bool:
    if isinstance(fact, Record) and fact.value is not None:
        return True
    return any(w.isdigit() for t in _plain_texts(ctx, fact) for w in t.split())


_RANKS = frozenset("first second third fourth fifth top topped number".split())
Scope = tuple[str | None, str | None, int | None]  # ceremony, category, year asked about


def stated_totals(store: FactStore, artist: str, edition: str, count: int) -> list[Record]:
    """Return records stating that the artist won `count` awards at an edition."""
    return [
        r
        for r in store.records_by_subject.get(artist, ())
        if r.kind == "total" and r.edition == edition and r.value == count
    ]


def record_unit(rec: Record) -> str | None:
    """Return the count unit of a record: its first unit word ("consecutive years with a win" -> year)."""
    units = lexicon().count_units
    for word in tokens(rec.unit or ""):
        if word in units:
            return units[word]
    return None


def _in_scope(ctx: Context, rec: Record, scope: Scope) -> bool:
    """Say whether a record counts what was asked: the same show and category, and its year if it is one edition's."""
    ceremony, category, year = scope
    if rec.edition is not None and (year is None or ctx.store.editions[rec.edition].year != year):
        return False
    if rec.category is not None:
        return category in (None, rec.category)
    return rec.ceremony == ceremony


def _counts(ctx: Context, fact: Fact, unit: str) -> bool:
    """Say whether a fact states a number of the unit ("70 days", a record of 4 consecutive wins)."""
    units = lexicon().count_units
    if unit == "member" and isinstance(fact, Event):
        return any(ctx.store.entities[p].kind == "person" for p in fact.participants)
    if isinstance(fact, Record) and fact.value is not None:
        stated = record_unit(fact)
        if unit == stated or (unit == "time" and stated == "award"):
            return True
    for text in _plain_texts(ctx, fact):
        words = text.split()
        for i, word in enumerate(words[:-1]):
            if word.isdigit() and units.get(words[i + 1]) == unit:
                return True
    return False


def _has_work(ctx: Context, fact: Fact) -> bool:
    if isinstance(fact, Event):
        return bool(fact.works)
    if isinstance(fact, Record) and ctx.store.entities[fact.subject].is_work:
        return True
    return bool(getattr(fact, "work", None)) or (isinstance(fact, Entity) and fact.is_work)


def _has_reason(ctx: Context, fact: Fact) -> bool:
    reasons = {"because", "reason", "caution", "war"}  # not "due": "they were due to perform"
    return bool(reasons & set(" ".join(_plain_texts(ctx, fact)).split()))


_SUPPLIES: dict[str, Any] = {
    "place": _has_place,
    "date": lambda ctx, f: (isinstance(f, Event) and f.date is not None) or isinstance(f, Record | Entity),
    "year": lambda ctx, f: isinstance(f, Event | Record | AwardResult),
    "person": _has_person,
    "count": _has_number,
    "work": _has_work,
    "reason": _has_reason,
    "platform": lambda ctx, f: ctx._names_thing(f, "platform"),
    "chart": lambda ctx, f: ctx._names_thing(f, "chart"),
    "organization": lambda ctx, f: ctx._names_thing(f, "organization"),
    "name": lambda ctx, f: isinstance(f, Entity | Event | Record),
    "method": lambda ctx, f: False,
    "category": lambda ctx, f: isinstance(f, AwardResult),
    "ceremony": lambda ctx, f: bool(ctx.fact_scope(f)),  # "which show did BTS hit 50 wins at?"
    "significance": lambda ctx, f: isinstance(f, Record),
    "rank": lambda ctx, f: bool(
        _RANKS & set(" ".join(_plain_texts(ctx, f)).split())
    ),  # "what position ...": second  # "why was it such a big deal?": a first, a record
}
