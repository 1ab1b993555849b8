"""End to end: every kind of button still gets an answer after the bot restarts, and unknown ones a polite one."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from bot.discord import components
from bot.discord.components import SuggestionButton, question_digest
from tests.discord.conftest import Harness
from tests.discord.fake_discord import CHANNEL_ID

EPHEMERAL = 64


def buttons(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for row in data.get("components", []) for c in row["components"]]


def message_with(h: Harness, data: dict[str, Any]) -> str:
    return next(m["id"] for m in h.fake.messages.values() if m["embeds"] and m["embeds"] == data["embeds"])


async def click(h: Harness, message_id: str, custom_id: str, user_id: int = 1001) -> dict[str, Any]:
    index, payload = await h.fake.click(message_id, custom_id, user_id=user_id)
    return (await h.fake.response(index, payload)).body


async def test_did_you_mean_buttons_answer_after_a_restart(harness: Harness) -> None:
    h = harness
    index, payload = await h.fake.slash("ask", {"question": "Who won Artist of the Year at the 2022 AMAs?"})
    data = (await h.fake.response(index, payload)).body["data"]
    suggestion = buttons(data)[0]
    message_id = message_with(h, data)
    await h.restart()
    answered = await click(h, message_id, suggestion["custom_id"])
    assert answered["type"] == 4
    embed = answered["data"]["embeds"][0]
    assert embed["title"] == suggestion["label"] and not embed["description"].startswith("I don't know")


async def test_a_long_suggestion_is_named_by_a_digest_that_survives_a_restart(harness: Harness) -> None:
    h = harness
    long_question = max(h.bot.engine.suggester.questions, key=lambda q: len(q.text)).text
    button = SuggestionButton(long_question)
    assert len(long_question) > 94 or button.item.custom_id == f"ask:s:{long_question}"
    if len(long_question) > 94:
        assert button.item.custom_id == f"ask:h:{question_digest(long_question)}"
    assert h.bot.engine.suggester.by_digest(question_digest(long_question)) == long_question
    assert h.bot.engine.suggester.by_digest("0" * 16) is None


async def test_page_buttons_turn_pages_after_a_restart(harness: Harness) -> None:
    h = harness
    index, payload = await h.fake.slash("awards", {"artist": "BTS"})
    data = (await h.fake.response(index, payload)).body["data"]
    message_id = message_with(h, data)
    await h.restart()
    turned = await click(h, message_id, buttons(data)[1]["custom_id"])
    assert turned["type"] == 7
    assert turned["data"]["embeds"][0]["footer"]["text"].startswith("Page 2/")


async def test_old_quiz_buttons_and_answer_boxes_get_a_polite_private_reply(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = harness
    index, payload = await h.fake.slash("quiz", {"rounds": 2}, subcommand="start")
    await h.fake.response(index, payload)
    post = await h.fake.wait_for_call(lambda c: c.path == f"/channels/{CHANNEL_ID}/messages", after=index)
    question = copy.deepcopy(next(m for m in h.fake.messages.values() if m["embeds"] == post.body["embeds"]))
    old = buttons(question)
    await h.restart()  # the new bot marks the game interrupted and takes the buttons off its message
    assert h.fake.messages[question["id"]]["components"] == []
    for button in (old[0], old[-1]):  # an answer, and the "type your answer" button, on a client that missed the edit
        index, payload = await h.fake.click(question["id"], button["custom_id"], stale=question)
        reply = (await h.fake.response(index, payload)).body
        assert reply["type"] == 4 and reply["data"]["flags"] & EPHEMERAL
        assert "This quiz is over" in reply["data"]["content"]
    game_id = old[0]["custom_id"].split(":")[1]
    index, payload = await h.fake.submit_modal(f"quiz:{game_id}:1:modal:1001", {"answer": "BTS"})
    reply = (await h.fake.response(index, payload)).body
    assert reply["data"]["flags"] & EPHEMERAL and "no longer works" in reply["data"]["content"]
    # A click Discord delivers for a button the message no longer has is still answered, before the deadline.
    monkeypatch.setattr(components, "ANSWER_DEADLINE_SECONDS", 0.1)
    reply = await click(h, question["id"], old[0]["custom_id"])
    assert reply["data"]["flags"] & EPHEMERAL and "no longer works" in reply["data"]["content"]


async def test_an_unknown_button_gets_a_polite_private_reply(harness: Harness) -> None:
    h = harness
    message = h.fake._store_message(CHANNEL_ID, {"content": "old", "components": [
        {"type": 1, "components": [{"type": 2, "style": 2, "label": "Old", "custom_id": "suggest:0"}]}
    ]})  # fmt: skip
    reply = await click(h, message["id"], "suggest:0")
    assert reply["type"] == 4 and reply["data"]["flags"] & EPHEMERAL
    assert "no longer works" in reply["data"]["content"]
