"""What the app answers when a request is refused or cannot be served: a short plain-text message,
never the input that was refused, never a stack trace.

- InputRefused (a value the page never offers): 400.
- A viewer whose role may not do what was asked (callbacks/viewer.require): 403.
- The database cannot be reached (down, restarting, the connection cut, or SQLite busy past its
  timeout): 503, so a person is told to try again, and the worker goes on to its next request
  with a fresh connection (data/db.py checks each one before use)."""
from __future__ import annotations

import logging

from flask import Response
from pandas.errors import DatabaseError as PandasDatabaseError
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import Forbidden

from callbacks.inputs import InputRefused
from data.db import unreachable

log = logging.getLogger(__name__)
DATABASE_UNAVAILABLE = "The dashboard cannot reach its database just now. Try again in a minute."


def register(server) -> None:
    server.register_error_handler(InputRefused, refused)
    server.register_error_handler(Forbidden, forbidden)
    for error in (OperationalError, InterfaceError, PandasDatabaseError):
        server.register_error_handler(error, database_unavailable)


def refused(error: InputRefused) -> Response:
    return Response(f"Refused: {error}", status=400, mimetype="text/plain")


def forbidden(_error: Forbidden) -> Response:
    return Response("Refused: your role may not see or do this.", status=403, mimetype="text/plain")


def database_unavailable(error: Exception) -> Response:
    if not unreachable(error):
        log.exception("a database error")
        return Response("Internal Server Error", status=500, mimetype="text/plain")
    reason = str(error).strip().splitlines()
    log.warning("database unavailable: %s", reason[0][:200] if reason else type(error).__name__)
    return Response(DATABASE_UNAVAILABLE, status=503, mimetype="text/plain", headers={"Retry-After": "30"})
