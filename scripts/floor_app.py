"""The floor for timing the dashboard: the smallest Dash app with one callback, served by gunicorn
like the dashboard and timed in the same run (scripts/bench_pages.py). A page callback's time is
reported as a multiple of this one's, so that a busy machine's slowness divides out."""
from dash import Dash, Input, Output, dcc, html

app = Dash(__name__)
app.layout = html.Div([dcc.Input(id="floor-in", value="a"), html.Div(id="floor-out")])


@app.callback(Output("floor-out", "children"), Input("floor-in", "value"))
def echo(value):
    return value


server = app.server
