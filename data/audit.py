"""The audit log: every view or download of child-level rows, with who, when, what and which children."""
from __future__ import annotations

import json
from datetime import datetime

import pandas as pd
from sqlalchemy import insert

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
