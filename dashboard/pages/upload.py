"""Upload data (admins): 903 returns and local extracts imported through the same importer as
the command line, all or nothing, with errors and findings shown."""
from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.components import data_table
from dashboard.pages.frame import page_frame
from dashboard.page import Page, PageView

MAX_UPLOAD_MB = 60


def layout(view: PageView):
    chooser = html.Div([
        dcc.Upload(id=ids.UPLOAD, multiple=True, accept=".csv,.xml,.zip", max_size=MAX_UPLOAD_MB * 1024 * 1024,
                   className="upload-zone", children=html.Div([
                       html.Span("Drag the files here, or "), html.Span("choose files", className="btn btn-outline-primary btn-sm"),
                   ])),
        dbc.Row([
            dbc.Col([dbc.Label("Year of the return, for files without a YEAR column (optional)", html_for=ids.UPLOAD_YEAR),
                     dbc.Input(id=ids.UPLOAD_YEAR, type="number", min=2000, max=2100, step=1,
                               placeholder="for example 2026 for 2025-26")], md=6),
        ], className="mb-2"),
        dbc.Button("Import these files", id=ids.UPLOAD_BUTTON, color="primary", n_clicks=0),
        dcc.Interval(id=ids.UPLOAD_POLL, interval=1000, disabled=True),
        html.P(id=ids.UPLOAD_PROGRESS, hidden=True, className="mt-2", **{"aria-live": "polite"}),
    ], className="mb-3")
    return page_frame("upload", "Upload data",
                      "Import a 903 return (CSV or XML) and the local extracts, as files or one zip. The import is "
                      "all or nothing: if any file has a blocking error, nothing is imported and the data already "
                      "loaded stays as it was. Each upload is recorded in the import log with your name.",
                      controls=chooser)


SHOWN_NAME = 120


def chosen(names: list[str] | None) -> html.P:
    if not names:
        return html.P("No files chosen yet.")
    return html.P([html.Strong(f"{len(names)} file(s) chosen: "), ", ".join(str(n)[:SHOWN_NAME] for n in names),
                   ". Press Import these files."])


def refused(message: str) -> dbc.Alert:
    return dbc.Alert([html.Strong("Upload refused. "), message, " Nothing was imported."], color="danger")


def failed(errors: pd.DataFrame, total: int) -> dbc.Alert:
    more = f" The first {len(errors)} are listed." if total > len(errors) else ""
    return dbc.Alert([
        html.H2("Import failed: nothing was imported", className="h5"),
        html.P(f"{total} blocking error(s). The data already loaded is unchanged. Correct the files and upload "
               f"them again.{more}"),
        html.Div(data_table(errors, "Blocking errors by file, row and column"), className="table-responsive"),
    ], color="danger")


def progress(import_id: int | None, state: dict | None) -> str:
    if state is None:
        return "Reading and importing the files…"
    where = (f"return {state['run']} of {state['runs']}, rule {state['rule']} of {state['rules']}"
             if state.get("rules") else "starting")
    return (f"Import {import_id} is in. Checking it against the DfE's validation rules: {state.get('rows', 0):,} "
            f"rows, {where}, {state.get('seconds', 0):.0f} s so far.")


def _validation_line(validation: dict | None) -> html.P | None:
    if validation is None:
        return None
    if validation["status"] != "done":
        return html.P(f"DfE validation {validation['status']}: {validation['message']}")
    notes = "; ".join(f"{r['year'] - 1}-{str(r['year'])[2:]}: {r['note']}" for r in validation["runs"] if r["note"])
    return html.P(f"Checked against the DfE's 903 validation rules: {validation['rows']:,} rows of "
                  f"{len(validation['runs'])} return(s) in {validation['seconds']:.1f} s." + (f" Note: {notes}." if notes else ""))


def succeeded(summary: dict) -> dbc.Alert:
    findings = summary["findings"]
    parts = [
        html.H2(f"Import {summary['import_id']} succeeded", className="h5"),
        html.P(f"{summary['files']} file(s), {summary['rows']:,} rows read in {summary['seconds']:.1f} s. Every row "
               "read was inserted, updated, unchanged or merged; rows removed by the later return are rows of its "
               "year already loaded that it no longer holds."),
        html.P(summary["year"]) if summary["year"] else None,
        html.Div(data_table(summary["counts"], "Rows by table"), className="table-responsive"),
        _validation_line(summary["validation"]),
    ]
    if len(findings):
        parts += [html.P(["Data quality findings by rule (the import went ahead; see ",
                          html.A("Data quality", href="/data-quality"), "):"], className="mb-1"),
                  html.Div(data_table(findings, "Findings by rule"), className="table-responsive")]
    if summary["skipped"]:
        parts.append(html.P("Skipped (not CSV or XML): " + ", ".join(summary["skipped"])))
    return dbc.Alert(parts, color="success")


PAGE = Page("upload", "/admin/upload", "Upload data", layout, filters=False)
