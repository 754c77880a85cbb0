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
    env = {**os.environ, "IRO_INSTANCE_DIR": str(tmp_path), "DATABASE_URL": ""}
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "app", "import", str(SAMPLE)],
                          cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "succeeded" in done.stdout and "data quality findings" in done.stdout
