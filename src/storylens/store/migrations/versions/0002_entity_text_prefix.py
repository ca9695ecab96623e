"""Index entities by a bounded text prefix instead of their whole text.

PostgreSQL refuses a B-tree entry over about 2.7 KB, so `ix_entities_text` made a batch
fail whenever an entity's text was longer (an entity span can be a whole paragraph). The
new `text_prefix` column holds the first characters of `text`, and is what is indexed.

Going down recreates `ix_entities_text`, which fails on PostgreSQL if such long entity
texts are stored.

Revision ID: 0002
Revises: 0001
Create Date: 2025-02-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of schema.ENTITY_PREFIX_LENGTH at this revision.
PREFIX_LENGTH = 200


def upgrade() -> None:
    op.drop_index("ix_entities_text", table_name="entities")
    # Nullable first, filled from the stored text, then NOT NULL: existing rows need a value.
    # (batch mode: SQLite can only change a column's nullability by copying the table.)
    with op.batch_alter_table("entities") as batch:
        batch.add_column(sa.Column("text_prefix", sa.Text))
    entities = sa.table("entities", sa.column("text", sa.Text), sa.column("text_prefix", sa.Text))
    # substr counts characters on both backends, as the writer's Python slice does.
    op.execute(
        entities.update().values(text_prefix=sa.func.substr(entities.c.text, 1, PREFIX_LENGTH))
    )
    with op.batch_alter_table("entities") as batch:
        batch.alter_column("text_prefix", existing_type=sa.Text, nullable=False)
    op.create_index("ix_entities_text_prefix", "entities", ["text_prefix"])


def downgrade() -> None:
    op.drop_index("ix_entities_text_prefix", table_name="entities")
    with op.batch_alter_table("entities") as batch:
        batch.drop_column("text_prefix")
    op.create_index("ix_entities_text", "entities", ["text"])
