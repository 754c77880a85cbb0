"""The app factory: settings, database, pages and callbacks. `server` is what gunicorn serves."""
from __future__ import annotations

from dash import Dash

import callbacks
from callbacks import auth, callback_requests, errors, security
from dashboard.layout import shell
from dashboard.pack import cli as pack_cli
from data import cli
from data.settings import Settings, load_settings

INDEX_STRING = """<!DOCTYPE html>
<html lang="en">
<head>{%metas%}<title>{%title%}</title>{%favicon%}{%css%}</head>
<body>{%app_entry%}<div>{%config%}{%scripts%}{%renderer%}</div></body>
</html>"""


# The upload page sends files base64-encoded in a callback: 60 MB of files is about 80 MB.
MAX_REQUEST_BYTES = 100 * 1024 * 1024


def create_app(settings: Settings | None = None) -> Dash:
    settings = settings or load_settings()
    app = Dash(
        __name__,
        serve_locally=True,  # every script and stylesheet from this server, never a CDN
        title=f"IRO service dashboard - {settings.council_name}",
        suppress_callback_exceptions=True,
    )
    app.index_string = INDEX_STRING
    app.server.config["SETTINGS"] = settings
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES  # larger requests get 413, unread
    cli.register(app.server)
    pack_cli.register(app.server)

    app.layout = shell(settings.council_name)
    callbacks.register(app)
    auth.protect(app, settings)
    callback_requests.guard(app)
    errors.register(app.server)
    security.protect(app)
    return app


app = create_app()
server = app.server
