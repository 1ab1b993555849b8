"""Answer questions from the fact store: recognise, pick an intent, query, cite or refuse."""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from bot.core.answer import Answer, SourceRef
from bot.core.dates import MonthDay
from bot.core.intents import LIGHT, TEMPLATE_WORDS, IntentScore, concept, rank_intents, word_matches
from bot.core.models import AwardResult, Category, Ceremony, Edition, Event, Record
from bot.core.questions import SuggestionIndex
from bot.core.recognition import Recognized, Recognizer
from bot.core.search import Hit, StatementIndex
from bot.core.store import Fact, FactStore, fact_key
from bot.core.text import normalize
from bot.core.vocabulary import COMMON_WORDS

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 500
MIN_INTENT_SCORE = 0.62
_TEMPLATE_WORD_SET = frozenset(TEMPLATE_WORDS)
_CATEGORY_LIKE = re.compile(
    r"\b(?:best|favorite|top)\s+(?!of\b|the\b|and\b|at\b|in\b)[a-z]+|\b[a-z]+\s+of\s+the\s+year\b|\b(?:rookie|newcomer|bonsang)\b"
)


def join_words(items: Sequence[str]) -> str:
    """Join names as "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class Refusal(Exception):
    """The question cannot be answered from the facts; `reason` says why."""

    def __init__(self, reason: str, nearby: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.nearby = nearby


@dataclass
class Slots:
    """The entities of a question, resolved and checked against each other."""

    artists: list[str] = field(default_factory=list)
    works: list[str] = field(default_factory=list)
    ceremonies: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    dates: list[MonthDay] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    content: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    relative_day: bool = False

    def has(self, word: str) -> bool:
        """Say whether the question has a word standing for `word`'s concept."""
        return any(concept(w) == word for w in self.words)

    def has_any(self, *words: str) -> bool:
        """Say whether the question has any of `words` (after folding variants)."""
        wanted = set(words)
        return any(concept(w) in wanted or w in wanted for w in self.words)

    @property
    def entity_ids(self) -> set[str]:
        """Return every entity, ceremony and category id asked about."""
        return {*self.artists, *self.works, *self.ceremonies, *self.categories}


@dataclass
class _Reply:
    text: str
    facts: list[Fact]
    details: list[str] = field(default_factory=list)


