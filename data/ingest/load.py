"""Merging validated rows into the database, accounting for every row.

Each row read ends as exactly one of: inserted, updated (a later return replacing an earlier
one for the same key), unchanged, or merged (a duplicate of another row in the same import).
A return replaces what it corrects: rows of its council and collection year that it no longer
holds are removed, and counted apart ("removed by the later return"): they were not read.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Connection, and_, bindparam, select

from data.ingest.problems import Finding
from data.ingest.specs import DATE, TableSpec
from data.schema import DATA_TABLES

FINDINGS_PER_KIND = 500


@dataclass
class TableCounts:
    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    removed: int = 0  # rows already loaded for a return's year that the return no longer holds

    def add(self, other: "TableCounts") -> None:
        for name in ("read", "inserted", "updated", "unchanged", "merged", "removed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def value_columns(spec: TableSpec) -> list[str]:
    keys = set(spec.key_columns)
    return [c.db_name for c in spec.columns if c.db_name not in keys]


def merge_duplicates(spec: TableSpec, frame: pd.DataFrame) -> tuple[pd.DataFrame, int, list[Finding]]:
    """Keep one row per key: the later collection year, else the later row. Returns the kept
    rows, how many were merged away, and a finding per duplicated key naming every row."""
    keys = list(spec.key_columns)
    in_group = frame.duplicated(keys, keep=False)
    if not in_group.any():
        return frame, 0, []
    dups = frame.loc[in_group].assign(_year_rank=frame.loc[in_group, "year"].astype("float64").fillna(-1))
    dups = dups.sort_values(keys + ["_year_rank", "_order"], kind="stable").drop(columns="_year_rank")
    winners = dups.drop_duplicates(keys, keep="last")
    kept = pd.concat([frame.loc[~in_group], winners]).sort_values("_order", kind="stable")
    return kept, len(dups) - len(winners), _duplicate_findings(spec, dups, keys)


def _duplicate_findings(spec: TableSpec, dups: pd.DataFrame, keys: list[str]) -> list[Finding]:
    values = value_columns(spec)
    comparable = _comparable(dups[values], spec) if values else pd.DataFrame(index=dups.index)
    groups = dups.groupby(keys, sort=False, dropna=False).ngroup()
    conflicting = comparable.groupby(groups).transform("nunique").gt(1).any(axis=1) if values else \
        pd.Series(False, index=dups.index)
    findings, total = [], groups.nunique()
    for group_id, rows in dups.groupby(groups, sort=False):
        if len(findings) >= FINDINGS_PER_KIND:
            break
        places = "; ".join(f"{f} row {r}" for f, r in zip(rows["_file"], rows["_row"]))
        kind = "conflicting" if bool(conflicting.loc[rows.index].any()) else "identical"
        last = rows.iloc[-1]
        key_text = ", ".join(f"{k.upper()} {_show(last[k])}" for k in keys if k != "la")
        findings.append(Finding(
            "duplicate key", f"{len(rows)} {kind} rows share the key {key_text}: {places}; "
            f"loaded once, from {last['_file']} row {last['_row']}", spec.name, last["_file"],
            int(last["_row"]), None, None, _show(last.get("child")), la=_show(last.get("la")),
            key_date=_day(last.get(spec.key_date))))
    if total > len(findings):
        findings.append(Finding("duplicate key", f"{total - len(findings)} more duplicated keys in "
                                f"{spec.label}, each loaded once (the later year, else the later row)",
                                spec.name))
    return findings


def _show(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _day(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


def _comparable(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """Every value as text, so that rows compare equal exactly when their contents are equal."""
    out = {}
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            out[column] = series.dt.strftime("%Y-%m-%d").fillna("\x00")
        elif pd.api.types.is_float_dtype(series):
            out[column] = series.map(lambda v: "\x00" if pd.isna(v) else repr(float(v)))
        else:
            out[column] = series.astype("str").where(series.notna(), "\x00")
    return pd.DataFrame(out, index=frame.index)


def read_existing(connection: Connection, spec: TableSpec, councils: list[str]) -> pd.DataFrame:
    table = DATA_TABLES[spec.name]
    query = select(table)
    if spec.by_council:
        query = query.where(table.c.la.in_(councils))
    existing = pd.read_sql(query, connection)
    for column in spec.columns:
        if column.kind == DATE:
            existing[column.db_name] = pd.to_datetime(existing[column.db_name]).astype("datetime64[s]")
    return existing


def apply_changes(connection: Connection, spec: TableSpec, incoming: pd.DataFrame, import_id: int,
                  returned: pd.DataFrame) -> tuple[TableCounts, list[Finding], pd.DataFrame]:
    """Remove rows the returns no longer hold, insert new keys, replace changed rows, leave equal
    ones. `returned` is every row read (before duplicates were merged), for what each return holds.
    Returns counts, findings and the rows this import wrote (inserted or updated)."""
    keys, values = list(spec.key_columns), value_columns(spec)
    councils = sorted(incoming["la"].unique()) if spec.by_council else []
    existing = read_existing(connection, spec, councils)
    counts, findings = TableCounts(), []
    dropped = _no_longer_returned(spec, existing, returned)
    if dropped.any():
        counts.removed = int(dropped.sum())
        _delete_keys(connection, spec, existing.loc[dropped])
        existing = existing.loc[~dropped]
    if existing.empty:
        counts.inserted = len(incoming)
        _insert(connection, spec, incoming, import_id)
        return counts, findings, incoming
    compared = values + ([] if "year" in keys else ["year"])
    old = existing[keys + compared].rename(columns={c: f"{c}__old" for c in compared})
    merged = incoming.merge(old, on=keys, how="left", indicator=True, validate="one_to_one")
    merged.index = incoming.index
    is_new = merged["_merge"] == "left_only"
    differs = pd.Series(False, index=incoming.index)
    for column in values:
        new, was = merged[column], merged[f"{column}__old"]
        same = (new == was).fillna(False) | (new.isna() & was.isna())
        differs |= ~same
    differs &= ~is_new
    old_year = merged["year__old"] if "year__old" in merged else merged["year"]
    older = merged["year"].astype("float64").fillna(-1) < old_year.astype("float64").fillna(-1)
    keep_newer, replace = differs & older, differs & ~older
    newer = merged["year"].astype("float64").fillna(-1) > old_year.astype("float64").fillna(-1)
    restamp = ~is_new & ~differs & newer  # the same row, now held by a later return
    counts.inserted = int(is_new.sum())
    counts.updated = int(replace.sum())
    counts.unchanged = len(incoming) - counts.inserted - counts.updated
    if keep_newer.any():
        findings += _older_return_findings(spec, incoming.loc[keep_newer])
    to_replace = incoming.loc[replace]
    if len(to_replace):
        _delete_keys(connection, spec, to_replace)
    if restamp.any() and "year" not in keys:
        _set_year(connection, spec, incoming.loc[restamp])
    written = incoming.loc[is_new | replace]
    _insert(connection, spec, written, import_id)
    return counts, findings, written


def _no_longer_returned(spec: TableSpec, existing: pd.DataFrame, returned: pd.DataFrame) -> pd.Series:
    """Rows loaded for a council and collection year this import holds a return of, whose key that
    return no longer has. Rows of other years, and rows loaded with no year, stay."""
    if existing.empty or "year" not in returned or returned["year"].isna().all():
        return pd.Series(False, index=existing.index)
    group = ["la", "year"] if spec.by_council else ["year"]
    years = returned[group].dropna().drop_duplicates().astype({"year": "float64"})
    of_those = existing[group].astype({"year": "float64"}).merge(years, how="left", indicator=True)[
        "_merge"].eq("both").to_numpy()
    keys = list(dict.fromkeys(list(spec.key_columns) + ["year"]))
    held = returned[keys].dropna(subset=["year"]).drop_duplicates()
    held["year"] = held["year"].astype("int64")
    candidates = existing.loc[of_those, keys].astype({"year": "int64"})
    still = candidates.merge(held, how="left", indicator=True)["_merge"].eq("both").to_numpy()
    dropped = pd.Series(False, index=existing.index)
    dropped.loc[candidates.index[~still]] = True
    return dropped


def _set_year(connection: Connection, spec: TableSpec, rows: pd.DataFrame) -> None:
    table = DATA_TABLES[spec.name]
    keys = list(spec.key_columns)
    condition = and_(*(table.c[k] == bindparam(f"k_{k}") for k in keys))
    params = [dict(zip([f"k_{k}" for k in keys] + ["new_year"], row))
              for row in _bound_values(rows, keys + ["year"])]
    connection.execute(table.update().where(condition).values(year=bindparam("new_year")), params)


def _older_return_findings(spec: TableSpec, rows: pd.DataFrame) -> list[Finding]:
    shown = rows.head(FINDINGS_PER_KIND)
    blank = pd.Series([None] * len(shown), index=shown.index)
    findings = [Finding("older return not loaded",
                        f"a later collection year's row for this key is already loaded; "
                        f"this {int(y) if pd.notna(y) else 'undated'} row was not applied",
                        spec.name, f, int(r), None, None, _show(c), la=_show(la), key_date=_day(d))
                for f, r, y, c, la, d in zip(shown["_file"], shown["_row"], shown["year"],
                                             shown.get("child", blank), shown.get("la", blank),
                                             shown[spec.key_date] if spec.key_date else blank)]
    if len(rows) > len(shown):
        findings.append(Finding("older return not loaded",
                                f"{len(rows) - len(shown)} more rows older than those loaded", spec.name))
    return findings


def _driver_values(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """Rows as tuples of plain values the database drivers take: dates as ISO text, missing as None."""
    return _rows(frame, columns, lambda dates: dates.dt.strftime("%Y-%m-%d").astype("object"))


def _bound_values(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """Rows as tuples for SQLAlchemy's bound parameters: dates as date objects, missing as None."""
    return _rows(frame, columns, lambda dates: pd.Series(dates.dt.date, index=dates.index, dtype="object"))


