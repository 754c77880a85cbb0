"""Faults survived, each with the servers the test starts and breaks itself (tests/faults.py):

- Redis (CACHE_URL) going away mid-run: every page keeps working from the database and the
  process's own cache, one warning is logged, and signing in still works;
- PostgreSQL restarting mid-run: the requests while it is away get a clear 503, and once it is back
  every request succeeds on every worker (each connection is checked before use), none stuck;
- an import interrupted by the database going away leaves the data as it was.

Over real HTTP, under gunicorn, on SQLite and PostgreSQL where the fault applies."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from sqlalchemy.engine import make_url

from data import db, users
from data.demo import DemoSpec, write_demo
from data.ingest.importer import import_paths
from data.settings import load_settings
from dashboard.filterbar import FILTER_NAMES
from dashboard.ids import filter_id
from scripts.serve import gunicorn_process, signed_in_opener
from tests.conftest import snapshot
from tests.faults import CuttableProxy, PrivateRedis, free_port, require_redis_server, running

PASSWORD = "faults are survived"
PAGES = ["overview", "reviews", "participation", "placements", "escalations", "workload", "neet"]
REDIS_WARNING = "shared cache at"


def _app_env(database_url: str, folder, **more) -> dict:
    return {**os.environ, "DATABASE_URL": database_url, "IRO_INSTANCE_DIR": str(folder),
            "IRO_SECRET_KEY": "faults-" + "k" * 40, "IRO_DEMO_ACCOUNTS": "0", "CACHE_URL": "", **more}


def _council(database_url: str, folder) -> None:
    settings = load_settings({"DATABASE_URL": database_url, "IRO_INSTANCE_DIR": str(folder / "setup")})
    write_demo(DemoSpec(children=40, seed=3), folder / "demo")
    import_paths(db.get_engine(database_url), [folder / "demo"], settings.council_code)
    users.add(settings, "fault-manager", PASSWORD, "manager")


def _request(opener, base: str, path: str, body: dict | None = None, timeout: float = 60) -> tuple[int, str]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, headers={"Content-Type": "application/json"})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _page(opener, base: str, page: str, period: str = "2025-26") -> tuple[int, str]:
    inputs = [{"id": filter_id(n), "property": "value", "value": period if n == "period" else []} for n in FILTER_NAMES]
    if page == "reviews":
        inputs.append({"id": "view-by", "property": "value", "value": "year"})
    return _request(opener, base, "/_dash-update-component", {
        "output": f"{page}-content.children", "outputs": {"id": f"{page}-content", "property": "children"},
        "inputs": inputs, "changedPropIds": [], "state": []})


def _every_page(opener, base: str, period: str = "2025-26") -> dict[str, int]:
    statuses = {page: _page(opener, base, page, period)[0] for page in PAGES}
    statuses["layout"] = _request(opener, base, "/_dash-layout")[0]
    return statuses


# --- Redis ----------------------------------------------------------------------------------------

def test_f001_redis_going_away_leaves_every_page_and_sign_in_working(database_url, tmp_path):
    require_redis_server()
    _council(database_url, tmp_path)
    log = tmp_path / "gunicorn.log"
    with running(PrivateRedis()) as redis_server:
        env = _app_env(database_url, tmp_path / "app", CACHE_URL=redis_server.url)
        with gunicorn_process(1, env, port=free_port(), log_path=log) as (base, _):
            opener = signed_in_opener(base, ("fault-manager", PASSWORD))
            assert set(_every_page(opener, base).values()) == {200}
            import redis
            assert redis.Redis.from_url(redis_server.url).keys("iro:result:*"), "Redis was in use before"

            redis_server.stop()
            assert _every_page(opener, base) == dict.fromkeys([*PAGES, "layout"], 200), "pages seen before"
            assert set(_every_page(opener, base, period="2024-25 Q2").values()) == {200}, "pages not seen before"
            fresh = signed_in_opener(base, ("fault-manager", PASSWORD))
            assert set(_every_page(fresh, base).values()) == {200}, "a fresh sign-in works and its pages too"
    assert log.read_text().count(REDIS_WARNING) == 1, log.read_text()[-2000:]


def test_f002_redis_is_used_again_once_it_answers(settings, monkeypatch, caplog):
    """In one process: while Redis fails, results come from the process with one warning; when it
    answers again (after the pause), results are shared again."""
    import dataclasses
    from data import results_cache, store
    require_redis_server()
    from data.measures.report import Scope
    from data.measures.periods import parse_period
    from tests.builders import good_council
    import_paths(db.get_engine(settings.database_url), [good_council(settings.instance_dir / "data")], "999")
    monkeypatch.setattr(results_cache, "REDIS_RETRY_S", 0)
    monkeypatch.setattr(results_cache._SharedState, "failed_at", None)
    monkeypatch.setattr(results_cache, "_local", None)
    redis_server = PrivateRedis()
    settings = dataclasses.replace(settings, cache_url=redis_server.url)
    data = store.dataset(settings)
    first = results_cache.result(settings, data, Scope(parse_period("2023-24")), "cla_count")  # Redis not started
    assert first.value is not None and caplog.text.count(REDIS_WARNING) == 1
    results_cache.result(settings, data, Scope(parse_period("2022-23")), "cla_count")
    assert caplog.text.count(REDIS_WARNING) == 1, "one warning, not one per call"
    with running(redis_server):
        results_cache._local = None  # the warm-up kept this year's result in the process: ask anew
        results_cache.result(settings, data, Scope(parse_period("2021-22")), "cla_count")
        import redis
        assert redis.Redis.from_url(redis_server.url).keys("iro:result:*"), "shared again once Redis answers"
    assert "shared cache is back" in caplog.text


# --- PostgreSQL -----------------------------------------------------------------------------------

def _through(proxy: CuttableProxy, database_url: str) -> str:
    return make_url(database_url).set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)


def _postgres_target(database_url: str) -> tuple[str, int]:
    url = make_url(database_url)
    return url.host or "127.0.0.1", url.port or 5432


def test_f003_postgresql_restarting_costs_only_the_requests_while_it_is_away(postgres_database_url, tmp_path):
    from sqlalchemy import text
    engine = db.get_engine(postgres_database_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    db.upgrade(engine)
    _council(postgres_database_url, tmp_path)
    with running(CuttableProxy(*_postgres_target(postgres_database_url))) as proxy:
        env = _app_env(_through(proxy, postgres_database_url), tmp_path / "app")
        with gunicorn_process(2, env, port=free_port()) as (base, _):
            opener = signed_in_opener(base, ("fault-manager", PASSWORD))
            for _ in range(3):  # both workers hold pooled connections now
                assert set(_every_page(opener, base).values()) == {200}

            proxy.cut()  # every connection dies, new ones are refused: the server is restarting
            started = time.monotonic()
            status, said = _page(opener, base, "reviews")
            assert status == 503 and "cannot reach its database" in said and time.monotonic() - started < 10

            proxy.restore()
            for attempt in range(6):  # enough to reach both workers, each with dead pooled connections
                started = time.monotonic()
                statuses = _every_page(opener, base, period="2024-25" if attempt % 2 else "2025-26")
                assert set(statuses.values()) == {200}, (attempt, statuses)
                assert time.monotonic() - started < 30, "a worker was stuck on a dead connection"


# --- an import interrupted ------------------------------------------------------------------------

CUT_AT = "loaded "  # the importer's progress line after each table is written, inside its transaction


def test_f004_an_import_interrupted_by_postgresql_going_away_leaves_it_as_it_was(postgres_database_url, tmp_path):
    from sqlalchemy import text
    engine = db.get_engine(postgres_database_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    db.upgrade(engine)
    _council(postgres_database_url, tmp_path)
    write_demo(DemoSpec(children=80, seed=4), tmp_path / "second")
    before = snapshot(engine)
    with running(CuttableProxy(*_postgres_target(postgres_database_url))) as proxy:
        through = db.get_engine(_through(proxy, postgres_database_url))

        def go_away(message: str) -> None:
            if message.startswith(CUT_AT):
                proxy.cut()
        with pytest.raises(Exception) as failed:
            import_paths(through, [tmp_path / "second"], "999", progress=go_away)
        assert "connection" in str(failed.value).lower() or "server" in str(failed.value).lower()
        through.dispose()
    assert snapshot(engine) == before, "a half-written import must not stay"
    assert import_paths(engine, [tmp_path / "second"], "999").import_id, "the database takes the import afterwards"


KILL_MID_IMPORT = """
import os, signal, sys
from pathlib import Path
from data import db
from data.ingest.importer import import_paths
def die(message):
    if message.startswith({cut_at!r}):
        os.kill(os.getpid(), signal.SIGKILL)
