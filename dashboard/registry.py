"""The pages: path, name, whether they take the filter bar, and who may open them (read from
data/permissions.py, where each page's roles are declared by its slug)."""
from __future__ import annotations

from dataclasses import dataclass

from data.permissions import PAGE_ROLES


@dataclass(frozen=True)
class Page:
    slug: str
    path: str
    name: str
    filters: bool = True
    regional_only: bool = False

    @property
    def roles(self) -> tuple[str, ...]:
        return PAGE_ROLES[self.slug]


PAGES = (
    Page("overview", "/", "Overview"),
    Page("reviews", "/reviews", "Reviews"),
    Page("participation", "/participation", "Participation"),
    Page("placements", "/placements", "Placements"),
    Page("escalations", "/escalations", "Escalations"),
    Page("workload", "/workload", "IRO workload"),
    Page("neet", "/neet", "NEET cohort"),
    Page("councils", "/councils", "Councils compared", regional_only=True),
    Page("commentary", "/commentary", "Commentary", filters=False),
    Page("quality", "/data-quality", "Data quality", filters=False),
    Page("about", "/about", "About", filters=False),
    Page("upload", "/admin/upload", "Upload data", filters=False),
    Page("audit", "/admin/audit-log", "Audit log", filters=False),
)
PAGES_BY_PATH = {p.path: p for p in PAGES}
PAGES_BY_SLUG = {p.slug: p for p in PAGES}
