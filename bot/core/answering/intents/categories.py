"""A category itself: when it was introduced, what it is, and claims about how long it has existed."""

from __future__ import annotations

from bot.core.answering.intent import Intent, Refusal, Reply
from bot.core.answering.question import Question
from bot.core.models import Category
from bot.core.store import Fact


class CategoryFact(Intent):
    """When a category began (where a source says), and what it is."""

    name = "category_fact"
    supplies = frozenset({"year", "date", "description", "yes_no"})
    keywords = frozenset(
        {"introduce", "new", "first", "found", "start", "category", "award", "daesang", "when", "exist", "already"}
    )
    templates = (
        "when was {category} introduced",
        "when was the {category} category introduced at the {ceremony}",
        "is {category} a new category",
        "was {category} new in {year}",
        "has {category} existed since {year}",
        "what is {category}",
        "what is the {category} award",
        "since when has {category} existed",
    )

    def applies(self, q: Question) -> bool:
        return bool(q.categories) and not q.artists and not q.works

    def answer(self, q: Question) -> Reply:
        cat = self.store.categories[q.categories[0]]
        existed = q.yes_no and (
            q.relation is not None or bool({"already", "exist", "existed", "category"} & set(q.words))
        )  # "was it an AMA category back in 2019?"
        if existed or q.has("introduce", "new", "first", "found", "start") or q.asked.type in ("year", "date"):
            return self._introduced(q, cat, existed=existed)
        if cat.description is None:
            raise Refusal(f"I don't know more about {cat.name}.", final=False)
        return Reply(f"{cat.name}: {cat.description}", [cat])

    def _introduced(self, q: Question, cat: Category, *, existed: bool = False) -> Reply:
        if cat.introduced is None:
            raise Refusal(f"I don't know when {cat.name} was introduced.")
        cer = self.store.ceremonies[cat.ceremony]
        text = f"{cat.name} was introduced at the {cer.name} in {cat.introduced}."
        facts: list[Fact] = [cat]
        if not q.yes_no:
            return Reply(text, facts)
        claimed = q.relation.year if q.relation else (q.years[0] if q.years else None)
        if claimed is None:
            raise Refusal("Which year do you mean?", text)
        if q.relation is None and not existed:
            verdict = claimed == cat.introduced
        elif q.relation is not None and q.relation.kind == "before":  # "was it already a category before 2022?"
            verdict = cat.introduced < claimed
        else:
            verdict = cat.introduced <= claimed
        return Reply(text, facts, verdict=verdict, explains=frozenset(q.content))
