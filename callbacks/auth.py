"""Sign-in, sign-out and the gate in front of everything else.

Deny by default: a visitor who has not signed in gets the sign-in page (for pages) or 401 (for
Dash's /_dash-* endpoints: layout, dependencies, callbacks), except for the allow list below:
the sign-in page and its two stylesheets, nothing that names Dash, its versions or the council's
data. Callbacks and page layouts check what the viewer may do (callbacks/viewer.py).

Sessions live in the database (data/sessions.py): the cookie, signed with the app's key, holds a
random session id and, before signing in, the sign-in form's token. Nothing else."""
from __future__ import annotations

import hmac
import html
import secrets
from datetime import timedelta

from flask import Response, current_app, g, jsonify, redirect, request, session
from werkzeug.middleware.proxy_fix import ProxyFix

from data import sessions, users
from data.permissions import ROLES

ALLOWED_PATHS = {"/sign-in", "/sign-out", "/assets/vendor/bootstrap-5.3.9.min.css", "/assets/app.css"}
DEMO_PASSWORDS = {role: f"demo-{role}-password" for role in ROLES}


def protect(app, settings) -> None:
    server = app.server
    server.config.update(SECRET_KEY=settings.secret_key, SESSION_COOKIE_HTTPONLY=True,
                         SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=settings.https,
                         PERMANENT_SESSION_LIFETIME=timedelta(hours=settings.session_hours))
    if settings.trusted_proxies:
        # The client's address, for throttling, from the entry the nearest trusted proxy appended.
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=settings.trusted_proxies)
    server.before_request(gate)
    server.after_request(set_callback_cookie)
    server.add_url_rule("/sign-in", "sign_in", sign_in, methods=["GET", "POST"])
    server.add_url_rule("/sign-out", "sign_out", sign_out, methods=["GET", "POST"])


CALLBACK_TOKEN_COOKIE, CALLBACK_TOKEN_HEADER = "_csrf_token", "X-CSRFToken"  # the names Dash's front end uses


def gate():
    if request.path in ALLOWED_PATHS:
        return None
    if signed_in_user() is not None:
        if request.method == "POST" and not _callback_token_ok():
            return jsonify({"error": "missing or wrong X-CSRFToken header"}), 400
        return None
    if request.path.startswith("/_dash-") or request.path.startswith("/_reload-hash"):
        return jsonify({"error": "sign in first"}), 401
    if current_app.config["SETTINGS"].trusted_header:
        return Response("Your single sign-on did not name a user of this dashboard. Ask the dashboard's "
                        "administrator to add you.", status=403, mimetype="text/plain")
    return redirect("/sign-in")


def _callback_token_ok() -> bool:
    """Every POST from a signed-in session must carry the session's token in a header, which a
    page on another site cannot set: Dash's front end copies it from the cookie."""
    expected = g.signed_in.callback_token
    return hmac.compare_digest(expected, request.headers.get(CALLBACK_TOKEN_HEADER, ""))


def set_callback_cookie(response: Response) -> Response:
    """Give the browser the token to echo (readable by script, sent only to this site)."""
    live = g.get("signed_in")
    token = live.callback_token if live else None
    if token and request.cookies.get(CALLBACK_TOKEN_COOKIE) != token:
        response.set_cookie(CALLBACK_TOKEN_COOKIE, token, samesite="Strict",
                            secure=current_app.config["SESSION_COOKIE_SECURE"], httponly=False)
    return response


def signed_in_user():
    """The signed-in user, from the session in the database, read once per request (the gate and
    the viewer both ask): a session ended by sign-out, time, or a change to the user is gone at
    the next request."""
    if "signed_in" not in g:
        settings = current_app.config["SETTINGS"]
        live = sessions.find(settings, session.get("sid", ""))
        if settings.trusted_header:
            live = _session_from_header(settings, live)
        elif live is None:
            session.pop("sid", None)
        g.signed_in = live
    return g.signed_in.user if g.signed_in else None


def _session_from_header(settings, live):
    """Single sign-on: the council's proxy has signed the user in and names them in a header.
    The name must belong to an enabled user here, whose role is the one stored here; the session
    then only carries the token that callback POSTs must echo."""
    user = users.by_name(settings, request.headers.get(settings.trusted_header, ""))
    if user is None:
        session.clear()
        return None
    if live is None or live.user.id != user.id:
        live = _start_session(settings, user)
    return live


def _start_session(settings, user):
    ended = session.get("sid")
    if ended:
        sessions.end(settings, ended)
    session.clear()
    session.permanent = True
    session["sid"], live = sessions.start(settings, user)
    return live


def sign_in():
    settings = current_app.config["SETTINGS"]
    if request.method == "POST":
        token = session.get("csrf", "")
        if not token or not hmac.compare_digest(token, request.form.get("csrf", "")):
            return _page(settings, "The form had expired. Please try again."), 400
        user = users.check(settings, request.form.get("name", ""), request.form.get("password", ""),
                           request.remote_addr or "unknown")
        if user is not None:
            _start_session(settings, user)
            return redirect("/")
        return _page(settings, users.REFUSED), 401
    return _page(settings, "")


def sign_out():
    ended = session.get("sid")
    if ended:
        sessions.end(current_app.config["SETTINGS"], ended)
    session.clear()
    return redirect("/sign-in")


def _page(settings, message: str) -> Response:
    session["csrf"] = session.get("csrf") or secrets.token_urlsafe(32)
    demo = ""
    if settings.demo_accounts:
        rows = "".join(f"<tr><td>demo-{r}</td><td>{r}</td><td><code>{DEMO_PASSWORDS[r]}</code></td></tr>"
                       for r in ROLES)
        demo = ('<div class="alert alert-info"><p><strong>This is a demonstration</strong> with made-up data. '
                'Sign in as any of these:</p><table class="table table-sm mb-0"><thead><tr><th scope="col">Name'
                '</th><th scope="col">Role</th><th scope="col">Password</th></tr></thead><tbody>'
                f"{rows}</tbody></table></div>")
    error = f'<div class="alert alert-danger" role="alert">{html.escape(message)}</div>' if message else ""
    body = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in - IRO service dashboard</title>
<link rel="stylesheet" href="/assets/vendor/bootstrap-5.3.9.min.css"><link rel="stylesheet" href="/assets/app.css">
</head><body><main class="container py-4" style="max-width: 36rem">
<p class="mb-0">{html.escape(settings.council_name)}</p>
<h1 class="h3">Sign in to the IRO service dashboard</h1>
{error}{demo}
<form method="post" action="/sign-in">
<input type="hidden" name="csrf" value="{session['csrf']}">
<div class="mb-3"><label class="form-label" for="name">Name</label>
<input class="form-control" id="name" name="name" autocomplete="username" maxlength="100" required></div>
<div class="mb-3"><label class="form-label" for="password">Password</label>
<input class="form-control" id="password" name="password" type="password" autocomplete="current-password"
 maxlength="200" required></div>
<button class="btn btn-primary" type="submit">Sign in</button>
</form></main></body></html>"""
    return Response(body, mimetype="text/html")
