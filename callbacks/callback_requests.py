"""A callback request must be shaped as Dash's front end sends it for one of this app's callbacks:
the callback's own outputs, inputs and state, each by id and property. Anything else is refused
with 400 before Dash reads it (Dash would answer 500), and before any callback runs.

Runs after the sign-in gate, so no anonymous body is parsed. The values inside are each
callback's to check (callbacks/scope.py, callbacks/inputs.py)."""
from __future__ import annotations

from dash.dependencies import Wildcard
from flask import Response, request

REFUSED = "Refused: not a request for a callback of this dashboard."


def guard(app) -> None:
    @app.server.before_request
    def shaped_as_dash_sends():
        if request.path != "/_dash-update-component" or request.method != "POST":
            return None
        body = request.get_json(silent=True)
        spec = app.callback_map.get(body.get("output")) if isinstance(body, dict) and \
            isinstance(body.get("output"), str) else None
        if spec is None or "callback" not in spec or not _shaped_like(body, spec):  # no "callback": runs in the browser
            return Response(REFUSED, status=400, mimetype="text/plain")
        return None


def _shaped_like(body: dict, spec: dict) -> bool:
    registered = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
    wanted = [{"id": o.component_id, "property": o.component_property} for o in registered]
    outputs = body.get("outputs")
    if any(isinstance(w["id"], dict) for w in wanted):
        # One pattern-matching output (ALL): any number of components of its type, each once.
        pattern = wanted[0]
        return len(wanted) == 1 and isinstance(outputs, list) and all(
            _matches(o, pattern) for o in outputs) and len({repr(o) for o in outputs}) == len(outputs)
    if not (outputs == wanted if isinstance(spec["output"], list) else outputs == wanted[0]):
        return False
    return all(_same_items(body.get(part, []), spec[part]) for part in ("inputs", "state"))  # none sent: none


def _same_items(sent, registered: list) -> bool:
    return isinstance(sent, list) and len(sent) == len(registered) and all(
        isinstance(item, dict) and item.get("id") == want["id"] and item.get("property") == want["property"]
        for item, want in zip(sent, registered))


def _matches(output, pattern: dict) -> bool:
    if not isinstance(output, dict) or output.get("property") != pattern["property"] or not isinstance(
            output.get("id"), dict):
        return False
    fixed = {k: v for k, v in pattern["id"].items() if not isinstance(v, Wildcard)}
    return set(output["id"]) == set(pattern["id"]) and all(output["id"].get(k) == v for k, v in fixed.items())
