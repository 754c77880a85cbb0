"""Every child-level list a callback sends is recorded before it is sent, and so is a refused
request for one."""
from flask import abort, current_app

from callbacks.viewer import current_viewer
from data import audit
from data.permissions import Viewer, allowed


def log_children(viewer, action: str, *frames) -> None:
    audit.record(current_app.config["SETTINGS"], viewer.name, viewer.role, action, list(frames))


def require_children(page: str, where: str) -> Viewer:
    """The viewer, if they may open the page and see children; else the refused attempt is
    recorded (with no children) and the request ends with 403."""
    viewer = current_viewer()
    if not (allowed(viewer, "view-page", page) and allowed(viewer, "view-children")):
        log_children(viewer, f"refused: {where}, the role may not see children")
        abort(403)
    return viewer
