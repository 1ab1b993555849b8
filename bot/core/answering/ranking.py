"""Rank intents by how well one of their phrasings covers a question.

A template's score is the F-measure of how much of the template the question covers
(recall) and how much of the question the template explains (precision). Names count
most, function words little, fillers not at all.

Scoring every template for every question would be slow, so the `Ranker` indexes every
template word by its concepts, bounds each template's score from the words it shares
with the question, and scores exactly only the templates whose bound can still win.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.answering.intent import LIGHT_WEIGHT, SLOTS, Intent, Template, word_weight
from bot.core.language import lexicon


@dataclass(frozen=True)
class Ranked:
    """An intent and the score of its best phrasing for a question."""

    intent: Intent
    score: float
    template: Template
    number: int = 0  # the template's place among the intent's phrasings


class _Terms:
    """A question's terms, weighed, and indexed by the concepts they stand for."""

    def __init__(self, terms: Sequence[str]) -> None:
        lex = lexicon()
        self.weights: list[float] = []
        self.by_concept: dict[str, list[int]] = {}
        for term in terms:
            if term in SLOTS:
                concepts: frozenset[str] = frozenset((term,))
            elif (term in lex.fillers and not lex.concepts_of.get(term)) or term.startswith("{"):
                continue
            else:
                concepts = lex.concepts(term) | {term}
            for concept in concepts:
                self.by_concept.setdefault(concept, []).append(len(self.weights))
            self.weights.append(word_weight(term))
        self.slots = {t for t in terms if t in SLOTS}
        self.total = sum(self.weights) or 1.0
        self.light = sum(w for w in self.weights if w == LIGHT_WEIGHT)

    def score(self, template: Template, positions: Sequence[int]) -> float:
        """Return the F-measure of template coverage (recall) and question coverage (precision).

        `positions` are the template's words that share a concept with the question, in order.
        """
        covered = 0.0
        explained: set[int] = set()
        for position in positions:
            hit = self._first_unexplained(template.concepts[position], explained)
            if hit is not None:
                covered += template.weights[position]
                explained.add(hit)
        recall = covered / template.weight if template.weight else 0.0
        light_left = self.light - sum(self.weights[i] for i in explained if self.weights[i] == LIGHT_WEIGHT)
        precision = (sum(self.weights[i] for i in explained) + light_left) / self.total
        return _f_measure(recall, precision)

    def _first_unexplained(self, wanted: frozenset[str], explained: set[int]) -> int | None:
        hit: int | None = None
        for concept in wanted:
            for i in self.by_concept.get(concept, ()):
                if i not in explained:
                    if hit is None or i < hit:
                        hit = i
                    break
        return hit


def _f_measure(recall: float, precision: float) -> float:
    return 0.0 if recall + precision == 0 else 2 * recall * precision / (recall + precision)


_CACHE_LIMIT = 20_000


class Ranker:
    """Rank a fixed set of intents against questions.

    Every template word that carries meaning (a slot, an ordinary word, a function word with
    synonyms) is indexed by its concepts. The words a question shares with a template bound
    the template's score; a bare function word ("the", "did") only ever matches itself, so it
    is counted in the bound without being looked up.
    """

    def __init__(self, intents: Iterable[Intent]) -> None:
        self.order: dict[int, int] = {}
        self.templates: list[tuple[Intent, int, Template]] = []
        self.light: list[int] = []  # per template: how many bare function words it has
        postings: dict[str, list[tuple[int, float, float]]] = {}
        lex = lexicon()
        for intent in intents:
            self.order[id(intent)] = len(self.order)
            for t, template in enumerate(intent.compiled):
                key = len(self.templates)
                self.templates.append((intent, t, template))
                bare = 0
                for word, concepts, weight in zip(template.words, template.concepts, template.weights, strict=True):
                    if weight == LIGHT_WEIGHT and not lex.concepts_of.get(word):
                        bare += 1
                        continue
                    most = weight if weight != LIGHT_WEIGHT else 1.0  # "got" may explain a weighty word
                    for concept in concepts:
                        postings.setdefault(concept, []).append((key, weight, most))
                self.light.append(bare)
        self.by_concept = {c: tuple(ps) for c, ps in postings.items()}
        self._cache: dict[tuple[tuple[str, ...], float], list[Ranked]] = {}

    def rank(self, terms: Sequence[str], floor: float = 0.0, among: Iterable[Intent] | None = None) -> list[Ranked]:
        """Return each intent's best phrasing for the question's terms, best first.

        Only intents in `among` (default: all) scoring at least `floor` are returned. Questions
        of one shape ("how many {ceremony} did {artist} win in {year}") share one ranking.
        """
        key = (tuple(terms), floor)
        ranked = self._cache.get(key)
        if ranked is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            ranked = self._cache[key] = self._rank(terms, floor)
        if among is None:
            return list(ranked)
        allowed = {id(i) for i in among}
        return [r for r in ranked if id(r.intent) in allowed]

    def _rank(self, terms: Sequence[str], floor: float) -> list[Ranked]:
        q = _Terms(terms)
        best: dict[int, Ranked] = {}
        shared = q.by_concept.keys()
        for bound, key in self._bounds(q):
            if bound < floor:
                break
            intent, number, template = self.templates[key]
            current = best.get(id(intent))
            if current is not None and bound <= current.score:
                continue
            positions = [p for p, concepts in enumerate(template.concepts) if not shared.isdisjoint(concepts)]
            score = q.score(template, positions)
            if score >= floor and (current is None or (score, -number) > (current.score, -current.number)):
                best[id(intent)] = Ranked(intent, score, template, number)
        return sorted(best.values(), key=lambda r: (-r.score, self.order[id(r.intent)]))

    def _bounds(self, q: _Terms) -> list[tuple[float, int]]:
        """Return the templates sharing words with the question, each with a bound on its score, highest first.

        A template word that shares two concepts with the question counts twice: the bound is loose, never low.
        """
        found: dict[int, list[float]] = {}
        for concept in q.by_concept:
            for key, weight, most in self.by_concept.get(concept, ()):
                entry = found.get(key)
                if entry is None:
                    found[key] = [weight, most]
                else:
                    entry[0] += weight
                    entry[1] += most
        q_light = q.light / LIGHT_WEIGHT
        out = []
        for key, (covered, explained) in found.items():
            _, _, template = self.templates[key]
            if not template.slots <= q.slots:
                continue
            recall = min(1.0, (covered + LIGHT_WEIGHT * min(self.light[key], q_light)) / template.weight)
            precision = min(1.0, (explained + q.light) / q.total)
            out.append((_f_measure(recall, precision), key))
        out.sort(key=lambda s: (-s[0], s[1]))
        return out
