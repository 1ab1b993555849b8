"""Facts pinned per seed article, checked through the store's query functions."""

from __future__ import annotations

import datetime as dt

from bot.core.store import FactStore


def _won(store: FactStore, nominee: str, ceremony: str, year: int) -> set[str]:
    return {store.categories[r.category].name for r in store.wins(nominee, ceremony, year) if r.category}


def _documents(store: FactStore, facts: list) -> set[str]:
    return {s.document[:3] for s in store.sources_of(facts)}


# --- 000: 2023 MAMA Awards ------------------------------------------------------------
def test_000_mama_total_streak_and_daesangs(store: FactStore) -> None:
    total = store.records["bts-mama-total-wins"]
    assert (total.subject, total.ceremony, total.value, total.as_of) == ("bts", "mama", 50, 2023)
    streak = store.records["bts-worldwide-icon-streak"]
    assert (streak.category, streak.value) == ("mama-worldwide-icon-of-the-year", 6)
    assert store.records["bts-daesang-total"].value == 74
    assert _won(store, "bts", "mama", 2023) == {"Worldwide Icon of the Year"}
    assert _documents(store, [total, streak]) == {"000"}


def test_000_enlistment_is_dated_and_members_listed(store: FactStore) -> None:
    event = store.events["bts-enlistment-2023"]
    assert (dt.date(2023, 11, 22), event) in [(i.date, i.fact) for i in store.on_month_day(11, 22)]
    assert set(event.participants) >= {"rm", "jimin", "v", "jungkook"}
    assert {m.name for m in store.members_by_group["bts"]} == {"Jungkook", "RM", "Jimin", "V", "Jin", "J-Hope", "SUGA"}
    leader = next(m for m in store.entities["rm"].member_of if m.group == "bts")
    assert leader.role == "leader"


# --- 001: 2023 MTV EMAs ------------------------------------------------------------------
def test_001_jungkook_two_wins_and_best_song_nominees(store: FactStore) -> None:
    assert _won(store, "jungkook", "ema", 2023) == {"Best Song", "Best K-Pop"}
    rows = store.category_results("ema-2023", "ema-best-song")
    assert rows[0].nominee == "jungkook" and rows[0].work == "seven" and rows[0].result == "won"
    assert {r.nominee for r in rows[1:]} == {
        "doja-cat",
        "miley-cyrus",
        "olivia-rodrigo",
        "sza",
        "taylor-swift",
        "rema",
        "selena-gomez",
    }
    assert all(r.result == "nominated" for r in rows[1:])


def test_001_2022_ema_results_and_cancellation(store: FactStore) -> None:
    assert _won(store, "lisa", "ema", 2022) == {"Best K-Pop"}
    assert _won(store, "bts", "ema", 2022) == {"Biggest Fans"}
    assert [r.work for r in store.wins("nicki-minaj", "ema", 2022)] == ["super-freaky-girl"]
    edition = store.edition("ema", 2023)
    assert edition is not None
    assert edition.status == "winners_announced_online" and edition.date == dt.date(2023, 11, 5)
    assert edition.planned_place == "Paris" and "Israel" in (edition.status_reason or "")


def test_001_seven_release_and_chart_records(store: FactStore) -> None:
    seven = store.entities["seven"]
    assert seven.released == dt.date(2023, 7, 14)
    assert seven.artists == ["jungkook"] and seven.featuring == ["latto", "han-so-hee"]
    assert store.records["seven-spotify-global-number-one"].value == 70
    assert store.ceremonies["ema"].founded == 1994


# --- 002: 2022 AMAs and AMA history -----------------------------------------------------
def test_002_2022_ama_wins_nominees_and_place(store: FactStore) -> None:
    assert _won(store, "bts", "ama", 2022) == {"Favorite Pop Duo or Group", "Favorite K-Pop Artist"}
    duo = {r.nominee for r in store.category_results("ama-2022", "ama-favorite-pop-duo-or-group") if r.result != "won"}
    assert duo == {"coldplay", "imagine-dragons", "maneskin", "onerepublic"}
    kpop = {r.nominee for r in store.category_results("ama-2022", "ama-favorite-k-pop-artist") if r.result != "won"}
    assert kpop == {"blackpink", "seventeen", "txt", "twice"}
    edition = store.edition("ama", 2022)
    assert edition is not None and edition.date == dt.date(2022, 11, 21) and edition.place == "Los Angeles, USA"
    assert store.categories["ama-favorite-k-pop-artist"].introduced == 2022


def test_002_ama_founding_and_history(store: FactStore) -> None:
    ama = store.ceremonies["ama"]
    assert (ama.founder, ama.founded, ama.network, ama.first_ceremony) == ("dick-clark", 1973, "ABC", 1974)
    assert [(m.since, m.until) for m in ama.winner_selection] == [(1973, 2005), (2006, None)]
    first = store.wins("bts", "ama")[0]
    assert (store.editions[first.edition].year, first.category, first.first_at_ceremony) == (
        2018,
        "ama-favorite-social-artist",
        True,
    )
    years = [store.editions[r.edition].year for r in store.wins("bts", "ama", category="ama-favorite-pop-duo-or-group")]
    assert years == [2019, 2020, 2021, 2022]
    assert store.records["bts-ama-winning-streak"].value == 5


# --- 003 and 004: 2021 AMAs -------------------------------------------------------------
def test_003_004_three_2021_ama_wins_cite_both_articles(store: FactStore) -> None:
    wins = [r for r in store.wins("bts", "ama", 2021)]
    assert {store.categories[r.category].name for r in wins} == {
        "Artist of the Year",
        "Favorite Pop Duo or Group",
        "Favorite Pop Song",
    }
    assert [r.work for r in wins if r.category == "ama-favorite-pop-song"] == ["butter"]
    assert {"003", "004"} <= _documents(store, wins)


def test_003_2021_nominees_and_ema_sweep(store: FactStore) -> None:
    aoty = {r.nominee for r in store.category_results("ama-2021", "ama-artist-of-the-year") if r.result != "won"}
    assert aoty == {"drake", "ariana-grande", "the-weeknd", "taylor-swift", "olivia-rodrigo"}
    duo = {r.nominee for r in store.category_results("ama-2021", "ama-favorite-pop-duo-or-group") if r.result != "won"}
    assert duo == {"ajr", "glass-animals", "maroon-5", "silk-sonic"}
    assert _won(store, "bts", "ema", 2021) == {"Best Group", "Biggest Fans", "Best Pop", "Best K-Pop"}
    assert dt.date(2021, 12, 4) in [i.date for i in store.on_month_day(12, 4)]


def test_004_performances_and_presidential_note(store: FactStore) -> None:
    performed = {w for e in store.events_by_edition["ama-2021"] if e.kind == "performance" for w in e.works}
    assert performed == {"butter", "my-universe"}
    assert store.events["bts-reply-to-moon"] in [i.fact for i in store.on_month_day(11, 23)]
    others = {r.nominee for r in store.results_by_edition["ama-2021"] if r.category is None}
    assert others == {"taylor-swift", "ed-sheeran", "doja-cat", "megan-thee-stallion"}
