"""The page for the address: checks the viewer may open it, then builds its layout with the
filters from the query string. Changing a filter updates the address (not the page)."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, html, no_update
from flask import current_app

from callbacks.common import council_words
from callbacks.inputs import InputRefused, text
from callbacks.scope import LONGEST_ADDRESS, address_values, checked_values, committee_options, options_for
from callbacks.viewer import current_viewer, require
from dashboard import ids
from dashboard.filterbar import FILTER_NAMES, address_view, to_query
from dashboard.page import PageView
from dashboard.pages.frame import no_access, page_footer
from dashboard.registry import NAVIGATION, PAGES_BY_PATH
from data import store
from data.permissions import allowed

FILTER_INPUTS = [Input(ids.filter_id(name), "value") for name in FILTER_NAMES]


def register(app) -> None:
    app.callback(Output(ids.PAGE, "children"), Input(ids.URL, "pathname"), State(ids.URL, "search"))(render_page)
    app.callback(Output(ids.URL, "search"), FILTER_INPUTS, State(ids.URL, "pathname"), State(ids.URL, "search"),
                 prevent_initial_call=True)(sync_address)
    app.callback([Output(ids.nav_link_id(p.slug), "href") for p in NAVIGATION] +
                 [Output(ids.nav_link_id(p.slug), "style") for p in NAVIGATION], Input(ids.URL, "search"))(nav_links)
    app.clientside_callback(ClientsideFunction("navigation", "toggle"), Output(ids.NAV_COLLAPSE, "is_open"),
                            Input(ids.NAV_TOGGLE, "n_clicks"), State(ids.NAV_COLLAPSE, "is_open"),
                            prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("navigation", "title"), Output(ids.TITLE_SHOWN, "data"),
                            Input(ids.URL, "pathname"), State(ids.PAGE_TITLES, "data"))
    app.callback(Output(ids.FOOTER, "children"), Input(ids.URL, "pathname"))(footer)
    app.clientside_callback(ClientsideFunction("filters", "toggle"),
                            Output(ids.FILTER_PANEL, "is_open"), Output(ids.FILTER_TOGGLE, "aria-expanded"),
                            Input(ids.FILTER_TOGGLE, "n_clicks"), State(ids.FILTER_PANEL, "is_open"),
                            prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("filters", "summary"), Output(ids.FILTER_SUMMARY, "children"),
                            FILTER_INPUTS, [State(ids.filter_id(n), "options") for n in FILTER_NAMES],
                            State(ids.FILTER_LABELS, "data"), prevent_initial_call=True)


def render_page(pathname, search):
    page = PAGES_BY_PATH.get(pathname or "/")
    if page is None:
        return html.Div([html.H1("Page not found", className="h3"),
                         html.P(["There is no page at this address. ", html.A("Go to the overview", href="/")])])
    viewer = current_viewer()
    if not allowed(viewer, "view-page", page.slug):
        return no_access(page.name, viewer.role, page.roles)
    settings = current_app.config["SETTINGS"]
    data = store.dataset(settings)
    if data.episodes.empty and page.filters:
        return dbc.Alert(["No 903 data has been imported yet. Import a return with ",
                          html.Code("flask --app app import PATH"), " (see the README)."], color="info")
    offered = options_for(data)
    options = offered if page.filters else None
    asked = address_values(search)  # an address longer than the app makes is refused outright
    try:
        values = checked_values(asked, options) if options else {}
    except InputRefused:
        # Most likely an old bookmark: a period no longer offered, or a team renamed since.
        return dbc.Alert(["This address asks for filters that the dashboard does not offer now. ",
                          html.A(f"Open {page.name} without them", href=page.path), "."], color="warning")
    if options is not None and not allowed(viewer, "see-small-numbers"):
        options = committee_options(options)
    return page.layout(PageView(values, options, tuple(v for v, _ in offered.periods), offered.default_period,
                                len(data.councils) > 1, viewer.role, lambda text: council_words(text, settings),
                                address_view(search)))


def sync_address(*inputs):
    """Write the filters into the address so the view can be bookmarked; the page stays as it is."""
    *values, pathname, search = inputs
    page = PAGES_BY_PATH.get(pathname or "/")
    if page is None or not page.filters:
        raise InputRefused("The page asked for has no filters.")
    require("view-page", page.slug)
    if all(v is None for v in values):
        return no_update
    values = checked_values(dict(zip(FILTER_NAMES, values)), options_for(store.dataset(current_app.config["SETTINGS"])))
    return to_query(values, address_view(text(search, LONGEST_ADDRESS, "address")))  # the "show by" choice stays


def nav_links(search):
    """Links keep the current filters; pages the viewer may not open, or that need several
    councils' data when there is one, are not offered."""
    viewer = current_viewer()
    data = store.dataset(current_app.config["SETTINGS"])
    asked = address_values(search)
    keep = to_query(checked_values(asked, options_for(data))) if asked else ""  # no filters: no options needed
    regional = len(data.councils) > 1
    hidden = {"display": "none"}
    styles = [hidden if not allowed(viewer, "view-page", p.slug) or (p.regional_only and not regional) else None
              for p in NAVIGATION]
    return [p.path + (keep if p.filters else "") for p in NAVIGATION] + styles


def footer(_pathname):
    """Where the figures come from, and how fresh they are: on every page."""
    require("view-page", "about")
    settings = current_app.config["SETTINGS"]
    return page_footer(store.dataset(settings).latest_date, store.last_import(settings))
