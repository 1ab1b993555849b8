"""Load a facts directory: find the files, read them safely, validate every item, check references."""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import stat
from collections import defaultdict
from collections.abc import Iterable
from itertools import accumulate
from pathlib import Path
from typing import Any, ClassVar

import yaml
from pydantic import ValidationError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.core.errors import FactError, FactsInvalid
from bot.core.models import (
    AwardResult,
    Category,
    Ceremony,
    Dispute,
    Edition,
    Entity,
    Event,
    OtherShow,
    Record,
    Source,
)
from bot.core.store import FactStore, fact_key
from bot.core.text import normalize

log = logging.getLogger(__name__)

FACT_SUFFIXES = (".yaml", ".yml")
SKIPPED_SUFFIXES = ("~", ".bak", ".orig", ".swp")  # editor backups and swap files
MAX_FILE_BYTES = 20 * 1024 * 1024  # 20 MB per file, checked before reading
MAX_NESTING = 50  # levels of lists and mappings inside one another
MAX_NUMBER_DIGITS = 30
MAX_ALIAS_NODES = 100_000  # values that aliases (*name) may repeat: no "billion laughs"


class _Unreadable(Exception):
    """A file that cannot be read as facts at all; `message` says why, in one line."""

    def __init__(self, message: str, text: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.text = text  # what could be decoded of the file, to see which ids it mentions


# --- YAML: 1.2-style scalars, duplicate keys, a fixed set of tags -----------------------

# libyaml's parser when PyYAML was built with it (about ten times faster), else the pure-Python one.
_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_MERGE_TAG = "tag:yaml.org,2002:merge"
# (tag, pattern, first characters): only these plain scalars are not text. Unlike YAML 1.1,
# ON, Off, yes, No, y and n stay text, 010 is ten, 1:20 is text and dates stay text, so
# pydantic reports bad ones. The order matters: whole numbers are tried before decimals.
_SCALARS = (
    ("tag:yaml.org,2002:bool", r"^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (_MERGE_TAG, r"^<<$", "<"),
)


def _implicit_resolvers() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    table: dict[str, list[tuple[str, re.Pattern[str]]]] = defaultdict(list)
    for tag, pattern, first in _SCALARS:
        for char in first:
            table[char].append((tag, re.compile(pattern)))
    return dict(table)


class _Int(int):
    """A whole number that remembers how it was written, to suggest quoting it."""

    text: str

    def __new__(cls, text: str) -> _Int:
        number = super().__new__(cls, text)
        number.text = text
        return number


class _Float(float):
    """A decimal number that remembers how it was written, to suggest quoting it."""

    text: str

    def __new__(cls, text: str) -> _Float:
        number = super().__new__(cls, text)
        number.text = text
        return number


def _digits(text: str) -> int:
    return sum(char.isdigit() for char in text)


def _number_text(loader: Any, node: ScalarNode) -> str:
    """Return a number's text, refusing one too long to be a fact (int() would raise on thousands)."""
    text = loader.construct_scalar(node)
    if len(text) > MAX_NUMBER_DIGITS and _digits(text) > MAX_NUMBER_DIGITS:
        raise _Unreadable(
            f"{_at(node.start_mark)}: number with more than {MAX_NUMBER_DIGITS} digits: "
            "write it in quotes if it is text"
        )
    return text


def _construct_number(loader: Any, node: ScalarNode, kind: type) -> Any:
    text = _number_text(loader, node)
    try:
        return kind(text)
    except ValueError:
        raise ConstructorError(None, None, f"{text!r} is not a number", node.start_mark) from None


def _construct_bool(loader: Any, node: ScalarNode) -> bool:
    text = loader.construct_scalar(node).lower()
    if text not in ("true", "false"):
        raise ConstructorError(None, None, f"{text!r} is not true or false", node.start_mark)
    return text == "true"


def _refuse_tag(loader: Any, node: Node) -> None:
    """Refuse any other tag: !!timestamp, !!binary, !!set, !python/object, ..."""
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    raise ConstructorError(None, None, f"the tag {tag} is not supported: remove it", node.start_mark)


def _combined(first: Node, second: Node) -> Node:
    """Return the value a key given twice keeps: the items of both lists, else the later value."""
    if isinstance(first, SequenceNode) and isinstance(second, SequenceNode):
        return SequenceNode(first.tag, first.value + second.value, first.start_mark, second.end_mark, first.flow_style)
    return second


def _without_duplicates(node: MappingNode, found: list[tuple[int, str]]) -> list[tuple[Node, Node]]:
    """Note every key given twice in a mapping, and merge the pairs so the rest can still be checked."""
    pairs = node.value
    keys = [key.value for key, _ in pairs if isinstance(key, ScalarNode)]
    if len(set(keys)) == len(keys):
        return pairs
    first_at: dict[tuple[str, str], int] = {}
    kept: list[tuple[Node, Node]] = []
    for key, value in pairs:
        name = (key.tag, key.value) if isinstance(key, ScalarNode) and key.tag != _MERGE_TAG else None
        if name is None or name not in first_at:
            if name is not None:
                first_at[name] = len(kept)
            kept.append((key, value))
            continue
        line = key.start_mark.line + 1
        found.append((line, f"duplicate key {key.value!r} at line {line}"))
        at = first_at[name]
        kept[at] = (kept[at][0], _combined(kept[at][1], value))
    return kept


class _FactConstruction:
    """Safe construction for fact files: YAML 1.2 scalars, duplicate keys noted, no exotic tags."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = _implicit_resolvers()
    yaml_constructors: ClassVar[dict[str | None, Any]] = {
        "tag:yaml.org,2002:null": SafeConstructor.construct_yaml_null,
        "tag:yaml.org,2002:bool": _construct_bool,
        "tag:yaml.org,2002:int": lambda loader, node: _construct_number(loader, node, _Int),
        "tag:yaml.org,2002:float": lambda loader, node: _construct_number(loader, node, _Float),
        "tag:yaml.org,2002:str": SafeConstructor.construct_yaml_str,
        "tag:yaml.org,2002:seq": SafeConstructor.construct_yaml_seq,
        "tag:yaml.org,2002:map": SafeConstructor.construct_yaml_map,
        None: _refuse_tag,
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)  # type: ignore[call-arg]
        self.duplicates: list[tuple[int, str]] = []  # (line, message)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        node.value = _without_duplicates(node, self.duplicates)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class _FactLoader(_FactConstruction, _SafeLoader):  # type: ignore[misc, valid-type]
    """The loader of fact files, on libyaml's parser where available."""


# --- Finding and reading files ------------------------------------------------------------


def _is_skipped(name: str) -> bool:
    """Say whether a file or folder is hidden or an editor's backup, which are never read."""
    return name.startswith(".") or name.endswith(SKIPPED_SUFFIXES)


def _find_files(directory: Path, errors: list[FactError]) -> list[Path]:
    """List the fact files in `directory` and its subfolders; symbolic links to folders are not followed."""
    found: list[Path] = []
    pending = [directory]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            name = folder.relative_to(directory).as_posix()
            errors.append(FactError(f"{name}/", "", "", f"folder cannot be read ({exc.strerror})"))
            continue
        for entry in entries:
            if _is_skipped(entry.name):
                log.debug("Skipping %s", entry.path)
            elif entry.name.endswith(FACT_SUFFIXES):
                found.append(Path(entry.path))  # even if it is not a regular file: that is reported
            elif entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
    return sorted(found, key=lambda path: path.relative_to(directory).parts)


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_NOT_REGULAR = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def _open_problem(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop: the link leads back to itself"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return "broken symbolic link: what it points to does not exist"
    return f"cannot be opened ({exc.strerror})"


def _check_regular(info: os.stat_result) -> None:
    """Refuse anything but a regular file of at most MAX_FILE_BYTES, before reading any of it."""
    if not stat.S_ISREG(info.st_mode):
        what = next((what for test, what in _NOT_REGULAR if test(info.st_mode)), "something else")
        raise _Unreadable(f"not a regular file ({what}): only regular files are read", text="")  # holds no facts
    if info.st_size > MAX_FILE_BYTES:
        raise _Unreadable(f"larger than {MAX_FILE_BYTES // 2**20} MB: split it into smaller files")


def _read_bytes(path: Path) -> bytes:
    """Read a regular file, never blocking: a named pipe is opened without waiting and refused."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _Unreadable(_open_problem(path, exc)) from None
    try:
        _check_regular(os.fstat(fd))
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > MAX_FILE_BYTES:  # it grew after the check
                raise _Unreadable(f"larger than {MAX_FILE_BYTES // 2**20} MB: split it into smaller files")
            chunks.append(chunk)
    except OSError as exc:
        raise _Unreadable(f"cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _read_text(path: Path) -> str:
    """Read a fact file as UTF-8 text (a byte order mark is allowed)."""
    data = _read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"not UTF-8 text: save it as UTF-8 (the first bad byte is on line {line})"
        raise _Unreadable(message, data.decode("utf-8", errors="replace")) from None


# --- Parsing text ---------------------------------------------------------------------------

_DEEP_BLOCK_LINE = re.compile(r"^[ \t?:-]{8,}", re.MULTILINE)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_JSON_START = re.compile(r"\s*[\[{]")
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _at(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}"


def _looks_like_json(text: str) -> bool:
    return _JSON_START.match(text) is not None


def _bracket_depth(text: str) -> int:
    """Return at least the deepest nesting of brackets (those inside quotes count too, so it may be more)."""
    brackets = _NOT_BRACKET.sub("", text)
    if brackets.count("[") + brackets.count("{") <= MAX_NESTING:
        return brackets.count("[") + brackets.count("{")
    return max(accumulate(1 if char in "[{" else -1 for char in brackets))


def _depth_bound(text: str) -> int:
    """Return, cheaply, a number the nesting depth cannot exceed: open brackets plus block indentation.

    Each level of block nesting takes at least one more character of indentation or of `- `, `? `, `: `.
    """
    flow = _bracket_depth(text)
    if _looks_like_json(text):  # a flow collection holds no block collections
        return flow
    return flow + 2 + max((len(indent) for indent in _DEEP_BLOCK_LINE.findall(text)), default=8)


def _check_nesting(text: str) -> None:
    """Refuse text nested deeper than MAX_NESTING before building it: deep nesting crashes the parsers.

    libyaml's composer overflows the C stack (a segfault) and the Python one raises RecursionError,
    but reading the events of a document is flat, so that is how a suspicious file is measured.
    """
    if _depth_bound(text) <= MAX_NESTING:
        return
    depth = 0
    for event in yaml.parse(text, Loader=_FactLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_NESTING:
                raise _Unreadable(f"{_at(event.start_mark)}: nested more than {MAX_NESTING} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise ValueError("duplicate key")  # the YAML parser then reads the file and names the key and line
    return data


def _json_int(text: str) -> int:
    if len(text) > MAX_NUMBER_DIGITS and _digits(text) > MAX_NUMBER_DIGITS:
        raise ValueError("number too long")  # the YAML parser reports it with its line
    return int(text)


def _json_float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS and _digits(text) > MAX_NUMBER_DIGITS:
        raise ValueError("number too long")
    return _Float(text)


def _json_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity are text in YAML: let the YAML parser read the file


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return node.value
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_aliases(root: Node) -> None:
    """Refuse aliases (`*name`) that contain themselves or repeat more than MAX_ALIAS_NODES values."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            open_nodes.discard(id(node))
            sizes[id(node)] = min(10**12, 1 + sum(sizes[id(child)] for child in _children(node)))
        elif id(node) in open_nodes:
            raise _Unreadable(f"{_at(node.start_mark)}: an alias (*name) refers to a list or mapping containing it")
        elif id(node) not in sizes:
            open_nodes.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node))
    if sizes[id(root)] - len(sizes) > MAX_ALIAS_NODES:
        raise _Unreadable(f"aliases (*name) repeat more than {MAX_ALIAS_NODES:,} values: write the values out")


def _parse_yaml(text: str) -> tuple[Any, list[str]]:
    loader = _FactLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        if "&" in text and "*" in text:
            _check_aliases(node)
        data = loader.construct_document(node)
        return data, [message for _, message in sorted(loader.duplicates)]
    finally:
        loader.dispose()


def _parse_text(text: str) -> tuple[Any, list[str]]:
    """Parse YAML and list the keys given twice; JSON-style text takes the much faster JSON parser."""
    _check_nesting(text)
    if _looks_like_json(text):
        try:
            data = json.loads(
                text,
                object_pairs_hook=_unique_keys,
                parse_int=_json_int,
                parse_float=_json_float,
                parse_constant=_json_constant,
            )
        except ValueError:
            pass  # YAML flow style, broken, or a problem the YAML parser names with its line
        else:
            return data, []
    return _parse_yaml(text)


def _yaml_problem(exc: yaml.YAMLError, text: str) -> str:
    """Describe a YAML error in one line, with its line and column."""
    if isinstance(exc, yaml.reader.ReaderError):
        found = _NOT_PRINTABLE.search(text)
        if found is None:
            return f"YAML cannot read it: {exc.reason}"
        line = text.count("\n", 0, found.start()) + 1
        return f"character U+{ord(found.group()):04X} on line {line} is not allowed in YAML: remove it"
    mark = getattr(exc, "problem_mark", None)
    where = f"{_at(mark)}: " if mark else ""
    problem = getattr(exc, "problem", None) or str(exc)
    if isinstance(exc, ConstructorError):
        return f"{where}{problem}"
    return f"YAML syntax error at {where}{problem}"


def _parse(text: str) -> tuple[Any, list[str]]:
    """Parse a file's text; every way that can fail becomes one `_Unreadable` carrying the text."""
    try:
        return _parse_text(text)
    except _Unreadable as exc:
        raise _Unreadable(exc.message, text) from None
    except yaml.YAMLError as exc:
        raise _Unreadable(_yaml_problem(exc, text), text) from None
    except RecursionError:
        raise _Unreadable(f"nested too deeply to read (at most {MAX_NESTING} levels)", text) from None


# --- Loading and validating ------------------------------------------------------------------


def load_facts(directory: str | Path) -> FactStore:
    """Load and validate every fact file in `directory` and its subfolders into a store.

    Raise `FactsInvalid` listing every error found, not only the first.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise FactsInvalid([FactError(str(directory), "", "", "not a directory")])
    errors: list[FactError] = []
    files = _find_files(directory, errors)
    if not files:
        raise FactsInvalid(errors or [FactError(str(directory), "", "", "no .yaml files found")])
    collected = _Collected()
    for path in files:
        _load_file(path, path.relative_to(directory).as_posix(), errors, collected)
    checker = _Checker(collected)
    errors.extend(checker.run())
    if errors:
        raise FactsInvalid(errors, checker.notes())
    store = FactStore.build(
        sources=collected.items(Source),
        entities=collected.items(Entity),
        ceremonies=collected.items(Ceremony),
        categories=collected.items(Category),
        editions=collected.items(Edition),
        results=collected.items(AwardResult),
        records=collected.items(Record),
        events=collected.items(Event),
        disputes=collected.items(Dispute),
        other_shows=collected.items(OtherShow),
    )
    log.info("Loaded %d facts from %d files in %s", store.fact_count, len(files), directory)
    return store


def _load_file(path: Path, name: str, errors: list[FactError], collected: _Collected) -> None:
    """Read, parse and validate one file; each item on its own, so one bad item hides nothing else."""
    try:
        text = _read_text(path)
        raw, duplicates = _parse(text)
    except _Unreadable as exc:
        errors.append(FactError(name, "", "", exc.message))
        collected.unread(name, exc.text)
        return
    errors.extend(FactError(name, "", "", problem) for problem in duplicates)
    if not _validate_file(name, raw, errors, collected):
        collected.unread(name, text)


def _section_problem(kind: Any, items: Any) -> str | None:
    if kind not in _MODEL_OF:
        return f"unknown kind (expected one of {', '.join(_MODEL_OF)})"
    if items is not None and not isinstance(items, list):
        return "must be a list of items"
    return None


def _validate_file(name: str, raw: Any, errors: list[FactError], collected: _Collected) -> bool:
    """Validate every item of a parsed file; return whether every section of it could be read."""
    if raw is None:
        return True
    if not isinstance(raw, dict):
        errors.append(FactError(name, "", "", "the top level must be a mapping of kinds to lists"))
        return False
    complete = True
    for kind, items in raw.items():
        problem = _section_problem(kind, items)
        if problem is not None:
            errors.append(FactError(name, "", str(kind), problem))
            complete = False
            continue
        for index, item in enumerate(items or ()):
            _validate_item(name, raw, (kind, index, item), errors, collected)
    return complete


def _validate_item(
    name: str, raw: dict[str, Any], at: tuple[str, int, Any], errors: list[FactError], collected: _Collected
) -> None:
    kind, index, item = at
    try:
        collected.add(name, kind, index, _MODEL_OF[kind].model_validate(item))
    except ValidationError as exc:
        collected.broken_item(kind, item)
        for err in exc.errors():
            errors.append(_located(name, raw, {**err, "loc": (kind, index, *err["loc"])}))


def _written(value: Any) -> str:
    """Return how a number or boolean was written in the file, as near as is known."""
    if isinstance(value, bool):
        return str(value).lower()
    return getattr(value, "text", None) or str(value)


def _message(err: Any) -> str:
    """Say what is wrong with a field, in the words of the fact files rather than of pydantic."""
    fixed = {"missing": "required field is missing", "extra_forbidden": "unknown field"}.get(err["type"])
    if fixed is not None:
        return fixed
    value = err.get("input")
    if err["type"] == "string_type" and isinstance(value, bool | int | float):
        return f'write it in quotes: "{_written(value)}"'
    if err["type"] == "bool_type":
        return f"use true or false, not {value!r}"
    return err["msg"]


def _located(name: str, raw: dict[str, Any], err: Any) -> FactError:
    """Turn a pydantic error at ('results', 3, 'edition') into a FactError naming the item."""
    kind, index, *field = err["loc"]
    item = f"{kind}[{index}]"
    entry = raw[kind][index]
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        item = f"{kind}[{index}] (id {entry['id']})"
    return FactError(name, item, ".".join(str(part) for part in field), _message(err))


_ID_WORD = re.compile(r"(?<![\w-])[a-z0-9][a-z0-9-]*(?![\w-])")


class _Collected:
    """Valid items of every kind from all files, remembering where each came from and what was not read."""

    def __init__(self) -> None:
        self._by_kind: dict[str, list[tuple[str, int, Any]]] = defaultdict(list)
        self.broken: dict[str, set[str]] = defaultdict(set)  # ids of items that failed validation
        self.broken_citations: set[str] = set()  # sources cited by items that failed validation
        self.unreadable: list[str] = []  # files not read (in full)
        self.mentioned: set[str] = set()  # every id-like word in those files
        self.unknown_content = False  # a file could not be read at all, so any id may be in it

    def add(self, name: str, kind: str, index: int, item: Any) -> None:
        self._by_kind[kind].append((name, index, item))

    def broken_item(self, kind: str, item: Any) -> None:
        """Remember the id and the sources of an item that failed validation, so others do not fail with it."""
        if not isinstance(item, dict):
            return
        if isinstance(item.get("id"), str):
            self.broken[kind].add(item["id"])
        if isinstance(item.get("sources"), list):
            self.broken_citations.update(s for s in item["sources"] if isinstance(s, str))

    def unread(self, name: str, text: str | None) -> None:
        """Remember a file that could not be read (in full), and the ids it may define or cite."""
        if text == "":  # known to hold no facts, e.g. a folder
            return
        if name not in self.unreadable:
            self.unreadable.append(name)
        if text is None:
            self.unknown_content = True
        else:
            self.mentioned.update(_ID_WORD.findall(text))

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
    Dispute: "disputes",
    OtherShow: "other_shows",
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
    "disputes": "dispute",
    "other_shows": "other show",
}


def _label(kind: str, index: int, item: Any) -> str:
    item_id = getattr(item, "id", None)
    return f"{kind}[{index}] (id {item_id})" if item_id else f"{kind}[{index}]"


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Find the cycles of a directed graph, each once, starting at its smallest node (without recursion)."""
    state: dict[str, str] = {}  # "open" while on the current path, then "done"
    found: dict[tuple[str, ...], list[str]] = {}
    for start in graph:
        if start in state:
            continue
        path, pending = [start], [iter(graph[start])]
        state[start] = "open"
        while pending:
            node = next(pending[-1], None)
            if node is None:
                state[path.pop()] = "done"
                pending.pop()
            elif state.get(node) == "open":
                cycle = path[path.index(node) :]
                at = cycle.index(min(cycle))
                key = tuple(cycle[at:] + cycle[:at])
                found.setdefault(key, list(key))
            elif node not in state and node in graph:
                state[node] = "open"
                path.append(node)
                pending.append(iter(graph[node]))
    return list(found.values())


_ARTIST_KINDS = ("group", "person")
_WORK_KINDS = ("song", "album", "work")
Where = tuple[str, str, int, Any]  # file, kind, index, item


class _Checker:
    """Cross-item checks: unique ids, references that resolve, consistent years, unique aliases."""

    def __init__(self, c: _Collected) -> None:
        self.c = c
        self.errors: list[FactError] = []
        self.ids: dict[str, dict[str, Any]] = {}
        self.unchecked = 0

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
            # A broken item is reported once, where it is; one in a file not read is not known.
            if value not in self.c.broken[target] and not self._maybe_unread(value):
                self.problem(where, field, f"unknown {_SINGULAR[target]} id {value!r}")
            return None
        if want is not None and getattr(found, "kind", None) not in want:
            self.problem(where, field, f"{value!r} is a {found.kind}, expected {' or '.join(want)}")
        return found

    def _maybe_unread(self, value: str) -> bool:
        """Say whether an id may be defined or cited in a file that could not be read, counting those."""
        if self.c.unknown_content or value in self.c.mentioned:
            self.unchecked += 1
            return True
        return False

    def notes(self) -> list[str]:
        """Explain the checks left out because some files could not be read."""
        if not self.unchecked:
            return []
        files = ", ".join(self.c.unreadable)
        return [f"{self.unchecked} reference(s) not checked because {files} could not be read"]

    def run(self) -> list[FactError]:
        self._unique_ids()
        self._sources()
        self._entities()
        self._member_cycles()
        self._editions()
        self._results()
        self._records()
        self._events()
        self._disputes()
        self._other_shows()
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
                for field, source_id in _citations(where[3]):
                    cited.add(source_id)
                    self.ref(where, field, source_id, "sources")
        cited |= self.c.broken_citations
        for where in self.items("sources"):
            if where[3].id not in cited and not self._maybe_unread(where[3].id):
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

    def _member_cycles(self) -> None:
        """Report groups that are, through `member_of`, members of themselves."""
        first: dict[str, Where] = {}
        for where in self.items("entities"):
            first.setdefault(where[3].id, where)
        groups = {key: [m.group for m in where[3].member_of] for key, where in first.items()}
        for cycle in _cycles(groups):
            if len(cycle) == 1:
                message = f"membership cycle: {cycle[0]!r} is a member of itself"
            else:
                message = f"membership cycle: {' -> '.join([*cycle, cycle[0]])}"
            self.problem(first[cycle[0]], "member_of", message)

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

    def _disputes(self) -> None:
        keys = {
            fact_key(f)
            for kind in ("entities", "ceremonies", "categories", "editions", "results", "records", "events")
            for _, _, f in self.c.located(kind)
        }
        for where in self.items("disputes"):
            d = where[3]
            self.ref(where, "subject", d.subject, "entities")
            self.ref(where, "ceremony", d.ceremony, "ceremonies")
            self.ref(where, "category", d.category, "categories")
            for pos, claim in enumerate(d.claims):
                for fpos, key in enumerate(claim.facts):
                    if key not in keys:
                        self.problem(where, f"claims.{pos}.facts.{fpos}", f"unknown fact {key!r}")

    def _other_shows(self) -> None:
        """A show the facts cover cannot also be one they do not."""
        covered = {
            normalize(n): c.id for _, _, c in self.c.located("ceremonies") for n in [c.name, c.short, *c.aliases]
        }
        for where in self.items("other_shows"):
            show = where[3]
            for pos, alias in enumerate([show.name, *show.aliases]):
                owner = covered.get(normalize(alias))
                if owner is not None:
                    field = "name" if pos == 0 else f"aliases.{pos - 1}"
                    self.problem(where, field, f"{alias!r} names {owner!r}, a show the facts cover")

    def _alias_collisions(self, kind: str, scope: Any) -> None:
        """Report a name or alias that normalises to one already used by another item in scope."""
        owners: dict[tuple[str, str], str] = {}
        for where in self.items(kind):
            item = where[3]
            names = [item.name, *item.aliases, *(f.name for f in getattr(item, "former_names", ()))]
            for pos, alias in enumerate(names):
                field = "name" if pos == 0 else f"aliases.{pos - 1}"
                key = (scope(item), normalize(alias))
                if not key[1]:
                    self.problem(where, field, f"{alias!r} has no letters or digits")
                    continue
                owner = owners.setdefault(key, item.id)
                if owner != item.id:
                    self.problem(where, field, f"alias {alias!r} collides with {owner!r}")


def _citations(item: Any) -> list[tuple[str, str]]:
    """Return (field, source id) for every source an item cites, a dispute's claims included."""
    found = [(f"sources.{pos}", source_id) for pos, source_id in enumerate(getattr(item, "sources", []))]
    for pos, claim in enumerate(getattr(item, "claims", [])):
        found += [(f"claims.{pos}.sources.{spos}", source_id) for spos, source_id in enumerate(claim.sources)]
    return found
