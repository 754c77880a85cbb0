"""Escalations: IRO challenge through the dispute resolution process, and Cafcass referrals."""
from __future__ import annotations

from dash import html

from dashboard.child_lists import CHILD_LISTS
from dashboard.pages.frame import cards_row, page_frame, period_heading, section
from dashboard.pages.parts import breakdown_card, child_list, tiles, trend_card
from dashboard.page import Page, PageView
from data.measures.catalogue import ESCALATIONS


def layout(view: PageView):
    return page_frame("escalations", "Escalations",
                      "When an IRO challenges the council about a child's plan (the dispute resolution process): "
                      "how many, at what stage, about what, and how quickly they were resolved. More escalations "
                      "can be a healthy sign of challenge, so there is no target for the number.", view)


def content(view: dict) -> html.Div:
    raised, in_time = view["raised"]["result"], view["in_time"]["result"]
    target = in_time.rule.target if in_time.rule else None
    parts = [
        period_heading(view["period"], view["as_at"]),
        tiles([view["raised"], view["in_time"], view["admin"], view["cafcass"]]),
        cards_row([
            breakdown_card("Escalations raised, by highest stage reached", raised.breakdown, "count",
                           "escalations-by-stage", label="Stage"),
            breakdown_card("Escalations raised, by what they were about", raised.extras.get("by_category"), "count",
                           "escalations-by-category", label="About",
                           description="Administrative: a report or care plan not ready for the review, and similar."),
        ]),
        cards_row([
            trend_card("Formal escalations resolved within 20 working days", view["trend"], "percent",
                       "Share in time", "escalations-in-time-trend", target),
            breakdown_card("Escalations open now, by how long they have been open", in_time.extras.get("open_by_age"),
                           "count", "escalations-open-by-age", label="Open for"),
        ]),
    ]
    if view["open_children"] is not None:
        open_list = child_list(CHILD_LISTS["escalations-open"], view["open_children"], view["query"])
        parts.append(section(f"Open escalations, {view['list_as_at']}", open_list,
                             "Pseudonymous ids only; select one to open their timeline. Opening this list is recorded."))
    return html.Div(parts)


PAGE = Page("escalations", "/escalations", "Escalations", layout, title="IRO escalations", theme=ESCALATIONS)
