"""Pieces the theme pages assemble: tiles, trend and breakdown cards, lists of children."""
from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import figures
from dashboard.child_lists import ChildList, download_path, drill_path, linked_children, on_page, shown_columns, timeline_link
from dashboard.components import WITHHELD_KEY, WITHHELD_MARK, chart_card, format_value, scrollable_list, tile
from data.measures.result import WITHHELD, status_words

MOST_BARS = 25  # more bars than this make a chart nobody can read (England has 1,350 IROs)


def most_telling(frame: pd.DataFrame, order_by: str, ascending: bool, noun: str) -> tuple[pd.DataFrame, tuple]:
    """At most MOST_BARS groups for a chart and its table, those a manager would look at first,
    with a note saying so; the CSV still holds every group."""
    if len(frame) <= MOST_BARS:
        return frame, ()
    shown = frame.sort_values(order_by, ascending=ascending, kind="stable").head(MOST_BARS)
    which = "lowest" if ascending else "highest"
    return shown, (f"Showing the {MOST_BARS} {noun} with the {which} figures of {len(frame):,}; filter by council "
                   "or team to see others, or download them all.",)


def tiles(entries: list[dict]) -> dbc.Row:
    """A theme page's own measures at the top: named, not linked (this is their page)."""
    return dbc.Row([dbc.Col(tile(e, None), xs=12, sm=6, lg=3, className="mb-3") for e in entries])


def _table_for(frame: pd.DataFrame, unit: str, label: str = "Group") -> tuple[pd.DataFrame, dict]:
    withheld = frame["suppressed"].fillna(False).astype(bool) if "suppressed" in frame else \
        pd.Series(False, index=frame.index)
    table = pd.DataFrame({label: frame["group"].astype(str)})
    if "meaning" in frame:  # a 903 code beside its words (an exit reason); local codes are shown as words only
        if "code" in frame:
            table["Code"] = frame["code"]
        table["Meaning"] = frame["meaning"]
    table["Number"] = marked(frame["numerator"], withheld)
    if unit == "percent" and "denominator" in frame:
        table["Out of"] = marked(frame["denominator"], withheld)
        table["Share"] = marked(frame["value"], withheld)
    formats = {"Number": _count, "Out of": _count, "Share": lambda v: v if isinstance(v, str) else format_value(v, "percent")}
    return table, formats


def marked(values: pd.Series, withheld: pd.Series) -> pd.Series:
    """The values of a table, with the word for withheld where a withheld cell is empty: in the
    page's table and in its CSV alike, so that nobody reads a withheld number as nought."""
    return values.astype(object).where(~(withheld.to_numpy() & values.isna().to_numpy()), WITHHELD_MARK)


def _count(value) -> str:
    if isinstance(value, str):
        return value
    return "–" if value is None or pd.isna(value) else f"{value:,.0f}"


def _with_key(notes: tuple, table: pd.DataFrame) -> tuple:
    """The key to the withheld mark, under any chart or table that has one."""
    has_mark = table.isin([WITHHELD_MARK]).to_numpy().any()
    return tuple(notes) + ((WITHHELD_KEY,) if has_mark else ())


def trend_card(title: str, frame: pd.DataFrame, unit: str, y_title: str, file_name: str, target=None,
               description: str = "", notes=(), band=None) -> dbc.Card:
    figure = figures.trend_bars(frame, title, unit, y_title, target, band)
    withheld = frame["status"] == WITHHELD
    table = pd.DataFrame({"Period": [figures.period_words(p) for p in frame["period"]],
                          "Value": marked(frame["value"], withheld),
                          "Number": marked(frame["numerator"], withheld), "Out of": frame["denominator"],
                          "Status": [status_words(s) for s in frame["status"]]})
    table["Out of"] = marked(table["Out of"], withheld & table["Out of"].isna())
    if "England" in frame:
        table["England"] = frame["England"]
    formats = {"Value": lambda v: v if isinstance(v, str) else format_value(v, unit), "Number": _count, "Out of": _count}
    return chart_card(title, figure, table, file_name, description, _with_key(notes, table), formats)


def breakdown_card(title: str, frame: pd.DataFrame | None, unit: str, file_name: str, axis_title: str = "",
                   description: str = "", notes=(), target=None, label: str = "Group",
                   drill: tuple[str, str] | None = None) -> dbc.Card:
    """`drill` (managers): (the drill's slug, the page's query), to link each row of the table to
    the children behind it. A frame's `key` column, where it has one, is the group the drill asks
    for (the group shown may be longer words)."""
    if frame is None or frame.empty:
        why = frame.attrs.get("why") if frame is not None else None
        return dbc.Card(dbc.CardBody([html.H3(title, className="h6"), html.P(why or "No data for this period.")]),
                        className="mb-3 h-100")
    everything, _ = _table_for(frame, unit, label)
    frame, shortened = most_telling(frame, "value" if unit == "percent" else "numerator", unit == "percent",
                                    {"Group": "groups", "IRO": "IROs"}.get(label, label.lower() + "s"))
    figure = figures.breakdown_bars(frame, title, unit, axis_title or ("Share" if unit == "percent" else "Number"),
                                    target)
    table, formats = _table_for(frame, unit, label)
    if drill is not None:
        formats[label] = _drill_links(frame, drill)
        description = (description + " " if description else "") + DRILL_HINT
    return chart_card(title, figure, table, file_name, description, _with_key(tuple(notes) + shortened, everything),
                      formats, download=everything if shortened else None)


def drill(slug: str, query: str | None) -> tuple[str, str] | None:
    """breakdown_card's `drill` for a page whose viewer may see children (`query` not None)."""
    return None if query is None else (slug, query)


DRILL_HINT = "Choose a row under \"Show as table\" to list the children behind it."


def _drill_links(frame: pd.DataFrame, drill: tuple[str, str]):
    slug, query = drill
    keys = frame["key"] if "key" in frame else frame["group"]
    links = {str(group): drill_path(slug, str(key), query) for group, key in zip(frame["group"], keys)}
    return lambda group: dcc.Link(group, href=links[group]) if group in links else group


def child_list(spec: ChildList, rows: pd.DataFrame | None, query: str) -> html.Section:
    """A list of children for managers: pseudonymous ids only, and a download of exactly what is
    shown, through the server (which checks the role and records the download)."""
    if rows is None:
        return html.Section()
    if rows.empty:
        return html.Section([html.H3(spec.title, className="h6"), html.P(spec.empty)])
    listed = on_page(rows)
    shown = shown_columns(spec, listed.assign(child=linked_children(listed)))
    heading = f"{spec.title} ({len(rows):,})" if len(shown) == len(rows) else \
        f"{spec.title} ({len(rows):,}; the first {len(shown):,} are listed here)"
    return html.Section([
        html.H3(heading, className="h6"),
        scrollable_list(shown, spec.title, formats={spec.columns["child"]: timeline_link}),
        html.A("Download this list (CSV)" if len(shown) == len(rows) else f"Download all {len(rows):,} (CSV)",
               href=download_path(spec, query), className="small"),
    ], className="mb-3")
