"""findings carry a rule code, council, key date and fields; imports count rows a later return
removed and record the DfE validation

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("findings") as findings:
        findings.add_column(sa.Column("rule", sa.String(length=20), nullable=True))
        findings.add_column(sa.Column("la", sa.String(length=10), nullable=True))
        findings.add_column(sa.Column("key_date", sa.Date(), nullable=True))
        findings.add_column(sa.Column("fields", sa.String(length=200), nullable=True))
    with op.batch_alter_table("imports") as imports:
        imports.add_column(sa.Column("removed", sa.Integer(), nullable=False, server_default="0"))
        imports.add_column(sa.Column("validation", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("imports") as imports:
        imports.drop_column("validation")
        imports.drop_column("removed")
    with op.batch_alter_table("findings") as findings:
        findings.drop_column("fields")
        findings.drop_column("key_date")
        findings.drop_column("la")
        findings.drop_column("rule")
