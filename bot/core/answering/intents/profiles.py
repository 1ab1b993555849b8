"""Who or what an artist is: the description the sources give, and the wins known."""

from __future__ import annotations

from bot.core.answering.intent import Intent, Refusal, Reply
from bot.core.answering.question import Question
from bot.core.phrasing import join_words


class AboutEntity(Intent):
    """An artist's profile; a specific question ("what is Jimin's real name?") is not answered by one."""

    name = "about_entity"
    tolerates_noise = False
    supplies = frozenset({"description", "person", "organization", "name"})
    keywords = frozenset({"artist", "group"})
    templates = ("who is {artist}", "tell me about {artist}", "what is {artist}", "{artist}", "who are {artist}")

    def applies(self, q: Question) -> bool:
        return len(q.artists) == 1 and not (q.ceremonies or q.years or q.categories or q.yes_no)

    def answer(self, q: Question) -> Reply:
        ent = self.store.entities[q.artists[0]]
        if q.content:
            raise Refusal(f"I don't know that about {ent.name}.")
        parts = [ent.description or f"{ent.name} is an artist named in my sources."]
        if ent.description and not ent.description.startswith(ent.name):
            parts[0] = f"{ent.name}: {ent.description}"
        wins = self.store.wins(ent.id)
        if wins:
            shown = join_words([self.labels.award_at(r) for r in wins[-3:]])
            parts.append(f"Wins I know: {len(wins)}, e.g. {shown}.")
        return Reply(" ".join(parts), [ent, *wins[-3:]])
