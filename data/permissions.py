"""Who may do what, declared once, and the one check: `allowed(viewer, action, resource)`.

The roles and, for each action, the roles that may take it are plain data below. Opening a page
is the action "view-page" with the page's slug as the resource, so a page registry can read who
may open each page from PAGE_ROLES. Every page, callback, download, the pack and the commands
that act for a role ask `allowed`; none compares role names itself.

Each check can be recorded (`recording()`), so a test can fail a callback or route that answered
without asking (Datasette's `assert_permissions_checked` is the model)."""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

ROLES = ("committee", "director", "manager", "admin")
EVERYONE = ROLES
MANAGERS = ("manager",)
ADMINS = ("admin",)

# Who may open each page, by the page's slug (dashboard/registry.py).
PAGE_ROLES = {
    "overview": EVERYONE, "reviews": EVERYONE, "participation": EVERYONE, "placements": EVERYONE,
    "escalations": EVERYONE, "workload": EVERYONE, "neet": EVERYONE,  # the young people: "view-children"
    # each council's figure is a filter of the region's: not part of the committee's published set
    "councils": ("director", "manager", "admin"),
    "commentary": MANAGERS, "worklist": MANAGERS, "timeline": MANAGERS,
    "children": MANAGERS,  # the children behind one bar or row of a breakdown
    "quality": EVERYONE, "about": EVERYONE, "accessibility": EVERYONE, "upload": ADMINS,
    "audit": ADMINS,
}

# (action, resource) -> roles; a resource of None is the rule for every resource of that action.
RULES: dict[tuple[str, str | None], tuple[str, ...]] = {
    **{("view-page", slug): roles for slug, roles in PAGE_ROLES.items()},
    # The children behind the numbers: pseudonymous ids in lists, timelines and findings.
    ("view-children", None): MANAGERS,
    # Counts from 1 to the suppression threshold; the committee sees them withheld.
    ("see-small-numbers", None): ("director", "manager", "admin"),
    ("download", "pack.pdf"): EVERYONE,
    ("download", "measures.xlsx"): EVERYONE,
    ("download", "report"): EVERYONE,  # `flask report`: every measure, as the workbook holds them
    ("download", "child-list"): MANAGERS,
    ("download", "fix-list"): MANAGERS,  # a data quality rule's rows, with child ids
    ("download", "audit-log.csv"): ADMINS,
    ("write-commentary", None): MANAGERS,
    ("upload-data", None): ADMINS,
    ("read-audit-log", None): ADMINS,
}


class UnknownAction(KeyError):
    """An action no rule names: a typo must fail loudly, not quietly allow or refuse."""


@dataclass(frozen=True)
class Viewer:
    """Who is asking: a signed-in user, or the command line acting for a role."""

    name: str
    role: str

    @property
    def sees_children(self) -> bool:
        return allowed(self, "view-children")


_checks: ContextVar[list | None] = ContextVar("permission_checks", default=None)


def roles_for(action: str, resource: str | None = None) -> tuple[str, ...]:
    rule = RULES.get((action, resource), RULES.get((action, None)))
    if rule is None:
        raise UnknownAction(f"no permission rule for {action!r} on {resource!r}")
    return rule


def allowed(viewer: Viewer, action: str, resource: str | None = None) -> bool:
    answer = viewer.role in roles_for(action, resource)
    checks = _checks.get()
    if checks is not None:
        checks.append((action, resource, answer))
    return answer


@contextmanager
def recording():
    """Every check made inside the block, as (action, resource, answer)."""
    checks: list = []
    token = _checks.set(checks)
    try:
        yield checks
    finally:
        _checks.reset(token)
