"""Sessions kept on the server, and sign-in throttled rather than locked, over HTTP (Flask's test
client, each client its own browser with its own address)."""
from __future__ import annotations

import dataclasses
import os
import re
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from data import db, sessions, throttle, users
from data.schema import sessions as sessions_table
from data.settings import PROJECT_ROOT
from tests.conftest import TEST_PASSWORD, demo_instance, sign_in
from tests.test_access import _callback


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    from app import create_app
    folder = tmp_path_factory.mktemp("sessions")
    settings = demo_instance(folder, children=30, seed=5)
    return create_app(settings), settings, folder


def _browser(instance, address="10.0.0.1"):
    client = instance[0].server.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _signed_in(instance, role="manager", address="10.0.0.1"):
    return sign_in(_browser(instance, address), instance[1], role)


def _new_user(instance, name, role="director"):
    users.add(instance[1], name, TEST_PASSWORD, role)
    return name


def _try(client, name, password, headers=None):
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    return client.post("/sign-in", data={"csrf": token, "name": name, "password": password}, headers=headers)


def _signs_in(client, name, password=TEST_PASSWORD, headers=None) -> bool:
    return _try(client, name, password, headers).status_code == 302


def _age_sessions(instance, name, **ago):
    """Move a user's sessions back in time: started_at or last_seen_at, by the timedelta given."""
    engine = db.get_engine(instance[1].database_url)
    with engine.begin() as connection:
        user_id = connection.execute(select(users.users.c.id).where(users.users.c.name == name)).scalar()
        values = {column: datetime.now() - delta for column, delta in ago.items()}
        connection.execute(update(sessions_table).where(sessions_table.c.user_id == user_id).values(**values))


# --- sessions -----------------------------------------------------------------------------------

def test_t001_a_cookie_replayed_after_sign_out_gets_401(instance):
    client = _signed_in(instance, "director")
    cookie = client.get_cookie("session").value
    assert client.get("/_dash-layout").status_code == 200 and _callback(client, "workload").status_code == 200
    client.get("/sign-out")
    replay = _browser(instance)
    replay.set_cookie("session", cookie)
    replay.environ_base["HTTP_X_CSRFTOKEN"] = client.environ_base["HTTP_X_CSRFTOKEN"]
    assert replay.get("/_dash-layout").status_code == 401
    assert _callback(replay, "workload").status_code == 401
    assert replay.get("/").status_code == 302


@pytest.mark.parametrize("command", [["disable"], ["set-role", "committee"], ["set-password", "--password",
                                                                               "another long password"]])
def test_t002_a_user_disabled_or_changed_from_the_command_line_is_refused_at_the_next_request(instance, command):
    name = _new_user(instance, f"leaver-cli-{command[0]}", "manager")
    client = _browser(instance)
    assert _signs_in(client, name)
    client.get("/")
    client.environ_base["HTTP_X_CSRFTOKEN"] = client.get_cookie("_csrf_token").value
    assert _callback(client, "workload").status_code == 200
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "app", "users", command[0], name, *command[1:]],
                          cwd=PROJECT_ROOT, env={**os.environ, "IRO_INSTANCE_DIR": str(instance[2])},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert _callback(client, "workload").status_code == 401


@pytest.mark.parametrize("change", ["role", "password"])
def test_t003_a_role_or_password_change_ends_every_session_of_the_user(instance, change):
    name = _new_user(instance, f"changing-{change}")
    first, second = _browser(instance, "10.0.0.2"), _browser(instance, "10.0.0.3")
    assert _signs_in(first, name) and _signs_in(second, name)
    assert first.get("/_dash-layout").status_code == 200
    if change == "role":
        users.set_role(instance[1], name, "committee")
    else:
        users.set_password(instance[1], name, "a brand new password")
    assert first.get("/_dash-layout").status_code == 401 and second.get("/_dash-layout").status_code == 401


def test_t004_a_role_changed_by_hand_in_the_database_also_ends_the_session(instance):
    name = _new_user(instance, "changed-by-hand")
    client = _browser(instance)
    assert _signs_in(client, name)
    with db.get_engine(instance[1].database_url).begin() as connection:
        connection.execute(update(users.users).where(users.users.c.name == name).values(role="manager"))
    assert client.get("/_dash-layout").status_code == 401


@pytest.mark.parametrize("ago, ended", [({"last_seen_at": timedelta(minutes=29)}, False),
                                        ({"last_seen_at": timedelta(minutes=31)}, True),
                                        ({"started_at": timedelta(hours=7, minutes=59)}, False),
                                        ({"started_at": timedelta(hours=8, minutes=1)}, True)])
def test_t005_a_session_ends_after_30_minutes_idle_or_8_hours_in_all(instance, ago, ended):
    name = _new_user(instance, f"timed-{len(list(ago))}-{next(iter(ago.values())).seconds}")
    client = _browser(instance)
    assert _signs_in(client, name)
    _age_sessions(instance, name, **ago)
    assert client.get("/_dash-layout").status_code == (401 if ended else 200)


