"""The DfE's 903 validation rules on every import: the package's own findings, row by row, with
rule codes, progress while they run, and the stable `flask findings` forms."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from data import db
from data.ingest.importer import import_paths
from data.ingest.problems import DFE_KIND, OWN_RULES, Finding
from data.settings import PROJECT_ROOT
from tests.builders import good_council
from tests.test_public_sample import SAMPLE

# Rules that fire on the sample's 2021 return, over five tables.
CHECKED_RULES = ("392c", "357", "433", "440", "1012", "165", "546", "EPI")
STANDALONE = """
import glob, importlib, json, logging, sys
logging.disable(logging.CRITICAL)
from lac_validator.lac_validator import LacValidator
from lac_validator.types import UploadedFile
folder, rules = sys.argv[1], sys.argv[2].split(",")
def files(year, description):
    return [UploadedFile(name=p, description=description, file_content=open(p, "rb").read())
            for p in sorted(glob.glob(f"{folder}/{year}-*.csv"))]
registry = importlib.import_module("lac_validator.rules.lac2022_23").registry
run = LacValidator(metadata={"collectionYear": "2021", "localAuthority": "999"},
                   files=files(2021, "This year") + files(2020, "Prev year"), registry=registry,
                   selected_rules=rules)
flagged = []
for table, frame in run.ds_results.items():
    if table != "metadata":
        for rule in rules:
            if f"ERR_{rule}" in frame:
                flagged += [[rule, table, int(i)] for i in frame.index[frame[f"ERR_{rule}"].fillna(False).astype(bool)]]
print(json.dumps(flagged))
"""
TABLE_FILES = {"Episodes": "episodes", "Header": "header", "Reviews": "reviews", "OC2": "oc2", "OC3": "oc3",
               "PrevPerm": "previous_permanence"}


@pytest.fixture(scope="module")
def sample_import(tmp_path_factory, dfe):
    if not SAMPLE.is_dir():
        pytest.skip(f"third-party sample not present at {SAMPLE}")
    engine = db.get_engine(f"sqlite:///{tmp_path_factory.mktemp('dfe') / 'sample.sqlite'}")
    db.upgrade(engine)
    return import_paths(engine, [SAMPLE], "999", dfe=dfe)


def test_v001_the_sample_is_checked_with_the_earliest_rule_set_and_every_row_is_accounted_for(sample_import):
    validation = sample_import.validation
    assert validation.status == "done", validation.message
    assert [(r["year"], r["ruleset"]) for r in validation.runs] == [(y, "lac2022_23") for y in range(2017, 2022)]
    assert all("earliest rule set" in r["note"] for r in validation.runs)
    assert all(not r["failed"] for r in validation.runs)
    for counts in sample_import.counts.values():
        assert counts.inserted + counts.updated + counts.unchanged + counts.merged == counts.read
    codes = {f.rule for f in validation.findings}
    assert set(CHECKED_RULES) <= codes
    assert all(f.kind == DFE_KIND and f.file and f.row and f.message for f in validation.findings)


def test_v002_the_rows_flagged_are_those_the_package_flags_run_by_itself(sample_import, dfe):
    done = subprocess.run([str(dfe.python), "-c", STANDALONE, str(SAMPLE), ",".join(CHECKED_RULES)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    by_itself = {(rule, f"{TABLE_FILES[table]}", index + 2) for rule, table, index in json.loads(done.stdout)}
    ours = {(f.rule, f.table, f.row) for f in sample_import.validation.findings
            if f.rule in CHECKED_RULES and f.file.endswith(f"2021-{f.table}.csv")}
    assert len(by_itself) > 500
    for rule in CHECKED_RULES:
        assert {x for x in ours if x[0] == rule} == {x for x in by_itself if x[0] == rule}, rule


def test_v003_a_finding_names_its_child_and_key_date(sample_import):
    episode = next(f for f in sample_import.validation.findings if f.rule == "357")
    assert episode.table == "episodes" and episode.child and episode.key_date is not None
    header = next(f for f in sample_import.validation.findings if f.rule == "165" and f.table == "header")
    assert header.key_date is None and header.child


def test_v004_every_finding_of_the_importer_has_a_code_of_its_own():
    codes = [rule.code for rule in OWN_RULES.values()]
    assert len(set(codes)) == len(codes) and all(c.startswith("IRO-") for c in codes)
    assert Finding("duplicate key", "two rows").rule == "IRO-dup-key"
    assert Finding("missing postcode", "blank", column="PL_POST").fields == ("PL_POST",)
    with pytest.raises(KeyError):
        Finding("a kind nobody gave a code", "no code")


def test_v005_progress_reports_rows_rules_and_time(engine, tmp_path, dfe):
    said = []
    result = import_paths(engine, [good_council(tmp_path)], "999", progress=said.append, dfe=dfe)
    lines = [s for s in said if s.startswith("DfE validation:")]
    assert lines and " rows, " in lines[0] and " s" in lines[0]
    assert any("rule " in line for line in lines), lines
    assert result.validation.status == "done"
    from sqlalchemy import select
    from data.schema import imports
    with engine.connect() as connection:
        stored = json.loads(connection.execute(select(imports.c.validation)).scalar())
    assert stored["status"] == "done" and "lac2024_25" in {r["ruleset"] for r in stored["runs"]}


def _flask(tmp_path, *args, stderr=subprocess.PIPE):
    env = {**os.environ, "IRO_INSTANCE_DIR": str(tmp_path / "instance"), "DATABASE_URL": ""}
    return subprocess.run([sys.executable, "-m", "flask", "--app", "app", *args], cwd=PROJECT_ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=stderr, text=True, timeout=600)


def test_v006_the_command_line_shows_progress_on_a_terminal_and_lists_findings_as_json(tmp_path, dfe):
    import pty
    leader, follower = pty.openpty()
    done = _flask(tmp_path, "import", str(good_council(tmp_path / "files")), stderr=follower)
    os.close(follower)
    terminal = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        terminal += chunk
    os.close(leader)
    assert done.returncode == 0
    assert b"DfE validation:" in terminal and b"rule " in terminal
    assert "DfE validation:" in done.stdout and "rule set lac2024_25" in done.stdout
    listed = _flask(tmp_path, "findings", "--format", "json")
    records = json.loads(listed.stdout)
    assert records and all({"rule", "message", "table", "child", "key_date", "row"} <= set(r) for r in records)
    assert {r["rule"] for r in records} & {"392c", "IRO-no-header"}
    dated = [r["key_date"] for r in records if r["key_date"]]
    assert dated and all(len(d) == 10 and d[4] == "-" for d in dated)
    as_csv = _flask(tmp_path, "findings", "1", "--format", "csv")
    assert as_csv.stdout.splitlines()[0].startswith("rule,message,table,child,key_date,row")


def test_v007_without_the_validator_the_import_still_succeeds_and_says_why(engine, tmp_path):
    from data.ingest.dfe_rules import DfeRules
    result = import_paths(engine, [good_council(tmp_path)], "999", dfe=DfeRules(tmp_path / "no-python"))
    assert result.validation.status == "unavailable" and "not installed" in result.validation.message
    assert result.counts["episodes"].inserted == 4
