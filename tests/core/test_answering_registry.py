"""The intent registry's contract, and the ranker's shortcut against scoring every phrasing."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.answering import Engine
from bot.core.answering.intent import SLOTS, Intent
from bot.core.answering.ranking import Ranker, _Terms
from bot.core.language import lexicon

ANSWER_KINDS = {spec.name for spec in lexicon().answer_types} | {"yes_no", "description", "significance"}
SAMPLE_NAMES = {
    "{artist}": "BTS",
    "{work}": "Butter",
    "{ceremony}": "AMAs",
    "{category}": "Favorite Pop Song",
    "{year}": "2021",
    "{date}": "November 22",
}


def test_every_intent_has_a_unique_name_and_a_way_to_be_chosen(engine: Engine) -> None:
    names = [i.name for i in engine.intents]
    assert len(names) == len(set(names)) == len(Intent.registry)
    for intent in engine.intents:
        assert intent.templates or intent.pattern or intent.fallback, intent.name
        assert intent.supplies, intent.name


def test_every_intent_supplies_only_answer_types_the_lexicon_names(engine: Engine) -> None:
    for intent in engine.intents:
        assert intent.supplies <= ANSWER_KINDS, (intent.name, intent.supplies - ANSWER_KINDS)


def test_no_word_an_intent_handles_is_ever_unknown(engine: Engine) -> None:
    """A keyword or template word of an intent is in the matcher's vocabulary, so never refused as unknown."""
    for intent in engine.intents:
        for word in sorted(intent.words - set(SLOTS)):
            question = engine.analyzer.analyse(f"what about {word} then")
            assert word not in question.unknown, (intent.name, word)


def test_each_phrasing_filled_with_names_is_read_as_its_own_intent(engine: Engine) -> None:
    """Ask every template with real names in its slots: its intent must be among the best readings."""
    wrong = []
    for intent in engine.intents:
        if intent.fallback:
            continue
        for template in intent.templates:
            text = " ".join(SAMPLE_NAMES.get(w, w) for w in template.split())
            q = engine.analyzer.analyse(text)
            ranked = engine.ranker.rank(q.terms)
            best = ranked[0].score if ranked else 0.0
            if not any(r.intent is intent and r.score >= best - 1e-9 for r in ranked) and not intent.pattern:
                wrong.append((intent.name, template, ranked[0].intent.name if ranked else None))
    # Some phrasings are shared on purpose ("{artist} {ceremony}"); every other one must be its intent's.
    assert len(wrong) <= len([t for i in engine.intents for t in i.templates]) // 50, wrong


def _brute_force(ranker: Ranker, terms: list[str], floor: float) -> dict[str, float]:
    """Score every phrasing of every intent, with no index and no bound."""
    q = _Terms(terms)
    shared = q.by_concept.keys()
    best: dict[str, float] = {}
    for intent, _, template in ranker.templates:
        if not template.slots <= q.slots:
            continue
        positions = [p for p, concepts in enumerate(template.concepts) if not shared.isdisjoint(concepts)]
        score = q.score(template, positions)
        if score >= floor and score > best.get(intent.name, -1.0):
            best[intent.name] = score
    return best


@pytest.fixture(scope="module")
def words(engine: Engine) -> list[str]:
    pool = {w for i in engine.intents for w in i.words} | set(SLOTS)
    return sorted(pool | {"bts", "please", "the", "lol", "dinner", "yesterday"})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), floor=st.sampled_from([0.3, 0.4, 0.5, 0.6]))
def test_the_ranker_agrees_with_scoring_every_phrasing(engine: Engine, words: list[str], data, floor: float) -> None:  # type: ignore[no-untyped-def]
    """Above the floors the engine uses, the index and bounds find exactly the best phrasing of each intent
    (a phrasing that shares only words like "a" or "the" with a question scores far below any floor)."""
    terms = data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=9))
    ranker = Ranker(i for i in engine.intents if not i.fallback)
    fast = {r.intent.name: r.score for r in ranker.rank(terms, floor=floor)}
    slow = _brute_force(ranker, terms, floor)
    assert fast.keys() == slow.keys()
    for name, score in slow.items():
        assert fast[name] == pytest.approx(score)
