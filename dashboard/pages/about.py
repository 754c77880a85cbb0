"""About: what every measure means, its thresholds and the data it needs; accessibility."""
from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.components import data_table
from dashboard.pages.frame import page_frame, section


def layout(values, options, show_council, role):
    return page_frame("about", "About this dashboard",
                      "What each figure means, how its status is decided, and where the data comes from.")


def content(measures: list[dict], term: str, threshold: int) -> html.Div:
    table = pd.DataFrame([{
        "Measure": m["name"], "Theme": m["theme"], "Definition": m["definition"], "Status rule": m["rule"],
        "Data needed": m["needs"], "Id": m["id"]} for m in measures])
    return html.Div([
        section("Measures", html.Div(data_table(table, "Every measure, its definition and its status rule"),
                                     className="table-responsive")),
        section("How status is shown", html.P(
            "Each figure with a target shows its status in words and with a symbol as well as a colour: "
            "✔ On target (green), ▲ Near target (amber), ✖ Off target (red), – No data (nothing to count). "
            f"Thresholds are the council's own settings. For committee members, any number from 1 to {threshold} "
            "is withheld (● Withheld), and so is any other number from which it could be worked out.")),
        section("The data", dcc.Markdown(
            "Figures come from the council's SSDA903 return (the data every council sends the Department for "
            "Education each year) and a few local extracts for what the 903 does not hold: IROs and their "
            "allocations, escalations, education and employment status, review feedback, midway checks, social "
            "work teams and postcode centroids. Blank templates for the extracts are in `data/templates/`. "
            f"This dashboard calls the children it counts '{term}', as the council has chosen.")),
        section("Accessibility", dcc.Markdown(
            "This dashboard aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, as the "
            "Public Sector Bodies Accessibility Regulations 2018 require. Every chart has a table view with the "
            "same numbers and a CSV download; status never relies on colour alone; chart colours can be told "
            "apart by people with the common kinds of colour blindness; every control can be reached and used "
            "with a keyboard, and the page works from phone width up. Each page is checked automatically with "
            "axe-core in a real browser. If something does not work for you, tell the council's IRO service "
            "manager, who will pass it on.")),
    ])
