"""End to end: a quiz through the fake Discord, and scores that survive a restart."""

from __future__ import annotations

from typing import Any

from bot.discord.cogs.quiz import QuizCog
from tests.discord.conftest import Harness
from tests.discord.fake_discord import CHANNEL_ID, MODERATOR_PERMISSIONS, OTHER_CHANNEL_ID, Call

EPHEMERAL = 64


def cog(h: Harness) -> QuizCog:
    found = h.bot.get_cog("QuizCog")
    assert isinstance(found, QuizCog)
    return found


async def next_post(h: Harness, index: int, channel_id: int = CHANNEL_ID) -> tuple[Call, dict[str, Any]]:
    """Wait for the bot to post in a channel; return the call and the stored message."""
    call = await h.fake.wait_for_call(
        lambda c: c.method == "POST" and c.path == f"/channels/{channel_id}/messages", after=index
    )
    message = next(
        m
        for m in reversed(list(h.fake.messages.values()))
        if m["channel_id"] == str(channel_id) and m["embeds"] == call.body.get("embeds")
    )
    return call, message


def answer_button(h: Harness, channel_id: int, *, right: bool) -> str:
    game = cog(h).service.games[channel_id]
    index = game.question.answer_index if right else (game.question.answer_index + 1) % 4
    return f"quiz:{game.game_id}:{game.round_number}:{index}"


async def click(h: Harness, message_id: str, custom_id: str, user_id: int) -> dict[str, Any]:
    index, payload = await h.fake.click(message_id, custom_id, user_id=user_id, user_name=f"fan{user_id}")
    return (await h.fake.response(index, payload)).body


async def start_game(
    h: Harness, rounds: int, channel_id: int = CHANNEL_ID, user_id: int = 1001, **options: Any
) -> dict[str, Any]:
    index, payload = await h.fake.slash(
        "quiz", {"rounds": rounds, **options}, subcommand="start", channel_id=channel_id, user_id=user_id
    )
    announce = (await h.fake.response(index, payload)).body
    assert announce["type"] == 4 and "Quiz" in announce["data"]["content"]
    _, message = await next_post(h, index, channel_id)
    return message


async def test_a_full_game_with_several_members(harness: Harness) -> None:
    h = harness
    question = await start_game(h, rounds=2)
    assert question["embeds"][0]["title"] == "Question 1/2"
    buttons = [b for row in question["components"] for b in row["components"]]
    assert len(buttons) == 5 and buttons[-1]["label"] == "✍️ Type answer"

    locked = await click(h, question["id"], answer_button(h, CHANNEL_ID, right=True), 1)
    assert locked["data"]["flags"] & EPHEMERAL and locked["data"]["content"].startswith("🔒 Locked in")
    again = await click(h, question["id"], answer_button(h, CHANNEL_ID, right=False), 1)
    assert again["data"]["content"] == "You've already answered this round."
    await click(h, question["id"], answer_button(h, CHANNEL_ID, right=False), 2)
    await click(h, question["id"], answer_button(h, CHANNEL_ID, right=True), 3)

    h.clock.advance(seconds=20)
    index = len(h.fake.calls)
    await cog(h).tick()
    reveal = await h.fake.wait_for_call(lambda c: c.method == "PATCH" and c.path.endswith(question["id"]), after=index)
    fields = {f["name"]: f["value"] for f in reveal.body["embeds"][0]["fields"]}
    assert fields["Answer"].startswith("✅")
    assert fields["Got it (2/3)"] == "<@1>, <@3>"
    assert reveal.body["components"] == []
    assert reveal.body["allowed_mentions"] == {"parse": []}
    assert "Sources:" in reveal.body["embeds"][0]["footer"]["text"]

    _, second = await next_post(h, index)
    assert second["embeds"][0]["title"] == "Question 2/2"
    await click(h, second["id"], answer_button(h, CHANNEL_ID, right=True), 3)
    h.clock.advance(seconds=20)
    index = len(h.fake.calls)
    await cog(h).tick()
    final, _ = await next_post(h, index)
    standings = final.body["embeds"][0]
    assert standings["title"] == "🏁 Quiz over!"
    assert "🏆 Winner: <@3>" in standings["description"] and "<@1>: 1 point" in standings["description"]

    index, payload = await h.fake.slash("quiz", {}, subcommand="leaderboard", user_id=1)
    board = (await h.fake.response(index, payload)).body["data"]["embeds"][0]
    assert board["description"].splitlines()[0] == "**1.** <@3>: 2 points"
    assert board["footer"]["text"] == "You are #2 with 1 points."
    index, payload = await h.fake.slash("quiz", {"period": "this week"}, subcommand="leaderboard", user_id=1)
    assert "<@3>: 2 points" in (await h.fake.response(index, payload)).body["data"]["embeds"][0]["description"]

    index, payload = await h.fake.slash("quiz", {}, subcommand="stats", user_options={"member": 3}, user_id=1)
    stats = {f["name"]: f["value"] for f in (await h.fake.response(index, payload)).body["data"]["embeds"][0]["fields"]}
    assert stats == {
        "Points": "2",
        "Correct": "2",
        "Answered": "2",
        "Accuracy": "100%",
        "Games": "1",
        "Wins": "1",
        "Best streak": "2",
    }


