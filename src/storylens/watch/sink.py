"""Where fetched articles go: the store, through the same `Ingestor` as `storylens ingest`
(analysis of the lead, incremental grouping, one transaction), one article at a time so a
killed watcher loses nothing it finished. An edited article replaces its earlier version."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storylens.config import Settings
from storylens.records import Article
from storylens.store import Store

if TYPE_CHECKING:
    from storylens.analyse import Analyser
    from storylens.pipeline import Ingestor


class ArticleSink:
    """Loads the models on the first article, not before (a poll that finds nothing new
    costs no model time). `analyser`: one already loaded, to share."""

    def __init__(self, store: Store, settings: Settings, analyser: Analyser | None = None):
        self.store = store
        self.settings = settings
        self._analyser = analyser
        self._ingestor: Ingestor | None = None

    def _ready(self) -> Ingestor:
        # Imported here: grouping and the models load only once there is an article.
        from storylens.pipeline import Ingestor

        if self._analyser is None:
            from storylens.analyse import Analyser
            from storylens.store.vectors import database_settings

            self._analyser = Analyser(database_settings(self.store, self.settings))
        if self._ingestor is None:
            self._ingestor = Ingestor(self.store, self._analyser, batch_size=1)
        return self._ingestor

    def add(self, article: Article) -> bool:
        """Store a new article; False when it was stored already (the same content)."""
        ingestor = self._ready()
        before = ingestor.report.stored
        return ingestor.ingest([article]).stored > before

    def replace(self, old_id: str, article: Article) -> bool:
        """Store `article` as the new version of stored article `old_id`."""
        self._ready().analyser.analyse_lead([article])
        if not self.store.replace_article(old_id, article):
            return False
        stored = self.store.load_articles([article.id], with_analysis=False)
        story_id = stored[0].story_id if stored else None
        if story_id is not None:
            from storylens.pipeline import describe_story

            # The story's title and dates as they read with the new version.
            _, ids = self.store.story_members(story_id)
            members = self.store.load_articles(ids, with_analysis=False)
            self.store.write_batch([], [describe_story(story_id, ids, members)])
        # The grouper in memory still knows the old version's id: rebuilt from the store
        # before the next article (edits are rare; a rebuild reads the stored vectors).
        self._ingestor = None
        return True
