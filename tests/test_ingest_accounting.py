"""Nothing lost: every row read is inserted, updated, unchanged or merged; later returns win."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from data.ingest.importer import import_paths
from data.schema import DATA_TABLES
from tests.builders import EPISODES, HEADER, episode, good_council
from tests.conftest import count_rows, snapshot, write_csv


def _counts(result, table):
    c = result.counts[table]
    assert c.inserted + c.updated + c.unchanged + c.merged == c.read
    return c.inserted, c.updated, c.unchanged, c.merged


def _rows(engine, table):
    with engine.connect() as connection:
        return pd.read_sql(select(DATA_TABLES[table]), connection)


def test_first_import_inserts_every_row(engine, tmp_path):
    result = import_paths(engine, [good_council(tmp_path)], "999")
    assert _counts(result, "episodes") == (4, 0, 0, 0)
    assert _counts(result, "reviews") == (3, 0, 0, 0)
    assert count_rows(engine, "oc3") == 1
    assert result.total.read == 2 + 4 + 3 + 1


def test_reimporting_the_same_files_changes_nothing(engine, tmp_path):
    folder = good_council(tmp_path)
    import_paths(engine, [folder], "999")
    before = snapshot(engine)
    again = import_paths(engine, [folder], "999")
    assert _counts(again, "episodes") == (0, 0, 4, 0)
    assert {k: v for k, v in snapshot(engine).items() if k != "findings"} == \
        {k: v for k, v in before.items() if k != "findings"}


def test_a_later_return_updates_and_an_older_one_does_not(engine, tmp_path):
    write_csv(tmp_path / "y23", "2023-header.csv", HEADER, [["A1", "1", "01/05/2010", "WBRI", "", "", ""]])
    write_csv(tmp_path / "y24", "2024-header.csv", HEADER, [["A1", "1", "01/05/2010", "WIRI", "", "", ""]])
    import_paths(engine, [tmp_path / "y23"], "999")
    newer = import_paths(engine, [tmp_path / "y24"], "999")
    assert _counts(newer, "header") == (0, 1, 0, 0)
    older = import_paths(engine, [tmp_path / "y23"], "999")
    assert _counts(older, "header") == (0, 0, 1, 0)
    assert any(f.kind == "older return not loaded" for f in older.findings)
    assert _rows(engine, "header")["ethnic"].tolist() == ["WIRI"]


def test_duplicates_within_one_import_load_once_later_year_wins(engine, tmp_path):
    write_csv(tmp_path, "2024-header.csv", HEADER, [["A1", "1", "01/05/2010", "WIRI", "", "", ""]])
    write_csv(tmp_path, "2023-header.csv", HEADER, [["A1", "1", "01/05/2010", "WBRI", "", "", ""],
                                                    ["A1", "1", "01/05/2010", "WBRI", "", "", ""]])
    result = import_paths(engine, [tmp_path], "999")
    assert _counts(result, "header") == (1, 0, 0, 2)
    assert _rows(engine, "header")["ethnic"].tolist() == ["WIRI"]  # 2024 beats the 2023 rows
    duplicate = [f for f in result.findings if f.kind == "duplicate key"]
    assert len(duplicate) == 1
    message = duplicate[0].message
    assert "3 conflicting rows" in message
    for place in ("2023-header.csv row 2", "2023-header.csv row 3", "2024-header.csv row 2"):
        assert place in message


def test_without_a_year_the_later_row_wins(engine, tmp_path):
    write_csv(tmp_path, "header.csv", HEADER, [["A1", "1", "01/05/2010", "WBRI", "", "", ""],
                                               ["A1", "1", "01/05/2010", "WOTH", "", "", ""]])
    result = import_paths(engine, [tmp_path], "999")
    assert _counts(result, "header") == (1, 0, 0, 1)
    assert _rows(engine, "header")["ethnic"].tolist() == ["WOTH"]
    assert "identical" not in result.findings[0].message


def test_regional_la_and_year_columns_are_kept(engine, tmp_path):
    write_csv(tmp_path, "header.csv", ["LA", "YEAR"] + HEADER, [
        ["201", "2024", "A1", "1", "01/05/2010", "WBRI", "", "", ""],
        ["202", "2024", "A1", "2", "01/05/2011", "WBRI", "", "", ""],
    ])
    result = import_paths(engine, [tmp_path], "999")
    assert _counts(result, "header") == (2, 0, 0, 0)
    rows = _rows(engine, "header").sort_values("la")
    assert rows["la"].tolist() == ["201", "202"] and rows["year"].tolist() == [2024, 2024]


def test_single_council_data_takes_the_configured_council(engine, tmp_path):
    import_paths(engine, [good_council(tmp_path)], "812")
    assert set(_rows(engine, "episodes")["la"]) == {"812"}


def test_dates_in_both_forms_and_null_words_are_read(engine, tmp_path):
    write_csv(tmp_path, "episodes.csv", EPISODES, [
        episode("A1", "2024-01-15", dec="NULL", rec="NULL"), episode("B2", "15/01/2024", dec="", rec="")])
    import_paths(engine, [tmp_path], "999")
    rows = _rows(engine, "episodes")
    assert pd.to_datetime(rows["decom"]).dt.strftime("%Y-%m-%d").tolist() == ["2024-01-15", "2024-01-15"]
    assert rows["dec"].isna().all() and rows["rec"].isna().all()


def test_xml_return_loads_the_same_rows_as_csv(engine, tmp_path):
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<EXPSSDA903>
  <CHILD>
    <HEADER>
      <CHILDID>A1</CHILDID><SEX>1</SEX><DOB>01/05/2010</DOB><ETHNIC>WBRI</ETHNIC>
      <AREVIEW><REVIEW>27/10/2023</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>
      <IN_TOUCH>YES</IN_TOUCH><ACTIV>F2</ACTIV><ACCOM>D1</ACCOM>
    </HEADER>
    <EPISODE><DECOM>02/10/2023</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U4</PL>
      <PLACE_PROVIDER>PR1</PLACE_PROVIDER><HOME_POST>XX1 1AA</HOME_POST><PL_POST>XX2 2BB</PL_POST></EPISODE>
  </CHILD>
</EXPSSDA903>"""
    (tmp_path / "2024-return.xml").write_text(xml)
    result = import_paths(engine, [tmp_path / "2024-return.xml"], "999")
    assert {t: c.inserted for t, c in result.counts.items()} == {"header": 1, "episodes": 1, "reviews": 1, "oc3": 1}
    episodes = _rows(engine, "episodes")
    assert episodes["place"].tolist() == ["U4"] and episodes["child"].tolist() == ["A1"]
    assert _rows(engine, "reviews")["review_code"].tolist() == ["PN1"]
    assert _rows(engine, "oc3")["year"].tolist() == [2024]


def test_a_row_whose_key_holds_a_date_is_replaced_on_a_later_import(engine, tmp_path):
    """child_teams is keyed by CHILD and START: changing the END of a row already loaded deletes the
    old row by a date key, which must compare as a date on SQLite as on PostgreSQL."""
    header = ["CHILD", "TEAM", "START", "END"]
    write_csv(tmp_path / "first", "child_teams.csv", header, [["1282013", "South", "2025-11-25", ""]])
    write_csv(tmp_path / "second", "child_teams.csv", header, [["1282013", "South", "2025-11-25", "2026-04-14"]])
    import_paths(engine, [tmp_path / "first"], "999")
    changed = import_paths(engine, [tmp_path / "second"], "999")
    assert _counts(changed, "child_teams") == (0, 1, 0, 0)
    rows = _rows(engine, "child_teams")
    assert len(rows) == 1 and str(rows["end"].iloc[0])[:10] == "2026-04-14"
