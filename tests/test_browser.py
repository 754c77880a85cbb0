"""Pages in a real browser (Debian's chromium), on real HTTP."""
from __future__ import annotations


import pytest

from data.ingest.importer import import_paths
from data.settings import PROJECT_ROOT, load_settings
from tests.browser import browser_page, live_server
from tests.builders import good_council

pytestmark = pytest.mark.browser
SCREENSHOTS = PROJECT_ROOT / "screenshots"


@pytest.fixture
def served(tmp_path):
    from data import db
    from app import create_app
    settings = load_settings({"IRO_INSTANCE_DIR": str(tmp_path / "instance")})
    engine = db.get_engine(settings.database_url)
    db.upgrade(engine)
    import_paths(engine, [good_council(tmp_path / "data")], settings.council_code)
    from data import store
    store.dataset(settings)  # read and warmed up before the browser comes, as a running worker has it
    with live_server(create_app(settings).server) as url:
        yield url, settings


def test_b001_small_data_renders_with_no_errors_and_no_outside_requests(served):
    url, settings = served
    with browser_page(base=url, settings=settings) as page:
        page.goto(url + "/data-quality")
        page.get_by_text("Imports, newest first").wait_for(timeout=30000)
        assert page.locator("html").get_attribute("lang") == "en"
        assert "succeeded" in page.locator("table").first.inner_text()
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "test-data-quality.png"), full_page=True)
        assert page.console_errors == []
        assert page.outside_requests == []
