"""What an intent is: its phrasings, what it needs, what it can tell, how it answers. And the registry.

An intent family is one module in `bot/core/answering/intents/`, holding one or more
`Intent` subclasses. Subclassing registers it; nothing else needs to change to add one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from bot.core.language import lexicon
from bot.core.store import Fact

if TYPE_CHECKING:
    from bot.core.answering.context import Context
    from bot.core.answering.question import Question

SLOTS = ("{artist}", "{work}", "{ceremony}", "{category}", "{year}", "{date}")


class Refusal(Exception):
    """The question cannot be answered from the facts; `reason` says why, `nearby` what is known instead."""

    def __init__(self, reason: str, nearby: str = "", *, final: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.nearby = nearby
        self.final = final  # False: nothing was found, which says less than a fact that rules the answer out


@dataclass
class Reply:
    """An answer's text, the facts it uses, and for yes/no questions its verdict.

    `verdict` is True (yes), False (no) or None (not a yes/no verdict). `explains` lists
    extra words the reply accounts for beyond its intent's vocabulary and its facts.
    """

    text: str
    facts: list[Fact]
    details: list[str] = field(default_factory=list)
    verdict: bool | None = None
    explains: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Template:
    """One phrasing of an intent: its words, the concepts each stands for, and its slots."""

    intent: str
    words: tuple[str, ...]
    concepts: tuple[frozenset[str], ...]
    slots: frozenset[str]
    weights: tuple[float, ...]
    weight: float

    @classmethod
    def of(cls, intent: str, text: str) -> Template:
        """Compile one phrasing."""
        lex = lexicon()
        words = tuple(text.split())
        concepts = tuple(frozenset((w,)) if w in SLOTS else lex.concepts(w) | {w} for w in words)
        weights = tuple(word_weight(w) for w in words)
        return cls(intent, words, concepts, frozenset(w for w in words if w in SLOTS), weights, sum(weights))


SLOT_WEIGHT = 1.5
LIGHT_WEIGHT = 0.2


def word_weight(word: str) -> float:
    """Weigh a word for ranking: slots (names) most, function words little."""
    if word in SLOTS:
        return SLOT_WEIGHT
    return LIGHT_WEIGHT if word in lexicon().function_words else 1.0


class Intent:
    """Base of every intent.

    Subclasses set `name`, `templates` (phrasings with slots, in concept words), `supplies`
    (the answer types it can give: count, person, work, category, place, date, year, reason,
    method, platform, organization, name, chart, description, yes_no) and `keywords` (more
    concepts it accounts for), and implement `applies` and `answer`.
    """

    registry: ClassVar[dict[str, type[Intent]]] = {}
    name: ClassVar[str] = ""
    templates: ClassVar[tuple[str, ...]] = ()
    supplies: ClassVar[frozenset[str]] = frozenset()
    keywords: ClassVar[frozenset[str]] = frozenset()
    counts: ClassVar[frozenset[str] | None] = None  # units it can count ("award"); None: any it finds
    checks_numbers: ClassVar[bool] = False  # verifies numbers claimed in a yes/no question ("6th", "50")
    fallback: ClassVar[bool] = False  # tried only after the phrased intents
    pattern: ClassVar[bool] = False  # recognised by the shape of the question, tried first when it applies
    tolerates_noise: ClassVar[bool] = (
        True  # False for general answers (a profile, a day): extra words mean another question
    )

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.name:
            Intent.registry[cls.name] = cls

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.store = ctx.store
        self.labels = ctx.labels
        lex = lexicon()
        self.compiled: tuple[Template, ...] = tuple(Template.of(self.name, text) for text in self.templates)
        words = {w for t in self.compiled for w in t.words if w not in SLOTS} | set(self.keywords)
        self.words: frozenset[str] = frozenset(words)
        self.vocabulary: frozenset[str] = frozenset(c for w in words for c in lex.concepts(w) | {w})
        self.phrasings_by_concept: dict[str, list[tuple[int, int]]] = {}  # concept -> (template, position)
        for t, template in enumerate(self.compiled):
            for position, concepts in enumerate(template.concepts):
                for concept in concepts:
                    self.phrasings_by_concept.setdefault(concept, []).append((t, position))

    def applies(self, q: Question) -> bool:
        """Say whether the question has what this intent needs (its slots)."""
        raise NotImplementedError

    def answer(self, q: Question) -> Reply:
        """Answer from the facts, or raise Refusal."""
        raise NotImplementedError

    def can_supply(self, asked: str | None, unit: str | None = None) -> bool:
        """Say whether this intent can give the asked type of answer (and count the asked unit)."""
        if asked is None:
            return True
        if asked == "count" and unit and self.counts is not None and unit not in self.counts:
            return False
        if asked in ("date", "year"):
            return bool({"date", "year"} & self.supplies)
        return asked in self.supplies

    def explains(self, word: str) -> bool:
        """Say whether this intent's phrasings account for a question word."""
        return bool(lexicon().concepts(word) & self.vocabulary)


def concepts_of(words: Iterable[str]) -> set[str]:
    """Return every concept the words stand for."""
    lex = lexicon()
    out: set[str] = set()
    for w in words:
        out |= lex.concepts(w)
    return out
