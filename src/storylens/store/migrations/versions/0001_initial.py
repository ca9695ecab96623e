"""Initial schema: articles with their analysis, stories, failures and meta.

A frozen copy of `storylens.store.schema` as it was at this revision: later changes to
schema.py go into new revisions, never here.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def _article_fk(table: str) -> list[sa.schema.SchemaItem]:
    return [
        sa.Column("article_id", sa.String(16), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=f"fk_{table}_article_id_articles",
            ondelete="CASCADE",
        ),
    ]


def _span_table(table: str, *columns: sa.Column[object]) -> None:
    op.create_table(
        table,
        *_article_fk(table),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        *columns,
        sa.PrimaryKeyConstraint("article_id", "idx", name=f"pk_{table}"),
    )


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(16), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("input_id", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("language", sa.Text),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("metadata", sa.JSON, nullable=False),
        sa.Column("embedding", sa.LargeBinary),
        sa.Column("story_id", sa.String(64)),
        sa.Column("copy_of", sa.String(16)),
        sa.Column("ingested_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("seq", name="uq_articles_seq"),
    )
    op.create_index("ix_articles_story_id", "articles", ["story_id"])
    op.create_index("ix_articles_published", "articles", ["published"])
    _span_table("sentences", sa.Column("text", sa.Text, nullable=False))
    _span_table(
        "entities",
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_entities_text", "entities", ["text"])
    _span_table(
        "quotes",
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("speaker", sa.Text),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("first_published", sa.Text),
        sa.Column("last_published", sa.Text),
        sa.Column("article_count", sa.Integer, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
    )
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, nullable=False, autoincrement=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_failures"),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_meta"),
    )
    # The ingest-order counter; writers lock this row, which serialises them on PostgreSQL.
    meta = sa.table("meta", sa.column("key", sa.String), sa.column("value", sa.Text))
    op.bulk_insert(meta, [{"key": "_ingest_seq", "value": "0"}])


def downgrade() -> None:
    for table in ("meta", "failures", "stories", "quotes", "entities", "sentences", "articles"):
        op.drop_table(table)
