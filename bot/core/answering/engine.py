"""The answering pipeline: check the input, analyse, rank the intents, answer, then cite or refuse.

It names no intent: every intent comes from the registry. An intent's answer is taken
only when the intent can give what is asked (a place for "where", yes or no for a
yes/no question) and every content word of the question is accounted for, by the
intent's phrasings or by the facts the answer uses. Otherwise the next candidate is
tried, then the statement search, then an honest "I don't know" with what is known nearby.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from bot.core.answer import Answer, SourceRef
from bot.core.answering import intents as _intents  # noqa: F401 - registers the intents
from bot.core.answering.context import Context
from bot.core.answering.intent import Intent, Refusal, Reply, concepts_of
from bot.core.answering.premise import PremiseCheck
from bot.core.answering.question import Analyzer, Question
from bot.core.answering.ranking import Ranked, Ranker
from bot.core.answering.search import stem
from bot.core.answering.years import YearCheck
from bot.core.dates import MONTHS
from bot.core.language import lexicon
from bot.core.models import Category
from bot.core.phrasing import join_words
from bot.core.questions import SuggestionIndex
from bot.core.recognition import Recognizer
from bot.core.store import Fact, FactStore, fact_key

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 500
MIN_SCORE = 0.5
MARGIN = 0.2  # candidates within this of the best are tried
REFUSED_MARGIN = 0.15  # after a refusal, only candidates this close to the best are tried
OWN_WORDS_BONUS = 0.1  # prefer the intent whose own phrasings account for the question's words
_CATEGORY_LIKE = re.compile(
    r"\b(?:best|favorite)\s+(?!of\b|the\b|and\b|at\b|in\b|for\b|to\b|is\b|was\b|\d|categor|award|one\b|thing|part\b)[a-z]+"
    r"|\b[a-z]+\s+of\s+the\s+year\b|\b(?:rookie|newcomer|bonsang)\b"
)
_YES, _NO = "Yes.", "No:"
_AS_OF = re.compile(r"\(as of [^)]*\)")
CHECKED_TYPES = frozenset(
    {"work", "place", "platform", "organization", "chart", "reason", "venue", "measure", "significance", "rank"}
)
STRONG_READING = 0.9  # a refusal by a reading this sure of itself is final: no statement search after it
RARE_ENGLISH = 8000  # an everyday word this rare in English is more likely a name here
GENERIC_PEOPLE = frozenset(
    "artist artists act acts group groups band person people singer singers star stars idol idols kpop member "
    "members winner winners performer performers guy guys one".split()
)


@dataclass
class _Attempt:
    """The best refusal seen while trying candidates, to explain an "I don't know"."""

    refusal: Refusal | None = None
    unexplained: list[str] | None = None
    decisive: bool = False  # a strong reading refused: statements must not answer instead

    def keep(self, refusal: Refusal) -> None:
        if self.refusal is None or (refusal.final and not self.refusal.final):
            self.refusal = refusal

    @property
    def final(self) -> bool:
        return self.refusal is not None and self.refusal.final


class Engine:
    """Answer questions about the facts in a store."""

    def __init__(self, store: FactStore, clock: Callable[[], dt.date] | None = None) -> None:
        self.store = store
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC).date())
        self.ctx = Context(store)
        self.recognizer = Recognizer(store)
        self.intents: list[Intent] = [cls(self.ctx) for cls in Intent.registry.values()]
        self.ranker = Ranker(i for i in self.intents if not i.fallback)
        self.premise = PremiseCheck(self.ctx)
        self.years = YearCheck(self.ctx)
        template_words = {w for i in self.intents for w in i.words}
        self.analyzer = Analyzer(
            store, self.recognizer, template_words, self.ctx.main_group, fact_words=self.ctx.vocabulary
        )
        self.suggester = SuggestionIndex(store)
        self.ctx.ask_part = self._ask_part
        self._depth = 0

    # --- public API ---------------------------------------------------------------------------------
    def ask(self, question: str, today: dt.date | None = None) -> Answer:
        """Answer one question; never raises for bad input."""
        question = question if isinstance(question, str) else str(question)
        problem = input_problem(question)
        if problem:
            return Answer(question=question[:MAX_QUESTION_CHARS], answered=False, intent=None, answer=problem)
        try:
            q = self.analyzer.analyse(question.strip(), today or self.clock())
        except Exception:  # a bug must cost one answer, not the caller
            log.exception("Failed to analyse %r", question)
            return self._failure(question)
        try:
            intent, reply = self._answer(q)
        except Refusal as refusal:
            found = self._with_context(q, today)
            if found is None:
                return self._refuse(q, refusal)
            q, intent, reply = found
        except Exception:
            log.exception("Failed to answer %r", question)
            return self._failure(question)
        return self._render(q, intent, reply)

    def _with_context(self, q: Question, today: dt.date | None) -> tuple[Question, str, Reply] | None:
        """Answer a question from a long message again, with the show and year the rest of it names."""
        if not q.context:
            return None
        tried = [q.terms]
        for kinds in (("year",), ("year", "ceremony")):
            again = self.analyzer.analyse(q.text.strip(), today or self.clock(), carry=kinds)
            if again.terms in tried:
                continue
            tried.append(again.terms)
            try:
                intent, reply = self._answer(again)
            except Refusal:
                continue
            return again, intent, reply
        return None

    def _ask_part(self, text: str) -> tuple[str, list[Fact]] | None:
        """Answer one half of a derived question (never derived again); None when it is not known."""
        if self._depth:
            return None
        self._depth += 1
        try:
            q = self.analyzer.analyse(text, self.clock())
            _, reply = self._answer(q)
        except Refusal:
            return None
        finally:
            self._depth -= 1
        return reply.text, reply.facts

    def complete(self, prefix: str, limit: int = 25) -> list[str]:
        """Suggest questions the bot can answer that fit what was typed so far."""
        return self.suggester.complete(prefix, limit)

    # --- choosing -------------------------------------------------------------------------------------
    def _answer(self, q: Question) -> tuple[str, Reply]:
        self._guard(q)
        unknown = self._unknown_name(q)
        if unknown is not None:
            corrected = self.premise.correct(q, _name_like(q))
            if corrected is None:
                raise unknown
            return "premise", corrected
        attempt = _Attempt()
        found = self._phrased(q, attempt)
        if found is None and not attempt.decisive:
            found = self._fallback(q, attempt)
        if found is None:
            found = self._corrected(q)
        if found is None:
            raise self._give_up(q, attempt)
        return found

    def _phrased(self, q: Question, attempt: _Attempt) -> tuple[str, Reply] | None:
        """Try the intents the question's shape or phrasing points to, best first."""
        for intent in self.intents:
            if intent.pattern and intent.applies(q):
                found = self._try(q, intent, attempt)
                if found is not None:
                    return intent.name, found
        candidates = self._candidates(q)
        for candidate in candidates:
            if attempt.final and candidate.score < candidates[0].score - REFUSED_MARGIN:
                break  # the best reading refused: a weaker reading must not answer instead
            found = self._try(q, candidate.intent, attempt)
            if found is not None:
                return candidate.intent.name, found
        # A refusal by a reading this sure of itself is final: no statement search after it.
        attempt.decisive = attempt.final and bool(candidates) and candidates[0].score >= STRONG_READING
        return None

    def _fallback(self, q: Question, attempt: _Attempt) -> tuple[str, Reply] | None:
        """Search the statements when no phrased intent answered."""
        claims_numbers = q.yes_no and bool(q.numbers or q.ordinals)
        for intent in self.intents:
            if claims_numbers and not intent.checks_numbers:
                continue
            if intent.fallback and intent.applies(q) and intent.can_supply(q.asked.type, q.asked.unit):
                found = self._try(q, intent, attempt)
                if found is not None:
                    return intent.name, found
        return None

    def _corrected(self, q: Question) -> tuple[str, Reply] | None:
        """Correct what the question takes for granted: a name, a year, or the premise of a why."""
        corrected = self.premise.correct(q, []) or self.years.correct(q) or self._why_premise(q)
        return None if corrected is None else ("premise", corrected)

    def _why_premise(self, q: Question) -> Reply | None:
        """Check what a why-question takes for granted: "why did BTS only win one award at the 2022 AMAs?"."""
        claim = self.analyzer.claim_of(q.text)
        if q.asked.type != "reason" or claim is None or self._depth:
            return None
        self._depth += 1
        try:
            _, reply = self._answer(self.analyzer.analyse(claim, self.clock()))
        except Refusal:
            return None
        finally:
            self._depth -= 1
        if reply.verdict is not False:
            return None
        return Reply(f"That is not what happened: {reply.text}", reply.facts, explains=frozenset(q.content))

    def _candidates(self, q: Question) -> list[Ranked]:
        usable = [
            i
            for i in self.intents
            if not i.fallback
            and not i.pattern
            and i.applies(q)
            and i.can_supply(q.asked.type, q.asked.unit)
            and (i.checks_numbers or not (q.yes_no and (q.numbers or q.ordinals)))
        ]
        ranked = [r for r in self._ranked(q) if r.score >= MIN_SCORE and r.intent in usable]
        if not ranked:
            return []
        ranked = [r for r in ranked if r.score >= ranked[0].score - MARGIN]
        own = {
            r.intent.name: sum(1 for w in q.content if r.intent.explains(w)) / max(1, len(q.content)) for r in ranked
        }
        ranked.sort(key=lambda r: -(r.score + OWN_WORDS_BONUS * own[r.intent.name]))
        return ranked[:4]

    def _ranked(self, q: Question) -> list[Ranked]:
        """Rank every phrased intent for a question once (scores below what can matter are left out)."""
        if q.ranked is None:
            q.ranked = self.ranker.rank(q.terms, floor=MIN_SCORE - 0.1)
        return q.ranked

    def _try(self, q: Question, intent: Intent, attempt: _Attempt) -> Reply | None:
        try:
            reply = intent.answer(q)
        except Refusal as refusal:
            if refusal.final and self._leaves_words(q, intent):
                refusal.final = False  # it refused a question it only half read: another reading may answer
            attempt.keep(refusal)
            return None
        if not self._supplies(q, reply):
            attempt.keep(
                Refusal(f"I don't know the {' '.join(q.asked.head) or q.asked.type} asked.", reply.text, final=False)
            )
            return None
        if q.noise and not intent.tolerates_noise:
            attempt.unexplained = attempt.unexplained or list(q.noise)
            return None
        if q.yes_no and reply.verdict is None:
            attempt.keep(Refusal("I can't say yes or no to that.", reply.text))
            return None
        if q.yes_no and reply.verdict and q.months:
            stated = {d.month for f in reply.facts for d in self._dates_of(f)}
            said = _AS_OF.sub("", reply.text)  # "(as of November 6, 2023)" is when it was true, not when it happened
            stated |= {MONTHS[w] for w in self.ctx.text_words(said) if w in MONTHS and len(w) > 3}
            if not stated:
                attempt.keep(Refusal("I can't confirm the month.", reply.text))
                return None
            if not stated & set(q.months):  # "Seven came out in August?": it was July
                reply.verdict, reply.explains = False, frozenset(q.content)
        missing = self._unexplained(q, intent, reply)
        if missing:
            attempt.unexplained = attempt.unexplained or missing
            return None
        return reply

    def _dates_of(self, fact: Fact) -> list[dt.date]:
        """Return the days a fact states: an event's date, a release, a ceremony's day, a result's ceremony day."""
        found = [getattr(fact, name, None) for name in ("date", "released")]  # not when a record was true
        edition = getattr(fact, "edition", None)
        if isinstance(edition, str):
            found.append(self.store.editions[edition].date)
        return [d for d in found if isinstance(d, dt.date)]

    def _leaves_words(self, q: Question, intent: Intent) -> bool:
        """Say whether an intent's phrasings leave two or more of the question's content words unread."""
        head = set(q.asked.head)
        return sum(1 for w in q.content if w not in head and not intent.explains(w)) >= 2

    def _supplies(self, q: Question, reply: Reply) -> bool:
        """Say whether an answer gives what a typed question asks for (a work for "which album", a place ...)."""
        asked = q.asked.type
        if asked not in CHECKED_TYPES:
            return True
        if asked == "work" and "album" in q.asked.head:
            return any(self.ctx.fact_work_kind(f) == "album" for f in reply.facts)
        return any(self.ctx.supplies(f, asked, q.asked.unit) for f in reply.facts)

    def _unexplained(self, q: Question, intent: Intent, reply: Reply) -> list[str]:
        """Return what the answer does not account for: content words, and names it does not involve."""
        if reply.verdict is False:
            named: list[str] = []  # a false premise: the claim's names were what the intent checked
        keywords = [k for f in reply.facts for k in getattr(f, "keywords", ())]  # words a fact is asked by
        fact_words = frozenset().union(*map(self.ctx.text_words, [reply.text, *reply.details, *keywords]))
        involved: set[str] = set()
        for fact in reply.facts:
            involved |= self.ctx.fact_entities(fact)
        if q.asked.type in (None, "description"):  # "BTS history", "BTS news": their members' facts count
            involved |= {g for e in involved for g in self.store.related(e)}
        head = set(q.asked.head) if q.asked.type and intent.can_supply(q.asked.type) else set()
        if q.asked.type == "person":
            head &= GENERIC_PEOPLE  # "which rapper", "who is the CEO": the answer must say so
        missing = [self.store.name(e) for e in q.subjects if e not in involved and e != q.assumed_subject]
        boundary = {q.relation.year} if q.relation else set()  # "before 2006" need not be about 2006
        missing += [str(y) for y in q.years if y not in boundary and not self._year_involved(y, reply)]
        if reply.verdict is False:
            missing = named
        missing += [w for w in q.content if not self._accounted(q, intent, reply, w, head, fact_words)]
        return missing

    def _accounted(
        self, q: Question, intent: Intent, reply: Reply, word: str, head: set[str], said: frozenset[str]
    ) -> bool:
        """Say whether an answer accounts for a content word: it asks what is answered, the answer says it,
        names a thing of its kind ("label"), or the word changes nothing (everyday, or describes a name)."""
        if word in head or word in reply.explains or intent.explains(word):
            return True
        if word in said or concepts_of([word]) & said:
            return True
        if any(self.ctx.supplies(f, kind) for kind in self.ctx.types_named(word) for f in reply.facts):
            return True
        return self._incidental(q, word) or self._describes(q, word)

    def _describes(self, q: Question, word: str) -> bool:
        """Say whether a word only describes someone the question names ("our maknae Jungkook")."""
        if q.yes_no:
            return False  # "is Jungkook the maknae?" claims it: the answer must say so
        named = [*q.subjects, *(a for w in q.works for a in self.store.entities[w].artists)]  # "the maknae's Seven"
        for entity in named:
            said = self.ctx.fact_words(self.store.entities[entity])
            if word in said or stem(word) in said:
                return True
        return False

    def _incidental(self, q: Question, word: str) -> bool:
        """Say whether a word is an everyday word that no fact about the question's subjects uses.

        "Which TV network were the AMAs originally created for?": no fact about the AMAs says
        "originally", so it changes nothing; "which rapper ..." must be answered by a fact with a rapper.
        """
        lex = lexicon()
        if not q.entity_ids or not lex.is_english(word) or lex.known(word) or word in self.analyzer.template_words:
            return False
        if self.ctx.types_named(word) or word in q.asked.head:
            return False  # "which branch": what is asked is never incidental
        words = self.ctx.topic_words(q.entity_ids)
        return word not in words and stem(word) not in words and not concepts_of([word]) & words

    def _year_involved(self, year: int, reply: Reply) -> bool:
        """Say whether an answer is about a year asked: it says the year, or its facts are of that year."""
        if str(year) in reply.text or any(str(year) in d for d in reply.details):
            return True
        return any(year in self.ctx.fact_years(f) for f in reply.facts)

    # --- guards ---------------------------------------------------------------------------------------
    def _guard(self, q: Question) -> None:
        if _about_future(q):
            raise Refusal("I only know what has happened, not what will.", "Ask me about past awards and events.")
        if q.other_ceremonies:
            names = join_words([c.name for c in list(self.store.ceremonies.values())[:4]])
            raise Refusal(f"I have no facts about the {self._other_name(q)}.", f"I know about the {names}.")
        if q.misplaced_categories:
            cer = self.store.ceremonies[q.ceremonies[0]]
            cats = [self.store.categories[c] for c in q.misplaced_categories]
            homes = join_words(sorted({self.store.ceremonies[c.ceremony].short for c in cats}))
            known = join_words([c.name for c in self.store.categories_by_ceremony.get(cer.id, ())][:8])
            raise Refusal(
                f"I don't know a category called {cats[0].name} at the {cer.name}; I know it at the {homes}.",
                f"The {cer.short} categories I know are {known}.",
            )
        residual = " ".join(w for w in q.words)
        odd = _CATEGORY_LIKE.search(residual)
        if odd and not q.categories:
            where = q.ceremonies[0] if q.ceremonies else None
            known = [c.name for c in self.store.categories.values() if where is None or c.ceremony == where]
            raise Refusal(
                f"I don't know of a category called \u201c{odd.group(0)}\u201d.",
                "The categories I know are " + join_words(known[:8]) + ".",
            )
        if not q.entity_ids and not q.dates and not q.years and not q.content:
            raise Refusal("I couldn't work out what you're asking.")

    def _unknown_name(self, q: Question) -> Refusal | None:
        """Refuse when unknown words sit where a name belongs ("what did Stray Kids win?", "EXO's daesangs")."""
        unknown = _name_like(q)
        if not unknown or (q.assumed_subject is None and q.subjects):
            return None
        ghost: list[str] = []
        for term in q.terms:
            if term in unknown:
                if ghost[-1:] != ["{artist}"]:
                    ghost.append("{artist}")
            else:
                ghost.append(term)
        if ghost == q.terms or ("{artist}" in q.terms and q.assumed_subject is None):
            return None
        real = self._ranked(q)
        named = self.ranker.rank(ghost, floor=MIN_SCORE)
        best_real = real[0].score if real else 0.0
        if named and "{artist}" in named[0].template.slots and named[0].score > max(best_real + 0.1, MIN_SCORE):
            words = " ".join(w for w in q.terms if w in unknown)
            return Refusal(
                f"I don't know an artist called \u201c{words}\u201d.",
                "I know about BTS, its members and the artists named with them in my sources.",
            )
        return None

    def _other_name(self, q: Question) -> str:
        for show in q.other_ceremonies:
            if show in self.store.other_shows:
                return self.store.other_shows[show].name
        return "that award show"

    def _give_up(self, q: Question, attempt: _Attempt) -> Refusal:
        """Say why nothing answered: the best candidate's refusal, or the words nothing accounted for."""
        if attempt.unexplained and not attempt.refusal:
            words = join_words([f"\u201c{w}\u201d" for w in attempt.unexplained[:3]])
            return Refusal(f"I don't know anything about {words} in that question.")
        if attempt.refusal:
            return attempt.refusal
        if q.unknown:
            return Refusal(
                "I don't know anything about " + join_words([f"\u201c{w}\u201d" for w in q.unknown[:3]]) + "."
            )
        if q.asked.type in CHECKED_TYPES:  # "what was the attendance at the 2022 AMAs?"
            return Refusal(f"My sources don't give the {' '.join(q.asked.head) or q.asked.type} asked.")
        return Refusal("I couldn't work out what you're asking.")

    # --- answers ------------------------------------------------------------------------------------------
    def _render(self, q: Question, intent: str, reply: Reply) -> Answer:
        text = reply.text
        if q.yes_no:
            text = f"{_YES} {text}" if reply.verdict else f"{_NO} {_lower_first(text)}"
        evidence = [f for f in reply.facts if not isinstance(f, Category)] or reply.facts
        sources = [SourceRef.of(s) for s in self.store.sources_of(evidence)]
        return Answer(
            question=q.text,
            answered=True,
            intent=intent,
            answer=text,
            sources=sources,
            details=reply.details,
            facts=list(dict.fromkeys(fact_key(f) for f in reply.facts)),
        )

    def _refuse(self, q: Question, refusal: Refusal) -> Answer:
        suggestions = self.suggester.suggest(q.text, q.rec, limit=3)
        text = "I don't know that. " + refusal.reason
        if refusal.nearby:
            text += " " + refusal.nearby
        return Answer(question=q.text, answered=False, intent=None, answer=text.strip(), suggestions=suggestions)

    @staticmethod
    def _failure(question: str) -> Answer:
        return Answer(
            question=question[:MAX_QUESTION_CHARS],
            answered=False,
            intent=None,
            answer="Sorry, something went wrong while answering that. Please try asking another way.",
        )


