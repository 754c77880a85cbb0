"""Users: create, list, change role or password, disable, and check a password (throttled).

Changing a user's role or password, or disabling them, ends every session they have."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from data import db, throttle
from data.permissions import ROLES
from data.schema import sessions, users

NAME_LENGTH, PASSWORD_LENGTH, SHORTEST_PASSWORD = 100, 200, 12
REFUSED = "That name and password do not match an account. Check them and try again in a few minutes."
# Checked against whenever there is no real hash to check (unknown name, disabled account, throttled
# attempt), so every refusal takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a password", method="scrypt")


class UserError(ValueError):
    pass


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    disabled: bool


def _engine(settings):
    return db.get_engine(settings.database_url)


def add(settings, name: str, password: str, role: str) -> User:
    name = name.strip()
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}")
    if not name or len(name) > NAME_LENGTH:
        raise UserError(f"a name is 1 to {NAME_LENGTH} characters")
    _check_password_rule(password)
    with _engine(settings).begin() as connection:
        if connection.execute(select(users.c.id).where(users.c.name == name)).first():
            raise UserError(f"there is already a user called {name!r}")
        new_id = connection.execute(insert(users).values(
            name=name, password_hash=generate_password_hash(password, method="scrypt"), role=role,
            disabled=0, created_at=datetime.now())).inserted_primary_key[0]
    return User(new_id, name, role, False)


def _check_password_rule(password: str) -> None:
    if len(password) < SHORTEST_PASSWORD or len(password) > PASSWORD_LENGTH:
        raise UserError(f"a password is {SHORTEST_PASSWORD} to {PASSWORD_LENGTH} characters")


def listing(settings) -> list[User]:
    with _engine(settings).connect() as connection:
        rows = connection.execute(select(users).order_by(users.c.name)).all()
    return [User(r.id, r.name, r.role, bool(r.disabled)) for r in rows]


def set_role(settings, name: str, role: str) -> None:
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}")
    _change(settings, name, role=role)


def set_password(settings, name: str, password: str) -> None:
    _check_password_rule(password)
    _change(settings, name, password_hash=generate_password_hash(password, method="scrypt"))


def disable(settings, name: str) -> None:
    _change(settings, name, disabled=1)


def _change(settings, name: str, **values) -> None:
    """Change the user and end their sessions, in one transaction."""
    with _engine(settings).begin() as connection:
        user_id = connection.execute(select(users.c.id).where(users.c.name == name)).scalar()
        if user_id is None:
            raise UserError(f"no user called {name!r}")
        connection.execute(update(users).where(users.c.id == user_id).values(**values))
        connection.execute(delete(sessions).where(sessions.c.user_id == user_id))


def by_name(settings, name: str) -> User | None:
    """An enabled user by name (single sign-on by header names the user, with no password)."""
    if not name or len(name) > NAME_LENGTH:
        return None
    with _engine(settings).connect() as connection:
        row = connection.execute(select(users).where(users.c.name == name.strip())).first()
    if row is None or row.disabled:
        return None
    return User(row.id, row.name, row.role, False)


def check(settings, name: str, password: str, address: str) -> User | None:
    """The user if the password is right and the attempt is not throttled; else None. Every refusal
    (unknown name, wrong password, disabled account, throttled attempt, absurd input) checks one
    scrypt hash, so none can be told from another by its time; the caller shows REFUSED for all."""
    name, password = name.strip()[:NAME_LENGTH + 1], password[:PASSWORD_LENGTH + 1]
    well_formed = bool(name and password) and len(name) <= NAME_LENGTH and len(password) <= PASSWORD_LENGTH
    with _engine(settings).begin() as connection:
        open_to_try = well_formed and not throttle.throttled(connection, name, address)
        row = connection.execute(select(users).where(users.c.name == name)).first() if open_to_try else None
        right = check_password_hash(row.password_hash if row is not None else _DUMMY_HASH, password)
        if row is not None and right and not row.disabled:
            return User(row.id, row.name, row.role, False)
        if open_to_try:
            throttle.record_failure(connection, name, address)
    return None
