"""Shared fixtures: a fresh database of each kind, settings pointing at it, file helpers.

PostgreSQL tests use the server at TEST_POSTGRES_URL (default: the local one). Where it cannot
be reached they are skipped with the reason, unless REQUIRE_POSTGRES=1 (as CI sets), when they
fail instead: CI must never pass by skipping them.
"""
from __future__ import annotations

import csv
import hashlib
import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from data import db
from data.schema import metadata
from data.settings import load_settings

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _postgres_problem() -> str | None:
    try:
        engine = create_engine(POSTGRES_URL)
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
        return None
    except Exception as exc:  # any failure to connect means "not available here"
        return f"PostgreSQL not reachable at {POSTGRES_URL}: {type(exc).__name__}: {str(exc)[:200]}"


@pytest.fixture(scope="session")
def postgres_database_url():
    """A database of our own on the PostgreSQL server, dropped at the end of the session."""
    problem = _postgres_problem()
    if problem:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(problem + " (REQUIRE_POSTGRES=1)")
        pytest.skip(problem)
    name = f"iro_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    yield url
    for (pid, url_key), engine in list(db._engines.items()):
        if url_key == url:
            engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """Every data test runs against both databases, each fresh and migrated."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_database_url")
        engine = db.get_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    db.upgrade(db.get_engine(url))
    return url


@pytest.fixture
def engine(database_url):
    return db.get_engine(database_url)


@pytest.fixture
def settings(database_url, tmp_path):
    return load_settings({"DATABASE_URL": database_url, "IRO_INSTANCE_DIR": str(tmp_path / "instance")})


def write_csv(folder: Path, name: str, header: list[str], rows: list[list], encoding="utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with open(path, "w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def snapshot(engine) -> dict[str, tuple[int, str]]:
    """Row count and a checksum of every table's contents, import log excepted."""
    out = {}
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            if table.name == "imports":
                continue
            rows = connection.execute(select(table)).all()
            digest = hashlib.sha256("\n".join(sorted(repr(tuple(r)) for r in rows)).encode()).hexdigest()
            out[table.name] = (len(rows), digest)
    return out


def import_outcomes(engine) -> list[str]:
    from data.schema import imports
    with engine.connect() as connection:
        return [r.outcome for r in connection.execute(select(imports).order_by(imports.c.id))]


def count_rows(engine, table_name: str) -> int:
    from data.schema import DATA_TABLES
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(DATA_TABLES[table_name])).scalar()


def demo_instance(folder: Path, children: int, seed: int):
    """A SQLite instance folder holding a small demo council, imported through the real importer."""
    from data.demo import DemoSpec, write_demo
    from data.ingest.importer import import_paths
    settings = load_settings({"IRO_INSTANCE_DIR": str(folder)})
    engine = db.get_engine(settings.database_url)
    db.upgrade(engine)
    write_demo(DemoSpec(children=children, seed=seed), folder / "demo")
    import_paths(engine, [folder / "demo"], settings.council_code)
    return settings


TEST_PASSWORD = "correct horse battery"


def sign_in(client, settings, role: str = "manager"):
    """Sign a Flask test client in as a user of the role (made on first use)."""
    import re as _re
    from data import users
    name = f"test-{role}"
    if name not in {u.name for u in users.listing(settings)}:
        users.add(settings, name, TEST_PASSWORD, role)
    page = client.get("/sign-in").get_data(as_text=True)
    token = _re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    response = client.post("/sign-in", data={"csrf": token, "name": name, "password": TEST_PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)
    client.get("/")  # receives the callback token cookie
    # Send the token back on every request, as Dash's front end does.
    client.environ_base["HTTP_X_CSRFTOKEN"] = client.get_cookie("_csrf_token").value
    return client


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture(scope="session")
def redis_url():
    """The Redis server at TEST_REDIS_URL. Skipped with the reason where it cannot be reached, unless
    REQUIRE_POSTGRES=1 (CI, whose machine runs both services), when the test fails instead."""
    try:
        import redis
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as exc:  # any failure to connect means "not available here"
        problem = f"Redis not reachable at {REDIS_URL}: {type(exc).__name__}: {str(exc)[:200]}"
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(problem + " (REQUIRE_POSTGRES=1: CI runs Redis beside PostgreSQL)")
        pytest.skip(problem)
    return REDIS_URL
@pytest.fixture(scope="session")
def dfe():
    """The DfE validator's environment, as `make test` makes it. Where it is missing the tests that
    need it are skipped with the reason, unless REQUIRE_VALIDATOR=1 (as CI sets)."""
    from data.ingest.dfe_rules import DfeRules
    python = load_settings({}).validator_python
    if not python.exists():
        message = f"the DfE validator's environment is not installed ({python}): run make test or make setup"
        if os.environ.get("REQUIRE_VALIDATOR") == "1":
            pytest.fail(message + " (REQUIRE_VALIDATOR=1)")
        pytest.skip(message)
    return DfeRules(python)
