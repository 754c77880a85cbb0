"""The worklist, the timeline and the child lists over HTTP, as a manager uses them: as at the latest
data date, counts equal to `flask report` for that date, every view and download recorded with
exactly the children sent."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from data import audit, store
from tests.conftest import demo_instance, sign_in

PROJECT_ROOT = Path(__file__).resolve().parents[1]
LINKED = re.compile(r"/timeline\?council=([^&\"]+)&child=([^\"&]+)")


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    from app import create_app
    folder = tmp_path_factory.mktemp("worklist")
    settings = demo_instance(folder, children=150, seed=4)  # each of the three kinds has someone
    return create_app(settings), settings, folder


def _client(instance, role="manager"):
    app, settings, _ = instance
    return sign_in(app.server.test_client(), settings, role)


def _callback(instance, client, output: str, values: dict):
    """A callback request shaped as the app's front end sends it, with the filters' defaults."""
    app = instance[0]
    key = next(k for k in app.callback_map if k.split("@")[0] == output)
    spec = app.callback_map[key]

    def filled(items):
        return [{**i, "value": values.get(f"{i['id']}.{i['property']}", [] if i["id"].startswith("filter-") and
                                          i["id"] != "filter-period" else None)} for i in items]

    target, prop = output.split(".")
    response = client.post("/_dash-update-component", json={
        "output": key, "outputs": {"id": target, "property": prop}, "inputs": filled(spec["inputs"]),
        "state": filled(spec["state"]), "changedPropIds": []})
    body = response.get_data(as_text=True)
    return response.status_code, json.dumps(json.loads(body)) if response.status_code == 200 else body


def _csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def _latest_audit(settings):
    entry = audit.entries(settings, limit=1).iloc[0]
    return entry["What"], set(entry["Children"].split()) if entry["Children"] else set()


def _report(folder, *args) -> dict:
    env = {**os.environ, "IRO_INSTANCE_DIR": str(folder), "DATABASE_URL": ""}
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "app", "report", *args, "--format", "json"],
                          cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return {m["id"]: m for m in json.loads(done.stdout)["measures"]}


def _children_of(rows, kind):
    return {(r["council"], r["child"]) for r in rows if r["kind"] == kind}


def test_worklist_csv_is_as_at_the_latest_date_and_agrees_with_the_report(instance):
    _, settings, folder = instance
    latest = store.dataset(settings).latest_date
    response = _client(instance).get("/download/worklist.csv")
    assert response.status_code == 200
    rows = _csv(response)
    assert {"as_at", "kind", "child", "due", "days_overdue", "team", "iro"} <= set(rows[0])
    assert {r["as_at"] for r in rows} == {latest.isoformat()}
    from data.measures.periods import period_ending
    report = _report(folder, "--period", period_ending(latest, "year").label, "--as-at", latest.isoformat(),
                     "--role", "manager")
    assert len(_children_of(rows, "review overdue")) == report["reviews_overdue_now"]["value"]
    assert len(_children_of(rows, "review due")) == report["reviews_due_next_28_days"]["value"]
    assert len(_children_of(rows, "neet check overdue")) == report["neet_checks_overdue"]["numerator"]
    assert all(len(_children_of(rows, kind)) for kind in ("review overdue", "review due", "neet check overdue"))
    what, children = _latest_audit(settings)
    assert what == "download: worklist (CSV)"
    assert children == {f"{r['council']}:{r['child']}" for r in rows}


def test_the_worklist_page_records_exactly_the_young_people_it_lists(instance):
    _, settings, _ = instance
    status, body = _callback(instance, _client(instance), "worklist-content.children", {})
    assert status == 200
    listed = {f"{la}:{child}" for la, child in LINKED.findall(body)}
    assert listed
    what, children = _latest_audit(settings)
    assert what == "worklist page" and children == listed


def test_the_worklist_for_one_team(instance):
    client = _client(instance)
    every = _csv(client.get("/download/worklist.csv"))
    team = sorted({r["team"] for r in every} - {"No team recorded"})[0]
    rows = _csv(client.get(f"/download/worklist.csv?team={team}"))
    assert rows and {r["team"] for r in rows} == {team} and len(rows) < len(every)


def test_the_worklist_is_the_managers_alone(instance):
    for role in ("committee", "director", "admin"):
        client = _client(instance, role)
        assert client.get("/download/worklist.csv").status_code == 403
        assert _callback(instance, client, "worklist-content.children", {})[0] == 403
        assert _latest_audit(instance[1]) == ("refused: worklist page, the role may not see children", set())


def test_a_timeline_is_recorded_and_an_unknown_young_person_refused(instance):
    _, settings, _ = instance
    header = store.dataset(settings).header
    la, child = header["la"].iloc[0], header["child"].iloc[0]
    client = _client(instance)
    status, body = _callback(instance, client, "timeline-content.children",
                             {"url.search": f"?council={la}&child={child}"})
    assert status == 200 and f"Young person {child}" in body and "Care episodes" in body
    assert _latest_audit(settings) == ("timeline page: timeline", {f"{la}:{child}"})
    status, body = _callback(instance, client, "timeline-content.children", {"url.search": "?child=NOONE"})
    assert status == 200 and "no such young person" in body
    assert _latest_audit(settings) == ("refused: timeline page, a young person not in the data", set())
    director = _client(instance, "director")
    assert _callback(instance, director, "timeline-content.children",
                     {"url.search": f"?council={la}&child={child}"})[0] == 403
    assert _latest_audit(settings) == ("refused: timeline page, the role may not see children", set())


def test_child_lists_are_as_at_the_latest_date_unless_a_period_is_chosen(instance):
    _, settings, folder = instance
    latest = store.dataset(settings).latest_date
    client = _client(instance)
    now = _csv(client.get("/download/reviews-due-soon.csv"))
    from data.measures.periods import period_ending
    report = _report(folder, "--period", period_ending(latest, "year").label, "--as-at", latest.isoformat(),
                     "--role", "manager")
    assert len(now) == report["reviews_due_next_28_days"]["value"]
    assert {"Social work team", "IRO"} <= set(now[0])
    status, body = _callback(instance, client, "reviews-content.children", {"view-by.value": "year"})
    assert status == 200 and f"as at {latest:%d/%m/%Y}, the latest data" in body



def test_a_filter_change_keeps_the_view_by_choice_in_the_address(instance):
    """The reviews page's years/quarters/months choice lives in the address beside the filters."""
    status, body = _callback(instance, _client(instance), "url.search",
                             {"filter-period.value": "2025-26", "filter-sex.value": ["Female"],
                              "url.pathname": "/reviews", "url.search": "?period=2025-26&view=quarter"})
    assert status == 200 and "?period=2025-26&sex=Female&view=quarter" in body
