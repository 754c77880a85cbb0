"""HTTP protection on every response: a Content-Security-Policy that allows nothing from outside
this server (Dash's own inline scripts by their hashes), no framing, no sniffing, no referrer
sent elsewhere. Applied to pages, callbacks, assets and errors alike."""
from __future__ import annotations

from flask import Response

STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


def content_security_policy(script_hashes: list[str]) -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        # Dash and plotly set style attributes from script; no outside stylesheet is allowed.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],  # plotly's image export; Bootstrap's inline icons
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def protect(app) -> None:
    """Add the headers to every response of the Dash app's server."""

    @app.server.after_request
    def add_headers(response: Response) -> Response:
        # Hashes are worked out per response: Dash registers some inline scripts only as the
        # app serves its first pages, so a list taken at start-up could miss one.
        response.headers["Content-Security-Policy"] = content_security_policy(list(app.csp_hashes()))
        for name, value in STATIC_HEADERS.items():
            response.headers.setdefault(name, value)
        return response
