"""The answering engine by kind of question: claims, premises, answer types, wrappers, comparisons, Korean.

The questions here are our own, written the way fans type (typos, chatter, nicknames); they are not
taken from any scoring set. Each asserts what an honest answer must do for that kind: start a yes/no
answer with Yes, No or I don't know; correct a false premise; refuse when the asked thing is not in
the facts; cite a source.
"""

from __future__ import annotations

import pytest

from bot.core.answering import Engine
from bot.core.text import normalize


def _says(text: str, phrase: str) -> bool:
    return f" {normalize(phrase)} " in f" {normalize(text)} "


def _check(engine: Engine, question: str, start: str | None, phrases: list[str]) -> None:
    answer = engine.ask(question)
    if start == "I don't know":
        assert not answer.answered, answer.answer
        assert answer.answer.startswith("I don't know"), answer.answer
    else:
        assert answer.answered, answer.answer
        if start:
            assert answer.answer.startswith(start), answer.answer
        assert answer.sources, "an answer must cite a source"
    for phrase in phrases:
        assert _says(answer.answer, phrase), (phrase, answer.answer)


CLAIMS = [
    # A claim is checked against the facts; a false one is corrected.
    ("bts got three awards at the 2021 amas right?", "Yes.", []),
    ("my cousin swears bts won 4 awards at the 2022 amas", "No:", ["2"]),
    ("is jungkook the eldest in bts", "No:", ["youngest"]),
    ("was it coldplay that did my universe with bts at the amas", "Yes.", ["Coldplay"]),
    ("did bts skip the amas in 2021?", "No:", ["attended"]),
    ("the 2023 emas went ahead in paris as planned didn't they", "No:", ["cancelled"]),
    ("seven dropped in august right", "No:", ["July"]),
    ("is latto a singer", "No:", ["rapper"]),
    ("were ama winners picked by fans back in 1990", "No:", ["industry"]),
    ("did megan thee stallion do the butter remix with bts at the 2021 amas after all", "No:", ["could not"]),
    ("had latto won an ema before seven", "No:", ["first"]),
    ("the amas were made for nbc, correct?", "No:", ["ABC"]),
    ("was favorite k-pop artist an ama category back in 2019", "No:", ["2022"]),
]


@pytest.mark.parametrize(("question", "start", "phrases"), CLAIMS, ids=[c[0] for c in CLAIMS])
def test_claims_get_a_verdict_and_the_fact_that_shows_it(
    engine: Engine, question: str, start: str, phrases: list[str]
) -> None:
    _check(engine, question, start, phrases)


PREMISES = [
    # The question takes something wrong for granted; the answer says what the facts say instead.
    ("what did jimin post on weverse after mama 2023", None, ["RM", "not Jimin"]),
    ("why did suga accept the worldwide icon award by video", None, ["Jungkook"]),
    ("which song won jk best song at the 2022 emas", None, ["Not in 2022", "2023"]),
    ("what was bts's acceptance speech like for artist of the year at the 2022 amas", None, ["2021"]),
    ("what did bts sing with coldplay at the 2022 amas", None, ["Not in 2022", "My Universe"]),
    ("why did bts only win a single award at the 2022 amas", None, ["2"]),
    ("quincy jones started the amas in 1973 yeah?", "No:", ["Dick Clark"]),
    ("did hobi start enlisting on november 22 with jimin and v", "No:", ["already"]),
]


@pytest.mark.parametrize(("question", "start", "phrases"), PREMISES, ids=[p[0] for p in PREMISES])
def test_false_premises_are_corrected(engine: Engine, question: str, start: str | None, phrases: list[str]) -> None:
    _check(engine, question, start, phrases)


ANSWER_TYPES = [
    # The facts hold the subject but not the asked attribute: "I don't know", never a nearby fact.
    "which stadium hosted the 2022 amas",
    "who produced butter",
    "how tall is taehyung",
    "how many weeks was seven on the hot 100",
    "what was the attendance at the 2021 amas",
    "how many nominations did bts get at the 2021 emas",
    "what category did ed sheeran win at the 2021 amas",
    "which branch of the military is jin in",
    "what is jimin's real name",
]


