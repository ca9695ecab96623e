"""Story comparisons kept in memory: a comparison costs seconds (the embedding model),
a story page must answer in milliseconds. Behind this cache is the store's own copy
(storylens.compared): a restarted server reads comparisons back instead of recomputing.

An entry is keyed by the story id and its article ids, so it stays valid until the story
itself changes (an article joins it, or a merge): other stories' ingests leave it alone.
Which articles a story has is looked up again only when the store's newest article
changed (`Store.last_seq`, one indexed query). That check runs at most once every
`FRESHNESS_S` (and right after this server's own ingests), so a warm story page or a
repeated listing is answered from memory: another process's ingest shows within a second.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Self, TypeVar, cast

from fastapi.concurrency import run_in_threadpool

from storylens.analyse import Analyser
from storylens.compared import members_comparison
from storylens.output.json import compare_report
from storylens.records import Article, Comparison, Story, StoryThread
from storylens.store import Store, UnknownStoryError
from storylens.thread_compared import report_of

# Comparisons kept in memory; the least recently used go first.
MAX_ENTRIES = 512
# Story ids (or prefixes) whose members are remembered between two writes.
MAX_REMEMBERED_KEYS = 10_000
# Listing pages remembered between two writes.
MAX_LISTINGS = 256
# Seconds between two checks for new articles written by another process.
FRESHNESS_S = 1.0

Key = tuple[str, tuple[str, ...]]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Rendering:
    body: bytes
    etag: str  # a strong validator: the quoted hash of `body`

    @classmethod
    def of(cls, body: bytes) -> Rendering:
        return cls(body, '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"')


class Renders:
    """A cached report's renderings (its page, its Markdown), each made once, under the
    entry's lock: two requests for one page at once render it once."""

    __slots__ = ()
    renderings: dict[str, Rendering]
    _lock: threading.Lock

    def rendering(self, name: str, render: Callable[[Self], bytes]) -> Rendering:
        with self._lock:
            if name not in self.renderings:
                self.renderings[name] = Rendering.of(render(self))
            return self.renderings[name]

    async def rendered(self, name: str, render: Callable[[Self], bytes]) -> Rendering:
        """`rendering` for an async route: made off the event loop, the first time only."""
        found = self.renderings.get(name)
        if found is not None:
            return found
        return await run_in_threadpool(self.rendering, name, render)


@dataclass(slots=True)
class CachedStory(Renders):
    story_id: str
    articles: list[Article]
    comparison: Comparison
    report: dict[str, object]  # the CLI's `show --json` report
    report_json: Rendering
    renderings: dict[str, Rendering] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)


