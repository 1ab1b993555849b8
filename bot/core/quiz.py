"""Quiz questions generated from the fact store, and judging of typed answers.

Every question has exactly one right answer in the store; distractors are drawn
from the store (other nominees, other songs, other years, nearby numbers) and are
never another right answer. A question whose answer is ambiguous is not asked.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

from rapidfuzz.distance import Levenshtein

from bot.core.answer import SourceRef
from bot.core.models import AwardResult, Category, Record
from bot.core.phrasing import NUMBER_WORDS, ORDINAL_WORDS, number_value
from bot.core.spelling import max_typos
from bot.core.store import Fact, FactStore, fact_key
from bot.core.text import normalize

CHOICES = 4


@dataclass(frozen=True)
class QuizQuestion:
    """A multiple-choice question with its right answer, accepted spellings and sources."""

    key: str
    kind: str
    prompt: str
    choices: tuple[str, ...]
    answer_index: int
    accepted: tuple[str, ...]
    numeric: bool
    sources: tuple[SourceRef, ...]
    topics: frozenset[str]
    facts: tuple[str, ...]

    @property
    def answer(self) -> str:
        """Return the right answer's text."""
        return self.choices[self.answer_index]


@dataclass(frozen=True)
class _Draft:
    key: str
    kind: str
    prompt: str
    answer: str
    distractors: tuple[str, ...]
    accepted: tuple[str, ...]
    numeric: bool
    facts: tuple[Fact, ...]
    topics: frozenset[str]
    preferred: int = 0  # how many leading distractors to draw from first (say, the other nominees)


def _typed_number(text: str) -> int | None:
    """Read a typed answer as a number ("7", "seven", "seventh")."""
    return number_value(normalize(text.replace(",", "")))


def judge(question: QuizQuestion, typed: str) -> bool:
    """Judge a typed answer: numbers exactly, names by alias with typos in proportion to length."""
    if question.numeric:
        value = _typed_number(typed)
        return value is not None and value == _typed_number(question.answer)
    guess = normalize(typed)
    if not guess:
        return False
    for accepted in question.accepted:
        if guess == accepted:
            return True
        allowed = max_typos(len(accepted))
        if allowed and Levenshtein.distance(guess, accepted, score_cutoff=allowed) <= allowed:
            return True
    return False


