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


def _clean_env(**extra: str) -> dict[str, str]:
    import os

    from bot.settings import ENV_FILE_VARIABLE, Settings

    names = {n.upper() for n in Settings.model_fields} | {ENV_FILE_VARIABLE}
    env = {k: v for k, v in os.environ.items() if k not in names}
    return {**env, **extra}


def _run_env(args: list[str], env: dict[str, str], cwd: Path, stdin: bytes | None = b"") -> tuple[int, str, str]:
    run = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )
    return run.returncode, run.stdout.decode(), run.stderr.decode()


def test_usage_mistakes_exit_2_with_one_clear_line() -> None:
    out = _run("ask", stdin=b"")
    assert out.returncode == 2 and b"stdin held no question" in out.stderr
    out = _run("ask", "--jsonl", "who won?", stdin=b"")
    assert out.returncode == 2 and b"give no question on the command line" in out.stderr
    out = _run("frobnicate")
    assert out.returncode == 2 and b"invalid choice" in out.stderr
    for run in (_run("ask", stdin=b""), _run("ask", "--jsonl", "x"), _run("frobnicate")):
        assert b"Traceback" not in run.stderr


def test_a_closed_pipe_ends_quietly() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    proc.stdin.write(b"who founded the amas\n" * 3000)
    proc.stdin.close()
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    proc.wait(timeout=60)
    assert b"Traceback" not in proc.stderr.read()


def test_settings_mistakes_are_one_line_each_and_need_no_traceback(tmp_path: Path) -> None:
    env = _clean_env(LOG_LEVEL="VERBOSE", DATABASE_URL="mysql://u:hunter2@db/x", BOT_ENV_FILE=str(tmp_path / ".env"))
    code, _, err = _run_env(["ask", "who founded the amas"], env, tmp_path)
    assert code == 2 and "Traceback" not in err and "hunter2" not in err
    lines = err.splitlines()
    assert lines[0].startswith("settings: DATABASE_URL=mysql://u:***@db/x: 'mysql' databases are not supported")
    assert lines[1] == "settings: LOG_LEVEL=VERBOSE: use DEBUG, INFO, WARNING or ERROR"
    # `facts check DIR` and `ask --facts DIR` need no settings, so a bad one elsewhere does not stop them.
    code, out, _ = _run_env(["facts", "check", str(ROOT / "facts")], env, tmp_path)
    assert code == 0 and "OK" in out
    code, out, _ = _run_env(["ask", "--facts", str(ROOT / "facts"), "who founded the amas"], env, tmp_path)
    assert code == 0 and "Dick Clark" in out


def test_a_missing_facts_directory_is_one_line(tmp_path: Path) -> None:
    env = _clean_env(FACTS_DIR=str(tmp_path / "nowhere"), BOT_ENV_FILE=str(tmp_path / ".env"))
    for args in (["ask", "who?"], ["console"], ["facts", "check"]):
        code, _, err = _run_env(args, env, tmp_path)
        assert code == 1, args
        assert (
            err.strip()
            == f"FACTS_DIR: {tmp_path / 'nowhere'} is not a directory; point it at the facts folder (see README)"
        )


def test_the_example_env_works_from_another_directory(tmp_path: Path) -> None:
    """`cp .env.example .env`, then every documented command, run from elsewhere."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "facts", project / "facts")
    shutil.copy(ROOT / ".env.example", project / ".env")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = _clean_env(BOT_ENV_FILE=str(project / ".env"), HOME=str(tmp_path))
    code, out, err = _run_env(["ask", "How many AMAs did BTS win in 2021?"], env, elsewhere)
    assert code == 0 and "BTS won 3 awards" in out, err
    code, out, _ = _run_env(["facts", "check"], env, elsewhere)
    assert code == 0 and str(project / "facts") in out
    code, out, _ = _run_env(["console"], env, elsewhere, stdin=b"/about\n")
    assert code == 0 and "facts from" in out
    code, out, err = _run_env(["db", "upgrade"], env, elsewhere)
    assert code == 0 and "up to date" in out, err
    assert (project / "data" / "bot.sqlite3").is_file() and not (elsewhere / "data").exists()
    for command in ("run", "sync"):  # the example has no token: the set-up help, exit 2
        code, _, err = _run_env([command], env, elsewhere)
        assert code == 2 and "DISCORD_TOKEN is not set" in err


def test_db_upgrade_reports_an_unreachable_database(tmp_path: Path) -> None:
    env = _clean_env(DATABASE_URL="postgresql+asyncpg://bot:pw@127.0.0.1:9/none", BOT_ENV_FILE=str(tmp_path / ".env"))
    code, _, err = _run_env(["db", "upgrade"], env, tmp_path)
    assert code == 1 and "Traceback" not in err
    assert err.startswith("DATABASE_URL=postgresql+asyncpg://bot:***@127.0.0.1:9/none: cannot use the database:")


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
