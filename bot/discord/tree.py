"""The command tree: one place that turns every failure into a short, private reply."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

log = logging.getLogger(__name__)

APOLOGY = "Sorry, something went wrong on my side. It has been logged; please try again."
DRAINING = "I'm restarting right now; please try again in a minute."


async def reply_privately(interaction: discord.Interaction, message: str) -> None:
    """Send an ephemeral message, whether or not the interaction was already answered."""
    try:
        if interaction.type is discord.InteractionType.autocomplete:
            if not interaction.response.is_done():
                await interaction.response.autocomplete([])
            return
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True, allowed_mentions=discord.AllowedMentions.none())
        else:
            await interaction.response.send_message(
                message, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
    except discord.HTTPException:
        log.warning("Could not send an error reply for interaction %s", interaction.id, exc_info=True)


def describe_error(error: app_commands.AppCommandError) -> tuple[str, bool]:
    """Return the message for a command error and whether it is a bug worth a traceback."""
    if isinstance(error, Draining):
        return DRAINING, False
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Easy there! You can ask again in {error.retry_after:.0f} s.", False
    if isinstance(error, app_commands.MissingPermissions):
        perms = ", ".join(p.replace("_", " ").replace("guild", "server").title() for p in error.missing_permissions)
        return f"You need the {perms} permission to do that.", False
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That command only works in a server.", False
    if isinstance(error, app_commands.CheckFailure):
        return str(error) or "You can't use that here.", False
    if isinstance(error, app_commands.TransformerError):
        return f"I couldn't read that value: {discord.utils.escape_mentions(str(error.value))[:100]}", False
    return APOLOGY, True


class Draining(app_commands.CheckFailure):
    """The bot is shutting down and takes no new commands."""


class AwardTree(app_commands.CommandTree):
    """A command tree whose errors end in a short ephemeral reply and a logged traceback."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if getattr(interaction.client, "draining", False):
            raise Draining()
        return True

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        message, is_bug = describe_error(error)
        name = interaction.command.qualified_name if interaction.command else "?"
        if is_bug:
            original = getattr(error, "original", error)
            log.error("Command /%s failed", name, exc_info=(type(original), original, original.__traceback__))
        else:
            log.debug("Command /%s refused: %s", name, message)
        await reply_privately(interaction, message)
