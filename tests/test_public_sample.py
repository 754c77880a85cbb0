"""A third party's synthetic 903 returns import cleanly, with findings, every row accounted for."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from data.ingest.importer import import_paths
from data.settings import PROJECT_ROOT

SAMPLE = PROJECT_ROOT.parent / "shared" / "data" / "public-903" / "cs-demand-model-samples"
pytestmark = pytest.mark.skipif(not SAMPLE.is_dir(), reason=f"third-party sample not present at {SAMPLE}")


def _data_rows(path: Path) -> int:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return sum(1 for row in list(csv.reader(handle))[1:] if any(cell.strip() for cell in row))


def test_every_row_of_the_sample_is_accounted_for(engine):
    result = import_paths(engine, [SAMPLE], "999")
    expected: dict[str, int] = {}
    for path in SAMPLE.glob("*.csv"):
        table = path.stem.split("-", 1)[1]
        expected[table] = expected.get(table, 0) + _data_rows(path)
    assert {t: c.read for t, c in result.counts.items()} == expected
    for counts in result.counts.values():
        assert counts.inserted + counts.updated + counts.unchanged + counts.merged == counts.read
    kinds = {f.kind for f in result.findings}
    assert {"duplicate key", "review outside any period of care", "code not valid for the year"} <= kinds
    assert sorted(result.skipped) == ["cs-demand-model-samples/LICENSE", "cs-demand-model-samples/SOURCE.md"]


def test_the_import_command_exits_zero_on_the_sample(tmp_path):
    """Without the DfE validator's environment (test_dfe_validation.py runs the rules on the sample):
    the import still succeeds and says why the rules did not run."""
    env = {**os.environ, "IRO_INSTANCE_DIR": str(tmp_path), "DATABASE_URL": "",
           "IRO_VALIDATOR_PYTHON": str(tmp_path / "no-validator" / "python")}
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "app", "import", str(SAMPLE)],
                          cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "succeeded" in done.stdout and "data quality findings" in done.stdout
    assert "DfE validation unavailable: the DfE validator's environment is not installed" in done.stdout


def test_one_years_return_flags_period_starts_as_the_dfe_rules_do_and_not_care_begun_before_it(tmp_path, dfe):
    """The 2021 return alone: every period start the importer flags, the DfE's rules 357, 432 or 433
    flag too; the few they flag beside are episodes that overlap the one before (reported as such).
    Reviews dated before the return's year are not called outside care: no loaded return covers them."""
    from data import db
    engine = db.get_engine(f"sqlite:///{tmp_path / 'one-year.sqlite'}")
    db.upgrade(engine)
    result = import_paths(engine, sorted(SAMPLE.glob("2021-*.csv")), "999", dfe=dfe)
    ours = {f.row for f in result.findings if f.rule == "IRO-start-not-S"}
    theirs = {f.row: f.child for f in result.validation.findings if f.rule in ("357", "432", "433")}
    overlapping = {f.child for f in result.findings if f.rule == "IRO-overlap"}
    assert len(ours) > 50 and ours <= set(theirs)
    assert {theirs[row] for row in set(theirs) - ours} <= overlapping
    outside = [f for f in result.findings if f.rule == "IRO-review-outside"]
    assert outside and all(str(f.key_date) >= "2020-04-01" for f in outside)
    with open(SAMPLE / "2021-reviews.csv", encoding="utf-8") as handle:
        earlier = [r for r in csv.DictReader(handle) if r["REVIEW"] and r["REVIEW"][-4:] < "2020"]
    assert len(earlier) > 100
