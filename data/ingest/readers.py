"""Files to raw tables: text cells with their file positions, nothing typed yet.

A CSV file holds one table, named by its file name (optionally year-prefixed:
`2021-episodes.csv`). A 903 XML file holds every table. Problems that make a file unreadable
are collected as blocking errors; reading carries on with the other files so that one run
reports everything wrong.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import sax as safe_sax
from xml.sax.handler import ContentHandler

from data.ingest.problems import Problem
from data.ingest.specs import TABLES_BY_FILE, TABLES_BY_NAME, TableSpec

YEAR_PREFIX = re.compile(r"^(?P<year>(?:19|20)\d\d)[-_](?P<name>.+)$")
DATA_SUFFIXES = (".csv", ".xml")


@dataclass
class RawTable:
    """Cells as written, one list per row, with the position of each row in its file."""

    file: str
    spec: TableSpec
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    file_year: int | None = None


def find_files(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Expand folders. Returns (data files, other files skipped inside folders).

    A file named directly is always taken, so that a wrong one is reported, not ignored."""
    files, skipped = [], []
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                (files if child.suffix.lower() in DATA_SUFFIXES else skipped).append(child)
        else:
            files.append(path)
    return files, skipped


def split_name(path: Path) -> tuple[int | None, str]:
    """'2021-episodes.csv' -> (2021, 'episodes')."""
    stem = path.stem.lower()
    match = YEAR_PREFIX.match(stem)
    if match:
        return int(match["year"]), match["name"]
    return None, stem


def read_file(path: Path, display: str, errors: list[Problem]) -> list[RawTable]:
    if not path.exists():
        errors.append(Problem(display, "file not found"))
        return []
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix not in DATA_SUFFIXES:
        errors.append(Problem(display, "not a CSV or XML file (expected a name ending .csv or .xml)"))
        return []
    if b"\x00" in data[:65536]:
        errors.append(Problem(display, f"not a {suffix[1:].upper()} text file: it holds binary data"))
        return []
    text = _decode(data, display, errors)
    if text is None:
        return []
    if suffix == ".xml":
        return read_xml(text, display, split_name(path)[0], errors)
    return read_csv(text, display, path, errors)


def _decode(data: bytes, display: str, errors: list[Problem]) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        errors.append(Problem(display, "not UTF-8 text: save the file as UTF-8 (or plain ASCII) "
                              f"and import again; first bad byte at position {exc.start}",
                              row=row, value=data[exc.start:exc.start + 1].hex()))
        return None


def read_csv(text: str, display: str, path: Path, errors: list[Problem]) -> list[RawTable]:
    file_year, name = split_name(path)
    spec = TABLES_BY_FILE.get(name)
    if spec is None:
        known = ", ".join(sorted(TABLES_BY_FILE))
        errors.append(Problem(display, f"file name not recognised as a 903 table or local extract "
                              f"(expected one of: {known}; a year prefix like 2024- is allowed)"))
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            errors.append(Problem(display, "the file is empty: a header row is required", row=1))
            return []
        table = RawTable(display, spec, [cell.strip().upper() for cell in header], file_year=file_year)
        width = len(header)
        for number, cells in enumerate(reader, start=2):
            if not "".join(cells).strip():
                continue  # blank lines are not rows
            if len(cells) != width:
                errors.append(Problem(display, f"row has {len(cells)} cells but the header has {width}",
                                      row=number))
                continue
            table.rows.append(cells)
            table.positions.append(number)
    except csv.Error as exc:
        errors.append(Problem(display, f"not a readable CSV file: {exc}", row=reader.line_num))
        return []
    return [table]


# The XML form: EXPSSDA903 > CHILD > HEADER (+ nested tables) and EPISODE elements.
XML_TAG_TABLES = {"HEADER": "header", "EPISODE": "episodes", "AREVIEW": "reviews",
                  "AMISSING": "missing", "OC2": "oc2", "PERMANENCE": "previous_permanence",
                  "AD_PLACED": "placed_adoption"}
XML_RENAMES = {"CHILDID": "CHILD", "PL": "PLACE"}
# Tables whose fields sit directly in HEADER: filled when HEADER carries any of their fields.
XML_HEADER_TABLES = ("oc3", "uasc", "ad1")


class _XmlRows(ContentHandler):
    """Collects each record element's child fields with the line it starts on."""

    def __init__(self):
        super().__init__()
        self.records: list[tuple[str, int, dict[str, str], str | None]] = []
        self._stack: list[tuple[str, int, dict[str, str]]] = []
        self._text: list[str] = []
        self._child_id: str | None = None

    def startElement(self, name, attrs):
        self._text = []
        if name in XML_TAG_TABLES:
            self._stack.append((name, self._locator.getLineNumber(), {}))
        elif name == "CHILD":
            self._child_id = None

    def characters(self, content):
        self._text.append(content)

    def endElement(self, name):
        if name in XML_TAG_TABLES:
            tag, line, fields = self._stack.pop()
            self.records.append((tag, line, fields, self._child_id))
        elif self._stack:
            field_name = XML_RENAMES.get(name, name)
            value = "".join(self._text).strip()
            self._stack[-1][2][field_name] = value
            if field_name == "CHILD" and self._stack[-1][0] == "HEADER":
                self._child_id = value
        self._text = []


def read_xml(text: str, display: str, file_year: int | None, errors: list[Problem]) -> list[RawTable]:
    handler = _XmlRows()
    try:
        safe_sax.parseString(text.encode("utf-8"), handler)
    except Exception as exc:  # defusedxml and expat raise several kinds; each means "not readable"
        line = getattr(exc, "getLineNumber", lambda: None)()
        errors.append(Problem(display, f"malformed XML: {exc}", row=line))
        return []
    tables: dict[str, RawTable] = {}

    def add(table_name: str, line: int, fields: dict[str, str]) -> None:
        spec = TABLES_BY_NAME[table_name]
        if table_name not in tables:
            tables[table_name] = RawTable(display, spec, list(spec.column_names), file_year=file_year)
        tables[table_name].rows.append([fields.get(c, "") for c in spec.column_names])
        tables[table_name].positions.append(line)

    for tag, line, fields, child_id in handler.records:
        table_name = XML_TAG_TABLES[tag]
        # Nested records and episodes take the child's id from the HEADER around them.
        fields.setdefault("CHILD", child_id or "")
        add(table_name, line, fields)
        if tag == "HEADER":
            for extra in XML_HEADER_TABLES:
                spec = TABLES_BY_NAME[extra]
                own = [c for c in spec.column_names if c not in ("CHILD", "DOB", "SEX")]
                if any(fields.get(c) for c in own):
                    add(extra, line, fields)
    if not tables:
        errors.append(Problem(display, "the XML holds no CHILD records (root EXPSSDA903 expected)"))
    return list(tables.values())
