"""Callbacks, one module per page. Thin: read inputs, ask data/ for results, hand them to the page.

Each module registers its callbacks on the app it is given (not Dash's global list), so that
every app instance, in tests as in production, gets every callback."""
from callbacks import (about, audit_log, commentary, councils, downloads, escalations, neet, overview, participation, placements,
                       quality, reviews, router, upload, workload)

MODULES = (router, overview, reviews, participation, placements, escalations, workload, neet, councils, quality,
           about, upload, audit_log, commentary)


def register(app) -> None:
    for module in MODULES:
        module.register(app)
    downloads.register_routes(app.server)
