"""An award show itself: when and by whom it was created, its network, how winners are chosen, its top prize."""

from __future__ import annotations

from bot.core.answering import nearby
from bot.core.answering.context import Context
from bot.core.answering.intent import Intent, Refusal, Reply
from bot.core.answering.question import Question
from bot.core.language import lexicon
from bot.core.models import Ceremony, SelectionMethod
from bot.core.phrasing import span
from bot.core.store import Fact
from bot.core.text import normalize


class CeremonyFact(Intent):
    """What the facts say about a ceremony."""

    name = "ceremony_fact"
    supplies = frozenset(
        {"year", "date", "person", "platform", "method", "description", "yes_no", "category", "ceremony", "count"}
    )
    counts = frozenset({"year"})  # how long a way of choosing winners lasted
    keywords = frozenset(
        {
            "found",
            "start",
            "founder",
            "network",
            "choose",
            "vote",
            "first",
            "held",
            "happen",
            "daesang",
            "award",
            "most",
            "before",
            "after",
            "since",
            "until",
            "annual",
            "old",
        }
    )
    templates = (
        "who found the {ceremony}",
        "when was the {ceremony} found",
        "when was the first {ceremony}",
        "which network airs the {ceremony}",
        "what channel is the {ceremony} on",
        "how are {ceremony} win choose",
        "how have {ceremony} win been choose since {year}",
        "who vote for the {ceremony}",
        "how were {ceremony} win choose before {year}",
        "what are the {ceremony}",
        "tell me about the {ceremony}",
        "{ceremony}",
        "who choose the {ceremony} win",
        "what network was the {ceremony} found for",
        "how does {ceremony} voting work",
        "when did the {ceremony} found",
        "when did the {ceremony} start",
        "what year was the {ceremony} found",
        "what is the highest award at the {ceremony}",
        "did {artist} found the {ceremony} in {year}",
        "{artist} found the {ceremony} in {year}",
        "was the {ceremony} found in {year}",
        "were the {ceremony} found by {artist}",
        "what is the daesang at the {ceremony}",
    )

    def applies(self, q: Question) -> bool:
        if not q.ceremonies or q.categories:
            return False
        founders = {self.store.ceremonies[c].founder for c in q.ceremonies}
        return all(a in founders for a in q.artists)  # no artist, or the show's founder

    def answer(self, q: Question) -> Reply:
        cer = self.store.ceremonies[q.ceremonies[0]]
        if q.has("next", "upcoming", "future", "will"):
            raise Refusal(
                f"I only know about past {cer.short}, not future ones.", nearby.known_years(self.store, cer.id)
            )
        if q.yes_no and not q.has("choose", "vote"):
            return self._claim(q, cer)
        for wanted, handler in (
            (lambda: q.asked.type == "method" or q.has("choose", "vote"), self._selection),
            (lambda: q.has("season", "annual", "usually", "name", "where", "country"), self._profile),
            (lambda: q.asked.type == "platform" or q.has("network"), self._network),
            (lambda: q.has("daesang", "most"), self._top_prize),
            (lambda: q.asked.type == "person" or q.has("founder"), self._founder),
            (lambda: q.asked.type in ("year", "date") or q.has("found", "start", "first", "old"), self._founded),
        ):
            if wanted():
                return handler(q, cer)
        return self._profile(q, cer)

    def _selection(self, q: Question, cer: Ceremony) -> Reply:
        methods = self._methods(q, list(cer.winner_selection))
        if q.has("now", "still", "currently", "today", "anymore"):
            methods = [m for m in methods if m.until is None] or methods  # "these days": the method in use
        if not methods:
            raise Refusal(f"I don't know how {cer.short} winners are chosen.")
        if q.asked.type == "count" and q.asked.unit in ("year", None):
            return self._lasted(q, cer, methods)
        lines = [span(m.since, m.until) + m.method for m in methods]
        reply = Reply(" ".join(lines), [cer], lines)
        if q.yes_no:
            reply.verdict = self._method_verdict(q, list(cer.winner_selection))
            reply.explains = frozenset(q.content) if reply.verdict is False else frozenset()
        return reply

    def _lasted(self, q: Question, cer: Ceremony, methods: list[SelectionMethod]) -> Reply:
        """Say how long a way of choosing winners lasted ("for how long did the industry pick them?")."""
        claimed = Context.text_words(" ".join(q.content))
        others = [Context.text_words(m.method) for m in methods]
        for method, said in zip(methods, others, strict=True):
            own = said - frozenset().union(*(o for o in others if o is not said))
            if claimed & own and method.since and method.until:
                years = method.until - method.since + 1
                text = f"{years} years: {span(method.since, method.until)}{method.method}"
                return Reply(text, [cer], explains=frozenset(q.content))
        raise Refusal(f"I don't know how long that lasted at the {cer.short}.", final=False)

    @staticmethod
    def _method_verdict(q: Question, methods: list[SelectionMethod]) -> bool | None:
        """Check a claimed method against the current one (or the one of the year asked)."""
        if not methods:
            return None
        year = q.years[0] if q.years else None
        current = [
            m
            for m in methods
            if (year is None and m.until is None) or (year and (m.since or 0) <= year <= (m.until or 9999))
        ]
        others = [m for m in methods if m not in current]

        def words(ms: list[SelectionMethod]) -> frozenset[str]:
            return frozenset().union(*(Context.text_words(m.method) for m in ms))

        now, then = words(current), words(others)
        claimed = Context.text_words(" ".join(q.content))
        if claimed & (now - then):  # only what sets the methods apart: "fans", "industry"
            return True
        if claimed & (then - now):
            return False
        return None

    @staticmethod
    def _methods(q: Question, methods: list[SelectionMethod]) -> list[SelectionMethod]:
        if not q.years:
            return methods
        y = q.years[0]
        if q.has("before") or (q.relation is not None and q.relation.kind == "before"):
            earlier = [m for m in methods if (m.since or 0) < y]
            return [m for m in earlier if (m.until or 9999) < y] or earlier[:1]
        return [m for m in methods if (m.since or 0) <= y <= (m.until or 9999)]

    @staticmethod
    def _public_vote(methods: list[SelectionMethod]) -> bool:
        return any("vote" in m.method.lower() or "poll" in m.method.lower() for m in methods)

    def _network(self, q: Question, cer: Ceremony) -> Reply:
        if not cer.network:
            raise Refusal(f"I don't know which network the {cer.short} are made for.")
        text = (
            f"The {cer.name} were created for {cer.network}." if cer.founder else f"The {cer.name} are {cer.network}'s."
        )
        return Reply(text, [cer])

    def _top_prize(self, q: Question, cer: Ceremony) -> Reply:
        described = [c for c in self.store.categories_by_ceremony.get(cer.id, ()) if c.description]
        top = [c for c in described if "highest" in c.description.lower() or "daesang" in c.description.lower()]  # type: ignore[union-attr]
        if cer.description and ("highest" in cer.description.lower()):
            facts: list[Fact] = [cer, *top]
            text = cer.description + (f" {top[0].name}: {top[0].description}" if top else "")
            return Reply(text, facts)
        raise Refusal(f"I don't know the top prize of the {cer.name}.")

    def _claim(self, q: Question, cer: Ceremony) -> Reply:
        """Check who founded the show, when, and for which network."""
        checks: list[bool] = []
        if q.artists:
            checks.append(cer.founder in q.artists)
        if q.years:
            checks.append(bool({cer.founded, cer.first_ceremony} & set(q.years)))
        networks = lexicon().named_things["network"] & set(q.words)
        if networks and cer.network:  # "created by Dick Clark for NBC?": it was ABC
            checks.append(normalize(cer.network) in networks)
        if not checks:
            raise Refusal(f"I can't confirm that about the {cer.name}.", self.labels.founding(cer))
        text = self.labels.founding(cer)
        if cer.first_ceremony:
            text += f" The first ceremony was held in {cer.first_ceremony}."
        return Reply(text, [cer], verdict=all(checks))

    def _founder(self, q: Question, cer: Ceremony) -> Reply:
        if cer.founder is None:
            raise Refusal(f"I don't know who founded the {cer.name}.")
        reply = Reply(self.labels.founding(cer), [cer])
        if q.yes_no:
            reply.verdict = cer.founder in q.artists if q.artists else None
        return reply

    def _founded(self, q: Question, cer: Ceremony) -> Reply:
        if cer.founded is None and cer.first_ceremony is None:
            raise Refusal(f"I don't know when the {cer.name} began.")
        text = self.labels.founding(cer)
        if cer.first_ceremony and (q.has("first", "held") or not cer.founded):
            text += f" The first ceremony was held in {cer.first_ceremony}."
        reply = Reply(text, [cer])
        if q.yes_no and q.years:
            reply.verdict = bool({cer.founded, cer.first_ceremony} & set(q.years))
        return reply

    def _profile(self, q: Question, cer: Ceremony) -> Reply:
        if q.yes_no:
            raise Refusal(f"I can't confirm that about the {cer.name}.")
        aliases = [a for a in cer.aliases if len(a) > len(cer.short) + 3 and normalize(a) != normalize(cer.name)]
        text = cer.description or cer.name
        if q.has("name") and aliases:
            text = f"The {cer.short} are the {cer.name} (also called the {aliases[0]}). " + (cer.description or "")
        if cer.founded:
            text += " " + self.labels.founding(cer)
        return Reply(text, [cer])
