"""The immutable in-memory fact store and its indexes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Union

from bot.core.models import AwardResult, Category, Ceremony, Dispute, Edition, Entity, Event, OtherShow, Record, Source
from bot.core.phrasing import Labels

Fact = Union[Entity, Ceremony, Category, Edition, AwardResult, Record, Event]


@dataclass(frozen=True)
class DatedItem:
    """Something that happened on a known day, for "on this day" look-ups."""

    date: dt.date
    text: str
    fact: Fact
    significance: int


def fact_key(fact: Fact) -> str:
    """Return a stable, unique key naming one fact."""
    if isinstance(fact, AwardResult):
        return fact.id or f"result:{fact.edition}/{fact.category or '-'}/{fact.nominee}/{fact.work or '-'}"
    kind = {
        Entity: "entity",
        Ceremony: "ceremony",
        Category: "category",
        Edition: "edition",
        Record: "record",
        Event: "event",
    }[type(fact)]
    return f"{kind}:{fact.id}"


def _freeze(groups: Mapping[Any, list[Any]]) -> Mapping[Any, tuple[Any, ...]]:
    return MappingProxyType({key: tuple(values) for key, values in groups.items()})


def _disputes_by_fact(disputes: Iterable[Dispute]) -> dict[str, list[Dispute]]:
    found: dict[str, list[Dispute]] = defaultdict(list)
    for d in disputes:
        for claim in d.claims:
            for key in claim.facts:
                found[key].append(d)
    return found


def _by_id(items: Iterable[Any]) -> Mapping[str, Any]:
    return MappingProxyType({item.id: item for item in items})


@dataclass(frozen=True)
class FactStore:
    """Every fact, read-only, with the indexes the answering engine queries."""

    sources: Mapping[str, Source]
    entities: Mapping[str, Entity]
    ceremonies: Mapping[str, Ceremony]
    categories: Mapping[str, Category]
    editions: Mapping[str, Edition]
    results: tuple[AwardResult, ...]
    records: Mapping[str, Record]
    events: Mapping[str, Event]
    disputes: Mapping[str, Dispute]
    other_shows: Mapping[str, OtherShow]
    results_by_nominee: Mapping[str, tuple[AwardResult, ...]] = field(repr=False)
    results_by_edition: Mapping[str, tuple[AwardResult, ...]] = field(repr=False)
    results_by_category: Mapping[str, tuple[AwardResult, ...]] = field(repr=False)
    results_by_work: Mapping[str, tuple[AwardResult, ...]] = field(repr=False)
    edition_by_year: Mapping[tuple[str, int], Edition] = field(repr=False)
    editions_by_ceremony: Mapping[str, tuple[Edition, ...]] = field(repr=False)
    categories_by_ceremony: Mapping[str, tuple[Category, ...]] = field(repr=False)
    records_by_subject: Mapping[str, tuple[Record, ...]] = field(repr=False)
    events_by_participant: Mapping[str, tuple[Event, ...]] = field(repr=False)
    events_by_edition: Mapping[str, tuple[Event, ...]] = field(repr=False)
    members_by_group: Mapping[str, tuple[Entity, ...]] = field(repr=False)
    works_by_artist: Mapping[str, tuple[Entity, ...]] = field(repr=False)
    by_month_day: Mapping[tuple[int, int], tuple[DatedItem, ...]] = field(repr=False)
    disputes_by_fact: Mapping[str, tuple[Dispute, ...]] = field(repr=False, default_factory=dict)

    @classmethod
    def build(
        cls,
        *,
        sources: list[Source],
        entities: list[Entity],
        ceremonies: list[Ceremony],
        categories: list[Category],
        editions: list[Edition],
        results: list[AwardResult],
        records: list[Record],
        events: list[Event],
        disputes: list[Dispute] = (),  # type: ignore[assignment]
        other_shows: list[OtherShow] = (),  # type: ignore[assignment]
    ) -> FactStore:
        """Index validated facts (see `bot.core.loading.load_facts`)."""
        by_nominee: dict[str, list[AwardResult]] = defaultdict(list)
        by_edition: dict[str, list[AwardResult]] = defaultdict(list)
        by_category: dict[str, list[AwardResult]] = defaultdict(list)
        by_work: dict[str, list[AwardResult]] = defaultdict(list)
        for r in results:
            by_nominee[r.nominee].append(r)
            by_edition[r.edition].append(r)
            if r.category:
                by_category[r.category].append(r)
            if r.work:
                by_work[r.work].append(r)
        eds_by_ceremony: dict[str, list[Edition]] = defaultdict(list)
        for ed in sorted(editions, key=lambda e: e.year):
            eds_by_ceremony[ed.ceremony].append(ed)
        cats_by_ceremony: dict[str, list[Category]] = defaultdict(list)
        for cat in categories:
            cats_by_ceremony[cat.ceremony].append(cat)
        recs_by_subject: dict[str, list[Record]] = defaultdict(list)
        for rec in records:
            recs_by_subject[rec.subject].append(rec)
        evs_by_participant: dict[str, list[Event]] = defaultdict(list)
        evs_by_edition: dict[str, list[Event]] = defaultdict(list)
        for ev in events:
            for p in dict.fromkeys([*ev.participants, *ev.works]):
                evs_by_participant[p].append(ev)
            if ev.edition:
                evs_by_edition[ev.edition].append(ev)
        members: dict[str, list[Entity]] = defaultdict(list)
        works: dict[str, list[Entity]] = defaultdict(list)
        for ent in entities:
            for m in ent.member_of:
                members[m.group].append(ent)
            for a in [*ent.artists, *ent.featuring]:
                works[a].append(ent)
        store = cls(
            sources=_by_id(sources),
            entities=_by_id(entities),
            ceremonies=_by_id(ceremonies),
            categories=_by_id(categories),
            editions=_by_id(editions),
            results=tuple(results),
            records=_by_id(records),
            events=_by_id(events),
            disputes=_by_id(disputes),
            other_shows=_by_id(other_shows),
            results_by_nominee=_freeze(by_nominee),
            results_by_edition=_freeze(by_edition),
            results_by_category=_freeze(by_category),
            results_by_work=_freeze(by_work),
            edition_by_year=MappingProxyType({(e.ceremony, e.year): e for e in editions}),
            editions_by_ceremony=_freeze(eds_by_ceremony),
            categories_by_ceremony=_freeze(cats_by_ceremony),
            records_by_subject=_freeze(recs_by_subject),
            events_by_participant=_freeze(evs_by_participant),
            events_by_edition=_freeze(evs_by_edition),
            members_by_group=_freeze(members),
            works_by_artist=_freeze(works),
            by_month_day=MappingProxyType({}),
            disputes_by_fact=_freeze(_disputes_by_fact(disputes)),
        )
        object.__setattr__(store, "by_month_day", store._index_dates())
        return store

    # --- whole-store views -------------------------------------------------------
    def facts(self) -> Iterator[Fact]:
        """Yield every fact (everything but the sources)."""
        yield from self.entities.values()
        yield from self.ceremonies.values()
        yield from self.categories.values()
        yield from self.editions.values()
        yield from self.results
        yield from self.records.values()
        yield from self.events.values()

    @property
    def fact_count(self) -> int:
        """Count the facts (sources not included)."""
        return (
            len(self.entities)
            + len(self.ceremonies)
            + len(self.categories)
            + len(self.editions)
            + len(self.results)
            + len(self.records)
            + len(self.events)
        )

    def counts(self) -> dict[str, int]:
        """Count the items of each kind."""
        return {
            "sources": len(self.sources),
            "entities": len(self.entities),
            "ceremonies": len(self.ceremonies),
            "categories": len(self.categories),
            "editions": len(self.editions),
            "results": len(self.results),
            "records": len(self.records),
            "events": len(self.events),
        }

    def sources_of(self, facts: Iterable[Fact]) -> list[Source]:
        """Return the distinct sources cited by `facts`, in citation order."""
        ids: dict[str, None] = {}
        for f in facts:
            ids.update(dict.fromkeys(f.sources))
        return [self.sources[i] for i in ids]

    # --- queries ---------------------------------------------------------------------
    def edition(self, ceremony: str, year: int) -> Edition | None:
        """Return the edition of `ceremony` in `year`, if known."""
        return self.edition_by_year.get((ceremony, year))

    def wins(
        self, nominee: str, ceremony: str | None = None, year: int | None = None, category: str | None = None
    ) -> list[AwardResult]:
        """Return the wins of `nominee`, optionally at one ceremony, year or category."""
        return [r for r in self.results_of(nominee, ceremony, year, category) if r.result == "won"]

    def results_of(
        self, nominee: str, ceremony: str | None = None, year: int | None = None, category: str | None = None
    ) -> list[AwardResult]:
        """Return every result (won or nominated) of `nominee`, filtered, oldest first."""
        found = []
        for r in self.results_by_nominee.get(nominee, ()):
            ed = self.editions[r.edition]
            if ceremony and ed.ceremony != ceremony:
                continue
            if year and ed.year != year:
                continue
            if category and r.category != category:
                continue
            found.append(r)
        return sorted(found, key=lambda r: self.editions[r.edition].year)

    def category_results(self, edition: str, category: str) -> list[AwardResult]:
        """Return the nominees of one category at one edition, winners first."""
        rows = [r for r in self.results_by_edition.get(edition, ()) if r.category == category]
        return sorted(rows, key=lambda r: r.result != "won")

    def on_month_day(self, month: int, day: int) -> tuple[DatedItem, ...]:
        """Return what happened on a month-day in any year, most significant first."""
        return self.by_month_day.get((month, day), ())

    def next_dated(self, month: int, day: int) -> DatedItem | None:
        """Return the most significant item of the first month-day after this one, wrapping round the year."""
        keys = sorted(self.by_month_day)
        if not keys:
            return None
        later = [k for k in keys if k > (month, day)]
        return self.by_month_day[later[0] if later else keys[0]][0]

    def related(self, entity_id: str) -> set[str]:
        """Return an id with what it belongs to: a member's groups, a song's artists."""
        ids = {entity_id}
        ent = self.entities.get(entity_id)
        if ent is not None:
            ids.update(m.group for m in ent.member_of)
            ids.update(ent.artists)
        return ids

    def name(self, entity_id: str) -> str:
        """Return the display name of an entity, ceremony or category id."""
        for table in (self.entities, self.ceremonies, self.categories):
            if entity_id in table:
                return table[entity_id].name
        return entity_id

    def _index_dates(self) -> Mapping[tuple[int, int], tuple[DatedItem, ...]]:
        items: dict[tuple[int, int], list[DatedItem]] = defaultdict(list)
        for ed in self.editions.values():
            if ed.date is None:
                continue
            cer = self.ceremonies[ed.ceremony]
            wins = [r for r in self.results_by_edition.get(ed.id, ()) if r.result == "won"]
            text = f"The {ed.year} {cer.name} took place"
            if ed.status == "winners_announced_online":
                text = f"The {ed.year} {cer.name} winners were announced without a ceremony"
            if ed.place:
                text += f" in {ed.place}"
            if wins:
                text += ": " + "; ".join(Labels(self).result(r, with_edition=False) for r in wins[:6])
            items[(ed.date.month, ed.date.day)].append(DatedItem(ed.date, text + ".", ed, 3))
        for ev in self.events.values():
            if ev.date is not None:
                weight = 2 if ev.edition or ev.kind in ("release", "military") else 1
                items[(ev.date.month, ev.date.day)].append(DatedItem(ev.date, ev.statement, ev, weight))
        for ent in self.entities.values():
            if ent.released is not None:
                by = " and ".join(self.name(a) for a in ent.artists)
                text = f"{by} released {ent.name}." if by else f"{ent.name} was released."
                items[(ent.released.month, ent.released.day)].append(DatedItem(ent.released, text, ent, 2))
        return MappingProxyType(
            {key: tuple(sorted(values, key=lambda i: (-i.significance, i.date))) for key, values in items.items()}
        )
