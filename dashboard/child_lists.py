"""The lists of children behind a number (managers only): which measure each comes from, its
title and the columns shown. The pages and the CSV download route both read them from here, so
a download holds exactly what the page shows."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd
from dash import dcc


@dataclass(frozen=True)
class ChildList:
    slug: str
    measure_id: str
    title: str
    columns: dict[str, str]
    empty: str


CHILD_LISTS = {spec.slug: spec for spec in (
    ChildList("reviews-overdue", "reviews_overdue_now", "Review overdue",
              {"child": "Young person", "next_due": "Was due", "days_overdue": "Days overdue",
               "last_review": "Last review", "team": "Social work team", "iro": "IRO"},
              "No child's review is overdue."),
    ChildList("reviews-due-soon", "reviews_due_next_28_days", "Review due in the next 28 days",
              {"child": "Young person", "next_due": "Due", "last_review": "Last review", "team": "Social work team",
               "iro": "IRO"},
              "No reviews fall due in the next 28 days."),
    ChildList("escalations-open", "escalations_resolved_in_time", "Open escalations",
              {"escalation_id": "Escalation", "child": "Young person", "raised": "Raised", "highest_stage": "Stage",
               "category": "About", "days_open": "Days open", "team": "Social work team", "iro": "IRO"},
              "No escalation is open."),
    ChildList("neet", "neet_16_17", "Young people aged 16 and 17 who are NEET",
              {"child": "Young person", "age": "Age", "activ": "Status code", "status_date": "Last status check",
               "days_since_check": "Days since check", "check_overdue": "Check overdue", "place": "Placement code",
               "adviser": "Personal adviser", "team": "Social work team", "iro": "IRO"},
              "No young person aged 16 or 17 is NEET."),
)}


PAGE_ROWS = 200  # a page lists at most this many (most overdue first); the download holds them all


def on_page(rows: pd.DataFrame | None) -> pd.DataFrame | None:
    """The children a page lists (and so the ones its view records): the first PAGE_ROWS. At the
    size of England a list can run to thousands, which no one reads on screen."""
    return None if rows is None else rows.head(PAGE_ROWS)


def shown_columns(spec: ChildList, rows: pd.DataFrame) -> pd.DataFrame:
    """The list's columns under their headings, dates as day/month/year."""
    shown = rows[list(spec.columns)].rename(columns=spec.columns)
    for column in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[column]):
            shown[column] = shown[column].dt.strftime("%d/%m/%Y")
        elif pd.api.types.is_bool_dtype(shown[column]):
            shown[column] = shown[column].map({True: "Yes", False: "No"})
    return shown


def download_path(spec: ChildList, query: str) -> str:
    return f"/download/{spec.slug}.csv{query}"


def timeline_path(la: str, child: str) -> str:
    """The address of one young person's timeline (managers only; the page checks and records)."""
    return "/timeline?" + urlencode({"council": la, "child": child})


def linked_children(rows: pd.DataFrame) -> pd.Series:
    """A list's child column as keys timeline_link() turns into links (council and id)."""
    return pd.Series([f"{la}\t{child}" for la, child in zip(rows["la"], rows["child"])], index=rows.index)


def timeline_link(key: str) -> dcc.Link:
    la, child = key.split("\t")
    return dcc.Link(child, href=timeline_path(la, child), title=f"Timeline of young person {child}")


def drill_path(slug: str, group: str, query: str) -> str:
    """The address of the children behind one group of a breakdown, in the page's scope (its
    filters are in `query`, as the page's own address holds them)."""
    return "/children?" + urlencode({"list": slug, "group": group}) + ("&" + query.lstrip("?") if query else "")
