"""The accessibility statement, in the GOV.UK pattern the Public Sector Bodies Accessibility
Regulations 2018 expect: how accessible the dashboard is, what is known not to be, how to report a
problem, enforcement, and when it was last reviewed."""
from __future__ import annotations

from dash import dcc, html

from dashboard.page import Page, PageView

REVIEWED = "2 December 2026"
STATEMENT = f"""
This statement applies to the IRO service dashboard, used by the council's Independent Reviewing
Officer (IRO) service, its managers and directors, and councillors on the scrutiny committee.

We want as many people as possible to be able to use it. You should be able to:

- change colours, contrast levels and fonts using your browser or device settings;
- zoom in up to 400% without the text spilling off the screen;
- reach and use every control with a keyboard only;
- use it with a screen reader (we test with NVDA and VoiceOver);
- read every chart as a table, with the same numbers, and download it as a CSV file;
- tell every status apart without colour: each has a word and a symbol (✔ On target, ▲ Near
  target, ✖ Off target, – No data, ● Withheld).

## How accessible this dashboard is

We know some parts are not fully accessible:

- charts are drawn as pictures of the numbers: a screen reader reads each chart's table instead,
  which holds every number the chart shows;
- the grid of young people on the NEET page (managers only) is a third-party component whose
  column filters are harder to use with a screen reader than a plain table: the same list can be
  downloaded as a CSV file;
- the committee pack (PDF) is tagged and has a language and title, but its charts are images: the
  numbers beside each chart hold the same figures.

## Feedback and contact information

If you need anything on the dashboard in a different format, or find a problem not listed here,
tell the council's IRO service manager, who will reply within 10 working days.

## Enforcement procedure

The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector
Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not
happy with how we respond to your complaint, contact the Equality Advisory and Support Service
(EASS).

## Technical information about this dashboard's accessibility

The council is committed to making the dashboard accessible, in accordance with the Public Sector
Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.

### Compliance status

This dashboard is partially compliant with the Web Content Accessibility Guidelines version 2.2
AA standard, because of the non-accessible content listed below.

### Non-accessible content

- Charts (WCAG 1.1.1 Non-text content) have their numbers in a table beside them rather than in
  the chart itself.
- The NEET grid's column menus (WCAG 4.1.2 Name, role, value) come from the grid component.

## How we tested this dashboard

Every page is checked for each role, in a real browser, with axe-core 4.12 and no rules left out,
at desktop and phone widths, and by keyboard. This statement was prepared on {REVIEWED} and last
reviewed on {REVIEWED}.
"""


def layout(view: PageView):
    return html.Div([html.H1("Accessibility statement", className="h3"), dcc.Markdown(STATEMENT)],
                    className="accessibility-statement")


PAGE = Page("accessibility", "/accessibility", "Accessibility", layout, title="Accessibility statement",
            filters=False, content=False, in_navigation=False)
