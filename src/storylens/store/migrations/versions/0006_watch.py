"""The state of `storylens watch`: its sources, the items it has seen, fetches, robots.txt.

`watch_sources` holds each feed, sitemap or home page with its validators, health and next
poll; `watch_items` each article URL (and feed GUID) seen, keyed by a digest of its
canonical URL, with the hash of the stored version; `watch_versions` the earlier text of an
edited article; `watch_fetches` one row per request; `watch_hosts` robots.txt per origin.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = 64  # SHA-256 hex
ARTICLE_ID = 16


def _when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _fk_source(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["source_id"],
        ["watch_sources.id"],
        name=f"fk_{table}_source_id_watch_sources",
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "watch_sources",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("url_key", sa.String(KEY), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("language", sa.Text),
        sa.Column("kind", sa.Text),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("body_hash", sa.String(KEY)),
        sa.Column("lastmod", sa.Text),
        sa.Column("conditional", sa.Boolean(), nullable=False),
        sa.Column("unchanged", sa.Integer, nullable=False),
        sa.Column("interval_s", sa.Float, nullable=False),
        _when("next_due"),
        _when("last_fetch", nullable=True),
        sa.Column("last_new", sa.Integer, nullable=False),
        sa.Column("total_new", sa.Integer, nullable=False),
        sa.Column("failures", sa.Float, nullable=False),
        _when("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_watch_sources"),
        sa.UniqueConstraint("url_key", name="uq_watch_sources_url_key"),
    )
    op.create_table(
        "watch_items",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("url_key", sa.String(KEY), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("guid_key", sa.String(KEY)),
        sa.Column("source_id", sa.Integer),
        sa.Column("entry_sig", sa.String(KEY)),
        sa.Column("content_hash", sa.String(KEY)),
        sa.Column("article_id", sa.String(ARTICLE_ID)),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("attempts", sa.Integer, nullable=False),
        _when("first_seen"),
        _when("fetched_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_watch_items"),
        sa.UniqueConstraint("url_key", name="uq_watch_items_url_key"),
        _fk_source("watch_items"),
    )
    op.create_index("ix_watch_items_guid_key", "watch_items", ["guid_key"])
    op.create_index("ix_watch_items_source_id", "watch_items", ["source_id"])
    op.create_table(
        "watch_versions",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("item_id", sa.Integer),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("article_id", sa.String(ARTICLE_ID), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("body", sa.Text, nullable=False),
        _when("replaced_at"),
        sa.PrimaryKeyConstraint("id", name="pk_watch_versions"),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["watch_items.id"],
            name="fk_watch_versions_item_id_watch_items",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_watch_versions_item_id", "watch_versions", ["item_id"])
    op.create_table(
        "watch_fetches",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("source_id", sa.Integer),
        sa.Column("url", sa.Text, nullable=False),
        _when("at"),
        sa.Column("status", sa.Integer),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("bytes", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_watch_fetches"),
        _fk_source("watch_fetches"),
    )
    op.create_index("ix_watch_fetches_source_id", "watch_fetches", ["source_id"])
    op.create_index("ix_watch_fetches_at", "watch_fetches", ["at"])
    op.create_table(
        "watch_hosts",
        sa.Column("origin", sa.String(300), nullable=False),
        sa.Column("robots", sa.Text),
        _when("fetched_at"),
        sa.PrimaryKeyConstraint("origin", name="pk_watch_hosts"),
    )


def downgrade() -> None:
    for table in ("watch_hosts", "watch_fetches", "watch_versions", "watch_items"):
        op.drop_table(table)
    op.drop_table("watch_sources")
