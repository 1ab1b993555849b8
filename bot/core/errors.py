"""Errors raised while loading facts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FactError:
    """One problem in a fact file, located by file, item and field."""

    file: str
    item: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.item:
            where += f": {self.item}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.message}"


class FactsInvalid(Exception):
    """The facts directory has errors; `errors` lists every one of them.

    `notes` say which checks were left out, e.g. references into a file that could not be read.
    """

    def __init__(self, errors: list[FactError], notes: list[str] | None = None) -> None:
        self.errors = errors
        self.notes = notes or []
        lines = "\n".join([*(f"  {e}" for e in errors), *(f"  note: {n}" for n in self.notes)])
        super().__init__(f"{len(errors)} error(s) in the facts:\n{lines}")
