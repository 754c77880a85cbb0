"""The data quality page by rule, managers' rows and fix lists (each recorded in the audit log), the line
on the overview and theme pages, and the upload page's progress, over HTTP."""
from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import update

from data import audit, db, findings
from data.demo import DemoSpec, write_demo
from data.ingest.importer import import_paths
from data.measures.catalogue import MEASURES
from data.rule_measures import LOCAL_ONLY, MEASURE_FIELDS, measures_for
from data.schema import imports
from data.settings import load_settings
from tests.conftest import sign_in

NOTICE = "with data problems that can change these figures"


@pytest.fixture(scope="module")
def instance(tmp_path_factory, dfe):
    from app import create_app
    folder = tmp_path_factory.mktemp("quality")
    settings = load_settings({"IRO_INSTANCE_DIR": str(folder)})
    engine = db.get_engine(settings.database_url)
    db.upgrade(engine)
    write_demo(DemoSpec(children=60, seed=4), folder / "demo")
    result = import_paths(engine, [folder / "demo"], settings.council_code, dfe=dfe)
    assert result.validation.status == "done"
    return create_app(settings), settings


def _client(instance, role):
    app, settings = instance
    return sign_in(app.server.test_client(), settings, role)


def _post(client, output: str, input_id: str, prop: str, value):
    target, target_prop = output.split(".")
    response = client.post("/_dash-update-component", json={
        "output": output, "outputs": {"id": target, "property": target_prop},
        "inputs": [{"id": input_id, "property": prop, "value": value}],
        "changedPropIds": [f"{input_id}.{prop}"], "state": []})
    return response.status_code, response.get_data(as_text=True)


def _page(client):
    return _post(client, "quality-content.children", "url", "pathname", "/data-quality")[1]


def _children(settings) -> set[str]:
    from data import store
    return set(store.dataset(settings).header["child"])


def _summary(settings):
    return findings.by_rule(settings, findings.latest_import_id(settings))


def test_q001_every_role_sees_the_rules_that_fired_with_what_they_can_change_and_no_child(instance):
    _, settings = instance
    summary = _summary(settings)
    assert "392c" in set(summary["rule"]) and any(r.startswith("IRO-") for r in summary["rule"])
    for role in ("committee", "director", "admin"):
        text = _page(_client(instance, role))
        assert "Rules that fired in import" in text and "392c" in text and "Placed more than 20 miles" in text
        assert not {t for t in re.findall(r"\b\d{6,7}\b", text) if t in _children(settings)}, role
        assert "quality-rule" not in text


def test_q002_a_manager_drills_to_a_rules_rows_and_the_view_is_recorded(instance):
    _, settings = instance
    manager = _client(instance, "manager")
    assert "quality-rule" in _page(manager)
    rule = _summary(settings)["rule"].iloc[0]
    status, text = _post(manager, "quality-rows.children", "quality-rule", "value", rule)
    sent = {t for t in re.findall(r"\b\d{6,7}\b", text) if t in _children(settings)}
    assert status == 200 and sent and f"/download/fix-list/{rule}.csv" in text.replace("\\u002f", "/")
    entry = audit.entries(settings, "test-manager").iloc[0]
    assert entry["What"].startswith(f"data quality page: rows of rule {rule}")
    assert {c.split(":")[1] for c in entry["Children"].split()} == sent
    for role in ("committee", "director", "admin"):
        status, text = _post(_client(instance, role), "quality-rows.children", "quality-rule", "value", rule)
        assert not {t for t in re.findall(r"\b\d{6,7}\b", text) if t in _children(settings)}, role


def test_q003_the_fix_list_holds_every_row_of_the_rule_for_managers_only_and_is_recorded(instance):
    _, settings = instance
    summary = _summary(settings)
    rule, rows = summary["rule"].iloc[0], int(summary["rows"].iloc[0])
    response = _client(instance, "manager").get(f"/download/fix-list/{rule}.csv")
    lines = response.get_data(as_text=True).splitlines()
    assert response.status_code == 200 and len(lines) == rows + 1
    assert lines[0].startswith("rule,message,table,child,key_date,row")
    assert audit.entries(settings, "test-manager").iloc[0]["What"].startswith(f"download: fix list for rule {rule}")
    for role in ("committee", "director", "admin"):
        assert _client(instance, role).get(f"/download/fix-list/{rule}.csv").status_code == 403


@pytest.mark.parametrize("path, shown", [("/", True), ("/reviews", True), ("/placements", True),
                                         ("/escalations", False), ("/data-quality", False)])
def test_q004_the_overview_and_theme_pages_say_when_rules_affecting_them_fired(instance, path, shown):
    status, text = _post(_client(instance, "committee"), "quality-notice.children", "url", "pathname", path)
    assert status == 200 and (NOTICE in text) == shown


def test_q005_a_rule_changes_the_measures_that_read_its_fields():
    assert {"review_timeliness", "cla_count", "stability_3plus_placements"} <= set(measures_for(["DECOM"]))
    assert measures_for(["REVIEW_CODE"]) == ["review_participation"]
    assert measures_for(["PL_LA"]) == ["placed_over_20_miles", "placed_outside_la"]
    assert measures_for(["ETHNIC"]) == [] and measures_for(["CHILD"]) == []
    catalogue = {m.id for m in MEASURES}
    assert set(MEASURE_FIELDS) <= catalogue and catalogue == set(MEASURE_FIELDS) | LOCAL_ONLY


def test_q006_the_upload_page_shows_a_running_validations_progress_to_admins(instance):
    app, settings = instance
    admin = _client(instance, "admin")
    idle = _post(admin, "upload-progress.children", "upload-poll", "n_intervals", 1)[1]
    assert "Reading and importing" in idle
    engine = db.get_engine(settings.database_url)
    latest = findings.latest_import_id(settings)
    with engine.begin() as connection:
        before = connection.execute(imports.select().where(imports.c.id == latest)).first()
        connection.execute(update(imports).where(imports.c.id == latest).values(
            user_name="test-admin", validation=json.dumps({"status": "running", "rows": 1234, "run": 1, "runs": 2,
                                                           "rule": 5, "rules": 293, "seconds": 7})))
    try:
        running = _post(admin, "upload-progress.children", "upload-poll", "n_intervals", 2)[1]
        assert "1,234 rows, return 1 of 2, rule 5 of 293, 7 s" in running
        assert "rule 5" not in _post(_client(instance, "committee"), "upload-progress.children", "upload-poll",
                                     "n_intervals", 3)[1]
    finally:
        with engine.begin() as connection:
            connection.execute(update(imports).where(imports.c.id == latest).values(
                user_name=before.user_name, validation=before.validation))
