"""What each input file holds: its table, columns, types, key and code lists by year.

One source of truth for the importer, the database schema and the demo data generator.
Collection years are named by the year they end in: 2024 is April 2023 to March 2024.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

TEXT, DATE, CODE, NUMBER = "text", "date", "code", "number"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = TEXT
    length: int = 10
    codes: str | None = None  # name of a code list in CODE_LISTS, for kind CODE
    required: bool = True
    low: float | None = None  # allowed range, for kind NUMBER
    high: float | None = None

    @property
    def db_name(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class TableSpec:
    name: str  # table name in the database
    label: str  # what a person calls it
    files: tuple[str, ...]  # file names (without year prefix or extension) that hold it
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # key columns; the council (LA) is always part of the key too
    source: str = "903"  # "903" or "local"
    per_year: bool = False  # one row per child per collection year (OC2, OC3)
    by_council: bool = True  # False for reference data shared by every council

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def key_date(self) -> str | None:
        """The database name of the date in the row's key (episode start, review date...), if any."""
        return next((k.lower() for k in self.key if self.column(k).kind == DATE), None)

    @property
    def key_columns(self) -> tuple[str, ...]:
        """Database key columns, in order."""
        council = ("la",) if self.by_council else ()
        year = ("year",) if self.per_year else ()
        return council + tuple(k.lower() for k in self.key) + year


def _codes(*spans: tuple[str, int | None, int | None]) -> dict[str, tuple[int | None, int | None]]:
    """Build a code list from (space-separated codes, first year valid, last year valid)."""
    out = {}
    for codes, first, last in spans:
        for code in codes.split():
            out[code] = (first, last)
    return out


ALWAYS = (None, None)
ETHNIC_GROUPS = {
    "White": "WBRI WIRI WIRT WOTH WROM",
    "Mixed": "MWBC MWBA MWAS MOTH",
    "Asian": "AIND APKN ABAN AOTH CHNE",
    "Black": "BCRB BAFR BOTH",
    "Other": "OOTH",
    "Not known": "REFU NOBT",
}

# Year limits follow ssda903.md. Where it says only "old codes" (OC3 F3/P3), they are taken
# as valid up to 2016, so every return in the sample years flags them.
CODE_LISTS: dict[str, dict[str, tuple[int | None, int | None]]] = {
    "SEX": _codes(("1 2", None, 2024), ("M F U", 2025, None)),
    "ETHNIC": _codes((" ".join(ETHNIC_GROUPS.values()), *ALWAYS)),
    "LS": _codes(("C1 C2 D1 E1 V2 V3 V4 L1 L2 L3 J1 J2 J3", *ALWAYS)),
    "RNE": _codes(("S L P T B U", *ALWAYS)),
    "CIN": _codes(("N1 N2 N3 N4 N5 N6 N7 N8", *ALWAYS)),
    "PLACE": _codes(
        ("A3 A4 A5 A6 K1 K2 P1 P3 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6", *ALWAYS),
        ("H5 P2 Z1", None, 2025),
        ("K3", 2024, None),
        ("Z11 Z12 Z13 Z14", 2026, None),
    ),
    "PLACE_PROVIDER": _codes(("PR0 PR1 PR2 PR3 PR4 PR5", *ALWAYS)),
    "REC": _codes(("X1 E11 E12 E13 E14 E15 E16 E17 E2 E3 E41 E45 E46 E47 E48 E4A E4B "
                   "E5 E6 E7 E8 E9", *ALWAYS)),
    "REVIEW_CODE": _codes(("PN0 PN1 PN2 PN3 PN4 PN5 PN6 PN7", *ALWAYS)),
    "IN_TOUCH": _codes(("YES NO DIED REFU NREQ RHOM", *ALWAYS)),
    "ACTIV": _codes(("F1 P1 F2 P2 F4 P4 F5 P5 G4 G5 G6 0", *ALWAYS), ("F3 P3", None, 2016)),
    "MISSING": _codes(("M A", *ALWAYS)),
    "MOTHER": _codes(("0 1", *ALWAYS)),
    "STAGE": _codes(("INFORMAL 1 2 3 4", *ALWAYS)),
    "CATEGORY": _codes(("ADMIN_REPORT ADMIN_CAREPLAN ADMIN_OTHER PERMANENCE PLACEMENT HEALTH "
                        "EDUCATION CONTACT SAFEGUARDING LEGAL RECOMMENDATION OTHER", *ALWAYS)),
    "OUTCOME": _codes(("RESOLVED PARTLY NOT_RESOLVED WITHDRAWN", *ALWAYS)),
    "YN": _codes(("Y N", *ALWAYS)),
    "RESPONDENT": _codes(("CHILD PARENT CARER OTHER", *ALWAYS)),
    "CHAIRED": _codes(("NO CO FULL", *ALWAYS)),
}
# Codes with a shape rather than a list: OC3 accommodation is a letter and 1 or 2, or 0.
CODE_PATTERNS = {"ACCOM": re.compile(r"^(?:[A-Z][12]|0)$")}


