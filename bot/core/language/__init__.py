"""Knowledge about language the engine needs, as data: concepts and synonyms, fillers, question
types, Korean, and common English words (`lexicon.yaml`, `english.txt` next to this module).

`lexicon()` loads it once; everything here is read-only and independent of the facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml

from bot.core.text import normalize

HERE = Path(__file__).resolve().parent
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
ENGLISH_MIN_LENGTH = 3  # shorter "words" (v, rm, jk) are names as often as words


def _words(text: str) -> tuple[str, ...]:
    return tuple(normalize(text).split())


@dataclass(frozen=True)
class AnswerTypeWords:
    """How a question asks for one type of answer."""

    name: str
    words: tuple[tuple[str, ...], ...]  # phrases that ask for it alone ("where", "how many")
    heads: frozenset[str]  # nouns that name it after which/what ("which city")
    where: frozenset[str] = frozenset()  # concepts that make "where" ask for it ("where did RM post": a platform)


@dataclass(frozen=True)
class Lexicon:
    """The vocabulary of questions: folded concepts, phrases, fillers, answer types, Korean."""

    concepts_of: Mapping[str, frozenset[str]]
    phrases: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # longest first
    fillers: frozenset[str]
    filler_phrases: tuple[tuple[str, ...], ...]
    yes_no_tags: tuple[tuple[str, ...], ...]
    answer_types: tuple[AnswerTypeWords, ...]
    count_units: Mapping[str, str]  # word -> unit
    opposites: Mapping[str, str]
    function_words: frozenset[str]
    korean_particles: tuple[str, ...]
    korean_words: Mapping[str, tuple[str, ...]]
    korean_stems: tuple[tuple[str, tuple[str, ...]], ...]  # longest first
    named_things: Mapping[str, frozenset[str]]  # type -> names (normalised), e.g. platform -> weverse
    unanswered: frozenset[str]  # words of relations and attributes the facts never hold ("produced", "height")
    comparatives: Mapping[str, tuple[str, bool]]  # "older" -> ("year", False): the smaller year wins
    reported: tuple[tuple[str, ...], ...]  # "my friend says": a claim follows
    english: Mapping[str, int] = field(repr=False)  # word -> frequency rank

    def concepts(self, word: str) -> frozenset[str]:
        """Return the concepts a word stands for (the word itself when it has none)."""
        return self.concepts_of.get(word) or frozenset((word,))

    def concept(self, word: str) -> str:
        """Return the first concept of a word (for displays and keys)."""
        found = self.concepts_of.get(word)
        return min(found) if found else word

    @cached_property
    def concept_names(self) -> frozenset[str]:
        """Return every concept name."""
        return frozenset(c for cs in self.concepts_of.values() for c in cs)

    def known(self, word: str) -> bool:
        """Say whether the lexicon knows a word (a concept, a filler, a function word or a unit)."""
        return (
            word in self.concepts_of
            or word in self.unanswered
            or word in self.fillers
            or word in self.function_words
            or word in self.count_units
            or word in self.concept_names
        )

    def is_english(self, word: str) -> bool:
        """Say whether a word is a common English word (so never a misspelt name)."""
        return len(word) >= ENGLISH_MIN_LENGTH and word in self.english

    def vocabulary(self) -> frozenset[str]:
        """Return every word the lexicon knows."""
        words = set(self.concepts_of) | self.concept_names | self.fillers | self.function_words | set(self.count_units)
        for source, target in self.phrases:
            words.update(source)
            words.update(target)
        return frozenset(words)

    # --- Korean ---------------------------------------------------------------------------
    @staticmethod
    def is_hangul(word: str) -> bool:
        """Say whether a word is written in Hangul."""
        return bool(_HANGUL.search(word))

    def strip_particle(self, word: str, keep: Iterable[str] | frozenset[str] = ()) -> str:
        """Remove Korean particles and endings ("정국이" -> "정국", "연속이야" -> "연속") unless the word is a name."""
        if not self.is_hangul(word):
            return word
        kept = keep if isinstance(keep, set | frozenset) else set(keep)
        if word in kept or word in self.korean_words:
            return word
        first = self._strip_once(word)
        if first == word or first in kept or first in self.korean_words:
            return first
        second = self._strip_once(first)
        return second if second in kept or second in self.korean_words else first

    def _strip_once(self, word: str) -> str:
        for particle in self.korean_particles:
            if word.endswith(particle) and len(word) - len(particle) >= 1:
                return word[: -len(particle)]
        return word

    def korean_english(self, word: str) -> tuple[str, ...]:
        """Return the English words a Korean word stands for, or () when unknown."""
        if word in self.korean_words:
            return self.korean_words[word]
        for stem, english in self.korean_stems:
            if word.startswith(stem):
                return english
        return ()


def _concepts(raw: Mapping[str, list[Any]]) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for concept, words in raw.items():
        table.setdefault(concept, set()).add(concept)
        for word in words:
            for w in _words(str(word)):
                table.setdefault(w, set()).add(concept)
    return {word: frozenset(cs) for word, cs in table.items()}


def _answer_types(raw: Mapping[str, Mapping[str, list[str]]]) -> tuple[AnswerTypeWords, ...]:
    return tuple(
        AnswerTypeWords(
            name,
            tuple(sorted((_words(w) for w in spec.get("words", [])), key=len, reverse=True)),
            frozenset(" ".join(_words(h)) for h in spec.get("heads", [])),
            frozenset(spec.get("where", [])),
        )
        for name, spec in raw.items()
    )


def _english() -> dict[str, int]:
    lines = (HERE / "english.txt").read_text(encoding="utf-8").splitlines()
    words = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return {w: rank for rank, w in enumerate(words)}


def _filler_phrases(raw: Mapping[str, Any]) -> list[str]:
    """Return the filler phrases, with every "who says" pair of the reported speech ("my son insists")."""
    said = raw["reported_speech"]
    return [*raw["filler_phrases"], *(f"{who} {verb}" for who in said["who"] for verb in said["verbs"])]


@cache
def lexicon() -> Lexicon:
    """Load the lexicon (once per process)."""
    raw = yaml.load((HERE / "lexicon.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 - all text
    korean = raw["korean"]
    phrases = sorted(
        ((_words(source), _words(str(target))) for source, target in raw["phrases"].items()),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    units = {w: unit for unit, words in raw["count_units"].items() for w in (normalize(x) for x in words)}
    return Lexicon(
        concepts_of=_concepts(raw["concepts"]),
        phrases=tuple(phrases),
        fillers=frozenset(w for f in raw["fillers"] for w in _words(str(f))),
        filler_phrases=tuple(sorted((_words(p) for p in _filler_phrases(raw)), key=len, reverse=True)),
        yes_no_tags=tuple(sorted((_words(p) for p in raw["yes_no_tags"]), key=len, reverse=True)),
        answer_types=_answer_types(raw["answer_types"]),
        count_units=units,
        opposites={normalize(a): normalize(b) for a, b in raw["opposites"].items()},
        function_words=frozenset(normalize(w) for w in raw["function_words"]),
        korean_particles=tuple(sorted(korean["particles"], key=len, reverse=True)),
        korean_words={k: _words(v) for k, v in korean["words"].items()},
        korean_stems=tuple(sorted(((k, _words(v)) for k, v in korean["stems"].items()), key=lambda p: -len(p[0]))),
        named_things={kind: frozenset(normalize(n) for n in names) for kind, names in raw["named_things"].items()},
        unanswered=frozenset(w for words in raw["unanswered_topics"].values() for n in words for w in _words(n)),
        english=_english(),
        comparatives={normalize(w): (m, way == "more") for w, (m, way) in raw["comparatives"].items()},
        reported=tuple(
            _words(f"{who} {verb}") for who in raw["reported_speech"]["who"] for verb in raw["reported_speech"]["verbs"]
        ),
    )
