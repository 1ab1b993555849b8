"""Buttons: "did you mean" suggestions and page turning."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import discord

from bot.discord.render import clip
from bot.discord.tree import APOLOGY, reply_privately

log = logging.getLogger(__name__)


class BaseView(discord.ui.View):
    """A view whose errors are logged and answered with a short apology."""

    async def on_error(self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]) -> None:
        log.error("Button %r failed", getattr(item, "custom_id", item), exc_info=error)
        await reply_privately(interaction, APOLOGY)


class SuggestionView(BaseView):
    """Up to three "did you mean" buttons; a click answers that question."""

    def __init__(
        self,
        suggestions: Sequence[str],
        answer: Callable[[discord.Interaction, str], Awaitable[None]],
        *,
        timeout: float = 600,
    ) -> None:
        super().__init__(timeout=timeout)
        for index, question in enumerate(suggestions[:3]):
            button: discord.ui.Button[SuggestionView] = discord.ui.Button(
                label=clip(question, 80), style=discord.ButtonStyle.secondary, custom_id=f"suggest:{index}"
            )
            button.callback = self._make_callback(question, answer)  # type: ignore[method-assign]
            self.add_item(button)

    @staticmethod
    def _make_callback(
        question: str, answer: Callable[[discord.Interaction, str], Awaitable[None]]
    ) -> Callable[[discord.Interaction], Awaitable[None]]:
        async def callback(interaction: discord.Interaction) -> None:
            await answer(interaction, question)

        return callback


class PagedView(BaseView):
    """Previous / next buttons over a list of embeds; only the person who asked turns pages."""

    def __init__(self, pages: Sequence[discord.Embed], owner_id: int, *, timeout: float = 600) -> None:
        super().__init__(timeout=timeout)
        self.pages = list(pages)
        self.owner_id = owner_id
        self.index = 0
        self._sync()

    def _sync(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            "Only the person who asked can turn these pages; run the command yourself to browse.", ephemeral=True
        )
        return False

    async def _show(self, interaction: discord.Interaction, step: int) -> None:
        self.index = max(0, min(len(self.pages) - 1, self.index + step))
        self._sync()
        await interaction.response.edit_message(embed=self.pages[self.index], view=self)

    @discord.ui.button(label="◀ Previous", style=discord.ButtonStyle.secondary, custom_id="page:previous")
    async def previous(self, interaction: discord.Interaction, button: discord.ui.Button[PagedView]) -> None:
        await self._show(interaction, -1)

    @discord.ui.button(label="Next ▶", style=discord.ButtonStyle.secondary, custom_id="page:next")
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button[PagedView]) -> None:
        await self._show(interaction, 1)
