"""Screenshot every page for every role at laptop and phone sizes in Debian's chromium: `make screenshots`.

Usage: python scripts/screenshots.py [OUT_DIR] [ROLE ...]   (serves the configured data under gunicorn)"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from dashboard.registry import PAGES  # noqa: E402
from scripts.serve import bench_account, gunicorn  # noqa: E402

SIZES = ((1366, 768), (375, 812))
ROLES = ("committee", "director", "manager", "admin")
ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main(base: str, out: Path, roles=ROLES) -> None:
    """Each page each role may open, at laptop and phone sizes: the first screen as the viewer sees
    it on arriving (`-first.png`), and the whole page."""
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        for (width, height), role in [(size, role) for size in SIZES for role in roles]:
            page = browser.new_page(viewport={"width": width, "height": height})
            name, password = bench_account(role)
            page.goto(base + "/sign-in")
            page.fill("#name", name)
            page.fill("#password", password)
            page.click("button[type=submit]")
            page.wait_for_url(base + "/")
            for spec in [p for p in PAGES if not p.regional_only and role in p.roles]:
                page.goto(base + spec.path)
                page.wait_for_selector(f"#{spec.slug}-content > *" if spec.content else "main h1", timeout=60000)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(500)
                stem = out / f"{role}-{spec.slug}-{width}x{height}"
                page.screenshot(path=f"{stem}-first.png")
                page.screenshot(path=f"{stem}.png", full_page=True)
                print(stem)
            page.close()
        browser.close()


if __name__ == "__main__":
    with gunicorn() as url:
        main(url, Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"), tuple(sys.argv[2:]) or ROLES)
