"""A live server in a thread and Debian's chromium through Playwright, for browser tests.

Playwright never downloads a browser here: it is pointed at the system's chromium. Without
chromium the browser tests are skipped with the reason, unless REQUIRE_BROWSER=1 (CI)."""
from __future__ import annotations

import os
import shutil
import threading
from contextlib import contextmanager

import pytest
from werkzeug.serving import make_server

CHROMIUM_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        message = "Debian's chromium is not installed (apt-get install chromium chromium-driver)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (REQUIRE_BROWSER=1)")
        pytest.skip(message)
    return path


@contextmanager
def live_server(flask_app):
    server = make_server("127.0.0.1", 0, flask_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.shutdown()


@contextmanager
def browser_page(width=1366, height=768, base: str | None = None, settings=None, role: str = "manager"):
    """A page in chromium; given base and settings, signed in as a user of the role first."""
    from playwright.sync_api import sync_playwright
    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.console_errors = []
        page.outside_requests = []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        page.on("request", lambda r: not r.url.startswith(("http://127.0.0.1", "data:"))
                and page.outside_requests.append(r.url))
        try:
            if base:
                sign_in_browser(page, base, settings, role)
            yield page
        finally:
            browser.close()


def sign_in_browser(page, base: str, settings, role: str) -> None:
    from data import users
    from tests.conftest import TEST_PASSWORD
    name = f"test-{role}"
    if name not in {u.name for u in users.listing(settings)}:
        users.add(settings, name, TEST_PASSWORD, role)
    page.goto(base + "/sign-in")
    page.fill("#name", name)
    page.fill("#password", TEST_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")
