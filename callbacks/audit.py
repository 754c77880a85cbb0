"""Every child-level list a callback sends is recorded before it is sent."""
from flask import current_app

from data import audit


def log_children(viewer, action: str, *frames) -> None:
    audit.record(current_app.config["SETTINGS"], viewer.name, viewer.role, action, list(frames))
