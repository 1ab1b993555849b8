"""Loading and validating fact files: the shipped facts, and every kind of broken file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.answering import Engine
from bot.core.errors import FactsInvalid
from bot.core.loading import load_facts
from bot.core.questions import generate_questions
from bot.core.store import FactStore, fact_key

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_facts_load_with_every_kind(store: FactStore) -> None:
    counts = store.counts()
    for kind in ("sources", "entities", "ceremonies", "categories", "editions", "results", "records", "events"):
        assert counts[kind] > 0, kind
    assert store.fact_count == sum(count for kind, count in counts.items() if kind != "sources")


def test_every_source_is_cited_and_every_fact_cites_a_known_source(store: FactStore) -> None:
    cited = {s for fact in store.facts() for s in fact.sources}
    assert cited == set(store.sources)
    for fact in store.facts():
        assert fact.sources, fact_key(fact)


def test_every_source_names_its_seed_document(store: FactStore) -> None:
    documents = {s.document for s in store.sources.values()}
    assert len(documents) == len(store.sources)  # one article per seed file
    assert all(re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", d) for d in documents)


def test_fact_keys_are_unique(store: FactStore) -> None:
    keys = [fact_key(f) for f in store.facts()]
    assert len(keys) == len(set(keys))


def test_store_is_read_only(store: FactStore) -> None:
    with pytest.raises(TypeError):
        store.entities["new"] = store.entities["bts"]  # type: ignore[index]
    with pytest.raises(Exception):  # noqa: B017 - pydantic raises its own error type
        store.entities["bts"].name = "Someone else"  # type: ignore[misc]


def _errors(directory: Path) -> list[str]:
    with pytest.raises(FactsInvalid) as info:
        load_facts(directory)
    return [str(e) for e in info.value.errors]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_field_names_file_item_and_field(facts_copy: Path) -> None:
    _edit(facts_copy / "entities.yaml", "    kind: group\n    name: BTS\n", "    kind: group\n")
    errors = _errors(facts_copy)
    assert errors == ["entities.yaml: entities[0] (id bts): name: required field is missing"]


def test_unknown_field_is_rejected(facts_copy: Path) -> None:
    _edit(facts_copy / "entities.yaml", "    name: BTS\n", "    name: BTS\n    nickname: Bangtan\n")
    assert _errors(facts_copy) == ["entities.yaml: entities[0] (id bts): nickname: unknown field"]


def test_unknown_reference_names_the_id(facts_copy: Path) -> None:
    _edit(facts_copy / "results.yaml", "nominee: drake,", "nominee: drakey,")
    errors = _errors(facts_copy)
    assert len(errors) == 1
    assert errors[0].startswith("results.yaml: results[")
    assert "nominee: unknown entity id 'drakey'" in errors[0]


def test_unknown_source_is_reported(facts_copy: Path) -> None:
    _edit(facts_copy / "records.yaml", "sources: [mama-2023-fifty-wins]", "sources: [no-such-article]")
    errors = _errors(facts_copy)
    assert any(
        e == "records.yaml: records[0] (id bts-mama-total-wins): sources.0: unknown source id 'no-such-article'"
        for e in errors
    )


def test_duplicate_id_is_reported(facts_copy: Path) -> None:
    _edit(facts_copy / "records.yaml", "  - id: bts-mama-most-awards", "  - id: bts-mama-total-wins")
    errors = _errors(facts_copy)
    assert errors == [
        "records.yaml: records[1] (id bts-mama-total-wins): id: duplicate id 'bts-mama-total-wins' "
        "(also in records.yaml)"
    ]


def test_impossible_date_is_reported(facts_copy: Path) -> None:
    _edit(facts_copy / "ceremonies.yaml", "date: 2022-11-21", "date: 2022-11-31")
    errors = _errors(facts_copy)
    assert len(errors) == 1
    assert errors[0].startswith("ceremonies.yaml: editions[")
    assert "(id ama-2022): date:" in errors[0]


def test_alias_collision_between_entities(facts_copy: Path) -> None:
    _edit(facts_copy / "entities.yaml", "aliases: [Lalisa, 리사]", "aliases: [Lalisa, 리사, Jung-Kook]")
    errors = _errors(facts_copy)
    assert len(errors) == 1
    assert "entities.yaml: entities[" in errors[0]
    assert "(id lisa): aliases.2: alias 'Jung-Kook' collides with 'jungkook'" in errors[0]


def test_yaml_syntax_error_gives_file_and_line(facts_copy: Path) -> None:
    _edit(facts_copy / "events.yaml", "    kind: performance\n", "    kind: [performance\n")
    errors = _errors(facts_copy)
    assert len(errors) == 1
    assert re.match(r"events\.yaml: YAML syntax error at line \d+, column \d+", errors[0])


def test_all_errors_are_reported_at_once(facts_copy: Path) -> None:
    _edit(facts_copy / "results.yaml", "nominee: drake,", "nominee: drakey,")
    _edit(facts_copy / "records.yaml", "  - id: bts-mama-most-awards", "  - id: bts-mama-total-wins")
    _edit(facts_copy / "events.yaml", "    kind: performance\n", "    kind: [performance\n")
    errors = _errors(facts_copy)
    assert len(errors) == 3
    assert {e.split(":")[0] for e in errors} == {"results.yaml", "records.yaml", "events.yaml"}


def test_category_of_another_ceremony_is_rejected(facts_copy: Path) -> None:
    old = "{edition: ema-2022, category: ema-best-song,"
    _edit(facts_copy / "results.yaml", old, old.replace("ema-2022", "ama-2022"))
    errors = _errors(facts_copy)
    assert any("category: category 'ema-best-song' belongs to ema, not to ama" in e for e in errors)


def test_uncited_source_is_reported(facts_copy: Path) -> None:
    orphan = "  - {id: orphan, summary: Nobody cites me, document: x.txt}\n"
    _edit(facts_copy / "sources.yaml", "sources:\n", "sources:\n" + orphan)
    assert _errors(facts_copy) == ["sources.yaml: sources[0] (id orphan): id: source is not cited by any fact"]


def test_empty_or_missing_directory(tmp_path: Path) -> None:
    assert _errors(tmp_path) == [f"{tmp_path}: : : no .yaml files found".replace(": : :", ":")]
    assert "not a directory" in _errors(tmp_path / "nope")[0]


NEW_FACT_FILE = """\
# A new article, its own file in a subfolder: nothing else changes.
sources:
  - id: wiki-ema-2022-best-k-pop
    summary: The nominees for Best K-Pop at the 2022 MTV EMAs
    published: 2022-10-12
    document: 900_0123456789abcdef.txt
