"""A young person's timeline as a manager reads it: newest first, a table per kind of event, the
last 12 months shown and the rest behind "Show all"."""
from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard.components import data_table

RECENT_MONTHS = 12


def timeline_view(child: str, events: pd.DataFrame, as_at: date, groups: tuple[str, ...], who: str = "") -> html.Div:
    """`events` as data.measures.timeline gives them (date, group, event, detail; newest first);
    `who`: a line on the young person's team, IRO and adviser now."""
    heading = html.H2(f"Young person {child}", className="h5")
    if events.empty:
        return html.Div([heading, dbc.Alert(f"No records for young person {child}.", color="secondary")])
    since = pd.Timestamp(as_at) - pd.DateOffset(months=RECENT_MONTHS)
    sections = [_group(group, events[events["group"] == group], since) for group in groups]
    return html.Div([
        heading,
        html.P(who, className="mb-1") if who else None,
        html.P(f"Newest first. Events since {since:%d/%m/%Y} (the last {RECENT_MONTHS} months to "
               f"{as_at:%d/%m/%Y}) are shown; earlier ones are under \"Show all\".", className="small"),
        *sections,
    ])


def _group(group: str, events: pd.DataFrame, since: pd.Timestamp) -> html.Section:
    recent, older = events[events["date"] >= since], events[events["date"] < since]
    caption = f"{group}, the last {RECENT_MONTHS} months"
    parts = [html.H3(f"{group} ({len(events)})", className="h6 mt-3")]
    parts.append(_table(recent, caption) if len(recent) else html.P(f"None in the last {RECENT_MONTHS} months.",
                                                                      className="small mb-1"))
    if len(older):
        parts.append(html.Details([html.Summary(f"Show all: {len(older)} earlier"),
                                   _table(older, f"{group}, earlier")]))
    return html.Section(parts)


def _table(events: pd.DataFrame, caption: str) -> html.Div:
    shown = events.assign(date=events["date"].dt.strftime("%d/%m/%Y"))[["date", "event", "detail"]].rename(
        columns={"date": "Date", "event": "What happened", "detail": "Detail"})
    return html.Div(data_table(shown, caption, caption_hidden=True), className="table-responsive")
