"""The layers stay apart: only bot/discord imports discord (ruff's banned-api rule enforces it too)."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parent.parent / "bot"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_discord_adapter_imports_discord() -> None:
    offenders = [
        str(p.relative_to(BOT))
        for p in BOT.rglob("*.py")
        if "discord" in _imports(p) and p.relative_to(BOT).parts[0] != "discord"
    ]
    assert offenders == []


def test_core_imports_no_other_layer() -> None:
    for path in (BOT / "core").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for layer in ("bot.services", "bot.storage", "bot.discord", "bot.console"):
            assert layer not in source, (path.name, layer)


def test_ruff_bans_discord_outside_the_adapter() -> None:
    config = (BOT.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '[tool.ruff.lint.flake8-tidy-imports.banned-api]\n"discord".msg' in config
    assert '"bot/discord/**" = ["TID251"]' in config
