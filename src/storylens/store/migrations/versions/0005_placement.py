"""Keep where the grouper placed each article when it arrived.

A restarted grouper replays these placements (the order, the story joined then, the stories
the arrival merged) and so rebuilds the state the uninterrupted run had, merges included;
rebuilt from the final stories alone, a merged story's bounded profiles and the centroid
index came out slightly different and a later article could go elsewhere. Articles stored
before this revision keep their ingest order and no placement: they are restored into their
stored story, as before.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("placed", sa.Integer, nullable=True))
        batch.add_column(sa.Column("joined_story", sa.String(64), nullable=True))
        batch.add_column(sa.Column("merged_stories", sa.Text, nullable=True))
    op.execute("UPDATE articles SET placed = seq")
    # Left nullable (the writers always set it): making it NOT NULL would make SQLite copy
    # the whole table (every article) for no gain.
    op.create_index("ix_articles_placed_seq", "articles", ["placed", "seq"])


def downgrade() -> None:
    op.drop_index("ix_articles_placed_seq", "articles")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("merged_stories")
        batch.drop_column("joined_story")
        batch.drop_column("placed")
