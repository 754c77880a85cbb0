"""Bounded inputs: what a callback or route is sent must be something the page offers. Anything
else gets a 4xx within a second, with a short body that does not repeat what was sent, never a
500. Sent over HTTP as a script would, not through the filter bar."""
from __future__ import annotations

import time

import pytest

from dashboard.filterbar import FILTER_NAMES
from dashboard.ids import filter_id
from tests.conftest import demo_instance, sign_in

PERIOD = "2025-26"
MADE_UP = [f"made-up-{n}" for n in range(10_000)]
ONE_MB = "9" * (1024 * 1024)
PAGES = ["overview", "reviews", "participation", "placements", "escalations", "workload", "neet", "councils"]


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    from app import create_app
    from data import store
    settings = demo_instance(tmp_path_factory.mktemp("inputs"), children=60, seed=11)
    store.dataset(settings)  # read and warmed up once, as a running worker has it: the timings are the refusal's
    return create_app(settings), settings


@pytest.fixture(scope="module")
def manager(instance):
    return sign_in(instance[0].server.test_client(), instance[1], "manager")


@pytest.fixture(scope="module")
def admin(instance):
    return sign_in(instance[0].server.test_client(), instance[1], "admin")


def _filters(**values):
    return [{"id": filter_id(n), "property": "value", "value": values.get(n, PERIOD if n == "period" else [])}
            for n in FILTER_NAMES]


def _page_callback(client, page: str, filters: list):
    extra = {"reviews": [{"id": "view-by", "property": "value", "value": "year"}],
             "councils": [{"id": "councils-measure", "property": "value", "value": "review_timeliness"}]}
    return _post(client, {"output": f"{page}-content.children",
                          "outputs": {"id": f"{page}-content", "property": "children"},
                          "inputs": filters + extra.get(page, []), "changedPropIds": [], "state": []})


def _post(client, body):
    return _best_of_three(lambda: client.post("/_dash-update-component", json=body))


def _best_of_three(send):
    """The answer and its quickest time of three: a loaded test machine may stall any one request,
    and a refusal changes nothing, so it can be sent again."""
    timed = []
    for _ in range(3):
        started = time.perf_counter()
        response = send()
        timed.append((time.perf_counter() - started, response))
    seconds, response = min(timed, key=lambda pair: pair[0])
    return response, seconds


def _assert_refused(answer, *sent: str):
    response, seconds = answer
    body = response.get_data(as_text=True)
    assert 400 <= response.status_code < 500, (response.status_code, body[:300])
    assert seconds < 1, f"took {seconds:.2f} s"
    assert len(response.get_data()) < 10 * 1024, f"{len(response.get_data())} bytes back"
    for value in sent:
        assert value[:40] not in body, "the refused value was repeated back"
    return body


ATTACKS = {
    "8 filters of 10,000 made-up values": {n: MADE_UP for n in FILTER_NAMES if n not in ("period", "council")},
    "40,000 made-up values": {"team": MADE_UP * 4},
    "a 1 MB period": {"period": ONE_MB},
    "period 9999-00": {"period": "9999-00"},
    "period 0001-02": {"period": "0001-02"},
    "a month the filter bar does not offer": {"period": "2025-01"},
    "a period as an object": {"period": {"not": "a period"}},
    "one unknown team": {"team": ["Nowhere"]},
    "a known sex twice as often as offered": {"sex": ["Female"] * 10},
    "a value as a number": {"uasc": [1]},
    "a filter as text, not a list": {"sex": "Female"},
}


@pytest.mark.parametrize("attack", list(ATTACKS))
@pytest.mark.parametrize("page", PAGES)
def test_i001_every_page_callback_refuses_filter_values_the_bar_does_not_offer(manager, page, attack):
    values = ATTACKS[attack]
    body = _assert_refused(_page_callback(manager, page, _filters(**values)),
                           *[v for v in values.values() if isinstance(v, str)], "made-up-1", "Nowhere")
    assert "filter" in body or "period" in body


def test_i002_the_same_callbacks_answer_values_the_bar_offers(manager, instance):
    from callbacks.scope import options_for
    from data import store
    options = options_for(store.dataset(instance[1]))
    offered = {name: [v for v, _ in options.choices[name]] for name in ("sex", "age_band", "team")}
    quarter = next(v for v, _ in options.periods if "Q" in v)
    for page in PAGES:
        response, _ = _page_callback(manager, page, _filters(period=quarter, **offered))
        assert response.status_code == 200, (page, response.get_data(as_text=True)[:300])


@pytest.mark.parametrize("search", ["?period=" + ONE_MB, "?team=" + ",".join(MADE_UP[:400])])
def test_i003_an_address_longer_than_the_filter_bar_makes_is_refused(manager, search):
    _assert_refused(_post(manager, {"output": "page-content.children",
                                    "outputs": {"id": "page-content", "property": "children"},
                                    "inputs": [{"id": "url", "property": "pathname", "value": "/reviews"}],
                                    "state": [{"id": "url", "property": "search", "value": search}],
                                    "changedPropIds": []}), "made-up-1", "99999")


def test_i004_an_old_bookmark_opens_a_page_that_says_so(manager):
    response, _ = _post(manager, {"output": "page-content.children",
                                  "outputs": {"id": "page-content", "property": "children"},
                                  "inputs": [{"id": "url", "property": "pathname", "value": "/reviews"}],
                                  "state": [{"id": "url", "property": "search", "value": "?period=2009-10&team=Gone"}],
                                  "changedPropIds": []})
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "does not offer now" in text and "Gone" not in text


