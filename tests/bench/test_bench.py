"""The benchmark: the synthetic store is valid, the workload is fair, and a small run works (no timings asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.bench.runner import format_table, measure
from bot.bench.synthetic import generate_store
from bot.bench.workload import autocomplete_prefixes, build_workload, typo
from bot.core.loading import load_facts

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("style", ["yaml", "json"])
def test_synthetic_store_passes_facts_check(tmp_path: Path, style: str) -> None:
    made = generate_store(tmp_path, 2000, style=style, seed=3)
    run = subprocess.run(
        [sys.executable, "-m", "bot", "facts", "check", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    store = load_facts(tmp_path)
    assert store.fact_count == made.size
    assert 1800 <= made.size <= 2200
    assert len(store.ceremonies) >= 3 and all(store.categories_by_ceremony[c] for c in store.ceremonies)
    assert any(e.aliases for e in store.entities.values())


def test_the_generator_is_deterministic_and_yaml_equals_json(tmp_path: Path) -> None:
    a = load_facts(generate_store(tmp_path / "a", 800, seed=5).directory)
    b = load_facts(generate_store(tmp_path / "b", 800, seed=5, style="json").directory)
    assert a.counts() == b.counts()
    assert [r.model_dump() for r in a.results] == [r.model_dump() for r in b.results]


def test_workload_mixes_phrasings_and_traps(store) -> None:
    work = build_workload(store, answerable=10, unanswerable=8)
    assert {w.phrasing for w in work} >= {"who_won", "count", "keywords", "typo", "unknown_year", "other_show"}
    assert sum(w.answerable for w in work) == 10
    assert build_workload(store, answerable=10, unanswerable=8) == work
    assert all(3 <= len(p) <= 25 for p in autocomplete_prefixes(work, count=30))
    assert typo("Jungkook", __import__("random").Random(1)) != "Jungkook"


def test_a_small_bench_measures_everything(tmp_path: Path) -> None:
    result = measure(None, 400)
    for key in (
        "load_s",
        "index_s",
        "rss_mb",
        "ask_p50_ms",
        "ask_p99_ms",
        "ask_max_ms",
        "autocomplete_p50_ms",
        "autocomplete_p99_ms",
        "quiz_bank_s",
        "questions_per_s",
        "baseline_p50_ms",
        "baseline_accuracy",
    ):
        assert result[key] >= 0, key
    assert result["accuracy"] > result["baseline_accuracy"]
    assert result["refusal_accuracy"] == 1.0
    table = format_table([result])
    assert "ask p99" in table and "400" in table


def test_the_bench_command_prints_a_table_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    run = subprocess.run(
        [sys.executable, "-m", "bot", "bench", "--sizes", "300", "--yaml-sizes", "", "--json", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "building and measuring the 300-fact store" in run.stderr
    assert "naive p50" in run.stdout
    data = json.loads(out.read_text())
    assert [r["store"] for r in data["results"]] == ["shipped", "300"]
    assert data["machine"]["cpus"] >= 1
