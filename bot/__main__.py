"""Command line: `python -m bot ask|facts|console|run|sync|bench`."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot import __version__

log = logging.getLogger(__name__)

DEFAULT_FACTS_DIR = Path(__file__).resolve().parent.parent / "facts"


def _facts_dir(value: str | None) -> Path:
    if value:
        return Path(value)
    from bot.settings import Settings

    return Settings().facts_dir


def _cmd_facts_check(args: argparse.Namespace) -> int:
    from bot.core.errors import FactsInvalid
    from bot.core.loading import load_facts

    directory = _facts_dir(args.dir)
    try:
        store = load_facts(directory)
    except FactsInvalid as exc:
        print(f"{directory}: {len(exc.errors)} error(s)", file=sys.stderr)
        for err in exc.errors:
            print(f"  {err}", file=sys.stderr)
        return 1
    print(f"{directory}: OK, {store.fact_count} facts")
    for kind, count in store.counts().items():
        print(f"  {kind:<11} {count:>6}")
    return 0


def _read_stdin_lines() -> Sequence[str]:
    data = sys.stdin.buffer.read()
    return data.decode("utf-8", errors="replace").splitlines()


def _cmd_ask(args: argparse.Namespace) -> int:
    from bot.services.asking import build_engine

    engine = build_engine(_facts_dir(args.facts))
    if args.jsonl:
        out = sys.stdout
        for line in _read_stdin_lines():
            answer = engine.ask(line)
            out.write(json.dumps(answer.model_dump(mode="json"), ensure_ascii=False) + "\n")
        out.flush()
        return 0
    question = " ".join(args.question)
    if not question and not sys.stdin.isatty():
        question = " ".join(_read_stdin_lines())
    answer = engine.ask(question)
    if args.json:
        print(json.dumps(answer.model_dump(mode="json"), ensure_ascii=False))
        return 0
    from bot.services.asking import render_text

    print(render_text(answer))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Build the command-line parser."""
    parser = argparse.ArgumentParser(prog="python -m bot", description="Award-trivia bot.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help="answer a question from the facts")
    ask.add_argument("question", nargs="*", help="the question (or read it from stdin)")
    mode = ask.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument("--jsonl", action="store_true", help="read one question a line on stdin, write JSON lines")
    ask.add_argument("--facts", help="facts directory (default: FACTS_DIR or ./facts)")
    ask.set_defaults(func=_cmd_ask)

    facts = sub.add_parser("facts", help="work with the facts directory")
    facts_sub = facts.add_subparsers(dest="facts_command", required=True)
    check = facts_sub.add_parser("check", help="validate a facts directory and print counts")
    check.add_argument("dir", nargs="?", help="facts directory (default: FACTS_DIR or ./facts)")
    check.set_defaults(func=_cmd_facts_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
