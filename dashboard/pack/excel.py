"""Every measure for a run of periods as a workbook a councillor can read: a sheet per theme with
measures down and periods across, then a definitions sheet.
Numbers are numbers with formats (percentages as percentages); no cell is ever a formula."""
from __future__ import annotations

from io import BytesIO

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from data.measures.catalogue import MEASURES, THEMES
from data.measures.result import status_words

FORMATS = {"percent": "0.0%", "count": "#,##0", "rate": "#,##0.0", "ratio": "#,##0.0"}
WHOLE = "#,##0"  # counts of children, reviews, escalations: whole numbers
# The rows each measure takes, as a councillor reads down a sheet: (what, the table's column).
LINES = (("Figure", "value"), ("Number", "numerator"), ("Out of", "denominator"), ("Status", "status"))
FIRST_ROW = 5  # after the title, the source line, the as-at line and a gap


def workbook_bytes(table: pd.DataFrame, title: str, rules: dict, words=lambda text: text, source: str = "") -> bytes:
    """A sheet per theme: a measure's figure, number, out of and status as rows, the periods as
    columns (oldest first), its target in the last column; then the definitions."""
    book = Workbook()
    book.remove(book.active)
    for theme in THEMES:
        rows = table[table["theme"] == theme]
        if not rows.empty:
            _theme_sheet(book.create_sheet(theme[:31]), rows, title, source)
    _definitions_sheet(book.create_sheet("Definitions"), rules, dict(zip(table["measure_id"], table["unit"])), words)
    book.properties.title = title
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _theme_sheet(sheet, rows: pd.DataFrame, title: str, source: str) -> None:
    periods = list(dict.fromkeys(rows["period"]))
    _text(sheet.cell(1, 1), title).font = Font(bold=True, size=13)
    _text(sheet.cell(2, 1), source)
    headings = ["Measure", "", *periods, "Target"]
    for column, heading in enumerate(headings, start=1):
        _text(sheet.cell(FIRST_ROW - 1, column), heading).font = Font(bold=True)
    row_number = FIRST_ROW
    for measure_id, measure_rows in rows.groupby("measure_id", sort=False):
        by_period = measure_rows.set_index("period")
        first = measure_rows.iloc[0]
        lines = [line for line in LINES if line[1] != "denominator" or first["unit"] == "percent"]
        for offset, (what, field) in enumerate(lines):
            if offset == 0:
                _text(sheet.cell(row_number, 1), first["measure"]).font = Font(bold=True)
            _text(sheet.cell(row_number, 2), what)
            for column, period in enumerate(periods, start=3):
                record = by_period.loc[period]
                _put(sheet.cell(row_number, column), record[field], field, first["unit"], bool(record["withheld"]))
            if field == "value" and first["target"] is not None and not pd.isna(first["target"]):
                _put(sheet.cell(row_number, len(periods) + 3), first["target"], "value", first["unit"], False)
            row_number += 1
        row_number += 1  # a blank row between measures
    for column, width in zip(range(1, len(headings) + 1), [58, 9, *[13] * len(periods), 9]):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(FIRST_ROW, 3)


def _put(cell, value, field: str, unit: str, withheld: bool) -> None:
    if field == "status":
        _text(cell, status_words(value))
    elif value is None or pd.isna(value):
        _text(cell, "withheld" if withheld else "")
    else:
        cell.value = float(value)
        cell.number_format = FORMATS.get(unit, "General") if field == "value" else WHOLE


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
