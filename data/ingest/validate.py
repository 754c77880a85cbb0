"""Raw tables to typed frames: blocking errors for what cannot be stored, findings for the rest.

Works a column at a time with pandas so that a million-row return validates in seconds.
"""
from __future__ import annotations

import pandas as pd

from data.ingest.problems import Finding, Problem
from data.ingest.readers import RawTable
from data.ingest.specs import (CODE, COUNCIL_COLUMN, DATE, NUMBER, YEAR_COLUMN, TableSpec,
                               code_status)

MISSING_WORDS = ["", "NULL", "Null", "null"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Reported one by one up to this many per file and column; beyond, one finding sums them up.
FINDINGS_PER_COLUMN = 200


class TableCheck:
    """Validates one raw table; collects its errors and findings."""

    def __init__(self, raw: RawTable, council_code: str, default_year: int | None):
        self.raw = raw
        self.spec: TableSpec = raw.spec
        self.council_code = council_code
        self.default_year = default_year
        self.errors: list[Problem] = []
        self.findings: list[Finding] = []
        self.cells: pd.DataFrame | None = None

    def run(self) -> pd.DataFrame | None:
        raw, spec = self.raw, self.spec
        missing = [c.name for c in spec.columns if c.required and c.name not in raw.columns]
        for name in missing:
            self.errors.append(Problem(raw.file, f"required column {name} is missing from the header",
                                       row=1, column=name))
        duplicated = {c for c in raw.columns if raw.columns.count(c) > 1}
        for name in sorted(duplicated):
            self.errors.append(Problem(raw.file, f"column {name} appears more than once in the header",
                                       row=1, column=name))
        if missing or duplicated:
            return None
        known = set(spec.column_names) | {COUNCIL_COLUMN, YEAR_COLUMN}
        for name in raw.columns:
            if name not in known:
                self.findings.append(Finding("extra column ignored", f"column {name or '(blank)'} "
                                             f"is not part of {spec.label} and was ignored",
                                             spec.name, raw.file, 1, name))
        cells = pd.DataFrame(raw.rows, columns=raw.columns, dtype="str")
        self.cells = cells  # as written, for the DfE's rules (dfe_rules.py)
        frame = pd.DataFrame({"_row": pd.Series(raw.positions, dtype="int64")})
        for column in spec.columns:
            text = _blank_to_missing(cells[column.name]) if column.name in cells else \
                pd.Series([None] * len(cells), dtype="str")
            frame[column.db_name] = self._typed(column, text, frame["_row"])
        frame["la"] = self._council(cells, frame["_row"])
        frame["year"] = self._year(cells, frame["_row"])
        self._check_keys(frame)
        self._check_codes(frame)
        self._check_formulas(frame)
        frame["_file"] = raw.file
        return frame

    # --- columns by kind -------------------------------------------------------------------

    def _typed(self, column, text: pd.Series, rows: pd.Series) -> pd.Series:
        too_long = text.str.len() > column.length
        if column.kind not in (DATE, NUMBER) and too_long.any():
            self._errors_at(too_long, rows, text, column.name,
                            f"longer than the {column.length} characters allowed")
        if column.kind == DATE:
            return self._dates(column.name, text, rows)
        if column.kind == NUMBER:
            return self._numbers(column, text, rows)
        return text

    def _dates(self, name: str, text: pd.Series, rows: pd.Series) -> pd.Series:
        uk = pd.to_datetime(text, format="%d/%m/%Y", errors="coerce")
        iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        parsed = uk.fillna(iso)
        bad = text.notna() & parsed.isna()
        if bad.any():
            self._errors_at(bad, rows, text, name, "not a date: write dates as dd/mm/yyyy or yyyy-mm-dd")
        return parsed.astype("datetime64[s]")

    def _numbers(self, column, text: pd.Series, rows: pd.Series) -> pd.Series:
        numbers = pd.to_numeric(text, errors="coerce")
        bad = text.notna() & numbers.isna()
        if bad.any():
            self._errors_at(bad, rows, text, column.name, "not a number")
        outside = numbers.notna() & ((column.low is not None and numbers < column.low) |
                                     (column.high is not None and numbers > column.high))
        if outside.any():
            self._errors_at(outside, rows, text, column.name,
                            f"outside the allowed range {column.low:g} to {column.high:g}")
        return numbers.astype("float64")

    def _council(self, cells: pd.DataFrame, rows: pd.Series) -> pd.Series:
        if COUNCIL_COLUMN not in cells:
            return pd.Series(self.council_code, index=cells.index, dtype="str")
        council = _blank_to_missing(cells[COUNCIL_COLUMN])
        blank = council.isna()
        if blank.any():
            self._errors_at(blank, rows, council, COUNCIL_COLUMN, "the council (LA) is blank")
        too_long = council.str.len() > 10
        if too_long.any():
            self._errors_at(too_long, rows, council, COUNCIL_COLUMN, "longer than the 10 characters allowed")
        return council

    def _year(self, cells: pd.DataFrame, rows: pd.Series) -> pd.Series:
        # Rows left without a year here get one inferred from the data (collection_year.py).
        fallback = self.raw.file_year or self.default_year
        if YEAR_COLUMN not in cells:
            return pd.Series(fallback, index=cells.index, dtype="Int64")
        text = _blank_to_missing(cells[YEAR_COLUMN])
        years = pd.to_numeric(text, errors="coerce").astype("Int64")
        bad = (text.notna() & years.isna()) | (years.notna() & ((years < 1990) | (years > 2100)))
        if bad.fillna(False).any():
            self._errors_at(bad.fillna(False), rows, text, YEAR_COLUMN,
                            "not a collection year (the year it ends, like 2024)")
        return years.fillna(fallback) if fallback is not None else years

    # --- row rules ---------------------------------------------------------------------------

    def _check_keys(self, frame: pd.DataFrame) -> None:
        for name in self.spec.key:
            column = name.lower()
            blank = frame[column].isna() & ~self._already_bad(frame, name)
            if blank.any():
                self._errors_at(blank, frame["_row"], frame[column], name,
                                "blank, but it is part of the row's key")

    def _already_bad(self, frame: pd.DataFrame, name: str) -> pd.Series:
        """Rows with an unparseable value in this column were reported already."""
        bad_rows = {p.row for p in self.errors if p.column == name}
        return frame["_row"].isin(bad_rows)

    def _check_codes(self, frame: pd.DataFrame) -> None:
        for column in self.spec.columns:
            if column.kind != CODE:
                continue
            values = frame[column.db_name]
            pairs = frame.loc[values.notna(), [column.db_name, "year"]].drop_duplicates()
            for code, year in pairs.itertuples(index=False):
                year = None if pd.isna(year) else int(year)
                status = code_status(column.codes, code, year)
                if status is None:
                    continue
                hits = frame.loc[(values == code) & (frame["year"].fillna(-1) == (year or -1))]
                when = f" in the {year - 1}-{str(year)[2:]} return" if year and status != "unknown" else ""
                message = f"code {code!r} is {status}{when} for {column.name}; kept as written"
                self._findings_at(f"code {status}", hits, column.name, message)

    def _check_formulas(self, frame: pd.DataFrame) -> None:
        for column in self.spec.columns:
            if column.kind in (DATE, NUMBER):
                continue
            values = frame[column.db_name]
            starts = values.str[:1].isin(FORMULA_STARTS).fillna(False)
            self._errors_at(starts, frame["_row"], values, column.name,
                            "starts with =, +, -, @ or a tab, so a spreadsheet would run it as a formula; "
                            "no 903 or extract value starts that way: correct the cell and import again")

    # --- recording -----------------------------------------------------------------------------

    def _errors_at(self, mask: pd.Series, rows: pd.Series, values: pd.Series, column: str,
                   reason: str) -> None:
        for row, value in zip(rows[mask], values[mask]):
            self.errors.append(Problem(self.raw.file, reason, row=int(row), column=column,
                                       value=None if pd.isna(value) else str(value)))

    def _findings_at(self, kind: str, hits: pd.DataFrame, column: str, message: str) -> None:
        child = hits["child"] if "child" in hits else pd.Series([None] * len(hits), index=hits.index)
        shown = hits.head(FINDINGS_PER_COLUMN)
        key_date = self.spec.key_date
        dates = shown[key_date] if key_date else pd.Series(pd.NaT, index=shown.index)
        for row, value, who, la, day in zip(shown["_row"], shown[column.lower()], child.loc[shown.index],
                                            shown["la"], dates):
            self.findings.append(Finding(kind, message, self.spec.name, self.raw.file, int(row),
                                         column, str(value), None if pd.isna(who) else str(who),
                                         la=la, key_date=None if pd.isna(day) else day.date()))
        if len(hits) > FINDINGS_PER_COLUMN:
            rest = hits["_row"].iloc[FINDINGS_PER_COLUMN:]
            self.findings.append(Finding(kind, f"{message}; {len(rest)} more rows like this "
                                         f"(rows {_row_ranges(rest)})", self.spec.name, self.raw.file,
                                         None, column))


def _blank_to_missing(text: pd.Series) -> pd.Series:
    stripped = text.str.strip()
    return stripped.where(~stripped.isin(MISSING_WORDS), None)


def _row_ranges(rows: pd.Series, most: int = 20) -> str:
    """'5-9, 12, 40-41' for a sorted run of row numbers, cut after `most` ranges."""
    ranges, start, prev = [], None, None
    for row in sorted(int(r) for r in rows):
        if start is None:
            start = prev = row
        elif row == prev + 1:
            prev = row
        else:
            ranges.append((start, prev))
            start = prev = row
    if start is not None:
        ranges.append((start, prev))
    text = ", ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in ranges[:most])
    return text + (", ..." if len(ranges) > most else "")
