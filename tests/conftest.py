"""Shared fixtures: the shipped fact store, an engine on a fixed clock, broken fact dirs."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.answering import Engine
from bot.core.loading import load_facts
from bot.core.store import FactStore
from tests.databases import fresh_database

FACTS_DIR = Path(__file__).resolve().parent.parent / "facts"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="session")
def store() -> FactStore:
    return load_facts(FACTS_DIR)


@pytest.fixture(scope="session")
def engine(store: FactStore) -> Engine:
    return Engine(store, clock=lambda: TODAY)


@pytest.fixture
def facts_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped facts, to break on purpose."""
    target = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, target)
    return target


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """An empty database: SQLite, or a fresh PostgreSQL database when TEST_DATABASE_URL is set."""
    with fresh_database(tmp_path) as url:
        yield url
