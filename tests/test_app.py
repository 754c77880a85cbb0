"""The app over real HTTP: pages and assets come from this server, never a CDN."""
from __future__ import annotations

import re

import pytest

from data.ingest.importer import import_paths
from tests.builders import good_council
from tests.conftest import sign_in


@pytest.fixture
def client(settings, engine, tmp_path):
    from app import create_app
    import_paths(engine, [good_council(tmp_path / "data")], "999")
    return sign_in(create_app(settings).server.test_client(), settings)


def test_home_page_is_english_and_served_locally(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<html lang="en">' in html
    external = [url for url in re.findall(r'(?:src|href)="([^"]+)"', html) if url.startswith(("http", "//"))]
    assert external == []
    assert "bootstrap-5.3.9.min.css" in html


def test_data_quality_callback_returns_the_imports(client):
    body = {"output": "quality-content.children", "outputs": {"id": "quality-content", "property": "children"},
            "inputs": [{"id": "url", "property": "pathname", "value": "/data-quality"}],
            "changedPropIds": ["url.pathname"], "state": []}
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "succeeded" in text and "Imports, newest first" in text


def test_overview_callback_over_http_gives_every_rag_measure(client):
    from dashboard.filterbar import FILTER_NAMES
    from dashboard.ids import filter_id
    inputs = [{"id": filter_id(n), "property": "value", "value": "2023-24" if n == "period" else []}
              for n in FILTER_NAMES]
    body = {"output": "overview-content.children", "outputs": {"id": "overview-content", "property": "children"},
            "inputs": inputs, "changedPropIds": [], "state": []}
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Reviews held on time" in text and "IRO caseload: children per full-time IRO" in text


def test_the_councils_own_words_for_children_in_care_are_used(database_url, engine, tmp_path):
    from app import create_app
    from dashboard.filterbar import FILTER_NAMES
    from dashboard.ids import filter_id
    from data.settings import load_settings
    settings = load_settings({"DATABASE_URL": database_url, "IRO_INSTANCE_DIR": str(tmp_path),
                              "IRO_TERM_CHILDREN_IN_CARE": "our children"})
    import_paths(engine, [good_council(tmp_path / "data")], "999")
    client = sign_in(create_app(settings).server.test_client(), settings)
    inputs = [{"id": filter_id(n), "property": "value", "value": "2023-24" if n == "period" else []}
              for n in FILTER_NAMES]
    response = client.post("/_dash-update-component", json={
        "output": "placements-content.children", "outputs": {"id": "placements-content", "property": "children"},
        "inputs": inputs, "changedPropIds": [], "state": []})
    text = response.get_data(as_text=True)
    assert "Our children at the period end" in text and "Children in care at the period end" not in text


def test_every_response_carries_the_security_headers(client):
    for path in ("/", "/reviews", "/_dash-layout", "/assets/app.css", "/no-such-page"):
        headers = client.get(path).headers
        policy = headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "http" not in policy  # no outside origin anywhere
        script_src = next(d for d in policy.split("; ") if d.startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_a_failing_callback_reveals_no_stack_trace_or_data(client, monkeypatch):
    from dashboard.filterbar import FILTER_NAMES
    from dashboard.ids import filter_id
    from dashboard.pages import overview

    def broken(*args):
        raise RuntimeError("secret detail in /app/callbacks/overview.py")
    monkeypatch.setattr(overview, "content", broken)
    inputs = [{"id": filter_id(n), "property": "value", "value": "2023-24" if n == "period" else []}
              for n in FILTER_NAMES]
    body = {"output": "overview-content.children", "outputs": {"id": "overview-content", "property": "children"},
            "inputs": inputs, "changedPropIds": [], "state": []}
    response = client.post("/_dash-update-component", json=body)
    text = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Traceback" not in text and ".py" not in text and "File " not in text and "secret" not in text
    assert not client.application.debug


def test_a_page_whose_content_no_callback_fills_stops_the_app_starting(tmp_path, monkeypatch):
    """Pages are declared once (dashboard/page.py); a page left without its callback would spin for
    ever, so the app refuses to start and names it."""
    import callbacks
    from app import create_app
    from data.settings import load_settings
    monkeypatch.setattr(callbacks, "MODULES", tuple(m for m in callbacks.MODULES if m.__name__ != "callbacks.about"))
    with pytest.raises(RuntimeError, match="page.s. about"):
        create_app(load_settings({"IRO_INSTANCE_DIR": str(tmp_path)}))


def test_a_filter_value_with_a_comma_survives_the_address():
    """"Police protection, EPO or CAO" is one legal status: joined with commas in the address, it
    came back as two values the filter does not offer, and the page refused its own link."""
    from dashboard.filterbar import parse_query, to_query
    values = {"period": "2025-26", "legal_status": ["Police protection, EPO or CAO", "Youth justice"],
              "sex": ["Female"]}
    assert parse_query(to_query(values)) == values
