"""Command line: `python -m bot ask|facts|console|run|sync|health|db|bench`.

Exit codes: 0 done, 1 failed (invalid facts, Discord or the database refused),
2 usage or settings mistake (nothing was run). No user mistake ends in a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot import __version__

if TYPE_CHECKING:
    from bot.core.answering import Engine
    from bot.settings import Settings

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A mistake the user can fix: print `lines` and exit with `code`."""

    def __init__(self, lines: list[str], code: int = EXIT_USAGE) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines
        self.code = code


def _settings() -> Settings:
    from bot.settings import SettingsError, load_settings

    try:
        return load_settings()
    except SettingsError as exc:
        raise CommandError(
            [f"settings: {p}" for p in exc.problems] + [f"(settings are read from {exc.source})"]
        ) from None


def _facts_dir(value: str | None, setting: str = "--facts") -> Path:
    """Return the facts directory: `--facts`, else FACTS_DIR (which needs valid settings)."""
    directory = Path(value) if value else _settings().facts_dir
    if not directory.is_dir():
        where = setting if value else "FACTS_DIR"
        raise CommandError(
            [f"{where}: {directory} is not a directory; point it at the facts folder (see README)"], EXIT_FAILED
        )
    return directory


def _engine(value: str | None) -> Engine:
    from bot.core.errors import FactsInvalid
    from bot.services.asking import build_engine

    directory = _facts_dir(value)
    try:
        return build_engine(directory)
    except FactsInvalid as exc:
        lines = [f"{directory}: {len(exc.errors)} error(s); run `python -m bot facts check` for the list"]
        lines += [f"  {err}" for err in exc.errors[:5]]
        raise CommandError(lines, EXIT_FAILED) from None


def _cmd_facts_check(args: argparse.Namespace) -> int:
    from bot.core.errors import FactsInvalid
    from bot.core.loading import load_facts
    from bot.settings import SettingsError, read_facts_dir

    if args.dir:
        directory = Path(args.dir)
        if not directory.is_dir():
            problem = "is not a directory" if directory.exists() else "no such directory"
            raise CommandError([f"{directory}: {problem}"], EXIT_FAILED)
    else:
        try:
            directory = read_facts_dir()  # only FACTS_DIR: other settings may be wrong, it does not matter here
        except SettingsError as exc:
            raise CommandError([f"settings: {p}" for p in exc.problems]) from None
        directory = _facts_dir(str(directory), setting="FACTS_DIR")
    try:
        store = load_facts(directory)
    except FactsInvalid as exc:
        print(f"{directory}: {len(exc.errors)} error(s)", file=sys.stderr)
        for err in exc.errors:
            print(f"  {err}", file=sys.stderr)
        for note in exc.notes:
            print(f"  note: {note}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{directory}: OK, {store.fact_count} facts")
    for kind, count in store.counts().items():
        print(f"  {kind:<11} {count:>6}")
    return EXIT_OK


def _read_stdin_lines() -> Sequence[str]:
    data = sys.stdin.buffer.read()
    return data.decode("utf-8", errors="replace").splitlines()


def _cmd_ask(args: argparse.Namespace) -> int:
    if args.jsonl and args.question:
        raise CommandError(["ask --jsonl reads questions from stdin; give no question on the command line"])
    question = " ".join(args.question).strip()
    if not args.jsonl and not question:
        if sys.stdin.isatty():
            raise CommandError(['ask: give a question, e.g. python -m bot ask "How many AMAs did BTS win in 2021?"'])
        question = " ".join(_read_stdin_lines()).strip()
        if not question:
            raise CommandError(["ask: stdin held no question"])
    engine = _engine(args.facts)
    if args.jsonl:
        out = sys.stdout
        for line in _read_stdin_lines():
            answer = engine.ask(line)
            out.write(json.dumps(answer.model_dump(mode="json"), ensure_ascii=False) + "\n")
        out.flush()
        return EXIT_OK
    answer = engine.ask(question)
    if args.json:
        print(json.dumps(answer.model_dump(mode="json"), ensure_ascii=False))
        return EXIT_OK
    from bot.services.asking import render_text

    print(render_text(answer))
    return EXIT_OK


def _cmd_console(args: argparse.Namespace) -> int:
    import datetime as dt

    from bot.console import Console, run_interactive

    console = Console(_engine(args.facts), now=lambda: dt.datetime.now(dt.UTC))
    if sys.stdin.isatty() and sys.stdout.isatty():
        return run_interactive(console)
    console.run(sys.stdin, sys.stdout)
    return EXIT_OK


DISCORD_SETUP_HELP = """DISCORD_TOKEN is not set, so the bot cannot log in to Discord.

  1. Create an application and a bot at https://discord.com/developers/applications
     (see "Discord set-up" in README.md), and copy its token.
  2. cp .env.example .env   and put the token after DISCORD_TOKEN=
  3. python -m bot sync      (once, to register the slash commands)
  4. python -m bot run

To try the bot without Discord: python -m bot console"""


def _discord_settings() -> Settings:
    settings = _settings()
    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        raise CommandError([DISCORD_SETUP_HELP])
    logging.getLogger().setLevel(settings.log_level)
    _facts_dir(str(settings.facts_dir), setting="FACTS_DIR")
    return settings


