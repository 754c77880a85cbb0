"""The findings of an import as the command line, the data quality page and the fix lists read them:
every row, one rule's rows, the rules that fired with what they can change, and the one line the
overview and theme pages show."""
from __future__ import annotations

import json
import threading

import pandas as pd
from sqlalchemy import func, select

from data import db
from data.ingest.problems import DFE_KIND, OWN_RULES
from data.rule_measures import measure_names, measures_for
from data.schema import findings as findings_table
from data.schema import imports as imports_table

# The stable form of a finding (`flask findings --format json`, the fix lists): these names, in this order.
FIELDS = ["rule", "message", "table", "child", "key_date", "row", "file", "column", "value", "council", "kind"]
_COLUMNS = {"rule": "rule", "message": "message", "table": "table_name", "child": "child", "key_date": "key_date",
            "row": "file_row", "file": "file", "column": "column_name", "value": "value", "council": "la",
            "kind": "kind"}
_summaries: dict[tuple, pd.DataFrame] = {}
_lock = threading.Lock()


def latest_import_id(settings) -> int | None:
    with db.get_engine(settings.database_url).connect() as connection:
        return connection.execute(select(func.max(imports_table.c.id)).where(
            imports_table.c.outcome == "succeeded")).scalar()


def rows(settings, import_id: int, rule: str | None = None, limit: int | None = None) -> pd.DataFrame:
    """Findings in the stable form (FIELDS), in the order found; `rule` narrows to one rule."""
    query = select(*(findings_table.c[c].label(name) for name, c in _COLUMNS.items())).where(
        findings_table.c.import_id == import_id).order_by(findings_table.c.id)
    if rule is not None:
        codes = [k for k, own in OWN_RULES.items() if own.code == rule]
        query = query.where((findings_table.c.rule == rule) |
                            (findings_table.c.rule.is_(None) & findings_table.c.kind.in_(codes)))
    with db.get_engine(settings.database_url).connect() as connection:
        frame = pd.read_sql(query.limit(limit) if limit else query, connection)
    frame["rule"] = _rule_codes(frame["rule"], frame["kind"])
    frame["key_date"] = pd.to_datetime(frame["key_date"]).dt.strftime("%Y-%m-%d")
    frame["row"] = frame["row"].astype("Int64")
    return frame[FIELDS]


def _rule_codes(rules: pd.Series, kinds: pd.Series) -> pd.Series:
    """Findings stored before rule codes were (migration 0005) take their kind's code."""
    return rules.where(rules.notna(), kinds.map(lambda k: OWN_RULES[k].code if k in OWN_RULES else k))


def by_rule(settings, import_id: int) -> pd.DataFrame:
    """Each rule that fired: rule, description, rows, fields, measures (ids), measure_names;
    most rows first. Kept per import and number of findings (the validation adds them late)."""
    if import_id is None:
        return _by_rule_empty()
    engine = db.get_engine(settings.database_url)
    with engine.connect() as connection:
        count = connection.execute(select(imports_table.c.finding_count).where(
            imports_table.c.id == import_id)).scalar()
    key = (settings.database_url, import_id, count)
    if key not in _summaries:
        summary = _by_rule(engine, import_id)
        with _lock:
            _summaries.clear()
            _summaries[key] = summary
    return _summaries[key]


def _by_rule(engine, import_id: int) -> pd.DataFrame:
    c = findings_table.c
    query = select(c.rule, c.kind, c.fields, func.min(c.message).label("message"),
                   func.count().label("rows")).where(c.import_id == import_id).group_by(c.rule, c.kind, c.fields)
    with engine.connect() as connection:
        groups = pd.read_sql(query, connection)
    if groups.empty:
        return _by_rule_empty()
    groups["rule"] = _rule_codes(groups["rule"], groups["kind"])
    groups["description"] = groups["message"].where(groups["kind"] == DFE_KIND, groups["kind"])
    summary = []
    for rule, group in groups.groupby("rule", sort=False):
        fields = sorted({f for text in group["fields"].dropna() for f in text.split()})
        measures = measures_for(fields)
        summary.append({"rule": rule, "description": group["description"].iloc[0], "rows": int(group["rows"].sum()),
                        "fields": fields, "measures": measures, "measure_names": measure_names(measures)})
    return pd.DataFrame(summary).sort_values(["rows", "rule"], ascending=[False, True], ignore_index=True)


def _by_rule_empty() -> pd.DataFrame:
    return pd.DataFrame(columns=["rule", "description", "rows", "fields", "measures", "measure_names"])


def validation_of(settings, import_id: int) -> dict | None:
    """The DfE validation's record for the import (status, rule sets, progress while it runs)."""
    with db.get_engine(settings.database_url).connect() as connection:
        text = connection.execute(select(imports_table.c.validation).where(imports_table.c.id == import_id)).scalar()
    return json.loads(text) if text else None


def running_validation(settings, user: str) -> tuple[int, dict] | None:
    """The newest import by this user whose DfE validation is still running, with its progress."""
    query = select(imports_table.c.id, imports_table.c.validation).where(
        imports_table.c.user_name == user, imports_table.c.outcome == "succeeded").order_by(
        imports_table.c.id.desc()).limit(1)
    with db.get_engine(settings.database_url).connect() as connection:
        row = connection.execute(query).first()
    if row is None or not row.validation:
        return None
    state = json.loads(row.validation)
    return (row.id, state) if state.get("status") == "running" else None


def page_notice(settings, measure_ids) -> str | None:
    """The one line a page shows when rules that can change its figures fired in the latest import."""
    import_id = latest_import_id(settings)
    if import_id is None:
        return None
    summary = by_rule(settings, import_id)
    wanted = set(measure_ids)
    fired = summary[[bool(wanted & set(measures)) for measures in summary["measures"]]]
    if fired.empty:
        return None
    rows, kinds = int(fired["rows"].sum()), len(fired)
    return (f"The latest import found {rows:,} row{'s' if rows != 1 else ''} with data problems that can change "
            f"these figures ({kinds} kind{'s' if kinds != 1 else ''} of problem, such as "
            f"{fired['description'].iloc[0].rstrip('.').lower()}).")
