"""The pages: path, name, who may open them, and whether they take the filter bar."""
from __future__ import annotations

from dataclasses import dataclass

ALL_ROLES = ("committee", "director", "manager", "admin")


@dataclass(frozen=True)
class Page:
    slug: str
    path: str
    name: str
    roles: tuple[str, ...] = ALL_ROLES
    filters: bool = True
    regional_only: bool = False


PAGES = (
    Page("overview", "/", "Overview"),
    Page("reviews", "/reviews", "Reviews"),
    Page("participation", "/participation", "Participation"),
    Page("placements", "/placements", "Placements"),
    Page("escalations", "/escalations", "Escalations"),
    Page("workload", "/workload", "IRO workload"),
    Page("neet", "/neet", "NEET cohort", roles=("manager",)),
    Page("councils", "/councils", "Councils compared", regional_only=True),
    Page("commentary", "/commentary", "Commentary", roles=("manager",), filters=False),
    Page("quality", "/data-quality", "Data quality", filters=False),
    Page("about", "/about", "About", filters=False),
    Page("upload", "/admin/upload", "Upload data", roles=("admin",), filters=False),
    Page("audit", "/admin/audit-log", "Audit log", roles=("admin",), filters=False),
)
PAGES_BY_PATH = {p.path: p for p in PAGES}
PAGES_BY_SLUG = {p.slug: p for p in PAGES}
