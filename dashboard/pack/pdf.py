"""HTML to a tagged PDF with page numbers, printed by the machine's own Chromium (no service
outside this server). Chromium is what the browser tests already use; see the README."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import plotly

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
FOOTER = ("<div style='font-size:8pt;width:100%;text-align:center;color:#383f43'>"
          "Page <span class='pageNumber'></span> of <span class='totalPages'></span></div>")
ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


class PdfUnavailable(RuntimeError):
    pass


def chromium_path() -> str:
    found = os.environ.get("IRO_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise PdfUnavailable("Making a PDF needs Chromium on the server (Debian: apt install chromium), "
                             "or IRO_CHROMIUM set to its path.")
    return found


def plotly_js() -> str:
    return PLOTLY_JS.read_text(encoding="utf-8")


def html_to_pdf(html: str, charts: int) -> bytes:
    from playwright.sync_api import sync_playwright
    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort() if not route.request.url.startswith(("data:", "about:"))
                       else route.continue_())  # the pack is self-contained: nothing is fetched
            page.set_content(html, wait_until="load")
            page.wait_for_function(f"document.querySelectorAll('.chart .plot-container').length >= {charts}",
                                   timeout=60000)
            return page.pdf(format="A4", print_background=True, display_header_footer=True,
                            header_template="<span></span>", footer_template=FOOTER, tagged=True, outline=True,
                            margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"})
        finally:
            browser.close()
