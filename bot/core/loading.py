"""Load a facts directory: parse YAML, validate every item, check references."""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.core.errors import FactError, FactsInvalid
from bot.core.models import (
    AwardResult,
    Category,
    Ceremony,
    Edition,
    Entity,
    Event,
    Record,
    Source,
)
from bot.core.store import FactStore
from bot.core.text import normalize

log = logging.getLogger(__name__)


# libyaml's parser when PyYAML was built with it (about ten times faster), else the pure-Python one.
_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FactLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """A safe YAML loader that leaves dates as text, so pydantic reports bad ones."""


_FactLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_facts(directory: str | Path) -> FactStore:
    """Load and validate every `*.yaml` file under `directory` into a store.

    Raise `FactsInvalid` listing every error found, not only the first.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise FactsInvalid([FactError(str(directory), "", "", "not a directory")])
    files = sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml"))
    if not files:
        raise FactsInvalid([FactError(str(directory), "", "", "no .yaml files found")])
    collected = _Collected()
    errors: list[FactError] = []
    for path in files:
        _parse_file(path, str(path.relative_to(directory)), errors, collected)
    errors.extend(_Checker(collected).run())
    if errors:
        raise FactsInvalid(errors)
    store = FactStore.build(
        sources=collected.items(Source),
        entities=collected.items(Entity),
        ceremonies=collected.items(Ceremony),
        categories=collected.items(Category),
        editions=collected.items(Edition),
        results=collected.items(AwardResult),
        records=collected.items(Record),
        events=collected.items(Event),
    )
    log.info("Loaded %d facts from %d files in %s", store.fact_count, len(files), directory)
    return store


def _parse_file(path: Path, name: str, errors: list[FactError], collected: _Collected) -> None:
    """Parse one YAML file and validate each item on its own, so one bad item hides nothing else."""
    try:
        text = path.read_text(encoding="utf-8")
        raw = _parse_text(text)
    except UnicodeDecodeError as exc:
        errors.append(FactError(name, "", "", f"not UTF-8 text ({exc.reason})"))
        return
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        errors.append(FactError(name, "", "", f"YAML syntax error at {where}{problem}"))
        return
    if raw is None:
        return
    if not isinstance(raw, dict):
        errors.append(FactError(name, "", "", "the top level must be a mapping of kinds to lists"))
        return
    for kind, items in raw.items():
        model = _MODEL_OF.get(kind)
        if model is None:
            errors.append(FactError(name, "", str(kind), f"unknown kind (expected one of {', '.join(_MODEL_OF)})"))
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            errors.append(FactError(name, "", kind, "must be a list of items"))
            continue
        for index, item in enumerate(items):
            try:
                collected.add(name, kind, index, model.model_validate(item))
            except ValidationError as exc:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    collected.broken[kind].add(item["id"])
                for err in exc.errors():
                    errors.append(_located(name, raw, {**err, "loc": (kind, index, *err["loc"])}))


def _parse_text(text: str) -> Any:
    """Parse YAML; a file that is JSON (which is also YAML) takes the much faster JSON parser."""
    if text.lstrip()[:1] in ("{", "["):
        try:
            return json.loads(text)
        except ValueError:
            pass  # YAML flow style, or broken: let the YAML parser read it and report errors
    return yaml.load(text, Loader=_FactLoader)  # noqa: S506 - a SafeLoader subclass


def _located(name: str, raw: dict[str, Any], err: Any) -> FactError:
    """Turn a pydantic error at ('results', 3, 'edition') into a FactError naming the item."""
    kind, index, *field = err["loc"]
    item = f"{kind}[{index}]"
    entry = raw[kind][index]
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        item = f"{kind}[{index}] (id {entry['id']})"
    message = err["msg"]
    if err["type"] == "missing":
        message = "required field is missing"
    elif err["type"] == "extra_forbidden":
        message = "unknown field"
    return FactError(name, item, ".".join(str(part) for part in field), message)


class _Collected:
    """Valid items of every kind from all files, remembering where each came from."""

    def __init__(self) -> None:
        self._by_kind: dict[str, list[tuple[str, int, Any]]] = defaultdict(list)
        self.broken: dict[str, set[str]] = defaultdict(set)

    def add(self, name: str, kind: str, index: int, item: Any) -> None:
        self._by_kind[kind].append((name, index, item))

    def located(self, kind: str) -> list[tuple[str, int, Any]]:
        return self._by_kind.get(kind, [])

    def items(self, model: type) -> list[Any]:
        return [item for _, _, item in self.located(_KIND_OF[model])]


_KIND_OF: dict[type, str] = {
    Source: "sources",
    Entity: "entities",
    Ceremony: "ceremonies",
    Category: "categories",
    Edition: "editions",
    AwardResult: "results",
    Record: "records",
    Event: "events",
}
_MODEL_OF: dict[str, type] = {kind: model for model, kind in _KIND_OF.items()}
_SINGULAR = {
    "sources": "source",
    "entities": "entity",
    "ceremonies": "ceremony",
    "categories": "category",
    "editions": "edition",
    "results": "result",
    "records": "record",
    "events": "event",
}


def _label(kind: str, index: int, item: Any) -> str:
    item_id = getattr(item, "id", None)
    return f"{kind}[{index}] (id {item_id})" if item_id else f"{kind}[{index}]"


_ARTIST_KINDS = ("group", "person")
_WORK_KINDS = ("song", "album")
Where = tuple[str, str, int, Any]  # file, kind, index, item


class _Checker:
    """Cross-item checks: unique ids, references that resolve, consistent years, unique aliases."""

    def __init__(self, c: _Collected) -> None:
        self.c = c
        self.errors: list[FactError] = []
        self.ids: dict[str, dict[str, Any]] = {}

    def problem(self, where: Where, field: str, message: str) -> None:
        name, kind, index, item = where
        self.errors.append(FactError(name, _label(kind, index, item), field, message))

    def items(self, kind: str) -> list[Where]:
        return [(name, kind, index, item) for name, index, item in self.c.located(kind)]

    def ref(self, where: Where, field: str, value: str | None, target: str, want: Iterable[str] | None = None) -> Any:
        """Resolve a reference, reporting an unknown id or an item of the wrong kind."""
        if value is None:
            return None
        found = self.ids[target].get(value)
        if found is None:
            if value not in self.c.broken[target]:  # a broken item is reported once, where it is
                self.problem(where, field, f"unknown {_SINGULAR[target]} id {value!r}")
            return None
        if want is not None and getattr(found, "kind", None) not in want:
            self.problem(where, field, f"{value!r} is a {found.kind}, expected {' or '.join(want)}")
        return found

    def run(self) -> list[FactError]:
        self._unique_ids()
        self._sources()
        self._entities()
        self._editions()
        self._results()
        self._records()
        self._events()
        for kind, scope in (
            ("entities", lambda _: "entity"),
            ("ceremonies", lambda _: "ceremony"),
            ("categories", lambda item: item.ceremony),
        ):
            self._alias_collisions(kind, scope)
        return self.errors

    def _unique_ids(self) -> None:
        for kind in _MODEL_OF:
            seen: dict[str, tuple[str, Any]] = {}
            for where in self.items(kind):
                item_id = getattr(where[3], "id", None)
                if item_id is None:
                    continue
                if item_id in seen:
                    self.problem(where, "id", f"duplicate id {item_id!r} (also in {seen[item_id][0]})")
                else:
                    seen[item_id] = (where[0], where[3])
            self.ids[kind] = {key: value[1] for key, value in seen.items()}

    def _sources(self) -> None:
        cited: set[str] = set()
        for kind in _MODEL_OF:
            for where in self.items(kind):
                for pos, source_id in enumerate(getattr(where[3], "sources", [])):
                    cited.add(source_id)
                    self.ref(where, f"sources.{pos}", source_id, "sources")
        for where in self.items("sources"):
            if where[3].id not in cited:
                self.problem(where, "id", "source is not cited by any fact")

    def _entities(self) -> None:
        for where in self.items("entities"):
            e = where[3]
            for pos, m in enumerate(e.member_of):
                self.ref(where, f"member_of.{pos}.group", m.group, "entities", ["group"])
            for field in ("artists", "featuring"):
                for pos, a in enumerate(getattr(e, field)):
                    self.ref(where, f"{field}.{pos}", a, "entities", _ARTIST_KINDS)
        for where in self.items("ceremonies"):
            self.ref(where, "founder", where[3].founder, "entities", _ARTIST_KINDS)
        for where in self.items("categories"):
            self.ref(where, "ceremony", where[3].ceremony, "ceremonies")

    def _editions(self) -> None:
        seen: dict[tuple[str, int], str] = {}
        for where in self.items("editions"):
            ed = where[3]
            self.ref(where, "ceremony", ed.ceremony, "ceremonies")
            if (ed.ceremony, ed.year) in seen:
                self.problem(
                    where, "year", f"{ed.ceremony} already has an edition in {ed.year} ({seen[(ed.ceremony, ed.year)]})"
                )
            seen[(ed.ceremony, ed.year)] = ed.id
            if ed.date is not None and ed.date.year != ed.year:
                self.problem(where, "date", f"date {ed.date} is not in the edition's year {ed.year}")

    def _category_fits(self, where: Where, category: Any, ceremony: str | None) -> None:
        if category is not None and ceremony is not None and category.ceremony != ceremony:
            self.problem(
                where, "category", f"category {category.id!r} belongs to {category.ceremony}, not to {ceremony}"
            )

    def _results(self) -> None:
        seen: set[tuple[str, str | None, str, str | None]] = set()
        for where in self.items("results"):
            r = where[3]
            ed = self.ref(where, "edition", r.edition, "editions")
            cat = self.ref(where, "category", r.category, "categories")
            self.ref(where, "nominee", r.nominee, "entities", _ARTIST_KINDS)
            self.ref(where, "work", r.work, "entities", _WORK_KINDS)
            self._category_fits(where, cat, ed.ceremony if ed is not None else None)
            key = (r.edition, r.category, r.nominee, r.work)
            if key in seen:
                self.problem(where, "nominee", f"duplicate result for {r.nominee} in {r.category} at {r.edition}")
            seen.add(key)

    def _records(self) -> None:
        for where in self.items("records"):
            rec = where[3]
            self.ref(where, "subject", rec.subject, "entities")
            cer = self.ref(where, "ceremony", rec.ceremony, "ceremonies")
            ed = self.ref(where, "edition", rec.edition, "editions")
            if ed is not None and ed.ceremony != rec.ceremony:
                self.problem(where, "edition", f"edition {ed.id!r} is not an edition of {rec.ceremony}")
            cat = self.ref(where, "category", rec.category, "categories")
            self.ref(where, "work", rec.work, "entities", _WORK_KINDS)
            self._category_fits(where, cat, cer.id if cer is not None else None)

    def _events(self) -> None:
        for where in self.items("events"):
            ev = where[3]
            ed = self.ref(where, "edition", ev.edition, "editions")
            for pos, p in enumerate(ev.participants):
                self.ref(where, f"participants.{pos}", p, "entities")
            for pos, w in enumerate(ev.works):
                self.ref(where, f"works.{pos}", w, "entities", _WORK_KINDS)
            if ev.date is not None and ev.date.year != ev.year:
                self.problem(where, "date", f"date {ev.date} is not in the event's year {ev.year}")
            if ed is not None and ed.year != ev.year:
                self.problem(where, "year", f"year {ev.year} differs from its edition's year {ed.year}")

    def _alias_collisions(self, kind: str, scope: Any) -> None:
        """Report a name or alias that normalises to one already used by another item in scope."""
        owners: dict[tuple[str, str], str] = {}
        for where in self.items(kind):
            item = where[3]
            for pos, alias in enumerate([item.name, *item.aliases]):
                field = "name" if pos == 0 else f"aliases.{pos - 1}"
                key = (scope(item), normalize(alias))
                if not key[1]:
                    self.problem(where, field, f"{alias!r} has no letters or digits")
                    continue
                owner = owners.setdefault(key, item.id)
                if owner != item.id:
                    self.problem(where, field, f"alias {alias!r} collides with {owner!r}")
