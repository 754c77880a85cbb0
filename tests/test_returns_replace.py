"""A return replaces what it corrects: after importing a council's return for a year the database
holds exactly that return's rows for that year; rows it no longer has are removed and counted.
Earlier years stay; a failed import removes nothing."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from sqlalchemy import select

from data.ingest.importer import import_paths
from data.ingest.problems import ImportFailed
from data.schema import DATA_TABLES, imports
from tests.builders import EPISODES, HEADER, REVIEWS, episode
from tests.conftest import snapshot, write_csv


def _return(folder, year: int, episodes: list[list], reviews: list[list] | None = None):
    write_csv(folder, f"{year}-header.csv", HEADER, [["A1", "1", "01/05/2010", "WBRI", "", "", ""],
                                                     ["B2", "2", "30/06/2012", "WBRI", "", "", ""]])
    write_csv(folder, f"{year}-episodes.csv", EPISODES, episodes)
    write_csv(folder, f"{year}-reviews.csv", REVIEWS, reviews or [])
    return folder


def _episodes(engine) -> list[tuple]:
    with engine.connect() as connection:
        rows = pd.read_sql(select(DATA_TABLES["episodes"]), connection)
    return sorted((r.child, pd.Timestamp(r.decom).strftime("%d/%m/%Y"), int(r.year)) for r in rows.itertuples())


def test_r001_a_corrected_return_leaves_one_episode_not_two_and_counts_the_removal(engine, tmp_path):
    import_paths(engine, [_return(tmp_path / "first", 2024, [episode("A1", "02/10/2023"), episode("B2", "01/11/2023")])],
                 "999")
    corrected = import_paths(engine, [_return(tmp_path / "corrected", 2024,
                                              [episode("A1", "03/10/2023"), episode("B2", "01/11/2023")])], "999")
    assert _episodes(engine) == [("A1", "03/10/2023", 2024), ("B2", "01/11/2023", 2024)]
    counts = corrected.counts["episodes"]
    assert (counts.read, counts.inserted, counts.unchanged, counts.removed) == (2, 1, 1, 1)
    assert counts.inserted + counts.updated + counts.unchanged + counts.merged == counts.read
    with engine.connect() as connection:
        logged = connection.execute(select(imports).order_by(imports.c.id.desc())).first()
    assert logged.removed == 1 and json.loads(logged.summary)["episodes"]["removed"] == 1


def test_r002_earlier_years_stay(engine, tmp_path):
    import_paths(engine, [_return(tmp_path / "y23", 2023, [episode("B2", "01/05/2022", dec="01/06/2022", rec="E4A")])],
                 "999")
    later = import_paths(engine, [_return(tmp_path / "y24", 2024, [episode("A1", "02/10/2023")])], "999")
    assert _episodes(engine) == [("A1", "02/10/2023", 2024), ("B2", "01/05/2022", 2023)]
    assert later.counts["episodes"].removed == 0


def test_r003_a_row_a_later_return_repeated_belongs_to_that_return(engine, tmp_path):
    """An episode in the 2023 and 2024 returns alike, then dropped by a corrected 2024 return, goes."""
    same = episode("A1", "02/10/2022")
    import_paths(engine, [_return(tmp_path / "y23", 2023, [same])], "999")
    import_paths(engine, [_return(tmp_path / "y24", 2024, [same])], "999")
    assert _episodes(engine) == [("A1", "02/10/2022", 2024)]
    corrected = import_paths(engine, [_return(tmp_path / "y24b", 2024, [episode("A1", "03/10/2022")])], "999")
    assert _episodes(engine) == [("A1", "03/10/2022", 2024)]
    assert corrected.counts["episodes"].removed == 1


def test_r004_one_import_of_several_years_keeps_each_years_rows(engine, tmp_path):
    folder = _return(tmp_path / "both", 2023, [episode("B2", "01/05/2022", dec="01/06/2022", rec="E4A")])
    _return(folder, 2024, [episode("A1", "02/10/2023")])
    import_paths(engine, [folder], "999")
    again = import_paths(engine, [folder], "999")
    assert _episodes(engine) == [("A1", "02/10/2023", 2024), ("B2", "01/05/2022", 2023)]
    assert again.counts["episodes"].removed == 0 and again.counts["episodes"].unchanged == 2


def test_r005_reviews_and_per_year_tables_are_replaced_too(engine, tmp_path):
    import_paths(engine, [_return(tmp_path / "a", 2024, [episode("A1", "02/10/2023")],
                                  [["A1", "", "27/10/2023", "PN1"], ["A1", "", "20/01/2024", "PN1"]])], "999")
    corrected = import_paths(engine, [_return(tmp_path / "b", 2024, [episode("A1", "02/10/2023")],
                                              [["A1", "", "27/10/2023", "PN1"]])], "999")
    assert corrected.counts["reviews"].removed == 1
    with engine.connect() as connection:
        assert len(pd.read_sql(select(DATA_TABLES["reviews"]), connection)) == 1


def test_r006_a_failed_corrected_return_removes_nothing(engine, tmp_path):
    import_paths(engine, [_return(tmp_path / "first", 2024, [episode("A1", "02/10/2023"), episode("B2", "01/11/2023")])],
                 "999")
    before = snapshot(engine)
    bad = _return(tmp_path / "bad", 2024, [episode("A1", "03/10/2023"), episode("B2", "31/02/2024")])
    with pytest.raises(ImportFailed):
        import_paths(engine, [bad], "999")
    assert snapshot(engine) == before
