"""End to end through the fake Discord: /ask, autocomplete, suggestions, mentions, errors."""

from __future__ import annotations

from tests.discord.conftest import Harness

EPHEMERAL = 64


async def test_login_and_sync(harness: Harness) -> None:
    names = {c["name"] for c in harness.fake.commands}
    assert {"ask", "awards", "onthisday", "about", "sources"} <= names
    ask = next(c for c in harness.fake.commands if c["name"] == "ask")
    question = ask["options"][0]
    assert question["max_length"] == 300 and question["autocomplete"] is True


async def test_ask_answers_in_an_embed_with_sources(harness: Harness) -> None:
    fake = harness.fake
    index, payload = await fake.slash("ask", {"question": "How many AMAs did BTS win in 2021?"})
    call = await fake.response(index, payload)
    assert call.body["type"] == 4
    data = call.body["data"]
    assert not data.get("flags", 0) & EPHEMERAL
    assert data["allowed_mentions"] == {"parse": []}
    embed = data["embeds"][0]
    assert "BTS won 3 awards" in embed["description"]
    assert "Sources:" in embed["footer"]["text"] and "2021" in embed["footer"]["text"]


async def test_unknown_question_is_private_with_did_you_mean_buttons_that_answer(harness: Harness) -> None:
    fake = harness.fake
    index, payload = await fake.slash("ask", {"question": "Who won Artist of the Year at the 2022 AMAs?"})
    call = await fake.response(index, payload)
    data = call.body["data"]
    assert data["flags"] & EPHEMERAL
    assert data["embeds"][0]["description"].startswith("I don't know that.")
    buttons = [c for row in data["components"] for c in row["components"]]
    assert 1 <= len(buttons) <= 3
    message_id = next(m["id"] for m in fake.messages.values() if m["components"] == data["components"])
    index, click = await fake.click(message_id, buttons[0]["custom_id"])
    answered = await fake.response(index, click)
    assert answered.body["type"] == 4
    embed = answered.body["data"]["embeds"][0]
    assert embed["title"] == buttons[0]["label"]
    assert not embed["description"].startswith("I don't know")


async def test_ask_autocomplete_offers_answerable_questions(harness: Harness) -> None:
    fake = harness.fake
    index, payload = await fake.autocomplete("ask", "question", "who won best")
    call = await fake.response(index, payload)
    assert call.body["type"] == 8
    choices = call.body["data"]["choices"]
    assert 0 < len(choices) <= 25
    assert all(len(c["name"]) <= 100 for c in choices)
    assert any("Best Song" in c["value"] for c in choices)
    for choice in choices[:5]:
        assert harness.bot.engine.ask(choice["value"]).answered


async def test_user_text_is_escaped_and_nobody_is_pinged(harness: Harness) -> None:
    fake = harness.fake
    index, payload = await fake.slash("ask", {"question": "@everyone **how many amas did beyonce win** <@&42>"})
    data = (await fake.response(index, payload)).body["data"]
    assert data["allowed_mentions"] == {"parse": []}
    embed = data["embeds"][0]
    text = embed["title"] + embed["description"]
    assert "@everyone" not in text and "**how" not in text
    assert "@\u200beveryone" in embed["title"]


async def test_mention_is_answered_as_a_reply_without_pings(harness: Harness) -> None:
    from tests.discord.fake_discord import BOT_ID, CHANNEL_ID, user

    fake = harness.fake
    index, message = await fake.post_message(
        f"<@{BOT_ID}> who won best song at the 2023 emas", mentions=[user(BOT_ID, "TriviaBot", bot=True)]
    )
    call = await fake.wait_for_call(
        lambda c: c.method == "POST" and c.path == f"/channels/{CHANNEL_ID}/messages", after=index
    )
    assert str(call.body["message_reference"]["message_id"]) == message["id"]
    assert call.body["allowed_mentions"] == {"parse": [], "replied_user": False}
    assert "Jungkook" in call.body["embeds"][0]["description"]


