"""Sign-in and what each role gets, directly over HTTP (Flask's test client)."""
from __future__ import annotations

import re

import pytest

from data import users
from dashboard.filterbar import FILTER_NAMES
from dashboard.ids import filter_id
from tests.conftest import TEST_PASSWORD, demo_instance, sign_in


@pytest.fixture(scope="module")
def app_settings(tmp_path_factory):
    from app import create_app
    settings = demo_instance(tmp_path_factory.mktemp("access"), children=150, seed=9)
    return create_app(settings), settings


def _client(app_settings, role=None):
    app, settings = app_settings
    client = app.server.test_client()
    return sign_in(client, settings, role) if role else client


def _callback(client, page: str):
    inputs = [{"id": filter_id(n), "property": "value", "value": "2025-26" if n == "period" else []}
              for n in FILTER_NAMES]
    if page == "reviews":
        inputs.append({"id": "view-by", "property": "value", "value": "year"})
    return client.post("/_dash-update-component", json={
        "output": f"{page}-content.children", "outputs": {"id": f"{page}-content", "property": "children"},
        "inputs": inputs, "changedPropIds": [], "state": []})


def _child_ids(settings) -> set[str]:
    from data import store
    return set(store.dataset(settings).header["child"])


@pytest.mark.parametrize("path, status", [("/", 302), ("/neet", 302), ("/_dash-layout", 401),
                                          ("/_dash-dependencies", 401), ("/sign-in", 200),
                                          ("/assets/app.css", 200), ("/assets/dropdown-labels.js", 302)])
def test_a001_nothing_but_the_sign_in_page_before_signing_in(app_settings, path, status):
    assert _client(app_settings).get(path).status_code == status


def test_a002_callbacks_refuse_a_visitor_who_has_not_signed_in(app_settings):
    response = _callback(_client(app_settings), "neet")
    assert response.status_code == 401 and b"child" not in response.data


def test_a003_sign_in_page_says_it_is_a_demo(app_settings):
    text = _client(app_settings).get("/sign-in").get_data(as_text=True)
    assert "This is a demonstration" in text and '<html lang="en">' in text


@pytest.mark.parametrize("page", ["reviews", "escalations", "neet", "overview", "placements"])
def test_a004_committee_and_director_never_receive_a_child_id(app_settings, page):
    _, settings = app_settings
    ids = _child_ids(settings)
    for role in ("committee", "director"):
        text = _callback(_client(app_settings, role), page).get_data(as_text=True)
        found = {token for token in re.findall(r"\b\d{6,7}\b", text) if token in ids}
        assert not found, (role, page, sorted(found)[:5])


def test_a005_committee_gets_the_neet_figures_without_the_young_people(app_settings):
    response = _callback(_client(app_settings, "committee"), "neet")
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "Care leavers" in text
    assert "Young people who are NEET, as at" not in text and "neet-grid" not in text



def test_a006_manager_sees_the_children_behind_the_numbers(app_settings):
    _, settings = app_settings
    text = _callback(_client(app_settings, "manager"), "reviews").get_data(as_text=True)
    assert any(token in _child_ids(settings) for token in re.findall(r"\b\d{6,7}\b", text))


def test_a007_committee_never_receives_a_count_from_1_to_4_in_tiles(app_settings):
    text = _callback(_client(app_settings, "committee"), "overview").get_data(as_text=True)
    counts = re.findall(r"(\d[\d,]*) of (\d[\d,]*)", text)
    assert counts
    for numerator, denominator in counts:
        for value in (int(numerator.replace(",", "")), int(denominator.replace(",", ""))):
            assert value == 0 or value > 4


@pytest.mark.parametrize("name, password", [("x" * 5000, "y"), ("demo-manager", "p" * 5000), ("", ""),
                                            ("nobody", "demo-manager-password")])
def test_a009_hostile_or_wrong_sign_in_is_refused_clearly(app_settings, name, password):
    app, settings = app_settings
    client = app.server.test_client()
    before = len(users.listing(settings))
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/sign-in").get_data(as_text=True)).group(1)
    response = client.post("/sign-in", data={"csrf": token, "name": name, "password": password})
    assert response.status_code == 401 and "do not match" in response.get_data(as_text=True)
    assert len(users.listing(settings)) == before


def test_a010_a_forged_sign_in_without_the_form_token_is_refused(app_settings):
    client = _client(app_settings)
    response = client.post("/sign-in", data={"name": "demo-manager", "password": "demo-manager-password"})
    assert response.status_code == 400


