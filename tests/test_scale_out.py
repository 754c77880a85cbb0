"""Scale out: two app processes (gunicorn, real HTTP) share one PostgreSQL database and one Redis
cache and nothing else. An import made through one is seen by the other at its next request, and
a session signed in on one is honoured by the other.

Needs PostgreSQL and Redis: skipped, saying why, where either is missing, unless REQUIRE_POSTGRES=1
(as CI sets), when it fails instead."""
from __future__ import annotations

import base64
import io
import json
import os
import urllib.request
import zipfile

import pytest
from sqlalchemy import text

from data import db, users
from data.demo import DemoSpec, write_demo
from data.ingest.importer import import_paths
from data.settings import load_settings
from scripts.serve import gunicorn, signed_in_opener

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
PASSWORD = "two processes, one truth"


def _redis_problem() -> str | None:
    try:
        import redis
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
        return None
    except Exception as exc:  # any failure to connect means "not available here"
        return f"Redis not reachable at {REDIS_URL}: {type(exc).__name__}: {str(exc)[:200]}"


@pytest.fixture
def shared(postgres_database_url, tmp_path):
    problem = _redis_problem()
    if problem:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(problem + " (REQUIRE_POSTGRES=1: the scale-out test needs PostgreSQL and Redis)")
        pytest.skip(problem)
    engine = db.get_engine(postgres_database_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    db.upgrade(engine)
    env = {"DATABASE_URL": postgres_database_url, "CACHE_URL": REDIS_URL, "IRO_SECRET_KEY": "shared-" + "k" * 40,
           "IRO_DEMO_ACCOUNTS": "0"}
    settings = load_settings({**env, "IRO_INSTANCE_DIR": str(tmp_path / "setup")})
    write_demo(DemoSpec(children=40, seed=1), tmp_path / "first")
    import_paths(engine, [tmp_path / "first"], settings.council_code)
    users.add(settings, "scale-admin", PASSWORD, "admin")
    return env, tmp_path


def _process_env(env: dict, folder) -> dict:
    """Each process has its own instance folder: nothing it keeps locally may matter."""
    return {**os.environ, **env, "IRO_INSTANCE_DIR": str(folder)}


def _post(opener, base: str, body: dict) -> str:
    request = urllib.request.Request(base + "/_dash-update-component", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with opener.open(request, timeout=120) as response:
        return response.read().decode()


def _placements(opener, base: str) -> str:
    from dashboard.filterbar import FILTER_NAMES
    from dashboard.ids import filter_id
    inputs = [{"id": filter_id(n), "property": "value", "value": "2025-26" if n == "period" else []}
              for n in FILTER_NAMES]
    return _post(opener, base, {"output": "placements-content.children",
                                "outputs": {"id": "placements-content", "property": "children"},
                                "inputs": inputs, "changedPropIds": [], "state": []})


def _upload(opener, base: str, folder) -> str:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.glob("*.csv")):
            archive.write(path, path.name)
    content = "data:application/zip;base64," + base64.b64encode(buffer.getvalue()).decode()
    return _post(opener, base, {
        "output": "upload-content.children", "outputs": {"id": "upload-content", "property": "children"},
        "inputs": [{"id": "upload-files", "property": "filename", "value": ["second.zip"]},
                   {"id": "upload-import", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["upload-import.n_clicks"],
        "state": [{"id": "upload-files", "property": "contents", "value": [content]},
                  {"id": "upload-year", "property": "value", "value": None}]})


def _children_in_care(content: str) -> str:
    """The 'Children in care at the period end' tile's figure, as the page shows it."""
    text_only = json.dumps(json.loads(content))
    marker = text_only.index("Children in care at the period end")
    return text_only[marker: marker + 400]


def test_s101_an_import_through_one_process_is_seen_by_the_other(shared):
    env, folder = shared
    write_demo(DemoSpec(children=60, seed=2), folder / "second")
    with gunicorn(1, _process_env(env, folder / "a")) as first, gunicorn(1, _process_env(env, folder / "b")) as other:
        opener = signed_in_opener(first, ("scale-admin", PASSWORD))
        before_first, before_other = _placements(opener, first), _placements(opener, other)  # same cookie on both
        assert _children_in_care(before_first) == _children_in_care(before_other)

        assert "succeeded" in _upload(opener, first, folder / "second")

        after_other = _placements(opener, other)
        assert _children_in_care(after_other) != _children_in_care(before_other)
        assert _children_in_care(after_other) == _children_in_care(_placements(opener, first))

    import redis
    assert redis.Redis.from_url(REDIS_URL).keys("iro:result:*"), "the processes should share results through Redis"



def _session_cookie(opener) -> str:
    return next(c.value for handler in opener.handlers if hasattr(handler, "cookiejar")
                for c in handler.cookiejar if c.name == "session")


def _status(opener, url: str) -> int:
    import urllib.error
    try:
        with opener.open(url, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_s102_a_session_ended_through_one_process_is_ended_in_the_other(shared):
    """Sessions live in the database: a sign-out through one process, or a user disabled from
    anywhere, is seen by the other process at its next request; a replayed cookie gets 401."""
    env, folder = shared
    users.add(load_settings({**env, "IRO_INSTANCE_DIR": str(folder / "setup")}), "scale-director", PASSWORD, "director")
    with gunicorn(1, _process_env(env, folder / "a")) as first, gunicorn(1, _process_env(env, folder / "b")) as other:
        opener = signed_in_opener(first, ("scale-admin", PASSWORD))
        assert _status(opener, other + "/_dash-layout") == 200  # signed in through one, known to both
        cookie = _session_cookie(opener)
        opener.open(first + "/sign-out", timeout=60).read()
        replay = urllib.request.build_opener()
        replay.addheaders = [("Cookie", f"session={cookie}")]
        assert _status(replay, other + "/_dash-layout") == 401 and _status(replay, first + "/_dash-layout") == 401

        director = signed_in_opener(first, ("scale-director", PASSWORD))
        assert _status(director, other + "/_dash-layout") == 200
        users.disable(load_settings({**env, "IRO_INSTANCE_DIR": str(folder / "setup")}), "scale-director")
        assert _status(director, other + "/_dash-layout") == 401 and _status(director, first + "/_dash-layout") == 401
