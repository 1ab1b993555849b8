"""Statements: events, records, result notes and descriptions found by their words.

An answer comes from a fact that involves every entity, year and date asked about,
shares the question's words, and can supply what is asked (a place for "where", a
person for "who", a number for "how many"...). For yes/no, a fact that holds every
claimed word says yes, an absence or a cancelled performance says no.
"""

from __future__ import annotations

import re

from bot.core.answering.intent import Intent, Refusal, Reply, concepts_of
from bot.core.answering.question import Question
from bot.core.answering.search import Hit
from bot.core.language import lexicon
from bot.core.models import AwardResult, Entity, Event, Record
from bot.core.phrasing import long_date
from bot.core.store import Fact
from bot.core.text import normalize

_NEGATIVE = {"absence": ("attend", "perform"), "cancelled_performance": ("perform",)}
_NOT_THERE = re.compile(
    r"\b(?:not|never|unable|couldn't|could not|did not|didn't)\b[^.;]{0,20}\b(?:there|attend|perform|present|in person)"
)
_DID = frozenset({"do", "doing", "done"})
_EARLIER = frozenset({"before", "already", "previously", "prior", "earlier"})
_DOING = frozenset({"do", "did", "does", "doing", "done", "up"})
_REASONS = frozenset("because due reason caution cancelled canceled could couldnt unable war after since".split())


class _Search(Intent):
    """Shared search and rendering."""

    kinds: tuple[type, ...] = (Record, Event, AwardResult, Entity)

    def applies(self, q: Question) -> bool:
        if q.excluded:
            return False  # "besides Best K-Pop, what else did they win?": a list of wins, not a statement
        return bool(q.entity_ids or q.years or q.dates or q.content)

    def _hits(self, q: Question) -> list[Hit]:
        hits = self.ctx.index.search(
            [*q.content, *q.words],
            q.entity_ids,
            set(q.years),
            kinds=self.kinds,
            limit=6,
            month_days={(d.month, d.day) for d in q.dates},
        )
        scope = (
            q.ceremonies[0] if q.ceremonies else None,
            q.categories[0] if q.categories else None,
            q.years[0] if q.years else None,
        )
        hits = [h for h in hits if getattr(h.doc.fact, "category", None) not in q.excluded or not q.excluded]
        found = hits
        hits = [h for h in hits if self.ctx.supplies(h.doc.fact, q.asked.type, q.asked.unit, scope)]
        if not hits:
            if found and q.asked.type and found[0].score > 0:  # "when did SUGA enlist?": no date, but what is known
                line = self._line(found[0].doc.fact, found[0].doc.text)
                raise Refusal(f"I don't know the {q.asked.type.replace('_', ' ')} asked.", line, final=False)
            raise Refusal("I don't know about that.", final=False)
        covered = {id(h): self._covered(q, h) for h in hits}
        most = max(len(c) for c in covered.values())
        hits = [h for h in hits if len(covered[id(h)]) == most]  # each line answers as much of the question
        best = hits[0].score
        return [h for h in hits if h.score >= best * 0.6][:3]

    def _covered(self, q: Question, hit: Hit) -> frozenset[str]:
        """Return the question's content words a fact accounts for on its own."""
        words = self.ctx.fact_words(hit.doc.fact)
        return frozenset(w for w in q.content if w in words or concepts_of([w]) & words)

    def answer(self, q: Question) -> Reply:
        if not q.content and not q.entity_ids and not q.dates:
            raise Refusal("I don't know about that.", final=False)  # nothing to search by
        hits = self._hits(q)
        if q.yes_no:
            return self._claim(q, hits[0])
        if q.asked.type == "count" and q.asked.unit in ("member", None) and q.has("member"):
            return self._people(hits[0])
        return self._render(hits)

    def _people(self, hit: Hit) -> Reply:
        """Count the people a statement names ("how many members began enlisting?")."""
        fact = hit.doc.fact
        people = [p for p in getattr(fact, "participants", ()) if self.store.entities[p].kind == "person"]
        if not people:
            raise Refusal("I don't know how many.", hit.doc.text)
        names = ", ".join(self.store.name(p) for p in people)
        return Reply(f"{len(people)} ({names}): {self._line(fact, hit.doc.text)}", [fact])

    def _render(self, hits: list[Hit]) -> Reply:
        lines = [self._line(h.doc.fact, h.doc.text) for h in hits]
        return Reply(" ".join(lines), [h.doc.fact for h in hits], lines)

    def _line(self, fact: Fact, text: str) -> str:
        if isinstance(fact, Record):
            return self.labels.record(fact)
        if isinstance(fact, Event) and fact.date:
            return f"On {long_date(fact.date)}: {text}"
        return text

    def _claim(self, q: Question, hit: Hit) -> Reply:
        fact = hit.doc.fact
        line = self._line(fact, hit.doc.text)
        if isinstance(fact, Event) and fact.kind in _NEGATIVE and (q.has(*_NEGATIVE[fact.kind]) or _DID & set(q.words)):
            return Reply(line, [fact], verdict=False)  # "did Megan end up doing the remix?": she could not attend
        if _claims_earlier(q) and "first" in self.ctx.fact_words(fact):
            return Reply(line, [fact], verdict=False, explains=frozenset(q.content))  # "had Latto won one before?"
        if q.has("attend", "perform") and not q.negated and _NOT_THERE.search(hit.doc.text.lower()):
            return Reply(line, [fact], verdict=False)  # "was not there in person"
        others = [a for a in q.artists if a not in self.ctx.fact_entities(fact)]
        if others and _cleft(q):  # "was it V who accepted ...?": someone else did
            return Reply(line, [fact], verdict=False, explains=frozenset(q.content))
        named = _cleft_words(q)
        if named and not all(w in self.ctx.fact_words(fact) for w in named):  # "was it President Yoon who ...?"
            return Reply(line, [fact], verdict=False, explains=frozenset(q.content))
        words = self.ctx.fact_words(fact)
        missing = [w for w in q.content if not self.explains(w) and w not in words and not concepts_of([w]) & words]
        if missing:
            raise Refusal(f"I can't confirm that ({', '.join(missing[:3])}).", line)
        return Reply(line, [fact], verdict=True)


