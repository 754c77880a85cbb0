"""Callbacks, one module per page. Thin: read inputs, ask data/, build components."""
from callbacks import home  # noqa: F401