def test_a011_a_disabled_account_is_refused_at_its_next_request(app_settings):
    app, settings = app_settings
    users.add(settings, "leaver", TEST_PASSWORD, "manager")
    client = app.server.test_client()
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/sign-in").get_data(as_text=True)).group(1)
    client.post("/sign-in", data={"csrf": token, "name": "leaver", "password": TEST_PASSWORD})
    client.get("/")
    client.environ_base["HTTP_X_CSRFTOKEN"] = client.get_cookie("_csrf_token").value
    assert _callback(client, "workload").status_code == 200
    users.disable(settings, "leaver")
    assert _callback(client, "workload").status_code == 401


def test_a012_session_cookie_is_http_only_and_same_site(app_settings):
    cookie = _client(app_settings).get("/sign-in").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a013_sign_out_ends_the_session(app_settings):
    client = _client(app_settings, "director")
    assert client.get("/").status_code == 200
    client.get("/sign-out")
    assert client.get("/").status_code == 302


def test_a014_a_callback_post_without_the_token_header_is_refused(app_settings):
    client = _client(app_settings, "manager")
    assert _callback(client, "workload").status_code == 200
    forged = dict(client.environ_base)
    client.environ_base.pop("HTTP_X_CSRFTOKEN")
    response = _callback(client, "workload")
    assert response.status_code == 400 and b"IRO" not in response.data
    client.environ_base["HTTP_X_CSRFTOKEN"] = "not-the-token"
    assert _callback(client, "workload").status_code == 400
    client.environ_base.update(forged)


def test_a015_the_token_cookie_is_for_this_site_only(app_settings):
    app, settings = app_settings
    client = app.server.test_client()
    sign_in(client, settings, "director")
    cookie = client.get_cookie("_csrf_token")
    assert cookie is not None and cookie.same_site == "Strict"


COUNT_COLUMNS = {"Number", "Out of"}


def _tables(node):
    """Every html.Table in a callback's JSON answer, as (headers, rows of cell texts)."""
    if isinstance(node, list):
        for item in node:
            yield from _tables(item)
    elif isinstance(node, dict):
        if node.get("type") == "Table" and node.get("namespace") == "dash_html_components":
            yield _table_cells(node)
        for value in node.values():
            yield from _tables(value)


def _texts(node) -> str:
    if isinstance(node, (str, int, float)):
        return str(node)
    if isinstance(node, list):
        return "".join(_texts(n) for n in node)
    if isinstance(node, dict):
        return _texts(node.get("props", {}).get("children", ""))
    return ""


def _table_cells(table):
    head, body = None, []
    for part in table["props"]["children"]:
        kind = part.get("type") if isinstance(part, dict) else None
        if kind == "Thead":
            head = [_texts(th) for th in part["props"]["children"]["props"]["children"]]
        elif kind == "Tbody":
            body = [[_texts(td) for td in tr["props"]["children"]] for tr in part["props"]["children"]]
    return head or [], body


def _csv_downloads(text: str):
    import csv
    import io
    import urllib.parse
    for encoded in re.findall(r'"data:text/csv;charset=utf-8,([^"]*)"', text):
        rows = list(csv.reader(io.StringIO(urllib.parse.unquote(encoded))))
        yield rows[0], rows[1:]


@pytest.mark.parametrize("page", ["overview", "reviews", "participation", "placements", "escalations", "workload"])
def test_a016_committee_tables_and_csv_downloads_hold_no_count_from_1_to_4(app_settings, page):
    response = _callback(_client(app_settings, "committee"), page)
    text = response.get_data(as_text=True)
    tables = list(_tables(response.get_json())) + list(_csv_downloads(text))
    checked = 0
    for head, rows in tables:
        for row in rows:
            for column, cell in zip(head, row):
                if column in COUNT_COLUMNS:
                    checked += 1
                    assert cell.replace(",", "").strip() not in {"1", "2", "3", "4", "1.0", "2.0", "3.0", "4.0"}, \
                        (page, head, row)
    assert checked > 0 or page in ("overview", "workload")


def test_a017_the_same_tables_for_a_director_do_hold_small_counts(app_settings):
    """The check above can fail: unsuppressed, these pages do show counts from 1 to 4."""
    found = 0
    for page in ("participation", "placements", "escalations"):
        response = _callback(_client(app_settings, "director"), page)
        for head, rows in list(_tables(response.get_json())) + list(_csv_downloads(response.get_data(as_text=True))):
            found += sum(1 for row in rows for column, cell in zip(head, row)
                         if column in COUNT_COLUMNS and cell.replace(",", "").strip() in {"1", "2", "3", "4"})
    assert found > 0