_PAST = frozenset({"did", "was", "were", "had", "said", "told", "promised"})
_FUTURE = frozenset({"next", "upcoming", "future", "later", "soon", "predict", "prediction"})


def _about_future(q: Question) -> bool:
    """Say whether a question asks about the future ("will BTS win again?", "next world tour")."""
    words = q.words
    will = "will" in words[:3] or "gonna" in words[:3] or any(words[i : i + 2] == ["going", "to"] for i in range(3))
    upcoming = bool(_FUTURE & set(words)) and not q.years
    reported = q.has("say", "promise") and bool(_PAST & set(words))  # "what did JK promise about the future?"
    return (will or upcoming) and not reported


def _name_like(q: Question) -> list[str]:
    """Return words that may be an unknown name: rare or unknown words, or runs of two or more everyday ones."""
    lex = lexicon()
    noise = set(q.noise)
    unknown = set(q.unknown)
    rare = [w for w in q.content if not lex.is_english(w) and not lex.known(w) and w not in unknown]
    rare += [w for w in q.noise if lex.english.get(w, 0) >= RARE_ENGLISH]  # "exo", "velvet": names more than words
    found = unknown | set(rare)
    terms = q.terms
    for i, term in enumerate(terms):
        if term in noise and ((i > 0 and terms[i - 1] in noise) or (i + 1 < len(terms) and terms[i + 1] in noise)):
            found.add(term)
    return [w for w in q.terms if w in found]


