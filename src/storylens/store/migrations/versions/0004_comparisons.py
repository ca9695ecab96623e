"""Keep each story's comparison: the `comparisons` table.

A comparison costs seconds of model time; stored, a restarted server or a second `show`
reads it back. One row per story, deleted with its story and whenever its members change.

Revision ID: 0004
Revises: 0003
Create Date: 2025-03-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "comparisons",
        sa.Column("story_id", sa.String(64), nullable=False),
        sa.Column("members_key", sa.String(64), nullable=False),
        sa.Column("comparison", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("story_id", name="pk_comparisons"),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name="fk_comparisons_story_id_stories",
            ondelete="CASCADE",
        ),
    )


def downgrade() -> None:
    op.drop_table("comparisons")
