"""Who is asking: the one place that knows. Every callback and page layout asks here.

The answer comes from the signed-in session, read again from the database on every request, so
a disabled account or a changed role takes effect at once. Input values never decide it. What the
viewer may do is asked of `data.permissions.allowed`, never decided by comparing role names."""
from __future__ import annotations

from flask import abort

from callbacks.auth import signed_in_user
from data.permissions import Viewer, allowed


def current_viewer() -> Viewer:
    user = signed_in_user()
    if user is None:
        abort(401)
    return Viewer(name=user.name, role=user.role)


def require(action: str, resource: str | None = None) -> Viewer:
    """The viewer, if they may take the action; else the request ends with 403."""
    viewer = current_viewer()
    if not allowed(viewer, action, resource):
        abort(403)
    return viewer
