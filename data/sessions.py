"""Signed-in sessions, kept in the database so that every worker and machine agrees on them and
sign-in needs nothing but the database (not Redis).

The browser's cookie holds only a random id; the table holds its hash. A session ends when its
user signs out, after `session_hours`, after `session_idle_minutes` without a request, when the
user is disabled, and when the user's role or password changes (data/users.py deletes the rows;
a role changed by any other means also ends it, as the role must still match)."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, or_, select, update

from data import db
from data.schema import sessions, users
from data.users import User

# Writing "last seen" on every request would make each one a write; once a minute is close enough
# for a 30-minute idle limit.
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class Session:
    user: User
    callback_token: str  # what every POST must echo in its X-CSRFToken header


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def _limits(settings, now: datetime) -> tuple[datetime, datetime]:
    """Sessions started before the first, or last seen before the second, have ended."""
    return now - timedelta(hours=settings.session_hours), now - timedelta(minutes=settings.session_idle_minutes)


def start(settings, user: User) -> tuple[str, Session]:
    """A new session for the user: its id (for the cookie only) and the session."""
    session_id, token, now = secrets.token_urlsafe(32), secrets.token_urlsafe(32), datetime.now()
    started_after, seen_after = _limits(settings, now)
    with db.get_engine(settings.database_url).begin() as connection:
        connection.execute(delete(sessions).where(or_(sessions.c.started_at < started_after,
                                                      sessions.c.last_seen_at < seen_after)))
        connection.execute(insert(sessions).values(id_hash=_hash(session_id), user_id=user.id, role=user.role,
                                                   callback_token=token, started_at=now, last_seen_at=now))
    return session_id, Session(user, token)


def find(settings, session_id: str) -> Session | None:
    """The live session with this id, if any (one query; a write at most once a minute)."""
    if not session_id or len(session_id) > 100:
        return None
    now = datetime.now()
    started_after, seen_after = _limits(settings, now)
    query = select(sessions.c.callback_token, sessions.c.last_seen_at, users.c.id, users.c.name, users.c.role).join(
        users, users.c.id == sessions.c.user_id).where(
        sessions.c.id_hash == _hash(session_id), sessions.c.started_at >= started_after,
        sessions.c.last_seen_at >= seen_after, users.c.disabled == 0, users.c.role == sessions.c.role)
    engine = db.get_engine(settings.database_url)
    with engine.connect() as connection:
        row = connection.execute(query).first()
    if row is None:
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        with engine.begin() as connection:
            connection.execute(update(sessions).where(sessions.c.id_hash == _hash(session_id)).values(last_seen_at=now))
    return Session(User(row.id, row.name, row.role, False), row.callback_token)


def end(settings, session_id: str) -> None:
    with db.get_engine(settings.database_url).begin() as connection:
        connection.execute(delete(sessions).where(sessions.c.id_hash == _hash(session_id)))
