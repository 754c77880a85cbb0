"""Managers' commentary on a measure for a period: "what the figure means, why it moved, what we
are doing". Versioned: a save adds a version and never changes an earlier one."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select

from data import db
from data.schema import commentary

MAX_LENGTH = 4000


@dataclass(frozen=True)
class Comment:
    measure_id: str
    period: str
    version: int
    text: str
    author: str
    written_at: datetime


class CommentaryRefused(ValueError):
    pass


def save(settings, measure_id: str, period: str, text: str, author: str) -> Comment:
    text = (text or "").strip()
    if not text:
        raise CommentaryRefused("The commentary is empty.")
    if len(text) > MAX_LENGTH:
        raise CommentaryRefused(f"The commentary is {len(text):,} characters; keep it under {MAX_LENGTH:,}.")
    with db.get_engine(settings.database_url).begin() as connection:
        latest = connection.execute(select(func.max(commentary.c.version)).where(
            commentary.c.measure_id == measure_id, commentary.c.period == period)).scalar() or 0
        row = {"measure_id": measure_id, "period": period, "version": latest + 1, "text": text,
               "author": author, "written_at": datetime.now().replace(microsecond=0)}
        connection.execute(insert(commentary).values(**row))
    return Comment(**row)


def history(settings, measure_id: str, period: str) -> list[Comment]:
    """Every version, newest first."""
    query = select(commentary).where(commentary.c.measure_id == measure_id, commentary.c.period == period) \
        .order_by(commentary.c.version.desc())
    with db.get_engine(settings.database_url).connect() as connection:
        return [_comment(r) for r in connection.execute(query)]


def current(settings, period: str) -> dict[str, Comment]:
    """The newest version for every measure that has commentary for the period."""
    newest = select(commentary.c.measure_id, func.max(commentary.c.version).label("version")) \
        .where(commentary.c.period == period).group_by(commentary.c.measure_id).subquery()
    query = select(commentary).join(newest, (commentary.c.measure_id == newest.c.measure_id)
                                    & (commentary.c.version == newest.c.version)) \
        .where(commentary.c.period == period)
    with db.get_engine(settings.database_url).connect() as connection:
        return {r.measure_id: _comment(r) for r in connection.execute(query)}


def _comment(row) -> Comment:
    return Comment(row.measure_id, row.period, row.version, row.text, row.author, row.written_at)
