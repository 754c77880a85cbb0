"""Errors (which stop an import) and findings (which do not), each pinned to a place in a file."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
class OwnRule:
    """A check of the importer's own, with a code beside the DfE's and the 903 fields it reads
    (None: the column the finding names)."""

    code: str
    fields: tuple[str, ...] | None = None


DFE_KIND = "DfE validation rule"
# Every kind of finding the importer makes itself, with its code: every finding has a rule code.
OWN_RULES = {
    "extra column ignored": OwnRule("IRO-extra-column", ()),
    "code unknown": OwnRule("IRO-code-unknown"),
    "code not valid for the year": OwnRule("IRO-code-year"),
    "duplicate key": OwnRule("IRO-dup-key", ()),
    "older return not loaded": OwnRule("IRO-older-return", ()),
    "child with no header row": OwnRule("IRO-no-header", ("CHILD",)),
    "period start not marked S": OwnRule("IRO-start-not-S", ("RNE", "DECOM", "DEC", "REC")),
    "X1 on an episode that has not ended": OwnRule("IRO-X1-open", ("REC", "DEC")),
    "episode ended without a reason": OwnRule("IRO-no-reason", ("REC", "DEC")),
    "overlapping episodes": OwnRule("IRO-overlap", ("DECOM", "DEC")),
    "X1 with no following episode": OwnRule("IRO-X1-alone", ("REC", "DEC")),
    "missing postcode": OwnRule("IRO-no-postcode"),
    "review outside any period of care": OwnRule("IRO-review-outside", ("REVIEW", "DECOM", "DEC")),
    "missing review code": OwnRule("IRO-no-review-code", ("REVIEW_CODE",)),
    "PN0 for a child aged 4 or over": OwnRule("IRO-PN0-age", ("REVIEW_CODE", "DOB")),
}


@dataclass(frozen=True)
class Finding:
    """A data quality issue that does not stop the import; stored with it and reported.

    `rule` is the DfE rule code for the validator's findings and the importer's own code
    (OWN_RULES) for the rest; `fields` are the 903 fields the rule reads; `key_date` is the
    row's date key (episode start, review date...)."""

    kind: str
    message: str
    table: str | None = None
    file: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    child: str | None = None
    rule: str | None = None
    la: str | None = None
    key_date: date | None = None
    fields: tuple[str, ...] | None = None

    def __post_init__(self):
        if self.rule is None:  # one of the importer's own: its code comes from OWN_RULES
            own = OWN_RULES[self.kind]
            object.__setattr__(self, "rule", own.code)
            if self.fields is None:
                object.__setattr__(self, "fields", own.fields if own.fields is not None else
                                   ((self.column,) if self.column else ()))

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
