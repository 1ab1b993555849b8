"""Who or what an artist is: the description the sources give, and the wins known."""

from __future__ import annotations

from bot.core.answering.context import Context
from bot.core.answering.intent import Intent, Refusal, Reply
from bot.core.answering.question import Question
from bot.core.answering.search import stem
from bot.core.language import lexicon
from bot.core.models import Entity
from bot.core.phrasing import join_words
from bot.core.text import tokens


class AboutEntity(Intent):
    """An artist's profile; a specific question ("what is Jimin's real name?") is not answered by one."""

    name = "about_entity"
    tolerates_noise = False
    supplies = frozenset({"description", "person", "organization", "name", "yes_no"})
    keywords = frozenset({"artist", "group", "role"})
    templates = (
        "who is {artist}",
        "tell me about {artist}",
        "what is {artist}",
        "{artist}",
        "who are {artist}",
        "is {artist} a role",
        "{artist} is a role",
    )

    def applies(self, q: Question) -> bool:
        return len(q.artists) == 1 and not (q.ceremonies or q.years or q.categories)

    def answer(self, q: Question) -> Reply:
        ent = self.store.entities[q.artists[0]]
        if q.yes_no:
            return self._claim(q, ent)
        said = Context.text_words(" ".join(filter(None, [ent.description, *ent.aliases])))
        if q.content and not all(w in said or stem(w) in said for w in q.content):
            raise Refusal(f"I don't know that about {ent.name}.")  # "what is Jimin's real name?"
        parts = [ent.description or f"{ent.name} is an artist named in my sources."]
        if ent.description and not ent.description.startswith(ent.name):
            parts[0] = f"{ent.name}: {ent.description}"
        wins = self.store.wins(ent.id)
        if wins:
            shown = join_words([self.labels.award_at(r) for r in wins[-3:]])
            parts.append(f"Wins I know: {len(wins)}, e.g. {shown}.")
        return Reply(" ".join(parts), [ent, *wins[-3:]])

    def _claim(self, q: Question, ent: Entity) -> Reply:
        """Check what a question says someone is ("Latto is an American rapper?") against their description."""
        if not ent.description:
            raise Refusal(f"I don't know that about {ent.name}.")
        lex = lexicon()
        said = {w for w in tokens(ent.description)} | {w.rstrip("s") for w in tokens(ent.description)}
        claimed = [w for w in q.content if not (lex.concepts(w) & {"feature", "member"})]
        roles = [w for w in claimed if "role" in lex.concepts(w)]
        text = ent.description if ent.description.startswith(ent.name) else f"{ent.name}: {ent.description}"
        has_role = any("role" in lex.concepts(w) for w in said)
        if roles and has_role and not any(r in said or r.rstrip("s") in said for r in roles):
            return Reply(text, [ent], verdict=False, explains=frozenset(q.content))  # a rapper, not a singer
        if claimed and all(w in said or w.rstrip("s") in said for w in claimed):
            named = [self.store.entities[w] for w in q.works if self.store.name(w).lower() in ent.description.lower()]
            return Reply(text, [ent, *named], verdict=True)  # "Latto on Seven": the description names Seven
        raise Refusal(f"I can't confirm that about {ent.name}.", text)
