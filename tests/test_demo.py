"""The demo council: deterministic for a seed, believable, and loaded through the real importer."""
from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from data.demo import DemoSpec, write_demo
from data.ingest.importer import import_paths
from data.measures.care import periods_of_care


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.csv"))}


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    write_demo(DemoSpec(children=60, seed=7), tmp_path / "a")
    write_demo(DemoSpec(children=60, seed=7), tmp_path / "b")
    write_demo(DemoSpec(children=60, seed=8), tmp_path / "c")
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    write_demo(DemoSpec(), folder)
    return folder


def _read(folder, name, dates=()):
    frame = pd.read_csv(folder / name, dtype=str, keep_default_na=False).replace("", None)
    for column in dates:
        frame[column] = pd.to_datetime(frame[column], dayfirst=True, format="mixed").astype("datetime64[s]")
    return frame


def test_about_350_children_in_care_at_each_year_end(demo_files):
    episodes = _read(demo_files, "episodes.csv", ("DECOM", "DEC"))
    episodes.columns = episodes.columns.str.lower()
    episodes["la"] = "999"
    periods = periods_of_care(episodes)
    for year in range(2022, 2027):
        day = pd.Timestamp(f"{year}-03-31")
        in_care = periods[(periods["start"] <= day) & (periods["end"].isna() | (periods["end"] > day))]
        assert 290 <= in_care["child"].nunique() <= 410, (year, in_care["child"].nunique())


def test_the_mix_is_believable(demo_files):
    episodes = _read(demo_files, "episodes.csv")
    place = episodes["PLACE"].str[0]
    assert 0.55 <= (place == "U").mean() <= 0.85  # mostly foster care
    reviews = _read(demo_files, "reviews.csv", ("DOB", "REVIEW"))
    under_four = reviews["REVIEW"] < reviews["DOB"] + pd.DateOffset(years=4)
    assert (reviews.loc[under_four, "REVIEW_CODE"].dropna() == "PN0").all()
    codes = set(reviews["REVIEW_CODE"].dropna())
    assert {"PN1", "PN6", "PN7", "PN0"} <= codes
    escalations = _read(demo_files, "escalations.csv")
    assert set(escalations["HIGHEST_STAGE"]) == {"INFORMAL", "1", "2", "3", "4"}
    assert escalations["RESOLVED"].isna().any()  # some still open
    eet = _read(demo_files, "eet_status.csv")
    assert eet["ACTIV"].isin(["G4", "G5", "G6"]).any()
    iros = _read(demo_files, "iros.csv")
    assert 4 <= len(iros) <= 8
    assert len(list(demo_files.glob("20??-oc3.csv"))) == 5


def test_no_names_only_pseudonymous_ids(demo_files):
    header = _read(demo_files, "header.csv")
    assert header["CHILD"].str.fullmatch(r"\d{6,7}").all()
    assert set(_read(demo_files, "iros.csv")["NAME"].str[:4]) == {"IRO "}


def test_the_demo_imports_through_the_real_importer(engine, demo_files):
    result = import_paths(engine, [demo_files], "999", source="demo")
    assert result.counts["episodes"].inserted == len(_read(demo_files, "episodes.csv"))
    assert not [f for f in result.findings if f.kind == "review outside any period of care"]
    assert set(result.counts) >= {"header", "episodes", "reviews", "uasc", "oc3", "iros", "iro_allocations",
                                  "escalations", "eet_status", "feedback", "midway", "child_teams",
                                  "postcode_centroids"}


def test_every_postcode_fits_the_903_field_for_a_region_of_150_councils(tmp_path):
    from data.demo import DemoSpec, Geography
    import random
    geography = Geography(random.Random(1), DemoSpec(children=10, councils=150))
    longest = max(len(geography.postcode(code, far=far, near_other=near)) for code in geography.council_codes
                  for far, near in ((False, False), (True, False), (False, True)) for _ in range(3))
    assert longest <= 8
