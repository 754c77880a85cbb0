"""Data quality: every import with its row counts and outcome; the latest import's findings by rule
(the DfE's validation rules and the importer's own), with the measures each rule can change; for
managers, each rule's rows and a fix list to download."""
from __future__ import annotations

import json

import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.components import data_table
from dashboard.pages.frame import page_frame, section
from dashboard.page import Page, PageView


def layout(view: PageView):
    return page_frame("quality", "Data quality",
                      "Every import: when, by whom, what it read and what it found. Each import is checked against "
                      "the DfE's 903 validation rules and the importer's own; findings do not stop an import, but "
                      "each names the file and row to correct in the source system, and the figures it can change.")


def content(imports: pd.DataFrame, rules: pd.DataFrame, validation: dict | None, show_rows: bool) -> html.Div:
    if imports.empty:
        return html.P("No data has been imported yet.")
    parts = [section("Imports, newest first", html.Div(_import_log(imports), className="table-responsive"))]
    latest = imports[imports["outcome"] == "succeeded"]
    if latest.empty:
        return html.Div(parts)
    import_id = int(latest["id"].iloc[0])
    body = [_validation_text(validation)]
    if rules.empty:
        body.append(html.P("No rule fired."))
    else:
        table = pd.DataFrame({"Rule": rules["rule"], "What it checks": rules["description"], "Rows": rules["rows"],
                              "Figures it can change": [", ".join(n) or "none" for n in rules["measure_names"]]})
        body.append(html.Div(data_table(table, f"Rules that fired in import {import_id}, most rows first",
                                        {"Rows": lambda v: f"{v:,.0f}"}), className="table-responsive"))
        if show_rows:
            body.append(_rule_picker(rules))
    parts.append(section(f"Findings of the latest import ({import_id}) by rule", html.Div(body)))
    return html.Div(parts)


def _import_log(imports: pd.DataFrame) -> html.Table:
    log = pd.DataFrame({
        "Import": imports["id"], "Started": imports["started_at"].dt.strftime("%d/%m/%Y %H:%M"),
        "By": imports["user_name"], "How": imports["source"], "Outcome": imports["outcome"],
        "Rows read": imports["rows_read"], "Inserted": imports["inserted"], "Updated": imports["updated"],
        "Unchanged": imports["unchanged"], "Merged": imports["merged"],
        "Removed by the later return": imports["removed"], "Errors": imports["error_count"],
        "Findings": imports["finding_count"],
        "Files": imports["files"].map(lambda f: len(json.loads(f)) if f else 0),
    })
    number = lambda v: f"{v:,.0f}"  # noqa: E731
    return data_table(log, "Imports", {c: number for c in ("Rows read", "Inserted", "Updated", "Unchanged", "Merged",
                                                          "Removed by the later return", "Errors", "Findings")})


def _validation_text(validation: dict | None) -> html.P:
    if not validation:
        return html.P("This import was not checked against the DfE's validation rules.")
    if validation.get("status") == "running":
        return html.P(f"The DfE's validation rules are still running on this import ({validation.get('seconds', 0):.0f} s "
                      "so far); their findings appear here when they finish.")
    if validation.get("status") != "done":
        return html.P(f"DfE validation {validation.get('status')}: {validation.get('message', '')}")
    runs = validation.get("runs", [])
    sets = "; ".join(f"council {r['council']} {r['year'] - 1}-{str(r['year'])[2:]}: {r['ruleset']}"
                     + (f" ({r['note']})" if r.get("note") else "") for r in runs)
    return html.P(f"Checked against the DfE's 903 validation rules (csc-validator-be-903) in "
                  f"{validation.get('seconds', 0):.0f} s: {validation.get('rows', 0):,} rows, {len(runs)} return(s). "
                  f"Rule sets: {sets}. Rules whose code starts IRO- are the importer's own.", className="small")


def _rule_picker(rules: pd.DataFrame) -> html.Div:
    options = [{"label": f"{r} ({n:,} rows)", "value": r} for r, n in zip(rules["rule"], rules["rows"])]
    return html.Div([
        html.Label("Show the rows a rule flagged (managers; opening a list is recorded)", htmlFor=ids.QUALITY_RULE,
                   className="form-label mt-2"),
        dcc.Dropdown(id=ids.QUALITY_RULE, options=options, placeholder="Choose a rule", clearable=True),
        dcc.Loading(html.Div(id=ids.QUALITY_ROWS, className="mt-2"), type="default", delay_show=300),
    ])


def rule_rows(rule: str, rows: pd.DataFrame, total: int, import_id: int) -> html.Div:
    shown = pd.DataFrame({"Council": rows["council"], "Child": rows["child"], "Table": rows["table"],
                          "Key date": rows["key_date"], "File": rows["file"], "Row": rows["row"],
                          "Column": rows["column"], "Finding": rows["message"]})
    first = f"the first {len(rows):,} of {total:,}" if total > len(rows) else f"all {total:,}"
    return html.Div([
        html.P([f"Rule {rule}: {first} rows. ",
                html.A(f"Download the fix list for rule {rule} (CSV, every row)",
                       href=f"/download/fix-list/{rule}.csv?import={import_id}")]),
        html.Div(data_table(shown, f"Rows flagged by rule {rule} in import {import_id}"), className="table-responsive"),
    ])


def notice(text: str | None):
    """The line the overview and theme pages show when rules that affect their figures fired."""
    if not text:
        return None
    return html.P([text, " ", html.A("See Data quality", href="/data-quality"), "."], className="small mb-2")


PAGE = Page("quality", "/data-quality", "Data quality", layout, filters=False)
