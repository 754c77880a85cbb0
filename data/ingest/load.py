"""Merging validated rows into the database, accounting for every row.

Each row read ends as exactly one of: inserted, updated (a later return replacing an earlier
one for the same key), unchanged, or merged (a duplicate of another row in the same import).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
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

    def add(self, other: "TableCounts") -> None:
        for name in ("read", "inserted", "updated", "unchanged", "merged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def value_columns(spec: TableSpec) -> list[str]:
    keys = set(spec.key_columns)
    return [c.db_name for c in spec.columns if c.db_name not in keys]


def merge_duplicates(spec: TableSpec, frame: pd.DataFrame) -> tuple[pd.DataFrame, int, list[Finding]]:
    """Keep one row per key: the later collection year, else the later row. Returns the kept
    rows, how many were merged away, and a finding per duplicated key naming every row."""
    keys = list(spec.key_columns)
    frame = frame.assign(_year_rank=frame["year"].astype("float64").fillna(-1))
    frame = frame.sort_values(keys + ["_year_rank", "_order"], kind="stable")
    in_group = frame.duplicated(keys, keep=False)
    kept = frame.loc[~frame.duplicated(keys, keep="last")].drop(columns="_year_rank")
    merged = int(in_group.sum()) - int((in_group & ~frame.duplicated(keys, keep="last")).sum())
    findings = _duplicate_findings(spec, frame.loc[in_group], keys) if merged else []
    return kept, merged, findings


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
            int(last["_row"]), None, None, _show(last.get("child"))))
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


def apply_changes(connection: Connection, spec: TableSpec, incoming: pd.DataFrame, import_id: int
                  ) -> tuple[TableCounts, list[Finding], pd.DataFrame]:
    """Insert new keys, replace changed rows, leave equal ones. Returns counts, findings and the
    rows this import wrote (inserted or updated)."""
    keys, values = list(spec.key_columns), value_columns(spec)
    councils = sorted(incoming["la"].unique()) if spec.by_council else []
    existing = read_existing(connection, spec, councils)
    counts = TableCounts()
    findings: list[Finding] = []
    key_text = _comparable(incoming[keys], spec).agg("|".join, axis=1)
    old_key_text = _comparable(existing[keys], spec).agg("|".join, axis=1) if len(existing) else \
        pd.Series([], dtype="str")
    old_by_key = pd.Series(existing.index, index=old_key_text.to_numpy()) if len(existing) else \
        pd.Series([], dtype="int64")
    position = key_text.map(old_by_key)
    is_new = position.isna()
    counts.inserted = int(is_new.sum())
    matched = incoming.loc[~is_new]
    if len(matched):
        old = existing.loc[position[~is_new].astype("int64").to_numpy()]
        new_text = _comparable(matched[values], spec).to_numpy() if values else np.empty((len(matched), 0))
        old_text = _comparable(old[values], spec).to_numpy() if values else np.empty((len(matched), 0))
        differs = (new_text != old_text).any(axis=1)
        older = matched["year"].astype("float64").fillna(-1).to_numpy() < \
            old["year"].astype("float64").fillna(-1).to_numpy()
        keep_newer = differs & older
        replace = differs & ~older
        counts.updated = int(replace.sum())
        counts.unchanged = int((~differs).sum() + keep_newer.sum())
        if keep_newer.any():
            findings += _older_return_findings(spec, matched.loc[keep_newer])
        to_replace = matched.loc[replace]
    else:
        to_replace = incoming.iloc[0:0]
    if len(to_replace):
        _delete_keys(connection, spec, to_replace)
    written = pd.concat([incoming.loc[is_new], to_replace])
    _insert(connection, spec, written, import_id)
    return counts, findings, written


def _older_return_findings(spec: TableSpec, rows: pd.DataFrame) -> list[Finding]:
    shown = rows.head(FINDINGS_PER_KIND)
    findings = [Finding("older return not loaded",
                        f"a later collection year's row for this key is already loaded; "
                        f"this {int(y) if pd.notna(y) else 'undated'} row was not applied",
                        spec.name, f, int(r), None, None, _show(c))
                for f, r, y, c in zip(shown["_file"], shown["_row"], shown["year"],
                                      shown.get("child", pd.Series([None] * len(shown))))]
    if len(rows) > len(shown):
        findings.append(Finding("older return not loaded",
                                f"{len(rows) - len(shown)} more rows older than those loaded", spec.name))
    return findings


def _records(spec: TableSpec, frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    out = pd.DataFrame(index=frame.index)
    for column in columns:
        series = frame[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            out[column] = pd.Series([None if pd.isna(v) else v.date() for v in series],
                                    index=frame.index, dtype="object")
        elif column == "year":
            out[column] = pd.Series([None if pd.isna(v) else int(v) for v in series],
                                    index=frame.index, dtype="object")
        else:
            out[column] = series.astype("object").where(series.notna(), None)
    return out.to_dict("records")


def _delete_keys(connection: Connection, spec: TableSpec, rows: pd.DataFrame) -> None:
    table = DATA_TABLES[spec.name]
    keys = list(spec.key_columns)
    condition = and_(*(table.c[k] == bindparam(f"k_{k}") for k in keys))
    params = [{f"k_{k}": v for k, v in record.items()} for record in _records(spec, rows, keys)]
    connection.execute(table.delete().where(condition), params)


def _insert(connection: Connection, spec: TableSpec, rows: pd.DataFrame, import_id: int) -> None:
    if rows.empty:
        return
    table = DATA_TABLES[spec.name]
    columns = [c.name for c in table.columns if c.name != "import_id"]
    records = _records(spec, rows, columns)
    for record in records:
        record["import_id"] = import_id
    for start in range(0, len(records), 20000):
        connection.execute(table.insert(), records[start:start + 20000])