@pytest.mark.parametrize("question", ANSWER_TYPES)
def test_an_attribute_the_facts_lack_is_refused(engine: Engine, question: str) -> None:
    _check(engine, question, "I don't know", [])


PHRASINGS = [
    # The same facts asked in everyday, chatty, misspelt, British and Korean ways.
    ("who came up with the american music awards in the first place", ["Dick Clark"]),
    ("which telly channel were the amas made for", ["ABC"]),
    ("how do they pick the ama winners these days", ["fans"]),
    ("what are bangtan's fans called", ["ARMY"]),
    ("uri maknae's seven, how many days at number one on spotify? daebak", ["70"]),
    ("hw many dayz was sevn #1 on spotfy", ["70"]),
    ("r bts the 1st asian act 2 win aoty at the amas", ["Yes"]),
    ("WHO WON BEST K-POP AT THE 2023 EMAS", ["Jungkook"]),
    ("daesang count for bangtan?", ["74"]),
    ("방탄소년단 마마 몇 번 받았어?", ["50"]),
    ("정국 세븐 피처링 래퍼 누구야", ["Latto"]),
    ("which taylor swift song lost to seven at the emas", ["Anti-Hero"]),
    ("besides best k-pop, what did bts win at the 2021 emas", ["Best Group", "Biggest Fans", "Best Pop"]),
    ("what was jk up to while the 2022 amas were on", ["World Cup"]),
]


@pytest.mark.parametrize(("question", "phrases"), PHRASINGS, ids=[p[0] for p in PHRASINGS])
def test_everyday_phrasings(engine: Engine, question: str, phrases: list[str]) -> None:
    _check(engine, question, None, phrases)


def test_a_long_message_is_answered_from_its_question(engine: Engine) -> None:
    question = (
        "ok so i was at my cousin's all weekend and we watched old award show clips until 3am lol. "
        "she kept saying jk performed at the emas in paris. did he actually perform at the 2023 emas? "
        "anyway thanks guys 💜"
    )
    _check(engine, question, "No:", ["cancelled"])


def test_pronouns_in_a_long_message_take_the_name_from_the_rest(engine: Engine) -> None:
    question = (
        "still emotional about jungkook's speech at mama even though he couldn't be there in person, "
        "i cried on the train. what did he promise army in that message?"
    )
    _check(engine, question, None, ["reunion"])


COMPARISONS = [
    ("did bts win more at the 2021 amas or the 2022 amas", ["2021", "3", "2"]),
    ("which is older, the amas or the emas", ["AMAs", "1973", "1994"]),
    ("which streak is longer, worldwide icon at mama or favorite pop duo or group at the amas", ["6", "4"]),
    ("how many more streams did seven have than standing next to you on spotify", ["520,000"]),
]


@pytest.mark.parametrize(("question", "phrases"), COMPARISONS, ids=[c[0] for c in COMPARISONS])
def test_comparisons_ask_each_side_and_compare(engine: Engine, question: str, phrases: list[str]) -> None:
    _check(engine, question, None, phrases)


def test_a_comparison_cites_both_sides(engine: Engine) -> None:
    answer = engine.ask("did bts win more at the 2021 emas or the 2022 emas")
    assert answer.answered
    assert len(answer.facts) >= 2 and {"003", "001"} <= {s.document[:3] for s in answer.sources}


OFF_TOPIC = [
    # Words that look like names or topics but are not what the facts are about.
    "what is bts's best song ever",
    "what did stray kids win at mama 2023",
    "when will bts reunite",
    "how big is the south korean army",
    "was it president yoon who congratulated bts in 2021",
]


@pytest.mark.parametrize("question", OFF_TOPIC)
def test_near_misses_are_not_answered_as_if_asked(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.answered or answer.answer.startswith("No:"), answer.answer


def test_promises_about_the_future_are_past_statements(engine: Engine) -> None:
    answer = engine.ask("what did jungkook promise army about the future in his mama video?")
    assert answer.answered and _says(answer.answer, "reunion")
