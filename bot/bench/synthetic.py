"""Generate a synthetic fact store of a given size, for benchmarks.

Realistic in shape: many artists with aliases, dozens of ceremonies with editions
across decades, categories with aliases, award results with nominees, records and
events. Deterministic for a seed. Names are made-up words, so they never collide
with real ones or with the words of a question.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.core.text import normalize

_ONSETS = ["b", "d", "g", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "ch", "sh", "br", "tr", "kr", "pl"]
_VOWELS = ["a", "e", "i", "o", "u", "ae", "io", "ou"]
_GENRES = [
    "Pop",
    "Rock",
    "Dance",
    "Hip Hop",
    "R&B",
    "Country",
    "Latin",
    "Electronic",
    "Alternative",
    "Soul",
    "K-Pop",
    "J-Pop",
    "Indie",
    "Jazz",
    "Folk",
    "Metal",
]
_THINGS = [
    "Song",
    "Album",
    "Artist",
    "Group",
    "Video",
    "Collaboration",
    "Performance",
    "New Artist",
    "Female Artist",
    "Male Artist",
]
_EVENT_KINDS = ["performance", "attendance", "message", "concert", "release", "announcement"]
FIRST_YEAR, LAST_YEAR = 1995, 2024
CATEGORIES_PER_CEREMONY = 16


@dataclass(frozen=True)
class SyntheticStore:
    """What was generated, and where."""

    directory: Path
    size: int
    counts: dict[str, int]


class _Names:
    """Unique made-up names (unique after normalisation, so aliases never collide)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def word(self, syllables: int) -> str:
        while True:
            w = "".join(self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS) for _ in range(syllables))
            if len(w) >= 5:
                return w.capitalize()

    def unique(self, make: Any) -> str:
        while True:
            name = make()
            key = normalize(name)
            if key not in self.used and key.replace(" ", "") not in self.used:
                self.used.add(key)
                self.used.add(key.replace(" ", ""))
                return name


