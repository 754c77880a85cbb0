"""Errors (which stop an import) and findings (which do not), each pinned to a place in a file."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """Something wrong at a file position. `row` is the spreadsheet row for CSV (the header is
    row 1) and the line for XML; None when the problem is with the whole file."""

    file: str
    reason: str
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        place = self.file
        if self.row is not None:
            place += f", row {self.row}"
        if self.column:
            place += f", column {self.column}"
        value = f" (value {self.value!r})" if self.value not in (None, "") else ""
        return f"{place}: {self.reason}{value}"


@dataclass(frozen=True)
class Finding:
    """A data quality issue that does not stop the import; stored with it and reported."""

    kind: str
    message: str
    table: str | None = None
    file: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    child: str | None = None

    def __str__(self) -> str:
        place = ", ".join(p for p in (
            self.file, f"row {self.row}" if self.row is not None else None,
            f"column {self.column}" if self.column else None,
            f"child {self.child}" if self.child else None) if p)
        return f"{place}: {self.message}" if place else self.message


class ImportFailed(Exception):
    """Raised with every blocking error found; the database is left as it was."""

    def __init__(self, errors: list[Problem]):
        self.errors = errors
        super().__init__(f"{len(errors)} blocking error(s)")
