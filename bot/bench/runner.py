"""`python -m bot bench`: measure load, answer, autocomplete and quiz costs as the store grows.

Each size runs in its own process, so memory figures are that size's alone.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from bot.bench.synthetic import generate_store
from bot.bench.workload import WorkItem, autocomplete_prefixes, build_workload
from bot.core.answering import Engine
from bot.core.loading import load_facts
from bot.core.questions import generate_questions
from bot.core.quiz import QuestionBank
from bot.core.store import FactStore
from bot.core.text import normalize

BASELINE_CUTOFF = 80  # the naive matcher answers only above this score


def _percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def _engine_correct(engine: Engine, item: WorkItem) -> tuple[bool, float]:
    answer, seconds = _timed(lambda: engine.ask(item.question))
    ok = (answer.answered and item.fact in answer.facts) if item.answerable else not answer.answered
    return ok, seconds


class NaiveBaseline:
    """One rapidfuzz `extractOne` over a canonical question for every fact."""

    def __init__(self, store: FactStore) -> None:
        questions = generate_questions(store)
        self.texts = [normalize(q.text) for q in questions]
        self.facts = [q.fact for q in questions]

    def answer(self, question: str) -> str | None:
        found = process.extractOne(normalize(question), self.texts, scorer=fuzz.WRatio, score_cutoff=BASELINE_CUTOFF)
        return self.facts[found[2]] if found else None

    def correct(self, item: WorkItem) -> tuple[bool, float]:
        fact, seconds = _timed(lambda: self.answer(item.question))
        return (fact == item.fact) if item.answerable else fact is None, seconds


def measure(
    store_dir: Path | None, size: int | None, *, style: str = "json", baseline_limit: int = 120
) -> dict[str, Any]:
    """Measure one store (the shipped one when `size` is None); runs in the current process."""
    result: dict[str, Any] = {"store": "shipped" if size is None else f"{size:,}", "format": style}
    with tempfile.TemporaryDirectory() as tmp:
        directory = store_dir or Path(tmp)
        if size is not None:
            _, result["generate_s"] = _timed(lambda: generate_store(directory, size, style=style))
        store, load_s = _timed(lambda: load_facts(directory))
        engine, index_s = _timed(lambda: Engine(store))
    result["facts"] = store.fact_count
    result["load_s"] = load_s
    result["index_s"] = index_s
    result["load_index_s"] = load_s + index_s
    bank, quiz_s = _timed(lambda: QuestionBank(store))
    result["quiz_bank_s"] = quiz_s
    result["quiz_questions"] = len(bank)
    import random

    _, pick_s = _timed(lambda: [bank.pick(random.Random(i), 10) for i in range(20)])
    result["quiz_game_ms"] = pick_s / 20 * 1000
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    work = build_workload(store)
    for item in work[:20]:  # warm caches the way a running bot has them
        engine.ask(item.question)
    outcomes = [_engine_correct(engine, item) for item in work]
    times = [s for _, s in outcomes]
    answerable = [ok for (ok, _), item in zip(outcomes, work, strict=True) if item.answerable]
    traps = [ok for (ok, _), item in zip(outcomes, work, strict=True) if not item.answerable]
    result.update(
        questions=len(work),
        ask_p50_ms=_percentile(times, 50) * 1000,
        ask_p99_ms=_percentile(times, 99) * 1000,
        ask_max_ms=max(times) * 1000,
        questions_per_s=len(times) / sum(times),
        accuracy=sum(answerable) / max(1, len(answerable)),
        refusal_accuracy=sum(traps) / max(1, len(traps)),
    )
    prefixes = autocomplete_prefixes(work)
    ac_times = [_timed(lambda p=p: engine.complete(p))[1] for p in prefixes]
    result.update(
        autocomplete_p50_ms=_percentile(ac_times, 50) * 1000, autocomplete_p99_ms=_percentile(ac_times, 99) * 1000
    )

    baseline, baseline_build_s = _timed(lambda: NaiveBaseline(store))
    # The naive matcher costs ~0.2 s a question at 100,000 facts: a smaller sample keeps the run short.
    sample = work[: baseline_limit if store.fact_count <= 20_000 else baseline_limit // 3]
    base = [baseline.correct(item) for item in sample]
    mine = [ok for (ok, _), _item in zip(outcomes, sample, strict=False)]
    base_times = [s for _, s in base]
    result.update(
        baseline_build_s=baseline_build_s,
        baseline_sample=len(sample),
        baseline_p50_ms=_percentile(base_times, 50) * 1000,
        baseline_p99_ms=_percentile(base_times, 99) * 1000,
        baseline_accuracy=sum(ok for ok, _ in base) / len(sample),
        engine_accuracy_same_sample=sum(mine) / len(sample),
    )
    result["speedup_p50"] = result["baseline_p50_ms"] / max(result["ask_p50_ms"], 1e-9)
    return result


def _child(size: int | None, style: str, facts_dir: str | None) -> dict[str, Any]:
    args = [
        sys.executable,
        "-m",
        "bot",
        "bench",
        "--child",
        "shipped" if size is None else str(size),
        "--format",
        style,
    ]
    if facts_dir:
        args += ["--facts", facts_dir]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    out = subprocess.run(args, capture_output=True, text=True, check=True, env=env)  # noqa: S603
    return json.loads(out.stdout.strip().splitlines()[-1])


COLUMNS = [
    ("store", "store", "{}"),
    ("facts", "facts", "{:,}"),
    ("format", "fmt", "{}"),
    ("load_s", "load s", "{:.2f}"),
    ("index_s", "index s", "{:.2f}"),
    ("rss_mb", "RSS MB", "{:.0f}"),
    ("ask_p50_ms", "ask p50", "{:.2f}"),
    ("ask_p99_ms", "ask p99", "{:.2f}"),
    ("ask_max_ms", "ask max", "{:.1f}"),
    ("autocomplete_p50_ms", "ac p50", "{:.2f}"),
    ("autocomplete_p99_ms", "ac p99", "{:.2f}"),
    ("quiz_bank_s", "quiz s", "{:.2f}"),
    ("questions_per_s", "q/s", "{:,.0f}"),
    ("accuracy", "acc", "{:.0%}"),
    ("refusal_accuracy", "refuse", "{:.0%}"),
    ("baseline_p50_ms", "naive p50", "{:.2f}"),
    ("baseline_accuracy", "naive acc", "{:.0%}"),
    ("speedup_p50", "speed-up", "{:.0f}×"),
]


def format_table(rows: list[dict[str, Any]]) -> str:
    """Render results as an aligned text table (times in ms unless marked s)."""
    head = [title for _, title, _ in COLUMNS]
    body = [[fmt.format(row[key]) for key, _, fmt in COLUMNS] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in body)) for i, h in enumerate(head)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(head, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in body]
    return "\n".join(lines)


def run(
    sizes: list[int],
    *,
    json_path: str | None,
    facts_dir: str | None,
    yaml_sizes: list[int],
    out: Callable[[str], None] = print,
) -> list[dict[str, Any]]:
    """Benchmark the shipped store and each size; print a table, optionally write JSON."""
    rows = []
    plan: list[tuple[int | None, str]] = (
        [(None, "yaml")] + [(s, "json") for s in sizes] + [(s, "yaml") for s in yaml_sizes]
    )
    for size, style in plan:
        label = "shipped store" if size is None else f"{size:,}-fact store ({style})"
        print(f"building and measuring the {label}...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        rows.append(_child(size, style, facts_dir))
        print(f"  done in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    machine = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "system": platform.system(),
    }
    out(format_table(rows))
    out(
        "(times in ms unless marked s; ac = autocomplete; naive = one rapidfuzz extractOne per question over a "
        "canonical question per fact, on the first "
        + "/".join(str(r["baseline_sample"]) for r in rows)
        + " questions of each store, in the order above)"
    )
    by_size = {r["facts"]: r for r in rows if r["store"] != "shipped" and r["format"] == "json"}
    if len(by_size) >= 2:
        small, big = by_size[min(by_size)], by_size[max(by_size)]
        out(
            f"ask p99 growth from {small['facts']:,} to {big['facts']:,} facts: "
            f"{big['ask_p99_ms'] / max(small['ask_p99_ms'], 1e-9):.2f}×"
        )
    if json_path:
        Path(json_path).write_text(json.dumps({"machine": machine, "results": rows}, indent=2), encoding="utf-8")
        out(f"wrote {json_path}")
    return rows
