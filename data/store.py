"""Database to pandas frames for the floors above. The only module pages' callbacks ask for data."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from data import db
from data.schema import imports


def import_log(settings, limit: int = 20) -> pd.DataFrame:
    engine = db.get_engine(settings.database_url)
    query = select(imports).order_by(imports.c.id.desc()).limit(limit)
    with engine.connect() as connection:
        return pd.read_sql(query, connection, parse_dates=["started_at", "finished_at"])
