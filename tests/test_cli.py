"""The command line: `ask` (text, JSON, JSON lines) and `facts check`, run as real processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, cwd=ROOT, timeout=60, check=False
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


def test_facts_check_prints_counts() -> None:
    out = _run("facts", "check")
    text = out.stdout.decode()
    assert out.returncode == 0
    assert "OK" in text and "results" in text and "sources          5" in text


def test_facts_check_fails_with_every_error(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("entities:\n  - {id: a, kind: robot, name: A, sources: [nope]}\n")
    out = _run("facts", "check", str(tmp_path))
    err = out.stderr.decode()
    assert out.returncode == 1
    assert "bad.yaml: entities[0] (id a): kind:" in err
    assert "1 error(s)" in err
