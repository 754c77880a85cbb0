"""The children behind one bar or row of a breakdown (managers): how many, in the same scope as
the figure, each linked to their timeline."""
from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.child_lists import PAGE_ROWS, linked_children, timeline_link
from dashboard.components import scrollable_list
from dashboard.pages.frame import page_frame
from dashboard.page import Page, PageView
from data.measures.reviews import PARTICIPATION_CODES

COLUMNS = {"child": "Young person", "review": "Review held", "on_time": "Held on time", "took_part": "Took part"}
FLAG_WORDS = {"on_time": "held on time", "took_part": "the child took part"}


def layout(_view: PageView):
    return page_frame("children", "The children behind a figure",
                      "Every review or child counted in one bar or row of a chart, in the same period and with the "
                      "same filters. Pseudonymous ids only; opening this list is recorded.")


def content(view: dict) -> html.Div:
    back = html.P(dcc.Link(f"Back to {view['back_name']}", href=view["back"]), className="small")
    if view["rows"] is None:
        return html.Div([dbc.Alert(view["message"], color="warning", className="refusal"), back])
    rows: pd.DataFrame = view["rows"]
    listed = rows.head(PAGE_ROWS)
    table = listed.assign(child=linked_children(listed))
    if "review" in table:
        table["review"] = table["review"].dt.strftime("%d/%m/%Y")
    for flag in ("on_time", "took_part"):
        if flag in table:
            table[flag] = table[flag].map({True: "Yes", False: "No"})
    table = table[[c for c in COLUMNS if c in table]].rename(columns=COLUMNS)
    children = rows[["la", "child"]].drop_duplicates().shape[0]
    what = f"{len(rows):,} reviews, of {children:,} children" if view["counts"] == "reviews" else f"{len(rows):,} children"
    flags = [f"; in {int(rows[flag].sum()):,} {words}" for flag, words in FLAG_WORDS.items() if flag in rows]
    more = f" The first {PAGE_ROWS:,} are listed." if len(listed) < len(rows) else ""
    scope = view["scope_text"][:1].upper() + view["scope_text"][1:]
    order = " Those not counted in the share come first, then the most recent." if flags else ""
    group = f"{view['group']} ({PARTICIPATION_CODES[view['group']]})" if view["group"] in PARTICIPATION_CODES \
        else view["group"]
    return html.Div([
        back,
        html.H2(f"{view['title']}: {group}", className="h5"),
        html.P([html.Strong(what + "".join(flags)), f". {scope}.{more}{order}"]),
        scrollable_list(table, f"{view['title']}: {group}", formats={"Young person": timeline_link}),
    ])


PAGE = Page("children", "/children", "Children behind a figure", layout, filters=False, in_navigation=False)
