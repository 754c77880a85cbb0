"""Results to plotly figures, as plain figure dicts (validated graph_objects cost more than the measures,
and plotly.express 20 times as much again).
Figures carry aggregates only; suppression has already been applied to what they are given."""
from __future__ import annotations

import pandas as pd

from dashboard.theme import BAND, CHART_COLOURS, MAIN, TARGET
from data.measures.periods import PeriodError, parse_period

PERCENT, COUNT = "percent", "count"


def _layout(title: str, y_title: str, unit: str, height: int = 320) -> dict:
    return {
        "title": {"text": title, "font": {"size": 15}}, "height": height,
        "margin": {"l": 60, "r": 20, "t": 40, "b": 50}, "paper_bgcolor": "white", "plot_bgcolor": "white",
        "font": {"family": "system-ui, sans-serif", "color": "#0b0c0c"}, "hoverlabel": {"bgcolor": "white"},
        "legend": {"orientation": "h", "y": -0.18, "x": 0},
        "yaxis": {"title": {"text": y_title}, "gridcolor": "#e5e5e5", **_value_axis(unit)},
        "xaxis": {"type": "category"}, "uniformtext": {"minsize": 10, "mode": "show"},
    }


def _value_axis(unit: str) -> dict:
    """Counts from nought; shares from nought to 100%, never beyond (a label above a tall bar sits
    in the margin, not on a longer axis)."""
    if unit == PERCENT:
        return {"tickformat": ".0%", "range": [0, 1], "fixedrange": True}
    return {"tickformat": ",~r", "rangemode": "tozero"}


def value_labels(values, unit: str) -> list[str]:
    """Each bar's own figure, written on it: 93.7% and 95% look alike as bars."""
    out = []
    for v in values:
        if v is None or pd.isna(v):
            out.append("")
        elif unit == PERCENT:
            out.append(f"{v:.1%}")
        elif float(v).is_integer():
            out.append(f"{v:,.0f}")
        else:
            out.append(f"{v:,.1f}")
    return out


def _hover(unit: str) -> str:
    value = "%{y:.1%}" if unit == PERCENT else "%{y:,.1f}"
    return f"<b>%{{x}}</b><br>{value}<br>%{{customdata}}<extra></extra>"


def _counts_text(numerators, denominators) -> list[str]:
    out = []
    for n, d in zip(numerators, denominators):
        if n is None or pd.isna(n):
            out.append("withheld (small number)")
        elif d is None or pd.isna(d):
            out.append(f"{n:,.0f}")
        else:
            out.append(f"{n:,.0f} of {d:,.0f}")
    return out


def _numbers(values) -> list:
    """Plain numbers for a figure's JSON (None for missing)."""
    return [None if v is None or pd.isna(v) else float(v) for v in pd.to_numeric(pd.Series(list(values)))]


def target_words(target: float, unit: str) -> str:
    return f"Target {target:.0%}" if unit == PERCENT else f"Target {target:,g}"


def _target_line(x, y, target: float, unit: str) -> dict:
    return {"type": "scatter", "x": x, "y": y, "mode": "lines", "name": target_words(target, unit),
            "line": {"color": TARGET, "dash": "dash", "width": 2}, "hoverinfo": "skip"}


def trend_bars(frame: pd.DataFrame, title: str, unit: str, y_title: str, target: float | None = None,
               band: tuple[float, float] | None = None) -> dict:
    """Bars over periods (frame: period, value, numerator, denominator), each with its figure; the
    target as a dashed line named in the legend (so its label never sits on a bar), drawn beneath
    the bars so that no bar's figure is crossed by it. A plain figure dict: building validated
    graph_objects cost more than computing the measures."""
    periods = [period_words(p) for p in frame["period"]]
    data = []
    if target is not None and periods:
        data.append(_target_line(periods, [target] * len(periods), target, unit))
    bars = {"type": "bar", "x": periods, "y": _numbers(frame["value"]), "marker": {"color": MAIN}, "name": y_title,
            "text": value_labels(frame["value"], unit), "textposition": "outside", "cliponaxis": False,
            "customdata": _counts_text(frame["numerator"], frame["denominator"]), "hovertemplate": _hover(unit)}
    data.append(bars)
    if "England" in frame and frame["England"].notna().any():
        data.append({"type": "scatter", "x": periods, "y": _numbers(frame["England"]), "name": "England",
                     "mode": "lines+markers", "line": {"color": CHART_COLOURS[1], "width": 3},
                     "marker": {"symbol": "diamond", "size": 9},
                     "hovertemplate": "<b>England</b> %{x}<br>%{y:,.1f}<extra></extra>"})
        bars["name"] = "This council"
    layout = _layout(title, y_title, unit)
    if "status" in frame:
        data += _withheld_marks([p for p, s in zip(periods, frame["status"]) if s == "WITHHELD"], horizontal=False)
    if band:
        _guide_band(data, layout, band, horizontal=False)
    return {"data": data, "layout": layout}


