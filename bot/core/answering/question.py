"""Question analysis: from text to what is asked about, what is asked for, and the words to account for.

The stages, each small: recognise names, years and dates; read Korean words; fold phrases
and synonyms; drop fillers and yes/no tags; correct misspelt words; find the question form
(yes/no, wh-word, the asked attribute and a count's unit); find relations ("before 2020");
and collect the content words that an answer must explain.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.core.dates import MonthDay
from bot.core.language import Lexicon, lexicon
from bot.core.recognition import Mention, Recognized, Recognizer
from bot.core.spelling import Speller
from bot.core.store import FactStore

SLOT_ORDER = ("category", "ceremony", "work", "artist")
WH_WORDS = frozenset("who whom whose what which when where why how".split())
AUXILIARIES = frozenset(
    "did does do is are was were has have had can could will would should didnt doesnt dont isnt arent wasnt werent "
    "hasnt havent".split()
)
NEGATIONS = frozenset("not never didnt doesnt dont isnt arent wasnt werent hasnt havent no".split())
PLURAL_PRONOUNS = frozenset("they their them theirs".split())
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
_ORDINALS = {
    w: i
    for i, w in enumerate(
        "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
    )
}
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_DIGITS = re.compile(r"^\d+$")


@dataclass(frozen=True)
class Asked:
    """What a question asks for: an answer type (lexicon `answer_types`), a count's unit, the head noun."""

    type: str | None = None
    unit: str | None = None
    head: tuple[str, ...] = ()
    wh: str | None = None


@dataclass(frozen=True)
class Relation:
    """A time relation to a year: before, after or up to it."""

    kind: str  # before | after | until
    year: int


@dataclass
class Question:
    """Everything the engine knows about one question."""

    text: str
    rec: Recognized
    terms: list[str] = field(default_factory=list)  # words and slots, for template matching
    words: list[str] = field(default_factory=list)  # the words that are not names (folded, corrected)
    content: list[str] = field(default_factory=list)  # words an answer must account for
    artists: list[str] = field(default_factory=list)
    works: list[str] = field(default_factory=list)
    ceremonies: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    other_ceremonies: list[str] = field(default_factory=list)
    misplaced_categories: list[str] = field(default_factory=list)  # named, but not a category of the show named
    years: list[int] = field(default_factory=list)
    dates: list[MonthDay] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    ordinals: list[int] = field(default_factory=list)
    asked: Asked = field(default_factory=Asked)
    yes_no: bool = False
    negated: bool = False
    relation: Relation | None = None
    relative_day: bool = False
    assumed_subject: str | None = None  # "they" read as the main group

    def has(self, *concepts: str) -> bool:
        """Say whether any word of the question stands for one of `concepts`."""
        wanted = set(concepts)
        lex = lexicon()
        return any(wanted & lex.concepts(w) for w in self.words)

    @property
    def subjects(self) -> list[str]:
        """Return the artists and works asked about."""
        return [*self.artists, *self.works]

    @property
    def entity_ids(self) -> set[str]:
        """Return every entity, ceremony and category id asked about."""
        return {*self.artists, *self.works, *self.ceremonies, *self.categories}

    @property
    def unknown(self) -> list[str]:
        """Return content words the lexicon does not know (unknown names, nonsense)."""
        lex = lexicon()
        return [w for w in self.content if not lex.known(w) and not lex.is_english(w)]