def test_a018_a_long_list_shows_its_first_rows_and_the_view_records_only_those(app_settings, monkeypatch):
    """At the size of England a list runs to thousands: the page lists the first PAGE_ROWS (most
    overdue first), says how many there are, offers them all as a download, and the audit log
    names exactly the children sent."""
    from data import audit
    from dashboard import child_lists
    _, settings = app_settings
    monkeypatch.setattr(child_lists, "PAGE_ROWS", 2)
    text = _callback(_client(app_settings, "manager"), "reviews").get_data(as_text=True)
    totals = [int(n.replace(",", "")) for n in re.findall(r"\(([\d,]+); the first 2 are listed here\)", text)]
    assert totals and all(total > 2 for total in totals), "the demo council should have a list longer than 2"
    assert all(f"Download all {total:,} (CSV)" in text for total in totals)
    logged = audit.entries(settings, limit=1).iloc[0]
    assert logged["What"].startswith("reviews page")
    assert 1 <= logged["Number of children"] <= 4, "only the children listed (two from each list) are recorded"
    assert all(child.split(":")[1] in text for child in logged["Children"].split())


def _callback_with(client, page: str, **values):
    inputs = [{"id": filter_id(n), "property": "value", "value": values.get(n, "2025-26" if n == "period" else [])}
              for n in FILTER_NAMES]
    if page == "reviews":
        inputs.append({"id": "view-by", "property": "value", "value": values.get("view_by", "year")})
    return client.post("/_dash-update-component", json={
        "output": f"{page}-content.children", "outputs": {"id": f"{page}-content", "property": "children"},
        "inputs": inputs, "changedPropIds": [], "state": []})


@pytest.mark.parametrize("page, values", [
    ("overview", {"sex": ["Female"]}), ("reviews", {"legal_status": ["Youth justice", "Full care order"]}),
    ("placements", {"age_band": ["16-17"], "sex": ["Male"]}), ("reviews", {"view_by": "month"}),
    ("escalations", {"placement_group": ["Residential"]}), ("participation", {"period": "2025-26 Q2", "uasc": ["Yes"]})])
def test_a021_committee_requests_outside_its_view_are_refused_with_the_reason(app_settings, page, values):
    committee = _client(app_settings, "committee")
    response = _callback_with(committee, page, **values)
    assert response.status_code == 200
    text = _texts(response.get_json()["response"][f"{page}-content"]["children"])
    assert "not part of the committee's view" in text and "whole council's figures" in text
    assert not list(_tables(response.get_json())), "a refusal, not a narrowed or widened answer"
    director = _callback_with(_client(app_settings, "director"), page, **values)
    assert "not part of the committee's view" not in director.get_data(as_text=True)


def test_a022_committee_downloads_outside_its_view_are_refused(app_settings):
    committee = _client(app_settings, "committee")
    for path in ("/download/measures.xlsx?period=2025-26&sex=Female", "/download/pack.pdf?period=2025-26&age_band=16-17"):
        response = committee.get(path)
        assert response.status_code == 403 and "committee's view" in response.get_data(as_text=True), path
    assert committee.get("/download/measures.xlsx?period=2025-26").status_code == 200
ANONYMOUS_PATHS = ["/favicon.ico", "/_favicon.ico", "/", "/reviews", "/admin/audit-log", "/no-such-page",
                   "/assets/dropdown-labels.js", "/assets/nav-toggle.js", "/static/anything", "/_dash-layout",
                   "/_dash-dependencies", "/_reload-hash", "/_dash-component-suites/dash/dash-renderer/build/x.js",
                   "/download/pack.pdf", "/download/reviews-overdue.csv", "/admin/audit-log.csv", "/robots.txt"]


@pytest.mark.parametrize("method", ["GET", "HEAD", "POST", "OPTIONS"])
@pytest.mark.parametrize("path", ANONYMOUS_PATHS)
def test_a019_an_anonymous_visitor_learns_nothing_on_any_path(app_settings, path, method):
    """No Dash index, no versions, no council: a redirect to sign in, or 401, whatever the path."""
    import dash
    import plotly
    app, settings = app_settings
    response = _client(app_settings).open(path, method=method)
    assert response.status_code in (302, 401), (path, method, response.status_code)
    said = (response.get_data(as_text=True) + str(response.headers)).lower()
    for secret in ("dash", "plotly", "python", dash.__version__, plotly.__version__, settings.council_name.lower()):
        assert secret not in said, (path, method, secret)


def test_a020_the_sign_in_page_and_its_stylesheets_name_no_software(app_settings):
    import dash
    for path in ("/sign-in", "/assets/app.css", "/assets/vendor/bootstrap-5.3.9.min.css"):
        said = _client(app_settings).get(path).get_data(as_text=True).lower()
        assert "plotly" not in said and "_dash" not in said and dash.__version__ not in said, path