def breakdown_bars(frame: pd.DataFrame, title: str, unit: str, x_title: str, target: float | None = None,
                   height: int | None = None) -> dict:
    """Horizontal bars, one per group (frame: group, value or numerator, numerator, denominator),
    each with its figure; the target as a dashed line through every group, named in the legend."""
    values = frame["value"] if unit == PERCENT else frame["numerator"]
    groups = [str(g) for g in frame["group"]]
    denominators = frame["denominator"] if "denominator" in frame and unit == PERCENT else [None] * len(frame)
    data = [_target_line([target] * len(groups), groups, target, unit)] if target is not None and groups else []
    data.append({"type": "bar", "y": groups, "x": _numbers(values), "orientation": "h", "marker": {"color": MAIN},
                 "text": value_labels(pd.to_numeric(values), unit), "textposition": "outside", "cliponaxis": False,
                 "customdata": _counts_text(frame["numerator"], denominators), "showlegend": False,
                 "hovertemplate": "<b>%{y}</b><br>" + ("%{x:.1%}" if unit == PERCENT else "%{x:,}")
                 + "<br>%{customdata}<extra></extra>"})
    if "suppressed" in frame:
        hidden = (frame["suppressed"].fillna(False).astype(bool) & pd.to_numeric(values).isna()).to_numpy()
        data += _withheld_marks([g for g, h in zip(groups, hidden) if h], horizontal=True)
    layout = _layout(title, "", unit, height or max(220, 90 + 36 * len(frame)))
    layout.update(yaxis={"type": "category", "autorange": "reversed", "title": {"text": ""}, "automargin": True},
                  xaxis={"type": "linear", "title": {"text": x_title}, "gridcolor": "#e5e5e5", **_value_axis(unit)},
                  margin={"l": 60, "r": 60, "t": 30, "b": 60})
    return {"data": data, "layout": layout}


def caseload_bars(frame: pd.DataFrame, title: str, band: tuple[int, int]) -> dict:
    """Children per full-time IRO, one bar per IRO, with the guide band shaded and named."""
    figure = breakdown_bars(frame.assign(numerator=frame["value"].round(1)), title, COUNT, "Children per full-time IRO")
    _guide_band(figure["data"], figure["layout"], band, horizontal=True)
    return figure


def _guide_band(data: list, layout: dict, band: tuple[float, float], horizontal: bool) -> None:
    """The IRO Handbook's guide, shaded behind the bars and named in the legend, not on them."""
    shade = {"type": "rect", "fillcolor": BAND, "line": {"width": 0}, "layer": "below"}
    shade.update({"xref": "x", "x0": band[0], "x1": band[1], "yref": "paper", "y0": 0, "y1": 1} if horizontal else
                 {"yref": "y", "y0": band[0], "y1": band[1], "xref": "paper", "x0": 0, "x1": 1})
    layout.setdefault("shapes", []).append(shade)
    data.append({"type": "scatter", "x": [None], "y": [None], "mode": "markers",
                 "name": f"Shaded: the IRO Handbook's guide, {band[0]} to {band[1]}",
                 "marker": {"symbol": "square", "size": 14, "color": BAND}, "hoverinfo": "skip"})


def period_words(label: str) -> str:
    """A period as people write it: 2025-26, 2025-26 Q1, Apr 2025."""
    try:
        period = parse_period(str(label))
    except PeriodError:
        return str(label)
    return period.start.strftime("%b %Y") if period.grain == "month" else period.label


def _withheld_marks(where: list, horizontal: bool) -> list:
    """The word "withheld" where a withheld bar would be, so that nobody reads an empty place as nought."""
    if not where:
        return []
    zeros = [0] * len(where)
    return [{"type": "scatter", "x": zeros if horizontal else where, "y": where if horizontal else zeros,
             "mode": "text", "text": ["withheld"] * len(where),
             "textposition": "middle right" if horizontal else "top center", "textfont": {"color": "#505a5f"},
             "showlegend": False, "hoverinfo": "skip", "cliponaxis": False}]


def sparkline(frame: pd.DataFrame, unit: str, label: str, target: float | None = None) -> dict:
    """A small trend line for a tile, as a plain figure dict (a page shows a dozen of these, and
    building them as validated graph_objects cost more than computing the measures): its first and
    last period named under it, and the target as a dashed line."""
    values = [None if v is None or pd.isna(v) else float(v) for v in frame["value"]]
    periods = list(frame["period"])
    layout = {"height": 72, "margin": {"l": 4, "r": 4, "t": 6, "b": 20}, "showlegend": False,
              "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)",
              "font": {"size": 11, "color": "#505a5f"},
              "xaxis": {"type": "category", "showgrid": False, "zeroline": False, "showline": False,
                        "tickvals": [periods[0], periods[-1]] if periods else [], "ticks": "", "fixedrange": True},
              "yaxis": {"visible": False, "fixedrange": True}}
    if target is not None and periods:
        layout["shapes"] = [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": target, "y1": target,
                             "line": {"color": TARGET, "width": 1, "dash": "dash"}}]
    return {"data": [{"type": "scatter", "x": periods, "y": values, "mode": "lines+markers",
                      "line": {"color": MAIN, "width": 2}, "marker": {"size": 5}, "name": label,
                      "hovertemplate": "%{x}: " + ("%{y:.1%}" if unit == PERCENT else "%{y:,.1f}") + "<extra></extra>"}],
            "layout": layout}
