"""Callbacks, one module per page. Thin: read inputs, ask data/, build components.

Each module registers its callbacks on the app it is given (not Dash's global list), so that
every app instance, in tests as in production, gets every callback.
"""
from callbacks import home


def register(app) -> None:
    home.register(app)
