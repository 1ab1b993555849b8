"""One edition of a show: where and when, why it was cancelled, who performed, attended or accepted."""

from __future__ import annotations

import re

from bot.core.answering import nearby
from bot.core.answering.intent import Intent, Refusal, Reply
from bot.core.answering.intents.winners import winner_lines
from bot.core.answering.question import Question
from bot.core.models import Edition, Event
from bot.core.phrasing import long_date
from bot.core.store import Fact
from bot.core.text import normalize

ONLINE = "winners_announced_online"
# Event kinds that answer each kind of question about an edition, and the verdict each gives to "did X ...?".
_PERFORMED = {"performance": True, "cancelled_performance": False, "absence": False}
_NOT_THERE = re.compile(r"\bnot (?:there|present|attend)|\bin absentia|\bcould not (?:attend|be there)")
_ATTENDED = {"attendance": True, "acceptance": None, "absence": False, "performance": True}


class EditionFact(Intent):
    """What the facts say about a show in a year."""

    name = "edition_fact"
    supplies = frozenset({"place", "date", "year", "reason", "person", "description", "yes_no", "work"})
    keywords = frozenset(
        {
            "where",
            "held",
            "cancel",
            "why",
            "perform",
            "attend",
            "absent",
            "accept",
            "plan",
            "date",
            "when",
            "announce",
            "song",
            "stage",
            "speech",
            "ceremony",
        }
    )
    templates = (
        "where was the {year} {ceremony} held",
        "when was the {year} {ceremony}",
        "when were the {year} {ceremony} held",
        "why was the {year} {ceremony} cancelled",
        "why was the {year} {ceremony} ceremony cancelled",
        "was the {year} {ceremony} cancelled",
        "who perform at the {year} {ceremony}",
        "what song did {artist} perform at the {year} {ceremony}",
        "what did {artist} perform at the {year} {ceremony}",
        "who did {artist} perform with at the {year} {ceremony}",
        "did {artist} attend the {year} {ceremony}",
        "who attend the {year} {ceremony}",
        "who accepted the {category} award at the {year} {ceremony}",
        "who accepted the award at the {year} {ceremony}",
        "what happened at the {year} {ceremony}",
        "tell me about the {year} {ceremony}",
        "{year} {ceremony}",
        "where was the {ceremony} supposed to be held in {year}",
        "why was the {ceremony} cancelled",
        "did {artist} perform at the {year} {ceremony}",
        "who was supposed to perform at the {year} {ceremony}",
        "who did not attend the {year} {ceremony}",
        "who accepted {category} for {artist}",
        "where were the {year} {ceremony}",
        "who walked the red carpet at the {year} {ceremony}",
        "when were the {year} {ceremony} win announced",
        "was the {year} {ceremony} held in",
    )

    def applies(self, q: Question) -> bool:
        return bool(q.ceremonies) and not q.excluded  # "besides Best K-Pop, what ...": a list of the rest

    def answer(self, q: Question) -> Reply:
        ed = self._edition(q)
        events = list(self.store.events_by_edition.get(ed.id, ()))
        if q.artists and q.asked.type != "person":
            events = [e for e in events if set(q.artists) & set(e.participants)]
        if q.yes_no:
            return self._claim(q, ed, events)
        for wanted, handler in self._handlers():
            if wanted(q):
                return handler(q, ed, events)
        if set(q.content) - self.vocabulary:
            raise Refusal(
                f"I don't know that about the {self.labels.edition(ed)}.", self._summary_text(ed), final=False
            )
        return self._summary(ed, events)

    def _handlers(self):  # type: ignore[no-untyped-def]
        return (
            (lambda q: q.has("cancel") or q.asked.type == "reason", self._cancelled),
            (lambda q: q.has("perform", "sing", "stage", "song"), self._performed),
            (lambda q: q.has("accept", "speech"), self._accepted),
            (lambda q: q.has("attend", "absent", "carpet"), self._attended),
            (
                lambda q: q.asked.type == "place" or (q.has("held") and q.asked.type not in ("date", "year")),
                self._place,
            ),
            (lambda q: q.asked.type in ("date", "year") or q.has("date", "announce"), self._date),
        )

    def _edition(self, q: Question) -> Edition:
        ceremony = q.ceremonies[0]
        if q.years:
            return nearby.edition(self.store, ceremony, q.years[0])
        editions = list(self.store.editions_by_ceremony.get(ceremony, ()))
        if q.has("cancel") or q.asked.type == "reason":
            stopped = [e for e in editions if e.status in ("cancelled", ONLINE)]
            editions = stopped or editions
        if len(editions) != 1:
            cer = self.store.ceremonies[ceremony]
            raise Refusal(f"Which year's {cer.short} do you mean?", nearby.known_years(self.store, ceremony))
        return editions[0]

    def _cancelled(self, q: Question, ed: Edition, events: list[Event]) -> Reply:
        label = self.labels.edition(ed)
        if ed.status in ("cancelled", ONLINE):
            return Reply(f"The {label} ceremony was cancelled. {ed.status_reason or ''}".strip(), [ed])
        if ed.status == "held":
            return Reply(f"The {label} was not cancelled: it went ahead.", [ed])
        raise Refusal(f"I don't know of the {label} being cancelled.")

    def _performed(self, q: Question, ed: Edition, events: list[Event]) -> Reply:
        chosen = [e for e in events if e.kind in _PERFORMED and (e.kind != "absence" or e.works)]
        if not chosen:
            raise Refusal(f"I don't know who performed at the {self.labels.edition(ed)}.")
        return Reply(" ".join(e.statement for e in chosen), list(chosen), [e.statement for e in chosen])

    def _accepted(self, q: Question, ed: Edition, events: list[Event]) -> Reply:
        chosen = [e for e in events if e.kind == "acceptance"]
        if not chosen:
            raise Refusal(f"I don't know who accepted awards at the {self.labels.edition(ed)}.")
        return Reply(" ".join(e.statement for e in chosen), list(chosen))

    def _attended(self, q: Question, ed: Edition, events: list[Event]) -> Reply:
        chosen = [e for e in events if e.kind in ("attendance", "absence", "acceptance")]
        if not chosen:
            raise Refusal(f"I don't know who attended the {self.labels.edition(ed)}.")
        return Reply(" ".join(e.statement for e in chosen), list(chosen), [e.statement for e in chosen])

    def _place(self, q: Question, ed: Edition, events: list[Event]) -> Reply:
        label = self.labels.edition(ed)
        if ed.place:
            return Reply(f"The {label} was held in {ed.place}.", [ed])
        if ed.planned_place:
            return Reply(f"The {label} was planned for {ed.planned_place}, but the ceremony was cancelled.", [ed])
        raise Refusal(f"I don't know where the {label} took place.", self._summary_text(ed))

    def _date(self, q: Question, ed: Edition, events: list[Event]) -> Reply:
        label = self.labels.edition(ed)
        if ed.date is None:
            raise Refusal(f"I don't know the date of the {label}.", self._summary_text(ed))
        verb = "winners were announced on" if ed.status == ONLINE else "took place on"
        return Reply(f"The {label} {verb} {long_date(ed.date)}.", [ed])

    def _summary_text(self, ed: Edition) -> str:
        head = f"The {self.labels.edition(ed)}"
        if ed.date:
            head += f" ({long_date(ed.date)}" + (f", {ed.place})" if ed.place else ")")
        if ed.status == ONLINE:
            head += ": the ceremony was cancelled and the winners announced online"
        return head + "."

    def _summary(self, ed: Edition, events: list[Event]) -> Reply:
        parts = [self._summary_text(ed)]
        facts: list[Fact] = [ed]
        wins = [r for r in self.store.results_by_edition.get(ed.id, ()) if r.result == "won"]
        if wins:
            parts.append("Winners I know: " + "; ".join(winner_lines(self.labels, wins)) + ".")
            facts.extend(wins)
        for e in events[:4]:
            parts.append(e.statement)
            facts.append(e)
        return Reply(" ".join(parts), facts, parts[1:])

    # --- claims ----------------------------------------------------------------------------------------
    def _claim(self, q: Question, ed: Edition, events: list[Event]) -> Reply:
        if q.artists and q.has("attend", "absent") and q.has("accept", "collect"):
            there = [e for e in events if e.kind == "acceptance" and set(q.artists) & set(e.participants)]
            if there and _NOT_THERE.search(there[0].statement.lower()):  # "did JK go to MAMA in person to accept it?"
                return Reply(there[0].statement, [there[0]], verdict=q.has("absent"), explains=frozenset(q.content))
        if q.artists and q.has("accept", "collect"):
            return self._accept_claim(q, ed)
        if q.artists and q.has("perform", "sing", "stage"):
            return self._event_claim(q, ed, events, _PERFORMED)
        if q.artists and q.has("attend", "absent"):
            return self._event_claim(q, ed, events, _ATTENDED)
        if q.has("cancel"):
            stopped = ed.status in ("cancelled", ONLINE)
            return Reply(self._cancelled(q, ed, events).text, [ed], verdict=stopped)
        if q.has("held", "where") or self._claimed_place(q, ed):
            return self._place_claim(q, ed)
        raise Refusal("I can't confirm that.", self._summary_text(ed))

    def _accept_claim(self, q: Question, ed: Edition) -> Reply:
        """Check who accepted an award: another person accepting it says no."""
        accepted = [e for e in self.store.events_by_edition.get(ed.id, ()) if e.kind == "acceptance"]
        if not accepted:
            raise Refusal(f"I don't know who accepted awards at the {self.labels.edition(ed)}.")
        people = {p for e in accepted for p in e.participants if self.store.entities[p].kind == "person"}
        claimed = {a for a in q.artists if self.store.entities[a].kind == "person"}
        verdict = bool(claimed) and claimed <= people
        return Reply(
            " ".join(e.statement for e in accepted),
            list(accepted),
            verdict=verdict,
            explains=frozenset(q.content) if not verdict else frozenset(),
        )

    def _event_claim(self, q: Question, ed: Edition, events: list[Event], verdicts: dict[str, bool | None]) -> Reply:
        claims_absence = verdicts is _ATTENDED and q.has("absent") and not q.negated  # "did BTS skip it?"
        claims_absence = claims_absence or (verdicts is _PERFORMED and q.has("cancel"))  # "was JK's stage cancelled?"
        for e in events:
            verdict = verdicts.get(e.kind)
            if verdict is not None:
                verdict = verdict != claims_absence
                return Reply(
                    e.statement, [e], verdict=verdict, explains=frozenset(q.content) if not verdict else frozenset()
                )
        raise Refusal(f"I don't know that about the {self.labels.edition(ed)}.", self._summary_text(ed))

    def _claimed_place(self, q: Question, ed: Edition) -> set[str]:
        places = set(normalize(f"{ed.place or ''} {ed.planned_place or ''}").split())
        return places & set(q.content)

    def _place_claim(self, q: Question, ed: Edition) -> Reply:
        label = self.labels.edition(ed)
        if ed.status == ONLINE:
            where = f" in {ed.planned_place}" if ed.planned_place else ""
            text = f"the {label} ceremony planned{where} was cancelled; the winners were announced online."
            return Reply(text, [ed], verdict=False, explains=frozenset(q.content))
        if ed.place and self._claimed_place(q, ed):
            return Reply(f"The {label} was held in {ed.place}.", [ed], verdict=True)
        raise Refusal("I can't confirm that.", self._summary_text(ed))
