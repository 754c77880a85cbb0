"""IRO workload: children per full-time IRO against the IRO Handbook's 50 to 70."""
from __future__ import annotations

import pandas as pd
from dash import html

from dashboard import figures
from dashboard.components import chart_card, format_value
from dashboard.pages.frame import cards_row, page_frame, period_heading
from dashboard.pages.parts import most_telling, tiles, trend_card
from dashboard.page import Page, PageView
from data.measures.catalogue import WORKLOAD


def layout(view: PageView):
    return page_frame("workload", "IRO workload",
                      "How many children each Independent Reviewing Officer has, per full-time post, against the "
                      "IRO Handbook's guide of 50 to 70.", view)


def content(view: dict) -> html.Div:
    caseload = view["caseload"]["result"]
    band = caseload.extras.get("guide_band", (50, 70))
    per_iro = caseload.breakdown
    cards = [trend_card("Children per full-time IRO, by year end", view["trend"], "ratio", "Children per FTE",
                        "caseload-trend", band=band)]
    if per_iro is not None and not per_iro.empty:
        def as_table(frame: pd.DataFrame) -> pd.DataFrame:
            return pd.DataFrame({"IRO": frame["group"], "Team": frame["team"], "Children": frame["numerator"],
                                 "FTE": frame["fte"], "Per full-time IRO": frame["value"]})
        shown, shortened = most_telling(per_iro, "value", False, "IROs")
        figure = figures.caseload_bars(shown, "Children per full-time IRO, by IRO", band)
        cards.append(chart_card("Children per full-time IRO, by IRO", figure, as_table(shown), "caseload-by-iro",
                                "The shaded band is the IRO Handbook's guide.", notes=shortened,
                                download=as_table(per_iro) if shortened else None,
                                formats={"Per full-time IRO": lambda v: format_value(v, "ratio"),
                                         "Children": lambda v: "withheld" if pd.isna(v) else f"{v:,.0f}"}))
    return html.Div([period_heading(view["period"], view["as_at"]), tiles([view["caseload"]]), cards_row(cards)])


PAGE = Page("workload", "/workload", "IRO workload", layout, title="IRO caseloads", theme=WORKLOAD)
