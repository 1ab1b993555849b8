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
    errors.extend(_check(collected))
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


def _check(c: _Collected) -> list[FactError]:
    """Check ids are unique, references resolve and aliases do not collide."""
    errors: list[FactError] = []
    ids: dict[str, dict[str, Any]] = {}
    for kind in ("sources", "entities", "ceremonies", "categories", "editions", "records", "events", "results"):
        seen: dict[str, Any] = {}
        for name, index, item in c.located(kind):
            item_id = getattr(item, "id", None)
            if item_id is None:
                continue
            if item_id in seen:
                errors.append(
                    FactError(
                        name, _label(kind, index, item), "id", f"duplicate id {item_id!r} (also in {seen[item_id][0]})"
                    )
                )
            else:
                seen[item_id] = (name, item)
        ids[kind] = {key: value[1] for key, value in seen.items()}

    def ref(
        name: str,
        kind: str,
        index: int,
        item: Any,
        field: str,
        value: str | None,
        target: str,
        want: Iterable[str] | None = None,
    ) -> Any:
        if value is None:
            return None
        found = ids[target].get(value)
        if found is None:
            if value not in c.broken[target]:  # a broken item is reported once, where it is
                message = f"unknown {_SINGULAR[target]} id {value!r}"
                errors.append(FactError(name, _label(kind, index, item), field, message))
            return None
        if want is not None and getattr(found, "kind", None) not in want:
            errors.append(
                FactError(
                    name, _label(kind, index, item), field, f"{value!r} is a {found.kind}, expected {' or '.join(want)}"
                )
            )
        return found

    cited: set[str] = set()
    artist_kinds = ("group", "person")
    work_kinds = ("song", "album")
    for kind in _MODEL_OF:
        for name, index, item in c.located(kind):
            for pos, source_id in enumerate(getattr(item, "sources", [])):
                cited.add(source_id)
                ref(name, kind, index, item, f"sources.{pos}", source_id, "sources")
    for name, index, e in c.located("entities"):
        for pos, m in enumerate(e.member_of):
            ref(name, "entities", index, e, f"member_of.{pos}.group", m.group, "entities", ["group"])
        for pos, a in enumerate(e.artists):
            ref(name, "entities", index, e, f"artists.{pos}", a, "entities", artist_kinds)
        for pos, a in enumerate(e.featuring):
            ref(name, "entities", index, e, f"featuring.{pos}", a, "entities", artist_kinds)
    for name, index, cer in c.located("ceremonies"):
        ref(name, "ceremonies", index, cer, "founder", cer.founder, "entities", artist_kinds)
    for name, index, cat in c.located("categories"):
        ref(name, "categories", index, cat, "ceremony", cat.ceremony, "ceremonies")
    edition_keys: dict[tuple[str, int], str] = {}
    for name, index, ed in c.located("editions"):
        ref(name, "editions", index, ed, "ceremony", ed.ceremony, "ceremonies")
        key = (ed.ceremony, ed.year)
        if key in edition_keys:
            errors.append(
                FactError(
                    name,
                    _label("editions", index, ed),
                    "year",
                    f"{ed.ceremony} already has an edition in {ed.year} ({edition_keys[key]})",
                )
            )
        edition_keys[key] = ed.id
        if ed.date is not None and ed.date.year != ed.year:
            errors.append(
                FactError(
                    name,
                    _label("editions", index, ed),
                    "date",
                    f"date {ed.date} is not in the edition's year {ed.year}",
                )
            )
    result_keys: set[tuple[str, str | None, str, str | None]] = set()
    for name, index, r in c.located("results"):
        ed = ref(name, "results", index, r, "edition", r.edition, "editions")
        cat = ref(name, "results", index, r, "category", r.category, "categories")
        ref(name, "results", index, r, "nominee", r.nominee, "entities", artist_kinds)
        ref(name, "results", index, r, "work", r.work, "entities", work_kinds)
        if ed is not None and cat is not None and cat.ceremony != ed.ceremony:
            errors.append(
                FactError(
                    name,
                    _label("results", index, r),
                    "category",
                    f"category {cat.id!r} belongs to {cat.ceremony}, not to {ed.ceremony}",
                )
            )
        key = (r.edition, r.category, r.nominee, r.work)
        if key in result_keys:
            errors.append(
                FactError(
                    name,
                    _label("results", index, r),
                    "nominee",
                    f"duplicate result for {r.nominee} in {r.category} at {r.edition}",
                )
            )
        result_keys.add(key)
    for name, index, rec in c.located("records"):
        ref(name, "records", index, rec, "subject", rec.subject, "entities")
        cer = ref(name, "records", index, rec, "ceremony", rec.ceremony, "ceremonies")
        ed = ref(name, "records", index, rec, "edition", rec.edition, "editions")
        if ed is not None and ed.ceremony != rec.ceremony:
            errors.append(
                FactError(
                    name,
                    _label("records", index, rec),
                    "edition",
                    f"edition {ed.id!r} is not an edition of {rec.ceremony}",
                )
            )
        cat = ref(name, "records", index, rec, "category", rec.category, "categories")
        ref(name, "records", index, rec, "work", rec.work, "entities", work_kinds)
        if cer is not None and cat is not None and cat.ceremony != cer.id:
            errors.append(
                FactError(
                    name,
                    _label("records", index, rec),
                    "category",
                    f"category {cat.id!r} belongs to {cat.ceremony}, not to {cer.id}",
                )
            )
    for name, index, ev in c.located("events"):
        ed = ref(name, "events", index, ev, "edition", ev.edition, "editions")
        for pos, p in enumerate(ev.participants):
            ref(name, "events", index, ev, f"participants.{pos}", p, "entities")
        for pos, w in enumerate(ev.works):
            ref(name, "events", index, ev, f"works.{pos}", w, "entities", work_kinds)
        if ev.date is not None and ev.date.year != ev.year:
            errors.append(
                FactError(
                    name, _label("events", index, ev), "date", f"date {ev.date} is not in the event's year {ev.year}"
                )
            )
        if ed is not None and ed.year != ev.year:
            errors.append(
                FactError(
                    name,
                    _label("events", index, ev),
                    "year",
                    f"year {ev.year} differs from its edition's year {ed.year}",
                )
            )
    for name, index, src in c.located("sources"):
        if src.id not in cited:
            errors.append(FactError(name, _label("sources", index, src), "id", "source is not cited by any fact"))
    errors.extend(_alias_collisions(c.located("entities"), "entities", lambda e: "entity"))
    errors.extend(_alias_collisions(c.located("ceremonies"), "ceremonies", lambda e: "ceremony"))
    errors.extend(_alias_collisions(c.located("categories"), "categories", lambda e: e.ceremony))
    return errors


def _alias_collisions(located: list[tuple[str, int, Any]], kind: str, scope: Any) -> list[FactError]:
    """Report a name or alias that normalises to one already used by another item in scope."""
    errors: list[FactError] = []
    owners: dict[tuple[str, str], str] = {}
    for name, index, item in located:
        for pos, alias in enumerate([item.name, *item.aliases]):
            key = (scope(item), normalize(alias))
            if not key[1]:
                field = "name" if pos == 0 else f"aliases.{pos - 1}"
                errors.append(FactError(name, _label(kind, index, item), field, f"{alias!r} has no letters or digits"))
                continue
            owner = owners.setdefault(key, item.id)
            if owner != item.id:
                field = "name" if pos == 0 else f"aliases.{pos - 1}"
                errors.append(
                    FactError(name, _label(kind, index, item), field, f"alias {alias!r} collides with {owner!r}")
                )
    return errors
