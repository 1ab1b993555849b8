"""Groups and their members: who is in a group, its leader and youngest, how many, which group someone is in."""

from __future__ import annotations

import re

from bot.core.answering.intent import Intent, Refusal, Reply
from bot.core.answering.question import Question
from bot.core.language import lexicon
from bot.core.models import Entity
from bot.core.phrasing import join_words

ROLES = ("leader", "youngest", "oldest")  # concepts; a membership role names the first two
_STATED_SIZE = re.compile(r"\b(\w+)-member\b", re.IGNORECASE)
_SIZES = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}


class Members(Intent):
    """Membership: members, roles, size, groups; and claims about roles and size."""

    name = "members"
    counts = frozenset({"member"})
    checks_numbers = True
    supplies = frozenset({"person", "count", "description", "yes_no", "name"})
    keywords = frozenset({"member", "leader", "youngest", "oldest", "group", "count"})
    templates = (
        "who are the member of {artist}",
        "who is the leader of {artist}",
        "who is the youngest member of {artist}",
        "who is the maknae of {artist}",
        "how many member does {artist} have",
        "which group is {artist} in",
        "what group is {artist} a member of",
        "{artist} member",
        "who leads {artist}",
        "is {artist} the leader of {artist}",
        "is {artist} the youngest member",
        "is {artist} the oldest member of {artist}",
    )

    def applies(self, q: Question) -> bool:
        return bool(q.artists) and not q.has("enlist")

    def answer(self, q: Question) -> Reply:
        role = self._role(q)
        if q.yes_no:
            return self._claim(q, role)
        ent = self._group(q)
        if ent.kind != "group":
            return self._groups_of(ent)
        members = list(self.store.members_by_group.get(ent.id, ()))
        if not members:
            raise Refusal(f"I don't know the members of {ent.name}.")
        if role:
            return self._with_role(ent, members, role)
        if q.asked.type == "count":
            return self._size(ent, members)
        text = f"The members of {ent.name} I know are {join_words([m.name for m in members])}."
        if ent.description:
            text += f" {ent.description}"
        return Reply(text, [ent, *members])

    def _role(self, q: Question) -> str | None:
        lex = lexicon()
        for word in q.words:
            found = lex.concepts(word) & set(ROLES)
            if found:
                return min(found)
        return None

    def _group(self, q: Question) -> Entity:
        groups = [a for a in q.artists if self.store.entities[a].kind == "group"]
        return self.store.entities[(groups or q.artists)[0]]

    def _groups_of(self, ent: Entity) -> Reply:
        if not ent.member_of:
            raise Refusal(f"I don't know of {ent.name} being in a group.")
        parts = [
            f"{ent.name} is {'the ' + m.role if m.role else 'a member'} of {self.store.name(m.group)}"
            for m in ent.member_of
        ]
        return Reply(". ".join(parts) + ".", [ent])

    def _holder(self, group: Entity, members: list[Entity], role: str) -> tuple[Entity, str] | None:
        for m in members:
            for membership in m.member_of:
                if membership.group == group.id and membership.role and role in _role_concepts(membership.role):
                    return m, membership.role
        return None

    def _with_role(self, group: Entity, members: list[Entity], role: str) -> Reply:
        found = self._holder(group, members, role)
        if found is None:
            raise Refusal(f"I don't know who the {role} of {group.name} is.", self._roles_known(group, members))
        member, title = found
        return Reply(f"{member.name} is the {title} of {group.name}.", [member])

    def _roles_known(self, group: Entity, members: list[Entity]) -> str:
        roles = [
            f"{m.name} is the {ms.role}" for m in members for ms in m.member_of if ms.group == group.id and ms.role
        ]
        return join_words(roles) + "." if roles else ""

    def _size(self, group: Entity, members: list[Entity]) -> Reply:
        names = join_words([m.name for m in members])
        stated = _STATED_SIZE.search(group.description or "")
        if stated is None:
            raise Refusal(f"I don't know how many members {group.name} has.", f"The members I know of are {names}.")
        return Reply(f"{group.name} has {stated.group(1).lower()} members: {names}.", [group, *members])

    def _claim(self, q: Question, role: str | None) -> Reply:
        """Check "is Jungkook the oldest member?" or "does BTS have 7 members?"."""
        if role:
            return self._role_claim(q, role)
        group = self._group(q)
        stated = _STATED_SIZE.search(group.description or "")
        if q.numbers and stated:
            size = _SIZES.get(stated.group(1).lower())
            return Reply(
                f"{group.name} is a {stated.group(1).lower()}-member group.", [group], verdict=size in q.numbers
            )
        people = [a for a in q.artists if self.store.entities[a].kind == "person"]
        if people and group.kind == "group":
            person = self.store.entities[people[0]]
            inside = any(m.group == group.id for m in person.member_of)
            return Reply(
                f"{person.name} is {'a member' if inside else 'not a member'} of {group.name}.",
                [person],
                verdict=inside,
            )
        raise Refusal("I can't confirm that.")

    def _role_claim(self, q: Question, role: str) -> Reply:
        person = next((self.store.entities[a] for a in q.artists if self.store.entities[a].kind == "person"), None)
        if person is None or not person.member_of:
            raise Refusal("Whose role do you mean?")
        membership = person.member_of[0]
        group = self.store.entities[membership.group]
        members = list(self.store.members_by_group.get(group.id, ()))
        holder = self._holder(group, members, role)
        if holder is not None:
            member, title = holder
            text = f"{member.name} is the {title} of {group.name}."
            return Reply(text, [member], verdict=member.id == person.id)
        opposite = lexicon().opposites.get(role)
        if membership.role and opposite and opposite in _role_concepts(membership.role):
            return Reply(f"{person.name} is the {membership.role} of {group.name}.", [person], verdict=False)
        raise Refusal(f"I don't know who the {role} of {group.name} is.", self._roles_known(group, members))


def _role_concepts(role: str) -> set[str]:
    lex = lexicon()
    out: set[str] = set()
    for word in re.findall(r"\w+", role.lower()):
        out |= lex.concepts(word)
    return out
