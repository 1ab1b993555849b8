"""Browse award results by artist, ceremony and year (the /awards command)."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.answer import SourceRef
from bot.core.store import FactStore
from bot.core.text import normalize


@dataclass(frozen=True)
class ResultLine:
    """One award result, formatted, with its sources."""

    year: int
    text: str
    sources: tuple[SourceRef, ...]
    won: bool


class NameIndex:
    """Resolve typed artist and ceremony names (aliases and typos) and suggest completions."""

    def __init__(self, store: FactStore) -> None:
        self.store = store
        nominees = {r.nominee for r in store.results}
        self.artists = {
            normalize(n): e.id for e in store.entities.values() if e.id in nominees for n in [e.name, *e.aliases]
        }
        self.ceremonies = {normalize(n): c.id for c in store.ceremonies.values() for n in [c.name, c.short, *c.aliases]}
        self.artist_names = sorted({store.entities[i].name for i in self.artists.values()}, key=str.casefold)
        self.ceremony_names = [c.name for c in store.ceremonies.values()]

    @staticmethod
    def _resolve(table: dict[str, str], text: str) -> str | None:
        key = normalize(text)
        if not key:
            return None
        if key in table:
            return table[key]
        if len(key) < 5:
            return None
        found = process.extractOne(key, list(table), scorer=fuzz.ratio, score_cutoff=85)
        return table[found[0]] if found else None

    def artist(self, text: str) -> str | None:
        """Return the id of the artist `text` names, or None."""
        return self._resolve(self.artists, text)

    def ceremony(self, text: str) -> str | None:
        """Return the id of the ceremony `text` names, or None."""
        return self._resolve(self.ceremonies, text)

    @staticmethod
    def _complete(names: list[str], typed: str, limit: int) -> list[str]:
        key = normalize(typed)
        if not key:
            return names[:limit]
        starts = [n for n in names if normalize(n).startswith(key)]
        rest = [n for n, _, _ in process.extract(key, names, scorer=fuzz.partial_ratio, limit=limit, score_cutoff=60)]
        return list(dict.fromkeys([*starts, *rest]))[:limit]

    def complete_artist(self, typed: str, limit: int = 25) -> list[str]:
        """Suggest artist names for autocomplete."""
        return self._complete(self.artist_names, typed, limit)

    def complete_ceremony(self, typed: str, limit: int = 25) -> list[str]:
        """Suggest ceremony names for autocomplete."""
        return self._complete(self.ceremony_names, typed, limit)


def award_lines(
    store: FactStore, *, artist: str | None = None, ceremony: str | None = None, year: int | None = None
) -> list[ResultLine]:
    """Return matching results, newest first, one line each."""
    rows = store.results_by_nominee.get(artist, ()) if artist else store.results
    lines = []
    for r in rows:
        ed = store.editions[r.edition]
        if (ceremony and ed.ceremony != ceremony) or (year and ed.year != year):
            continue
        category = store.categories[r.category].name if r.category else "an award (category not named)"
        work = f" ({store.name(r.work)})" if r.work else ""
        outcome = "🏆 won" if r.result == "won" else "nominated for"
        who = "" if artist else f"{store.name(r.nominee)} "
        text = f"{ed.year} {store.ceremonies[ed.ceremony].short}: {who}{outcome} {category}{work}"
        lines.append(
            ResultLine(ed.year, text, tuple(SourceRef.of(s) for s in store.sources_of([r])), r.result == "won")
        )
    lines.sort(key=lambda line: (-line.year, not line.won, line.text))
    return lines
