"""Threads: each story (one event) names the thread (developing story) it belongs to.

`stories.thread_id` is written by the ingest, batch and regroup passes in the same
transaction as the stories (see group.threads); stories stored before this revision get
theirs at the next ingest, which links them as it rebuilds the grouper's state.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("thread_id", sa.String(80), nullable=True))
    op.create_index("ix_stories_thread_id", "stories", ["thread_id"])


def downgrade() -> None:
    op.drop_index("ix_stories_thread_id", "stories")
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("thread_id")
