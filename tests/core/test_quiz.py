"""Quiz question generation and typed-answer judging."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from bot.core.quiz import QuestionBank, QuizQuestion, judge, number_value, validate_question
from bot.core.store import FactStore
from bot.core.text import normalize


@pytest.fixture(scope="module")
def bank(store: FactStore) -> QuestionBank:
    return QuestionBank(store)


def test_every_generated_question_is_sound(store: FactStore, bank: QuestionBank) -> None:
    questions = bank.all_questions(random.Random(0))
    assert len(questions) >= 30
    assert {q.kind for q in questions} >= {
        "who_won",
        "which_song",
        "which_year",
        "how_many_wins",
        "record",
        "nominated_not_won",
    }
    for q in questions:
        assert validate_question(store, q) == [], q.key
        assert len(q.choices) == 4 and q.choices.index(q.answer) == q.answer_index


def test_who_won_answer_is_the_only_winner_and_distractors_did_not_win(store: FactStore, bank: QuestionBank) -> None:
    for q in bank.all_questions(random.Random(1)):
        if q.kind != "who_won":
            continue
        _, edition, category = q.key.split(":")
        winners = {store.name(r.nominee) for r in store.category_results(edition, category) if r.result == "won"}
        assert winners == {q.answer}
        assert not winners & (set(q.choices) - {q.answer})


def test_nominee_distractors_prefer_the_other_nominees(store: FactStore, bank: QuestionBank) -> None:
    q = next(q for q in bank.all_questions(random.Random(2)) if q.key == "who_won:ama-2021:ama-artist-of-the-year")
    assert q.answer == "BTS"
    assert set(q.choices) - {"BTS"} <= {"Drake", "Ariana Grande", "The Weeknd", "Taylor Swift", "Olivia Rodrigo"}


def test_year_distractors_are_known_to_be_wrong(store: FactStore, bank: QuestionBank) -> None:
    q = next(q for q in bank.all_questions(random.Random(3)) if q.key == "which_year:bts:ama-favorite-k-pop-artist")
    assert q.answer == "2022"
    assert set(q.choices) - {"2022"} == {"2019", "2020", "2021"}  # the category began in 2022
    keys = {q.key for q in bank.all_questions(random.Random(3))}
    assert "which_year:bts:ema-best-k-pop" not in keys  # other years' winners unknown: never asked


def test_win_counts_are_asked_only_where_a_source_states_the_total(bank: QuestionBank) -> None:
    keys = {q.key for q in bank.all_questions(random.Random(4)) if q.kind == "how_many_wins"}
    assert keys == {"how_many_wins:bts:ama-2021", "how_many_wins:bts:ama-2022", "how_many_wins:jungkook:ema-2023"}


def test_record_blanks_use_numbers_near_the_answer(bank: QuestionBank) -> None:
    q = next(q for q in bank.all_questions(random.Random(5)) if q.key == "record:seven-spotify-global-number-one")
    assert "___ days" in q.prompt and q.answer == "70"
    assert all(abs(int(c) - 70) <= 21 for c in q.choices)


def test_same_seed_same_game_different_seed_different_game(bank: QuestionBank) -> None:
    a = bank.pick(random.Random(42), 10)
    b = bank.pick(random.Random(42), 10)
    c = bank.pick(random.Random(43), 10)
    assert [(q.key, q.choices) for q in a] == [(q.key, q.choices) for q in b]
    assert [q.key for q in a] != [q.key for q in c]


def test_no_repeats_and_recent_questions_come_last(bank: QuestionBank) -> None:
    game = bank.pick(random.Random(1), len(bank))
    assert len({q.key for q in game}) == len(game) == len(bank)
    recent = {q.key for q in bank.pick(random.Random(2), 10)}
    next_game = bank.pick(random.Random(3), len(bank) - 10, avoid=recent)
    assert not recent & {q.key for q in next_game}


def test_topic_filter(store: FactStore, bank: QuestionBank) -> None:
    mama = bank.pick(random.Random(1), 50, topic="mama")
    assert mama and all("mama" in q.topics for q in mama)
    jungkook = bank.pick(random.Random(1), 50, topic="jungkook")
    assert jungkook and all("jungkook" in q.topics for q in jungkook)
    assert bank.pick(random.Random(1), 5, topic="nobody") == []
    assert "bts" in bank.topic_ids() and "ema" in bank.topic_ids()


def _question(answer: str, accepted: tuple[str, ...], numeric: bool = False) -> QuizQuestion:
    return QuizQuestion(
        key="k",
        kind="t",
        prompt="?",
        choices=(answer, "x", "y", "z"),
        answer_index=0,
        accepted=tuple(normalize(a) for a in accepted),
        numeric=numeric,
        sources=(),
        topics=frozenset(),
        facts=(),
    )


@pytest.mark.parametrize(
    ("typed", "ok"),
    [
        ("Jungkook", True),
        ("jung kook", True),
        ("JK", True),
        ("jungkok", True),
        ("Jungkoook", True),
        ("jun", False),
        ("jimin", False),
        ("", False),
        ("jk!", True),
        ("Jeon Jungkook", True),
        ("jugnkok", False),
    ],
)
def test_judging_names_aliases_and_typos(typed: str, ok: bool) -> None:
    q = _question("Jungkook", ("Jungkook", "Jung Kook", "JK", "Jeon Jungkook"))
    assert judge(q, typed) is ok


@pytest.mark.parametrize(
    ("typed", "ok"),
    [("3", True), ("three", True), ("Three ", True), ("4", False), ("33", False), ("third", True), ("tree", False)],
)
def test_judging_numbers_exactly(typed: str, ok: bool) -> None:
    assert judge(_question("3", ("3",), numeric=True), typed) is ok


def test_short_answers_need_exact_spelling() -> None:
    q = _question("BTS", ("bts", "bangtan"))
    assert judge(q, "bts") and judge(q, "Bangtan")
    assert not judge(q, "bt") and not judge(q, "bst")


def test_number_value() -> None:
    assert [number_value(x) for x in ("7", "seven", "seventh", "1,000", "lots")] == [7, 7, 7, 1000, None]


def test_kinds_are_balanced_enough_for_a_game(bank: QuestionBank) -> None:
    kinds = Counter(q.kind for q in bank.pick(random.Random(9), 20))
    assert len(kinds) >= 3
