"""A page, declared once beside its layout (in its module under dashboard/pages/): where it lives,
its name and browser title, its theme, whether it takes the filter bar. Who may open it is the
permission table's (data/permissions.py, by slug); the registry gathers the declarations."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from dashboard.filterbar import FilterOptions
from data.permissions import PAGE_ROLES


@dataclass(frozen=True)
class PageView:
    """What a page's layout is given for one request."""

    values: dict = field(default_factory=dict)  # the filters asked for, checked
    options: FilterOptions | None = None  # the filter bar's choices, for a page with the bar
    periods: tuple[str, ...] = ()  # every period the filter bar offers
    default_period: str = ""
    show_council: bool = False
    role: str = ""
    words: Callable[[str], str] = str  # the council's own words for children in care
    view_by: str = "year"  # the "show by" choice in the address (dashboard.filterbar.VIEWS)


@dataclass(frozen=True)
class Page:
    slug: str
    path: str
    name: str  # in the navigation and the heading
    layout: Callable[[PageView], object] = field(compare=False, repr=False, default=None)
    title: str = ""  # the browser's title, where it differs from the name
    theme: str | None = None  # the theme of measures it shows (data/measures/catalogue.py)
    filters: bool = True
    regional_only: bool = False
    content: bool = True  # filled by a callback into `<slug>-content` (the app checks one is registered)
    in_navigation: bool = True  # else linked from elsewhere only (the footer)

    @property
    def roles(self) -> tuple[str, ...]:
        return PAGE_ROLES[self.slug]

    @property
    def browser_title(self) -> str:
        return self.title or self.name
