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
    Boolean,
    Column,
    DateTime,
    Float,
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
# A thread id is "t" + the id of the story that started it (see group.threads).
THREAD_ID_LENGTH = 80
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
    # The thread (developing story) the story, one event, belongs to (migration 0007).
    Column("thread_id", String(THREAD_ID_LENGTH), index=True),
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


# -- storylens watch: the sources it polls, what it has seen, each fetch (migration 0006) --
# Keys of URLs and GUIDs are SHA-256 hex digests: a URL can be longer than a PostgreSQL
# B-tree entry may be, and a digest is also what lets one index serve both backends.
URL_KEY_LENGTH = 64
ORIGIN_LENGTH = 300  # scheme://host:port, far above a real origin (a host is at most 253)

watch_sources = Table(
    "watch_sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url_key", String(URL_KEY_LENGTH), nullable=False, unique=True),
    Column("url", Text, nullable=False),
    Column("outlet", Text),
    Column("language", Text),
    Column("kind", Text),  # feed, sitemap or page, once a fetch has told
    # new, ok, not_modified, blocked, failing or disabled; `reason` says why.
    Column("state", Text, nullable=False),
    Column("reason", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("body_hash", String(URL_KEY_LENGTH)),
    # The lastmod its sitemap index gave it at the last poll: unchanged, it is not fetched.
    Column("lastmod", Text),
    # False once its ETag or Last-Modified was caught lying (a 304 or an unchanged
    # validator hid new items): it is then always fetched in full and hashed.
    Column("conditional", Boolean, nullable=False),
    # 304 answers in a row: the next poll is an unconditional GET (see watch.runner).
    Column("unchanged", Integer, nullable=False),
    Column("interval_s", Float, nullable=False),
    Column("next_due", DateTime(timezone=True), nullable=False),
    Column("last_fetch", DateTime(timezone=True)),
    Column("last_new", Integer, nullable=False),
    Column("total_new", Integer, nullable=False),
    Column("failures", Float, nullable=False),  # fractional (see watch.health)
    Column("created_at", DateTime(timezone=True), nullable=False),
)

watch_items = Table(
    "watch_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url_key", String(URL_KEY_LENGTH), nullable=False, unique=True),
    Column("url", Text, nullable=False),  # canonical: tracking parameters dropped
    Column("guid_key", String(URL_KEY_LENGTH), index=True),
    Column("source_id", Integer, ForeignKey("watch_sources.id", ondelete="CASCADE"), index=True),
    Column("entry_sig", String(URL_KEY_LENGTH)),  # what the feed said of it (see watch.feeds)
    Column("content_hash", String(URL_KEY_LENGTH)),  # of the stored version's title and body
    Column("article_id", String(ARTICLE_ID_LENGTH)),
    Column("version", Integer, nullable=False),
    # pending (being fetched), stored, failed, duplicate, disallowed or refused (where
    # it leads: another scheme, a non-public address for a public source).
    Column("state", Text, nullable=False),
    Column("reason", Text),
    Column("attempts", Integer, nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("fetched_at", DateTime(timezone=True)),
)

# The earlier versions of an edited article: the articles table holds the current one.
watch_versions = Table(
    "watch_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("item_id", Integer, ForeignKey("watch_items.id", ondelete="CASCADE"), index=True),
    Column("version", Integer, nullable=False),
    Column("article_id", String(ARTICLE_ID_LENGTH), nullable=False),
    Column("title", Text),
    Column("body", Text, nullable=False),
    Column("replaced_at", DateTime(timezone=True), nullable=False),
)

watch_fetches = Table(
    "watch_fetches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_id", Integer, ForeignKey("watch_sources.id", ondelete="CASCADE"), index=True),
    Column("url", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("status", Integer),
    Column("outcome", Text, nullable=False),
    Column("reason", Text),
    Column("bytes", Integer, nullable=False),
)

# robots.txt per origin, kept a day (a cron `watch --once` must not fetch it every run).
watch_hosts = Table(
    "watch_hosts",
    metadata,
    Column("origin", String(ORIGIN_LENGTH), primary_key=True),
    Column("robots", Text),  # None: no robots.txt (everything allowed)
    Column("fetched_at", DateTime(timezone=True), nullable=False),
)