def test_i005_links_and_the_address_refuse_what_the_bar_does_not_offer(instance, manager):
    nav_key = next(k for k in instance[0].callback_map if k.startswith("..nav-worklist.href"))
    nav_outputs = [{"id": o.component_id, "property": o.component_property} for o in
                   instance[0].callback_map[nav_key]["output"]]
    _assert_refused(_post(manager, {"output": nav_key, "outputs": nav_outputs, "changedPropIds": [], "state": [],
                                    "inputs": [{"id": "url", "property": "search", "value": "?period=" + ONE_MB}]}))
    _assert_refused(_post(manager, {"output": "url.search", "outputs": {"id": "url", "property": "search"},
                                    "inputs": _filters(period="9999-00"), "changedPropIds": [],
                                    "state": [{"id": "url", "property": "pathname", "value": "/reviews"}]}), "9999-00")


@pytest.mark.parametrize("path", [f"/download/pack.pdf?period={ONE_MB[:3000]}", "/download/measures.xlsx?period=9999-00",
                                  "/download/reviews-overdue.csv?team=Nowhere", "/download/neet.csv?period=0001-02",
                                  "/download/measures.xlsx?" + "x" * 5000])
def test_i006_downloads_refuse_what_the_bar_does_not_offer(manager, path):
    _assert_refused(_best_of_three(lambda: manager.get(path)), "Nowhere", "9999-00", "0001-02")


def _single(output: str, inputs: list, state=(), outputs=None):
    component, prop = output.split(".")
    return {"output": output, "outputs": outputs or {"id": component, "property": prop}, "inputs": inputs,
            "state": list(state), "changedPropIds": []}


def test_i007_the_other_inputs_are_checked_against_what_their_page_offers(instance, manager, admin):
    audit = [{"id": "audit-user", "property": "value", "value": "x" * 5000},
             {"id": "audit-child", "property": "value", "value": ""}]
    _assert_refused(_post(admin, _single("audit-content.children", audit)), "xxxxxxxx")
    reviews = _filters() + [{"id": "view-by", "property": "value", "value": "decade"}]
    _assert_refused(_post(manager, _single("reviews-content.children", reviews)), "decade")
    councils = _filters() + [{"id": "councils-measure", "property": "value", "value": "salaries"}]
    _assert_refused(_post(manager, _single("councils-content.children", councils)), "salaries")
    timeline = [{"id": "neet-grid", "property": "selectedRows", "value": [{"child": "not-a-child"}]}]
    _assert_refused(_post(manager, _single("neet-timeline.children", timeline)), "not-a-child")
    many = [{"id": "neet-grid", "property": "selectedRows", "value": [{"child": "1"}] * 5000}]
    _assert_refused(_post(manager, _single("neet-timeline.children", many)))
    comment = [{"id": "commentary-measure", "property": "value", "value": "review_timeliness"},
               {"id": "commentary-period", "property": "value", "value": "9999-00"},
               {"id": "commentary-saved", "property": "data", "value": None}]
    key = "..commentary-content.children...commentary-text.value.."
    _assert_refused(_post(manager, {"output": key, "outputs": [{"id": "commentary-content", "property": "children"},
                                                               {"id": "commentary-text", "property": "value"}],
                                    "inputs": comment, "state": [], "changedPropIds": []}), "9999-00")
    under = [{"id": "url", "property": "pathname", "value": "/reviews"},
             {"id": "filter-period", "property": "value", "value": ONE_MB}]
    _assert_refused(_post(manager, _single("page-commentary.children", under)))
    names = [{"id": "upload-files", "property": "filename", "value": ["f.csv"] * 1000},
             {"id": "upload-import", "property": "n_clicks", "value": None}]
    state = [{"id": "upload-files", "property": "contents", "value": None},
             {"id": "upload-year", "property": "value", "value": None}]
    _assert_refused(_post(admin, _single("upload-content.children", names, state)))


def test_i008_trends_are_given_only_for_the_tiles_the_overview_shows(manager):
    key = '{"measure":["ALL"],"type":"overview-sparkline"}.children'
    outputs = [{"id": {"type": "overview-sparkline", "measure": "review_timeliness"}, "property": "children"}] * 5000
    _assert_refused(_post(manager, {"output": key, "outputs": outputs, "inputs": _filters(), "state": [],
                                    "changedPropIds": []}))
    unknown = [{"id": {"type": "overview-sparkline", "measure": "salaries"}, "property": "children"}]
    _assert_refused(_post(manager, {"output": key, "outputs": unknown, "inputs": _filters(), "state": [],
                                    "changedPropIds": []}), "salaries")


@pytest.mark.parametrize("body", [
    {"output": ONE_MB}, {"output": "no-such.children"}, {"output": "nav-collapse.is_open"}, ["not", "an", "object"],
    {"output": "workload-content.children", "inputs": "x"},
    {"output": "workload-content.children", "outputs": {"id": "workload-content", "property": "children"},
     "inputs": _filters()[:3], "state": []},
    {"output": "workload-content.children", "outputs": {"id": "workload-content", "property": "style"},
     "inputs": _filters(), "state": []},
    {"output": "workload-content.children", "outputs": {"id": "workload-content", "property": "children"},
     "inputs": _filters() + _filters(), "state": []}])
def test_i009_a_request_for_no_callback_of_this_app_is_refused(manager, body):
    _assert_refused(_post(manager, body), "99999999", "no-such")


def test_i010_a_request_as_dash_sends_it_with_no_state_is_accepted(manager):
    """Dash's front end leaves "state" out when a callback has none (seen in the browser tests)."""
    response, _ = _post(manager, {"output": "about-content.children",
                                  "outputs": {"id": "about-content", "property": "children"},
                                  "inputs": [{"id": "url", "property": "pathname", "value": "/about"}],
                                  "changedPropIds": [], "parsedChangedPropsIds": []})
    assert response.status_code == 200
