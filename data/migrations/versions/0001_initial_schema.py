"""initial schema: 903 tables, local extracts, import log, findings

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 17:29:31.832338
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('ad1',
    sa.Column('la', sa.String(length=10), nullable=False),
    sa.Column('child', sa.String(length=10), nullable=False),
    sa.Column('dob', sa.Date(), nullable=True),
    sa.Column('date_int', sa.Date(), nullable=True),
    sa.Column('date_match', sa.Date(), nullable=True),
    sa.Column('foster_care', sa.String(length=2), nullable=True),
    sa.Column('nb_adoptr', sa.String(length=2), nullable=True),
    sa.Column('sex_adoptr', sa.String(length=2), nullable=True),
    sa.Column('ls_adoptr', sa.String(length=3), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('la', 'child', name=op.f('pk_ad1'))
    )
    op.create_table('child_teams',
    sa.Column('la', sa.String(length=10), nullable=False),
    sa.Column('child', sa.String(length=10), nullable=False),
    sa.Column('team', sa.String(length=60), nullable=True),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('la', 'child', 'start', name=op.f('pk_child_teams'))
    )
    op.create_table('eet_status',
    sa.Column('la', sa.String(length=10), nullable=False),
    sa.Column('child', sa.String(length=10), nullable=False),
    sa.Column('status_date', sa.Date(), nullable=False),
    sa.Column('activ', sa.String(length=20), nullable=True),
    sa.Column('adviser', sa.String(length=60), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('la', 'child', 'status_date', name=op.f('pk_eet_status'))
    )
    op.create_table('episodes',
    sa.Column('la', sa.String(length=10), nullable=False),
    sa.Column('child', sa.String(length=10), nullable=False),
    sa.Column('decom', sa.Date(), nullable=False),
    sa.Column('rne', sa.String(length=20), nullable=True),
    sa.Column('ls', sa.String(length=20), nullable=True),
    sa.Column('cin', sa.String(length=20), nullable=True),
    sa.Column('place', sa.String(length=20), nullable=True),
    sa.Column('place_provider', sa.String(length=20), nullable=True),
    sa.Column('dec', sa.Date(), nullable=True),
    sa.Column('rec', sa.String(length=20), nullable=True),
    sa.Column('reason_place_change', sa.String(length=6), nullable=True),
    sa.Column('home_post', sa.String(length=8), nullable=True),
    sa.Column('pl_post', sa.String(length=8), nullable=True),
    sa.Column('urn', sa.String(length=10), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('la', 'child', 'decom', name=op.f('pk_episodes'))
    )
    op.create_table('escalations',
    sa.Column('la', sa.String(length=10), nullable=False),
    sa.Column('escalation_id', sa.String(length=20), nullable=False),
    sa.Column('child', sa.String(length=10), nullable=True),
    sa.Column('iro_id', sa.String(length=20), nullable=True),
    sa.Column('raised', sa.Date(), nullable=True),
    sa.Column('highest_stage', sa.String(length=20), nullable=True),
    sa.Column('category', sa.String(length=20), nullable=True),
    sa.Column('resolved', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('cafcass', sa.String(length=20), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('la', 'escalation_id', name=op.f('pk_escalations'))
    )
    op.create_table('feedback',
    sa.Column('la', sa.String(length=10), nullable=False),
    sa.Column('child', sa.String(length=10), nullable=False),
    sa.Column('review', sa.Date(), nullable=False),
    sa.Column('respondent', sa.String(length=20), nullable=False),
    sa.Column('returned', sa.String(length=20), nullable=True),
    sa.Column('advocate_offered', sa.String(length=20), nullable=True),
    sa.Column('child_chaired', sa.String(length=20), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('la', 'child', 'review', 'respondent', name=op.f('pk_feedback'))
    )
    op.create_table('header',
    sa.Column('la', sa.String(length=10), nullable=False),
    sa.Column('child', sa.String(length=10), nullable=False),
    sa.Column('sex', sa.String(length=20), nullable=True),
    sa.Column('dob', sa.Date(), nullable=True),
    sa.Column('ethnic', sa.String(length=20), nullable=True),
    sa.Column('upn', sa.String(length=13), nullable=True),
    sa.Column('mother', sa.String(length=20), nullable=True),
    sa.Column('mc_dob', sa.Date(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('la', 'child', name=op.f('pk_header'))
    )
    op.create_table('imports',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('user_name', sa.String(length=100), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('files', sa.Text(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('rows_read', sa.Integer(), nullable=False),
    sa.Column('inserted', sa.Integer(), nullable=False),
    sa.Column('updated', sa.Integer(), nullable=False),
    sa.Column('unchanged', sa.Integer(), nullable=False),
    sa.Column('merged', sa.Integer(), nullable=False),
    sa.Column('error_count', sa.Integer(), nullable=False),
    sa.Column('finding_count', sa.Integer(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_imports'))
    )
    op.create_table('iro_allocations',
    sa.Column('la', sa.String(length=10), nullable=False),
    sa.Column('child', sa.String(length=10), nullable=False),
    sa.Column('iro_id', sa.String(length=20), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('la', 'child', 'iro_id', 'start', name=op.f('pk_iro_allocations'))
    )
    op.create_table('iros',
    sa.Column('la', sa.String(length=10), nullable=False),
    sa.Column('iro_id', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=True),
    sa.Column('team', sa.String(length=60), nullable=True),
    sa.Column('fte', sa.Float(), nullable=True),
    sa.Column('start', sa.Date(), nullable=True),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('la', 'iro_id', name=op.f('pk_iros'))
    )
    op.create_table('midway',
    sa.Column('la', sa.String(length=10), nullable=False),
    sa.Column('child', sa.String(length=10), nullable=False),
    sa.Column('check_date', sa.Date(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('la', 'child', 'check_date', name=op.f('pk_midway'))
    )
    op.create_table('missing',
    sa.Column('la', sa.String(length=10), nullable=False),
    sa.Column('child', sa.String(length=10), nullable=False),
    sa.Column('dob', sa.Date(), nullable=True),
    sa.Column('missing', sa.String(length=20), nullable=True),
    sa.Column('mis_start', sa.Date(), nullable=False),
    sa.Column('mis_end', sa.Date(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('la', 'child', 'mis_start', name=op.f('pk_missing'))
    )
    op.create_table('oc2',
    sa.Column('la', sa.String(length=10), nullable=False),
    sa.Column('child', sa.String(length=10), nullable=False),
    sa.Column('dob', sa.Date(), nullable=True),
    sa.Column('sdq_score', sa.Float(), nullable=True),
    sa.Column('sdq_reason', sa.String(length=4), nullable=True),
    sa.Column('convicted', sa.String(length=2), nullable=True),
    sa.Column('health_check', sa.String(length=2), nullable=True),
    sa.Column('immunisations', sa.String(length=2), nullable=True),
    sa.Column('teeth_check', sa.String(length=2), nullable=True),
    sa.Column('health_assessment', sa.String(length=2), nullable=True),
    sa.Column('substance_misuse', sa.String(length=2), nullable=True),
    sa.Column('intervention_received', sa.String(length=2), nullable=True),
    sa.Column('intervention_offered', sa.String(length=2), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('la', 'child', 'year', name=op.f('pk_oc2'))
    )
    op.create_table('oc3',
    sa.Column('la', sa.String(length=10), nullable=False),
    sa.Column('child', sa.String(length=10), nullable=False),
    sa.Column('dob', sa.Date(), nullable=True),
    sa.Column('in_touch', sa.String(length=20), nullable=True),
    sa.Column('activ', sa.String(length=20), nullable=True),
    sa.Column('accom', sa.String(length=20), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('la', 'child', 'year', name=op.f('pk_oc3'))
    )
    op.create_table('placed_adoption',
    sa.Column('la', sa.String(length=10), nullable=False),
    sa.Column('child', sa.String(length=10), nullable=False),
    sa.Column('dob', sa.Date(), nullable=True),
    sa.Column('date_placed', sa.Date(), nullable=False),
    sa.Column('date_placed_ceased', sa.Date(), nullable=True),
    sa.Column('reason_placed_ceased', sa.String(length=3), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('la', 'child', 'date_placed', name=op.f('pk_placed_adoption'))
    )
    op.create_table('postcode_centroids',
    sa.Column('postcode', sa.String(length=8), nullable=False),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('postcode', name=op.f('pk_postcode_centroids'))
    )
    op.create_table('previous_permanence',
    sa.Column('la', sa.String(length=10), nullable=False),
    sa.Column('child', sa.String(length=10), nullable=False),
    sa.Column('dob', sa.Date(), nullable=True),
    sa.Column('prev_perm', sa.String(length=2), nullable=True),
    sa.Column('la_perm', sa.String(length=10), nullable=True),
    sa.Column('date_perm', sa.String(length=10), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('la', 'child', name=op.f('pk_previous_permanence'))
    )
    op.create_table('reviews',
    sa.Column('la', sa.String(length=10), nullable=False),
    sa.Column('child', sa.String(length=10), nullable=False),
    sa.Column('dob', sa.Date(), nullable=True),
    sa.Column('review', sa.Date(), nullable=False),
    sa.Column('review_code', sa.String(length=20), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('la', 'child', 'review', name=op.f('pk_reviews'))
    )
    op.create_table('sw_episodes',
    sa.Column('la', sa.String(length=10), nullable=False),
    sa.Column('child', sa.String(length=10), nullable=False),
    sa.Column('dob', sa.Date(), nullable=True),
    sa.Column('sw_id', sa.String(length=20), nullable=True),
    sa.Column('sw_decom', sa.Date(), nullable=False),
    sa.Column('sw_dec', sa.Date(), nullable=True),
    sa.Column('sw_reason', sa.String(length=6), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('la', 'child', 'sw_decom', name=op.f('pk_sw_episodes'))
    )
    op.create_table('uasc',
    sa.Column('la', sa.String(length=10), nullable=False),
    sa.Column('child', sa.String(length=10), nullable=False),
    sa.Column('sex', sa.String(length=20), nullable=True),
    sa.Column('dob', sa.Date(), nullable=True),
    sa.Column('duc', sa.Date(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('la', 'child', name=op.f('pk_uasc'))
    )
    op.create_table('findings',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=True),
    sa.Column('file', sa.String(length=255), nullable=True),
    sa.Column('file_row', sa.Integer(), nullable=True),
    sa.Column('column_name', sa.String(length=40), nullable=True),
    sa.Column('value', sa.String(length=255), nullable=True),
    sa.Column('child', sa.String(length=20), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['import_id'], ['imports.id'], name=op.f('fk_findings_import_id_imports')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_findings'))
    )
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_findings_import_id'), ['import_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_findings_import_id'))

    op.drop_table('findings')
    op.drop_table('uasc')
    op.drop_table('sw_episodes')
    op.drop_table('reviews')
    op.drop_table('previous_permanence')
    op.drop_table('postcode_centroids')
    op.drop_table('placed_adoption')
    op.drop_table('oc3')
    op.drop_table('oc2')
    op.drop_table('missing')
    op.drop_table('midway')
    op.drop_table('iros')
    op.drop_table('iro_allocations')
    op.drop_table('imports')
    op.drop_table('header')
    op.drop_table('feedback')
    op.drop_table('escalations')
    op.drop_table('episodes')
    op.drop_table('eet_status')
    op.drop_table('child_teams')
    op.drop_table('ad1')