class Analyzer:
    """Turn question text into a `Question`."""

    def __init__(
        self, store: FactStore, recognizer: Recognizer, template_words: Iterable[str], main_group: str | None
    ) -> None:
        self.lexicon: Lexicon = lexicon()
        self.store = store
        self.recognizer = recognizer
        self.template_words = frozenset(template_words)
        known = self.lexicon.vocabulary() | self.template_words
        self.speller = Speller(known - {w for w in known if len(w) < 4}, is_protected=self.lexicon.is_english)
        self.main_group = main_group

    def analyse(self, text: str, today: dt.date | None = None) -> Question:
        """Analyse one question."""
        rec = self.recognizer.recognize(text, today)
        q = Question(text=text, rec=rec, dates=list(rec.dates), relative_day=rec.relative_day is not None)
        self._names(q, rec)
        sequence = self._sequence(rec)
        sequence = self._korean(sequence)
        sequence = _replace_phrases(sequence, self.lexicon.phrases)
        sequence, q.yes_no = self._yes_no_tags(sequence)
        sequence = _remove_phrases(sequence, self.lexicon.filler_phrases)
        sequence = [self._spell(w) for w in sequence]
        q.terms = sequence
        q.words = [w for w in sequence if not w.startswith("{")]
        self._form(q, sequence)
        self._values(q, sequence)
        q.content = self._content(q)
        self._assume_subject(q)
        return q

    # --- names -----------------------------------------------------------------------------------
    def _names(self, q: Question, rec: Recognized) -> None:
        q.artists, q.works, q.ceremonies = rec.ids("artist"), rec.ids("work"), rec.ids("ceremony")
        q.other_ceremonies = rec.ids("other_ceremony")
        q.years = list(dict.fromkeys([*rec.years, *(d.year for d in rec.dates if d.year)]))
        # A member named with their group is the one asked about ("BTS's Jungkook").
        members = {a for a in q.artists for m in self.store.entities[a].member_of if m.group in q.artists}
        groups = {m.group for a in members for m in self.store.entities[a].member_of}
        q.artists = [a for a in q.artists if a not in groups]
        self._categories(q, rec)

    def _categories(self, q: Question, rec: Recognized) -> None:
        """Pick each named category at the show asked about; the show follows from the category if unnamed."""
        store = self.store
        named = [[store.categories[t.id] for t in m.targets if t.kind == "category"] for m in rec.mentions]
        named = [cats for cats in named if cats]
        any_fits = any(c.ceremony in q.ceremonies for cats in named for c in cats)
        for cats in named:
            fitting = [c for c in cats if c.ceremony in q.ceremonies] if q.ceremonies else cats
            if q.ceremonies and not fitting:
                if any_fits:
                    continue  # "which K-pop artist won Best K-Pop at the EMAs": the other name is the category
                q.misplaced_categories.extend(c.id for c in cats)
                continue
            q.categories.extend(c.id for c in fitting if c.id not in q.categories)
        if not q.ceremonies and q.categories:
            q.ceremonies = list(dict.fromkeys(store.categories[c].ceremony for c in q.categories))

    @staticmethod
    def _slot(mention: Mention) -> str:
        kinds = {t.kind for t in mention.targets}
        if kinds == {"other_ceremony"}:
            return "{other}"
        return "{" + next(k for k in SLOT_ORDER if k in kinds) + "}"

    def _sequence(self, rec: Recognized) -> list[str]:
        """Return the words with names as slots ({artist}) and years as {year}; dates at the end."""
        starts = {m.start: m for m in rec.mentions}
        covered = {i for m in rec.mentions for i in range(m.start, m.end)}
        year_texts = {str(y) for y in rec.years}
        out: list[str] = []
        for i, word in enumerate(rec.words):
            if i in starts:
                out.append(self._slot(starts[i]))
            elif i not in covered:
                out.append("{year}" if word in year_texts else word)
        if rec.relative_day:
            out = [w for w in out if w != "today"]
        return out + ["{date}"] * len(rec.dates)

    def _korean(self, sequence: list[str]) -> list[str]:
        out: list[str] = []
        for word in sequence:
            english = self.lexicon.korean_english(word) if self.lexicon.is_hangul(word) else ()
            out.extend(english or (word,))
        return out

    # --- words -----------------------------------------------------------------------------------
    def _yes_no_tags(self, sequence: list[str]) -> tuple[list[str], bool]:
        """Drop a trailing tag ("..., right?", "or nah") and say whether there was one."""
        for tag in self.lexicon.yes_no_tags:
            n = len(tag)
            if len(sequence) > n and tuple(sequence[-n:]) == tag:
                return sequence[:-n], True
        lead = ("is", "it", "true", "that")
        if tuple(sequence[:4]) == lead:
            return sequence[4:], True
        return sequence, False

    def _spell(self, word: str) -> str:
        if word.startswith("{") or self.lexicon.known(word) or word in self.template_words:
            return word
        return self.speller.correct(word) or word

    # --- form -------------------------------------------------------------------------------------
    def _form(self, q: Question, sequence: list[str]) -> None:
        words = [w for w in sequence if w not in self.lexicon.fillers or w in WH_WORDS]
        first = next((w for w in words if not w.startswith("{")), "")
        q.yes_no = q.yes_no or (first in AUXILIARIES and not _has_wh(words[:4]))
        q.negated = any(w in NEGATIONS for w in words)
        q.asked = self._asked(words, q)

    def _asked(self, words: list[str], q: Question) -> Asked:
        if q.yes_no:
            return Asked(type="yes_no")
        for spec in self.lexicon.answer_types:
            for phrase in spec.words:
                at = _find(words, phrase)
                if at is None:
                    continue
                if spec.name == "method" and words[at + 1 : at + 2] in (["many"], ["much"], ["come"], ["long"]):
                    continue
                unit = self._unit(words[at + len(phrase) :]) if spec.name == "count" else None
                return Asked(type=spec.name, unit=unit, wh=phrase[0])
        if "how" in words:  # "how long", "how old"
            return Asked(type="count", unit=self._unit(words[words.index("how") + 1 :]), wh="how")
        return self._which(words)

    def _which(self, words: list[str]) -> Asked:
        for i, word in enumerate(words):
            if word not in ("which", "what"):
                continue
            after = [w for w in words[i + 1 : i + 6] if w not in ("kind", "sort", "type", "of", "the", "a", "an")]
            for size in (2, 1):
                head = tuple(after[:size])
                for spec in self.lexicon.answer_types:
                    if " ".join(head) in spec.heads:
                        unit = self._unit(list(head)) if spec.name == "count" else None
                        return Asked(type=spec.name, unit=unit, head=head, wh=word)
            return Asked(wh=word)
        return Asked()

    def _unit(self, after: Sequence[str]) -> str | None:
        for word in after[:4]:
            if word in ("{ceremony}", "{category}"):
                return "award"
            if word in self.lexicon.count_units:
                return self.lexicon.count_units[word]
        return None

    # --- values -----------------------------------------------------------------------------------
    def _values(self, q: Question, sequence: list[str]) -> None:
        """Numbers, ordinals and time relations ("before 2020", "the year after")."""
        for word in q.words:
            if _DIGITS.match(word) and len(word) < 7:
                q.numbers.append(int(word))
            elif word in _NUMBER_WORDS and word != "one":
                q.numbers.append(_NUMBER_WORDS[word])
            elif (m := _ORDINAL_DIGITS.match(word)) or word in _ORDINALS:
                q.ordinals.append(int(m.group(1)) if m else _ORDINALS[word])
        q.relation = _relation(sequence, q.years)
        if q.relation and q.relation.kind in ("next", "previous"):
            q.years = [q.relation.year]
            q.relation = None

    def _content(self, q: Question) -> list[str]:
        lex = self.lexicon
        skip = lex.function_words | lex.fillers | WH_WORDS | {"before", "after", "until", "prior", "now"}
        out = []
        for word in q.words:
            if word in skip or _DIGITS.match(word) or word in _NUMBER_WORDS or word in _ORDINALS:
                continue
            if _ORDINAL_DIGITS.match(word):
                continue
            out.append(word)
        return out

    def _assume_subject(self, q: Question) -> None:
        """Read "they"/"their" as the main group when no artist is named and the question is about one."""
        if q.artists or q.works or not self.main_group or not PLURAL_PRONOUNS & set(q.words):
            return
        q.artists = [self.main_group]
        q.assumed_subject = self.main_group
        q.terms = ["{artist}" if w in PLURAL_PRONOUNS else w for w in q.terms]


