"""Generate natural questions from facts, for suggestions, autocomplete and coverage tests."""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from bot.core.dates import MonthDay
from bot.core.models import AwardResult, Category, Ceremony, Edition, Entity, Event, Record
from bot.core.store import Fact, FactStore, fact_key
from bot.core.text import normalize

if TYPE_CHECKING:
    from bot.core.recognition import Recognized

_EVENT_QUESTIONS = {
    "performance": "Who performed at the {edition}?",
    "cancelled_performance": "Who was supposed to perform at the {edition}?",
    "attendance": "Who attended the {edition}?",
    "absence": "Who did not attend the {edition}?",
    "acceptance": "Who accepted the award at the {edition}?",
}


def question_digest(text: str) -> str:
    """Return a short, stable name for a question (for buttons whose id cannot hold the text)."""
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


@dataclass(frozen=True)
class GeneratedQuestion:
    """A question the bot should answer, and the fact it is about."""

    text: str
    fact: str
    entities: frozenset[str]


def _edition_label(store: FactStore, ed: Edition) -> str:
    return f"{ed.year} {store.ceremonies[ed.ceremony].short}"


def questions_for(store: FactStore, fact: Fact) -> list[str]:
    """Return natural questions whose answer uses `fact`."""
    if isinstance(fact, AwardResult):
        ed = store.editions[fact.edition]
        where = _edition_label(store, ed)
        nominee = store.name(fact.nominee)
        if fact.category is None:
            return [f"Did {nominee} win at the {where}?"]
        cat = store.categories[fact.category].name
        if fact.result == "won":
            return [f"Who won {cat} at the {where}?", f"What did {nominee} win at the {where}?"]
        return [f"Who was nominated for {cat} at the {where}?"]
    if isinstance(fact, Edition):
        where = _edition_label(store, fact)
        if fact.status == "winners_announced_online":
            return [f"Why was the {where} ceremony cancelled?"]
        if fact.place:
            return [f"Where was the {where} held?"]
        return [f"What happened at the {where}?"]
    if isinstance(fact, Category):
        return [f"Who won {fact.name} at the {store.ceremonies[fact.ceremony].short}?"]
    if isinstance(fact, Ceremony):
        if fact.founder:
            return [f"Who founded the {fact.short}?"]
        if fact.founded:
            return [f"When were the {fact.short} founded?"]
        return [f"What are the {fact.short}?"]
    if isinstance(fact, Entity):
        if fact.is_work:
            if fact.released:
                return [f"When was {fact.name} released?"]
            return [f"Who sings {fact.name}?"]
        if fact.member_of:
            return [f"Which group is {fact.name} in?"]
        return [f"Who is {fact.name}?"]
    if isinstance(fact, Record | Event) and fact.question:
        return [fact.question]
    if isinstance(fact, Record):
        return [_record_question(store, fact)]
    if isinstance(fact, Event):
        if fact.date:
            return [f"What happened on {MonthDay(fact.date.month, fact.date.day).label()}?"]
        if fact.edition and fact.kind in _EVENT_QUESTIONS:
            return [_EVENT_QUESTIONS[fact.kind].format(edition=_edition_label(store, store.editions[fact.edition]))]
        who = store.name(fact.participants[0]) if fact.participants else "anyone"
        if fact.kind == "message":
            return [f"What did {who} say in {fact.year}?"]
        words = " ".join(fact.keywords[:2]) or fact.kind.replace("_", " ")
        return [f"What {words} news is there about {who} in {fact.year}?"]
    return []


def _record_question(store: FactStore, rec: Record) -> str:
    subject = store.name(rec.subject)
    where = f" at the {store.ceremonies[rec.ceremony].short}" if rec.ceremony else ""
    what = store.categories[rec.category].name if rec.category else None
    if rec.edition is not None:
        return f"How many awards did {subject} win at the {_edition_label(store, store.editions[rec.edition])}?"
    if rec.kind == "total" and rec.unit:
        return f"How many {rec.unit} does {subject} have?"
    if rec.kind == "streak" and what:
        return f"How many times in a row has {subject} won {what}?"
    if rec.kind == "streak":
        return f"How many years in a row has {subject} won{where}?"
    if rec.kind == "chart":
        extra = " ".join(rec.keywords[:2])
        return f"What {extra} record does {subject} hold?"
    extra = " ".join(rec.keywords[:3])
    if rec.kind == "first":
        return f"What {extra} first does {subject} have{where}?"
    return f"What {extra} record does {subject} have{where}?"


