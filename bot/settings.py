"""Settings from the environment or a `.env` file (pydantic-settings), built once at start.

Where `.env` is read from: the file named by `BOT_ENV_FILE`, else `.env` in the
project root (the folder holding `pyproject.toml`), whatever the working directory.
Relative paths (`FACTS_DIR`, a SQLite file in `DATABASE_URL`) are resolved against
the folder of that `.env` file. Empty values mean "unset".
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_FILE_VARIABLE = "BOT_ENV_FILE"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")

# The async driver each database needs, and the extra that installs it.
_DRIVERS = {"sqlite": ("aiosqlite", "aiosqlite", None), "postgresql": ("asyncpg", "asyncpg", "postgres")}
_SCHEMES = {"postgres": "postgresql", "postgresql": "postgresql", "sqlite": "sqlite"}


class SettingsError(Exception):
    """Settings that cannot be used; `problems` holds one line per setting, with the fix."""

    def __init__(self, problems: list[str], source: str) -> None:
        self.problems = problems
        self.source = source
        super().__init__("; ".join(problems))


def env_file(environ: Mapping[str, str] | None = None) -> Path:
    """Return the `.env` file the settings are read from (it need not exist)."""
    environ = os.environ if environ is None else environ
    named = environ.get(ENV_FILE_VARIABLE, "").strip()
    return Path(named).expanduser().resolve() if named else PROJECT_ROOT / ".env"


def normalize_database_url(value: str) -> str:
    """Check a database URL and give it its async driver (`postgresql://` -> `postgresql+asyncpg://`)."""
    try:
        url = make_url(value.strip())
    except ArgumentError:
        raise ValueError(
            "is not a database URL; use sqlite+aiosqlite:///path/to/bot.sqlite3 "
            "or postgresql+asyncpg://user:password@host/dbname"
        ) from None
    scheme, _, given_driver = url.drivername.partition("+")
    backend = _SCHEMES.get(scheme)
    if backend is None:
        raise ValueError(f"{scheme!r} databases are not supported; use SQLite or PostgreSQL")
    driver, module, extra = _DRIVERS[backend]
    if given_driver not in ("", driver):
        raise ValueError(f"use the {driver} driver: {backend}+{driver}://...")
    if importlib.util.find_spec(module) is None:
        hint = f": pip install -e '.[{extra}]'" if extra else f": pip install {module}"
        raise ValueError(f"needs the {module} package, which is not installed{hint}")
    return url.set(drivername=f"{backend}+{driver}").render_as_string(hide_password=False)


def _resolve_sqlite(value: str, base: Path) -> str:
    url = make_url(value)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return value
    path = Path(url.database).expanduser()
    if path.is_absolute():
        return value
    resolved: URL = url.set(database=str((base / path).resolve()))
    return resolved.render_as_string(hide_password=False)


class Settings(BaseSettings):
    """Every setting of the bot; see `.env.example` and the README's Settings table."""

    model_config = SettingsConfigDict(env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True)

    discord_token: SecretStr | None = None
    database_url: str = Field(default=f"sqlite+aiosqlite:///{PROJECT_ROOT / 'data' / 'bot.sqlite3'}")
    facts_dir: Path = PROJECT_ROOT / "facts"
    dev_guild_id: int | None = Field(default=None, gt=0, lt=2**63)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    ask_cooldown_seconds: float = Field(default=3.0, ge=0, le=3600)
    discord_api_url: str | None = None
    discord_gateway_url: str | None = None
    health_file: Path | None = None

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _database(cls, value: str) -> str:
        return normalize_database_url(value)

    def __repr_args__(self) -> Any:
        """Hide the database password in reprs and logs (the token is a SecretStr already)."""
        for name, value in super().__repr_args__():
            if name == "database_url":
                value = make_url(value).render_as_string(hide_password=True)
            yield name, value

    def resolve_paths(self, base: Path) -> Settings:
        """Return these settings with relative paths made absolute against `base`."""

        def absolute(path: Path) -> Path:
            path = path.expanduser()
            return path if path.is_absolute() else (base / path).resolve()

        return self.model_copy(
            update={
                "facts_dir": absolute(self.facts_dir),
                "health_file": absolute(self.health_file) if self.health_file else None,
                "database_url": _resolve_sqlite(self.database_url, base),
            }
        )

    @property
    def safe_database_url(self) -> str:
        """Return the database URL with its password hidden, for messages and logs."""
        return make_url(self.database_url).render_as_string(hide_password=True)


# What to do about each setting when its value is wrong.
_FIXES = {
    "dev_guild_id": "a server id is a number like 123456789012345678 (Developer Mode, right-click the server, "
    "Copy Server ID); leave it empty to sync commands globally",
    "log_level": "use DEBUG, INFO, WARNING or ERROR",
    "ask_cooldown_seconds": "use a number of seconds from 0 (no cooldown) to 3600",
    "facts_dir": "use the path of a facts directory",
}


def _hide_password(text: str) -> str:
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", text)


def _problem(error: Mapping[str, Any]) -> str:
    """Turn one validation error into "SETTING=value: what to do" (never showing a secret)."""
    field = str(error["loc"][0]) if error["loc"] else "settings"
    name, message = field.upper(), str(error["msg"]).removeprefix("Value error, ")
    value = error.get("input")
    if field == "discord_token" or not isinstance(value, str | int | float):
        return f"{name}: {message}"
    shown = _hide_password(str(value)) if field == "database_url" else str(value)
    return f"{name}={shown[:80]}: {_FIXES.get(field, message)}"


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Read the settings from the environment and the `.env` file; raise SettingsError, never a traceback."""
    path = path or env_file()
    source = f"{path} or the environment"
    try:
        settings = Settings(_env_file=path if path.is_file() else None, **overrides)  # type: ignore[call-arg]
    except ValidationError as exc:
        raise SettingsError([_problem(e) for e in exc.errors()], source) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = "is not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else f"cannot be read ({exc.strerror})"
        raise SettingsError([f"{ENV_FILE_VARIABLE}={path}: the file {reason}; save it as UTF-8 text"], source) from None
    return settings.resolve_paths(path.parent)


class _FactsDirOnly(BaseSettings):
    model_config = Settings.model_config

    facts_dir: Path = Settings.model_fields["facts_dir"].default


def read_facts_dir(path: Path | None = None) -> Path:
    """Read FACTS_DIR alone (for `facts check`, which must work whatever the other settings say)."""
    path = path or env_file()
    try:
        facts = _FactsDirOnly(_env_file=path if path.is_file() else None).facts_dir  # type: ignore[call-arg]
    except ValidationError as exc:
        raise SettingsError([_problem(e) for e in exc.errors()], f"{path} or the environment") from None
    except (OSError, UnicodeDecodeError):
        raise SettingsError([f"{ENV_FILE_VARIABLE}={path}: the file cannot be read as UTF-8 text"], str(path)) from None
    facts = facts.expanduser()
    return facts if facts.is_absolute() else (path.parent / facts).resolve()
