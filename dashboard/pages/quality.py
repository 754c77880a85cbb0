"""Data quality: every import with its row counts and outcome, and the findings of the latest."""
from __future__ import annotations

import json

import pandas as pd
from dash import html

from dashboard.components import data_table, table_view
from dashboard.pages.frame import page_frame, section


def layout(values, options, show_council, role):
    return page_frame("quality", "Data quality",
                      "Every import: when, by whom, what it read and what it found. Findings do not stop an "
                      "import, but each one names the file, row and column to check in the source system.")


def content(imports: pd.DataFrame, findings: pd.DataFrame, show_rows: bool) -> html.Div:
    if imports.empty:
        return html.P("No data has been imported yet.")
    log = pd.DataFrame({
        "Import": imports["id"], "Started": imports["started_at"].dt.strftime("%d/%m/%Y %H:%M"),
        "By": imports["user_name"], "How": imports["source"], "Outcome": imports["outcome"],
        "Rows read": imports["rows_read"], "Inserted": imports["inserted"], "Updated": imports["updated"],
        "Unchanged": imports["unchanged"], "Merged": imports["merged"], "Errors": imports["error_count"],
        "Findings": imports["finding_count"],
        "Files": imports["files"].map(lambda f: len(json.loads(f)) if f else 0),
    })
    number = lambda v: f"{v:,.0f}"  # noqa: E731
    parts = [section("Imports, newest first", html.Div(data_table(log, "Imports", {
        c: number for c in ("Rows read", "Inserted", "Updated", "Unchanged", "Merged", "Errors", "Findings")}),
        className="table-responsive"))]
    latest = imports[imports["outcome"] == "succeeded"]
    if not latest.empty:
        import_id = int(latest["id"].iloc[0])
        if findings.empty:
            parts.append(section(f"Findings of import {import_id}", html.P("None.")))
        else:
            kinds = findings.groupby("kind").size().sort_values(ascending=False).rename("Findings").reset_index()
            kinds.columns = ["Kind of finding", "Findings"]
            body = [data_table(kinds, f"Findings of import {import_id} by kind")]
            if show_rows:
                rows = findings.rename(columns={"kind": "Kind", "file": "File", "file_row": "Row",
                                                "column_name": "Column", "child": "Child", "message": "Finding"})[
                    ["Kind", "File", "Row", "Column", "Child", "Finding"]]
                body.append(table_view(rows, f"Findings of import {import_id} (first {len(rows)})",
                                       f"findings-import-{import_id}", summary="Show each finding"))
            parts.append(section(f"Findings of the latest import ({import_id})", html.Div(body, className="table-responsive")))
    return html.Div(parts)
