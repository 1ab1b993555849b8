"""The loader against awkward and hostile files: duplicate keys, YAML 1.1 surprises, unreadable
files, subfolders, things that are not files, huge or deeply nested input, and member_of cycles.

Every problem is one line naming the file; nothing raises anything but `FactsInvalid`, hangs or crashes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from bot.core import loading
from bot.core.errors import FactsInvalid
from bot.core.loading import MAX_FILE_BYTES, MAX_NESTING, load_facts

ROOT = Path(__file__).resolve().parents[2]
SOURCE = "ama-2022-bts-two-wins"
KPOP_2022 = "edition: ama-2022, category: ama-favorite-k-pop-artist"


def _invalid(directory: Path) -> FactsInvalid:
    with pytest.raises(FactsInvalid) as info:
        load_facts(directory)
    return info.value


def _errors(directory: Path) -> list[str]:
    return [str(e) for e in _invalid(directory).errors]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _check(directory: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "facts", "check", str(directory)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )


# --- 1. Duplicate keys --------------------------------------------------------------------


def test_duplicate_key_in_an_item_names_the_line(facts_copy: Path) -> None:
    _write(
        facts_copy / "extra.yaml",
        f"""
        results:
          - edition: ama-2022
            category: ama-favorite-k-pop-artist
            nominee: ateez
            result: nominated
            result: won
            sources: [{SOURCE}]
        """,
    )
    _write(facts_copy / "ateez.yaml", f"entities:\n  - {{id: ateez, kind: group, name: ATEEZ, sources: [{SOURCE}]}}\n")
    assert _errors(facts_copy) == ["extra.yaml: duplicate key 'result' at line 6"]


def test_second_top_level_section_is_reported_and_both_are_still_checked(facts_copy: Path) -> None:
    _write(
        facts_copy / "extra.yaml",
        f"""
        entities:
          - {{id: ateez, kind: group, name: ATEEZ, sources: [{SOURCE}]}}
        results:
          - {{{KPOP_2022}, nominee: ateez, result: nominated, sources: [{SOURCE}]}}
        results:
          - {{{KPOP_2022}, nominee: drakey, result: nominated, sources: [{SOURCE}]}}
        """,
    )
    errors = _errors(facts_copy)
    assert errors[0] == "extra.yaml: duplicate key 'results' at line 5"
    assert errors[1:] == ["extra.yaml: results[1]: nominee: unknown entity id 'drakey'"]


def test_duplicate_key_in_a_json_style_file_is_found_too(facts_copy: Path) -> None:
    (facts_copy / "extra.yaml").write_text(
        '{"entities": [\n  {"id": "ateez", "kind": "group", "name": "ATEEZ", "name": "Ateez",'
        f' "sources": ["{SOURCE}"]}}\n]}}\n',
        encoding="utf-8",
    )
    assert _errors(facts_copy) == ["extra.yaml: duplicate key 'name' at line 2"]


def test_a_valid_json_style_file_still_loads(facts_copy: Path) -> None:
    (facts_copy / "extra.json.yaml").write_text(
        f'{{"entities": [{{"id": "ateez", "kind": "group", "name": "ATEEZ", "sources": ["{SOURCE}"]}}]}}',
        encoding="utf-8",
    )
    assert load_facts(facts_copy).entities["ateez"].name == "ATEEZ"


# --- 2. YAML 1.1 booleans and numbers -------------------------------------------------------


def test_on_off_yes_no_stay_text(facts_copy: Path) -> None:
    _write(
        facts_copy / "songs.yaml",
        f"""
        entities:
          - id: bts-on
            kind: song
            name: ON
            aliases: [Off, Yes, No, y, n, NO]
            artists: [bts]
            sources: [{SOURCE}]
        """,
    )
    song = load_facts(facts_copy).entities["bts-on"]
    assert song.name == "ON"
    assert song.aliases == ["Off", "Yes", "No", "y", "n", "NO"]


def test_scalars_follow_yaml_1_2() -> None:
    data, duplicates = loading._parse_text("a: [ON, yes, TRUE, False, 010, 1:20, 2022-11-21, .inf, =, ~, 1.50, 1e3]\n")
    assert duplicates == []
    assert data["a"] == ["ON", "yes", True, False, 10, "1:20", "2022-11-21", ".inf", "=", None, 1.5, 1000.0]


def test_numbers_and_booleans_where_text_belongs_ask_for_quotes(facts_copy: Path) -> None:
    _write(
        facts_copy / "songs.yaml",
        f"""
        entities:
          - {{id: ts-1989, kind: album, name: 1989, artists: [taylor-swift], sources: [{SOURCE}]}}
          - {{id: u2-song, kind: song, name: Two, aliases: [2U, 1.0, 007, 1.50], sources: [{SOURCE}]}}
          - {{id: truth, kind: song, name: true, sources: [{SOURCE}]}}
        """,
    )
    assert _errors(facts_copy) == [
        'songs.yaml: entities[0] (id ts-1989): name: write it in quotes: "1989"',
        'songs.yaml: entities[1] (id u2-song): aliases.1: write it in quotes: "1.0"',
        'songs.yaml: entities[1] (id u2-song): aliases.2: write it in quotes: "007"',
        'songs.yaml: entities[1] (id u2-song): aliases.3: write it in quotes: "1.50"',
        'songs.yaml: entities[2] (id truth): name: write it in quotes: "true"',
    ]


def test_numbers_in_text_fields_of_a_json_style_file_ask_for_quotes(facts_copy: Path) -> None:
    (facts_copy / "songs.yaml").write_text(
        f'{{"entities": [{{"id": "ts-1989", "kind": "album", "name": 1989, "sources": ["{SOURCE}"]}}]}}',
        encoding="utf-8",
    )
    assert _errors(facts_copy) == ['songs.yaml: entities[0] (id ts-1989): name: write it in quotes: "1989"']


@pytest.mark.parametrize("written", ["yes", "no", "Yes", "on", "1", '"true"'])
def test_first_at_ceremony_takes_only_true_or_false(facts_copy: Path, written: str) -> None:
    _edit(
        facts_copy / "results.yaml",
        "nominee: twice, result: nominated,",
        f"nominee: twice, result: nominated, first_at_ceremony: {written},",
    )
    errors = _errors(facts_copy)
    assert len(errors) == 1
    assert errors[0].startswith("results.yaml: results[")
    assert ": first_at_ceremony: use true or false, not " in errors[0]


# --- 3. Unreadable files do not cascade -------------------------------------------------------


def test_file_that_is_not_utf8_gives_one_error_and_no_knock_on_errors(facts_copy: Path) -> None:
    path = facts_copy / "entities.yaml"
    path.write_bytes(path.read_bytes().replace("정국".encode(), "정국".encode("euc-kr")))
    invalid = _invalid(facts_copy)
    assert [str(e) for e in invalid.errors] == [
        "entities.yaml: not UTF-8 text: save it as UTF-8 (the first bad byte is on line 14)"
    ]
    assert len(invalid.notes) == 1
    assert "not checked because entities.yaml could not be read" in invalid.notes[0]


def test_file_with_a_syntax_error_gives_one_error_and_no_knock_on_errors(facts_copy: Path) -> None:
    _edit(facts_copy / "entities.yaml", "    kind: group\n", "    kind: [group\n")
    errors = _errors(facts_copy)
    assert len(errors) == 1
    assert errors[0].startswith("entities.yaml: YAML syntax error at line 7, column 9")


def test_ids_the_broken_file_never_mentions_are_still_reported(facts_copy: Path) -> None:
    _edit(facts_copy / "entities.yaml", "    kind: group\n", "    kind: [group\n")
    _edit(facts_copy / "results.yaml", "nominee: drake,", "nominee: drakey,")
    errors = _errors(facts_copy)
    assert len(errors) == 2
    assert errors[0].startswith("entities.yaml: YAML syntax error")
    assert errors[1].startswith("results.yaml: results[") and "unknown entity id 'drakey'" in errors[1]


def test_sources_cited_only_by_an_unreadable_file_are_not_called_uncited(facts_copy: Path) -> None:
    _write(
        facts_copy / "new-source.yaml",
        "sources:\n  - {id: lonely, summary: Cited by one broken file, document: x.txt}\n",
    )
    _write(facts_copy / "broken.yaml", "events:\n  - {id: e, kind: other, year: 2023, sources: [lonely]\n")
    errors = _errors(facts_copy)
    assert len(errors) == 1 and errors[0].startswith("broken.yaml: YAML syntax error")


def test_sources_cited_only_by_an_invalid_item_are_not_called_uncited(facts_copy: Path) -> None:
    _write(
        facts_copy / "new-source.yaml", "sources:\n  - {id: lonely, summary: Cited by one bad item, document: x.txt}\n"
    )
    _write(facts_copy / "bad.yaml", "events:\n  - {id: e, kind: party, year: 2023, statement: S., sources: [lonely]}\n")
    errors = _errors(facts_copy)
    assert len(errors) == 1 and errors[0].startswith("bad.yaml: events[0] (id e): kind:")


def test_unknown_kind_hides_its_ids_rather_than_cascading(facts_copy: Path) -> None:
    _edit(facts_copy / "entities.yaml", "entities:\n", "entites:\n")
    errors = _errors(facts_copy)
    assert errors == ["entities.yaml: entites: unknown kind (expected one of " + ", ".join(loading._MODEL_OF) + ")"]


# --- 4. Subfolders, hidden files and backups --------------------------------------------------


def test_files_in_subfolders_are_loaded_and_named_by_their_path(facts_copy: Path) -> None:
    _write(
        facts_copy / "wikipedia" / "ama" / "results.yml",
        f"results:\n  - {{edition: ama-2022, category: ama-favorite-k-pop-artist, nominee: drakey,"
        f" result: nominated, sources: [{SOURCE}]}}\n",
    )
    assert _errors(facts_copy) == ["wikipedia/ama/results.yml: results[0]: nominee: unknown entity id 'drakey'"]


def test_duplicate_id_in_a_subfolder_names_both_files(facts_copy: Path) -> None:
    _write(
        facts_copy / "wikipedia" / "entities.yaml",
        f"entities:\n  - {{id: bts, kind: group, name: BTS, sources: [{SOURCE}]}}\n",
    )
    assert _errors(facts_copy) == [
        "wikipedia/entities.yaml: entities[0] (id bts): id: duplicate id 'bts' (also in entities.yaml)"
    ]


def test_hidden_files_folders_and_editor_backups_are_skipped(facts_copy: Path) -> None:
    expected = load_facts(facts_copy).counts()
    garbage = "results: [{{{ not yaml\n"
    for name in (
        ".hidden.yaml",
        ".git/config.yaml",
        ".trash/results.yaml",
        "results.yaml~",
        "results.yaml.bak",
        "results.yaml.orig",
        ".results.yaml.swp",
        "results.yaml.swp",
        "old.bak/results.yaml",
        "old~/results.yaml",
        "notes.txt",
    ):
        _write(facts_copy / name, garbage)
    assert load_facts(facts_copy).counts() == expected


# --- 5. Things that are not regular files, and huge or deep input ----------------------------


def test_directory_named_like_a_fact_file(facts_copy: Path) -> None:
    (facts_copy / "x.yaml").mkdir()
    _write(facts_copy / "x.yaml" / "inside.yaml", "results: [{{{\n")  # not read: the folder is refused
    assert _errors(facts_copy) == ["x.yaml: not a regular file (a folder): only regular files are read"]


def test_dangling_symlink(facts_copy: Path) -> None:
    (facts_copy / "gone.yaml").symlink_to(facts_copy / "nowhere.yaml")
    assert _errors(facts_copy) == ["gone.yaml: broken symbolic link: what it points to does not exist"]


def test_symlink_loop(facts_copy: Path) -> None:
    (facts_copy / "a.yaml").symlink_to(facts_copy / "b.yaml")
    (facts_copy / "b.yaml").symlink_to(facts_copy / "a.yaml")
    assert _errors(facts_copy) == [
        "a.yaml: symbolic link loop: the link leads back to itself",
        "b.yaml: symbolic link loop: the link leads back to itself",
    ]


def test_symlink_to_a_fact_file_is_read(facts_copy: Path, tmp_path: Path) -> None:
    target = _write(
        tmp_path / "elsewhere" / "ateez.txt",
        f"entities:\n  - {{id: ateez, kind: group, name: ATEEZ, sources: [{SOURCE}]}}\n",
    )
    (facts_copy / "ateez.yaml").symlink_to(target)
    assert "ateez" in load_facts(facts_copy).entities


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_is_refused_without_waiting(facts_copy: Path) -> None:
    os.mkfifo(facts_copy / "pipe.yaml")
    run = _check(facts_copy, timeout=30)  # reading the pipe would wait for a writer for ever
    assert run.returncode == 1
    assert run.stderr.splitlines()[1:] == [
        "  pipe.yaml: not a regular file (a named pipe): only regular files are read"
    ]


def test_file_over_the_size_limit_is_refused_before_reading(facts_copy: Path) -> None:
    with (facts_copy / "huge.yaml").open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written, and nothing must be read
    assert _errors(facts_copy) == ["huge.yaml: larger than 20 MB: split it into smaller files"]


def test_deep_brackets_that_crash_libyaml_give_one_line_in_a_subprocess(tmp_path: Path) -> None:
    (tmp_path / "deep.yaml").write_text("[" * 100_000, encoding="utf-8")
    run = _check(tmp_path)
    assert run.returncode == 1, (run.returncode, run.stderr[-500:])
    assert run.stderr.splitlines()[1:] == [
        f"  deep.yaml: line 1, column 51: nested more than {MAX_NESTING} levels deep"
    ]
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    "text",
    [
        "entities: " + "[" * 60 + "]" * 60 + "\n",
        '{"entities": ' + "[" * 60 + "]" * 60 + "}",
        "".join(" " * level + f"k{level}:\n" for level in range(60)),
        "- " * 60 + "x\n",
    ],
    ids=["flow", "json", "block", "dashes"],
)
def test_nesting_deeper_than_the_limit_is_one_error(facts_copy: Path, text: str) -> None:
    (facts_copy / "deep.yaml").write_text(text, encoding="utf-8")
    errors = _errors(facts_copy)
    assert len(errors) == 1
    assert errors[0].startswith("deep.yaml: line ") and errors[0].endswith(
        f"nested more than {MAX_NESTING} levels deep"
    )


def test_many_unbalanced_brackets_inside_text_are_not_nesting(facts_copy: Path) -> None:
    statement = "Fans held up " + "[" * 80 + " signs."
    _write(
        facts_copy / "events-extra.yaml",
        f"""
        events:
          - id: bracket-signs
            kind: other
            year: 2022
            statement: "{statement}"
            sources: [{SOURCE}]
        """,
    )
    assert load_facts(facts_copy).events["bracket-signs"].statement == statement


def test_recursion_in_the_pure_python_parser_is_caught(facts_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class PurePythonLoader(loading._FactConstruction, yaml.SafeLoader):
        pass

    monkeypatch.setattr(loading, "_FactLoader", PurePythonLoader)
    monkeypatch.setattr(loading, "MAX_NESTING", 10**6)  # let the parsers meet the deep text
    (facts_copy / "deep.yaml").write_text("x: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    (facts_copy / "deep.json.yaml").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    assert _errors(facts_copy) == [
        "deep.json.yaml: nested too deeply to read (at most 1000000 levels)",
        "deep.yaml: nested too deeply to read (at most 1000000 levels)",
    ]


@pytest.mark.parametrize("digits", [31, 5000])
def test_numbers_with_too_many_digits_are_one_error(facts_copy: Path, digits: int) -> None:
    _edit(facts_copy / "records.yaml", "    value: 50\n", f"    value: {'1' * digits}\n")
    errors = _errors(facts_copy)
    assert len(errors) == 1
    assert errors[0].startswith("records.yaml: line ")
    assert errors[0].endswith("number with more than 30 digits: write it in quotes if it is text")


def test_numbers_with_too_many_digits_in_json_style_name_their_line(facts_copy: Path) -> None:
    (facts_copy / "extra.yaml").write_text('{"records": [\n {"value": ' + "9" * 5000 + "}\n]}", encoding="utf-8")
    assert _errors(facts_copy) == [
        "extra.yaml: line 2, column 12: number with more than 30 digits: write it in quotes if it is text"
    ]


def test_alias_bomb_is_refused_quickly(facts_copy: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    (facts_copy / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _errors(facts_copy) == ["bomb.yaml: aliases (*name) repeat more than 100,000 values: write the values out"]


def test_alias_containing_itself_is_refused(facts_copy: Path) -> None:
    (facts_copy / "loop.yaml").write_text("entities: &e [*e]\n", encoding="utf-8")
    assert _errors(facts_copy) == [
        "loop.yaml: line 1, column 11: an alias (*name) refers to a list or mapping containing it"
    ]


def test_a_few_aliases_are_fine(facts_copy: Path) -> None:
    _write(
        facts_copy / "aliases.yaml",
        f"""
        entities:
          - id: ateez
            kind: group
            name: ATEEZ
            sources: &cited [{SOURCE}]
          - {{id: enhypen, kind: group, name: ENHYPEN, sources: *cited}}
        """,
    )
    assert load_facts(facts_copy).entities["enhypen"].sources == [SOURCE]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x: !!timestamp nope\n", "line 1, column 4: the tag !!timestamp is not supported: remove it"),
        ("x: !!python/object:os.system ls\n", "line 1, column 4: the tag !!python/object:os.system is not supported"),
        ("x: !!int 0x1f\n", "line 1, column 4: '0x1f' is not a number"),
        ("x: !!bool maybe\n", "line 1, column 4: 'maybe' is not true or false"),
        ("a: 1\nb: c\x07\n", "character U+0007 on line 2 is not allowed in YAML: remove it"),
        ("a: 1\nb: \x00\n", "character U+0000 on line 2 is not allowed in YAML: remove it"),
    ],
)
def test_odd_tags_and_characters_are_one_error(facts_copy: Path, text: str, expected: str) -> None:
    (facts_copy / "odd.yaml").write_text(text, encoding="utf-8")
    errors = _errors(facts_copy)
    assert len(errors) == 1
    assert errors[0].startswith(f"odd.yaml: {expected}")


def test_hostile_files_together_are_one_line_each_in_a_subprocess(facts_copy: Path) -> None:
    (facts_copy / "deep.yaml").write_text("{a: " * 80_000, encoding="utf-8")
    (facts_copy / "big.yaml").write_text("value: " + "7" * 10_000 + "\n", encoding="utf-8")
    (facts_copy / "gone.yaml").symlink_to(facts_copy / "nowhere.yaml")
    (facts_copy / "folder.yaml").mkdir()
    run = _check(facts_copy)
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert lines[0].endswith(": 4 error(s)")
    assert [line.split(":")[0].strip() for line in lines[1:]] == ["big.yaml", "deep.yaml", "folder.yaml", "gone.yaml"]


# --- 6. member_of cycles -------------------------------------------------------------------------


def test_group_that_is_a_member_of_itself(facts_copy: Path) -> None:
    _edit(
        facts_copy / "entities.yaml",
        "  - id: bts\n    kind: group\n",
        "  - id: bts\n    kind: group\n    member_of: [{group: bts}]\n",
    )
    assert _errors(facts_copy) == [
        "entities.yaml: entities[0] (id bts): member_of: membership cycle: 'bts' is a member of itself"
    ]


def test_two_groups_that_are_members_of_each_other(facts_copy: Path) -> None:
    _edit(
        facts_copy / "entities.yaml",
        "  - id: bts\n    kind: group\n",
        "  - id: bts\n    kind: group\n    member_of: [{group: txt}]\n",
    )
    _edit(facts_copy / "entities.yaml", "{id: txt, kind: group,", "{id: txt, kind: group, member_of: [{group: bts}],")
    errors = _errors(facts_copy)
    assert errors == ["entities.yaml: entities[0] (id bts): member_of: membership cycle: bts -> txt -> bts"]


def test_longer_member_of_cycle_is_named_in_order(facts_copy: Path) -> None:
    _write(
        facts_copy / "groups.yaml",
        f"""
        entities:
          - {{id: unit-c, kind: group, name: Unit C, member_of: [{{group: unit-a}}], sources: [{SOURCE}]}}
          - {{id: unit-a, kind: group, name: Unit A, member_of: [{{group: unit-b}}], sources: [{SOURCE}]}}
          - {{id: unit-b, kind: group, name: B, member_of: [{{group: unit-c}}, {{group: bts}}], sources: [{SOURCE}]}}
          - {{id: unit-d, kind: group, name: Unit D, member_of: [{{group: unit-a}}], sources: [{SOURCE}]}}
        """,
    )
    assert _errors(facts_copy) == [
        "groups.yaml: entities[1] (id unit-a): member_of: membership cycle: unit-a -> unit-b -> unit-c -> unit-a"
    ]
