"""End to end: /awards with autocomplete and paging, /onthisday, /about, /sources."""

from __future__ import annotations

from tests.discord.conftest import Harness

EPHEMERAL = 64


async def test_awards_pages_with_buttons_only_for_the_asker(harness: Harness) -> None:
    fake = harness.fake
    index, payload = await fake.slash("awards", {"artist": "Bangtan"})
    data = (await fake.response(index, payload)).body["data"]
    first = data["embeds"][0]
    assert first["title"].startswith("Awards: BTS")
    assert first["footer"]["text"].startswith("Page 1/2")
    assert len(first["description"].splitlines()) == 10
    buttons = [c for row in data["components"] for c in row["components"]]
    assert [b["disabled"] for b in buttons] == [True, False]
    message_id = next(m["id"] for m in fake.messages.values() if m["embeds"] and m["embeds"][0] == first)

    next_id = buttons[1]["custom_id"]
    index, click = await fake.click(message_id, next_id, user_id=9999)
    denied = (await fake.response(index, click)).body
    assert denied["type"] == 4 and denied["data"]["flags"] & EPHEMERAL

    index, click = await fake.click(message_id, next_id)
    turned = (await fake.response(index, click)).body
    assert turned["type"] == 7
    second = turned["data"]["embeds"][0]
    assert second["footer"]["text"].startswith("Page 2/2")
    assert second["description"] != first["description"]
    assert [b["disabled"] for row in turned["data"]["components"] for b in row["components"]] == [False, True]


async def test_awards_filters_and_refuses_unknown_names(harness: Harness) -> None:
    fake = harness.fake
    index, payload = await fake.slash("awards", {"artist": "BTS", "ceremony": "MTV EMAs", "year": 2021})
    embed = (await fake.response(index, payload)).body["data"]["embeds"][0]
    assert embed["description"].count("🏆") == 4 and "Best Group" in embed["description"]
    index, payload = await fake.slash("awards", {"artist": "Beyoncé @everyone"})
    data = (await fake.response(index, payload)).body["data"]
    assert data["flags"] & EPHEMERAL and "@everyone" not in data["content"]


async def test_awards_autocomplete_for_artist_and_ceremony(harness: Harness) -> None:
    fake = harness.fake
    index, payload = await fake.autocomplete("awards", "artist", "jung")
    choices = (await fake.response(index, payload)).body["data"]["choices"]
    assert choices[0]["value"] == "Jungkook"
    index, payload = await fake.autocomplete("awards", "ceremony", "mtv")
    choices = (await fake.response(index, payload)).body["data"]["choices"]
    assert choices[0]["value"] == "MTV Europe Music Awards"


async def test_onthisday_today_and_given_date(harness: Harness) -> None:
    fake = harness.fake
    index, payload = await fake.slash("onthisday")
    embed = (await fake.response(index, payload)).body["data"]["embeds"][0]
    assert embed["title"] == "On this day: November 22"
    assert "3 years ago today (2023)" in embed["description"] and "enlistment" in embed["description"]
    index, payload = await fake.slash("onthisday", {"date": "nov 21"})
    embed = (await fake.response(index, payload)).body["data"]["embeds"][0]
    assert "2022" in embed["description"] and "American Music Awards" in embed["description"]


async def test_onthisday_empty_day_shows_the_next_anniversary(harness: Harness) -> None:
    fake = harness.fake
    index, payload = await fake.slash("onthisday", {"date": "12/25"})
    embed = (await fake.response(index, payload)).body["data"]["embeds"][0]
    assert "Nothing I know of happened on December 25" in embed["description"]
    assert "Coming up, July 14" in embed["description"]
    index, payload = await fake.slash("onthisday", {"date": "Feb 30"})
    data = (await fake.response(index, payload)).body["data"]
    assert data["flags"] & EPHEMERAL and "couldn't read" in data["content"]


async def test_about_and_sources(harness: Harness) -> None:
    fake = harness.fake
    harness.clock.advance(hours=26, minutes=5)
    index, payload = await fake.slash("about")
    fields = {f["name"]: f["value"] for f in (await fake.response(index, payload)).body["data"]["embeds"][0]["fields"]}
    sources = len(harness.bot.store.sources)
    assert fields["Sources"] == str(sources) and int(fields["Facts"]) == harness.bot.store.fact_count
    assert fields["Uptime"] == "1d 2h 5m"
    index, payload = await fake.slash("sources")
    embed = (await fake.response(index, payload)).body["data"]["embeds"][0]
    assert embed["title"] == f"Sources ({sources})"
    assert "November 24, 2021" in embed["description"] and "date not given" in embed["description"]
