"""Upload data (admins): 903 returns and local extracts imported through the same importer as
the command line, all or nothing, with errors and findings shown."""
from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.components import data_table
from dashboard.pages.frame import page_frame

MAX_UPLOAD_MB = 60


def layout(values, options, show_council, role):
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


def succeeded(summary: dict) -> dbc.Alert:
    findings = summary["findings"]
    parts = [
        html.H2(f"Import {summary['import_id']} succeeded", className="h5"),
        html.P(f"{summary['files']} file(s), {summary['rows']:,} rows read in {summary['seconds']:.1f} s. Every row "
               "read was inserted, updated, unchanged or merged."),
        html.Div(data_table(summary["counts"], "Rows by table"), className="table-responsive"),
    ]
    if len(findings):
        parts += [html.P(["Data quality findings (the import went ahead; see ", html.A("Data quality", href="/data-quality"),
                          "):"], className="mb-1"),
                  html.Div(data_table(findings, "Findings by kind"), className="table-responsive")]
    if summary["skipped"]:
        parts.append(html.P("Skipped (not CSV or XML): " + ", ".join(summary["skipped"])))
    return dbc.Alert(parts, color="success")
