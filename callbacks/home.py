from dash import Input, Output, html
from flask import current_app

from dashboard import ids
from data import store


def register(app) -> None:
    app.callback(Output(ids.HOME_IMPORTS, "children"), Input(ids.HOME_REFRESH, "n_intervals"))(show_imports)


def show_imports(_n):
    log = store.import_log(current_app.config["SETTINGS"])
    if log.empty:
        return html.P("No data has been imported yet.")
    header = html.Thead(html.Tr([html.Th(c, scope="col") for c in
                                 ("Import", "When", "Who", "Outcome", "Rows read", "Findings")]))
    body = html.Tbody([html.Tr([
        html.Td(row.id), html.Td(row.started_at.strftime("%d/%m/%Y %H:%M")), html.Td(row.user_name),
        html.Td(row.outcome), html.Td(f"{row.rows_read:,}"), html.Td(f"{row.finding_count:,}"),
    ]) for row in log.itertuples()])
    return html.Table([html.Caption("Imports, newest first"), header, body], className="table table-sm caption-top")
