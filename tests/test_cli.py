"""The command line: `ask` (text, JSON, JSON lines) and `facts check`, run as real processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.store import FactStore

ROOT = Path(__file__).resolve().parent.parent
# Settings that do not validate: `facts check` must not need them.
BROKEN_SETTINGS = {"DEV_GUILD_ID": "not-a-number", "ASK_COOLDOWN_SECONDS": "soon", "DISCORD_TOKEN": ""}


def _run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )


def test_ask_prints_answer_and_sources() -> None:
    out = _run("ask", "How many AMAs did BTS win in 2021?")
    text = out.stdout.decode()
    assert out.returncode == 0
    assert text.startswith("BTS won 3 awards at the 2021 American Music Awards")
    assert "Sources:" in text and "November 24, 2021" in text


def test_ask_json_is_one_object() -> None:
    out = _run("ask", "--json", "Who founded the AMAs?")
    data = json.loads(out.stdout)
    assert data["answered"] is True and data["intent"] == "ceremony_fact"
    assert data["sources"][0]["document"] == "002_8dc66d0fee8dd5ea.txt"


def test_ask_jsonl_answers_every_line_in_order_even_bad_ones() -> None:
    lines = ["Who won Best Song at the 2023 MTV EMAs?", "", "x" * 6000, "How many Grammys did BTS win?"]
    stdin = ("\n".join(lines) + "\n").encode() + b"\xff\xfe garbage \x00\n"
    out = _run("ask", "--jsonl", stdin=stdin)
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert len(rows) == 5
    assert rows[0]["answered"] and "Jungkook" in rows[0]["answer"]
    assert [r["answered"] for r in rows[1:]] == [False, False, False, False]
    assert "Traceback" not in out.stderr.decode()


def test_facts_check_prints_counts(store: FactStore) -> None:
    out = _run("facts", "check")
    lines = out.stdout.decode().splitlines()
    assert out.returncode == 0
    assert lines[0].endswith(f": OK, {store.fact_count} facts")
    assert {kind: int(count) for kind, count in (line.split() for line in lines[1:])} == store.counts()


def test_facts_check_fails_with_every_error(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("entities:\n  - {id: a, kind: robot, name: A, sources: [nope]}\n")
    out = _run("facts", "check", str(tmp_path))
    err = out.stderr.decode()
    assert out.returncode == 1
    assert "bad.yaml: entities[0] (id a): kind:" in err
    assert "1 error(s)" in err


def test_facts_check_with_a_dir_ignores_invalid_settings(tmp_path: Path) -> None:
    facts = shutil.copytree(ROOT / "facts", tmp_path / "facts")
    out = _run("facts", "check", str(facts), env=BROKEN_SETTINGS)
    assert out.returncode == 0, out.stderr.decode()
    assert out.stdout.decode().startswith(f"{facts}: OK")


def test_facts_check_without_a_dir_reads_only_facts_dir(tmp_path: Path) -> None:
    facts = shutil.copytree(ROOT / "facts", tmp_path / "facts")
    out = _run("facts", "check", env={**BROKEN_SETTINGS, "FACTS_DIR": str(facts)})
    assert out.returncode == 0, out.stderr.decode()
    assert out.stdout.decode().startswith(f"{facts}: OK")


@pytest.mark.parametrize(("name", "problem"), [("missing", "no such directory"), ("a-file", "is not a directory")])
def test_facts_check_of_a_missing_or_non_directory_is_one_line(tmp_path: Path, name: str, problem: str) -> None:
    (tmp_path / "a-file").write_text("entities: []\n")
    out = _run("facts", "check", str(tmp_path / name), env=BROKEN_SETTINGS)
    assert out.returncode == 1
    assert out.stderr.decode().splitlines() == [f"{tmp_path / name}: {problem}"]
    assert out.stdout == b""


def test_facts_check_prints_the_note_about_unchecked_references(tmp_path: Path) -> None:
    facts = shutil.copytree(ROOT / "facts", tmp_path / "facts")
    (facts / "entities.yaml").write_bytes(b"\xff" + (facts / "entities.yaml").read_bytes())
    out = _run("facts", "check", str(facts))
    lines = out.stderr.decode().splitlines()
    assert out.returncode == 1
    assert lines[0] == f"{facts}: 1 error(s)"
    assert lines[1].startswith("  entities.yaml: not UTF-8 text: save it as UTF-8")
    assert lines[2].startswith("  note: ") and lines[2].endswith("not checked because entities.yaml could not be read")
    assert len(lines) == 3
