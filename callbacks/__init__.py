"""Callbacks, one module per page. Thin: read inputs, ask data/ for results, hand them to the page.

Each module registers its callbacks on the app it is given (not Dash's global list), so that
every app instance, in tests as in production, gets every callback."""
from callbacks import (about, audit_log, children, commentary, councils, downloads, escalations, neet, overview, participation, placements,
                       quality, reviews, router, timeline, upload, workload, worklist)

from dashboard import ids
from dashboard.registry import PAGES

MODULES = (router, overview, reviews, participation, placements, escalations, workload, neet, councils, quality,
           about, upload, audit_log, commentary, worklist, timeline, children)


def register(app) -> None:
    for module in MODULES:
        module.register(app)
    downloads.register_routes(app.server)
    _every_page_is_filled(app)


def _every_page_is_filled(app) -> None:
    """A page whose content no callback fills would show a spinner for ever: refuse to start."""
    outputs = " ".join(app.callback_map)
    missing = [p.slug for p in PAGES if p.content and f"{ids.content_id(p.slug)}.children" not in outputs]
    if missing:
        raise RuntimeError(f"no callback fills the content of the page(s) {', '.join(missing)}: register one in "
                           "callbacks/ (see callbacks/__init__.py)")