def _rows(frame: pd.DataFrame, columns: list[str], dates_as) -> list[tuple]:
    arrays = []
    for column in columns:
        series = frame[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            array = dates_as(series)
        elif column == "year":
            array = series.astype("Int64").astype("object")
        else:
            array = series.astype("object")
        arrays.append(array.where(series.notna(), None).tolist())
    return list(zip(*arrays))


def _delete_keys(connection: Connection, spec: TableSpec, rows: pd.DataFrame) -> None:
    table = DATA_TABLES[spec.name]
    keys = list(spec.key_columns)
    condition = and_(*(table.c[k] == bindparam(f"k_{k}") for k in keys))
    params = [dict(zip((f"k_{k}" for k in keys), row)) for row in _bound_values(rows, keys)]
    connection.execute(table.delete().where(condition), params)


def _insert(connection: Connection, spec: TableSpec, rows: pd.DataFrame, import_id: int) -> None:
    """Bulk insert through the driver: COPY on PostgreSQL, executemany on SQLite. SQLAlchemy's
    per-row path costs more than the database itself at a million rows."""
    if rows.empty:
        return
    table = DATA_TABLES[spec.name]
    columns = [c.name for c in table.columns if c.name != "import_id"]
    values = [row + (import_id,) for row in _driver_values(rows, columns)]
    names = columns + ["import_id"]
    cursor = connection.connection.driver_connection.cursor()
    quoted = ", ".join(connection.dialect.identifier_preparer.quote(n) for n in names)
    if connection.dialect.name == "postgresql":
        with cursor.copy(f"COPY {table.name} ({quoted}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
    else:
        marks = ", ".join("?" for _ in names)
        cursor.executemany(f"INSERT INTO {table.name} ({quoted}) VALUES ({marks})", values)
