"""Placeholder start page until the dashboard pages land: shows what data is loaded."""
import dash
from dash import dcc, html

from dashboard import ids

dash.register_page(__name__, path="/", title="IRO service dashboard", name="Home")


def layout(**_query):
    return html.Div([
        html.H2("Data loaded", className="h5"),
        html.P("The performance pages are being built. Below are the imports made so far, "
               "with the rows each one read."),
        dcc.Interval(id=ids.HOME_REFRESH, max_intervals=0),
        html.Div(id=ids.HOME_IMPORTS),
    ])