results:
  - edition: ema-2022
    category: ema-best-k-pop
    nominee: twice
    result: nominated
    sources: [wiki-ema-2022-best-k-pop]
"""


def test_a_new_fact_file_in_a_subfolder_passes_every_check(facts_copy: Path, store: FactStore) -> None:
    (facts_copy / "wikipedia").mkdir(exist_ok=True)
    (facts_copy / "wikipedia" / "test-ema-2022-best-k-pop.yaml").write_text(NEW_FACT_FILE, encoding="utf-8")
    grown = load_facts(facts_copy)
    expected = store.counts()
    expected["sources"] += 1
    expected["results"] += 1
    assert grown.counts() == expected
    new = next(r for r in grown.results if "wiki-ema-2022-best-k-pop" in r.sources)
    assert (new.edition, new.category, new.nominee, new.result) == ("ema-2022", "ema-best-k-pop", "twice", "nominated")

    run = subprocess.run(
        [sys.executable, "-m", "bot", "facts", "check", str(facts_copy)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == f"{facts_copy}: OK, {grown.fact_count} facts"
    assert {kind: int(count) for kind, count in (line.split() for line in lines[1:])} == expected

    engine = Engine(grown)
    questions = [q.text for q in generate_questions(grown) if q.fact == fact_key(new)]
    assert any(fact_key(new) in (a := engine.ask(q)).facts and a.answered for q in questions), questions