async def test_typed_answers_through_the_modal_one_box_per_member(harness: Harness) -> None:
    h = harness
    question = await start_game(h, rounds=1)
    game = cog(h).service.games[CHANNEL_ID]
    boxes = {}
    for member in (7, 8):  # both open the box before either answers
        opened = await click(h, question["id"], f"quiz:{game.game_id}:1:type", member)
        assert opened["type"] == 9
        boxes[member] = opened["data"]["custom_id"]
    assert boxes[7] != boxes[8] and boxes[7].endswith(":7")
    for member, typed in ((7, game.question.answer), (8, "definitely not it")):
        index, payload = await h.fake.submit_modal(
            boxes[member], {"answer": typed}, message_id=question["id"], user_id=member
        )
        confirm = (await h.fake.response(index, payload)).body["data"]
        assert confirm["flags"] & EPHEMERAL and confirm["content"].startswith("🔒 Locked in")
    h.clock.advance(seconds=20)
    await cog(h).tick()
    assert game.scores == {7: 1, 8: 0}


async def test_stop_needs_the_starter_or_manage_messages(harness: Harness) -> None:
    h = harness
    await start_game(h, rounds=3, user_id=1001)
    index, payload = await h.fake.slash("quiz", {}, subcommand="stop", user_id=2002)
    refused = (await h.fake.response(index, payload)).body["data"]
    assert refused["flags"] & EPHEMERAL and "Only the person who started" in refused["content"]
    index, payload = await h.fake.slash("quiz", {}, subcommand="stop", user_id=3003, permissions=MODERATOR_PERMISSIONS)
    stopped = (await h.fake.response(index, payload)).body["data"]
    assert stopped["embeds"][0]["title"] == "⏹️ Quiz stopped"
    assert CHANNEL_ID not in cog(h).service.games
    index, payload = await h.fake.slash("quiz", {}, subcommand="stop", user_id=1001)
    assert "No quiz is running" in (await h.fake.response(index, payload)).body["data"]["content"]


async def test_concurrent_games_in_two_channels_do_not_interfere(harness: Harness) -> None:
    h = harness
    first = await start_game(h, rounds=2, channel_id=CHANNEL_ID)
    index, payload = await h.fake.slash("quiz", {"rounds": 2}, subcommand="start", channel_id=CHANNEL_ID, user_id=5)
    busy = (await h.fake.response(index, payload)).body["data"]
    assert busy["flags"] & EPHEMERAL and "already running" in busy["content"]
    second = await start_game(h, rounds=2, channel_id=OTHER_CHANNEL_ID, user_id=5, topic="MAMA Awards")
    await click(h, first["id"], answer_button(h, CHANNEL_ID, right=True), 1)
    await click(h, second["id"], answer_button(h, OTHER_CHANNEL_ID, right=True), 2)
    games = cog(h).service.games
    assert games[CHANNEL_ID].game_id != games[OTHER_CHANNEL_ID].game_id
    assert all("mama" in q.topics for q in games[OTHER_CHANNEL_ID].questions)
    h.clock.advance(seconds=20)
    await cog(h).tick()
    assert games[CHANNEL_ID].scores == {1: 1} and games[OTHER_CHANNEL_ID].scores == {2: 1}


async def test_topic_autocomplete_and_unknown_topic(harness: Harness) -> None:
    h = harness
    index, payload = await h.fake.autocomplete("quiz", "topic", "ma", subcommand="start")
    values = [c["value"] for c in (await h.fake.response(index, payload)).body["data"]["choices"]]
    assert "MAMA Awards" in values
    index, payload = await h.fake.slash("quiz", {"topic": "Grammys"}, subcommand="start")
    data = (await h.fake.response(index, payload)).body["data"]
    assert data["flags"] & EPHEMERAL and "don't know a topic" in data["content"]


async def test_two_unanswered_rounds_end_the_game(harness: Harness) -> None:
    h = harness
    await start_game(h, rounds=5)
    for _ in range(2):
        h.clock.advance(seconds=20)
        index = len(h.fake.calls)
        await cog(h).tick()
    final, _ = await next_post(h, index)
    assert "No one answered 2 rounds in a row" in final.body["embeds"][0]["description"]
    assert CHANNEL_ID not in cog(h).service.games


async def test_scores_survive_a_restart_and_interrupted_games_are_closed(harness: Harness) -> None:
    h = harness
    question = await start_game(h, rounds=3)
    await click(h, question["id"], answer_button(h, CHANNEL_ID, right=True), 42)
    h.clock.advance(seconds=20)
    index = len(h.fake.calls)
    await cog(h).tick()
    _, in_progress = await next_post(h, index)

    index = len(h.fake.calls)
    await h.restart()
    edited = await h.fake.wait_for_call(
        lambda c: c.method == "PATCH" and c.path.endswith(in_progress["id"]), after=index
    )
    assert "interrupted by a restart" in edited.body["content"] and edited.body["components"] == []
    index, payload = await h.fake.slash("quiz", {}, subcommand="leaderboard", user_id=42)
    board = (await h.fake.response(index, payload)).body["data"]["embeds"][0]
    assert board["description"] == "**1.** <@42>: 1 point"
    assert not cog(h).service.games
