"""The committee pack as one printable HTML document: cover, RAG summary, then each theme with
its charts, numbers, commentary, definitions and thresholds. Status is always an icon and a word,
so the pack reads in black and white."""
from __future__ import annotations

from html import escape

import pandas as pd
import plotly.io as pio

from dashboard import figures
from dashboard.components import format_value
from dashboard.theme import status_style
from data.pack_content import Pack, PackEntry

ROLE_WORDS = {"committee": "the scrutiny committee (small numbers withheld)", "director": "directors",
              "manager": "service managers", "admin": "administrators"}
CHART_CONFIG = {"staticPlot": True, "displayModeBar": False}


def pack_html(pack: Pack, plotly_js: str) -> str:
    title = f"IRO service performance report {pack.period} - {pack.council_name}"
    body = [_cover(pack), _summary(pack)]
    for theme, entries in pack.themes:
        body.append(f'<section class="theme"><h2>{escape(theme)}</h2>'
                    + "".join(_entry(e) for e in entries) + "</section>")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{STYLE}</style><script>{plotly_js}</script></head><body>{''.join(body)}</body></html>")


def _cover(pack: Pack) -> str:
    filters = "; ".join(f"{k.replace('_', ' ')}: {', '.join(v)}" for k, v in pack.filters.items()) or "none"
    withheld = ("<p>Numbers from 1 to 4 are withheld, with any number that would let one be worked out, so "
                "that no child can be identified. A withheld figure shows as “withheld”.</p>"
                if pack.small_numbers_withheld else "")
    return (f'<section class="cover"><p class="council">{escape(pack.council_name)}</p>'
            f"<h1>Independent Reviewing Officer service: performance report</h1>"
            f'<p class="period">Period {escape(pack.period)}, as at {escape(pack.as_at)}</p>'
            f"<p>Prepared for {escape(ROLE_WORDS.get(pack.role, pack.role))}. Filters: {escape(filters)}.</p>"
            f"<p>Produced from the IRO service dashboard on {pack.generated_at:%d %B %Y at %H:%M}.</p>"
            f"{withheld}<p>Status key: {_status('GREEN')} {_status('AMBER')} {_status('RED')} "
            f"{_status('NO DATA')} {_status('WITHHELD') if pack.small_numbers_withheld else ''}</p></section>")


