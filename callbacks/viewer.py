"""Who is asking: the one place that knows. Every callback and page layout asks here.

Until sign-in exists (issue 5) everyone is the configured default role; adding sign-in changes
this function only."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app


@dataclass(frozen=True)
class Viewer:
    name: str
    role: str

    @property
    def sees_children(self) -> bool:
        return self.role == "manager"


def current_viewer() -> Viewer:
    settings = current_app.config["SETTINGS"]
    return Viewer(name="demo user", role=settings.default_role)
