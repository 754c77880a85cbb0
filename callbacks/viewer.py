"""Who is asking: the one place that knows. Every callback and page layout asks here.

The answer comes from the signed-in session, read again from the database on every request, so
a disabled account or a changed role takes effect at once. Input values never decide it."""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort

from callbacks.auth import signed_in_user


@dataclass(frozen=True)
class Viewer:
    name: str
    role: str

    @property
    def sees_children(self) -> bool:
        return self.role == "manager"


def current_viewer() -> Viewer:
    user = signed_in_user()
    if user is None:
        abort(401)
    return Viewer(name=user.name, role=user.role)