async def test_messages_without_a_mention_are_ignored(harness: Harness) -> None:
    fake = harness.fake
    index, _ = await fake.post_message("@everyone who won best song at the 2023 emas", mention_everyone=True)
    index2, payload = await fake.slash("about")
    await fake.response(index2, payload)
    assert not [c for c in fake.calls[index:] if c.path.endswith("/messages") and c.method == "POST"]


async def test_a_failing_command_apologises_and_the_bot_keeps_serving(harness: Harness, monkeypatch, caplog) -> None:
    fake = harness.fake
    engine = harness.bot.engine
    real_ask = engine.ask

    def broken(question: str, today=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "ask", broken)
    index, payload = await fake.slash("ask", {"question": "who founded the amas"})
    call = await fake.response(index, payload)
    assert call.body["data"]["flags"] & EPHEMERAL
    assert call.body["data"]["content"].startswith("Sorry, something went wrong")
    assert "RuntimeError: boom" in caplog.text
    monkeypatch.setattr(engine, "ask", real_ask)
    index, payload = await fake.slash("ask", {"question": "who founded the amas"})
    call = await fake.response(index, payload)
    assert "Dick Clark" in call.body["data"]["embeds"][0]["description"]


async def test_one_cooldown_for_slash_questions_and_mentions(harness: Harness) -> None:
    from tests.discord.fake_discord import BOT_ID, CHANNEL_ID, user

    fake = harness.fake
    harness.bot.ask_cooldown.seconds = 30
    index, payload = await fake.slash("ask", {"question": "who founded the amas"})
    assert "embeds" in (await fake.response(index, payload)).body["data"]
    index, payload = await fake.slash("ask", {"question": "who founded the amas"})
    data = (await fake.response(index, payload)).body["data"]
    assert data["flags"] & EPHEMERAL and data["content"].startswith("Easy there!")
    index, payload = await fake.slash("ask", {"question": "who founded the amas"}, user_id=2002)
    assert "embeds" in (await fake.response(index, payload)).body["data"]

    # The same member asking by mention right after /ask waits too: told once, then ignored.
    def posts(after: int) -> list:
        return [c for c in fake.calls[after:] if c.method == "POST" and c.path == f"/channels/{CHANNEL_ID}/messages"]

    mention = f"<@{BOT_ID}> who won best song at the 2023 emas"
    me = [user(BOT_ID, "TriviaBot", bot=True)]
    index, _ = await fake.post_message(mention, mentions=me)
    told = await fake.wait_for_call(lambda c: c.method == "POST" and c.path.endswith("/messages"), after=index)
    assert told.body["content"].startswith("Easy there!") and "embeds" not in told.body
    index, _ = await fake.post_message(mention, mentions=me)
    index2, about = await fake.slash("about", user_id=3003)
    await fake.response(index2, about)
    assert posts(index) == []
    harness.clock.advance(seconds=31)
    index, _ = await fake.post_message(mention, mentions=me)
    answer = await fake.wait_for_call(lambda c: c.method == "POST" and c.path.endswith("/messages"), after=index)
    assert "Jungkook" in answer.body["embeds"][0]["description"]


async def test_token_never_appears_in_logs(harness: Harness, caplog) -> None:
    from tests.discord.conftest import TOKEN

    index, payload = await harness.fake.slash("about")
    await harness.fake.response(index, payload)
    assert TOKEN not in caplog.text
    assert TOKEN not in repr(harness.bot.settings)


async def test_sync_to_a_development_guild(harness: Harness) -> None:
    from bot.discord.runner import sync_tree
    from tests.discord.fake_discord import APP_ID, GUILD_ID

    index = len(harness.fake.calls)
    names = await sync_tree(harness.bot, GUILD_ID)
    assert {"ask", "awards", "onthisday", "about", "sources"} <= set(names)
    assert any(
        c.method == "PUT" and c.path == f"/applications/{APP_ID}/guilds/{GUILD_ID}/commands"
        for c in harness.fake.calls[index:]
    )