def test_t006_the_limits_come_from_the_settings(tmp_path):
    from app import create_app
    from data.settings import load_settings
    base = demo_instance(tmp_path / "short", children=20, seed=6)
    settings = load_settings({"IRO_INSTANCE_DIR": str(tmp_path / "short"), "IRO_SESSION_IDLE_MINUTES": "5",
                              "IRO_SESSION_HOURS": "1"})
    assert (settings.session_idle_minutes, settings.session_hours) == (5, 1)
    assert settings.database_url == base.database_url
    instance = (create_app(settings), settings, tmp_path / "short")
    name = _new_user(instance, "short-lived")
    client = _browser(instance)
    assert _signs_in(client, name)
    assert client.get("/_dash-layout").status_code == 200
    _age_sessions(instance, name, last_seen_at=timedelta(minutes=6))
    assert client.get("/_dash-layout").status_code == 401
    assert client.get_cookie("session").expires < datetime.now().astimezone() + timedelta(hours=1, minutes=1)


def test_t007_the_cookie_holds_only_a_session_id_and_the_database_only_its_hash(instance):
    from flask.sessions import SecureCookieSessionInterface
    client = _signed_in(instance, "director")
    serializer = SecureCookieSessionInterface().get_signing_serializer(instance[0].server)
    content = serializer.loads(client.get_cookie("session").value)
    assert set(content) - {"_permanent"} == {"sid"}  # _permanent: Flask's mark for the cookie's lifetime
    with db.get_engine(instance[1].database_url).connect() as connection:
        stored = {r.id_hash for r in connection.execute(select(sessions_table.c.id_hash))}
    assert content["sid"] not in stored and sessions._hash(content["sid"]) in stored


# --- throttling ---------------------------------------------------------------------------------

def test_t101_after_20_wrong_passwords_from_strangers_the_owner_gets_in_at_once(instance):
    owner = _new_user(instance, "owner-of-account", "admin")
    stranger = _browser(instance, "203.0.113.7")
    for _ in range(20):
        assert _try(stranger, owner, "a guess at the password").status_code == 401
    assert _signs_in(_browser(instance, "10.1.1.1"), owner), "the owner, from their own address, gets in at once"


def test_t102_the_strangers_address_is_throttled_even_with_the_right_password(instance):
    owner = _new_user(instance, "guessed-account")
    stranger = _browser(instance, "203.0.113.8")
    for _ in range(throttle.PER_NAME):
        _try(stranger, owner, "a guess at the password")
    assert not _signs_in(stranger, owner), "a right guess while throttled must not get in"
    assert _signs_in(_browser(instance, "10.1.1.2"), owner)


def test_t103_one_address_trying_many_names_is_throttled_by_address(instance, monkeypatch):
    monkeypatch.setattr(throttle, "PER_ADDRESS", 6)
    owner = _new_user(instance, "sprayed-account")
    sprayer = _browser(instance, "203.0.113.9")
    for n in range(6):
        _try(sprayer, f"someone-{n}", "a common password")
    assert not _signs_in(sprayer, owner)
    assert _signs_in(_browser(instance, "10.1.1.3"), owner)


def _timed(attempt) -> tuple[float, str]:
    started = time.perf_counter()
    response = attempt()
    seconds = time.perf_counter() - started
    assert response.status_code == 401
    return seconds, re.search(r'alert-danger" role="alert">([^<]+)<', response.get_data(as_text=True)).group(1)


def test_t104_unknown_names_wrong_passwords_disabled_and_throttled_attempts_look_the_same(instance):
    real, disabled = _new_user(instance, "timed-real"), _new_user(instance, "timed-disabled")
    users.disable(instance[1], disabled)
    throttled_client = _browser(instance, "203.0.113.10")
    for _ in range(throttle.PER_NAME):
        _try(throttled_client, real, "a guess at the password")
    cases = {
        "unknown name": lambda: _try(_browser(instance, "10.2.0.1"), "nobody-by-this-name", "some password"),
        "wrong password": lambda: _try(_browser(instance, "10.2.0.2"), real, "not the password"),
        "disabled account": lambda: _try(_browser(instance, "10.2.0.3"), disabled, TEST_PASSWORD),
        "throttled": lambda: _try(throttled_client, real, TEST_PASSWORD),
    }
    # Round by round, so that whatever else the machine is doing weighs on every case alike.
    rounds = [{case: _timed(attempt) for case, attempt in cases.items()} for _ in range(7)]
    messages = {message for timings in rounds for _, message in timings.values()}
    assert messages == {users.REFUSED}, messages
    medians = {case: statistics.median(timings[case][0] for timings in rounds) for case in cases}
    assert max(medians.values()) < 2 * min(medians.values()), medians  # a lockout answered in 3 ms, not ~100


def test_t105_x_forwarded_for_counts_only_behind_a_trusted_proxy(instance):
    from app import create_app
    owner = _new_user(instance, "proxied-owner")
    stranger = _browser(instance, "203.0.113.11")
    for n in range(throttle.PER_NAME):  # a new made-up address each time: ignored
        _try(stranger, owner, "a guess", headers={"X-Forwarded-For": f"198.51.100.{n}"})
    assert not _signs_in(stranger, owner, headers={"X-Forwarded-For": "198.51.100.99"})

    behind_proxy = create_app(dataclasses.replace(instance[1], trusted_proxies=1))
    proxy = behind_proxy.server.test_client()
    proxy.environ_base["REMOTE_ADDR"] = "10.9.9.9"  # every request arrives from the proxy
    for _ in range(throttle.PER_NAME):
        _try(proxy, owner, "a guess", headers={"X-Forwarded-For": "198.51.100.50"})
    assert not _signs_in(proxy, owner, headers={"X-Forwarded-For": "198.51.100.50"})
    assert _signs_in(proxy, owner, headers={"X-Forwarded-For": "198.51.100.51"}), \
        "behind a trusted proxy, the stranger's address is the one the proxy names"
