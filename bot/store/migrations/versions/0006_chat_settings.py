"""Chat settings: the language, time zone and quiet hours a chat chose (/lang, /timezone,
/quiet) and the stories it muted; alerts held back for quiet hours or a digest, with what
each says in the digest; where a source left off (a channel's newest post).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 00:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chat_settings",
        sa.Column("platform", sa.String(40), nullable=False),
        sa.Column("chat_id", sa.String(200), nullable=False),
        sa.Column("language", sa.String(10), nullable=True),
        sa.Column("timezone", sa.String(64), nullable=True),
        sa.Column("quiet", sa.String(20), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("platform", "chat_id", name="pk_chat_settings"),
    )
    op.create_table(
        "story_mutes",
        sa.Column("platform", sa.String(40), nullable=False),
        sa.Column("chat_id", sa.String(200), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("muted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("platform", "chat_id", "story_id", name="pk_story_mutes"),
    )
    op.create_index("ix_story_mutes_story_id", "story_mutes", ["story_id"])
    with op.batch_alter_table("source_health") as table:
        table.add_column(sa.Column("cursor", sa.String(200), nullable=True))
    with op.batch_alter_table("deliveries") as table:
        table.add_column(sa.Column("held_until", sa.DateTime(timezone=True), nullable=True))
        table.add_column(sa.Column("held_for", sa.String(10), nullable=True))
        table.add_column(sa.Column("brief", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as table:
        table.drop_column("brief")
        table.drop_column("held_for")
        table.drop_column("held_until")
    with op.batch_alter_table("source_health") as table:
        table.drop_column("cursor")
    op.drop_index("ix_story_mutes_story_id", table_name="story_mutes")
    op.drop_table("story_mutes")
    op.drop_table("chat_settings")
