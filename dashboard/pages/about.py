"""About: what every measure means, its thresholds and the data it needs; accessibility."""
from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.components import data_table
from dashboard.pages.frame import page_frame, section
from dashboard.page import Page, PageView


def layout(view: PageView):
    return page_frame("about", "About this dashboard",
                      "What each figure means, how its status is decided, and where the data comes from.")


GLOSSARY = (
    ("IRO (Independent Reviewing Officer)", "A qualified social worker, independent of the child's social worker, "
     "who chairs each review of a child in care, checks the care plan is working and can challenge the council "
     "when it is not."),
    ("Review", "The meeting, required by law, where a child in care's plan is looked at: the first within 20 "
     "working days of coming into care, the second within 3 months, then every 6 months."),
    ("Midway check", "The IRO's check between two reviews that what was agreed at the last one is happening."),
    ("Participation codes (PN0 to PN7)", "How a child took part in their review, as the 903 return records it: "
     "PN1 to PN6 mean they took part in some way, PN7 that they did not and their views were not given; PN0 is "
     "a child under four, who is not counted."),
    ("Escalation", "An IRO's formal challenge to the council about a child's plan (the dispute resolution "
     "process), from an informal conversation up to stage 4, a senior manager's decision."),
    ("Cafcass", "The Children and Family Court Advisory and Support Service. An IRO can refer a child's case to "
     "Cafcass when the council does not put right a serious failure in the child's plan."),
    ("Section 20", "Section 20 of the Children Act 1989: a child looked after with the agreement of their parents, "
     "without a court order (\"accommodated\")."),
    ("Care order, interim care order, placement order", "Court orders: the council shares parental responsibility "
     "(a care order, or an interim one while the court decides), or may place the child for adoption (a placement "
     "order)."),
    ("UASC", "An unaccompanied asylum-seeking child: under 18, seeking asylum, with no parent or carer in the UK."),
    ("NEET", "Not in education, employment or training."),
    ("Personal adviser", "The worker who supports a care leaver, and a young person in care from 16, towards "
     "leaving care."),
    ("SSDA903 (the 903)", "The return about children in care that every council in England sends the Department "
     "for Education each year; most of the figures here come from it."),
    ("Settled long term", "Children under 16 who have been in care for at least two and a half years and have "
     "lived in the same placement for at least two years (or are placed for adoption)."),
)
TABLE_WORDS = {"episodes": "903 episodes of care", "reviews": "903 reviews", "header": "903 children",
               "uasc": "903 asylum-seeking children", "oc3": "903 care leavers", "feedback": "review feedback",
               "midway": "IRO midway checks", "escalations": "escalations", "iros": "IROs",
               "iro_allocations": "IRO allocations", "eet_status": "education and employment status",
               "postcode_centroids": "postcode locations", "child_teams": "social work teams"}


def content(measures: list[dict], term: str, threshold: int, show_files: bool) -> html.Div:
    """`show_files`: for those who load data, where the extracts' templates are."""
    table = pd.DataFrame([{
        "Measure": m["name"], "Theme": m["theme"], "Definition": m["definition"], "Status rule": m["rule"],
        "From": ", ".join(TABLE_WORDS.get(n, n) for n in m["needs"])} for m in measures])
    glossary = html.Dl([part for term_, meaning in GLOSSARY for part in (html.Dt(term_), html.Dd(meaning))],
                       className="glossary")
    templates = " Blank templates for the extracts are in `data/templates/`." if show_files else ""
    return html.Div([
        section("Measures", html.Div(data_table(table, "Every measure, its definition and its status rule"),
                                     className="table-responsive")),
        section("How status is shown", html.P(
            "Each figure with a target shows its status in words and with a symbol as well as a colour: "
            "✔ On target (green), ▲ Near target (amber), ✖ Off target (red), – No data (nothing to count). "
            f"Thresholds are the council's own settings. For committee members, any number from 1 to {threshold} "
            "is withheld (● Withheld), and so is any other number from which it could be worked out.")),
        section("Words used here", glossary),
        section("The data", dcc.Markdown(
            "Figures come from the council's SSDA903 return (the data every council sends the Department for "
            "Education each year) and a few local extracts for what the 903 does not hold: IROs and their "
            "allocations, escalations, education and employment status, review feedback, midway checks, social "
            f"work teams and postcode locations.{templates} "
            f"This dashboard calls the children it counts '{term}', as the council has chosen.")),
        section("Accessibility", dcc.Markdown(
            "The dashboard aims to meet WCAG 2.2 at level AA. The [accessibility statement](/accessibility) says "
            "what is known not to, and how to report a problem.")),
    ])

PAGE = Page("about", "/about", "About", layout, title="About the figures", filters=False)
