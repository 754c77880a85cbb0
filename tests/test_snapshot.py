"""Snapshot files: what one process works out from a data version, mapped by every other."""
from __future__ import annotations

import mmap
from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from data import snapshot, store
from data.measures.dataset import FACTS, ONCE, PROFILES
from tests.conftest import demo_instance


def _frame(rows: int = 5000) -> pd.DataFrame:
    return pd.DataFrame({"number": np.arange(rows), "text": [f"child {i}" for i in range(rows)],
                         "kind": pd.Categorical(["PN1", "PN2"] * (rows // 2)),
                         "day": pd.to_datetime(["2025-03-31"] * rows).astype("datetime64[s]"),
                         "maybe": pd.array([1, None] * (rows // 2), dtype="Int64"),
                         "share": np.linspace(0, 1, rows)})


def _maps_a_file(array: np.ndarray) -> bool:
    while getattr(array, "base", None) is not None:
        array = array.base
    return isinstance(array, memoryview) and isinstance(array.obj, mmap.mmap)


def test_a_snapshot_gives_back_what_was_saved_viewing_the_file_not_a_copy(tmp_path):
    frame = _frame()
    snapshot.save({"frame": frame, "label": "x"}, tmp_path / "a.snapshot")
    back = snapshot.load(tmp_path / "a.snapshot")
    pd.testing.assert_frame_equal(back["frame"], frame)
    assert back["label"] == "x"
    for column in ("number", "day", "share"):  # the map of the file, not memory of its own
        assert _maps_a_file(np.asarray(back["frame"][column].array)), column


def test_a_process_writing_to_a_mapped_frame_changes_neither_the_file_nor_another_reader(tmp_path):
    snapshot.save(_frame(), tmp_path / "a.snapshot")
    first, second = snapshot.load(tmp_path / "a.snapshot"), snapshot.load(tmp_path / "a.snapshot")
    first.loc[first["number"] < 10, "number"] = -1
    assert (first["number"].head(10) == -1).all()
    assert second["number"].head(10).tolist() == list(range(10))
    assert snapshot.load(tmp_path / "a.snapshot")["number"].head(10).tolist() == list(range(10))


def test_a_file_cut_short_is_refused_by_name(tmp_path):
    path = tmp_path / "cut.snapshot"
    snapshot.save(_frame(), path)
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(snapshot.SnapshotError, match="cut.snapshot"):
        snapshot.load(path)


@pytest.fixture
def instance(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "_loaded", {})
    return demo_instance(tmp_path, children=60, seed=3)


def test_a_worker_maps_the_snapshot_the_first_made_and_never_reads_the_tables(instance, monkeypatch):
    settings = instance
    made = store._open(settings, 1)
    path = store.snapshot_path(settings, 1)
    assert path.exists()

    def no_reading(*_):
        raise AssertionError("read the database although a snapshot was there")
    monkeypatch.setattr(store, "_read", no_reading)
    mapped = store._open(settings, 1)
    for tier in (ONCE, FACTS, PROFILES):
        assert set(mapped.store(tier).keys()) == set(made.store(tier).keys())
        assert len(mapped.store(tier)) > 0
    pd.testing.assert_frame_equal(mapped.episodes, made.episodes)
    assert _maps_a_file(mapped.episodes["_id"].to_numpy())


def test_a_new_import_gets_its_own_snapshot_and_the_old_one_goes(instance, tmp_path):
    settings = instance
    store.prepare(settings)
    old = store.snapshot_path(settings, 1)
    assert old.exists()
    from data import db
    from data.ingest.importer import import_paths
    import_paths(db.get_engine(settings.database_url), [settings.instance_dir / "demo"], settings.council_code)
    store.prepare(settings)
    assert store.snapshot_path(settings, 2).exists() and not old.exists()
    assert store.dataset(settings).version == 2


def test_a_change_to_the_measures_code_names_another_file(instance, monkeypatch):
    before = store.snapshot_path(instance, 1)
    monkeypatch.setattr(store, "_code_fingerprint", lambda: "changed")
    assert store.snapshot_path(instance, 1) != before


def test_a_database_made_again_whose_import_has_the_same_number_gets_another_file(instance):
    before = store.snapshot_path(instance, 1)
    from sqlalchemy import update
    from data import db
    from data.schema import imports
    with db.get_engine(instance.database_url).begin() as connection:
        connection.execute(update(imports).where(imports.c.id == 1).values(finished_at=datetime(2001, 1, 1)))
    assert store.snapshot_path(instance, 1) != before
