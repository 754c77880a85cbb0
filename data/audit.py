"""The audit log: every view or download of child-level rows, with who, when, what and which children."""
from __future__ import annotations

import json
from datetime import datetime

import pandas as pd
from sqlalchemy import insert, select

from data import db
from data.schema import audit_log


def record(settings, user: str, role: str, action: str, frames: list[pd.DataFrame | None]) -> int:
    children = sorted({f"{la}:{child}" for frame in frames if frame is not None and not frame.empty
                       for la, child in zip(frame["la"], frame["child"])})
    with db.get_engine(settings.database_url).begin() as connection:
        connection.execute(insert(audit_log).values(at=datetime.now(), user_name=user, role=role,
                                                    action=action[:200], child_count=len(children),
                                                    children=json.dumps(children)))
    return len(children)


def entries(settings, user: str = "", child: str = "", limit: int | None = None) -> pd.DataFrame:
    """The log, newest first, for reading (never for changing: the app has no route that does),
    optionally narrowed to one user or to entries naming one child."""
    query = select(audit_log).order_by(audit_log.c.id.desc())
    if user:
        query = query.where(audit_log.c.user_name == user)
    if child:
        query = query.where(audit_log.c.children.contains(f':{child}"'))
    if limit:
        query = query.limit(limit)
    with db.get_engine(settings.database_url).connect() as connection:
        rows = connection.execute(query).all()
    return pd.DataFrame({
        "When": [r.at.strftime("%Y-%m-%d %H:%M:%S") for r in rows],
        "User": [r.user_name for r in rows], "Role": [r.role for r in rows], "What": [r.action for r in rows],
        "Number of children": [r.child_count for r in rows],
        "Children": [" ".join(json.loads(r.children)) for r in rows],
    })
