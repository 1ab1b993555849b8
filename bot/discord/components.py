"""Buttons whose meaning lives in their `custom_id`, so they keep working after a restart.

Every button the bot sends is one of the `DYNAMIC_ITEMS` below (discord.py
`DynamicItem`): no view object is kept per message, and a click after a restart is
understood from the id alone. Any other component or modal the bot cannot place
gets a polite private reply at once, and `watch` answers anything still unanswered
just before Discord's 3-second limit, so no click ends in "This interaction failed".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from typing import TYPE_CHECKING, Any

import discord

from bot.core.questions import question_digest
from bot.discord.render import clip
from bot.discord.tree import APOLOGY, DRAINING, reply_privately

if TYPE_CHECKING:
    from bot.discord.bot import AwardBot
    from bot.discord.cogs.ask import AskCog
    from bot.discord.cogs.awards import AwardsCog
    from bot.discord.cogs.quiz import QuizCog

log = logging.getLogger(__name__)

MAX_CUSTOM_ID = 100
ANSWER_DEADLINE_SECONDS = 2.5  # Discord fails an interaction not answered within 3 s
EXPIRED = "That button no longer works (it may be from before a restart). Run the command again."


class _Component(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"(?!)"):
    """A persistent button: refuses politely while the bot shuts down, apologises when it fails."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if getattr(interaction.client, "draining", False):
            await reply_privately(interaction, DRAINING)
            return False
        return True

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self.run(interaction)
        except Exception:
            log.exception("Button %s failed", self.item.custom_id)
            await reply_privately(interaction, APOLOGY)

    async def run(self, interaction: discord.Interaction) -> None:
        """Do what the button is for."""
        raise NotImplementedError


class SuggestionButton(_Component, template=r"ask:(?P<form>[sh]):(?P<value>.+)"):
    """A "did you mean" question: clicking it answers that question."""

    def __init__(self, question: str) -> None:
        custom_id = f"ask:s:{question}"
        if len(custom_id) > MAX_CUSTOM_ID:
            custom_id = f"ask:h:{question_digest(question)}"
        super().__init__(
            discord.ui.Button(label=clip(question, 80), style=discord.ButtonStyle.secondary, custom_id=custom_id)
        )
        self.question = question

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button[Any], match: re.Match[str]
    ) -> SuggestionButton:
        value = match["value"]
        if match["form"] == "h":
            bot: AwardBot = interaction.client  # type: ignore[assignment]
            value = bot.engine.suggester.by_digest(value) or ""
        return cls(value)

    async def run(self, interaction: discord.Interaction) -> None:
        if not self.question:
            await reply_privately(interaction, "That suggestion is out of date. Ask again with /ask.")
            return
        cog: AskCog = interaction.client.get_cog("AskCog")  # type: ignore[assignment, union-attr]
        await cog.answer(interaction, self.question)


class PageButton(
    _Component,
    template=r"awards:(?P<step>[pn]):(?P<owner>\d+):(?P<page>\d+):(?P<artist>[a-z0-9-]*):(?P<ceremony>[a-z0-9-]*):(?P<year>\d*)",
):
    """Previous / next page of an /awards listing; only the member who asked turns pages."""

    def __init__(self, step: str, owner: int, page: int, query: tuple[str, str, str], *, disabled: bool) -> None:
        label = "◀ Previous" if step == "p" else "Next ▶"
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.secondary,
                custom_id=f"awards:{step}:{owner}:{page}:{':'.join(query)}",
                disabled=disabled,
            )
        )
        self.owner, self.page, self.query = owner, page, query

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button[Any], match: re.Match[str]
    ) -> PageButton:
        query = (match["artist"], match["ceremony"], match["year"])
        return cls(match["step"], int(match["owner"]), int(match["page"]), query, disabled=False)

    async def run(self, interaction: discord.Interaction) -> None:
        if interaction.user.id != self.owner:
            await reply_privately(
                interaction, "Only the person who asked can turn these pages; run /awards yourself to browse."
            )
            return
        cog: AwardsCog = interaction.client.get_cog("AwardsCog")  # type: ignore[assignment, union-attr]
        await cog.turn_page(interaction, self.owner, self.page, self.query)


def page_buttons(owner: int, page: int, pages: int, query: tuple[str, str, str]) -> discord.ui.View | None:
    """Return the previous/next buttons for page `page` of `pages` (None for a single page)."""
    if pages <= 1 or len(f"awards:p:{owner}:{pages}:{':'.join(query)}") > MAX_CUSTOM_ID:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(PageButton("p", owner, max(page - 1, 0), query, disabled=page == 0))
    view.add_item(PageButton("n", owner, min(page + 1, pages - 1), query, disabled=page >= pages - 1))
    return view


class QuizButton(_Component, template=r"quiz:(?P<game>\d+):(?P<round>\d+):(?P<action>[0-3]|type)"):
    """An answer (A-D) or the "type your answer" button of one quiz round."""

    def __init__(self, game: int, round_number: int, action: str, label: str = "") -> None:
        typed = action == "type"
        super().__init__(
            discord.ui.Button(
                label=label or ("✍️ Type answer" if typed else action),
                style=discord.ButtonStyle.secondary if typed else discord.ButtonStyle.primary,
                custom_id=f"quiz:{game}:{round_number}:{action}",
            )
        )
        self.game, self.round_number, self.action = game, round_number, action

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button[Any], match: re.Match[str]
    ) -> QuizButton:
        return cls(int(match["game"]), int(match["round"]), match["action"])

    async def run(self, interaction: discord.Interaction) -> None:
        cog: QuizCog = interaction.client.get_cog("QuizCog")  # type: ignore[assignment, union-attr]
        await cog.press(interaction, self.game, self.round_number, self.action)


DYNAMIC_ITEMS: tuple[type[_Component], ...] = (SuggestionButton, PageButton, QuizButton)


def is_known_component(custom_id: str) -> bool:
    """Say whether a component id belongs to one of the bot's persistent buttons."""
    return any(item.__discord_ui_compiled_template__.fullmatch(custom_id) for item in DYNAMIC_ITEMS)


async def watch(interaction: discord.Interaction, open_modals: set[str]) -> None:
    """Make sure a click or a modal submission gets an answer: at once when unknown, else before the deadline."""
    data = interaction.data or {}
    custom_id = str(data.get("custom_id", ""))
    if interaction.type is discord.InteractionType.component:
        known = is_known_component(custom_id)
    elif interaction.type is discord.InteractionType.modal_submit:
        known = custom_id in open_modals
    else:
        return
    if not known:
        log.info("Answering an interaction with an unknown custom id %r", custom_id[:100])
        await reply_privately(interaction, EXPIRED)
        return
    await asyncio.sleep(ANSWER_DEADLINE_SECONDS)
    if not interaction.response.is_done():
        log.warning(
            "Interaction %r had no answer after %.1f s; answering for it", custom_id[:100], ANSWER_DEADLINE_SECONDS
        )
        with contextlib.suppress(discord.HTTPException):
            await reply_privately(interaction, EXPIRED)