class QuestionBank:
    """Every valid quiz question the store supports, built once."""

    def __init__(self, store: FactStore) -> None:
        self.store = store
        self._similar: dict[tuple[str, str], list[str]] = {}
        self._seen_at: dict[str, dict[str, None]] = defaultdict(dict)  # ceremony -> nominees, in order
        for r in store.results:
            self._seen_at[store.editions[r.edition].ceremony][r.nominee] = None
        self._rows = self._category_rows()
        drafts = [
            *self._who_won(),
            *self._which_song(),
            *self._which_year(),
            *self._how_many_wins(),
            *self._nominated_not_won(),
            *self._featured(),
            *self._record_numbers(),
        ]
        seen: set[str] = set()
        self.drafts: list[_Draft] = []
        for d in sorted(drafts, key=lambda d: d.key):
            options = {normalize(x) for x in (d.answer, *d.distractors)}
            if d.key in seen or len(d.distractors) < CHOICES - 1 or len(options) < CHOICES:
                continue
            seen.add(d.key)
            self.drafts.append(d)

    def __len__(self) -> int:
        return len(self.drafts)

    # --- selection --------------------------------------------------------------------------
    def topic_ids(self) -> set[str]:
        """Return the ids a game can be limited to (ceremonies and artists with questions)."""
        return {t for d in self.drafts for t in d.topics}

    def pick(
        self, rng: random.Random, count: int, *, topic: str | None = None, avoid: Iterable[str] = ()
    ) -> list[QuizQuestion]:
        """Pick `count` different questions (fewer if the bank runs short), avoiding keys where possible."""
        pool = [d for d in self.drafts if topic is None or topic in d.topics]
        avoided = set(avoid)
        fresh = [d for d in pool if d.key not in avoided]
        stale = [d for d in pool if d.key in avoided]
        rng.shuffle(fresh)
        rng.shuffle(stale)
        return [self._build(d, rng) for d in (fresh + stale)[:count]]

    def all_questions(self, rng: random.Random) -> list[QuizQuestion]:
        """Build every question once (for validation)."""
        return [self._build(d, rng) for d in self.drafts]

    def _build(self, d: _Draft, rng: random.Random) -> QuizQuestion:
        first, rest = list(d.distractors[: d.preferred]), list(d.distractors[d.preferred :])
        rng.shuffle(first)
        rng.shuffle(rest)
        choices = [d.answer, *(first + rest)[: CHOICES - 1]]
        rng.shuffle(choices)
        return QuizQuestion(
            key=d.key,
            kind=d.kind,
            prompt=d.prompt,
            choices=tuple(choices),
            answer_index=choices.index(d.answer),
            accepted=d.accepted,
            numeric=d.numeric,
            sources=tuple(SourceRef.of(s) for s in self.store.sources_of(d.facts)),
            topics=d.topics,
            facts=tuple(fact_key(f) for f in d.facts),
        )

    # --- helpers -------------------------------------------------------------------------------
    def _names(self, entity_id: str) -> tuple[str, ...]:
        e = self.store.entities[entity_id]
        return tuple(dict.fromkeys(normalize(n) for n in [e.name, *e.aliases] if normalize(n)))

    def _edition_text(self, edition_id: str) -> str:
        ed = self.store.editions[edition_id]
        return f"the {ed.year} {self.store.ceremonies[ed.ceremony].name}"

    def _topics(self, edition_id: str, *entities: str | None) -> frozenset[str]:
        ids = {self.store.editions[edition_id].ceremony}
        for e in entities:
            if e is not None:
                ids |= self.store.related(e)
        return frozenset(ids)

    def _category_rows(self) -> dict[tuple[str, str], list[AwardResult]]:
        rows: dict[tuple[str, str], list[AwardResult]] = defaultdict(list)
        for r in self.store.results:
            if r.category:
                rows[(r.edition, r.category)].append(r)
        return rows

    def _similar_artists(self, kind: str, exclude: set[str], ceremony: str) -> list[str]:
        """Up to a few dozen artists of the same kind, those seen at the same ceremony first."""
        key = (kind, ceremony)
        if key not in self._similar:
            store = self.store
            same = [a for a in self._seen_at.get(ceremony, {}) if store.entities[a].kind == kind]
            other = [a for c, ids in self._seen_at.items() if c != ceremony for a in list(ids)[:40]]
            self._similar[key] = list(dict.fromkeys([*same[:40], *other[:40]]))
        return [a for a in self._similar[key] if a not in exclude][:20]

    def _single_winners(self) -> Iterable[tuple[str, Category, list[AwardResult], AwardResult]]:
        """Yield each category at each edition that has exactly one winner (others are ambiguous)."""
        for (edition, category), rows in self._rows.items():
            winners = [r for r in rows if r.result == "won"]
            if len(winners) == 1:
                yield edition, self.store.categories[category], rows, winners[0]

    # --- generators ------------------------------------------------------------------------------
    def _who_won(self) -> Iterable[_Draft]:
        store = self.store
        for edition, cat, rows, win in self._single_winners():
            category = cat.id
            nominees = [r.nominee for r in rows if r.nominee != win.nominee]
            fillers = self._similar_artists(store.entities[win.nominee].kind, {win.nominee, *nominees}, cat.ceremony)
            distractors = [store.name(n) for n in list(dict.fromkeys([*nominees, *fillers]))[:8]]
            yield _Draft(
                f"who_won:{edition}:{category}",
                "who_won",
                f"Who won {cat.name} at {self._edition_text(edition)}?",
                store.name(win.nominee),
                tuple(distractors[:8]),
                self._names(win.nominee),
                False,
                (win, cat),
                self._topics(edition, win.nominee),
                preferred=len(nominees),
            )

    def _which_song(self) -> Iterable[_Draft]:
        store = self.store
        songs = [e.id for e in store.entities.values() if e.kind == "song"]
        for edition, cat, rows, win in self._single_winners():
            if win.work is None:
                continue
            category = cat.id
            nominated_works = [r.work for r in rows if r.work and r.work != win.work]
            taken = {win.work, *nominated_works}
            others = list(islice((s for s in songs if s not in taken), 8))
            distractors = [store.name(w) for w in list(dict.fromkeys([*nominated_works, *others]))[:8]]
            yield _Draft(
                f"which_song:{edition}:{category}",
                "which_song",
                f"Which song won {cat.name} at {self._edition_text(edition)}?",
                store.name(win.work),
                tuple(distractors[:8]),
                self._names(win.work),
                False,
                (win, cat),
                self._topics(edition, win.nominee, win.work),
                preferred=len(nominated_works),
            )

    def _which_year(self) -> Iterable[_Draft]:
        """Ask the year of a win; wrong years are only years whose winner is known to be someone else,
        or years just before the category existed (the articles are not complete histories)."""
        store = self.store
        by_key: dict[tuple[str, str], list[AwardResult]] = defaultdict(list)
        for r in store.results:
            if r.category and r.result == "won":
                by_key[(r.nominee, r.category)].append(r)
        for (nominee, category), wins in by_key.items():
            if len(wins) != 1:
                continue
            win = wins[0]
            cat = store.categories[category]
            cer = store.ceremonies[cat.ceremony]
            year = store.editions[win.edition].year
            others = {
                store.editions[r.edition].year
                for r in store.results_by_category.get(category, ())
                if r.result == "won" and r.nominee != nominee
            }
            if cat.introduced:  # the years just before a category existed are plausible and wrong
                others.update(range(cat.introduced - 3, cat.introduced))
            distractors = sorted(others - {year}, key=lambda y: (abs(y - year), y))
            yield _Draft(
                f"which_year:{nominee}:{category}",
                "which_year",
                f"In which year did {store.name(nominee)} win {cat.name} at the {cer.name}?",
                str(year),
                tuple(str(y) for y in distractors[:6]),
                (str(year),),
                True,
                (win, cat),
                self._topics(win.edition, nominee),
            )

    def _how_many_wins(self) -> Iterable[_Draft]:
        """Ask how many awards someone won at an edition, only where a source states the total."""
        store = self.store
        for rec in store.records.values():
            if rec.kind != "total" or rec.edition is None or rec.value is None:
                continue
            wins = store.wins(rec.subject, rec.ceremony, store.editions[rec.edition].year)
            if len(wins) != rec.value or any(w.category is None for w in wins):
                continue  # the results do not match the stated total: do not ask
            n = rec.value
            distractors = [
                str(x) for x in sorted({max(0, n + d) for d in (-2, -1, 1, 2, 3)} - {n}, key=lambda x: (abs(x - n), x))
            ]
            yield _Draft(
                f"how_many_wins:{rec.subject}:{rec.edition}",
                "how_many_wins",
                f"How many awards did {store.name(rec.subject)} win at {self._edition_text(rec.edition)}?",
                str(n),
                tuple(distractors),
                (str(n),),
                True,
                (rec, *wins),
                self._topics(rec.edition, rec.subject),
            )

    def _nominated_not_won(self) -> Iterable[_Draft]:
        store = self.store
        for edition, cat, rows, win in self._single_winners():
            losers = [r for r in rows if r.result == "nominated"]
            if not losers:
                continue
            category = cat.id
            lost = min(losers, key=lambda r: r.nominee)
            in_category = {r.nominee for r in rows}
            fillers = self._similar_artists(store.entities[lost.nominee].kind, in_category, cat.ceremony)
            distractors = [store.name(win.nominee), *(store.name(f) for f in fillers)]
            yield _Draft(
                f"nominated_not_won:{edition}:{category}",
                "nominated_not_won",
                f"Who was nominated for {cat.name} at {self._edition_text(edition)} but did not win?",
                store.name(lost.nominee),
                tuple(distractors[:8]),
                self._names(lost.nominee),
                False,
                (lost, win, cat),
                self._topics(edition, lost.nominee),
                preferred=1,
            )

    def _featured(self) -> Iterable[_Draft]:
        store = self.store
        people = [e.id for e in store.entities.values() if e.kind == "person"]
        for song in store.entities.values():
            if song.kind != "song" or len(song.featuring) != 1:
                continue
            guest = song.featuring[0]
            exclude = {guest, *song.artists}
            distractors = [store.name(p) for p in people if p not in exclude][:8]
            by = " and ".join(store.name(a) for a in song.artists)
            yield _Draft(
                f"featured:{song.id}",
                "featured",
                f"Who is featured on {by}'s {song.name}?",
                store.name(guest),
                tuple(distractors),
                self._names(guest),
                False,
                (song,),
                frozenset({song.id, *song.artists, guest}),
            )

    def _record_numbers(self) -> Iterable[_Draft]:
        for rec in self.store.records.values():
            draft = self._record_blank(rec)
            if draft is not None:
                yield draft

    def _record_blank(self, rec: Record) -> _Draft | None:
        """Blank the record's number out of its statement: "BTS have won ___ MAMA Awards..."."""
        if rec.value is None or rec.value > 100_000 or rec.edition is not None:
            return None
        n = rec.value
        forms = [str(n)]
        if n < len(NUMBER_WORDS):
            forms.append(NUMBER_WORDS[n])
        if n < len(ORDINAL_WORDS):
            forms.append(ORDINAL_WORDS[n])
        pattern = re.compile(r"\b(" + "|".join(re.escape(f) for f in forms) + r")\b", re.IGNORECASE)
        found = pattern.search(rec.statement)
        if found is None:
            return None
        form = found.group(1).lower()
        prompt = pattern.sub("___", rec.statement).rstrip(".") + ". What is the missing number?"
        step = max(1, round(n * 0.1)) if n > 20 else 1
        candidates = sorted(
            {n + step * d for d in (-3, -2, -1, 1, 2, 3) if n + step * d > 0} - {n}, key=lambda x: (abs(x - n), x)
        )

        def show(x: int) -> str:
            if form in NUMBER_WORDS and x < len(NUMBER_WORDS):
                return NUMBER_WORDS[x]
            if form in ORDINAL_WORDS and x < len(ORDINAL_WORDS):
                return ORDINAL_WORDS[x]
            return str(x)

        topics = {*self.store.related(rec.subject), *(x for x in (rec.ceremony, rec.work) if x)}
        return _Draft(
            f"record:{rec.id}",
            "record",
            prompt,
            show(n),
            tuple(show(x) for x in candidates),
            (str(n),),
            True,
            (rec,),
            frozenset(topics),
        )


def validate_question(store: FactStore, q: QuizQuestion) -> list[str]:
    """Return what is wrong with a question (empty when it is sound)."""
    problems = []
    if len(q.choices) != CHOICES or len({normalize(c) for c in q.choices}) != CHOICES:
        problems.append("needs four different choices")
    if not q.sources:
        problems.append("has no source")
    right = [c for c in q.choices if judge(q, c)]
    if right != [q.answer]:
        problems.append(f"exactly one choice must be right, got {right}")
    return problems
