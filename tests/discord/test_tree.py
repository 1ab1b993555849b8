"""The error reply goes out whether or not the interaction was already answered."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import discord
from discord import app_commands

from bot.discord.tree import APOLOGY, describe_error, reply_privately


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str, dict[str, Any]]] = []

    def sender(self, kind: str):
        async def send(message: str, **kwargs: Any) -> None:
            self.calls.append((kind, message, kwargs))

        return send


def interaction(done: bool, recorder: Recorder) -> Any:
    response = SimpleNamespace(is_done=lambda: done, send_message=recorder.sender("response"))
    return SimpleNamespace(
        type=discord.InteractionType.application_command,
        response=response,
        followup=SimpleNamespace(send=recorder.sender("followup")),
        id=1,
    )


async def test_unanswered_interaction_gets_a_response() -> None:
    rec = Recorder()
    await reply_privately(interaction(False, rec), APOLOGY)
    assert [(k, m, kw["ephemeral"]) for k, m, kw in rec.calls] == [("response", APOLOGY, True)]


async def test_answered_interaction_gets_a_followup() -> None:
    rec = Recorder()
    await reply_privately(interaction(True, rec), APOLOGY)
    assert [(k, kw["ephemeral"]) for k, _, kw in rec.calls] == [("followup", True)]
    assert rec.calls[0][2]["allowed_mentions"].to_dict() == {"parse": []}


def test_errors_are_described_for_people() -> None:
    message, bug = describe_error(app_commands.MissingPermissions(["manage_guild"]))
    assert message == "You need the Manage Server permission to do that." and not bug
    message, bug = describe_error(app_commands.AppCommandError("boom"))
    assert message == APOLOGY and bug
