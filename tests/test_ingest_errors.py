"""Every kind of blocking error stops the whole import, names file, row and column, and leaves
the database as it was (row counts and a checksum of every table)."""
from __future__ import annotations

import pytest

from data.ingest.importer import import_paths
from data.ingest.problems import ImportFailed
from tests.builders import EPISODES, HEADER, REVIEWS, episode, good_council
from tests.conftest import import_outcomes, snapshot, write_csv


def _not_csv(folder):
    path = folder / "report.docx"
    path.write_bytes(b"PK\x03\x04 a word document")
    return [path], ("report.docx", None, None, "not a CSV or XML file")


def _binary_csv(folder):
    path = folder / "episodes.csv"
    path.write_bytes(b"CHILD,DECOM\x00\x01\x02")
    return [path], ("episodes.csv", None, None, "binary data")


def _wrong_encoding(folder):
    path = write_csv(folder, "header.csv", HEADER, [["Z9", "1", "01/01/2012", "WBRI", "", "", ""],
                                                     ["Z8", "1", "01/01/2012", "WBRI", "é", "", ""]],
                     encoding="latin-1")
    return [path], ("header.csv", 3, None, "not UTF-8")


def _missing_column(folder):
    path = write_csv(folder, "reviews.csv", ["CHILD", "DOB", "REVIEW"], [["A1", "01/05/2010", "01/02/2024"]])
    return [path], ("reviews.csv", 1, "REVIEW_CODE", "required column REVIEW_CODE is missing")


def _blank_child(folder):
    path = write_csv(folder, "reviews.csv", REVIEWS, [["A1", "", "01/02/2024", "PN1"], ["", "", "02/02/2024", "PN1"]])
    return [path], ("reviews.csv", 3, "CHILD", "blank, but it is part of the row's key")


def _blank_key_date(folder):
    path = write_csv(folder, "episodes.csv", EPISODES, [episode("A1", "")])
    return [path], ("episodes.csv", 2, "DECOM", "blank, but it is part of the row's key")


def _bad_key_date(folder):
    path = write_csv(folder, "episodes.csv", EPISODES, [episode("A1", "2024/13/45")])
    return [path], ("episodes.csv", 2, "DECOM", "not a date")


def _bad_other_date(folder):
    path = write_csv(folder, "episodes.csv", EPISODES, [episode("A1", "01/06/2024"),
                                                        episode("B2", "01/06/2024", dec="31/02/2024", rec="E4A")])
    return [path], ("episodes.csv", 3, "DEC", "not a date")


def _malformed_xml(folder):
    path = folder / "return.xml"
    path.write_text("<EXPSSDA903><CHILD><HEADER><CHILDID>A1</CHILDID></HEADER></EXPSSDA903>")
    return [path], ("return.xml", 1, None, "malformed XML")


def _too_long(folder):
    path = write_csv(folder, "header.csv", HEADER, [["A1234567890123", "1", "01/01/2012", "WBRI", "", "", ""]])
    return [path], ("header.csv", 2, "CHILD", "longer than the 10 characters allowed")


def _formula_injection(folder):
    path = write_csv(folder, "eet_status.csv", ["CHILD", "STATUS_DATE", "ACTIV", "ADVISER"],
                     [["A1", "2024-01-01", "G5", "PA 1"], ["A2", "2024-01-01", "G5", '=HYPERLINK("http://x","y")']])
    return [path], ("eet_status.csv", 3, "ADVISER", "a spreadsheet would run it as a formula")


def _unknown_file_name(folder):
    path = write_csv(folder, "placements.csv", ["CHILD"], [["A1"]])
    return [path], ("placements.csv", None, None, "file name not recognised")


def _ragged_row(folder):
    path = folder / "reviews.csv"
    path.write_text("CHILD,DOB,REVIEW,REVIEW_CODE\nA1,01/05/2010,01/02/2024,PN1,extra\n")
    return [path], ("reviews.csv", 2, None, "row has 5 cells but the header has 4")


def _not_a_number(folder):
    path = write_csv(folder, "iros.csv", ["IRO_ID", "NAME", "TEAM", "FTE", "START", "END"],
                     [["I1", "IRO 1", "T", "full", "", ""]])
    return [path], ("iros.csv", 2, "FTE", "not a number")


CASES = [_not_csv, _binary_csv, _wrong_encoding, _missing_column, _blank_child, _blank_key_date,
         _bad_key_date, _bad_other_date, _malformed_xml, _too_long, _formula_injection, _unknown_file_name, _ragged_row,
         _not_a_number]


@pytest.mark.parametrize("make_bad", CASES, ids=[c.__name__.strip("_") for c in CASES])
def test_blocking_error_changes_nothing(make_bad, engine, tmp_path):
    good = good_council(tmp_path / "good")
    import_paths(engine, [good], "999")
    before = snapshot(engine)

    bad_folder = tmp_path / "bad"
    bad_folder.mkdir()
    # The bad file travels with good ones: none of them may load.
    good_again = good_council(tmp_path / "good2")
    write_csv(good_again, "header.csv", HEADER, [["NEW1", "1", "01/01/2015", "WBRI", "", "", ""]])
    paths, (file, row, column, reason) = make_bad(bad_folder)
    with pytest.raises(ImportFailed) as failed:
        import_paths(engine, [good_again] + paths, "999")

    matching = [e for e in failed.value.errors if e.file.endswith(file) and reason in e.reason]
    assert matching, f"no error naming {file} and {reason!r}; got {[str(e) for e in failed.value.errors]}"
    assert matching[0].row == row
    assert matching[0].column == column
    assert snapshot(engine) == before
    assert import_outcomes(engine) == ["succeeded", "failed"]


def test_every_error_is_reported_not_just_the_first(engine, tmp_path):
    write_csv(tmp_path, "episodes.csv", EPISODES, [episode("A1", "99/99/2024"), episode("", "01/01/2024"),
                                                   episode("B2", "01/01/2024", dec="tomorrow")])
    with pytest.raises(ImportFailed) as failed:
        import_paths(engine, [tmp_path / "episodes.csv"], "999")
    places = sorted((e.row, e.column) for e in failed.value.errors)
    assert places == [(2, "DECOM"), (3, "CHILD"), (4, "DEC")]
    assert "episodes.csv, row 4, column DEC: not a date" in str(failed.value.errors[-1]) or \
        any("row 4, column DEC: not a date" in str(e) for e in failed.value.errors)
