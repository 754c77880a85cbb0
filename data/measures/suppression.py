"""What each role may see of a result (measures.md, "Small numbers"):
- committee: aggregates only, from the protected publication (data/disclosure/): every count from
  1 to the threshold withheld, and others where they could give one away;
- director (and admin): aggregates, unsuppressed;
- manager: aggregates and the children behind them (pseudonymous ids).
"""
from __future__ import annotations

from data.measures.result import Result

ROLES = ("committee", "director", "manager", "admin")
SEES_CHILDREN = {"manager"}
SUPPRESSED_ROLES = {"committee"}


def for_role(result: Result, role: str) -> Result:
    """A result for a role that sees figures unsuppressed: without its children unless the role
    may see them."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    if role in SUPPRESSED_ROLES:
        raise ValueError("the committee's figures come from the protected publication (data/disclosure/)")
    return result if role in SEES_CHILDREN else result.with_changes(rows=None)