import_paths(db.get_engine(sys.argv[1]), [Path(sys.argv[2])], "999", progress=die)
"""


def test_f005_an_import_killed_mid_write_on_sqlite_leaves_it_as_it_was(tmp_path):
    """SQLite has no server to lose: the process writing it dying mid-transaction is its fault."""
    database_url = f"sqlite:///{tmp_path / 'iro.sqlite'}"
    db.upgrade(db.get_engine(database_url))
    _council(database_url, tmp_path)
    write_demo(DemoSpec(children=80, seed=4), tmp_path / "second")
    before = snapshot(db.get_engine(database_url))
    killed = subprocess.run([sys.executable, "-c", KILL_MID_IMPORT.format(cut_at=CUT_AT), database_url,
                             str(tmp_path / "second")], cwd=os.path.dirname(os.path.dirname(__file__)),
                            capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    db.get_engine(database_url).dispose()
    assert snapshot(db.get_engine(database_url)) == before
    assert import_paths(db.get_engine(database_url), [tmp_path / "second"], "999").import_id


def test_f006_the_import_command_says_the_database_went_away_and_nothing_was_imported(postgres_database_url,
                                                                                        tmp_path, monkeypatch):
    from sqlalchemy import text
    from app import create_app
    from data import cli
    engine = db.get_engine(postgres_database_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    db.upgrade(engine)
    write_demo(DemoSpec(children=30, seed=4), tmp_path / "demo")
    before = snapshot(engine)
    with running(CuttableProxy(*_postgres_target(postgres_database_url))) as proxy:
        settings = load_settings({"DATABASE_URL": _through(proxy, postgres_database_url),
                                  "IRO_INSTANCE_DIR": str(tmp_path / "app")})
        monkeypatch.setattr(cli, "_progress", lambda: lambda message: proxy.cut() if message.startswith(CUT_AT) else None)
        server = create_app(settings).server
        with server.app_context():  # as `flask` gives every command
            done = server.test_cli_runner().invoke(args=["import", str(tmp_path / "demo")])
    assert done.exit_code == 1, done.output
    assert "the database went away" in done.output and "Nothing was imported" in done.output
    assert snapshot(engine) == before
