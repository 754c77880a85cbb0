"""IRO workload: children per full-time IRO against the IRO Handbook's 50 to 70."""
from __future__ import annotations

import pandas as pd
from dash import html

from dashboard import figures
from dashboard.components import chart_card, format_value
from dashboard.pages.frame import cards_row, page_frame, period_heading
from dashboard.pages.parts import tiles, trend_card


def layout(values, options, show_council, role):
    return page_frame("workload", "IRO workload",
                      "How many children each Independent Reviewing Officer has, per full-time post, against the "
                      "IRO Handbook's guide of 50 to 70.", values, options, show_council)


def content(view: dict) -> html.Div:
    caseload = view["caseload"]["result"]
    band = caseload.extras.get("guide_band", (50, 70))
    per_iro = caseload.breakdown
    cards = [trend_card("Children per full-time IRO, by year end", view["trend"], "ratio", "Children per FTE",
                        "caseload-trend", band=band)]
    if per_iro is not None and not per_iro.empty:
        figure = figures.caseload_bars(per_iro, "Children per full-time IRO, by IRO", band)
        table = pd.DataFrame({"IRO": per_iro["group"], "Team": per_iro["team"], "Children": per_iro["numerator"],
                              "FTE": per_iro["fte"], "Per full-time IRO": per_iro["value"]})
        cards.append(chart_card("Children per full-time IRO, by IRO", figure, table, "caseload-by-iro",
                                "The shaded band is the IRO Handbook's guide.",
                                formats={"Per full-time IRO": lambda v: format_value(v, "ratio"),
                                         "Children": lambda v: "withheld" if pd.isna(v) else f"{v:,.0f}"}))
    return html.Div([period_heading(view["period"], view["as_at"]), tiles([view["caseload"]]), cards_row(cards)])