def _has_wh(words: Sequence[str]) -> bool:
    return any(w in WH_WORDS for w in words)


def _find(words: Sequence[str], phrase: tuple[str, ...]) -> int | None:
    n = len(phrase)
    for i in range(len(words) - n + 1):
        if tuple(words[i : i + n]) == phrase:
            return i
    return None


def _replace_phrases(sequence: list[str], phrases: Sequence[tuple[tuple[str, ...], tuple[str, ...]]]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(sequence):
        for source, target in phrases:
            n = len(source)
            if tuple(sequence[i : i + n]) == source:
                out.extend(target)
                i += n
                break
        else:
            out.append(sequence[i])
            i += 1
    return out


def _remove_phrases(sequence: list[str], phrases: Sequence[tuple[str, ...]]) -> list[str]:
    return _replace_phrases(sequence, [(p, ()) for p in phrases])


_RELATIONS = {"before": "before", "prior": "before", "after": "after", "since": "after", "until": "until", "by": "until"}


def _relation(sequence: list[str], years: list[int]) -> Relation | None:
    """Find "before 2020", "until 2021", "the year after 2021" in the words around {year} slots."""
    if not years:
        return None
    year_positions = [i for i, w in enumerate(sequence) if w == "{year}"]
    for i, word in enumerate(sequence):
        if word == "year" and i + 1 < len(sequence) and sequence[i + 1] in ("before", "after"):
            step = -1 if sequence[i + 1] == "before" else 1
            return Relation("previous" if step < 0 else "next", years[-1] + step)
        kind = _RELATIONS.get(word)
        if kind and any(p in (i + 1, i + 2) for p in year_positions):
            index = next(n for n, p in enumerate(year_positions) if p in (i + 1, i + 2))
            return Relation(kind, years[min(index, len(years) - 1)])
    return None
