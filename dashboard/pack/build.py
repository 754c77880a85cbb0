"""The pack and the workbook as files, from gathered content."""
from __future__ import annotations

import pandas as pd

from dashboard.pack.excel import workbook_bytes
from dashboard.pack.html import pack_html
from dashboard.pack.pdf import html_to_pdf, plotly_js
from data.pack_content import Pack


def pack_pdf(pack: Pack) -> bytes:
    html = pack_html(pack, plotly_js())
    return html_to_pdf(html, charts=html.count('<div class="chart"'))


def measures_workbook(table: pd.DataFrame, council_name: str, period: str, role: str, rules: dict, words,
                      as_at: str = "") -> bytes:
    title = f"{council_name}: IRO service measures to {period} ({role})"
    withheld = " Numbers from 1 to 4, and any that would give one away, are withheld." if role == "committee" else ""
    source = (f"Source: {council_name}'s SSDA903 returns and local extracts. {period} is as at {as_at}; each earlier "
              f"period at its last day.{withheld}")
    return workbook_bytes(table, title, rules, words, source)


def file_name(council_name: str, period: str, role: str, suffix: str) -> str:
    safe = "".join(c if c.isalnum() else "-" for c in council_name.lower()).strip("-")
    return f"iro-{safe}-{period}-{role}.{suffix}"