class Events(_Search):
    """News, messages, performances and member news, asked in the usual ways."""

    name = "event"
    supplies = frozenset(
        {
            "description",
            "person",
            "place",
            "date",
            "year",
            "platform",
            "reason",
            "work",
            "yes_no",
            "count",
            "organization",
            "name",
            "ceremony",
            "significance",
            "rank",
        }
    )
    keywords = frozenset(
        {
            "say",
            "congratulate",
            "enlist",
            "perform",
            "news",
            "attend",
            "concert",
            "release",
            "announce",
            "give",
            "wristband",
            "plan",
            "reunion",
            "absent",
            "thank",
            "held",
            "promise",
            "member",
            "accept",
            "support",
        }
    )
    kinds = (Event, Record)
    templates = (
        "what is the latest news about {artist}",
        "what is new with {artist}",
        "when did {artist} enlist",
        "is {artist} in the enlist",
        "what did {artist} post",
        "what did {artist} do in {year}",
        "where did {artist} perform in {year}",
        "where did {artist} perform",
        "what did {artist} say to {artist}",
        "what concert did {artist} have",
        "which member are serving in the enlist",
        "who congratulated {artist}",
        "what did {artist} say",
        "{artist} enlist",
        "{artist} news",
        "who is serving in the enlist",
        "what message did {artist} send",
        "how did {artist} reply to {artist}",
        "what happened in {year}",
        "who congratulated {artist} on their {ceremony} win",
        "where did {artist} perform on {date}",
        "what did {artist} do on {date}",
        "what were fans given at the {year} {ceremony}",
        "what did {artist} promise",
    )

    def answer(self, q: Question) -> Reply:
        try:
            return super().answer(q)
        except Refusal:
            doing = _DOING & set(q.words) or ("until" in q.words and q.relation is None)  # "what was JK up to"
            if q.artists and (q.years or q.dates) and doing:  # "what was JK doing in 2022?"
                hits = self.ctx.index.search(
                    [], set(q.artists), set(q.years), kinds=(Event,), limit=3, require_words=False
                )
                if hits:
                    return self._render(hits)
            if q.years and not q.entity_ids and q.has("happen", "held"):  # "what happened in 2017?"
                hits = self.ctx.index.search([], set(), set(q.years), kinds=(Event,), limit=4, require_words=False)
                if hits:
                    return self._render(hits)
            if len(q.artists) >= 2:  # "how did BTS reply to President Moon?": what involves all of them
                hits = self.ctx.index.search(
                    [], q.entity_ids, set(q.years), kinds=(Event,), limit=3, require_words=False
                )
                if hits:
                    return self._render(hits)
            raise


class FactSearch(_Search):
    """Any statement that fits: the last resort before "I don't know"."""

    name = "fact_search"
    fallback = True
    supplies = frozenset(
        {
            "description",
            "person",
            "place",
            "date",
            "year",
            "platform",
            "reason",
            "work",
            "yes_no",
            "count",
            "organization",
            "name",
            "chart",
            "category",
            "method",
            "ceremony",
            "significance",
            "rank",
        }
    )


def _cleft(q: Question) -> bool:
    """Say whether a question asks who did something: "was it V who ...", "is it X that ..."."""
    words = q.words
    return len(words) > 3 and words[1:2] == ["it"] and ("who" in words or "that" in words)


def _cleft_words(q: Question) -> list[str]:
    """Return the words naming the someone of "was it <someone> who ...?" (a known name is a slot, not a word)."""
    if not _cleft(q):
        return []
    words = q.words
    end = next((i for i, w in enumerate(words) if w in ("who", "that")), len(words))
    lex = lexicon()
    return [w for w in words[2:end] if w not in lex.function_words and w not in lex.fillers]


def reason_words(text: str) -> bool:
    """Say whether a text gives a reason."""
    return bool(_REASONS & set(normalize(text).split()))


def _claims_earlier(q: Question) -> bool:
    """Say whether a claim puts something before what a "first" fact says was the first ("had she won before?")."""
    return bool(_EARLIER & set(q.words)) and q.relation is None
