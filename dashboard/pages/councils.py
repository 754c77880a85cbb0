"""Councils compared (regional data): one measure for every council side by side, ranked, with England."""
from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard import figures
from dashboard.components import chart_card, format_value
from dashboard.pages.frame import page_frame, period_heading
from dashboard.page import Page, PageView

MEASURE_CHOICE = "councils-measure"


def layout(view: PageView):
    from data.measures.catalogue import MEASURES
    picker = html.Div([
        html.Label("Measure to compare", htmlFor=MEASURE_CHOICE, className="form-label small mb-0"),
        dcc.Dropdown(id=MEASURE_CHOICE, options=[{"value": m.id, "label": m.name} for m in MEASURES],
                     value="review_timeliness", clearable=False),
    ], className="mb-3", style={"maxWidth": "32rem"})
    return page_frame("councils", "Councils compared",
                      "Each council's figure for one measure, ranked, with England where a national figure exists.", view, picker)


def content(view: dict) -> html.Div:
    frame: pd.DataFrame = view["by_council"]
    if frame.empty or len(frame) < 2:
        return html.P("The data holds one council, so there is nothing to compare. A regional deployment that "
                      "imports several councils' returns (with their LA column) shows them here.")
    unit = view["unit"]
    ranked = frame.sort_values("value", ascending=view["ascending"], na_position="last").reset_index(drop=True)
    ranked["rank"] = range(1, len(ranked) + 1)
    figure = figures.breakdown_bars(ranked.rename(columns={"council": "group"}), view["name"], unit,
                                    view["name"], target=view["england"])
    table = pd.DataFrame({"Rank": ranked["rank"], "Council": ranked["council"], "Value": ranked["value"],
                          "Number": ranked["numerator"], "Out of": ranked["denominator"], "Status": ranked["status"]})
    note = (f"England: {format_value(view['england'], unit)} ({view['england_year']}), drawn as a dashed line."
            if view["england"] is not None else "No England figure for this measure.")
    return html.Div([period_heading(view["period"], view["as_at"]),
                     chart_card(view["name"], figure, table, f"councils-{view['id']}", notes=(note,),
                                formats={"Value": lambda v: format_value(v, unit)})])


PAGE = Page("councils", "/councils", "Councils compared", layout, regional_only=True)
