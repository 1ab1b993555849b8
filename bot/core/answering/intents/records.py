"""Records: totals, streaks, firsts, chart records; who holds one; and claims about them."""

from __future__ import annotations

import re

from bot.core.answering.context import record_unit
from bot.core.answering.intent import Intent, Refusal, Reply, concepts_of
from bot.core.answering.question import Question
from bot.core.answering.search import Hit, stem
from bot.core.language import lexicon
from bot.core.models import Record
from bot.core.phrasing import NUMBER_WORDS
from bot.core.text import normalize

CLAIM_WORDS = frozenset({"first", "most", "only", "last", "fastest", "streak", "biggest", "highest"})
_FRAME = frozenset(
    {
        "record",
        "first",
        "most",
        "only",
        "win",
        "award",
        "streak",
        "time",
        "total",
        "ever",
        "history",
        "year",
        "category",
    }
    | {"say", "claim", "true", "way"}  # "I said no way, that is too big a claim"
)


class Records(Intent):
    """A record that fits the question: its number, its holder, or whether a claim about it holds."""

    name = "record"
    checks_numbers = True
    supplies = frozenset(
        {"count", "person", "description", "chart", "year", "yes_no", "work", "platform", "organization", "ceremony"}
        | {"reason", "significance", "rank"}
    )
    keywords = frozenset(
        {
            "record",
            "first",
            "most",
            "only",
            "streak",
            "start",
            "chart",
            "stream",
            "reach",
            "asian",
            "korean",
            "kpop",
            "soloist",
            "group",
            "artist",
            "male",
            "female",
            "day",
            "total",
            "time",
            "found",
            "stay",
            "win",
            "award",
            "year",
        }
    )
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
        "is {work} the fastest song to reach a billion stream on spotify",
        "which song was the fastest to reach a billion stream",
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
        if not found and q.subjects and all(concepts_of([w]) & _FRAME for w in q.content):  # "what record did X set?"
            found = self.ctx.index.search([], q.entity_ids, set(), kinds=(Record,), limit=4, require_words=False)
        if not found:
            raise Refusal("I don't know of a record like that.", final=False)
        best = found[0].score
        return [h for h in found if h.score >= best * 0.6]

    def _counted(self, rec: Record) -> str:
        """State a record as the answer to "how many": its number first when the statement words it otherwise."""
        text = self.labels.record(rec)
        if rec.value is None:
            return text
        said = {w.strip(".,;:()") for w in rec.statement.replace(",", "").lower().split()}
        cardinals = {str(rec.value), *NUMBER_WORDS[rec.value : rec.value + 1]}
        if said & cardinals or rec.value in _magnitudes(rec.statement):
            return text
        unit = f" {rec.unit}" if rec.unit else ""
        return f"{rec.value:,}{unit}: {text}"

    def _count(self, q: Question, hits: list[Hit]) -> Reply:
        for hit in hits:
            rec = hit.doc.fact
            if not isinstance(rec, Record):
                continue
            scope = (
                q.ceremonies[0] if q.ceremonies else None,
                q.categories[0] if q.categories else None,
                q.years[0] if q.years else None,
            )
            if q.asked.unit in ("award", "time") and not self.ctx.supplies(rec, "count", q.asked.unit, scope):
                continue  # a show's total is no answer to a count at another show, or overall
            if rec.value is not None and _same_unit(q.asked.unit, record_unit(rec), streak=rec.kind == "streak"):
                return Reply(self._counted(rec), [rec])
            found = _number_of(rec.statement, q.asked.unit) if q.asked.unit else None
            if found is not None:
                text = self.labels.record(rec)
                if not re.search(rf"\b{found}\b", rec.statement):  # "the 11th song ever": 11 songs
                    text = f"{found} {q.asked.unit}s: {text}"
                return Reply(text, [rec])
        unit = f" of {q.asked.unit}s" if q.asked.unit else ""
        raise Refusal(f"I don't know that number{unit}.", self.labels.record(hits[0].doc.fact))  # type: ignore[arg-type]

    def _claim(self, q: Question, hits: list[Hit]) -> Reply:
        """Yes when the record holds everything claimed; no when it states another number or holder."""
        rec = hits[0].doc.fact
        assert isinstance(rec, Record)
        text = self.labels.record(rec)
        claimed = set(q.content) & CLAIM_WORDS
        words = set(normalize(rec.statement).split()) | {w for k in rec.keywords for w in normalize(k).split()}
        if q.subjects and rec.subject not in self._related(q):
            if rec.kind == "first" or claimed & {"most", "first", "only"}:
                return Reply(text, [rec], verdict=False, explains=frozenset(q.content))
            raise Refusal("I don't know that.", text)
        if rec.kind == "first" and _EARLIER & set(q.words) and q.relation is None:
            return Reply(text, [rec], verdict=False, explains=frozenset(q.content))  # "had Latto won an EMA before?"
        cardinals, ordinals = _stated_numbers(rec, words)
        wrong_number = bool(q.numbers) and not set(q.numbers) & cardinals
        wrong_ordinal = bool(q.ordinals) and not set(q.ordinals) & ordinals
        if wrong_number or wrong_ordinal:
            return Reply(text, [rec], verdict=False, explains=frozenset(q.content))
        said = self.ctx.fact_words(rec)
        unsaid = [w for w in q.content if not concepts_of([w]) & _FRAME and w not in said and stem(w) not in said]
        unsaid = [w for w in unsaid if not concepts_of([w]) & said]
        if claimed <= words and not unsaid:  # "first K-pop group to perform at the AMAs": the record must say perform
            return Reply(text, [rec], verdict=True)
        raise Refusal("I can't confirm that.", text)

    def _related(self, q: Question) -> set[str]:
        out: set[str] = set()
        for s in q.subjects:
            out |= self.store.related(s)
        return out


