"""The console: the bot's commands in a terminal, fed lines on stdin; `run` without a token."""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import subprocess
import sys
from pathlib import Path

from bot.console import Console
from bot.core.answering import Engine
from bot.core.store import FactStore

ROOT = Path(__file__).resolve().parent.parent


def _console(engine: Engine) -> Console:
    return Console(engine, now=lambda: dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC))


def test_console_answers_questions_and_commands(engine: Engine) -> None:
    out = io.StringIO()
    lines = [
        "How many AMAs did BTS win in 2021?",
        "",
        "/onthisday",
        "/onthisday 12/25",
        "/awards Jungkook",
        "/awards artist: BTS ceremony: EMAs year: 2022",
        "/awards artist: Nobody",
        "/sources",
        "/nope",
        "/quit",
        "who founded the amas",
    ]
    _console(engine).run(lines, out)
    text = out.getvalue()
    assert "BTS won 3 awards at the 2021 American Music Awards" in text
    assert "3 years ago today (2023)" in text
    assert "Nothing I know of happened on December 25. Coming up, July 14" in text
    assert "2023 MTV EMAs: 🏆 won Best Song (Seven)" in text
    assert "2022 MTV EMAs: 🏆 won Biggest Fans" in text and "Best Group" not in text
    assert "I don't know results for an artist called “Nobody”" in text
    assert "Unknown command /nope" in text
    assert "Dick Clark" not in text  # nothing after /quit is read


def test_console_as_a_process_reads_stdin(store: FactStore) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input=b"who founded the amas\n/about\n",
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0
    out = run.stdout.decode()
    assert "Dick Clark" in out and f"{store.fact_count} facts from {len(store.sources)} sources" in out


def test_run_without_a_token_explains_what_to_do(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env["PYTHONPATH"] = str(ROOT)
    run = subprocess.run(
        [sys.executable, "-m", "bot", "run"], capture_output=True, cwd=tmp_path, env=env, timeout=60, check=False
    )
    assert run.returncode == 2
    err = run.stderr.decode()
    assert "DISCORD_TOKEN is not set" in err and "python -m bot console" in err and ".env.example" in err


def test_console_quiz_takes_letters_and_typed_answers(engine: Engine) -> None:
    console = Console(engine, now=lambda: dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC), rng=lambda: random.Random(3))
    first = console.handle("/quiz 3 AMAs")
    assert first.startswith("Question 1/3") and "A. " in first
    game = console.game
    assert game is not None and all("ama" in q.topics for q in game.questions)
    right_letter = "ABCD"[game.question.answer_index]
    assert console.handle(right_letter.lower()).startswith("✅ Right!")
    assert console.handle("/quiz 2").startswith("A quiz is already running")
    typed = console.handle(game.question.answer)
    assert typed.startswith("✅ Right!") and "Source:" in typed
    wrong = "ABCD"[(game.question.answer_index + 1) % 4]
    last = console.handle(wrong)
    assert last.startswith("❌ The answer was") and last.endswith("Quiz over! You scored 2/3.")
    assert console.game is None
    assert console.handle("/quiz stop") == "No quiz is running."
    assert console.handle("/quiz 2 Grammys") == "I don't know a topic called “Grammys”."


class _Terminal:
    """The console in a pseudo-terminal, driven like a person at a keyboard."""

    def __init__(self, home: Path) -> None:
        import pty

        env = {**os.environ, "HOME": str(home), "TERM": "xterm"}
        self.pid, self.master = pty.fork()  # the terminal is the child's controlling one, so Ctrl-C is SIGINT
        if self.pid == 0:  # pragma: no cover - the child
            os.chdir(ROOT)
            os.execve(sys.executable, [sys.executable, "-m", "bot", "console"], env)
        self.seen = b""
        self.exit_code: int | None = None

    def wait(self, timeout: float = 30.0) -> int | None:
        import time

        if self.exit_code is not None:
            return self.exit_code
        end = time.monotonic() + timeout
        while True:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_code = os.waitstatus_to_exitcode(status)
                return self.exit_code
            if time.monotonic() >= end:
                return None
            time.sleep(0.05)

    def expect(self, text: bytes, timeout: float = 30.0) -> None:
        import select
        import time

        end = time.monotonic() + timeout
        while text not in self.seen:
            ready, _, _ = select.select([self.master], [], [], max(0.0, end - time.monotonic()))
            if not ready:
                raise AssertionError(f"{text!r} never came; got {self.seen[-500:]!r}")
            try:
                self.seen += os.read(self.master, 4096)
            except OSError:  # the console exited
                break
        assert text in self.seen, self.seen[-500:]

    def type(self, keys: bytes, settle: float = 0.0) -> None:
        """Type keys; `settle` waits after, as a person would (readline must be reading for Ctrl-C to reach it)."""
        import time

        self.seen = b""
        time.sleep(0.2)
        os.write(self.master, keys)
        time.sleep(settle)


def test_interactive_console_has_history_and_leaves_cleanly(tmp_path: Path) -> None:
    term = _Terminal(tmp_path)
    try:
        term.expect(b"> ")
        term.type(b"who founded the amas\r")
        term.expect(b"Dick Clark")
        term.expect(b"> ")
        term.type(b"\x1b[A\r")  # arrow up recalls the last question
        term.expect(b"Dick Clark")
        term.expect(b"> ")
        term.type(b"half a questi", settle=0.3)
        term.type(b"\x03")  # Ctrl-C drops the line and keeps the console
        term.expect(b"Ctrl-D or /quit to leave")
        term.expect(b"> ")
        term.type(b"\x04")  # Ctrl-D leaves
        assert term.wait() == 0
        assert b"Traceback" not in term.seen
    finally:
        if term.wait(0) is None:
            os.kill(term.pid, 9)
            term.wait()
        os.close(term.master)
    assert "who founded the amas" in (tmp_path / ".award_trivia_bot_history").read_text()


def test_ctrl_c_in_a_piped_console_ends_without_a_traceback() -> None:
    import signal
    import time

    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "console"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # the banner: the console is reading
    time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and b"Traceback" not in err
