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

from bot.core.dates import MonthDay, find_dates, find_years
from bot.core.language import lexicon
from bot.core.spelling import MIN_FUZZY, Speller
from bot.core.store import FactStore
from bot.core.text import normalize, tokens
from bot.core.vocabulary import COMMON_WORDS

MAX_SPAN = 6
_SPAN_CACHE_LIMIT = 100_000


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
    """An index of every name and alias in the store, for exact and typo-tolerant look-up.

    A common English word is never corrected into a name ("hope" stays hope, not J-Hope),
    and words longer than any known word are not typo-matched at all, so one long word
    costs no more than a short one.
    """

    def __init__(self, store: FactStore) -> None:
        self.lexicon = lexicon()
        self.phrases: dict[str, set[Target]] = defaultdict(set)
        self.compact: dict[str, set[Target]] = defaultdict(set)
        self.compact_words: dict[str, set[str]] = defaultdict(set)  # joined name -> the words of its spellings
        for ent in store.entities.values():
            self._add(Target("work" if ent.is_work else "artist", ent.id), [ent.name, *ent.aliases])
        for cer in store.ceremonies.values():
            self._add(Target("ceremony", cer.id), [cer.name, cer.short, *cer.aliases, *(f.name for f in cer.former_names)])
        for cat in store.categories.values():
            self._add(Target("category", cat.id), [cat.name, *cat.aliases])
        for show in store.other_shows.values():
            self._add(Target("other_ceremony", show.id), [n for n in [show.name, *show.aliases] if normalize(n) not in self.phrases])
        self.vocabulary = {w for phrase in self.phrases for w in phrase.split()} | set(self.compact)
        self.speller = Speller(self.vocabulary, is_protected=self.lexicon.is_english)

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
            if len(joined) >= MIN_FUZZY:
                self.compact[joined].add(target)
                self.compact_words[joined].update(key.split())

    def correct(self, word: str) -> str | None:
        """Return the known name word closest to a misspelt `word`, or None."""
        return self.speller.correct(word)


class Recognizer:
    """Find the mentions, years and dates in a question."""

    def __init__(self, store: FactStore) -> None:
        self.gazetteer = Gazetteer(store)
        self._seen: dict[tuple[tuple[str, ...], tuple[str, ...]], Mention | None] = {}  # span -> its match

    def recognize(self, question: str, today: dt.date | None = None) -> Recognized:
        """Recognise everything in `question` (`today` resolves "today", "this year")."""
        dates, rest = find_dates(question)
        years = find_years(rest)
        words = [self.gazetteer.lexicon.strip_particle(w, self.gazetteer.vocabulary) for w in tokens(rest)]
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
        fixed = [
            w if w in COMMON_WORDS else (g.correct(w) or self._possessive(w) or _plural_z(w, g) or w) for w in words
        ]
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

    def _possessive(self, word: str) -> str | None:
        """Read "jungkoks" (a misspelt "Jungkook's" typed without the apostrophe) as the name."""
        if len(word) < 6 or not word.endswith("s"):
            return None
        stem = word[:-1]
        return stem if stem in self.gazetteer.phrases else self.gazetteer.correct(stem)

    def _match(self, raw: list[str], fixed: list[str], start: int) -> Mention | None:
        key = (tuple(raw), tuple(fixed))
        found = self._seen.get(key, False)
        if found is False:
            if len(self._seen) > _SPAN_CACHE_LIMIT:
                self._seen.clear()
            found = self._seen[key] = self._match_span(raw, fixed, 0)
        if found is None or not start:
            return found
        return Mention(start, start + found.end, found.text, found.targets, found.exact)

    def _match_span(self, raw: list[str], fixed: list[str], start: int) -> Mention | None:
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
        # "ama awards" is not "MAMA Awards": a short name in a span must match as it is written.
        # A word that is a name on its own keeps that meaning: "the mamas" is not "the AMAs".
        short_token = len(raw) > 1 and any(
            w in g.phrases and (len(w) < MIN_FUZZY or w not in COMMON_WORDS) for w in raw
        )
        few_words = len(raw) <= 3 or (len(raw) <= 5 and len(joined) >= 12)
        # Three or more correctly spelt words ("best dance new artist") are no misspelt name.
        spelt = len(raw) >= 3 and all(g.lexicon.is_english(w) for w in raw)
        if few_words and not short_token and not spelt and (long_enough or not any(w in COMMON_WORDS for w in raw)):
            fixed_joined = g.correct(joined) if joined not in g.compact else joined
            if (
                fixed_joined
                and fixed_joined in g.compact
                and self._edges_fit(raw, fixed_joined)
                and self._short_words_fit(raw, fixed_joined)
            ):
                return Mention(start, end, phrase, tuple(sorted(g.compact[fixed_joined], key=str)), False)
        return None

    def _short_words_fit(self, raw: list[str], name: str) -> bool:
        """Say whether every short word of a span is a word of the name: "president yoon" is not "President Moon"."""
        if len(raw) < 2 or raw == name:
            return True
        words = self.gazetteer.compact_words[name]
        lex = self.gazetteer.lexicon
        return all(w in words or not lex.is_english(w) for w in raw if len(w) < MIN_FUZZY)  # "sogn" is a typo

    def _edges_fit(self, raw: list[str], name: str) -> bool:
        """Say whether a span's first and last words belong to the name ("pick up favorite pop song" is no name
        beginning with "up"; "the weekend" is The Weeknd)."""
        function = self.gazetteer.lexicon.function_words
        first, last = raw[0], raw[-1]
        return (first not in function or name.startswith(first)) and (last not in function or name.endswith(last))


def _plural_z(word: str, g: Gazetteer) -> str | None:
    """Read "amaz" as "amas"."""
    if len(word) > 2 and word.endswith("z") and word[:-1] + "s" in g.phrases:
        return word[:-1] + "s"
    return None
