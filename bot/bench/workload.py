"""A fixed, seeded benchmark workload drawn from a store: questions in several phrasings, typos, traps."""

from __future__ import annotations

import random
from dataclasses import dataclass

from bot.core.store import FactStore, fact_key


@dataclass(frozen=True)
class WorkItem:
    """One benchmark question: whether it should be answered, and with which fact."""

    question: str
    answerable: bool
    fact: str | None
    phrasing: str


def typo(word: str, rng: random.Random) -> str:
    """Swap two neighbouring letters inside a long enough word (a common typing slip)."""
    if len(word) < 6:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def build_workload(store: FactStore, *, seed: int = 7, answerable: int = 240, unanswerable: int = 80) -> list[WorkItem]:
    """Return a shuffled mix of answerable questions (4 phrasings) and near-miss unanswerable ones."""
    rng = random.Random(seed)
    wins = [r for r in store.results if r.result == "won" and r.category]
    rng.shuffle(wins)
    items: list[WorkItem] = []
    phrasings = ("who_won", "count", "keywords", "typo")
    for n, r in enumerate(wins[:answerable]):
        ed = store.editions[r.edition]
        cer = store.ceremonies[ed.ceremony]
        cat = store.categories[r.category] if r.category else None
        artist = store.name(r.nominee)
        kind = phrasings[n % len(phrasings)]
        if kind == "who_won" and cat:
            q = f"Who won {cat.name} at the {ed.year} {cer.short}?"
        elif kind == "count":
            q = f"How many {cer.short} did {artist} win in {ed.year}?"
        elif kind == "keywords":
            q = f"{artist.lower()} {cer.short.lower()} {ed.year}"
        else:
            q = f"what did {' '.join(typo(w, rng) for w in artist.split())} win at the {ed.year} {cer.name}"
        items.append(WorkItem(q, True, fact_key(r), kind))
    ceremonies = list(store.ceremonies.values())
    artists = [e for e in store.entities.values() if not e.is_work and store.results_by_nominee.get(e.id)]
    traps = ("unknown_year", "other_show", "unknown_category", "unknown_artist")
    for n in range(unanswerable):
        cer = rng.choice(ceremonies)
        kind = traps[n % len(traps)]
        years = {e.year for e in store.editions_by_ceremony.get(cer.id, ())}
        missing_year = next(y for y in range(1960, 2100) if y not in years)
        cats = store.categories_by_ceremony.get(cer.id) or ()
        if kind == "unknown_year" and cats:
            q = f"Who won {rng.choice(cats).name} at the {missing_year} {cer.short}?"
        elif kind == "other_show" and artists:
            q = f"How many Grammys did {rng.choice(artists).name} win?"
        elif kind == "unknown_category":
            q = f"Who won Best Imaginary Polka Hologram at the {max(years or {2020})} {cer.short}?"
        else:
            q = f"How many {cer.short} did Qwzxv Plorbington win in {max(years or {2020})}?"
        items.append(WorkItem(q, False, None, kind))
    rng.shuffle(items)
    return items


def autocomplete_prefixes(items: list[WorkItem], *, seed: int = 11, count: int = 200) -> list[str]:
    """Return prefixes of workload questions, 3 to 25 characters long, as someone types them."""
    rng = random.Random(seed)
    texts = [i.question for i in items if i.answerable] or ["who won"]
    return [rng.choice(texts)[: rng.randint(3, 25)] for _ in range(count)]
