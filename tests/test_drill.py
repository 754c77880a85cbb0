"""Drill-through: the children behind every bar or row of a breakdown a manager can open are
exactly as many as the figure it came from; over HTTP, each list is recorded as sent and refused
to every other role."""
from __future__ import annotations

import pytest

from data import audit, store
from data.measures.context import make_context
from data.measures.drill import DRILLS, rows_behind
from data.measures.periods import parse_period
from data.measures.report import Scope, measure
from data.measures.filters import Filters
from tests.conftest import demo_instance, sign_in
from tests.test_worklist_http import LINKED, _callback, _latest_audit

PERIOD = "2025-26"


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    from app import create_app
    folder = tmp_path_factory.mktemp("drill")
    settings = demo_instance(folder, children=150, seed=4)
    return create_app(settings), settings, folder


def _breakdown(settings, data, drill, scope):
    result = measure(data, drill.measure_id, scope, settings.measure_rules, settings.council)
    return result.extras[drill.breakdown] if drill.breakdown else result.breakdown


@pytest.mark.parametrize("filters", [Filters(), Filters(sex=("Female",))], ids=["everyone", "girls"])
def test_every_group_of_every_drill_lists_as_many_as_its_figure(instance, filters):
    _, settings, _ = instance
    data = store.dataset(settings)
    scope = Scope(parse_period(PERIOD), None, filters)
    context = make_context(data, scope.period, settings.measure_rules, settings.council, None, filters)
    checked = 0
    for drill in DRILLS.values():
        breakdown = _breakdown(settings, data, drill, scope)
        for row in breakdown.itertuples():
            rows = rows_behind(context, drill, str(row.group))
            expected = int(getattr(row, drill.figure))
            assert (0 if rows is None else len(rows)) == expected, (drill.slug, row.group)
            if drill.flag and rows is not None:
                assert int(rows[drill.flag].sum()) == int(row.numerator), (drill.slug, row.group)
            checked += 1
    assert checked > 40


def test_a_drill_is_recorded_with_exactly_the_children_listed(instance):
    app, settings, _ = instance
    manager = sign_in(app.server.test_client(), settings, "manager")
    status, body = _callback(instance, manager, "children-content.children",
                             {"url.search": f"?list=reviews-by-team&group=North&period={PERIOD}&sex=Female"})
    assert status == 200 and "Reviews held, by social work team: North" in body
    listed = {f"{la}:{child}" for la, child in LINKED.findall(body)}
    assert listed
    what, children = _latest_audit(settings)
    assert what == "children behind a figure: Reviews held, by social work team, North" and children == listed


def test_a_drill_refuses_other_roles_unknown_lists_and_empty_groups(instance):
    app, settings, _ = instance
    for role in ("committee", "director", "admin"):
        client = sign_in(app.server.test_client(), settings, role)
        assert _callback(instance, client, "children-content.children",
                         {"url.search": f"?list=in-care-by-sex&group=Female&period={PERIOD}"})[0] == 403
        assert _latest_audit(settings)[1] == set()
    manager = sign_in(app.server.test_client(), settings, "manager")
    assert _callback(instance, manager, "children-content.children", {"url.search": "?list=everyone&group=x"})[0] == 400
    status, body = _callback(instance, manager, "children-content.children",
                             {"url.search": f"?list=in-care-by-sex&group=Nobody&period={PERIOD}"})
    assert status == 200 and "No one is counted in that group" in body
    assert audit.entries(settings, limit=1).iloc[0]["Number of children"] == 0


def test_breakdown_tables_link_to_their_drills_for_managers_only(instance):
    app, settings, _ = instance
    values = {"filter-period.value": PERIOD}
    manager = sign_in(app.server.test_client(), settings, "manager")
    body = _callback(instance, manager, "placements-content.children", values)[1]
    assert "/children?list=in-care-by-placement-group" in body
    director = sign_in(app.server.test_client(), settings, "director")
    assert "/children?" not in _callback(instance, director, "placements-content.children", values)[1]
