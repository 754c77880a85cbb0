"""The permission matrix: every role (and an anonymous visitor) against every callback and route
the app registers, with the outcome each must get and the permission checks each must ask.

Modelled on Datasette's tests/test_permissions.py and its assert_permissions_checked: a callback
or route that answers without asking `data.permissions.allowed` fails here, and so does a
callback or route added to the app without an entry below."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from data import permissions, store
from data.measures import suppression
from tests.conftest import demo_instance, sign_in

C, D, M, A = "committee", "director", "manager", "admin"
ROLES = (C, D, M, A)
OK, REFUSED, NO_ACCESS = 200, 403, "no access"  # NO_ACCESS: the router's page saying who may open it
PERIOD = "2025-26"


def everyone(outcome=OK):
    return dict.fromkeys(ROLES, outcome)


def only(*roles, others=REFUSED):
    return {role: OK if role in roles else others for role in ROLES}


@dataclass
class CallbackCase:
    callback: str  # the callback's output, as the app registers it (without Dash's "@hash" suffix)
    outcomes: dict
    checks: list  # (action, resource) pairs it must ask (a refusal may stop at the first)
    values: dict = field(default_factory=dict)  # "id.property" -> value, over the defaults below
    outputs: object = None  # for a pattern-matching output, the concrete outputs asked for
    name: str = ""

    @property
    def id(self) -> str:
        return self.name or self.callback


CALLBACKS = [
    CallbackCase("page-content.children", everyone(), [("view-page", "reviews")], {"url.pathname": "/reviews"},
                 name="router: reviews"),
    CallbackCase("page-content.children", everyone(), [("view-page", "neet")],
                 {"url.pathname": "/neet"}, name="router: neet"),
    CallbackCase("page-content.children", only(M, others=NO_ACCESS), [("view-page", "commentary")],
                 {"url.pathname": "/commentary"}, name="router: commentary"),
    CallbackCase("page-content.children", only(A, others=NO_ACCESS), [("view-page", "audit")],
                 {"url.pathname": "/admin/audit-log"}, name="router: audit log"),
    CallbackCase("page-content.children", only(M, others=NO_ACCESS), [("view-page", "worklist")],
                 {"url.pathname": "/worklist"}, name="router: worklist"),
    CallbackCase("page-content.children", only(M, others=NO_ACCESS), [("view-page", "timeline")],
                 {"url.pathname": "/timeline"}, name="router: timeline"),
    CallbackCase("page-content.children", only(M, others=NO_ACCESS), [("view-page", "children")],
                 {"url.pathname": "/children"}, name="router: children behind a figure"),
    CallbackCase("url.search", everyone(), [("view-page", "reviews")], {"url.pathname": "/reviews"}),
    CallbackCase("nav-links", everyone(), [("view-page", "neet"), ("view-page", "upload")]),
    CallbackCase("overview-content.children", everyone(), [("view-page", "overview"), ("see-small-numbers", None)]),
    CallbackCase('{"measure":["ALL"],"type":"overview-sparkline"}.children', everyone(), [("view-page", "overview")],
                 outputs=[{"id": {"type": "overview-sparkline", "measure": "review_timeliness"}, "property": "children"}]),
    CallbackCase("reviews-content.children", everyone(), [("view-page", "reviews"), ("view-children", None)]),
    CallbackCase("participation-content.children", everyone(), [("view-page", "participation")]),
    CallbackCase("placements-content.children", everyone(), [("view-page", "placements")]),
    CallbackCase("escalations-content.children", everyone(), [("view-page", "escalations"), ("view-children", None)]),
    CallbackCase("workload-content.children", everyone(), [("view-page", "workload")]),
    CallbackCase("neet-content.children", everyone(), [("view-page", "neet")]),
    CallbackCase("children-content.children", only(M), [("view-page", "children"), ("view-children", None)],
                 {"url.search": f"?list=in-care-by-sex&group=Female&period={PERIOD}"}),
    CallbackCase("worklist-content.children", only(M), [("view-page", "worklist"), ("view-children", None)]),
    CallbackCase("timeline-content.children", only(M), [("view-page", "timeline"), ("view-children", None)],
                 {"url.search": "?child=TIMELINE_CHILD"}),
    CallbackCase("neet-timeline.children", only(M), [("view-page", "neet"), ("view-children", None)]),
    CallbackCase("councils-content.children", only(D, M, A), [("view-page", "councils")]),
    CallbackCase("quality-content.children", everyone(), [("view-page", "quality"), ("view-children", None)]),
    CallbackCase("quality-rows.children", only(M), [("view-children", None)], {"quality-rule.value": "IRO-no-postcode"}),
    CallbackCase("quality-notice.children", everyone(), [("view-page", "reviews")], {"url.pathname": "/reviews"},
                 name="data quality line: reviews"),
    CallbackCase("upload-progress.children", only(A), [("upload-data", None)]),
    CallbackCase("about-content.children", everyone(), [("view-page", "about")]),
    CallbackCase("page-footer.children", everyone(), [("view-page", "about")]),
    CallbackCase("upload-content.children", only(A), [("upload-data", None)]),
    CallbackCase("audit-content.children", only(A), [("read-audit-log", None)]),
    CallbackCase("..commentary-content.children...commentary-text.value..", only(M), [("write-commentary", None)]),
    CallbackCase("commentary-text.value", only(M), [("write-commentary", None)]),
    CallbackCase("..commentary-message.children...commentary-saved.data..", only(M), [("write-commentary", None)]),
    CallbackCase("page-commentary.children", everyone(), [("view-page", "reviews")], {"url.pathname": "/reviews"},
                 name="commentary under: reviews"),
    CallbackCase("page-commentary.children", everyone(), [("view-page", "neet")], {"url.pathname": "/neet"},
                 name="commentary under: neet"),
    CallbackCase("page-commentary.children", only(M), [("view-page", "commentary")], {"url.pathname": "/commentary"},
                 name="commentary under: commentary"),
]
# Callbacks the browser runs itself: no request reaches the server, so nothing to check there.
CLIENTSIDE = {"nav-collapse.is_open", "title-shown.data", "..filter-panel.is_open...filter-toggle.aria-expanded..",
              "filter-summary.children", "view-address.search"}

DEFAULTS = {"filter-period.value": PERIOD, "url.pathname": "/", "url.search": "", "view-by.value": "year",
            "councils-measure.value": "review_timeliness", "commentary-measure.value": "review_timeliness",
            "commentary-period.value": PERIOD, "commentary-text.value": "A few words on this measure.",
            "upload-files.filename": ["header.csv"], "audit-user.value": "", "audit-child.value": ""}


@dataclass
class RouteCase:
    rule: str
    path: str
    anonymous: int
    outcomes: dict
    checks: list  # empty: the route answers any signed-in viewer alike (no data), see SIGNED_IN_ONLY


# Routes that serve only Dash's own page, scripts and styles, or the sign-in page: the gate decides
# who reaches them (signed in, or anyone); there is no role to check.
SIGNED_IN_ONLY = {"/static/<path:filename>", "/assets/<path:filename>",
                  "/_dash-component-suites/<string:package_name>/<path:fingerprinted_path>", "/_dash-layout",
                  "/_dash-dependencies", "/_reload-hash", "/_favicon.ico", "/", "/<path:path>"}
PUBLIC = {"/sign-in", "/sign-out"}

ROUTES = [
    RouteCase("/static/<path:filename>", "/static/nothing.css", 302, everyone(404), []),
    RouteCase("/assets/<path:filename>", "/assets/app.css", 200, everyone(), []),
    RouteCase("/assets/<path:filename>", "/assets/dropdown-labels.js", 302, everyone(), []),
    RouteCase("/_dash-component-suites/<string:package_name>/<path:fingerprinted_path>", "SCRIPT", 401, everyone(),
              []),
    RouteCase("/_dash-layout", "/_dash-layout", 401, everyone(), []),
    RouteCase("/_dash-dependencies", "/_dash-dependencies", 401, everyone(), []),
    RouteCase("/_dash-update-component", "/_dash-update-component", 401, everyone(400), []),  # GET-free; see CALLBACKS
    RouteCase("/_reload-hash", "/_reload-hash", 401, everyone(), []),
    RouteCase("/_favicon.ico", "/_favicon.ico", 302, everyone(), []),
    RouteCase("/", "/", 302, everyone(), []),
    RouteCase("/<path:path>", "/favicon.ico", 302, everyone(), []),
    RouteCase("/<path:path>", "/admin/audit-log", 302, everyone(), []),
    RouteCase("/download/<slug>.csv", f"/download/reviews-overdue.csv?period={PERIOD}", 302, only(M),
              [("download", "child-list")]),
    RouteCase("/download/worklist.csv", "/download/worklist.csv", 302, only(M), [("download", "child-list")]),
    RouteCase("/download/fix-list/<rule>.csv", "/download/fix-list/IRO-no-postcode.csv", 302, only(M, others=REFUSED),
              [("download", "fix-list")]),
    RouteCase("/admin/audit-log.csv", "/admin/audit-log.csv", 302, only(A), [("download", "audit-log.csv")]),
    RouteCase("/download/pack.pdf", f"/download/pack.pdf?period={PERIOD}", 302, everyone(), [("download", "pack.pdf")]),
    RouteCase("/download/measures.xlsx", f"/download/measures.xlsx?period={PERIOD}", 302, everyone(),
              [("download", "measures.xlsx")]),
    RouteCase("/sign-in", "/sign-in", 200, everyone(), []),
    RouteCase("/sign-out", "/sign-out", 302, everyone(302), []),
]


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    from app import create_app
    settings = demo_instance(tmp_path_factory.mktemp("permissions"), children=60, seed=8)
    return create_app(settings), settings


@pytest.fixture(scope="module")
def clients(instance):
    app, settings = instance
    return {role: sign_in(app.server.test_client(), settings, role) for role in ROLES}


@pytest.fixture(autouse=True)
def quick_pack(monkeypatch):
    """The pack's permission is checked and its content gathered as always; printing it in Chromium
    (seconds, and tested in test_pack.py) is left out of the matrix."""
    from dashboard.pack import build
    monkeypatch.setattr(build, "pack_pdf", lambda pack: b"%PDF-1.7 (printing left out of this test)")


def _registered(app) -> dict[str, dict]:
    return {key.split("@")[0]: spec for key, spec in app.callback_map.items()}


def _key(app, callback: str) -> str:
    if callback == "nav-links":
        return next(k for k in app.callback_map if k.startswith("..nav-worklist.href"))
    return next(k for k in app.callback_map if k.split("@")[0] == callback)


def _body(app, settings, case: CallbackCase) -> dict:
    key = _key(app, case.callback)
    spec = app.callback_map[key]
    child = str(store.dataset(settings).header["child"].iloc[0])
    values = {**DEFAULTS, "neet-grid.selectedRows": [{"child": child}], **case.values}
    if values["url.search"] == "?child=TIMELINE_CHILD":
        values["url.search"] = f"?child={child}"

    def value(item):
        name = f"{item['id']}.{item['property']}"
        if name in values:
            return values[name]
        return [] if item["id"].startswith("filter-") else None

    outputs = spec["output"]
    listed = outputs if isinstance(outputs, list) else [outputs]
    asked = case.outputs or [{"id": o.component_id, "property": o.component_property} for o in listed]
    return {"output": key, "outputs": asked if case.outputs or isinstance(outputs, list) else asked[0],
            "inputs": [{**i, "value": value(i)} for i in spec["inputs"]],
            "state": [{**s, "value": value(s)} for s in spec["state"]], "changedPropIds": []}


def test_m001_every_callback_the_app_registers_has_an_entry(instance):
    app, _ = instance
    server_side = {name for name, spec in _registered(app).items() if "callback" in spec}
    covered = {_key(app, case.callback).split("@")[0] for case in CALLBACKS}
    assert server_side - covered == set(), "callbacks with no entry in the permission matrix"
    assert covered - server_side == set(), "entries for callbacks the app no longer has"
    assert {name for name, spec in _registered(app).items() if "callback" not in spec} == CLIENTSIDE


def test_m002_every_route_the_app_registers_has_an_entry(instance):
    app, _ = instance
    rules = {rule.rule for rule in app.server.url_map.iter_rules()}
    assert rules == {case.rule for case in ROUTES}
    assert rules - SIGNED_IN_ONLY - PUBLIC == {case.rule for case in ROUTES if case.checks} | \
        {"/_dash-update-component"}, "a route that shows data must ask allowed (or be listed as signed-in only)"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CALLBACKS, ids=lambda case: case.id)
def test_m003_callback_outcomes_and_the_checks_they_ask(instance, clients, case, role):
    app, settings = instance
    with permissions.recording() as checks:
        response = clients[role].post("/_dash-update-component", json=_body(app, settings, case))
    text = response.get_data(as_text=True)
    expected = case.outcomes[role]
    if expected == NO_ACCESS:
        assert response.status_code == 200 and "You cannot open" in text, text[:300]
    else:
        assert response.status_code == expected, text[:300]
    assert checks, f"{case.id} answered {role} without asking allowed()"
    asked = {(action, resource) for action, resource, _ in checks}
    missing = [check for check in (case.checks if expected == OK else case.checks[:1]) if check not in asked]
    assert not missing, f"{case.id} did not ask {missing}; it asked {sorted(asked, key=str)}"


@pytest.mark.parametrize("case", CALLBACKS, ids=lambda case: case.id)
def test_m004_callbacks_refuse_anonymous_visitors(instance, case):
    app, settings = instance
    response = app.server.test_client().post("/_dash-update-component", json=_body(app, settings, case))
    assert response.status_code == 401


def _path(app, clients, case: RouteCase) -> str:
    if case.path != "SCRIPT":
        return case.path
    import re
    page = clients[D].get("/").get_data(as_text=True)
    return re.search(r'src="(/_dash-component-suites/[^"]+)"', page).group(1)


@pytest.mark.parametrize("role", ("anonymous",) + ROLES)
@pytest.mark.parametrize("case", ROUTES, ids=lambda case: case.path)
def test_m005_route_outcomes_and_the_checks_they_ask(instance, clients, case, role):
    app, settings = instance
    path = _path(app, clients, case)
    client = app.server.test_client() if role == "anonymous" else clients[role]
    with permissions.recording() as checks:
        response = client.post(path, json={}) if case.rule == "/_dash-update-component" else client.get(path)
    expected = case.anonymous if role == "anonymous" else case.outcomes[role]
    assert response.status_code == expected, response.get_data(as_text=True)[:300]
    if role != "anonymous" and case.checks:
        asked = {(action, resource) for action, resource, _ in checks}
        assert set(case.checks) <= asked, f"{path} asked {asked}"
    if role != "anonymous" and case.rule == "/sign-out":
        clients[role] = sign_in(app.server.test_client(), settings, role)


def test_m006_an_unknown_action_fails_loudly_rather_than_allowing_or_refusing():
    with pytest.raises(permissions.UnknownAction):
        permissions.allowed(permissions.Viewer("x", M), "view-pgae", "neet")


def test_m007_the_suppression_rules_agree_with_the_permission_table():
    """data/measures/suppression.py keeps its own sets for the measures (which import nothing of
    the app): they must say what the permission table says."""
    viewers = {role: permissions.Viewer("x", role) for role in permissions.ROLES}
    assert suppression.ROLES == permissions.ROLES
    assert suppression.SEES_CHILDREN == {r for r, v in viewers.items() if permissions.allowed(v, "view-children")}
    assert suppression.SUPPRESSED_ROLES == {r for r, v in viewers.items()
                                            if not permissions.allowed(v, "see-small-numbers")}