def _cmd_run(args: argparse.Namespace) -> int:
    settings = _discord_settings()
    engine = _engine(str(settings.facts_dir))
    from bot.discord.runner import run_bot

    return run_bot(settings, engine)


def _cmd_sync(args: argparse.Namespace) -> int:
    settings = _discord_settings()
    engine = _engine(str(settings.facts_dir))
    from bot.discord.runner import sync_commands

    return sync_commands(settings, engine)


def _cmd_db(args: argparse.Namespace) -> int:
    from bot.storage.migrations import DatabaseUnavailable, current_revision, upgrade_database

    settings = _settings()
    try:
        if args.db_command == "upgrade":
            revision = upgrade_database(settings.database_url)
            print(f"{settings.safe_database_url}: schema at revision {revision} (up to date)")
        else:
            print(f"{settings.safe_database_url}: schema at revision {current_revision(settings.database_url)}")
    except DatabaseUnavailable as exc:
        raise CommandError([f"DATABASE_URL={settings.safe_database_url}: {exc}"], EXIT_FAILED) from None
    return EXIT_OK


def _cmd_health(args: argparse.Namespace) -> int:
    import datetime as dt

    from bot.services.heartbeat import check_heartbeat

    settings = _settings()
    if settings.health_file is None:
        raise CommandError(["HEALTH_FILE is not set, so the bot writes no heartbeat to check (see README)"])
    healthy, why = check_heartbeat(settings.health_file, now=dt.datetime.now(dt.UTC))
    print(why, file=sys.stdout if healthy else sys.stderr)
    return EXIT_OK if healthy else EXIT_FAILED


def _sizes(text: str) -> list[int]:
    try:
        return [int(x.replace("_", "")) for x in text.split(",") if x.strip()]
    except ValueError:
        raise CommandError([f"bench: {text!r} is not a list of sizes like 1000,10000"]) from None


def _cmd_bench(args: argparse.Namespace) -> int:
    from bot.bench.runner import measure, run

    if args.child:
        size = None if args.child == "shipped" else int(args.child)
        shipped = _facts_dir(args.facts) if size is None else None  # synthetic stores go to a temporary folder
        print(json.dumps(measure(shipped, size, style=args.format)))
        return EXIT_OK
    run(_sizes(args.sizes), json_path=args.json, facts_dir=args.facts, yaml_sizes=_sizes(args.yaml_sizes))
    return EXIT_OK


def _add_facts_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--facts", metavar="DIR", help="facts directory (default: FACTS_DIR)")


def build_parser() -> argparse.ArgumentParser:
    """Build the command-line parser."""
    parser = argparse.ArgumentParser(prog="python -m bot", description="Award-trivia bot.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ask = sub.add_parser("ask", help="answer a question from the facts")
    ask.add_argument("question", nargs="*", help="the question (or read it from stdin)")
    mode = ask.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument("--jsonl", action="store_true", help="read one question a line on stdin, write JSON lines")
    _add_facts_option(ask)
    ask.set_defaults(func=_cmd_ask)

    console = sub.add_parser("console", help="use the bot's commands in this terminal")
    _add_facts_option(console)
    console.set_defaults(func=_cmd_console)
    sub.add_parser("run", help="run the Discord bot (needs DISCORD_TOKEN)").set_defaults(func=_cmd_run)
    sub.add_parser("sync", help="register the slash commands with Discord (run once)").set_defaults(func=_cmd_sync)

    sub.add_parser("health", help="check the running bot's heartbeat (for Docker health checks)").set_defaults(
        func=_cmd_health
    )

    db = sub.add_parser("db", help="the database schema (migrations)")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_sub.add_parser("upgrade", help="create or upgrade the schema to the latest version").set_defaults(func=_cmd_db)
    db_sub.add_parser("current", help="show the schema version").set_defaults(func=_cmd_db)

    bench = sub.add_parser("bench", help="measure answer, autocomplete, quiz and load costs as the store grows")
    bench.add_argument("--sizes", default="1000,10000,100000", help="synthetic store sizes, comma-separated")
    bench.add_argument(
        "--yaml-sizes",
        default="100000",
        help="sizes also measured with block-YAML files (slower to load than JSON-style)",
    )
    bench.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    bench.add_argument("--facts", help="the shipped facts directory (default: FACTS_DIR)")
    bench.add_argument("--format", default="json", choices=["json", "yaml"], help=argparse.SUPPRESS)
    bench.add_argument("--child", help=argparse.SUPPRESS)
    bench.set_defaults(func=_cmd_bench)

    facts = sub.add_parser("facts", help="work with the facts directory")
    facts_sub = facts.add_subparsers(dest="facts_command", required=True, metavar="ACTION")
    check = facts_sub.add_parser("check", help="validate a facts directory and print counts")
    check.add_argument("dir", nargs="?", help="facts directory (default: FACTS_DIR)")
    check.set_defaults(func=_cmd_facts_check)
    return parser


def _quiet_broken_pipe() -> int:
    """Stop writing to a closed pipe (`| head`) without a traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_FAILED


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.command == "run" else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its INFO lines are for developers
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        code = int(func(args) or 0)
        sys.stdout.flush()
    except CommandError as exc:
        print("\n".join(exc.lines), file=sys.stderr)
        return exc.code
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
