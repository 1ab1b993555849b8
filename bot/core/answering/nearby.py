"""What the bot knows near a question it cannot answer, and look-ups that refuse when a fact is missing."""

from __future__ import annotations

from bot.core.answering.intent import Refusal
from bot.core.models import Category, Edition
from bot.core.phrasing import join_words, years
from bot.core.store import FactStore

MAX_SHOWS_NAMED = 4


def edition(store: FactStore, ceremony: str, year: int) -> Edition:
    """Return the edition of a ceremony in a year, or refuse naming the years known."""
    ed = store.edition(ceremony, year)
    if ed is None:
        cer = store.ceremonies[ceremony]
        raise Refusal(f"I have no facts about the {year} {cer.name}.", known_years(store, ceremony))
    return ed


def known_years(store: FactStore, ceremony: str) -> str:
    """Say which editions of a ceremony the store knows."""
    cer = store.ceremonies[ceremony]
    found = [e.year for e in store.editions_by_ceremony.get(ceremony, ())]
    return f"I know about the {cer.short} of {years(found)}." if found else ""


def category_years(store: FactStore, cat: Category) -> str:
    """Say in which years the store knows results of a category."""
    found = {store.editions[r.edition].year for r in store.results_by_category.get(cat.id, ())}
    return f"I know {cat.name} results for {years(found)}." if found else ""


def for_artist(store: FactStore, artist: str, ceremony: str | None = None) -> str:
    """Say at which shows and years the store knows results of an artist (a few shows, not all)."""
    rows = store.results_by_nominee.get(artist, ())
    by_show: dict[str, set[int]] = {}
    for r in rows:
        ed = store.editions[r.edition]
        by_show.setdefault(ed.ceremony, set()).add(ed.year)
    if not by_show:
        return ""
    order = sorted(by_show, key=lambda c: (c != ceremony, -len(by_show[c]), c))
    parts = [f"the {store.ceremonies[c].short} ({years(by_show[c])})" for c in order[:MAX_SHOWS_NAMED]]
    more = len(order) - MAX_SHOWS_NAMED
    tail = f" and {more} more show{'s' if more != 1 else ''}" if more > 0 else ""
    return f"I know results for {store.name(artist)} at " + join_words(parts) + tail + "."
