"""The app over real HTTP: pages and assets come from this server, never a CDN."""
from __future__ import annotations

import re

import pytest

from data.ingest.importer import import_paths
from tests.builders import good_council


@pytest.fixture
def client(settings, engine, tmp_path):
    from app import create_app
    import_paths(engine, [good_council(tmp_path / "data")], "999")
    return create_app(settings).server.test_client()


def test_home_page_is_english_and_served_locally(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<html lang="en">' in html
    external = [url for url in re.findall(r'(?:src|href)="([^"]+)"', html) if url.startswith(("http", "//"))]
    assert external == []
    assert "bootstrap-5.3.9.min.css" in html


def test_import_log_callback_returns_the_imports(client):
    body = {"output": "home-imports.children", "outputs": {"id": "home-imports", "property": "children"},
            "inputs": [{"id": "home-refresh", "property": "n_intervals", "value": None}],
            "changedPropIds": [], "state": []}
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "succeeded" in text and "Imports, newest first" in text
