"""Workers: several `newsalert run` processes sharing one PostgreSQL store.

Each worker has a row it keeps fresh (`seen_at`); sources are leased to one worker at a
time; a delivery is claimed by the worker sending it; an article's events are recorded by
the worker that polled it (`extracted_at`) and its story told by the leader.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 00:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Spelled out, as in 0001: a migration keeps describing the schema of its day.
_AWARE = sa.DateTime(timezone=True)

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "workers",
        sa.Column("id", sa.String(100), nullable=False),
        sa.Column("host", sa.String(200), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started_at", _AWARE, nullable=False),
        sa.Column("seen_at", _AWARE, nullable=False),
        sa.Column("leader", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("id", name="pk_workers"),
    )
    op.create_table(
        "source_leases",
        sa.Column("source_id", sa.String(200), nullable=False),
        sa.Column("worker_id", sa.String(100), nullable=False),
        sa.Column("expires_at", _AWARE, nullable=False),
        sa.PrimaryKeyConstraint("source_id", name="pk_source_leases"),
    )
    op.create_index("ix_source_leases_worker_id", "source_leases", ["worker_id"])
    with op.batch_alter_table("articles") as table:
        table.add_column(sa.Column("extracted_at", _AWARE, nullable=True))
    with op.batch_alter_table("deliveries") as table:
        table.add_column(sa.Column("claimed_by", sa.String(100), nullable=True))
        table.add_column(sa.Column("claimed_until", _AWARE, nullable=True))
    # The articles still to be told (a handful among millions) are found without a scan.
    op.create_index(
        "ix_articles_unprocessed",
        "articles",
        ["id"],
        postgresql_where=sa.text("processed_at IS NULL"),
        sqlite_where=sa.text("processed_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_articles_unprocessed", table_name="articles")
    with op.batch_alter_table("deliveries") as table:
        table.drop_column("claimed_until")
        table.drop_column("claimed_by")
    with op.batch_alter_table("articles") as table:
        table.drop_column("extracted_at")
    op.drop_index("ix_source_leases_worker_id", table_name="source_leases")
    op.drop_table("source_leases")
    op.drop_table("workers")
