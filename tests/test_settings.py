"""Settings: `.env.example` works as shipped, `.env` is found without the working directory, bad values get one line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.settings import ENV_FILE_VARIABLE, PROJECT_ROOT, Settings, SettingsError, env_file, load_settings

EXAMPLE = PROJECT_ROOT / ".env.example"
SETTING_NAMES = [name.upper() for name in Settings.model_fields]


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [*SETTING_NAMES, ENV_FILE_VARIABLE]:
        monkeypatch.delenv(name, raising=False)


def _env(tmp_path: Path, text: str) -> Path:
    path = tmp_path / ".env"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_file_loads_as_shipped_and_empty_values_mean_unset(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    shutil.copy(EXAMPLE, path)
    settings = load_settings(path)
    assert settings.dev_guild_id is None and settings.discord_token is None
    assert settings.facts_dir == (tmp_path / "facts").resolve()  # relative to the .env file, not the cwd
    assert settings.database_url == f"sqlite+aiosqlite:///{(tmp_path / 'data' / 'bot.sqlite3').resolve()}"


def test_every_setting_is_documented_in_the_example() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    for name in SETTING_NAMES:
        assert f"{name}=" in text, f"{name} is missing from .env.example"


def test_env_file_is_the_project_one_unless_named() -> None:
    assert env_file({}) == PROJECT_ROOT / ".env"
    assert env_file({ENV_FILE_VARIABLE: "/srv/bot/.env"}) == Path("/srv/bot/.env")


def test_the_environment_overrides_the_file_and_paths_resolve_against_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _env(tmp_path, "FACTS_DIR=./facts\nLOG_LEVEL=debug\n")
    monkeypatch.setenv("LOG_LEVEL", "warning")
    monkeypatch.chdir("/")
    settings = load_settings(path)
    assert settings.log_level == "WARNING" and settings.facts_dir == (tmp_path / "facts").resolve()


def test_postgres_urls_get_the_async_driver(tmp_path: Path) -> None:
    settings = load_settings(_env(tmp_path, "DATABASE_URL=postgres://bot:s3cret@db/bot\n"))
    assert settings.database_url.startswith("postgresql+asyncpg://bot:s3cret@db/bot")
    assert "s3cret" not in repr(settings) and "s3cret" not in settings.safe_database_url


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("DEV_GUILD_ID=abc", "DEV_GUILD_ID=abc: a server id is a number"),
        ("DEV_GUILD_ID=-5", "DEV_GUILD_ID=-5: a server id is a number"),
        ("LOG_LEVEL=VERBOSE", "LOG_LEVEL=VERBOSE: use DEBUG, INFO, WARNING or ERROR"),
        ("ASK_COOLDOWN_SECONDS=soon", "ASK_COOLDOWN_SECONDS=soon: use a number of seconds from 0"),
        ("ASK_COOLDOWN_SECONDS=-1", "ASK_COOLDOWN_SECONDS=-1: use a number of seconds from 0"),
        ("DATABASE_URL=nonsense", "DATABASE_URL=nonsense: is not a database URL; use sqlite+aiosqlite:///"),
        ("DATABASE_URL=mysql://u:pw@h/db", "DATABASE_URL=mysql://u:***@h/db: 'mysql' databases are not supported"),
        ("DATABASE_URL=postgresql+psycopg2://h/db", "use the asyncpg driver: postgresql+asyncpg://"),
    ],
)
def test_a_bad_value_gets_one_line_naming_the_setting_and_the_fix(tmp_path: Path, line: str, expected: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(_env(tmp_path, line + "\n"))
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].startswith(line.split("=")[0])
    assert expected in caught.value.problems[0]
    assert "pw" not in caught.value.problems[0]


def test_every_bad_value_is_reported_at_once(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(_env(tmp_path, "LOG_LEVEL=loud\nDEV_GUILD_ID=x\nASK_COOLDOWN_SECONDS=-3\n"))
    assert [p.split("=")[0] for p in caught.value.problems] == ["DEV_GUILD_ID", "LOG_LEVEL", "ASK_COOLDOWN_SECONDS"]


def test_a_missing_database_driver_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "asyncpg" else real(name, *a))
    with pytest.raises(SettingsError) as caught:
        load_settings(_env(tmp_path, "DATABASE_URL=postgresql://localhost/bot\n"))
    assert "pip install -e '.[postgres]'" in caught.value.problems[0]


def test_an_unreadable_env_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_bytes(b"LOG_LEVEL=\xff\xfe\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert caught.value.problems == [f"{ENV_FILE_VARIABLE}={path}: the file is not UTF-8 text; save it as UTF-8 text"]
