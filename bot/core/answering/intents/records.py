"""Records: totals, streaks, firsts, chart records; who holds one; and claims about them."""

from __future__ import annotations

from bot.core.answering.intent import Intent, Refusal, Reply
from bot.core.answering.question import Question
from bot.core.answering.search import Hit
from bot.core.language import lexicon
from bot.core.models import Record
from bot.core.text import normalize

CLAIM_WORDS = frozenset({"first", "most", "only", "last", "fastest", "streak", "biggest", "highest"})


def record_unit(rec: Record) -> str | None:
    """Return the count unit of a record ("days at number one" -> day)."""
    units = lexicon().count_units
    for word in normalize(rec.unit or "").split():
        if word in units:
            return units[word]
    return None


class Records(Intent):
    """A record that fits the question: its number, its holder, or whether a claim about it holds."""

    name = "record"
    supplies = frozenset({"count", "person", "description", "chart", "year", "yes_no", "work"})
    keywords = frozenset({"record", "first", "most", "only", "streak", "chart", "stream", "reach", "asian", "korean",
                          "kpop", "soloist", "group", "artist", "male", "female", "day", "total", "time"})
    templates = (
        "how many row time has {artist} won {category}",
        "how many time in a row has {artist} won {category}",
        "what record does {artist} hold",
        "what record does {artist} hold at the {ceremony}",
        "who was the first kpop soloist to win {category} at the {ceremony}",
        "which was the first kpop group to perform at the {ceremony}",
        "who was the first asian act to win {category}",
        "what first does {artist} have at the {ceremony}",
        "what streak does {artist} have at the {ceremony}",
        "who has the most {ceremony} award",
        "who holds the record for the most {ceremony} award",
        "who is the most awarded kpop soloist at the {ceremony}",
        "how many day did {work} spend at number one on spotify",
        "how many stream does {work} have",
        "what chart record does {work} hold",
        "{artist} record",
        "how many year in a row has {artist} won at the {ceremony}",
        "what milestone did {work} reach",
        "is {artist} the first kpop act to win {category}",
        "who was the first to win {category}",
        "what record did {artist} break",
        "was {artist} the first asian artist to win {category} at the {ceremony}",
        "which group has the most daesang",
        "is {artist} the first act to win {ceremony} award",
    )

    def applies(self, q: Question) -> bool:
        return not q.dates

    def answer(self, q: Question) -> Reply:
        hits = self._hits(q)
        if q.yes_no:
            return self._claim(q, hits)
        if q.asked.type == "count":
            return self._count(q, hits)
        if q.asked.type == "person" and not q.subjects:
            best = hits[0].doc.fact
            assert isinstance(best, Record)
            return Reply(f"{self.store.name(best.subject)}: {self.labels.record(best)}", [best])
        lines = [self.labels.record(h.doc.fact) for h in hits[:2]]  # type: ignore[arg-type]
        return Reply(" ".join(lines), [h.doc.fact for h in hits[:2]], lines)

    def _hits(self, q: Question) -> list[Hit]:
        found = self.ctx.index.search(
            q.words, q.entity_ids, set(q.years) if q.relation is None else set(), kinds=(Record,), limit=4
        )
        if not found and q.subjects and not (set(q.content) - self.vocabulary):
            found = self.ctx.index.search([], {q.subjects[0]}, set(), kinds=(Record,), limit=4, require_words=False)
        if not found:
            raise Refusal("I don't know of a record like that.")
        best = found[0].score
        return [h for h in found if h.score >= best * 0.6]

    def _count(self, q: Question, hits: list[Hit]) -> Reply:
        for hit in hits:
            rec = hit.doc.fact
            if isinstance(rec, Record) and rec.value is not None and (
                q.asked.unit is None or record_unit(rec) in (None, q.asked.unit)
            ):
                return Reply(self.labels.record(rec), [rec])
        unit = f" of {q.asked.unit}s" if q.asked.unit else ""
        raise Refusal(f"I don't know that number{unit}.", self.labels.record(hits[0].doc.fact))  # type: ignore[arg-type]

    def _claim(self, q: Question, hits: list[Hit]) -> Reply:
        """Yes when the record holds everything claimed; no when it states another number; else I don't know."""
        rec = hits[0].doc.fact
        assert isinstance(rec, Record)
        statement = set(normalize(rec.statement).split()) | {w for k in rec.keywords for w in normalize(k).split()}
        if q.subjects and rec.subject not in q.subjects and rec.subject not in self._related(q):
            raise Refusal("I don't know that.", self.labels.record(rec))
        claimed = set(q.content) & CLAIM_WORDS
        numbers = set(q.numbers) | set(q.ordinals)
        values = {rec.value} if rec.value is not None else set()
        values |= {int(w) for w in statement if w.isdigit()}
        if numbers and values and not numbers & values:
            return Reply(self.labels.record(rec), [rec], verdict=False)
        if claimed <= statement | _ordinal_words(values) and (not numbers or numbers & values):
            return Reply(self.labels.record(rec), [rec], verdict=True)
        raise Refusal("I can't confirm that.", self.labels.record(rec))

    def _related(self, q: Question) -> set[str]:
        out: set[str] = set()
        for s in q.subjects:
            out |= self.store.related(s)
        return out


def _ordinal_words(values: set[int]) -> set[str]:
    names = "zeroth first second third fourth fifth sixth seventh eighth ninth tenth".split()
    return {names[v] for v in values if 0 <= v < len(names)}
