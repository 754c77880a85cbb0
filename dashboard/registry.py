"""Every page, gathered from the declaration beside each layout (dashboard/page.py): the
navigation, the router, the page titles and the theme pages all read this one list."""
from __future__ import annotations

from dashboard.page import Page
from dashboard.pages import (about, accessibility, audit_log, children, commentary, councils, escalations, neet,
                             overview, participation, placements, quality, reviews, timeline, upload, workload,
                             worklist)

# In the navigation's order.
PAGES: tuple[Page, ...] = tuple(module.PAGE for module in (
    worklist, overview, reviews, participation, placements, escalations, workload, neet, councils, commentary, quality,
    about, accessibility, upload, audit_log, timeline, children))
PAGES_BY_PATH = {p.path: p for p in PAGES}
PAGES_BY_SLUG = {p.slug: p for p in PAGES}
THEME_PAGES = {p.theme: p for p in PAGES if p.theme}  # the page of each theme's measures
NAVIGATION = tuple(p for p in PAGES if p.in_navigation)