def generate_questions(store: FactStore) -> list[GeneratedQuestion]:
    """Return questions for every fact in the store."""
    out: list[GeneratedQuestion] = []
    for fact in store.facts():
        for text in questions_for(store, fact):
            out.append(GeneratedQuestion(text, fact_key(fact), frozenset(_fact_entities(fact))))
    return out


def _fact_entities(fact: Fact) -> set[str]:
    if isinstance(fact, AwardResult):
        return {fact.nominee, *(x for x in (fact.category, fact.work) if x)}
    if isinstance(fact, Record):
        return {fact.subject, *(x for x in (fact.ceremony, fact.category, fact.work) if x)}
    if isinstance(fact, Event):
        return {*fact.participants, *fact.works}
    if isinstance(fact, Edition | Category):
        return {fact.ceremony, fact.id}
    return {fact.id}


class SuggestionIndex:
    """Find answerable questions near what a user typed ("did you mean", autocomplete)."""

    def __init__(self, store: FactStore) -> None:
        seen: dict[str, GeneratedQuestion] = {}
        for q in generate_questions(store):
            seen.setdefault(q.text, q)
        self.questions = list(seen.values())
        self.normalized = [normalize(q.text) for q in self.questions]
        self.sorted_keys = sorted((n, i) for i, n in enumerate(self.normalized))  # for prefix look-ups
        self.by_entity: dict[str, list[int]] = defaultdict(list)
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self._digests: dict[str, str] | None = None
        for i, q in enumerate(self.questions):
            for e in q.entities:
                self.by_entity[e].append(i)
            for w in set(self.normalized[i].split()):
                if len(w) > 3:
                    self.by_word[w].append(i)

    def by_digest(self, digest: str) -> str | None:
        """Return the question whose digest (see `question_digest`) this is, if it is still one of ours."""
        if self._digests is None:
            self._digests = {question_digest(q.text): q.text for q in self.questions}
        return self._digests.get(digest)

    def suggest(self, question: str, rec: Recognized | None = None, limit: int = 3) -> list[str]:
        """Return up to `limit` answerable questions close to `question`."""
        query = normalize(question)
        pool: set[int] = set()
        if rec is not None:
            for m in rec.mentions:
                for t in m.targets:
                    pool.update(self.by_entity.get(t.id, ())[:300])
        if not pool:
            for w in query.split():
                pool.update(self.by_word.get(w, ())[:100])
        if not pool:
            return []
        ids = sorted(pool)[:2000]
        choices = {i: self.normalized[i] for i in ids}
        ranked = process.extract(query, choices, scorer=fuzz.token_set_ratio, limit=limit * 3)
        out: list[str] = []
        for _, _, i in ranked:
            text = self.questions[i].text
            if text not in out:
                out.append(text)
            if len(out) == limit:
                break
        return out

    def complete(self, prefix: str, limit: int = 25) -> list[str]:
        """Return questions that continue or resemble a typed prefix."""
        query = normalize(prefix)
        if not query:
            return [q.text for q in self.questions[:limit]]
        starts: list[str] = []
        at = bisect_left(self.sorted_keys, (query, -1))
        while at < len(self.sorted_keys) and len(starts) < limit and self.sorted_keys[at][0].startswith(query):
            starts.append(self.questions[self.sorted_keys[at][1]].text)
            at += 1
        if len(starts) >= limit:
            return starts
        pool: set[int] = set()
        for w in query.split():
            pool.update(self.by_word.get(w, ())[:200])
        if not pool:
            pool = set(range(min(len(self.questions), 2000)))
        choices = {i: self.normalized[i] for i in sorted(pool)[:2000]}
        ranked = process.extract(query, choices, scorer=fuzz.partial_ratio, limit=limit, score_cutoff=50)
        for _, _, i in ranked:
            text = self.questions[i].text
            if text not in starts:
                starts.append(text)
        return starts[:limit]
