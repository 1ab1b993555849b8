"""Rank intents by how well one of their phrasings covers a question.

A template's score is the F-measure of how much of the template the question covers
(recall) and how much of the question the template explains (precision). Names count
most, function words little, fillers not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.answering.intent import SLOTS, Intent, Template
from bot.core.language import lexicon

SLOT_WEIGHT = 1.5
LIGHT_WEIGHT = 0.2


@dataclass(frozen=True)
class Ranked:
    """An intent and the score of its best phrasing for a question."""

    intent: Intent
    score: float
    template: Template


def _weight(word: str) -> float:
    if word in SLOTS:
        return SLOT_WEIGHT
    return LIGHT_WEIGHT if word in lexicon().function_words else 1.0


def _question_terms(terms: Sequence[str]) -> list[tuple[str, frozenset[str], float]]:
    lex = lexicon()
    out = []
    for term in terms:
        if term in SLOTS:
            out.append((term, frozenset((term,)), SLOT_WEIGHT))
        elif (term in lex.fillers and not lex.concepts_of.get(term)) or term.startswith("{"):
            continue
        else:
            out.append((term, lex.concepts(term) | {term}, _weight(term)))
    return out


def _score(template: Template, terms: list[tuple[str, frozenset[str], float]], q_weight: float) -> float:
    covered = 0.0
    template_weight = 0.0
    explained: set[int] = set()
    for word, wanted in zip(template.words, template.concepts, strict=True):
        weight = _weight(word)
        template_weight += weight
        hit = next((i for i, (_, concepts, _) in enumerate(terms) if wanted & concepts and i not in explained), None)
        if hit is not None:
            covered += weight
            explained.add(hit)
    recall = covered / template_weight if template_weight else 0.0
    light = sum(w for i, (_, _, w) in enumerate(terms) if w == LIGHT_WEIGHT and i not in explained)
    precision = (sum(terms[i][2] for i in explained) + light) / q_weight
    return 0.0 if recall + precision == 0 else 2 * recall * precision / (recall + precision)


def rank(intents: Sequence[Intent], terms: Sequence[str]) -> list[Ranked]:
    """Score every intent's best phrasing against the question's terms, best first."""
    q_terms = _question_terms(terms)
    q_weight = sum(w for _, _, w in q_terms) or 1.0
    q_slots = {t for t, _, _ in q_terms if t in SLOTS}
    ranked: list[Ranked] = []
    for intent in intents:
        best: Ranked | None = None
        for template in intent.compiled:
            if not template.slots <= q_slots:
                continue
            score = _score(template, q_terms, q_weight)
            if best is None or score > best.score:
                best = Ranked(intent, score, template)
        if best is not None:
            ranked.append(best)
    return sorted(ranked, key=lambda r: -r.score)
