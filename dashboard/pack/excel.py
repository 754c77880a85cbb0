"""Every measure for a run of periods as a workbook: a sheet per theme, a definitions sheet.
Numbers are numbers with formats (percentages as percentages); no cell is ever a formula."""
from __future__ import annotations

from io import BytesIO

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from data.measures.catalogue import MEASURES, THEMES

FORMATS = {"percent": "0.0%", "count": "#,##0", "rate": "#,##0.0", "ratio": "#,##0.0"}
COLUMNS = [("Measure", "measure", 46), ("Period", "period", 11), ("Figure", "value", 10), ("Number", "numerator", 10),
           ("Out of", "denominator", 10), ("Status", "status", 22), ("Target", "target", 9), ("Measure id", "measure_id", 30)]


def workbook_bytes(table: pd.DataFrame, title: str, rules: dict, words=lambda text: text) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for theme in THEMES:
        rows = table[table["theme"] == theme]
        if not rows.empty:
            _theme_sheet(book.create_sheet(theme[:31]), rows, title)
    _definitions_sheet(book.create_sheet("Definitions"), rules, dict(zip(table["measure_id"], table["unit"])), words)
    book.properties.title = title
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _theme_sheet(sheet, rows: pd.DataFrame, title: str) -> None:
    _text(sheet.cell(1, 1), title).font = Font(bold=True, size=13)
    for column, (heading, _, width) in enumerate(COLUMNS, start=1):
        _text(sheet.cell(3, column), heading).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = width
    for offset, row in enumerate(rows.itertuples(), start=4):
        for column, (_, field, _) in enumerate(COLUMNS, start=1):
            value = getattr(row, field)
            cell = sheet.cell(offset, column)
            if field in ("value", "numerator", "denominator", "target"):
                if value is None or pd.isna(value):
                    _text(cell, "withheld" if row.withheld and field != "target" else "")
                else:
                    cell.value = float(value)
                    cell.number_format = FORMATS.get(row.unit, "General") if field in ("value", "target") \
                        else "#,##0.##"
            else:
                _text(cell, "" if value is None else str(value))
    sheet.freeze_panes = "B4"


def _definitions_sheet(sheet, rules: dict, units: dict, words) -> None:
    headings = ["Measure id", "Theme", "Measure", "Definition", "Better", "Green from", "Amber from", "Target"]
    for column, heading in enumerate(headings, start=1):
        _text(sheet.cell(1, column), heading).font = Font(bold=True)
    for row, measure in enumerate(MEASURES, start=2):
        rule = rules.get(measure.id)
        values = [measure.id, measure.theme, words(measure.name), words(measure.definition),
                  (rule.direction.split("_")[0] if rule else "no rule")]
        for column, value in enumerate(values, start=1):
            _text(sheet.cell(row, column), value)
        for column, number in enumerate((rule.green, rule.amber, rule.target) if rule else (), start=6):
            if number is not None:
                sheet.cell(row, column).value = float(number)
                sheet.cell(row, column).number_format = FORMATS.get(units.get(measure.id), "General")
    for column, width in zip("ABCDEFGH", (30, 14, 40, 90, 10, 11, 11, 9)):
        sheet.column_dimensions[column].width = width


def _text(cell, value: str):
    """Text stays text: openpyxl would store a string starting with '=' as a formula."""
    cell.value = value
    cell.data_type = "s"
    return cell
