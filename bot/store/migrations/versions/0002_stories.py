"""Stories: incidents with their reports; deliveries know the story they alert about.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 00:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_AWARE = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("region", sa.String(200), nullable=True),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("card", sa.Text(), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("verification", sa.String(20), nullable=False),
        sa.Column("first_seen", _AWARE, nullable=False),
        sa.Column("last_seen", _AWARE, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
    )
    op.create_index("ix_stories_last_seen", "stories", ["last_seen"])
    op.create_table(
        "story_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("source_id", sa.String(200), nullable=False),
        sa.Column("outlet", sa.String(200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published_at", _AWARE, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("figures", sa.Text(), nullable=False),
        sa.Column("recorded_at", _AWARE, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_story_reports"),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name="fk_story_reports_story_id_stories",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_story_reports_story_id", "story_reports", ["story_id"])
    # One article may now alert a chat once per story it tells: the story joins the key.
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("story_id", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
        batch.drop_constraint(
            "uq_deliveries_article_id_platform_chat_id_thread_id", type_="unique"
        )
        batch.create_unique_constraint(
            "uq_deliveries_article_id_story_id_platform_chat_id_thread_id",
            ["article_id", "story_id", "platform", "chat_id", "thread_id"],
        )
    op.create_index("ix_deliveries_story_id", "deliveries", ["story_id"])


def downgrade() -> None:
    op.drop_index("ix_deliveries_story_id", table_name="deliveries")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_constraint(
            "uq_deliveries_article_id_story_id_platform_chat_id_thread_id", type_="unique"
        )
        batch.create_unique_constraint(
            "uq_deliveries_article_id_platform_chat_id_thread_id",
            ["article_id", "platform", "chat_id", "thread_id"],
        )
        batch.drop_column("note")
        batch.drop_column("story_id")
    op.drop_table("story_reports")
    op.drop_table("stories")
