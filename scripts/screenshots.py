"""Screenshot every page at laptop and tablet sizes in Debian's chromium: `make screenshots`.

Usage: python scripts/screenshots.py [OUT_DIR]   (serves the configured data under gunicorn)"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from dashboard.registry import PAGES  # noqa: E402
from scripts.serve import bench_account, gunicorn  # noqa: E402

SIZES = ((1366, 768), (768, 1024))
ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main(base: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        for (width, height), role in [(size, role) for size in SIZES for role in ("manager", "admin")]:
            page = browser.new_page(viewport={"width": width, "height": height})
            name, password = bench_account(role)
            page.goto(base + "/sign-in")
            page.fill("#name", name)
            page.fill("#password", password)
            page.click("button[type=submit]")
            page.wait_for_url(base + "/")
            # Each page as the role it is for: managers see every page but the admin ones.
            for spec in [p for p in PAGES if not p.regional_only and role in p.roles
                         and (role == "manager" or "manager" not in p.roles)]:
                page.goto(base + spec.path)
                page.wait_for_selector(f"#{spec.slug}-content > *", timeout=60000)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(500)
                path = out / f"{spec.slug}-{width}x{height}.png"
                page.screenshot(path=str(path), full_page=True)
                print(path)
            page.close()
        browser.close()


if __name__ == "__main__":
    with gunicorn() as url:
        main(url, Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
