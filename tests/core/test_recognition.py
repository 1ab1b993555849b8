"""Entity recognition: aliases, typos in proportion to length, short names exact only, dates."""

from __future__ import annotations

import pytest

from bot.core.answering import Engine
from bot.core.dates import MonthDay, find_dates


def _ids(engine: Engine, text: str, kind: str) -> list[str]:
    return engine.recognizer.recognize(text).ids(kind)


@pytest.mark.parametrize(
    ("text", "artist"),
    [
        ("Bangtan Sonyeondan", "bts"),
        ("bangtan boys", "bts"),
        ("방탄소년단", "bts"),
        ("Bangtan", "bts"),
        ("JK", "jungkook"),
        ("jung kook", "jungkook"),
        ("jungkok", "jungkook"),
        ("Jungkoook", "jungkook"),
        ("Jung-kook", "jungkook"),
        ("taylr swift", "taylor-swift"),
        ("the weekend", "the-weeknd"),
        ("olivia rodrgo", "olivia-rodrigo"),
        ("one republic", "onerepublic"),
        ("Moneskin", "maneskin"),
        ("TXT", "txt"),
        ("megan the stallion", "megan-thee-stallion"),
        ("RM", "rm"),
        ("V", "v"),
    ],
)
def test_artist_aliases_and_typos(engine: Engine, text: str, artist: str) -> None:
    assert _ids(engine, f"what did {text} win", "artist") == [artist]


@pytest.mark.parametrize(
    ("text", "ceremony"),
    [
        ("AMAs", "ama"),
        ("american music awards", "ama"),
        ("AMA", "ama"),
        ("MTV EMAs", "ema"),
        ("emas", "ema"),
        ("Europe Music Awards", "ema"),
        ("Mnet Asian Music Awards", "mama"),
        ("MAMA", "mama"),
        ("american musc awards", "ama"),
    ],
)
def test_ceremony_aliases(engine: Engine, text: str, ceremony: str) -> None:
    assert _ids(engine, f"bts at the {text}", "ceremony") == [ceremony]


@pytest.mark.parametrize("text", ["VMAs", "BBMAs", "Grammys", "Billboard Music Awards", "vma"])
def test_other_award_shows_are_never_ours(engine: Engine, text: str) -> None:
    rec = engine.recognizer.recognize(f"how many {text} did bts win")
    assert rec.ids("ceremony") == []
    assert rec.ids("other_ceremony")


@pytest.mark.parametrize("word", ["bt", "btss", "rn", "ema1", "mam", "amma"])
def test_short_names_match_exactly_only(engine: Engine, word: str) -> None:
    rec = engine.recognizer.recognize(f"{word} wins")
    assert rec.ids("artist") == [] and rec.ids("ceremony") == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Favorite Pop Duo/Group", "ama-favorite-pop-duo-or-group"),
        ("favourite pop duo or group", "ama-favorite-pop-duo-or-group"),
        ("best k-pop", "ema-best-k-pop"),
        ("Best KPop", "ema-best-k-pop"),
        ("best sogn", "ema-best-song"),
        ("worldwide icon of the yaer", "mama-worldwide-icon-of-the-year"),
    ],
)
def test_category_aliases_and_typos(engine: Engine, text: str, category: str) -> None:
    assert _ids(engine, f"who won {text}", "category") == [category]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("November 21", MonthDay(11, 21)),
        ("nov 21", MonthDay(11, 21)),
        ("21 Nov", MonthDay(11, 21)),
        ("11/21", MonthDay(11, 21)),
        ("the 4th of December", MonthDay(12, 4)),
        ("Nov. 5, 2023", MonthDay(11, 5, 2023)),
        ("2/29", MonthDay(2, 29)),
    ],
)
def test_dates(text: str, expected: MonthDay) -> None:
    assert find_dates(f"what happened on {text}?")[0] == [expected]


@pytest.mark.parametrize("text", ["may I ask", "march 2021", "feb 30", "13/45", "Maroon 5"])
def test_not_dates(text: str) -> None:
    assert find_dates(text)[0] == []
