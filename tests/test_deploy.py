"""Self-hosting: the Dockerfile and compose file are sound, and the health check reads the bot's heartbeat."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.services.heartbeat import check_heartbeat, write_heartbeat

ROOT = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2026, 11, 22, 9, tzinfo=dt.UTC)


def _compose_command() -> list[str] | None:
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True, check=False).returncode == 0:
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    return [legacy] if legacy else None


def test_compose_config_validates(tmp_path: Path) -> None:
    command = _compose_command()
    if command is None:
        pytest.skip("neither `docker compose` nor `docker-compose` is installed here")
    shutil.copy(ROOT / "compose.yaml", tmp_path / "compose.yaml")
    (tmp_path / ".env").write_text("DISCORD_TOKEN=t\nPOSTGRES_PASSWORD=pw\n")
    run = subprocess.run([*command, "config", "-q"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr


def test_compose_runs_the_bot_after_a_healthy_postgres_with_facts_as_a_volume() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    db, bot = compose["services"]["db"], compose["services"]["bot"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert bot["depends_on"]["db"]["condition"] == "service_healthy"
    assert bot["healthcheck"]["test"][-3:] == ["-m", "bot", "health"]
    assert bot["environment"]["DATABASE_URL"].startswith("postgresql+asyncpg://")
    assert "./facts:/app/facts:ro" in bot["volumes"]
    assert bot["stop_grace_period"] == "30s" and bot["restart"] == "unless-stopped"


def test_the_image_runs_as_a_user_with_a_health_check_and_graceful_stop() -> None:
    lines = [line.strip() for line in (ROOT / "Dockerfile").read_text().splitlines()]
    assert "USER bot" in lines and "STOPSIGNAL SIGTERM" in lines
    assert any(line.startswith("HEALTHCHECK") and '"health"]' in line for line in lines)
    assert 'VOLUME ["/data"]' in lines
    assert not any("DISCORD_TOKEN" in line for line in lines)
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".env", ".venv", "data", ".git"} <= set(ignored)


def test_a_fresh_connected_heartbeat_is_healthy_and_anything_else_says_why(tmp_path: Path) -> None:
    path = tmp_path / "beat.json"
    assert check_heartbeat(path, now=NOW) == (
        False,
        f"no heartbeat at {path}: the bot is not running (or is still starting)",
    )
    write_heartbeat(path, now=NOW, connected=True, failing_jobs=[])
    assert check_heartbeat(path, now=NOW + dt.timedelta(seconds=20)) == (True, "healthy (heartbeat 20 s ago)")
    assert check_heartbeat(path, now=NOW + dt.timedelta(minutes=5))[1].endswith("stuck or stopped")
    write_heartbeat(path, now=NOW, connected=False, failing_jobs=[])
    assert check_heartbeat(path, now=NOW) == (False, "the bot is not connected to Discord")
    write_heartbeat(path, now=NOW, connected=True, failing_jobs=["daily posts"])
    assert check_heartbeat(path, now=NOW) == (False, "failing: daily posts")
    path.write_text("{not json")
    assert check_heartbeat(path, now=NOW)[1].startswith("unreadable heartbeat")


def test_the_health_command(tmp_path: Path) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("HEALTH_FILE", "BOT_ENV_FILE")}
    env["BOT_ENV_FILE"] = str(tmp_path / "none.env")
    run = subprocess.run([sys.executable, "-m", "bot", "health"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert run.returncode == 2 and run.stderr.startswith("HEALTH_FILE is not set")
    env["HEALTH_FILE"] = str(tmp_path / "beat.json")
    write_heartbeat(tmp_path / "beat.json", now=dt.datetime.now(dt.UTC), connected=True, failing_jobs=[])
    run = subprocess.run([sys.executable, "-m", "bot", "health"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert run.returncode == 0 and run.stdout.startswith("healthy")
