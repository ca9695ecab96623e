"""The database tables, as SQLAlchemy Core `Table`s.

This is what the code reads and writes; migrations create it. Each migration keeps its own
frozen copy of the definitions it creates (a migration must not change when this file
does), and a test checks that the migrated database and this module agree.

Text is `Text` (no length to outgrow on PostgreSQL) except the keys: article ids are the
16-hex content hash, story ids are article ids of the story's first article.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

ARTICLE_ID_LENGTH = 16
STORY_ID_LENGTH = 64
META_KEY_LENGTH = 128
MEMBERS_KEY_LENGTH = 64  # a SHA-256 in hex
# Entity text is indexed through its first characters only: a PostgreSQL B-tree entry must
# fit in a third of a page (about 2.7 KB), and an entity span can be a whole paragraph.
# 200 characters are at most 800 bytes of UTF-8, and longer than any real name.
ENTITY_PREFIX_LENGTH = 200

# Explicit constraint names, so later migrations can alter them on every backend.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


def _article_fk() -> Column[str]:
    # Analysis rows live and die with their article.
    return Column(
        "article_id",
        String(ARTICLE_ID_LENGTH),
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    )


articles = Table(
    "articles",
    metadata,
    Column("id", String(ARTICLE_ID_LENGTH), primary_key=True),
    # Ingest order: 1, 2, 3... handed out under the write lock (see writer.reserve_seq).
    Column("seq", Integer, nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("input_id", Text),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("published", Text, index=True),
    Column("author", Text),
    Column("language", Text),
    Column("body", Text, nullable=False),
    Column("metadata", JSON, nullable=False),
    Column("embedding", LargeBinary),  # little-endian float32
    # "lead" after ingest (the embedding only), "full" once compared (sentences, entities,
    # quotes stored); see storylens.analyse.
    Column("analysis", Text, nullable=False, server_default="full"),
    Column("story_id", String(STORY_ID_LENGTH), index=True),
    Column("copy_of", String(ARTICLE_ID_LENGTH)),
    # The grouper's placement at arrival (records.Placement): the order it replays articles
    # in after a restart, the story joined then, and the stories that arrival merged
    # (a JSON list of ids).
    Column("placed", Integer),  # always written; nullable only as migration 0005 left it
    Column("joined_story", String(STORY_ID_LENGTH)),
    Column("merged_stories", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_articles_placed_seq", "placed", "seq"),
)

sentences = Table(
    "sentences",
    metadata,
    _article_fk(),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    _article_fk(),
    # Not in the record, but keeps the entities' order exact on a round trip.
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("label", Text, nullable=False),
    Column("text", Text, nullable=False),
    # text[:ENTITY_PREFIX_LENGTH], the indexed stand-in for text: find an entity with
    # `text_prefix == t[:ENTITY_PREFIX_LENGTH] AND text == t`.
    Column("text_prefix", Text, nullable=False, index=True),
)

quotes = Table(
    "quotes",
    metadata,
    _article_fk(),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("speaker", Text),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(STORY_ID_LENGTH), primary_key=True),
    Column("title", Text),
    Column("first_published", Text),
    Column("last_published", Text),
    # Kept equal to the number of articles whose story_id is this story.
    Column("article_count", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# A story's comparison, computed once (it costs seconds of model time) and read back until
# the story's membership changes: `members_key` hashes the member ids and the comparison
# version (see store/comparisons.py), and the writer deletes the row when members change.
comparisons = Table(
    "comparisons",
    metadata,
    Column(
        "story_id",
        String(STORY_ID_LENGTH),
        ForeignKey("stories.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("members_key", String(MEMBERS_KEY_LENGTH), nullable=False),
    Column("comparison", Text, nullable=False),  # JSON, see store/comparisons.py
    Column("created_at", DateTime(timezone=True), nullable=False),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(META_KEY_LENGTH), primary_key=True),
    Column("value", Text, nullable=False),
)