class StoryCache:
    """Comparisons by story, computed on first use (or by `warm`) under one lock: the
    model runs one story at a time, and a story asked for twice at once is computed once."""

    def __init__(self, store: Store, analyser: Analyser, max_entries: int = MAX_ENTRIES) -> None:
        self.store = store
        self.analyser = analyser
        self.max_entries = max_entries
        self._entries: OrderedDict[Key, CachedStory] = OrderedDict()
        self._members: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._members_seq = -1
        self._listings: dict[object, object] = {}
        self._seq = -1
        self._seq_checked = float("-inf")
        self._generation = 0  # bumped by `invalidate`
        self._refreshing = False
        self._refresh_lock = threading.Lock()
        self._compute_lock = threading.Lock()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, story_key: str) -> CachedStory:
        """The comparison of the story with this id or unique prefix (UnknownStoryError)."""
        key = self._key(story_key)
        found = self._lookup(key)
        if found is not None:
            return found
        with self._compute_lock:
            found = self._lookup(key)
            if found is None:
                found = self._compute(key)
                with self._lock:
                    self._entries[key] = found
                    while len(self._entries) > self.max_entries:
                        self._entries.popitem(last=False)
            return found

    def warm(self, stop: threading.Event) -> None:
        """Compute every stored story's comparison, biggest stories first (startup)."""
        for story in self.store.list_stories():
            if stop.is_set() or len(self._entries) >= self.max_entries:
                return
            try:
                self.get(story.id)
            except UnknownStoryError:
                continue  # merged into another story since the listing: that one is next

    def peek(self, story_key: str) -> CachedStory | None:
        """The cached comparison if it is known to be current without asking the store
        (no I/O, never blocks: for the event loop); None means: call `get`."""
        if not self._current():
            return None
        with self._lock:
            known = self._members.get(story_key)
        return self._lookup(known) if known is not None else None

    def peek_listing(self, query: Hashable) -> object | None:
        """A remembered listing known to be current, without I/O; None: call `listing`."""
        if not self._current():
            return None
        with self._lock:
            return self._listings.get(query)

    def invalidate(self) -> None:
        """Look for new articles on the next request (after this server wrote some)."""
        with self._lock:
            self._generation += 1  # a check already under way may predate the write
            self._seq_checked = float("-inf")

    def _current(self) -> bool:
        """Whether memory may answer without asking the store: it was checked less than
        FRESHNESS_S ago, or another request is checking it right now. Without the second,
        every request arriving during that one query would send its own (a herd of
        queries that, under load, queued for pool connections for seconds)."""
        checked = self._seq_checked
        if time.monotonic() - checked < FRESHNESS_S:
            return True
        return self._refreshing and checked != float("-inf")

    def listing(self, query: Hashable, compute: Callable[[], T]) -> T:
        """`compute()` for this listing query, remembered until the store changes."""
        self._fresh_seq()
        with self._lock:
            if query in self._listings:
                return cast(T, self._listings[query])
        found = compute()
        with self._lock:
            if len(self._listings) < MAX_LISTINGS:
                self._listings[query] = found
        return found

    def _fresh_seq(self) -> int:
        if time.monotonic() - self._seq_checked < FRESHNESS_S:
            return self._seq
        with self._refresh_lock:  # one query at a time; those who waited find it fresh
            now = time.monotonic()
            if now - self._seq_checked < FRESHNESS_S:
                return self._seq
            generation = self._generation
            self._refreshing = True
            try:
                seq = self.store.last_seq()
            finally:
                self._refreshing = False
            with self._lock:
                if seq != self._members_seq:
                    self._members, self._listings, self._members_seq = {}, {}, seq
                self._seq = seq
                if generation == self._generation:  # else: check again next time
                    self._seq_checked = now
            return seq

    def _key(self, story_key: str) -> Key:
        seq = self._fresh_seq()
        with self._lock:
            known = self._members.get(story_key)
        if known is None:
            story_id, article_ids = self.store.story_members(story_key)
            known = (story_id, tuple(article_ids))
            with self._lock:
                if self._members_seq == seq and len(self._members) < MAX_REMEMBERED_KEYS:
                    self._members[story_key] = known
        return known

    def _lookup(self, key: Key) -> CachedStory | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def _compute(self, key: Key) -> CachedStory:
        story_id, article_ids = key
        found = members_comparison(self.store, story_id, article_ids, self.analyser)
        report = compare_report(found.articles, [found.comparison])
        for article in found.articles:  # the analysis was only needed to compare
            article.sentences, article.entities, article.embedding = [], [], None
        return CachedStory(
            story_id=story_id,
            articles=found.articles,
            comparison=found.comparison,
            report=report,
            report_json=Rendering.of(json.dumps(report, ensure_ascii=False).encode()),
        )


# Thread reports kept in memory (each also holds its events' comparisons' summaries).
MAX_THREAD_REPORTS = 128
ThreadKey = tuple[str, tuple[tuple[str, tuple[str, ...]], ...], str | None]


@dataclass(slots=True)
class CachedThread(Renders):
    report: dict[str, Any]  # `show THREAD --json`'s report
    report_json: Rendering
    renderings: dict[str, Rendering] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)


class ThreadReports:
    """Thread reports (the JSON and the page) kept in memory, as story comparisons are.

    A report is keyed by the thread's id, each of its events' story id and article ids, and
    `since`: it stays valid until a member story changes (an article joins it, a merge) or
    an event joins or leaves the thread. Which stories a thread has is looked up again only
    when the store changed (`StoryCache.listing`, checked at most once every FRESHNESS_S);
    the events' comparisons come from the story cache, shared with the story pages.
    """

    def __init__(self, stories: StoryCache, max_entries: int = MAX_THREAD_REPORTS) -> None:
        self.stories = stories
        self.max_entries = max_entries
        self._entries: OrderedDict[ThreadKey, CachedThread] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def peek(self, thread_key: str, since: str | None) -> CachedThread | None:
        """The cached report if it is known to be current without asking the store (no
        I/O: for the event loop); None means: call `get`."""
        thread = self.stories.peek_listing(("thread", thread_key))
        if not isinstance(thread, StoryThread):
            return None
        with self._lock:
            return self._entries.get(_thread_key(thread, since))

    def get(self, thread_key: str, since: str | None) -> CachedThread:
        """The report of the thread with this id or unique prefix (UnknownStoryError)."""
        store = self.stories.store
        thread = self.stories.listing(("thread", thread_key), lambda: store.get_thread(thread_key))
        key = _thread_key(thread, since)
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found

        def compared(story: Story) -> tuple[Comparison, list[Article]]:
            cached = self.stories.get(story.id)
            return cached.comparison, cached.articles

        report = report_of(thread, compared, since)
        found = CachedThread(report, Rendering.of(json.dumps(report, ensure_ascii=False).encode()))
        with self._lock:
            self._entries[key] = found
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return found


def _thread_key(thread: StoryThread, since: str | None) -> ThreadKey:
    events = tuple((story.id, tuple(story.article_ids)) for story in thread.events)
    return (thread.id, events, since)
