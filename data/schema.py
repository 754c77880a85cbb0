"""The database tables, built from the input specs plus the import log and its findings.

Changes to these tables go through a migration in data/migrations (see data/db.py).
"""
from __future__ import annotations

from sqlalchemy import (Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String,
                        Table, Text, UniqueConstraint)

from data.ingest.specs import DATE, NUMBER, TABLES

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})


def _data_column(column, is_key: bool) -> Column:
    if column.kind == DATE:
        sql_type = Date()
    elif column.kind == NUMBER:
        sql_type = Float()
    else:
        sql_type = String(column.length)
    return Column(column.db_name, sql_type, primary_key=is_key, nullable=not is_key)


def _data_table(spec) -> Table:
    keys = set(spec.key_columns)
    columns = []
    if spec.by_council:
        columns.append(Column("la", String(10), primary_key=True))
    columns += [_data_column(c, c.db_name in keys) for c in spec.columns]
    # The collection year the row came from; part of the key for per-year tables.
    columns.append(Column("year", Integer, primary_key=spec.per_year, nullable=not spec.per_year))
    columns.append(Column("import_id", Integer, nullable=False))
    return Table(spec.name, metadata, *columns)


DATA_TABLES: dict[str, Table] = {spec.name: _data_table(spec) for spec in TABLES}

imports = Table(
    "imports", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
    Column("user_name", String(100), nullable=False),
    Column("source", String(20), nullable=False),  # command line, upload, demo
    Column("files", Text, nullable=False),  # JSON list of file names
    Column("outcome", String(20), nullable=False),  # succeeded, failed
    Column("rows_read", Integer, nullable=False, default=0),
    Column("inserted", Integer, nullable=False, default=0),
    Column("updated", Integer, nullable=False, default=0),
    Column("unchanged", Integer, nullable=False, default=0),
    Column("merged", Integer, nullable=False, default=0),
    # Rows of the return's collection year that the return no longer holds (migration 0005).
    Column("removed", Integer, nullable=False, default=0, server_default="0"),
    Column("error_count", Integer, nullable=False, default=0),
    Column("finding_count", Integer, nullable=False, default=0),
    Column("summary", Text),  # JSON: per-table counts, or the first errors of a failed import
    # JSON: the DfE validation of the import (status, progress while it runs, rule sets, rules run)
    Column("validation", Text),
)

findings = Table(
    "findings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False, index=True),
    Column("kind", String(60), nullable=False),
    Column("table_name", String(40)),
    Column("file", String(255)),
    Column("file_row", Integer),
    Column("column_name", String(40)),
    Column("value", String(255)),
    Column("child", String(20)),
    Column("message", Text, nullable=False),
    # Migration 0005: the rule code (DfE or the importer's own), the council, the row's key date
    # and the 903 fields the rule reads (space-separated), from which the measures it can change follow.
    Column("rule", String(20)),
    Column("la", String(10)),
    Column("key_date", Date),
    Column("fields", String(200)),
)

# Who saw which children, and when. Written by the app, never edited by it.
audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("user_name", String(100), nullable=False),
    Column("role", String(20), nullable=False),
    Column("action", String(200), nullable=False),
    Column("child_count", Integer, nullable=False),
    Column("children", Text, nullable=False),  # JSON list of "la:child"
)

# People who may sign in. Passwords are stored only as scrypt hashes.
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(20), nullable=False),
    Column("disabled", Integer, nullable=False, default=0),
    Column("created_at", DateTime, nullable=False),
)

# Who is signed in. The browser's cookie holds only a random id; the row, found by the id's hash
# (so a copy of this table signs nobody in), says whose session it is and how old. A session
# counts only while its user is enabled and still has the role it was started with.
sessions = Table(
    "sessions", metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("role", String(20), nullable=False),
    Column("callback_token", String(64), nullable=False),
    Column("started_at", DateTime, nullable=False),
    Column("last_seen_at", DateTime, nullable=False),
)

# Recent wrong sign-ins, for throttling by name and address (data/throttle.py); kept minutes only.
sign_in_failures = Table(
    "sign_in_failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("name", String(100), nullable=False),
    Column("address", String(64), nullable=False),
    Index("ix_sign_in_failures_address_at", "address", "at"),
)

# Managers' commentary on a measure for a period. Never updated: each save adds a version, and
# the newest version is the one shown.
commentary = Table(
    "commentary", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("measure_id", String(60), nullable=False),
    Column("period", String(20), nullable=False),
    Column("version", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("author", String(100), nullable=False),
    Column("written_at", DateTime, nullable=False),
    UniqueConstraint("measure_id", "period", "version"),
)