def _summary(pack: Pack) -> str:
    rows = []
    for theme, entries in pack.themes:
        for e in entries:
            rule = e.result.rule
            target = format_value(rule.target, e.result.unit) if rule and rule.target is not None else ""
            rows.append(f"<tr><td>{escape(theme)}</td><td>{escape(e.name)}</td>"
                        f"<td class='num'>{_figure(e.result)}</td><td>{_status(e.result.status)}</td>"
                        f"<td class='num'>{target}</td><td>{escape(_change(e))}</td></tr>")
    return ('<section class="summary"><h2>Summary: every measure at a glance</h2><table><thead><tr>'
            '<th scope="col">Theme</th><th scope="col">Measure</th><th scope="col">Figure</th>'
            '<th scope="col">Status</th><th scope="col">Target</th><th scope="col">Change since '
            f'{escape(pack.previous_period)}</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></section>")


def _entry(e: PackEntry) -> str:
    result = e.result
    chart = ""
    if e.trend["value"].notna().any():
        rule = result.rule
        figure = figures.trend_bars(e.trend, e.name, result.unit, "Share" if result.unit == "percent" else "Number",
                                    rule.target if rule else None)
        figure["layout"].update(title=None, height=260, width=640, margin={"l": 60, "r": 20, "t": 20, "b": 40})
        chart = (f'<figure><div class="chart" aria-hidden="true">'
                 f"{pio.to_html(figure, include_plotlyjs=False, full_html=False, config=CHART_CONFIG)}</div>"
                 f"<figcaption>{escape(e.name)}, last {len(e.trend)} periods (the numbers are in the table below)."
                 "</figcaption></figure>")
    return (f'<article class="measure"><h3>{escape(e.name)}</h3>'
            f"<p class='headline'>{_figure(result)} {_status(result.status)}</p>"
            f"{chart}{_trend_table(e)}{_commentary(e)}"
            f"<p class='definition'><strong>Definition.</strong> {escape(e.definition)}</p>"
            f"<p class='definition'><strong>Status rule.</strong> {escape(_rule_text(e))}</p></article>")


def _trend_table(e: PackEntry) -> str:
    rows = "".join(
        f"<tr><th scope='row'>{escape(str(r.period))}</th><td class='num'>{format_value(r.value, e.result.unit)}"
        f"</td><td class='num'>{_count(r.numerator)}</td><td class='num'>{_count(r.denominator)}</td>"
        f"<td>{_status(r.status)}</td></tr>" for r in e.trend.itertuples())
    return ("<table class='trend'><thead><tr><th scope='col'>Period</th><th scope='col'>Figure</th>"
            "<th scope='col'>Number</th><th scope='col'>Out of</th><th scope='col'>Status</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _commentary(e: PackEntry) -> str:
    if e.comment is not None:
        c = e.comment
        return (f"<div class='commentary'><h4>Commentary</h4><p>{escape(c.text)}</p><p class='by'>"
                f"{escape(c.author)}, {c.written_at:%d %B %Y} (version {c.version})</p></div>")
    return (f"<div class='commentary draft'><h4>Summary drafted from the data</h4><p>{escape(e.draft)}</p>"
            "<p class='by'>No manager's commentary has been written for this period.</p></div>")


def _rule_text(e: PackEntry) -> str:
    rule = e.result.rule
    if rule is None:
        return "No red/amber/green rule: shown for context."
    unit = e.result.unit
    better = "higher" if rule.direction.startswith("higher") else "lower"
    compare = "at least" if better == "higher" else "at most"
    target = f" Target {format_value(rule.target, unit)}." if rule.target is not None else ""
    return (f"{better.capitalize()} is better. Green: {compare} {format_value(rule.green, unit)}; amber: {compare} "
            f"{format_value(rule.amber, unit)}; otherwise red.{target}")


def _figure(result) -> str:
    if result.suppressed:
        return "withheld"
    text = format_value(result.value, result.unit)
    if result.unit == "percent" and result.numerator is not None and result.denominator is not None:
        text += f" ({result.numerator:,.0f} of {result.denominator:,.0f})"
    return escape(text)


def _change(e: PackEntry) -> str:
    now, before = e.result.value, e.previous.value
    if now is None or before is None or pd.isna(now) or pd.isna(before):
        return "no comparison"
    difference = now - before
    if abs(difference) < 1e-9:
        return "no change"
    amount = f"{abs(difference) * 100:.1f} points" if e.result.unit == "percent" else \
        format_value(abs(difference), e.result.unit)
    return f"{'up' if difference > 0 else 'down'} {amount}"


def _count(value) -> str:
    return "withheld" if value is None or pd.isna(value) else f"{value:,.0f}"


def _status(status) -> str:
    icon, word, background, colour = status_style(status)
    return f"<span class='status' style='background:{background};color:{colour}'>{icon} {escape(word)}</span>"


STYLE = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
body { font-family: "DejaVu Sans", system-ui, sans-serif; font-size: 10pt; color: #0b0c0c; line-height: 1.35; }
h1 { font-size: 22pt; margin: 0 0 8mm; } h2 { font-size: 15pt; margin: 0 0 4mm; } h3 { font-size: 12pt; margin: 5mm 0 1mm; }
h4 { font-size: 10pt; margin: 2mm 0 1mm; }
.cover { break-after: page; padding-top: 40mm; } .cover .council { font-size: 14pt; } .cover .period { font-size: 14pt; }
.summary { break-after: page; } .theme { break-before: page; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 9pt; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 1.2mm 1.5mm; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #0b0c0c; } .num { text-align: right; white-space: nowrap; }
.status { border: 1px solid #0b0c0c; border-radius: 2mm; padding: 0 1.5mm; white-space: nowrap; font-size: 8.5pt; }
.measure { break-inside: avoid; border-top: 1px solid #b1b4b6; padding-top: 1mm; }
.headline { font-size: 12pt; margin: 1mm 0; } figure { margin: 0; } figcaption { font-size: 8pt; color: #505a5f; }
.chart { height: 260px; width: 640px; } table.trend { width: auto; }
.commentary { border-left: 3px solid #0b0c0c; padding-left: 3mm; margin: 2mm 0; }
.commentary.draft { border-left-style: dashed; } .by, .definition { font-size: 8.5pt; color: #383f43; }
"""
