"""Participation: how children take part in their reviews, feedback, advocates, chairing."""
from __future__ import annotations

from dash import html

from dashboard.pages.frame import cards_row, page_frame, period_heading
from dashboard.pages.parts import breakdown_card, drill, tiles, trend_card
from dashboard.page import Page, PageView
from data.measures.catalogue import PARTICIPATION


SHORT_CODES = {"PN1": "speaks for themselves", "PN2": "attends, advocate speaks", "PN3": "attends, views without words",
               "PN4": "attends, does not contribute", "PN5": "absent, briefs an advocate",
               "PN6": "absent, views sent another way", "PN7": "absent, views not conveyed"}


def layout(view: PageView):
    return page_frame("participation", "Participation",
                      "How children and young people take part in their own reviews (the 903 participation codes "
                      "PN1 to PN7; children under 4 are not counted), whether review feedback comes back, "
                      "whether an advocate was offered, and who chaired the review.", view)


def content(view: dict) -> html.Div:
    participation = view["participation"]["result"]
    target = participation.rule.target if participation.rule else None
    advocate = view["advocate"]["result"]
    by_code = participation.breakdown
    if by_code is not None:
        by_code = by_code.assign(key=by_code["group"], group=by_code["group"] + " " + by_code["group"].map(SHORT_CODES))
    return html.Div([
        period_heading(view["period"], view["as_at"]),
        tiles([view["participation"], view["feedback"], view["advocate"]]),
        cards_row([
            breakdown_card("How children took part (903 codes)", by_code, "percent",
                           "participation-by-code", "Share of reviews", label="Code",
                           notes=participation.note_lines(), drill=drill("participation-by-code", view["drill_query"]),
                           description="PN1 to PN6 count as taking part; PN7 means the child's views were not "
                                       "conveyed."),
            trend_card("Children taking part in their review, by year", view["trend"], "percent",
                       "Share participating", "participation-trend", target),
        ]),
        cards_row([
            breakdown_card("Participation by age band", view["by_age"].extras.get("by_age"), "percent",
                           "participation-by-age", "Share participating", target=target, label="Age band",
                           drill=drill("participation-by-age", view["drill_query"])),
            breakdown_card("Feedback returned, by who was asked", view["feedback"]["result"].breakdown, "percent",
                           "feedback-by-respondent", "Share returned", label="Asked"),
        ]),
        cards_row([
            breakdown_card("Who chaired the review", advocate.extras.get("chaired"), "count", "review-chairing",
                           "Reviews", label="Chaired by",
                           description="From the young person's own feedback record."),
        ]),
    ])


PAGE = Page("participation", "/participation", "Participation", layout, theme=PARTICIPATION)