def generate_store(directory: str | Path, size: int, *, seed: int = 1, style: str = "yaml") -> SyntheticStore:
    """Write a store of about `size` facts into `directory`.

    `style` "yaml" writes block YAML as a person would; "json" writes the same data as
    JSON, which is also YAML and loads much faster (see `bot.core.loading`).
    """
    rng = random.Random(seed)
    names = _Names(rng)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    n_ceremonies = max(3, min(40, size // 1500))
    n_artists = max(30, size // 20)
    n_songs = max(10, size // 40)
    n_records = max(5, size // 50)
    n_events = max(5, size // 50)
    n_sources = max(2, size // 1000)

    sources = [
        {
            "id": f"src-{i}",
            "summary": f"Synthetic article {i}",
            "published": f"20{10 + i % 15}-0{1 + i % 9}-1{i % 9}",
            "document": f"synthetic_{i:05d}.txt",
        }
        for i in range(n_sources)
    ]
    cite = iter(range(10**9))

    def src() -> list[str]:
        return [f"src-{next(cite) % n_sources}"]

    artists = []
    for i in range(n_artists):
        kind = "group" if i % 3 == 0 else "person"
        syll = 2 + (i % 2)
        name = names.unique(
            lambda s=syll, k=kind: names.word(s) if k == "group" else f"{names.word(s)} {names.word(2)}"
        )
        alias = names.unique(lambda s=syll: names.word(s + 1))
        artists.append({"id": f"artist-{i}", "kind": kind, "name": name, "aliases": [alias], "sources": src()})
    songs = []
    for i in range(n_songs):
        title = names.unique(lambda: f"{names.word(2)} {names.word(2)}")
        songs.append(
            {
                "id": f"song-{i}",
                "kind": "song",
                "name": title,
                "artists": [f"artist-{rng.randrange(n_artists)}"],
                "released": f"{rng.randint(FIRST_YEAR, LAST_YEAR)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "sources": src(),
            }
        )

    ceremonies, categories, editions = [], [], []
    for c in range(n_ceremonies):
        word = names.unique(lambda: names.word(2))
        short = names.unique(
            lambda w=word: (w[:2] + "".join(names.rng.choice("BCDFGHJKLMNPQRSTVWXZ") for _ in range(2))).upper()
        )
        ceremonies.append(
            {
                "id": f"cer-{c}",
                "name": f"{word} Music Awards",
                "short": f"{short}s",
                "aliases": [short],
                "founded": FIRST_YEAR - rng.randint(1, 30),
                "sources": src(),
            }
        )
        picked = rng.sample([(g, t) for g in _GENRES for t in _THINGS], CATEGORIES_PER_CEREMONY)
        for k, (genre, thing) in enumerate(picked):
            categories.append(
                {
                    "id": f"cat-{c}-{k}",
                    "ceremony": f"cer-{c}",
                    "name": f"Best {genre} {thing}",
                    "aliases": [f"Favorite {genre} {thing}"],
                    "sources": src(),
                }
            )
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            ed = {"id": f"ed-{c}-{year}", "ceremony": f"cer-{c}", "year": year, "sources": src()}
            if rng.random() < 0.5:
                ed["date"] = f"{year}-{rng.randint(9, 12):02d}-{rng.randint(1, 28):02d}"
                ed["place"] = f"{names.word(2)} City"
            editions.append(ed)

    fixed = n_sources + n_artists + n_songs + n_ceremonies + len(categories) + len(editions) + n_records + n_events
    n_results = max(20, size - fixed)
    results = []
    slots = [(ed["id"], f"cat-{ed['ceremony'][4:]}-{k}") for ed in editions for k in range(CATEGORIES_PER_CEREMONY)]
    rng.shuffle(slots)
    for edition, category in slots:
        if len(results) >= n_results:
            break
        nominees = rng.sample(range(n_artists), 5)
        for pos, a in enumerate(nominees):
            row = {
                "edition": edition,
                "category": category,
                "nominee": f"artist-{a}",
                "result": "won" if pos == 0 else "nominated",
                "sources": src(),
            }
            if "Song" in category or rng.random() < 0.2:
                row["work"] = f"song-{rng.randrange(n_songs)}"
            results.append(row)

    records = []
    for i in range(n_records):
        a = rng.randrange(n_artists)
        c = rng.randrange(n_ceremonies)
        value = rng.randint(2, 60)
        kind = rng.choice(["total", "streak", "first"])
        statement = {
            "total": f"{artists[a]['name']} have won {value} awards at the {ceremonies[c]['name']} in total.",
            "streak": f"{artists[a]['name']} won at the {ceremonies[c]['name']} {value} years in a row.",
            "first": f"{artists[a]['name']} were the first act to win {value} times at the {ceremonies[c]['name']}.",
        }[kind]
        records.append(
            {
                "id": f"record-{i}",
                "kind": kind,
                "subject": f"artist-{a}",
                "ceremony": f"cer-{c}",
                "value": value,
                "unit": "awards",
                "as_of": rng.randint(FIRST_YEAR, LAST_YEAR),
                "statement": statement,
                "sources": src(),
            }
        )
    events = []
    for i in range(n_events):
        a = rng.randrange(n_artists)
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        kind = rng.choice(_EVENT_KINDS)
        place = f"{names.word(2)} Arena"
        events.append(
            {
                "id": f"event-{i}",
                "kind": kind,
                "year": year,
                "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "participants": [f"artist-{a}"],
                "place": place,
                "statement": f"{artists[a]['name']} had a {kind} at {place}.",
                "sources": src(),
            }
        )

    files = {
        "sources.yaml": {"sources": sources},
        "entities.yaml": {"entities": artists + songs},
        "ceremonies.yaml": {"ceremonies": ceremonies, "categories": categories, "editions": editions},
        "results.yaml": {"results": results},
        "records.yaml": {"records": records},
        "events.yaml": {"events": events},
    }
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for name, content in files.items():
        with (directory / name).open("w", encoding="utf-8") as fh:
            if style == "json":
                json.dump(content, fh, ensure_ascii=False)
            else:
                yaml.dump(content, fh, Dumper=dumper, allow_unicode=True, sort_keys=False, width=200)
    counts = {
        "sources": len(sources),
        "entities": len(artists) + len(songs),
        "ceremonies": len(ceremonies),
        "categories": len(categories),
        "editions": len(editions),
        "results": len(results),
        "records": len(records),
        "events": len(events),
    }
    return SyntheticStore(directory, sum(v for k, v in counts.items() if k != "sources"), counts)
