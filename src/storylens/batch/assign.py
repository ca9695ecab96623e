"""The global part: one deterministic pass that assigns every article to a story.

Grouping needs every earlier article, so it runs once, on the driver, over all shards'
articles in `arrival_order` (date, then input order) — the same order and the same
`StoryGrouper` as `pipeline.compare_articles`, hence the same stories as the local run.
It reads only the records the grouper needs from the shards; no model is loaded here.

The result goes to the database in batches, one transaction each, a story always in the
same transaction as its articles; a rerun stores nothing twice (ids are content hashes),
and a database that already holds stories is continued, as `storylens ingest` does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from storylens.group import StoryGrouper
from storylens.group.threads import ThreadLinker
from storylens.pipeline import arrival_order, describe_story
from storylens.records import Article, Failure, Story
from storylens.store import Store

WRITE_BATCH = 500


@dataclass(slots=True)
class Assignment:
    articles: list[Article]  # fresh articles, in arrival order, story_id set
    stories: list[Story]  # every story touched by this pass
    merged_away: list[str]  # stored stories that a bridge article merged into another
    # Stories whose thread is new or changed in this pass (`group.threads`), and that thread.
    threads: dict[str, str] = field(default_factory=dict)


def assign_stories(
    articles: Iterable[Article],
    grouper: StoryGrouper,
    known: set[str] | None = None,
    load_stored: Callable[[list[str]], list[Article]] = lambda ids: [],
    linker: ThreadLinker | None = None,
) -> Assignment:
    """Group the articles not in `known` (ids) into `grouper`'s stories, in arrival order,
    and link the stories into threads (`linker`, over the same grouper; a fresh one if None).

    `load_stored` fetches the stored members of a story that also has older articles.
    """
    linker = linker or ThreadLinker(grouper)
    known = known or set()
    fresh = list({a.id: a for a in articles if a.id not in known}.values())
    ordered = arrival_order(fresh)
    touched: set[str] = set()
    for article in ordered:
        decision = grouper.add(article)
        linker.observe(article)
        touched.update((decision.story_id, *decision.merged))
    for article in ordered:  # a later merge may have moved an article's story
        article.story_id = grouper.story_of[article.id]
    by_id = {a.id: a for a in ordered}
    live = sorted(touched & grouper.stories.keys())
    stories = []
    for story_id in live:
        ids = grouper.members(story_id)
        missing = [i for i in ids if i not in by_id]
        stored = load_stored(missing) if missing else []
        members = [by_id[i] for i in ids if i in by_id] + stored
        stories.append(describe_story(story_id, ids, members))
    merged_away = sorted(touched - grouper.stories.keys())
    return Assignment(ordered, stories, merged_away, linker.take_changes())


def store_assignment(
    store: Store,
    assignment: Assignment,
    failures: list[Failure],
    progress: Callable[[int], None] = lambda n: None,
) -> int:
    """Write stories with their articles, about WRITE_BATCH articles per transaction; each
    story's thread in the same transaction (threads that changed on stored stories last)."""
    by_story: dict[str, list[Article]] = {}
    for article in assignment.articles:
        by_story.setdefault(article.story_id or "", []).append(article)
    stored = 0
    batch_articles: list[Article] = []
    batch_stories: list[Story] = []
    pending_failures, merged_away = list(failures), list(assignment.merged_away)
    threads = dict(assignment.threads)
    for story in assignment.stories:
        batch_articles.extend(by_story.get(story.id, []))
        batch_stories.append(story)
        if len(batch_articles) >= WRITE_BATCH:
            linked = {s.id: threads.pop(s.id) for s in batch_stories if s.id in threads}
            stored += store.write_batch(
                batch_articles, batch_stories, pending_failures, threads=linked
            )
            progress(len(batch_articles))
            batch_articles, batch_stories, pending_failures = [], [], []
    stored += store.write_batch(
        batch_articles, batch_stories, pending_failures, merged_away, threads=threads
    )
    progress(len(batch_articles))
    return stored
