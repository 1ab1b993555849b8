"""Command line: `python -m bot ask|facts|console|run|sync|bench`."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot import __version__

if TYPE_CHECKING:
    from bot.settings import Settings

log = logging.getLogger(__name__)

DEFAULT_FACTS_DIR = Path(__file__).resolve().parent.parent / "facts"


def _facts_dir(value: str | None) -> Path:
    if value:
        return Path(value)
    from bot.settings import Settings

    return Settings().facts_dir


def _facts_check_dir(value: str | None) -> Path:
    """Return the directory to check: the one given, else FACTS_DIR, reading no other setting."""
    if value:
        return Path(value)
    from pydantic_settings import BaseSettings

    from bot.settings import Settings

    class FactsDirOnly(BaseSettings):
        model_config = Settings.model_config
        facts_dir: Path = Settings.model_fields["facts_dir"].default

    return FactsDirOnly().facts_dir


def _cmd_facts_check(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from bot.core.errors import FactsInvalid
    from bot.core.loading import load_facts

    try:
        directory = _facts_check_dir(args.dir)
    except (ValidationError, OSError, ValueError) as exc:
        print(f"cannot read FACTS_DIR from the settings: {exc}".splitlines()[0], file=sys.stderr)
        return 1
    if not directory.is_dir():
        problem = "is not a directory" if directory.exists() else "no such directory"
        print(f"{directory}: {problem}", file=sys.stderr)
        return 1
    try:
        store = load_facts(directory)
    except FactsInvalid as exc:
        print(f"{directory}: {len(exc.errors)} error(s)", file=sys.stderr)
        for err in exc.errors:
            print(f"  {err}", file=sys.stderr)
        for note in exc.notes:
            print(f"  note: {note}", file=sys.stderr)
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


def _cmd_console(args: argparse.Namespace) -> int:
    import datetime as dt

    from bot.console import Console
    from bot.services.asking import build_engine

    console = Console(build_engine(_facts_dir(args.facts)), now=lambda: dt.datetime.now(dt.UTC))
    interactive = sys.stdin.isatty()
    if interactive:
        sys.stdout.write("> ")
    console.run(sys.stdin, sys.stdout, prompt=interactive)
    return 0


DISCORD_SETUP_HELP = """DISCORD_TOKEN is not set, so the bot cannot log in to Discord.

  1. Create an application and a bot at https://discord.com/developers/applications
     (see "Discord set-up" in README.md), and copy its token.
  2. cp .env.example .env   and put the token after DISCORD_TOKEN=
  3. python -m bot sync      (once, to register the slash commands)
  4. python -m bot run

To try the bot without Discord: python -m bot console"""


def _discord_settings() -> Settings | None:
    from bot.settings import Settings

    settings = Settings()
    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        print(DISCORD_SETUP_HELP, file=sys.stderr)
        return None
    logging.getLogger().setLevel(settings.log_level.upper())
    return settings


def _cmd_run(args: argparse.Namespace) -> int:
    settings = _discord_settings()
    if settings is None:
        return 2
    from bot.discord.runner import run_bot

    return run_bot(settings)


def _cmd_sync(args: argparse.Namespace) -> int:
    settings = _discord_settings()
    if settings is None:
        return 2
    from bot.discord.runner import sync_commands

    return sync_commands(settings)


def _sizes(text: str) -> list[int]:
    return [int(x.replace("_", "")) for x in text.split(",") if x.strip()]


def _cmd_bench(args: argparse.Namespace) -> int:
    from bot.bench.runner import measure, run

    if args.child:
        size = None if args.child == "shipped" else int(args.child)
        facts = Path(args.facts) if args.facts else (_facts_dir(None) if size is None else None)
        print(json.dumps(measure(facts, size, style=args.format)))
        return 0
    run(_sizes(args.sizes), json_path=args.json, facts_dir=args.facts, yaml_sizes=_sizes(args.yaml_sizes))
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

    console = sub.add_parser("console", help="use the bot's commands in this terminal")
    console.add_argument("--facts", help="facts directory (default: FACTS_DIR or ./facts)")
    console.set_defaults(func=_cmd_console)
    sub.add_parser("run", help="run the Discord bot (needs DISCORD_TOKEN)").set_defaults(func=_cmd_run)
    sub.add_parser("sync", help="register the slash commands with Discord (run once)").set_defaults(func=_cmd_sync)

    bench = sub.add_parser("bench", help="measure answer, autocomplete, quiz and load costs as the store grows")
    bench.add_argument("--sizes", default="1000,10000,100000", help="synthetic store sizes, comma-separated")
    bench.add_argument(
        "--yaml-sizes",
        default="100000",
        help="sizes also measured with block-YAML files (slower to load than JSON-style)",
    )
    bench.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    bench.add_argument("--facts", help="the shipped facts directory (default: FACTS_DIR or ./facts)")
    bench.add_argument("--format", default="json", choices=["json", "yaml"], help=argparse.SUPPRESS)
    bench.add_argument("--child", help=argparse.SUPPRESS)
    bench.set_defaults(func=_cmd_bench)

    facts = sub.add_parser("facts", help="work with the facts directory")
    facts_sub = facts.add_subparsers(dest="facts_command", required=True)
    check = facts_sub.add_parser("check", help="validate a facts directory and print counts")
    check.add_argument("dir", nargs="?", help="facts directory (default: FACTS_DIR or ./facts)")
    check.set_defaults(func=_cmd_facts_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.command == "run" else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
