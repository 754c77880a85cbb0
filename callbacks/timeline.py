"""A young person's timeline (managers only): on its own page, reached from the worklist and the
child lists, and under the NEET grid. Every timeline sent is recorded; a request for a young
person the data does not hold is refused, and only the refused attempt is recorded."""
from __future__ import annotations

import urllib.parse

import pandas as pd
from dash import Input, Output
from flask import current_app

from callbacks.audit import log_children, require_children
from callbacks.inputs import InputRefused, text
from callbacks.scope import LONGEST_ADDRESS
from dashboard import ids
from dashboard.pages import timeline as timeline_page
from dashboard.timeline import timeline_view
from data import store
from data.measures.timeline import GROUPS, timeline
from data.measures.worklist import people

CHILD_LENGTH = 20
COUNCIL_LENGTH = 20


class NotInTheData(InputRefused):
    """A young person the data does not hold (or not in the council named)."""


def register(app) -> None:
    app.callback(Output(ids.content_id("timeline"), "children"), Input(ids.URL, "search"))(render)


def render(search):
    viewer = require_children("timeline", "timeline page")
    query = urllib.parse.parse_qs(text(search, LONGEST_ADDRESS, "address").lstrip("?"))
    council = text((query.get("council") or [None])[0], COUNCIL_LENGTH, "council")
    child = text((query.get("child") or [None])[0], CHILD_LENGTH, "young person")
    if not child:
        return timeline_page.content(None, "Open a young person's timeline from the worklist or a list of children.")
    try:
        return timeline_page.content(young_person_timeline(viewer, council or None, child, "timeline page"))
    except NotInTheData as refused:
        return timeline_page.content(None, str(refused))


def young_person_timeline(viewer, council: str | None, child: str, where: str):
    """The timeline of one young person, recorded as sent; NotInTheData (recorded as refused)
    where the data holds no such young person, or holds several in different councils and
    none was named."""
    settings = current_app.config["SETTINGS"]
    data = store.dataset(settings)
    header = data.header
    matches = header[(header["child"] == child) & ((header["la"] == council) if council else True)]
    if len(matches) != 1:
        log_children(viewer, f"refused: {where}, a young person not in the data")
        raise NotInTheData("There is no such young person in the data." if matches.empty else
                           "Several councils have a young person with this id: open the timeline from a list.")
    la = matches["la"].iloc[0]
    events = timeline(data, la, child)
    log_children(viewer, f"{where}: timeline", pd.DataFrame({"la": [la], "child": [child]}))
    now = people(data, data.latest_date, matches["_id"]).iloc[0]
    who = f"As at {data.latest_date:%d/%m/%Y}: social work team {now['team']}; IRO {now['iro']}" + \
        (f"; personal adviser {now['adviser']}" if isinstance(now["adviser"], str) else "") + "."
    return timeline_view(child, events, data.latest_date, GROUPS, who)
