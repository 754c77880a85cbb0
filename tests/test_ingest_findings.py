"""Each kind of data quality finding is reported, stored with the import, and names its rows."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from data.ingest.importer import import_paths
from data.schema import findings as findings_table
from tests.builders import EPISODES, HEADER, REVIEWS, episode
from tests.conftest import write_csv


def _council_with_warts(folder):
    write_csv(folder, "2024-header.csv", HEADER + ["NOTES"], [
        ["A1", "1", "01/05/2010", "WBRI", "", "", "", "x"],
        ["B2", "M", "30/06/2019", "XXXX", "", "", "", ""],  # M not valid in 2023-24; XXXX unknown
    ])
    write_csv(folder, "2024-episodes.csv", EPISODES, [
        episode("A1", "02/10/2023", dec="15/01/2024", rec="X1"),
        episode("A1", "15/01/2024", rne="P", dec="01/03/2024", rec="E4A"),
        episode("A1", "01/06/2024", rne="P", pl=""),  # starts a period without S; no placement postcode
        episode("B2", "03/04/2023", rec="X1"),  # X1 but not ended
        episode("B2", "01/05/2023", rne="P"),  # overlaps the open episode before it
        episode("C3", "01/01/2024", place="U4"),  # no header row
    ])
    write_csv(folder, "2024-reviews.csv", REVIEWS, [
        ["A1", "01/05/2010", "27/10/2023", "PN1"],
        ["A1", "01/05/2010", "20/04/2024", "PN1"],  # between periods: outside care
        ["A1", "01/05/2010", "20/07/2024", ""],  # missing code
        ["B2", "30/06/2019", "28/04/2023", "PN0"],
        ["B2", "30/06/2019", "01/07/2023", "PN9"],  # unknown code
        ["A1", "01/05/2010", "27/10/2023", "PN1"],  # duplicate of row 2
    ])
    # D4, in files without a year: PN0 given at 8 years old.
    write_csv(folder, "header.csv", HEADER, [["D4", "2", "01/01/2015", "WBRI", "", "", ""]])
    write_csv(folder, "episodes.csv", EPISODES, [episode("D4", "01/01/2023")])
    write_csv(folder, "reviews.csv", REVIEWS, [["D4", "01/01/2015", "01/06/2023", "PN0"]])
    return folder


@pytest.fixture
def result(engine, tmp_path):
    return import_paths(engine, [_council_with_warts(tmp_path / "warts")], "999")


def _find(result, kind):
    return [f for f in result.findings if f.kind == kind]


EXPECTED = [
    ("extra column ignored", "2024-header.csv", 1, "NOTES", None),
    ("code not valid for the year", "2024-header.csv", 3, "SEX", "B2"),
    ("code unknown", "2024-header.csv", 3, "ETHNIC", "B2"),
    ("code unknown", "2024-reviews.csv", 6, "REVIEW_CODE", "B2"),
    ("period start not marked S", "2024-episodes.csv", 4, "RNE", "A1"),
    ("missing postcode", "2024-episodes.csv", 4, "PL_POST", "A1"),
    ("X1 on an episode that has not ended", "2024-episodes.csv", 5, "REC", "B2"),
    ("overlapping episodes", "2024-episodes.csv", 5, "DEC", "B2"),
    ("child with no header row", "2024-episodes.csv", 7, "CHILD", "C3"),
    ("review outside any period of care", "2024-reviews.csv", 3, "REVIEW", "A1"),
    ("missing review code", "2024-reviews.csv", 4, "REVIEW_CODE", "A1"),
    ("duplicate key", "2024-reviews.csv", 7, None, "A1"),
    ("PN0 for a child aged 4 or over", "reviews.csv", 2, "REVIEW_CODE", "D4"),
]


@pytest.mark.parametrize("kind, file, row, column, child", EXPECTED, ids=[e[0] + "-" + str(e[2]) for e in EXPECTED])
def test_finding_names_its_row(result, kind, file, row, column, child):
    hits = [f for f in _find(result, kind) if f.file.endswith(file) and f.row == row]
    assert hits, f"no {kind!r} at {file} row {row}; found {[str(f) for f in _find(result, kind)]}"
    assert hits[0].column == column
    assert hits[0].child == child


def test_findings_do_not_flag_clean_rows(result):
    outside = _find(result, "review outside any period of care")
    assert [(f.child, f.row) for f in outside] == [("A1", 3)]
    assert not [f for f in _find(result, "period start not marked S") if f.child == "B2"]


def test_findings_are_stored_with_the_import(result, engine):
    with engine.connect() as connection:
        stored = connection.execute(select(findings_table).where(
            findings_table.c.import_id == result.import_id)).all()
    assert len(stored) == len(result.findings)
    assert {r.kind for r in stored} >= {e[0] for e in EXPECTED}


def test_period_starts_are_judged_on_every_episode_and_only_where_the_returns_loaded_can_tell(engine, tmp_path):
    write_csv(tmp_path, "2024-episodes.csv", EPISODES, [
        episode("S1", "01/05/2023", ls="V3", dec="01/06/2023", rec="X1"),  # a short break...
        episode("S1", "01/06/2023", rne="L"),  # ...that care continued from: no new period
        episode("B1", "01/01/2022", rne="P"),  # began before 2023-24, the only year loaded: cannot tell
        episode("N1", "01/07/2023", rne="P"),  # began in the year with nothing before it: should be S
        episode("G1", "01/05/2023", dec="01/06/2023", rec="E4A"),
        episode("G1", "01/06/2023", rne="P"),  # care ended the same day (E4A): should be S
    ])
    write_csv(tmp_path, "2024-reviews.csv", REVIEWS, [
        ["N1", "", "01/02/2023", "PN1"],  # before 2023-24: the returns loaded do not cover it
        ["N1", "", "01/06/2023", "PN1"],  # in the year, before N1 came into care: outside
        ["B1", "", "01/06/2023", "PN1"],  # inside B1's care
    ])
    result = import_paths(engine, [tmp_path], "999")
    starts = {(f.child, f.row) for f in result.findings if f.rule == "IRO-start-not-S"}
    assert starts == {("N1", 5), ("G1", 7)}
    outside = {(f.child, f.row) for f in result.findings if f.rule == "IRO-review-outside"}
    assert outside == {("N1", 3)}