class Engine:
    """Answer questions about the facts in a store."""

    def __init__(self, store: FactStore, clock: Callable[[], dt.date] | None = None) -> None:
        self.store = store
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC).date())
        self.recognizer = Recognizer(store)
        self.index = StatementIndex(store)
        self.suggester = SuggestionIndex(store)
        self._handlers: dict[str, Callable[[Slots], _Reply]] = {
            "count_wins": self._count_wins,
            "list_wins": self._list_wins,
            "who_won": self._who_won,
            "nominees": self._nominees,
            "did_win": self._did_win,
            "when_won": self._when_won,
            "record": self._record,
            "song_fact": self._song_fact,
            "edition_fact": self._edition_fact,
            "ceremony_fact": self._ceremony_fact,
            "on_date": self._on_date,
            "members": self._members,
            "about_entity": self._about_entity,
            "event": self._event,
        }

    # --- public API -------------------------------------------------------------------
    def ask(self, question: str, today: dt.date | None = None) -> Answer:
        """Answer one question; never raises for bad input."""
        question = question if isinstance(question, str) else str(question)
        problem = self._input_problem(question)
        if problem:
            return Answer(question=question[:MAX_QUESTION_CHARS], answered=False, intent=None, answer=problem)
        today = today or self.clock()
        rec = self.recognizer.recognize(question.strip(), today)
        try:
            slots = self._slots(rec)
            intent, reply = self._dispatch(slots)
        except Refusal as refusal:
            return self._refuse(question, rec, refusal)
        except Exception:  # a bug must cost one answer, not the caller
            log.exception("Failed to answer %r", question[:MAX_QUESTION_CHARS])
            return Answer(
                question=question,
                answered=False,
                intent=None,
                answer="Sorry, something went wrong while answering that. Please try asking another way.",
            )
        sources = [SourceRef.of(s) for s in self.store.sources_of(reply.facts)]
        return Answer(
            question=question,
            answered=True,
            intent=intent,
            answer=reply.text,
            sources=sources,
            details=reply.details,
            facts=list(dict.fromkeys(fact_key(f) for f in reply.facts)),
        )

    def complete(self, prefix: str, limit: int = 25) -> list[str]:
        """Suggest questions the bot can answer that fit what was typed so far."""
        return self.suggester.complete(prefix, limit)

    # --- input checks -------------------------------------------------------------------
    @staticmethod
    def _input_problem(question: str) -> str | None:
        text = question.strip()
        if not text:
            return "Please ask a question, for example: How many AMAs did BTS win in 2021?"
        if len(text) > MAX_QUESTION_CHARS:
            return (
                f"That question is {len(text):,} characters long; I can read questions of up to "
                f"{MAX_QUESTION_CHARS} characters. Please ask something shorter."
            )
        bad = sum(
            1 for c in text if c == "\ufffd" or (unicodedata.category(c) in ("Cc", "Cs", "Co") and c not in "\t\n\r")
        )
        letters = sum(1 for c in text if c.isalnum())
        if bad or letters < max(1, len(text) * 0.3):
            return (
                "That doesn't look like a question I can read. "
                "Try plain words, like: Who won Best Song at the 2023 MTV EMAs?"
            )
        return None

    # --- slots ------------------------------------------------------------------------------
    def _slots(self, rec: Recognized) -> Slots:
        store = self.store
        others = rec.ids("other_ceremony")
        if others:
            raise Refusal(
                f"I have no facts about the {_other_name(rec)}.",
                "I only know about the " + join_words([c.name for c in store.ceremonies.values()]) + ".",
            )
        slots = Slots(
            artists=rec.ids("artist"),
            works=rec.ids("work"),
            ceremonies=rec.ids("ceremony"),
            years=list(dict.fromkeys([*rec.years, *(d.year for d in rec.dates if d.year)])),
            dates=rec.dates,
            relative_day=rec.relative_day is not None,
        )
        # A member named together with their group: the member is the one asked about.
        members = {a for a in slots.artists for m in store.entities[a].member_of if m.group in slots.artists}
        if members:
            groups = {m.group for a in members for m in store.entities[a].member_of}
            slots.artists = [a for a in slots.artists if a not in groups]
        self._resolve_categories(rec, slots)
        words: list[str] = []
        covered: dict[int, str] = {}
        for m in rec.mentions:
            kinds = {t.kind for t in m.targets}
            kind = next(k for k in ("category", "ceremony", "work", "artist") if k in kinds)
            for i in range(m.start, m.end):
                covered[i] = "" if i > m.start else "{" + kind + "}"
        year_texts = {str(y) for y in rec.years}
        for i, w in enumerate(rec.words):
            if i in covered:
                if covered[i]:
                    words.append(covered[i])
            elif w in year_texts:
                words.append("{year}")
            else:
                words.append(w)
        if rec.relative_day and "today" in words:
            words.remove("today")
        words.extend("{date}" for _ in rec.dates)
        slots.words = words
        slots.content = [
            w for w in words if not w.startswith("{") and w not in LIGHT and w not in COMMON_WORDS and not w.isdigit()
        ]
        slots.unknown = [w for w in slots.content if concept(w) not in _TEMPLATE_WORD_SET and not word_matches(w)]
        residual = " ".join(w for w in words if not w.startswith("{"))
        odd = _CATEGORY_LIKE.search(residual)
        if odd and not slots.categories:
            where = slots.ceremonies[0] if slots.ceremonies else None
            known = [c.name for c in store.categories.values() if where is None or c.ceremony == where]
            raise Refusal(
                f"I don't know of a category called \u201c{odd.group(0)}\u201d.",
                "The categories I know are " + join_words(known[:12]) + ".",
            )
        return slots

    def _resolve_categories(self, rec: Recognized, slots: Slots) -> None:
        store = self.store
        mentioned = [[store.categories[t.id] for t in m.targets if t.kind == "category"] for m in rec.mentions]
        mentioned = [cats for cats in mentioned if cats]
        any_fits = any(c.ceremony in slots.ceremonies for cats in mentioned for c in cats)
        for cats in mentioned:
            if slots.ceremonies:
                fitting = [c for c in cats if c.ceremony in slots.ceremonies]
                if not fitting and any_fits:
                    continue  # "Which K-pop artist won Best K-Pop at the EMAs": the other name is the category
                if not fitting:
                    cer = store.ceremonies[slots.ceremonies[0]]
                    homes = join_words(sorted({store.ceremonies[c.ceremony].short for c in cats}))
                    raise Refusal(
                        f"I don't know a category called {cats[0].name} at the {cer.name}; I know it at the {homes}.",
                        "The "
                        + cer.short
                        + " categories I know are "
                        + join_words([c.name for c in store.categories_by_ceremony.get(cer.id, ())])
                        + ".",
                    )
                cats = fitting
            slots.categories.extend(c.id for c in cats if c.id not in slots.categories)
        if not slots.ceremonies and slots.categories:
            slots.ceremonies = list(dict.fromkeys(store.categories[c].ceremony for c in slots.categories))

    # --- dispatch ---------------------------------------------------------------------------
    _REQUIRES: ClassVar[dict[str, Callable[[Slots], bool]]] = {
        "count_wins": lambda s: bool(s.artists) and not s.dates,
        "list_wins": lambda s: bool(s.artists) and not s.dates,
        "who_won": lambda s: bool(s.categories) or (bool(s.ceremonies) and bool(s.years)),
        "nominees": lambda s: bool(s.categories) or (bool(s.artists or s.works) and bool(s.ceremonies)),
        "did_win": lambda s: (
            bool(s.artists or s.works) and bool(s.categories or s.ceremonies or s.years) and _is_yes_no(s.words)
        ),
        "when_won": lambda s: bool(s.artists or s.works) and bool(s.categories or s.ceremonies),
        "record": lambda s: True,
        "song_fact": lambda s: bool(s.works),
        "edition_fact": lambda s: bool(s.ceremonies),
        "ceremony_fact": lambda s: bool(s.ceremonies) and not s.artists and not s.categories,
        "on_date": lambda s: bool(s.dates),
        "members": lambda s: bool(s.artists),
        "about_entity": lambda s: bool(s.artists) and len(s.artists) == 1 and not (s.ceremonies or s.years),
        "event": lambda s: True,
    }

    def _dispatch(self, slots: Slots) -> tuple[str, _Reply]:
        if not slots.entity_ids and not slots.dates and not slots.years:
            raise Refusal(self._unknown_reason(slots))
        allowed = {name for name, ok in self._REQUIRES.items() if ok(slots)}
        ranked = rank_intents(slots.words, allowed)
        self._check_unknown_names(slots, ranked)
        candidates = [r for r in ranked if r.score >= MIN_INTENT_SCORE][:3]
        records_asked = slots.has_any("first", "only", "most", "record", "ever")
        if slots.relative_day and candidates and candidates[0].intent == "on_date" and candidates[0].score < 0.8:
            candidates = []
        if candidates and records_asked and candidates[0].intent in ("did_win", "who_won"):
            candidates.sort(key=lambda c: c.intent != "record")
        if _is_yes_no(slots.words) and slots.has_any("win", "nominated") and not records_asked:
            # "Was BTS nominated ...?" wants yes or no (or "I don't know"), not a list that implies one.
            candidates = [c for c in candidates if c.intent == "did_win"] or candidates
        first_refusal: Refusal | None = None
        for choice in candidates:
            if choice.score < candidates[0].score - 0.1 or (
                first_refusal and choice.score < candidates[0].score - 0.05
            ):
                break
            try:
                return choice.intent, self._handlers[choice.intent](slots)
            except Refusal as refusal:
                first_refusal = first_refusal or refusal
        subjects = [*slots.artists, *slots.works]
        unstructured = bool(subjects) and not any(
            self.store.results_by_nominee.get(x) or self.store.results_by_work.get(x) for x in subjects
        )
        if first_refusal and candidates[0].intent not in ("record", "event") and not unstructured:
            raise first_refusal
        hits = self._search(slots, limit=2)
        if hits and (not slots.unknown or hits[0].score >= 2.0):
            return "fact_search", self._from_hits(hits)
        if first_refusal:
            raise first_refusal
        raise Refusal(self._unknown_reason(slots))

    def _check_unknown_names(self, slots: Slots, ranked: list[IntentScore]) -> None:
        """Refuse when an unknown word sits where a name belongs ("how many AMAs did Beyonce win")."""
        if not slots.unknown or slots.artists or slots.works:
            return
        unknown = set(slots.unknown)
        ghost: list[str] = []
        for w in slots.words:
            if w in unknown:
                if not ghost or ghost[-1] != "{artist}":
                    ghost.append("{artist}")
            else:
                ghost.append(w)
        as_name = rank_intents(ghost)
        best_now = ranked[0].score if ranked else 0.0
        if as_name and "{artist}" in as_name[0].template.slots and as_name[0].score > best_now + 0.05:
            raise Refusal(self._unknown_reason(slots))

    def _unknown_reason(self, slots: Slots) -> str:
        if slots.unknown:
            return "I don't know anything about " + join_words([f"\u201c{w}\u201d" for w in slots.unknown[:3]]) + "."
        return "I couldn't work out what you're asking."

    # --- helpers ------------------------------------------------------------------------------
    def _artist(self, slots: Slots) -> str:
        if slots.unknown and not slots.artists and not slots.works:
            raise Refusal(self._unknown_reason(slots))
        if not slots.artists and not slots.works:
            raise Refusal("Which artist do you mean?")
        return (slots.artists or slots.works)[0]

    def _edition(self, ceremony: str, year: int) -> Edition:
        ed = self.store.edition(ceremony, year)
        if ed is None:
            cer = self.store.ceremonies[ceremony]
            raise Refusal(f"I have no facts about the {year} {cer.name}.", self._known_years(ceremony))
        return ed

    def _known_years(self, ceremony: str) -> str:
        cer = self.store.ceremonies[ceremony]
        years = [str(e.year) for e in self.store.editions_by_ceremony.get(ceremony, ())]
        return f"I know about the {cer.short} of {join_words(years)}." if years else ""

    def _ceremony_label(self, ed: Edition) -> str:
        return f"{ed.year} {self.store.ceremonies[ed.ceremony].name}"

    def _award_label(self, r: AwardResult) -> str:
        name = self.store.categories[r.category].name if r.category else "an award (category not named)"
        return f"{name} ({self.store.name(r.work)})" if r.work else name

    def _award_with_edition(self, r: AwardResult) -> str:
        ed = self.store.editions[r.edition]
        return f"{self._award_label(r)} ({ed.year} {self.store.ceremonies[ed.ceremony].short})"

    def _category_facts(self, results: Iterable[AwardResult]) -> list[Fact]:
        facts: list[Fact] = []
        for r in results:
            facts.append(r)
            if r.category:
                facts.append(self.store.categories[r.category])
        return facts

    def _nearby_for_artist(self, artist: str) -> str:
        store = self.store
        rows = store.results_by_nominee.get(artist, ())
        if not rows:
            return ""
        by_cer: dict[str, set[int]] = {}
        for r in rows:
            ed = store.editions[r.edition]
            by_cer.setdefault(ed.ceremony, set()).add(ed.year)
        parts = [
            f"the {store.ceremonies[c].short} ({', '.join(str(y) for y in sorted(ys))})" for c, ys in by_cer.items()
        ]
        return f"I know results for {store.name(artist)} at " + join_words(parts) + "."

    def _record_hits(self, slots: Slots, subject: str, kinds: tuple[str, ...]) -> list[Record]:
        """Return the subject's records that fit the question's ceremony, category and words."""
        store = self.store
        if "streak" in kinds and not slots.has_any("row", "streak", "time", "year", "years", "straight"):
            kinds = tuple(k for k in kinds if k != "streak")
        ceremony = slots.ceremonies[0] if slots.ceremonies else None
        category = slots.categories[0] if slots.categories else None
        recs = [
            r
            for r in store.records_by_subject.get(subject, ())
            if r.kind in kinds
            and r.ceremony == ceremony
            and r.edition is None  # a total for one edition answers only questions with a year (from results)
            and (category is None or r.category == category)
        ]
        words = {concept(w) for w in slots.content}
        matched: list[Record] = []
        for r in recs:
            keywords = {concept(w) for k in r.keywords for w in normalize(k).split()}
            if not keywords or keywords & words:
                matched.append(r)
        return sorted(
            matched, key=lambda r: not ({concept(w) for k in r.keywords for w in normalize(k).split()} & words)
        )

    @staticmethod
    def _as_of(rec: Record) -> str:
        when = rec.as_of if isinstance(rec.as_of, int) else rec.as_of.strftime("%B %-d, %Y")
        return f" (as of {when})"

    # --- intents --------------------------------------------------------------------------------
    def _wins_reply(self, slots: Slots, *, intent: str) -> _Reply:
        store = self.store
        artist = self._artist(slots)
        name = store.name(artist)
        ceremony = slots.ceremonies[0] if slots.ceremonies else None
        category = slots.categories[0] if slots.categories else None
        if not slots.years:
            recs = self._record_hits(slots, artist, ("total", "streak") if intent == "count_wins" else ("total",))
            recs = [r for r in recs if r.value is not None]
            if recs:
                rec = recs[0]
                return _Reply(rec.statement.rstrip(".") + self._as_of(rec) + ".", [rec])
            if slots.content and any(w not in _TEMPLATE_WORD_SET and not word_matches(w) for w in slots.content):
                raise Refusal(f"I don't know that about {name}.", self._nearby_for_artist(artist))
            if ceremony is None and category is None:
                raise Refusal(f"I don't know {name}'s overall award total.", self._nearby_for_artist(artist))
        years = slots.years or [None]
        lines: list[str] = []
        facts: list[Fact] = []
        total = 0
        confirmed = True  # every edition's count is a total some source states
        for year in years:
            if year is not None and ceremony is not None:
                self._edition(ceremony, year)
            wins = store.wins(artist, ceremony, year, category)
            if not wins:
                continue
            total += len(wins)
            facts.extend(self._category_facts(wins))
            by_edition: dict[str, list[AwardResult]] = {}
            for r in wins:
                by_edition.setdefault(r.edition, []).append(r)
            for ed_id, rows in by_edition.items():
                stated = [
                    r
                    for r in store.records_by_subject.get(artist, ())
                    if r.kind == "total" and r.edition == ed_id and r.value == len(rows)
                ]
                facts.extend(stated)
                confirmed = confirmed and bool(stated) and category is None
                named = [self._award_label(r) for r in rows]
                lines.append(f"{len(rows)} at the {self._ceremony_label(store.editions[ed_id])}: {join_words(named)}")
        if (
            not total
            and intent == "list_wins"
            and not slots.has("win")
            and store.results_of(artist, ceremony, years[0])
        ):
            return self._nominations_of(slots, artist)  # "txt amas 2022": what is known, wins or not
        if not total:
            where = f" at the {years[0]} " if years[0] else " at the "
            where += store.ceremonies[ceremony].name if ceremony else "ceremonies I know"
            nearby = self._nearby_for_artist(artist)
            for member in store.members_by_group.get(artist, ()):
                member_wins = store.wins(member.id, ceremony, years[0], category)
                if member_wins:
                    nearby = (
                        f"{member.name}, a member of {name}, won {_plural(len(member_wins), 'award')} there: "
                        + join_words([self._award_label(r) for r in member_wins])
                        + ". "
                        + nearby
                    )
            raise Refusal(f"I don't know of any wins by {name}{where}.", nearby.strip())
        unnamed = [r for r in facts if isinstance(r, AwardResult) and r.category is None]
        if unnamed and len(unnamed) == total and slots.years and len(lines) == 1:
            ed = store.editions[unnamed[0].edition]
            return _Reply(
                f"{name} won at least one award at the {self._ceremony_label(ed)}; "
                "the source does not say in which category.",
                facts,
                lines,
            )
        plural = "s" if total != 1 else ""
        if slots.years and confirmed and len(lines) == 1:
            where, named = lines[0].split(": ", 1)
            text = f"{name} won {total} award{plural} {where.split(' ', 1)[1]}: {named}."
        elif slots.years and confirmed:
            text = f"{name} won {total} awards: " + "; ".join(lines) + "."
        elif slots.years and len(lines) == 1:
            where, named = lines[0].split(": ", 1)
            text = (
                f"I know of {total} win{plural} for {name} {where.split(' ', 1)[1]}: {named}. "
                "My sources may not list every award of that night."
            )
        else:
            scope = store.ceremonies[ceremony].short + " " if ceremony else ""
            text = (
                f"The articles I know name {total} {scope}win{plural} for {name}: "
                + "; ".join(lines)
                + ". The full total may be higher."
            )
        if unnamed:
            text += " (The source names the winner but not the category.)"
        return _Reply(text, facts, lines)

    def _count_wins(self, slots: Slots) -> _Reply:
        return self._wins_reply(slots, intent="count_wins")

    def _list_wins(self, slots: Slots) -> _Reply:
        return self._wins_reply(slots, intent="list_wins")

    def _who_won(self, slots: Slots) -> _Reply:
        store = self.store
        if not slots.categories:
            ceremony, year = slots.ceremonies[0], slots.years[0]
            ed = self._edition(ceremony, year)
            wins = [r for r in store.results_by_edition.get(ed.id, ()) if r.result == "won"]
            if not wins:
                raise Refusal(f"I don't know who won at the {self._ceremony_label(ed)}.", self._known_years(ceremony))
            lines = self._winner_lines(wins)
            return _Reply(
                f"Winners I know from the {self._ceremony_label(ed)}: " + "; ".join(lines) + ".",
                [ed, *self._category_facts(wins)],
                lines,
            )
        cat = store.categories[slots.categories[0]]
        cer = store.ceremonies[cat.ceremony]
        if slots.years:
            lines, facts = [], []
            for year in slots.years:
                ed = self._edition(cat.ceremony, year)
                winners = [r for r in store.category_results(ed.id, cat.id) if r.result == "won"]
                if not winners:
                    raise Refusal(
                        f"I don't know who won {cat.name} at the {self._ceremony_label(ed)}.", self._category_years(cat)
                    )
                facts.extend([*winners, cat])
                lines.append(
                    f"{join_words([self._winner_label(r) for r in winners])} won {cat.name} "
                    f"at the {self._ceremony_label(ed)}"
                )
            return _Reply(". ".join(lines) + ".", facts, lines)
        winners = [r for r in store.results_by_category.get(cat.id, ()) if r.result == "won"]
        if not winners:
            raise Refusal(f"I don't know who has won {cat.name} at the {cer.name}.")
        winners.sort(key=lambda r: -store.editions[r.edition].year)
        lines = [f"{store.editions[r.edition].year}: {self._winner_label(r)}" for r in winners]
        return _Reply(
            f"{cat.name} winners at the {cer.name} that I know of: " + "; ".join(lines) + ".", [*winners, cat], lines
        )

    def _winner_lines(self, wins: list[AwardResult]) -> list[str]:
        store = self.store
        lines = [f"{store.name(r.nominee)}: {self._award_label(r)}" for r in wins if r.category]
        unnamed = [store.name(r.nominee) for r in wins if not r.category]
        if unnamed:
            lines.append(f"{join_words(unnamed)} also won (categories not named in the source)")
        return lines

    def _winner_label(self, r: AwardResult) -> str:
        text = self.store.name(r.nominee)
        if r.work:
            work = self.store.entities[r.work]
            text += f" with {work.name}"
            if work.featuring:
                text += " (featuring " + join_words([self.store.name(f) for f in work.featuring[:1]]) + ")"
        return text

    def _category_years(self, cat: Category) -> str:
        years = sorted({self.store.editions[r.edition].year for r in self.store.results_by_category.get(cat.id, ())})
        if not years:
            return ""
        return f"I know {cat.name} results for {join_words([str(y) for y in years])}."

    def _nominees(self, slots: Slots) -> _Reply:
        store = self.store
        subject = (slots.artists or slots.works or [None])[0]
        if not slots.categories and not slots.has_any("beat", "against", "compete"):
            return self._nominations_of(slots, subject)
        if not slots.categories:
            ceremony = slots.ceremonies[0]
            years = slots.years or sorted({store.editions[r.edition].year for r in store.wins(subject, ceremony)})
            lines, facts = [], []
            for year in years:
                ed = self._edition(ceremony, year)
                for r in store.wins(subject, ceremony, year):
                    if not r.category:
                        continue
                    others = [o for o in store.category_results(ed.id, r.category) if o.nominee != subject]
                    if others:
                        facts.extend([r, *others, store.categories[r.category]])
                        lines.append(
                            join_words([self._nominee_label(o) for o in others])
                            + f" for {store.categories[r.category].name} at the {self._ceremony_label(ed)}"
                        )
            if not lines:
                raise Refusal(
                    f"I don't know who {store.name(subject)} was up against.", self._nearby_for_artist(subject)
                )
            return _Reply(f"{store.name(subject)} beat " + "; ".join(lines) + ".", facts, lines)
        cat = store.categories[slots.categories[0]]
        years = slots.years or sorted(
            {store.editions[r.edition].year for r in store.results_by_category.get(cat.id, ())}
        )
        lines, facts = [], []
        for year in years:
            ed = self._edition(cat.ceremony, year)
            rows = store.category_results(ed.id, cat.id)
            if len(rows) < 2:
                continue
            facts.extend([*rows, cat])
            names = [self._nominee_label(r) + (" (winner)" if r.result == "won" else "") for r in rows]
            if subject and any(r.nominee == subject and r.result == "won" for r in rows):
                others = [self._nominee_label(r) for r in rows if r.nominee != subject]
                lines.append(
                    f"{store.name(subject)} beat {join_words(others)} for {cat.name} at the {self._ceremony_label(ed)}"
                )
            else:
                lines.append(f"Nominees for {cat.name} at the {self._ceremony_label(ed)}: {join_words(names)}")
        if not lines:
            raise Refusal(
                f"I don't know the nominees for {cat.name}" + (f" in {slots.years[0]}" if slots.years else "") + ".",
                self._category_years(cat),
            )
        return _Reply(". ".join(lines) + ".", facts, lines)

    def _nominations_of(self, slots: Slots, subject: str | None) -> _Reply:
        """List an artist's known results at a ceremony (and year): "TWICE was nominated for ..."."""
        store = self.store
        if subject is None:
            raise Refusal("Whose nominations do you mean?")
        ceremony = slots.ceremonies[0] if slots.ceremonies else None
        rows = store.results_of(subject, ceremony, slots.years[0] if slots.years else None)
        if not rows:
            raise Refusal(
                f"I don't know of {store.name(subject)} being nominated there.", self._nearby_for_artist(subject)
            )
        lines, facts = [], []
        for r in rows:
            ed = store.editions[r.edition]
            winners = (
                [w for w in store.category_results(r.edition, r.category) if w.result == "won"] if r.category else []
            )
            verb = "won" if r.result == "won" else "nominated for"
            line = f"{verb} {self._award_label(r)} at the {self._ceremony_label(ed)}"
            if r.result != "won" and winners:
                line += f" ({join_words([store.name(w.nominee) for w in winners])} won)"
            lines.append(line)
            facts.extend([r, *winners])
        return _Reply(f"{store.name(subject)}: " + "; ".join(lines) + ".", facts, lines)

    def _nominee_label(self, r: AwardResult) -> str:
        name = self.store.name(r.nominee)
        return f"{name} ({self.store.name(r.work)})" if r.work else name

    def _did_win(self, slots: Slots) -> _Reply:
        store = self.store
        subject = self._artist(slots)
        name = store.name(subject)
        asks_nomination = slots.has("nominated") or slots.has_any("up")
        rows_of = (
            store.results_by_work.get(subject, ())
            if subject in slots.works and not slots.artists
            else store.results_by_nominee.get(subject, ())
        )
        ceremony = slots.ceremonies[0] if slots.ceremonies else None
        if slots.categories:
            cat = store.categories[slots.categories[0]]
            if slots.years:
                ed = self._edition(cat.ceremony, slots.years[0])
                rows = store.category_results(ed.id, cat.id)
                mine = [r for r in rows if r in rows_of]
                winners = [r for r in rows if r.result == "won"]
                where = f"{cat.name} at the {self._ceremony_label(ed)}"
                if asks_nomination:
                    if mine:
                        outcome = (
                            " and won"
                            if mine[0].result == "won"
                            else (
                                "; " + join_words([store.name(w.nominee) for w in winners]) + " won" if winners else ""
                            )
                        )
                        return _Reply(f"Yes. {name} was nominated for {where}{outcome}.", [*mine, *winners, cat])
                    raise Refusal(
                        f"I don't know of {name} being nominated for {where}.",
                        "The nominees I know are " + join_words([store.name(r.nominee) for r in rows]) + "."
                        if rows
                        else "",
                    )
                if any(r.result == "won" for r in mine):
                    return _Reply(f"Yes. {name} won {where}.", [*mine, cat])
                if winners:
                    lost = f" {name} was nominated but did not win." if mine else ""
                    who = join_words([self._winner_label(w) for w in winners])
                    return _Reply(f"No. {who} won {where}.{lost}", [*winners, *mine, cat])
                raise Refusal(f"I don't know who won {where}.", self._category_years(cat))
            mine = [r for r in rows_of if r.category == cat.id]
            wins = [r for r in mine if r.result == "won"]
            if wins:
                years = sorted(store.editions[r.edition].year for r in wins)
                return _Reply(
                    f"Yes. {name} won {cat.name} at the {store.ceremonies[cat.ceremony].name} in "
                    f"{join_words([str(y) for y in years])}.",
                    [*wins, cat],
                )
            if mine and asks_nomination:
                years = sorted(store.editions[r.edition].year for r in mine)
                return _Reply(
                    f"Yes. {name} was nominated for {cat.name} in {join_words([str(y) for y in years])}.", [*mine, cat]
                )
            if mine:
                r = mine[0]
                winners = [w for w in store.category_results(r.edition, cat.id) if w.result == "won"]
                if winners:
                    return _Reply(
                        f"No. {name} was nominated for {cat.name} at the "
                        f"{self._ceremony_label(store.editions[r.edition])}, "
                        f"but {join_words([self._winner_label(w) for w in winners])} won.",
                        [r, *winners, cat],
                    )
            raise Refusal(f"I don't know of {name} winning {cat.name}.", self._category_years(cat))
        wins = [
            r
            for r in rows_of
            if r.result == "won"
            and (ceremony is None or store.editions[r.edition].ceremony == ceremony)
            and (not slots.years or store.editions[r.edition].year in slots.years)
        ]
        if slots.years and ceremony:
            self._edition(ceremony, slots.years[0])
        if wins:
            labels = [self._award_with_edition(r) for r in wins]
            return _Reply(f"Yes. {name} won " + join_words(labels) + ".", self._category_facts(wins), labels)
        raise Refusal(f"I don't know of {name} winning there.", self._nearby_for_artist(subject))

    def _when_won(self, slots: Slots) -> _Reply:
        store = self.store
        subject = self._artist(slots)
        name = store.name(subject)
        ceremony = slots.ceremonies[0] if slots.ceremonies else None
        category = slots.categories[0] if slots.categories else None
        rows = (
            store.results_by_work.get(subject, ())
            if subject in slots.works and not slots.artists
            else store.results_by_nominee.get(subject, ())
        )
        wins = sorted(
            (
                r
                for r in rows
                if r.result == "won"
                and (ceremony is None or store.editions[r.edition].ceremony == ceremony)
                and (category is None or r.category == category)
            ),
            key=lambda r: store.editions[r.edition].year,
        )
        if not wins:
            what = store.categories[category].name if category else store.ceremonies[ceremony].name
            raise Refusal(f"I don't know of {name} winning {what}.", self._nearby_for_artist(subject))
        first = wins[0]
        first_ed = store.editions[first.edition]
        cer = store.ceremonies[first_ed.ceremony]
        if slots.has("first") and not category:
            if first.first_at_ceremony:
                text = f"{name}'s first {cer.short} win was {self._award_label(first)}, in {first_ed.year}."
            else:
                text = (
                    f"The earliest {cer.short} win I know of for {name} is {self._award_label(first)}, in "
                    f"{first_ed.year}; my facts may not go back further."
                )
            return _Reply(text, self._category_facts([first]))
        if category:
            years = [str(store.editions[r.edition].year) for r in wins]
            text = f"{name} won {store.categories[category].name} at the {cer.name} in {join_words(years)}."
            extra = [r.note for r in wins if r.note]
            if extra:
                text += " " + extra[-1]
            return _Reply(text, self._category_facts(wins))
        labels = [f"{self._award_label(r)} in {store.editions[r.edition].year}" for r in wins]
        return _Reply(f"{name} won at the {cer.name}: " + join_words(labels) + ".", self._category_facts(wins), labels)

    def _search(
        self, slots: Slots, *, kinds: tuple[type, ...] = (Record, Event, AwardResult), limit: int = 3
    ) -> list[Hit]:
        entities = slots.entity_ids
        years = set(slots.years)
        return self.index.search(
            slots.content + [w for w in slots.words if not w.startswith("{")],
            entities,
            years,
            kinds=kinds,
            limit=limit,
            month_days={(d.month, d.day) for d in slots.dates},
        )

    def _from_hits(self, hits: list[Hit]) -> _Reply:
        best = hits[0].score
        chosen = [h for h in hits if h.score >= best * 0.6]
        lines = []
        for h in chosen:
            fact = h.doc.fact
            text = h.doc.text
            if isinstance(fact, Record):
                text = text.rstrip(".") + self._as_of(fact) + "."
            elif isinstance(fact, Event) and fact.date:
                text = f"On {fact.date.strftime('%B %-d, %Y')}: {text}"
            lines.append(text)
        return _Reply(" ".join(lines), [h.doc.fact for h in chosen], lines)

    def _record(self, slots: Slots) -> _Reply:
        hits = self._search(slots, kinds=(Record, AwardResult, Event))
        subjects = [*slots.artists, *slots.works]
        if not hits and subjects and all(concept(w) in _TEMPLATE_WORD_SET for w in slots.content):
            # A general question ("what records does Seven hold?"): list what is known.
            recs = [
                r
                for r in self.store.records_by_subject.get(subjects[0], ())
                if not slots.ceremonies or r.ceremony in slots.ceremonies
            ]
            if recs:
                lines = [r.statement.rstrip(".") + self._as_of(r) + "." for r in recs[:4]]
                return _Reply(" ".join(lines), recs[:4], lines)
        if not hits:
            raise Refusal("I don't know of a record like that.")
        return self._from_hits(hits)

    def _event(self, slots: Slots) -> _Reply:
        hits = self._search(slots, kinds=(Event, Record))
        if not hits and slots.years and not slots.entity_ids and slots.has("happened"):
            # "What happened in 2017?": everything dated that year.
            hits = self.index.search([], set(), set(slots.years), kinds=(Event,), limit=4, require_words=False)
        if not hits and len(slots.artists) >= 2:
            # "How did BTS reply to President Moon?": what involves all of them is the answer.
            hits = self.index.search(
                [], slots.entity_ids, set(slots.years), kinds=(Event,), limit=3, require_words=False
            )
        if not hits:
            raise Refusal("I don't know about that.")
        return self._from_hits(hits)

    def _song_fact(self, slots: Slots) -> _Reply:
        store = self.store
        song = store.entities[slots.works[0]]
        if slots.artists and not set(slots.artists) & {*song.artists, *song.featuring}:
            raise Refusal(
                f"{song.name} in my facts is by {join_words([store.name(a) for a in song.artists])}, "
                f"not {join_words([store.name(a) for a in slots.artists])}."
            )
        by = join_words([store.name(a) for a in song.artists])
        if slots.has_any("release", "when", "date", "came", "out", "debut"):
            if song.released is None:
                raise Refusal(f"I don't know when {song.name} was released.")
            text = f"{song.name} by {by} was released on {song.released.strftime('%B %-d, %Y')}."
            if song.description:
                text += f" {song.description}"
            return _Reply(text, [song])
        if slots.has_any("featured", "with", "sings", "by", "who", "singer"):
            feat = f", featuring {join_words([store.name(f) for f in song.featuring])}" if song.featuring else ""
            return _Reply(f"{song.name} is by {by}{feat}.", [song])
        hits = self._search(slots, kinds=(Record, Event, AwardResult))
        if hits and slots.content:
            return self._from_hits(hits)
        text = f"{song.name} is by {by}."
        if song.description:
            text += f" {song.description}"
        if song.released:
            text += f" Released {song.released.strftime('%B %-d, %Y')}."
        wins = [r for r in store.results_by_work.get(song.id, ()) if r.result == "won"]
        if wins:
            text += (
                " It won "
                + join_words(
                    [
                        f"{self._award_label(r).split(' (')[0]} at the "
                        f"{self._ceremony_label(store.editions[r.edition])}"
                        for r in wins
                    ]
                )
                + "."
            )
        return _Reply(text, [song, *wins])

    def _edition_fact(self, slots: Slots) -> _Reply:
        store = self.store
        ceremony = slots.ceremonies[0]
        cer = store.ceremonies[ceremony]
        if slots.years:
            editions = [self._edition(ceremony, slots.years[0])]
        else:
            editions = list(store.editions_by_ceremony.get(ceremony, ()))
        if slots.has_any("cancelled", "why"):
            for ed in editions:
                if ed.status in ("cancelled", "winners_announced_online"):
                    return _Reply(
                        f"The {self._ceremony_label(ed)} ceremony was cancelled. {ed.status_reason or ''}".strip(), [ed]
                    )
            if slots.years and editions[0].status == "held":
                return _Reply(f"No, the {self._ceremony_label(editions[0])} went ahead.", [editions[0]])
            raise Refusal(
                f"I don't know of a cancelled {cer.short} ceremony" + (f" in {slots.years[0]}." if slots.years else ".")
            )
        if not slots.years and len(editions) != 1:
            raise Refusal(f"Which year's {cer.short} do you mean?", self._known_years(ceremony))
        ed = editions[0]
        label = self._ceremony_label(ed)
        events = list(store.events_by_edition.get(ed.id, ()))
        if slots.artists:
            events = [e for e in events if set(slots.artists) & set(e.participants)]
        if slots.has_any("perform", "stage", "sings", "song"):
            chosen = [
                e
                for e in events
                if e.kind in ("performance", "cancelled_performance", "absence") and (e.kind != "absence" or e.works)
            ]
            if not chosen and slots.artists:  # "did BTS perform?": not there at all answers it
                chosen = [e for e in events if e.kind == "absence"]
            if not chosen:
                raise Refusal(f"I don't know who performed at the {label}.")
            return _Reply(" ".join(e.statement for e in chosen), chosen, [e.statement for e in chosen])
        if slots.has_any("accepted", "speech"):
            chosen = [e for e in events if e.kind == "acceptance"]
            if not chosen:
                raise Refusal(f"I don't know who accepted awards at the {label}.")
            return _Reply(" ".join(e.statement for e in chosen), chosen)
        if slots.has_any("attend", "carpet", "there", "absent", "present", "show"):
            chosen = [e for e in events if e.kind in ("attendance", "absence", "acceptance")]
            if not chosen:
                raise Refusal(f"I don't know who attended the {label}.")
            return _Reply(" ".join(e.statement for e in chosen), chosen, [e.statement for e in chosen])
        if slots.has_any("where") or (slots.has("held") and not slots.has("when")):
            if ed.place:
                return _Reply(f"The {label} was held in {ed.place}.", [ed])
            if ed.planned_place:
                return _Reply(f"The {label} was planned for {ed.planned_place}, but the ceremony was cancelled.", [ed])
            raise Refusal(f"I don't know where the {label} took place.")
        if slots.has_any("when", "date", "day"):
            if ed.date is None:
                raise Refusal(f"I don't know the date of the {label}.")
            verb = "winners were announced on" if ed.status == "winners_announced_online" else "took place on"
            return _Reply(f"The {label} {verb} {ed.date.strftime('%B %-d, %Y')}.", [ed])
        return self._edition_summary(ed, events)

    def _edition_summary(self, ed: Edition, events: list[Event]) -> _Reply:
        store = self.store
        parts, facts = [], [ed]
        label = self._ceremony_label(ed)
        head = f"The {label}"
        if ed.date:
            head += f" ({ed.date.strftime('%B %-d, %Y')}"
            head += f", {ed.place})" if ed.place else ")"
        if ed.status == "winners_announced_online":
            head += ": the ceremony was cancelled and the winners announced online"
        parts.append(head + ".")
        wins = [r for r in store.results_by_edition.get(ed.id, ()) if r.result == "won"]
        if wins:
            parts.append("Winners I know: " + "; ".join(self._winner_lines(wins)) + ".")
            facts.extend(self._category_facts(wins))
        for e in events[:4]:
            parts.append(e.statement)
            facts.append(e)
        return _Reply(" ".join(parts), facts, parts[1:])

    def _ceremony_fact(self, slots: Slots) -> _Reply:
        store = self.store
        cer = store.ceremonies[slots.ceremonies[0]]
        if slots.has_any("next", "upcoming", "future", "will"):
            raise Refusal(f"I only know about past {cer.short}, not future ones.", self._known_years(cer.id))
        if slots.has_any("choose", "vote", "chosen", "decides", "selection", "voting", "poll"):
            methods = list(cer.winner_selection)
            if slots.years:
                y = slots.years[0]
                if slots.has_any("before", "until", "prior"):
                    methods = [m for m in methods if (m.since or 0) < y]
                    methods = [m for m in methods if (m.until or 9999) < y] or methods[:1]
                else:
                    methods = [m for m in methods if (m.since or 0) <= y <= (m.until or 9999)]
            if not methods:
                raise Refusal(f"I don't know how {cer.short} winners are chosen.")
            lines = [self._span(m.since, m.until) + m.method for m in methods]
            return _Reply(" ".join(lines), [cer], lines)
        if slots.has_any("network", "channel", "broadcast", "air", "airs", "tv"):
            if not cer.network:
                raise Refusal(f"I don't know which network the {cer.short} are made for.")
            return _Reply(
                f"The {cer.name} were created for {cer.network}."
                if cer.founder
                else f"The {cer.name} are {cer.network}'s.",
                [cer],
            )
        if slots.has_any("who") and slots.has_any("found"):
            if cer.founder is None:
                raise Refusal(f"I don't know who founded the {cer.name}.")
            return _Reply(self._founding(cer), [cer])
        if slots.has_any("found", "when", "first", "year", "old"):
            if cer.founded is None and cer.first_ceremony is None:
                raise Refusal(f"I don't know when the {cer.name} began.")
            text = self._founding(cer)
            if slots.has("first") and cer.first_ceremony:
                text += f" The first ceremony was held in {cer.first_ceremony}."
            return _Reply(text, [cer])
        if slots.has_any("who"):
            if cer.founder is None:
                raise Refusal(f"I don't know who founded the {cer.name}.")
            return _Reply(self._founding(cer), [cer])
        text = cer.description or cer.name
        if cer.founded:
            text += " " + self._founding(cer)
        return _Reply(text, [cer])

    def _founding(self, cer: Ceremony) -> str:
        store = self.store
        founder = store.name(cer.founder) if cer.founder else None
        text = f"The {cer.name} were created"
        if founder:
            text += f" by {founder}"
        if cer.founded:
            text += f" in {cer.founded}"
        if cer.network and founder:
            text += f" for {cer.network}"
        return text + "."

    @staticmethod
    def _span(since: int | None, until: int | None) -> str:
        if since and until:
            return f"From {since} to {until}: "
        if since:
            return f"Since {since}: "
        if until:
            return f"Until {until}: "
        return ""

    def _on_date(self, slots: Slots) -> _Reply:
        store = self.store
        day = slots.dates[0]
        items = list(store.on_month_day(day.month, day.day))
        if slots.years:
            items = [i for i in items if i.date.year in slots.years]
        if not items:
            nxt = store.next_dated(day.month, day.day)
            nearby = ""
            if nxt:
                nearby = (
                    f"The next anniversary I know is {MonthDay(nxt.date.month, nxt.date.day).label()} "
                    f"({nxt.date.year}): {nxt.text}"
                )
            raise Refusal(f"I don't know of anything that happened on {day.label()}.", nearby)
        lines = [f"{i.date.year} — {i.text}" for i in items]
        return _Reply(f"On {MonthDay(day.month, day.day).label()}: " + " ".join(lines), [i.fact for i in items], lines)

    def _members(self, slots: Slots) -> _Reply:
        store = self.store
        if slots.has_any("enlist", "serving", "service", "army"):
            raise Refusal("That is member news, not membership.")
        ent = store.entities[slots.artists[0]]
        if ent.kind != "group":
            if not ent.member_of:
                raise Refusal(f"I don't know of {ent.name} being in a group.")
            parts = [
                f"{ent.name} is {'the ' + m.role if m.role else 'a member'} of {store.name(m.group)}"
                for m in ent.member_of
            ]
            return _Reply(". ".join(parts) + ".", [ent])
        members = list(store.members_by_group.get(ent.id, ()))
        if not members:
            raise Refusal(f"I don't know the members of {ent.name}.")
        role_words = {"leader": "leader", "youngest": "youngest", "maknae": "maknae", "leads": "leader"}
        wanted = [role_words[w] for w in slots.words if w in role_words]
        if wanted:
            chosen = [
                m for m in members if any(wanted[0] in (mm.role or "") for mm in m.member_of if mm.group == ent.id)
            ]
            if not chosen:
                raise Refusal(f"I don't know who the {wanted[0]} of {ent.name} is.")
            role = next(mm.role for mm in chosen[0].member_of if mm.group == ent.id)
            return _Reply(f"{chosen[0].name} is the {role} of {ent.name}.", [chosen[0]])
        names = join_words([m.name for m in members])
        if slots.has_any("many", "number", "count"):
            stated = re.search(r"\b(\w+)-member\b", ent.description or "")
            if stated is None:
                raise Refusal(f"I don't know how many members {ent.name} has.", f"The members I know of are {names}.")
            return _Reply(f"{ent.name} has {stated.group(1).lower()} members: {names}.", [ent, *members])
        text = f"The members of {ent.name} I know are {names}."
        if ent.description:
            text += f" {ent.description}"
        return _Reply(text, [ent, *members])

    def _about_entity(self, slots: Slots) -> _Reply:
        store = self.store
        if slots.content:  # "bts daesang": a fact about them that has that word beats a profile
            hits = self._search(slots, kinds=(Record, Event))
            if hits:
                return self._from_hits(hits)
            # "What is Jimin's real name?": a profile is no answer to a specific question.
            raise Refusal(
                f"I don't know that about {store.name(slots.artists[0])}.", self._nearby_for_artist(slots.artists[0])
            )
        ent = store.entities[slots.artists[0]]
        parts = [ent.description or f"{ent.name} is an artist named in my sources."]
        if ent.description and not ent.description.startswith(ent.name):
            parts[0] = f"{ent.name}: {ent.description}"
        wins = store.wins(ent.id)
        if wins:
            parts.append(
                f"Wins I know: {len(wins)}, e.g. " + join_words([self._award_with_edition(r) for r in wins[-3:]]) + "."
            )
        return _Reply(" ".join(parts), [ent, *wins[-3:]])

    # --- refusals -------------------------------------------------------------------------------
    def _refuse(self, question: str, rec: Recognized, refusal: Refusal) -> Answer:
        suggestions = self.suggester.suggest(question, rec, limit=3)
        text = "I don't know that. " + refusal.reason
        if refusal.nearby:
            text += " " + refusal.nearby
        return Answer(question=question, answered=False, intent=None, answer=text.strip(), suggestions=suggestions)


_AUXILIARIES = frozenset("did does do has have had was were is are can could".split())
_WH_WORDS = frozenset("who whom whose what which when where why how".split())


def _is_yes_no(words: list[str]) -> bool:
    """Say whether a question asks yes or no ("did X win", "was X nominated")."""
    for w in words[:4]:
        if w in _WH_WORDS:
            return False
        if w in _AUXILIARIES:
            return True
    return False


def _other_name(rec: Recognized) -> str:
    for m in rec.mentions:
        if any(t.kind == "other_ceremony" for t in m.targets):
            return m.text.upper() if len(m.text) <= 5 else m.text.title()
    return "that award show"