_WINS = frozenset({"award", "time"})
_EARLIER = frozenset({"before", "already", "previously", "prior", "earlier"})


def _same_unit(asked: str | None, stated: str | None, *, streak: bool = False) -> bool:
    """Say whether a stated unit answers the asked one ("how many times" is answered by a count of wins;
    at a yearly show, a streak of wins is a streak of years)."""
    same = _WINS | {"year"} if streak else _WINS
    return asked is None or stated is None or asked == stated or {asked, stated} <= same


_ORDINAL_NAMES = "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
_CARDINAL_NAMES = "zero one two three four five six seven eight nine ten eleven twelve".split()


def _stated_numbers(rec: Record, words: set[str]) -> tuple[set[int], set[int]]:
    """Return the numbers a record states, as cardinals ("50", "four") and as ordinals ("sixth", "11th")."""
    cardinals = {int(w) for w in words if w.isdigit()}
    cardinals |= {i for i, name in enumerate(_CARDINAL_NAMES) if name in words}
    ordinals = {i for i, name in enumerate(_ORDINAL_NAMES) if name in words}
    ordinals |= {int(w[:-2]) for w in words if w[:-2].isdigit() and w[-2:] in ("st", "nd", "rd", "th")}
    if rec.value is not None:
        cardinals.add(rec.value)
        if rec.kind == "streak":
            ordinals.add(rec.value)
    return cardinals, ordinals


def _number_of(text: str, unit: str) -> int | None:
    """Find "29-year" or "70 days" in a statement for the asked unit."""
    units = lexicon().count_units
    for m in re.finditer(r"(\d+)(?:st|nd|rd|th)?[\s-]*([a-z]+)", text.lower()):  # "70 days", "the 11th song"
        if units.get(m.group(2)) == unit:
            return int(m.group(1))
    return None


_MAGNITUDE = re.compile(r"(\d+(?:\.\d+)?) (thousand|million|billion)")
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def _magnitudes(text: str) -> set[int]:
    """Return the numbers a text writes with a scale word ("5.92 million" -> 5920000)."""
    return {round(float(m.group(1)) * _SCALE[m.group(2)]) for m in _MAGNITUDE.finditer(text)}
