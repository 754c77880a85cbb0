"""The collection year of files that name none is inferred from the data; refused only where the files disagree."""
from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import select

from data.ingest.collection_year import year_ending_after
from data.ingest.importer import import_paths
from data.ingest.problems import ImportFailed
from data.schema import DATA_TABLES
from tests.builders import EPISODES, HEADER, OC3, REVIEWS, episode
from tests.conftest import write_csv


def _years(engine, table: str) -> list:
    with engine.connect() as connection:
        return sorted(pd.read_sql(select(DATA_TABLES[table]), connection)["year"].tolist())


@pytest.mark.parametrize("day, year", [("2024-03-31", 2024), ("2024-04-01", 2025), ("2023-12-31", 2024)])
def test_y001_the_31_march_on_or_after(day, year):
    assert year_ending_after(pd.Timestamp(day)) == year


def test_y002_files_naming_no_year_take_the_year_of_their_latest_episode_or_review(engine, tmp_path):
    write_csv(tmp_path, "header.csv", HEADER, [["A1", "1", "01/05/2010", "WBRI", "", "", ""]])
    write_csv(tmp_path, "episodes.csv", EPISODES, [episode("A1", "02/10/2023", dec="15/01/2024", rec="X1"),
                                                   episode("A1", "15/01/2024", rne="P")])
    write_csv(tmp_path, "reviews.csv", REVIEWS, [["A1", "", "02/04/2024", "PN1"]])
    write_csv(tmp_path, "oc3.csv", OC3, [["C3", "01/01/2005", "YES", "G5", "D1"]])
    result = import_paths(engine, [tmp_path], "999")
    assert result.year_choice.year == 2025
    assert "inferred" in str(result.year_choice) and "02/04/2024" in str(result.year_choice)
    assert _years(engine, "header") == [2025] and _years(engine, "oc3") == [2025]
    assert set(_years(engine, "episodes")) == {2025}


def test_y003_files_with_no_dates_take_the_one_year_the_other_files_name(engine, tmp_path):
    write_csv(tmp_path, "header.csv", HEADER, [["A1", "1", "01/05/2010", "WBRI", "", "", ""]])
    write_csv(tmp_path, "oc3.csv", OC3, [["C3", "01/01/2005", "YES", "G5", "D1"]])
    write_csv(tmp_path, "2024-episodes.csv", EPISODES, [episode("A1", "02/10/2023")])
    result = import_paths(engine, [tmp_path], "999")
    assert result.year_choice.year == 2024 and "other files" in str(result.year_choice)
    assert _years(engine, "oc3") == [2024]


def test_y004_refused_where_the_files_disagree(engine, tmp_path):
    write_csv(tmp_path, "oc3.csv", OC3, [["C3", "01/01/2005", "YES", "G5", "D1"]])
    write_csv(tmp_path, "2023-episodes.csv", EPISODES, [episode("A1", "02/10/2022")])
    write_csv(tmp_path, "2024-episodes.csv", EPISODES, [episode("A1", "02/10/2023")])
    with pytest.raises(ImportFailed) as failed:
        import_paths(engine, [tmp_path], "999")
    error = failed.value.errors[0]
    assert error.file.endswith("oc3.csv") and "several years (2022-23, 2023-24)" in error.reason
    assert "--year" in error.reason


def test_y005_a_named_year_is_never_overridden(engine, tmp_path):
    write_csv(tmp_path, "episodes.csv", EPISODES, [episode("A1", "02/10/2023")])
    result = import_paths(engine, [tmp_path / "episodes.csv"], "999", year=2026)
    assert result.year_choice is None and _years(engine, "episodes") == [2026]


def test_y006_with_nothing_to_infer_from_a_per_year_table_is_refused_and_others_load_without_a_year(engine, tmp_path):
    write_csv(tmp_path / "oc3", "oc3.csv", OC3, [["C3", "01/01/2005", "YES", "G5", "D1"]])
    with pytest.raises(ImportFailed) as failed:
        import_paths(engine, [tmp_path / "oc3"], "999")
    assert "none can be inferred" in failed.value.errors[0].reason
    write_csv(tmp_path / "header", "header.csv", HEADER, [["A1", "1", "01/05/2010", "WBRI", "", "", ""]])
    result = import_paths(engine, [tmp_path / "header"], "999")
    assert result.year_choice.year is None and "not checked" in str(result.year_choice)
