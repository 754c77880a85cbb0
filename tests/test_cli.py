"""The commands as a user runs them, in a fresh process each."""
from __future__ import annotations

import os
import subprocess
import sys

from data.settings import PROJECT_ROOT
from tests.builders import EPISODES, episode
from tests.conftest import write_csv


def _flask(tmp_path, *args, database_url=""):
    env = {**os.environ, "IRO_INSTANCE_DIR": str(tmp_path / "instance"), "DATABASE_URL": database_url}
    return subprocess.run([sys.executable, "-m", "flask", "--app", "app", *args], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=600)


def test_setup_fills_an_empty_database_once(tmp_path):
    first = _flask(tmp_path, "setup")
    assert first.returncode == 0, first.stderr
    assert "generating demo data" in first.stdout and "succeeded" in first.stdout
    second = _flask(tmp_path, "setup")
    assert second.returncode == 0 and "generating demo data" not in second.stdout
    assert (tmp_path / "instance" / "iro.sqlite").exists()


def test_a_bad_file_fails_with_exit_1_and_names_the_place(tmp_path, database_url):
    path = write_csv(tmp_path, "episodes.csv", EPISODES, [episode("A1", "31/02/2024")])
    done = _flask(tmp_path, "import", str(path), database_url=database_url)
    assert done.returncode == 1
    assert "Nothing was imported" in done.stderr
    assert f"{path}, row 2, column DECOM: not a date" in done.stderr
    assert "(value '31/02/2024')" in done.stderr


def test_findings_command_lists_an_imports_findings(tmp_path):
    path = write_csv(tmp_path, "episodes.csv", EPISODES, [episode("A1", "01/02/2024", pl="")])
    assert _flask(tmp_path, "import", str(path)).returncode == 0
    listed = _flask(tmp_path, "findings")
    assert "missing postcode" in listed.stdout and "row 2" in listed.stdout
