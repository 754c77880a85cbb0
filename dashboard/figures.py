"""Results to plotly figures (graph_objects only: plotly.express costs 20 times as much per figure).
Figures carry aggregates only; suppression has already been applied to what they are given."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.theme import BAND, CHART_COLOURS, MAIN, TARGET

PERCENT, COUNT = "percent", "count"


def _layout(fig: go.Figure, title: str, y_title: str, unit: str, height: int = 320) -> go.Figure:
    fig.update_layout(
        title={"text": title, "font": {"size": 15}}, height=height, margin={"l": 60, "r": 20, "t": 50, "b": 50},
        paper_bgcolor="white", plot_bgcolor="white", font={"family": "system-ui, sans-serif", "color": "#0b0c0c"},
        hoverlabel={"bgcolor": "white"}, legend={"orientation": "h", "y": -0.2},
        yaxis={"title": y_title, "gridcolor": "#e5e5e5", "rangemode": "tozero",
               "tickformat": ".0%" if unit == PERCENT else ",~r"},
        xaxis={"type": "category"},
    )
    return fig


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


def trend_bars(frame: pd.DataFrame, title: str, unit: str, y_title: str, target: float | None = None,
               band: tuple[float, float] | None = None) -> go.Figure:
    """Bars over periods (frame: period, value, numerator, denominator) with the target as a line."""
    fig = go.Figure(go.Bar(x=frame["period"].to_numpy(), y=frame["value"].to_numpy(), marker_color=MAIN,
                           name=y_title, customdata=_counts_text(frame["numerator"], frame["denominator"]),
                           hovertemplate=_hover(unit)))
    if "England" in frame and frame["England"].notna().any():
        fig.add_scatter(x=frame["period"].to_numpy(), y=frame["England"].to_numpy(), name="England",
                        mode="lines+markers", line={"color": CHART_COLOURS[1], "width": 3},
                        marker={"symbol": "diamond", "size": 9},
                        hovertemplate="<b>England</b> %{x}<br>%{y:,.1f}<extra></extra>")
        fig.data[0].name = "This council"
    if "status" in frame:
        _mark_withheld(fig, frame["period"][frame["status"] == "WITHHELD"], horizontal=False)
    if target is not None:
        fig.add_hline(y=target, line={"color": TARGET, "dash": "dash", "width": 2},
                      annotation_text=f"Target {target:.0%}" if unit == PERCENT else f"Target {target:,}",
                      annotation_position="top left")
    if band:
        fig.add_hrect(y0=band[0], y1=band[1], fillcolor=BAND, line_width=0,
                      annotation_text=f"Guide {band[0]}-{band[1]}", annotation_position="top left")
    return _layout(fig, title, y_title, unit)


def breakdown_bars(frame: pd.DataFrame, title: str, unit: str, x_title: str, target: float | None = None,
                   height: int | None = None) -> go.Figure:
    """Horizontal bars, one per group (frame: group, value or numerator, numerator, denominator)."""
    values = frame["value"] if unit == PERCENT else frame["numerator"]
    denominators = frame["denominator"] if "denominator" in frame and unit == PERCENT else [None] * len(frame)
    fig = go.Figure(go.Bar(y=frame["group"].astype(str).to_numpy(), x=pd.to_numeric(values).to_numpy(),
                           orientation="h", marker_color=MAIN,
                           customdata=_counts_text(frame["numerator"], denominators),
                           hovertemplate="<b>%{y}</b><br>" + ("%{x:.1%}" if unit == PERCENT else "%{x:,}")
                           + "<br>%{customdata}<extra></extra>"))
    if "suppressed" in frame:
        hidden = frame["suppressed"].fillna(False).astype(bool) & pd.to_numeric(values).isna()
        _mark_withheld(fig, frame["group"].astype(str)[hidden], horizontal=True)
    if target is not None:
        fig.add_vline(x=target, line={"color": TARGET, "dash": "dash", "width": 2},
                      annotation_text=f"Target {target:.0%}" if unit == PERCENT else f"{target:,}")
    fig = _layout(fig, title, "", unit, height or max(220, 60 + 36 * len(frame)))
    fig.update_layout(yaxis={"type": "category", "autorange": "reversed", "tickformat": None, "title": None},
                      xaxis={"type": "linear", "title": x_title, "gridcolor": "#e5e5e5", "rangemode": "tozero",
                             "tickformat": ".0%" if unit == PERCENT else ",~r"})
    return fig


def _mark_withheld(fig: go.Figure, where: pd.Series, horizontal: bool) -> None:
    """The word "withheld" where a withheld bar would be, so that nobody reads an empty place as nought."""
    if not len(where):
        return
    at = where.to_numpy()
    zeros = [0] * len(at)
    fig.add_scatter(x=zeros if horizontal else at, y=at if horizontal else zeros, mode="text",
                    text=["withheld"] * len(at), textposition="middle right" if horizontal else "top center",
                    textfont={"color": "#505a5f"}, showlegend=False, hoverinfo="skip", cliponaxis=False)


def caseload_bars(frame: pd.DataFrame, title: str, band: tuple[int, int]) -> go.Figure:
    """Children per full-time IRO, one bar per IRO, with the guide band shaded."""
    fig = breakdown_bars(frame.assign(numerator=frame["value"].round(1)), title, COUNT, "Children per full-time IRO")
    fig.add_vrect(x0=band[0], x1=band[1], fillcolor=BAND, line_width=0, annotation_text="IRO Handbook guide")
    return fig


def sparkline(frame: pd.DataFrame, unit: str, label: str) -> dict:
    """A small trend line for a tile, as a plain figure dict: a page shows a dozen of these, and
    building them as validated graph_objects cost more than computing the measures."""
    values = [None if v is None or pd.isna(v) else float(v) for v in frame["value"]]
    return {"data": [{"type": "scatter", "x": list(frame["period"]), "y": values, "mode": "lines+markers",
                      "line": {"color": MAIN, "width": 2}, "marker": {"size": 5}, "name": label,
                      "hovertemplate": "%{x}: " + ("%{y:.1%}" if unit == PERCENT else "%{y:,.1f}") + "<extra></extra>"}],
            "layout": {"height": 60, "margin": {"l": 0, "r": 0, "t": 4, "b": 4}, "showlegend": False,
                       "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)",
                       "xaxis": {"visible": False, "type": "category"}, "yaxis": {"visible": False}}}
