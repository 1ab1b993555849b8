"""Songs and albums: when released, by whom, who is featured, what it won, and claims about these."""

from __future__ import annotations

from bot.core.answering.intent import Intent, Refusal, Reply
from bot.core.answering.question import Question
from bot.core.models import Entity
from bot.core.phrasing import join_words, long_date
from bot.core.store import Fact
from bot.core.text import normalize


class SongFact(Intent):
    """What the facts say about a work."""

    name = "song_fact"
    supplies = frozenset({"date", "year", "person", "description", "yes_no", "work"})
    keywords = frozenset({"release", "feature", "song", "album", "debut", "sing", "artist", "perform", "first", "name"})
    templates = (
        "when was {work} released",
        "when did {artist} release {work}",
        "who is featured on {work}",
        "who is featured on {artist} {work}",
        "who sings {work}",
        "who is {work} by",
        "release date of {work}",
        "tell me about {work}",
        "{work}",
        "what is {work}",
        "{artist} {work}",
        "who was on {work} with {artist}",
        "when did {work} come out",
        "who featured on {work}",
        "is {work} by {artist}",
        "is {work} featuring {artist}",
        "was {work} released in {year}",
    )

    def applies(self, q: Question) -> bool:
        return bool(q.works) or (bool(q.artists) and q.has("debut"))

    def answer(self, q: Question) -> Reply:
        song = self._song(q)
        if q.yes_no:
            return self._claim(q, song)
        self._check_artists(q, song)
        if q.asked.type in ("date", "year") or q.has("release", "debut"):
            return self._released(song)
        if q.asked.type == "person" or q.has("feature", "sing"):
            return self._who(q, song)
        return self._profile(song)

    def _song(self, q: Question) -> Entity:
        if q.works:
            return self.store.entities[q.works[0]]
        works = [
            w for w in self.store.works_by_artist.get(q.artists[0], ()) if "debut" in (w.description or "").lower()
        ]
        if not works:
            raise Refusal(f"I don't know {self.store.name(q.artists[0])}'s debut.")
        return works[0]

    def _who(self, q: Question, song: Entity) -> Reply:
        """Name the credited person the question describes ("the Korean actress"), or every credit."""
        people = [self.store.entities[p] for p in (*song.artists, *song.featuring)]
        wanted = set(q.content) - self.vocabulary
        for person in people:
            words = set(normalize(person.description or "").split())
            if wanted and wanted <= words:
                return Reply(f"{person.name} ({person.description.rstrip('.')}) is on {song.name}.", [song, person])  # type: ignore[union-attr]
        return Reply(self._credits(song), [song, *people])

    def _by(self, song: Entity) -> str:
        return join_words([self.store.name(a) for a in song.artists])

    def _credits(self, song: Entity) -> str:
        feat = f", featuring {join_words([self.store.name(f) for f in song.featuring])}" if song.featuring else ""
        return f"{song.name} is by {self._by(song)}{feat}."

    def _check_artists(self, q: Question, song: Entity) -> None:
        if q.artists and not set(q.artists) & {*song.artists, *song.featuring, *self._groups(song)}:
            named = join_words([self.store.name(a) for a in q.artists])
            raise Refusal(f"{song.name} in my facts is by {self._by(song)}, not {named}.", final=False)

    def _groups(self, song: Entity) -> set[str]:
        return {g for a in song.artists for g in self.store.related(a)}

    def _released(self, song: Entity) -> Reply:
        if song.released is None:
            raise Refusal(f"I don't know when {song.name} was released.", self._credits(song))
        text = f"{song.name} by {self._by(song)} was released on {long_date(song.released)}."
        if song.description:
            text += f" {song.description}"
        return Reply(text, [song])

    def _profile(self, song: Entity) -> Reply:
        store = self.store
        parts = [self._credits(song)]
        if song.description:
            parts.append(song.description)
        if song.released:
            parts.append(f"Released {long_date(song.released)}.")
        wins = [r for r in store.results_by_work.get(song.id, ()) if r.result == "won"]
        if wins:
            parts.append(
                "It won " + join_words([self.labels.award_at(r).replace(f" ({song.name})", "") for r in wins]) + "."
            )
        facts: list[Fact] = [song, *wins]
        return Reply(" ".join(parts), facts)

    def _claim(self, q: Question, song: Entity) -> Reply:
        """Check who a work is by or features, and when it came out."""
        others = [a for a in q.artists if a not in (*song.artists, *song.featuring, *self._groups(song))]
        if others:
            return Reply(self._credits(song), [song], verdict=False)
        if q.years and song.released is not None:
            when = f"{song.name} was released on {long_date(song.released)}."
            return Reply(when, [song], verdict=song.released.year in q.years)
        if q.artists:
            return Reply(self._credits(song), [song], verdict=True)
        raise Refusal(f"I can't confirm that about {song.name}.", self._credits(song))
