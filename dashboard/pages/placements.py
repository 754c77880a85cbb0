"""Placements and sufficiency: numbers in care against England, where children live, stability,
profile, and how children left care (the 'other' group always broken down)."""
from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.components import data_table
from dashboard.pages.frame import cards_row, page_frame, period_heading, section
from dashboard.pages.parts import breakdown_card, drill, tiles, trend_card
from dashboard.page import Page, PageView
from data.measures.catalogue import PLACEMENTS


def layout(view: PageView):
    return page_frame("placements", "Placements and sufficiency",
                      "How many children are in care, where they live and how settled they are, who they are, "
                      "and how they left care.", view)


def content(view: dict) -> html.Div:
    count = view["count"]["result"]
    exits = view["exits"]["result"]
    term = view["term"]
    other = exits.extras.get("other")
    other_block = html.P("No child left care for an 'other' reason in this period.", className="small")
    if other is not None and not other.empty:
        shown = other.rename(columns={"code": "Code", "meaning": "Reason", "numerator": "Children"})[
            ["Code", "Reason", "Children"]]
        other_block = html.Div([data_table(shown, "The 'Other' group, reason by reason",
                                           {"Children": lambda v: "withheld" if pd.isna(v) else f"{v:,.0f}"})],
                               className="table-responsive")
    england = view["england"]
    return html.Div([
        period_heading(view["period"], view["as_at"], f"Counts are of {term} on the last day of the period."),
        tiles([view["count"], view["rate"], view["uasc"]]),
        tiles([view["over_20"], view["outside"], view["three_plus"], view["long_term"]]),
        cards_row([
            trend_card(f"{term.capitalize()} at each year end", view["count_trend"], "count", "Children",
                       "children-in-care-trend"),
            trend_card("Rate per 10,000 children, with England", view["rate_trend"], "rate", "Per 10,000",
                       "rate-trend", description=england),
        ]),
        cards_row([
            breakdown_card("Placement type", count.extras.get("placement_group"), "count", "placement-type",
                           label="Placement", drill=drill("in-care-by-placement-group", view["drill_query"])),
            breakdown_card("Placement provider", count.extras.get("provider"), "count", "placement-provider",
                           label="Provider"),
        ]),
        cards_row([
            breakdown_card("Legal status", count.extras.get("legal_status"), "count", "legal-status", label="Status",
                           drill=drill("in-care-by-legal-status", view["drill_query"])),
            breakdown_card("Age band", count.extras.get("age_band"), "count", "age-band", label="Age band",
                           drill=drill("in-care-by-age-band", view["drill_query"])),
        ]),
        cards_row([
            breakdown_card("Sex", count.extras.get("sex"), "count", "sex", label="Sex", drill=drill("in-care-by-sex", view["drill_query"])),
            breakdown_card("Ethnicity", count.extras.get("ethnic_group"), "count", "ethnicity", label="Group",
                           drill=drill("in-care-by-ethnic-group", view["drill_query"])),
            breakdown_card("Unaccompanied asylum-seeking children", count.extras.get("uasc"), "count", "uasc",
                           label="UASC", drill=drill("in-care-by-uasc", view["drill_query"])),
        ], lg=4),
        section("How children left care", cards_row([
            breakdown_card("Children leaving care, by reason", exits.breakdown, "count", "exits-by-reason",
                           label="Reason"),
            html.Div([html.H3("What 'Other' means", className="h6"), other_block]),
        ])),
    ])


PAGE = Page("placements", "/placements", "Placements", layout, title="Placements and sufficiency", theme=PLACEMENTS)
