"""Poll cadence: when each source is next due and the interval it is polled at now.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 00:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Spelled out, as in 0001: a migration keeps describing the schema of its day.
_AWARE = sa.DateTime(timezone=True)

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("source_health") as table:
        table.add_column(sa.Column("next_poll_at", _AWARE, nullable=True))
        table.add_column(sa.Column("interval_seconds", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("source_health") as table:
        table.drop_column("interval_seconds")
        table.drop_column("next_poll_at")
