"""The migrations build exactly the schema data/schema.py describes, on both databases."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from data.schema import metadata


def test_the_migrated_database_matches_the_schema(engine):
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
