"""Users: create, list, change role, disable, and check a password (with lockout)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from data import db
from data.schema import users

ROLES = ("committee", "director", "manager", "admin")
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
NAME_LENGTH, PASSWORD_LENGTH = 100, 200
# Checked against when the name is unknown, so that a wrong name takes as long as a wrong password.
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
    if len(password) < 12 or len(password) > PASSWORD_LENGTH:
        raise UserError(f"a password is 12 to {PASSWORD_LENGTH} characters")
    with _engine(settings).begin() as connection:
        if connection.execute(select(users.c.id).where(users.c.name == name)).first():
            raise UserError(f"there is already a user called {name!r}")
        new_id = connection.execute(insert(users).values(
            name=name, password_hash=generate_password_hash(password, method="scrypt"), role=role,
            disabled=0, failed_attempts=0, created_at=datetime.now())).inserted_primary_key[0]
    return User(new_id, name, role, False)


def listing(settings) -> list[User]:
    with _engine(settings).connect() as connection:
        rows = connection.execute(select(users).order_by(users.c.name)).all()
    return [User(r.id, r.name, r.role, bool(r.disabled)) for r in rows]


def set_role(settings, name: str, role: str) -> None:
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}")
    _change(settings, name, role=role)


def disable(settings, name: str) -> None:
    _change(settings, name, disabled=1)


def _change(settings, name: str, **values) -> None:
    with _engine(settings).begin() as connection:
        done = connection.execute(update(users).where(users.c.name == name).values(**values))
        if done.rowcount == 0:
            raise UserError(f"no user called {name!r}")


def by_id(settings, user_id: int) -> User | None:
    with _engine(settings).connect() as connection:
        row = connection.execute(select(users).where(users.c.id == user_id)).first()
    if row is None or row.disabled:
        return None
    return User(row.id, row.name, row.role, False)


def by_name(settings, name: str) -> User | None:
    """An enabled user by name (single sign-on by header names the user, with no password)."""
    if not name or len(name) > NAME_LENGTH:
        return None
    with _engine(settings).connect() as connection:
        row = connection.execute(select(users).where(users.c.name == name.strip())).first()
    if row is None or row.disabled:
        return None
    return User(row.id, row.name, row.role, False)


def check(settings, name: str, password: str) -> tuple[User | None, str]:
    """The user if the password is right; else None and a message that does not say which was wrong."""
    refused = "That name and password do not match an account, or the account is locked. Try again."
    if not name or not password or len(name) > NAME_LENGTH or len(password) > PASSWORD_LENGTH:
        return None, refused
    with _engine(settings).begin() as connection:
        row = connection.execute(select(users).where(users.c.name == name.strip())).first()
        if row is None:
            check_password_hash(_DUMMY_HASH, password)
            return None, refused
        now = datetime.now()
        if row.disabled or (row.locked_until and row.locked_until > now):
            return None, refused
        if not check_password_hash(row.password_hash, password):
            failures = row.failed_attempts + 1
            locked = now + LOCKOUT if failures >= MAX_FAILURES else None
            connection.execute(update(users).where(users.c.id == row.id).values(
                failed_attempts=0 if locked else failures, locked_until=locked))
            return None, refused
        connection.execute(update(users).where(users.c.id == row.id).values(failed_attempts=0, locked_until=None))
    return User(row.id, row.name, row.role, False), ""