def code_status(list_name: str, code: str, year: int | None) -> str | None:
    """None if the code is valid; else 'unknown' or 'not valid for the year'."""
    if list_name in CODE_PATTERNS:
        return None if CODE_PATTERNS[list_name].match(code) else "unknown"
    span = CODE_LISTS[list_name].get(code)
    if span is None:
        return "unknown"
    first, last = span
    if year is not None and ((first and year < first) or (last and year > last)):
        return "not valid for the year"
    return None


def _child(**kw) -> Column:
    return Column("CHILD", **kw)


def _dob(required: bool = True) -> Column:
    return Column("DOB", DATE, required=required)


def _code(name: str, codes: str | None = None, **kw) -> Column:
    kw.setdefault("length", 20)
    return Column(name, CODE, codes=codes or name, **kw)


def _flag(name: str) -> Column:
    return Column(name, TEXT, length=2, required=False)


TABLES: tuple[TableSpec, ...] = (
    TableSpec("header", "Header", ("header",), (
        _child(), _code("SEX"), _dob(), _code("ETHNIC"),
        Column("UPN", length=13, required=False), _code("MOTHER", required=False),
        Column("MC_DOB", DATE, required=False),
    ), key=("CHILD",)),
    TableSpec("episodes", "Episodes", ("episodes",), (
        _child(), Column("DECOM", DATE), _code("RNE"), _code("LS"), _code("CIN"),
        _code("PLACE"), _code("PLACE_PROVIDER", required=False), Column("DEC", DATE),
        _code("REC"), Column("REASON_PLACE_CHANGE", length=6, required=False),
        Column("HOME_POST", length=8), Column("PL_POST", length=8),
        Column("URN", length=10, required=False),
    ), key=("CHILD", "DECOM")),
    TableSpec("reviews", "Reviews", ("reviews",), (
        _child(), _dob(required=False), Column("REVIEW", DATE), _code("REVIEW_CODE"),
    ), key=("CHILD", "REVIEW")),
    TableSpec("uasc", "UASC", ("uasc",), (
        _child(), _code("SEX", required=False), _dob(required=False), Column("DUC", DATE),
    ), key=("CHILD",)),
    TableSpec("oc2", "OC2 (outcomes)", ("oc2",), (
        _child(), _dob(required=False), Column("SDQ_SCORE", NUMBER, required=False, low=0, high=40),
        Column("SDQ_REASON", length=4, required=False), _flag("CONVICTED"), _flag("HEALTH_CHECK"),
        _flag("IMMUNISATIONS"), _flag("TEETH_CHECK"), _flag("HEALTH_ASSESSMENT"),
        _flag("SUBSTANCE_MISUSE"), _flag("INTERVENTION_RECEIVED"), _flag("INTERVENTION_OFFERED"),
    ), key=("CHILD",), per_year=True),
    TableSpec("oc3", "OC3 (care leavers)", ("oc3",), (
        _child(), _dob(), _code("IN_TOUCH"), _code("ACTIV"), _code("ACCOM"),
    ), key=("CHILD",), per_year=True),
    TableSpec("ad1", "AD1 (adoption)", ("ad1",), (
        _child(), _dob(required=False), Column("DATE_INT", DATE, required=False),
        Column("DATE_MATCH", DATE, required=False), _flag("FOSTER_CARE"), _flag("NB_ADOPTR"),
        Column("SEX_ADOPTR", length=2, required=False), Column("LS_ADOPTR", length=3, required=False),
    ), key=("CHILD",)),
    TableSpec("placed_adoption", "Placed for adoption", ("placed_for_adoption", "placed_adoption"), (
        _child(), _dob(required=False), Column("DATE_PLACED", DATE),
        Column("DATE_PLACED_CEASED", DATE, required=False),
        Column("REASON_PLACED_CEASED", length=3, required=False),
    ), key=("CHILD", "DATE_PLACED")),
    TableSpec("previous_permanence", "Previous permanence", ("previous_permanence", "prevperm"), (
        _child(), _dob(required=False), Column("PREV_PERM", length=2, required=False),
        Column("LA_PERM", length=10, required=False), Column("DATE_PERM", length=10, required=False),
    ), key=("CHILD",)),
    TableSpec("missing", "Missing", ("missing",), (
        _child(), _dob(required=False), _code("MISSING"), Column("MIS_START", DATE),
        Column("MIS_END", DATE, required=False),
    ), key=("CHILD", "MIS_START")),
    TableSpec("sw_episodes", "Social worker episodes", ("sw_episodes",), (
        _child(), _dob(required=False), Column("SW_ID", length=20), Column("SW_DECOM", DATE),
        Column("SW_DEC", DATE, required=False), Column("SW_REASON", length=6, required=False),
    ), key=("CHILD", "SW_DECOM")),
    # Local extracts (local-extracts.md)
    TableSpec("iros", "IROs", ("iros",), (
        Column("IRO_ID", length=20), Column("NAME", length=100, required=False),
        Column("TEAM", length=60, required=False), Column("FTE", NUMBER, low=0, high=1),
        Column("START", DATE, required=False), Column("END", DATE, required=False),
    ), key=("IRO_ID",), source="local"),
    TableSpec("iro_allocations", "IRO allocations", ("iro_allocations",), (
        _child(), Column("IRO_ID", length=20), Column("START", DATE), Column("END", DATE, required=False),
    ), key=("CHILD", "IRO_ID", "START"), source="local"),
    TableSpec("escalations", "Escalations", ("escalations",), (
        Column("ESCALATION_ID", length=20), _child(), Column("IRO_ID", length=20, required=False),
        Column("RAISED", DATE), _code("HIGHEST_STAGE", "STAGE"), _code("CATEGORY"),
        Column("RESOLVED", DATE, required=False), _code("OUTCOME", required=False),
        _code("CAFCASS", "YN", required=False),
    ), key=("ESCALATION_ID",), source="local"),
    TableSpec("eet_status", "Education, employment and training status", ("eet_status",), (
        _child(), Column("STATUS_DATE", DATE), _code("ACTIV"), Column("ADVISER", length=60, required=False),
    ), key=("CHILD", "STATUS_DATE"), source="local"),
    TableSpec("feedback", "Review feedback", ("feedback",), (
        _child(), Column("REVIEW", DATE), _code("RESPONDENT"), _code("RETURNED", "YN"),
        _code("ADVOCATE_OFFERED", "YN", required=False), _code("CHILD_CHAIRED", "CHAIRED", required=False),
    ), key=("CHILD", "REVIEW", "RESPONDENT"), source="local"),
    TableSpec("midway", "Midway checks", ("midway",), (
        _child(), Column("CHECK_DATE", DATE),
    ), key=("CHILD", "CHECK_DATE"), source="local"),
    TableSpec("child_teams", "Social work teams", ("child_teams",), (
        _child(), Column("TEAM", length=60), Column("START", DATE), Column("END", DATE, required=False),
    ), key=("CHILD", "START"), source="local"),
    TableSpec("postcode_centroids", "Postcode centroids", ("postcode_centroids",), (
        Column("POSTCODE", length=8), Column("LAT", NUMBER, low=49, high=61),
        Column("LON", NUMBER, low=-9, high=3),
    ), key=("POSTCODE",), source="local", by_council=False),
)

TABLES_BY_NAME = {t.name: t for t in TABLES}
TABLES_BY_FILE = {f: t for t in TABLES for f in t.files}

# Columns a regional extract adds to every table.
COUNCIL_COLUMN, YEAR_COLUMN = "LA", "YEAR"
