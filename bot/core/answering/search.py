"""Search fact statements (records, events, notes) constrained by the entities asked about."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from bot.core.language import lexicon
from bot.core.models import AwardResult, Event, Record
from bot.core.phrasing import Labels
from bot.core.store import Fact, FactStore
from bot.core.text import tokens

# Words each kind of event answers to, beyond its statement ("what did RM say?").
_KIND_WORDS = {
    "message": "message say said wrote note thanked",
    "performance": "perform performance stage sang",
    "attendance": "attend attended there",
    "absence": "absent attend missed",
    "acceptance": "accept accepted speech",
    "military": "military enlist service",
    "concert": "concert tour",
    "release": "release released",
    "cancelled_performance": "perform cancelled",
    "announcement": "announced announcement",
}


def _stop_words() -> frozenset[str]:
    lex = lexicon()
    return (lex.function_words | lex.fillers) - {"first", "most", "new", "total", "only", "last", "said", "say"}


_SEARCH_STOP = _stop_words()


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Reduce a word to its Porter2 stem, so "performed" meets "performance"."""
    return _STEMMER.stemWord(lexicon().concept(word))


@dataclass(frozen=True)
class Document:
    """A searchable fact: its text, the words in it and the entities it is about."""

    fact: Fact
    text: str
    words: frozenset[str]
    entities: frozenset[str]
    years: frozenset[int]
    month_days: frozenset[tuple[int, int]] = frozenset()


@dataclass(frozen=True)
class Hit:
    """A document that fits the question, with its score."""

    doc: Document
    score: float


class StatementIndex:
    """An inverted index over record and event statements, result notes and entity descriptions."""

    def __init__(self, store: FactStore) -> None:
        self.store = store
        docs = [*self._records(), *self._events(), *self._notes(), *self._descriptions()]
        self.documents = docs
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self.by_entity: dict[str, list[int]] = defaultdict(list)
        self.by_year: dict[int, list[int]] = defaultdict(list)
        for i, doc in enumerate(docs):
            for y in doc.years:
                self.by_year[y].append(i)
            for w in doc.words:
                self.by_word[w].append(i)
            for e in doc.entities:
                self.by_entity[e].append(i)
        n = max(len(docs), 1)
        self.idf = {w: math.log(1 + n / len(ids)) for w, ids in self.by_word.items()}

    def _records(self) -> list[Document]:
        return [
            self._document(
                rec,
                rec.statement,
                [rec.subject, rec.ceremony, rec.category, rec.work],
                rec.keywords,
                self._record_years(rec),
            )
            for rec in self.store.records.values()
        ]

    def _events(self) -> list[Document]:
        docs = []
        for ev in self.store.events.values():
            ids = [*ev.participants, *ev.works]
            if ev.edition:
                ids.append(self.store.editions[ev.edition].ceremony)
            doc = self._document(ev, ev.statement, ids, [*ev.keywords, _KIND_WORDS.get(ev.kind, "")], {ev.year})
            if ev.date:
                day = frozenset({(ev.date.month, ev.date.day)})
                doc = Document(doc.fact, doc.text, doc.words, doc.entities, doc.years, day)
            docs.append(doc)
        return docs

    def _notes(self) -> list[Document]:
        store = self.store
        labels = Labels(store)
        docs = []
        for r in store.results:
            if r.note:
                ed = store.editions[r.edition]
                text = f"{labels.result(r)}. {r.note}"
                docs.append(self._document(r, text, [r.nominee, r.category, r.work, ed.ceremony], [], {ed.year}))
        return docs

    def _descriptions(self) -> list[Document]:
        docs = []
        for ent in self.store.entities.values():
            if ent.description:
                text = ent.description if ent.description.startswith(ent.name) else f"{ent.name}: {ent.description}"
                docs.append(self._document(ent, text, [ent.id], [], set()))
        return docs

    def _record_years(self, rec: Record) -> set[int]:
        year = rec.as_of if isinstance(rec.as_of, int) else rec.as_of.year
        years = {year}
        if rec.since:
            years.update(range(rec.since, year + 1))
        return years

    def _document(self, fact: Fact, text: str, ids: list[str | None], keywords: list[str], years: set[int]) -> Document:
        entities: set[str] = set()
        for i in ids:
            if i is None:
                continue
            entities.add(i)
            ent = self.store.entities.get(i)
            if ent is not None and ent.is_work:
                entities.update(ent.artists)  # a song's facts are its artists' facts too
        words = {stem(w) for w in tokens(text + " " + " ".join(keywords)) if w not in _SEARCH_STOP}
        return Document(fact, text, frozenset(words), frozenset(entities), frozenset(years))

    def search(
        self,
        words: list[str],
        entities: set[str],
        years: set[int],
        *,
        kinds: tuple[type, ...] = (Record, Event, AwardResult),
        limit: int = 3,
        month_days: set[tuple[int, int]] | None = None,
        require_words: bool = True,
    ) -> list[Hit]:
        """Return statements about all of `entities` and `years` that share words with the question."""
        query = {stem(w) for w in words if w not in _SEARCH_STOP and not w.isdigit()}
        if entities:
            pools = [set(self.by_entity.get(e, ())) for e in entities]
            candidates = set.intersection(*pools)
        else:
            candidates = set()
            for w in query:
                candidates.update(self.by_word.get(w, ()))
            if not query and years:
                candidates = set.intersection(*(set(self.by_year.get(y, ())) for y in years))
        hits = []
        for i in candidates:
            doc = self.documents[i]
            if not isinstance(doc.fact, kinds):
                continue
            if not entities <= doc.entities or (years and doc.years and not years <= doc.years):
                continue
            if month_days and not month_days <= doc.month_days:
                continue
            score = sum(self.idf.get(w, 0.0) for w in query & doc.words)
            if score > 0 or not require_words:
                hits.append(Hit(doc, score))
        hits.sort(key=lambda h: (-h.score, h.doc.text))
        return hits[:limit]
