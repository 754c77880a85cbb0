"""Checks for the inputs a callback or route receives besides the filters (callbacks/scope.py
checks those): each must be one of what the page offers. A refusal names the input, never the
value sent, and becomes a 400 (callbacks/errors.py)."""
from __future__ import annotations


class InputRefused(ValueError):
    """A request for something the dashboard does not offer."""


def one_of(value, offered, what: str):
    """The value, if it is one of those offered (which must be hashable: strings, numbers)."""
    if not isinstance(value, (str, int)) or isinstance(value, bool) or value not in offered:
        raise InputRefused(f"The {what} asked for is not one the page offers.")
    return value


def text(value, longest: int, what: str) -> str:
    """Free text of at most `longest` characters; missing means empty."""
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > longest:
        raise InputRefused(f"The {what} must be text of at most {longest} characters.")
    return value.strip()

