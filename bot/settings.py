"""Settings from the environment or `.env` (pydantic-settings), built once at start."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every setting of the bot; see `.env.example`."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    discord_token: SecretStr | None = None
    database_url: str = Field(default=f"sqlite+aiosqlite:///{PROJECT_ROOT / 'data' / 'bot.sqlite3'}")
    facts_dir: Path = PROJECT_ROOT / "facts"
    dev_guild_id: int | None = None
    log_level: str = "INFO"
    ask_cooldown_seconds: float = 3.0