def _lower_first(text: str) -> str:
    """Lower-case the first letter after "No:" unless it starts a name ("BTS", "Jungkook")."""
    first = text.split(" ", 1)[0]
    if first in ("The", "It", "A", "An", "There", "That", "This", "On", "In", "At", "After", "Before"):
        return text[0].lower() + text[1:]
    return text


def input_problem(question: str) -> str | None:
    """Return what is wrong with the input, if it cannot be a question."""
    text = question.strip()
    if not text:
        return "Please ask a question, for example: How many AMAs did BTS win in 2021?"
    if len(text) > MAX_QUESTION_CHARS:
        return (
            f"That question is {len(text):,} characters long; I can read questions of up to "
            f"{MAX_QUESTION_CHARS} characters. Please ask something shorter."
        )
    bad = sum(1 for c in text if c == "\ufffd" or (unicodedata.category(c) in ("Cc", "Cs", "Co") and c not in "\t\n\r"))
    letters = sum(1 for c in text if c.isalnum())
    if bad or letters < max(1, len(text) * 0.3):
        return (
            "That doesn't look like a question I can read. "
            "Try plain words, like: Who won Best Song at the 2023 MTV EMAs?"
        )
    return None


def known_concepts() -> frozenset[str]:
    """Return every concept the lexicon defines (for the registry's contract test)."""
    return lexicon().concept_names
