"""Entity recognition: find artists, works, ceremonies, categories, years and dates in text.

Short names and acronyms (BTS, V, RM, AMA, EMA, MAMA) match only exactly; longer
names tolerate typos in proportion to their length. Candidates for a misspelt word
come from a deletion index (as in SymSpell) so the cost does not grow with the store.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from bot.core.dates import MonthDay, find_dates, find_years
from bot.core.store import FactStore
from bot.core.text import normalize, tokens
from bot.core.vocabulary import COMMON_WORDS, OTHER_CEREMONIES

MAX_SPAN = 6
_MIN_FUZZY = 5  # names shorter than this match only exactly


def max_typos(length: int) -> int:
    """Return how many edits a word of `length` characters tolerates."""
    if length < _MIN_FUZZY:
        return 0
    return 1 if length < 9 else 2


def _deletes(word: str, depth: int) -> set[str]:
    """Return `word` and every string made by deleting up to `depth` characters from it."""
    out = {word}
    level = {word}
    for _ in range(depth):
        level = {w[:i] + w[i + 1 :] for w in level for i in range(len(w))}
        out |= level
    return out


@dataclass(frozen=True)
class Target:
    """What a name refers to: kind is artist, work, ceremony, category or other_ceremony."""

    kind: str
    id: str


@dataclass(frozen=True)
class Mention:
    """A recognised name in the question: the span of tokens and what it may refer to."""

    start: int
    end: int
    text: str
    targets: tuple[Target, ...]
    exact: bool


@dataclass
class Recognized:
    """Everything recognised in one question."""

    text: str
    words: list[str]
    mentions: list[Mention] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    dates: list[MonthDay] = field(default_factory=list)
    relative_day: str | None = None

    def ids(self, kind: str) -> list[str]:
        """Return the distinct ids of one kind, in order of appearance."""
        out: dict[str, None] = {}
        for m in self.mentions:
            for t in m.targets:
                if t.kind == kind:
                    out[t.id] = None
        return list(out)

    @property
    def residual(self) -> list[str]:
        """Return the words not covered by any mention."""
        covered = {i for m in self.mentions for i in range(m.start, m.end)}
        return [w for i, w in enumerate(self.words) if i not in covered]


class Gazetteer:
    """An index of every name and alias in the store, for exact and typo-tolerant look-up."""

    def __init__(self, store: FactStore) -> None:
        self.phrases: dict[str, set[Target]] = defaultdict(set)
        self.compact: dict[str, set[Target]] = defaultdict(set)
        for ent in store.entities.values():
            self._add(Target("work" if ent.is_work else "artist", ent.id), [ent.name, *ent.aliases])
        for cer in store.ceremonies.values():
            self._add(Target("ceremony", cer.id), [cer.name, cer.short, *cer.aliases])
        for cat in store.categories.values():
            self._add(Target("category", cat.id), [cat.name, *cat.aliases])
        for name in OTHER_CEREMONIES:
            key = normalize(name)
            if key not in self.phrases:
                self._add(Target("other_ceremony", key), [name])
        self.vocabulary = {w for phrase in self.phrases for w in phrase.split()} | set(self.compact)
        self._corrections: dict[str, str | None] = {}
        self._deletes: dict[str, set[str]] = defaultdict(set)
        for word in self.vocabulary:
            depth = max_typos(len(word))
            if depth:
                for d in _deletes(word, depth):
                    self._deletes[d].add(word)

    def _add(self, target: Target, names: list[str]) -> None:
        for name in names:
            key = normalize(name)
            if not key:
                continue
            self.phrases[key].add(target)
            # Plurals of ceremony names and acronyms: "AMAs", "EMAs".
            if target.kind in ("ceremony", "other_ceremony") and not key.endswith("s"):
                self.phrases[key + "s"].add(target)
            joined = key.replace(" ", "")
            if len(joined) >= _MIN_FUZZY:
                self.compact[joined].add(target)

    def correct(self, word: str) -> str | None:
        """Return the known word closest to a misspelt `word`, or None (answers are cached)."""
        if word in self.vocabulary or len(word) < _MIN_FUZZY - 1 or word.isdigit():
            return None
        if word in self._corrections:
            return self._corrections[word]
        if len(self._corrections) > 50_000:
            self._corrections.clear()
        found = self._closest(word)
        self._corrections[word] = found
        return found

    def _closest(self, word: str) -> str | None:
        candidates: set[str] = set()
        for d in _deletes(word, 1 if len(word) < 8 else 2):
            candidates |= self._deletes.get(d, set())
        best: tuple[int, int, str] | None = None
        for cand in candidates:
            dist = OSA.distance(word, cand)
            if dist <= max_typos(len(cand)) and dist <= max(1, len(word) // 4):
                key = (dist, -len(cand), cand)
                best = key if best is None or key < best else best
        return best[2] if best else None


class Recognizer:
    """Find the mentions, years and dates in a question."""

    def __init__(self, store: FactStore) -> None:
        self.gazetteer = Gazetteer(store)

    def recognize(self, question: str, today: dt.date | None = None) -> Recognized:
        """Recognise everything in `question` (`today` resolves "today", "this year")."""
        dates, rest = find_dates(question)
        years = find_years(rest)
        words = tokens(rest)
        rec = Recognized(text=question, words=words, dates=dates, years=years)
        folded = " ".join(words)
        if today is not None:
            if re.search(r"\b(today|on this day|this day)\b", folded) and not dates:
                rec.dates.append(MonthDay(today.month, today.day))
                rec.relative_day = "today"
            if re.search(r"\bthis year\b", folded):
                rec.years.append(today.year)
            if re.search(r"\blast year\b", folded):
                rec.years.append(today.year - 1)
        rec.mentions = self._mentions(words)
        return rec

    def _mentions(self, words: list[str]) -> list[Mention]:
        g = self.gazetteer
        fixed = [w if w in COMMON_WORDS else (g.correct(w) or w) for w in words]
        found: list[Mention] = []
        taken: set[int] = set()
        for size in range(min(MAX_SPAN, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                span = range(start, start + size)
                if taken.intersection(span):
                    continue
                mention = self._match(words[start : start + size], fixed[start : start + size], start)
                if mention is not None:
                    found.append(mention)
                    taken.update(span)
        return sorted(found, key=lambda m: m.start)

    def _match(self, raw: list[str], fixed: list[str], start: int) -> Mention | None:
        g = self.gazetteer
        end = start + len(raw)
        if all(w in COMMON_WORDS or w.isdigit() for w in raw):
            # A span of everyday words is never a name on its own ("who", "one", "best").
            phrase = " ".join(raw)
            if phrase in g.phrases and len(raw) > 1:
                return Mention(start, end, phrase, tuple(sorted(g.phrases[phrase], key=str)), True)
            return None
        phrase = " ".join(raw)
        if phrase in g.phrases:
            return Mention(start, end, phrase, tuple(sorted(g.phrases[phrase], key=str)), True)
        joined = "".join(raw)
        if len(raw) > 1 and joined in g.compact:
            return Mention(start, end, phrase, tuple(sorted(g.compact[joined], key=str)), True)
        corrected = " ".join(fixed)
        if corrected != phrase and corrected in g.phrases:
            return Mention(start, end, phrase, tuple(sorted(g.phrases[corrected], key=str)), False)
        long_enough = len(joined) >= 8
        if len(raw) <= 3 and (long_enough or not any(w in COMMON_WORDS for w in raw)):
            fixed_joined = g.correct(joined) if joined not in g.compact else joined
            if fixed_joined and fixed_joined in g.compact:
                return Mention(start, end, phrase, tuple(sorted(g.compact[fixed_joined], key=str)), False)
        return None
