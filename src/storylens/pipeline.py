"""The stages wired together: read → extract → analyse → group → compare → store.

Each stage stays a plain function or small class of its own package; this module only
decides the order, the batching and where failures go. The CLI is a thin shell over it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from storylens.analyse import Analyser
from storylens.failure_log import FailureLog
from storylens.group import StoryGrouper
from storylens.group.threads import ThreadLinker
from storylens.records import Article, Comparison, Failure, IngestReport, Story
from storylens.store import Store
from storylens.store.vectors import check_embedding_model


def arrival_order(articles: list[Article]) -> list[Article]:
    """Dated articles by date, then undated ones in input order (a stable streaming order)."""
    dated = sorted((a for a in articles if a.published), key=lambda a: a.published or "")
    return dated + [a for a in articles if not a.published]


def stories_of(grouper: StoryGrouper, articles: dict[str, Article]) -> list[Story]:
    """Story records for the grouper's stories, from the articles at hand."""
    stories = []
    for story_id, state in grouper.stories.items():
        members = [articles[i] for i in state.article_ids if i in articles]
        stories.append(describe_story(story_id, state.article_ids, members))
    return stories


def describe_story(story_id: str, article_ids: list[str], members: list[Article]) -> Story:
    dates = sorted(a.published for a in members if a.published)
    titled = [a for a in arrival_order(members) if a.title]
    outlets = sorted({a.outlet for a in members if a.outlet})
    return Story(
        id=story_id,
        article_ids=list(article_ids),
        title=titled[0].title if titled else None,
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
        outlets=outlets,
    )


@dataclass(slots=True)
class ComparedCorpus:
    articles: list[Article]
    stories: list[Story]
    comparisons: list[Comparison]


def compare_articles(articles: list[Article], analyser: Analyser) -> ComparedCorpus:
    """Group a set of articles from scratch and compare each story (no database)."""
    from storylens.compare import compare_story  # not loaded by an ingest, which compares none

    ordered = arrival_order(articles)
    analyser.analyse(ordered)
    grouper = StoryGrouper()
    for article in ordered:
        grouper.add(article)
    by_id = {a.id: a for a in ordered}
    stories = sorted(stories_of(grouper, by_id), key=lambda s: (-len(s.article_ids), s.id))
    comparisons = [
        compare_story(
            s.id, [by_id[i] for i in s.article_ids], analyser.embedder, analyser.second_opinion
        )
        for s in stories
    ]
    return ComparedCorpus(ordered, stories, comparisons)


class Ingestor:
    """Streams inputs into a store in batches, one transaction per batch.

    The grouper's state is rebuilt from the store on start, so an ingest continues the
    stories already stored; an article already stored is skipped before any analysis.
    Failures given to `record_failure` are counted in `report` and stored with the next
    batch, or on their own as soon as enough of them wait (an input of nothing but failures
    has no next batch); the waiting ones are this ingest's own (bounded: see FailureLog).
    """

    def __init__(self, store: Store, analyser: Analyser, batch_size: int = 64) -> None:
        self.store = store
        self.analyser = analyser
        self.batch_size = batch_size
        embedder = getattr(analyser, "embedder", None)  # a stand-in may embed nothing
        if embedder is not None:
            check_embedding_model(store, embedder.model_name)
        self.threads = restored_threads(store)
        self.grouper = self.threads.grouper
        # Stories whose stored thread differs from the rebuilt one (stored before threads
        # were kept): written with the first batch.
        self._relinked = self.threads.differences(store.stored_threads())
        self.report = IngestReport()
        self._failures = FailureLog()

    def record_failure(self, failure: Failure) -> None:
        """Count a failure of this ingest and see it stored."""
        self._failures.add(failure)
        self.report.failed = self._failures.count
        self.report.failures = self._failures.first
        if self._failures.due:
            self.store.write_batch([], failures=self._failures.take())

    def ingest(
        self, articles: Iterable[Article], progress: Callable[[int], None] = lambda n: None
    ) -> IngestReport:
        """Store the articles (and the failures recorded meanwhile); the report so far."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.batch_size:
                self._write(batch, progress)
                batch = []
        if batch:
            self._write(batch, progress)
        rest = self._failures.take(last=True)
        if rest:
            self.store.write_batch([], failures=rest)
        return self.report

    def _write(self, batch: list[Article], progress: Callable[[int], None]) -> None:
        report = self.report
        known = self.store.has_articles(a.id for a in batch)
        fresh = list({a.id: a for a in batch if a.id not in known}.values())
        report.already_stored += len(batch) - len(fresh)
        ordered = arrival_order(fresh)
        # Articles a pool worker read may come with their lead embedded already.
        self.analyser.analyse_lead([a for a in ordered if a.embedding is None])
        touched: set[str] = set()
        for article in ordered:
            decision = self.grouper.add(article)
            self.threads.observe(article)
            touched.update((decision.story_id, *decision.merged))
        live = sorted(touched & self.grouper.stories.keys())
        stories = [self._story(story_id, ordered) for story_id in live]
        merged_away = sorted(touched - self.grouper.stories.keys())
        threads = {**self._relinked, **self.threads.take_changes()}
        self._relinked = {}
        new = self.store.write_batch(
            ordered, stories, self._failures.take(), merged_away, threads=threads
        )
        report.stored += new
        # Another ingest may have stored some of them since the check above.
        report.already_stored += len(ordered) - new
        progress(len(batch))

    def _story(self, story_id: str, fresh: list[Article]) -> Story:
        ids = self.grouper.members(story_id)
        by_id = {a.id: a for a in fresh}
        stored = self.store.load_articles([i for i in ids if i not in by_id], with_analysis=False)
        members = [by_id[i] for i in ids if i in by_id] + stored
        return describe_story(story_id, ids, members)


def regroup(store: Store, grouper: StoryGrouper | None = None) -> tuple[int, int]:
    """Group every stored article afresh, in arrival order, and store the new stories.

    One transaction: stories that end up empty are deleted, so a reader sees either the old
    grouping or the new one. Returns (articles, stories).
    """
    grouper = grouper or StoryGrouper()
    linker = ThreadLinker(grouper)
    stored = list(store.iter_articles_for_grouping())
    old_stories = {a.story_id for a in stored if a.story_id}
    for article in stored:
        article.story_id = article.copy_of = None
        article.placement = None
    for article in arrival_order(stored):
        grouper.add(article)
        linker.observe(article)
    by_id = {a.id: a for a in stored}
    stories = stories_of(grouper, by_id)
    gone = old_stories - grouper.stories.keys()
    threads = dict(linker.thread_of)
    store.write_batch([], stories, merged_away=sorted(gone), regrouped=stored, threads=threads)
    return len(stored), len(stories)


def restored_grouper(store: Store) -> StoryGrouper:
    """A grouper holding the stored stories' state (as `Ingestor` rebuilds it at open):
    the placements replayed, or when they disagree with the stored stories (see
    `StoryGrouper.replay`) every article put back into its stored story."""
    return restored_threads(store).grouper


def restored_threads(store: Store) -> ThreadLinker:
    """The grouper and thread linker the stored stories came from, rebuilt together by
    replaying each stored placement (`ThreadLinker.replay`); when the placements disagree
    with the stored stories, every article is put back into its stored story and every
    story into its stored thread (stories without one are linked)."""
    linker = ThreadLinker(StoryGrouper())
    if linker.replay(store.iter_articles_for_grouping()):
        return linker
    grouper = StoryGrouper()
    for article in store.iter_articles_for_grouping():
        grouper.restore(article)
    linker = ThreadLinker(grouper)
    linker.restore(store.stored_threads())
    return linker
