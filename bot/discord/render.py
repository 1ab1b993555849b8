"""Turn answers and results into embeds; escape anything a user typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import discord

from bot.core.answer import Answer, SourceRef
from bot.core.phrasing import month_day, source_label
from bot.services.anniversaries import DayDigest

ANSWERED = discord.Colour(0x3BA55D)
UNKNOWN = discord.Colour(0x747F8D)
INFO = discord.Colour(0x5865F2)


def clip(text: str, limit: int) -> str:
    """Shorten `text` to `limit` characters, marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def escape(text: str) -> str:
    """Make user text inert: no markdown, no mentions."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def sources_footer(sources: Iterable[SourceRef]) -> str:
    """Format sources for an embed footer."""
    parts = [source_label(s.title, s.published) for s in dict.fromkeys(sources)]
    return clip("Sources: " + " · ".join(parts), 2048) if parts else ""


def answer_embed(answer: Answer) -> discord.Embed:
    """Render an answer: the text, the facts behind it, the sources in the footer."""
    embed = discord.Embed(
        title=clip(escape(answer.question.strip()) or "Question", 256),
        description=clip(escape(answer.answer), 4096),
        colour=ANSWERED if answer.answered else UNKNOWN,
    )
    if answer.answered and len(answer.details) > 1:
        embed.add_field(
            name="Details", value=clip("\n".join(f"• {escape(d)}" for d in answer.details), 1024), inline=False
        )
    if answer.suggestions:
        embed.add_field(
            name="Did you mean", value=clip("\n".join(f"• {escape(s)}" for s in answer.suggestions), 1024), inline=False
        )
    footer = sources_footer(answer.sources)
    if footer:
        embed.set_footer(text=footer)
    return embed


def pages(title: str, lines: Sequence[str], *, per_page: int = 10, footer: str = "") -> list[discord.Embed]:
    """Split lines into embeds of `per_page` lines, numbered."""
    chunks = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    out = []
    for n, chunk in enumerate(chunks, start=1):
        embed = discord.Embed(title=clip(title, 256), description=clip("\n".join(chunk), 4096), colour=INFO)
        text = f"Page {n}/{len(chunks)}"
        if footer:
            text += f" · {footer}"
        embed.set_footer(text=clip(text, 2048))
        out.append(embed)
    return out


def digest_embed(digest: DayDigest, today: dt.date, *, relative: bool) -> discord.Embed:
    """Render a day's anniversaries ("3 years ago today (2023): ...") or the next one coming up."""
    embed = discord.Embed(title=f"On this day: {digest.day.label()}", colour=INFO)
    if digest.items:
        lines = [f"• {a.headline(today)}" if relative else f"• {a.date.year}: {a.text}" for a in digest.items]
        embed.description = clip("\n".join(lines), 4096)
        footer = sources_footer(s for a in digest.items for s in a.sources)
    else:
        text = f"Nothing I know of happened on {digest.day.label()}."
        footer = ""
        if digest.upcoming:
            up = digest.upcoming
            text += f"\n\n**Coming up, {month_day(up.date.month, up.date.day)}** ({up.date.year}): {up.text}"
            footer = sources_footer(up.sources)
        embed.description = text
    if footer:
        embed.set_footer(text=footer)
    return embed
