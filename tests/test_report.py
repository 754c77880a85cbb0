"""The report command: every measure, same figures as the measures, clear errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from data import db, store
from data.ingest.importer import import_paths
from data.measures.catalogue import MEASURES
from data.measures.context import Council
from data.measures.periods import parse_period
from data.measures.report import Scope, all_measures
from data.settings import PROJECT_ROOT
from tests.conftest import demo_instance


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    return folder, demo_instance(folder, children=120, seed=3)


def _report(folder, *args):
    env = {**os.environ, "IRO_INSTANCE_DIR": str(folder), "DATABASE_URL": ""}
    return subprocess.run([sys.executable, "-m", "flask", "--app", "app", "report", *args], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=300)


def test_json_report_has_every_measure_with_the_measures_figures(demo):
    folder, settings = demo
    done = _report(folder, "--period", "2024-25", "--role", "director", "--format", "json", "--by", "quarter")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["period"], report["as_at"], report["role"]) == ("2024-25", "2025-03-31", "director")
    assert [m["id"] for m in report["measures"]] == [m.id for m in MEASURES]
    expected = all_measures(store.dataset(settings), Scope(parse_period("2024-25")), settings.measure_rules,
                            Council(settings.population_0_17, settings.postcode_districts))
    for entry, result in zip(report["measures"], expected):
        assert entry["numerator"] == result.numerator and entry["denominator"] == result.denominator
        assert entry["value"] == result.value and entry["status"] == (result.status or None)
        assert len(entry["by_period"]) == 4
    timeliness = report["measures"][0]
    assert timeliness["target"] == 0.95 and timeliness["previous_period"] == "2023-24"


def test_committee_report_withholds_small_numbers(demo):
    folder, _ = demo
    report = json.loads(_report(folder, "--period", "2024-25", "--format", "json").stdout)
    assert report["role"] == "committee"
    for entry in report["measures"]:
        for count in (entry["numerator"], entry["denominator"]):
            assert count is None or count == 0 or count > 4, entry
        if entry["suppressed"]:
            assert entry["value"] is None and entry["change"] is None


def test_table_and_csv_formats(demo):
    folder, _ = demo
    table = _report(folder, "--period", "2024-25 Q2", "--role", "manager")
    assert table.returncode == 0 and "review_timeliness" in table.stdout and "of" in table.stdout
    csv_text = _report(folder, "--period", "2024-25", "--format", "csv", "--role", "director").stdout
    assert csv_text.splitlines()[0].startswith("id,label,theme,period,unit,value,numerator,denominator,status")
    assert len(csv_text.splitlines()) == 1 + len(MEASURES)


@pytest.mark.parametrize("args, message", [
    (["--period", "2024-26"], "is not a period"),
    (["--period", "2024-25", "--as-at", "31-31-2024"], "is not a date"),
    (["--period", "2024-25", "--as-at", "2020-01-01"], "before the period starts"),
])
def test_bad_period_or_date_is_a_clear_error(demo, args, message):
    done = _report(demo[0], *args)
    assert done.returncode != 0 and message in done.stderr


def test_an_import_is_seen_at_the_next_request(demo, tmp_path):
    _, settings = demo
    before = store.dataset(settings)
    assert store.dataset(settings) is before  # cached while nothing changes
    from tests.builders import good_council
    import_paths(db.get_engine(settings.database_url), [good_council(tmp_path)], settings.council_code)
    after = store.dataset(settings)
    assert after is not before and after.version > before.version


def test_two_databases_with_the_same_import_number_never_share_cached_results(tmp_path):
    from data import results_cache
    first = demo_instance(tmp_path / "one", children=60, seed=1)
    second = demo_instance(tmp_path / "two", children=60, seed=2)
    scope = Scope(parse_period("2024-25"))
    a = results_cache.result(first, store.dataset(first), scope, "cla_count")
    b = results_cache.result(second, store.dataset(second), scope, "cla_count")
    assert store.dataset(first).version == store.dataset(second).version == 1
    assert a.value != b.value
