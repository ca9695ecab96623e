"""Record how far each article was analysed.

Ingest now stores only what grouping reads (the lead embedding, level "lead"); sentences,
entities and quotes are computed and stored when a story is first compared (level
"full"). Articles stored before this revision were analysed in full.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("analysis", sa.Text, nullable=False, server_default="full"))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("analysis")
