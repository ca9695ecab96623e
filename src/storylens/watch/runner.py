"""The watcher: polls the due sources, fetches the articles they list that are new (or
edited), and stores them, one request at a time per host.

Work is a queue of tasks per host (a poll of a source, a fetch of an article); the next task
is taken from the host that may be asked soonest, so one slow or rate-limited host never
holds the others up. Every finished item is committed on its own: a killed run loses at most
the article it was fetching, and the next run fetches exactly what is missing.

Change detection, and what a validator that lies can cost. A source is asked with its ETag
and Last-Modified (a conditional GET), and every full answer is hashed: the same body is
"not modified" whatever its headers say. Some servers answer 304 Not Modified, or keep
their ETag or Last-Modified, although the feed changed (Media Cloud turned conditional GET
off for all its feeds for that reason). Here:

- a 304 is never trusted twice in a row: the poll after a 304 is an unconditional GET (after
  `WatchOptions.verify_after_304` 304s in a row; 1 by default), and a 304 does not lengthen
  the source's interval (it is not yet known to be true), so the unconditional poll comes
  one unchanged interval later;
- a source is caught lying when a full answer lists items never seen before while it kept
  the ETag or the Last-Modified that was stored with the previous listing, or when its
  Last-Modified is older than a 304 it gave since (the change was there when it said "not
  modified"); it is then never asked conditionally again (`conditional` in the store,
  `conditional_get` in `watch status`), and its every poll is a full GET and a hash. New
  items, not a changed hash, are the evidence: many feeds rewrite a build date or a pubDate
  in every answer under the same ETag, which hides nothing.

The bound: an item that a lying validator hides is found by the second poll after it
appeared at the latest, instead of the first: late by at most one poll interval of that
source (10 minutes for a busy feed at the adaptive floor, `--interval` when fixed), and only
until the lie is caught, which the same poll does when the lie was an unchanged ETag or
Last-Modified. `WatchOptions(conditional_get=False)` sends no validators at all (Media
Cloud's default): no delay, a full download every poll.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

from storylens.config import Settings
from storylens.records import Article, Failure
from storylens.store import Store
from storylens.store.watchstate import Item, Source, WatchState
from storylens.watch import health
from storylens.watch.clock import Clock, SystemClock, as_datetime, as_seconds
from storylens.watch.feeds import Entry, NotAListing, listing_of
from storylens.watch.health import REFUSED, Health, after_failure, after_success, block_reason
from storylens.watch.http import Fetched, Fetcher
from storylens.watch.options import DEFAULT_INTERVAL_S, MAX_ITEM_ATTEMPTS, WatchOptions
from storylens.watch.outlets import SourceSpec
from storylens.watch.pages import content_hash, page_article
from storylens.watch.polite import DISALLOWED, Polite
from storylens.watch.sink import ArticleSink
from storylens.watch.urls import UrlRefused, canonical, check_link, check_scheme, key, origin

Say = Callable[[str], None]
# Fetch events older than this are dropped at the start of a run (status reads the recent).
KEEP_FETCHES = timedelta(days=30)
HTML_FOR_FEED = "an HTML page where a feed was expected (a block or login page?)"
FEED_HINTS = ("rss", "atom", "feed", ".xml", "sitemap", ".json")


@dataclass(slots=True)
class Task:
    url: str
    source: Source
    entry: Entry | None = None  # None: a poll of the source itself
    item: Item | None = None  # an item seen before: an edit or a retry


@dataclass(slots=True)
class RunReport:
    polled: int = 0
    new_articles: int = 0
    versions: int = 0
    failed_items: int = 0
    failed_sources: int = 0
    requests: int = 0

    def add(self, other: RunReport) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(slots=True)
class Awaiting:
    """A listing whose items are being fetched: its validators wait for the last one."""

    source: Source
    remaining: int
    validators: dict[str, str | None]
    next_due: datetime
    failed: bool = False


def _quiet(message: str) -> None:
    del message


@dataclass(slots=True)
class Watcher:
    store: Store
    options: WatchOptions = field(default_factory=WatchOptions)
    settings: Settings = field(default_factory=Settings)
    clock: Clock = field(default_factory=SystemClock)
    on_error: Say = _quiet  # `SOURCE: reason` lines of what failed
    on_progress: Say = _quiet
    sink: ArticleSink | None = None
    fetcher: Fetcher | None = None
    stopping: bool = False
    state: WatchState = field(init=False)
    polite: Polite = field(init=False)
    _report: RunReport = field(init=False, default_factory=RunReport)
    _queued: set[str] = field(init=False, default_factory=set)
    _awaiting: dict[int, Awaiting] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.state = WatchState(self.store)
        self.fetcher = self.fetcher or Fetcher(self.options)
        self.sink = self.sink or ArticleSink(self.store, self.settings)
        self.polite = Polite(
            self.fetcher,
            self.options,
            self.clock,
            load_robots=self._load_robots,
            save_robots=lambda o, text, at: self.state.save_robots(o, text, as_datetime(at)),
        )

    # -- sources ----------------------------------------------------------------------

    def add_sources(self, specs: Iterable[SourceSpec]) -> list[Source]:
        """Register sources (kept in the store); those already there keep their state."""
        return [self._add(spec.url, spec.outlet, spec.language) for spec in specs]

    def _add(
        self, url: str, outlet: str | None, language: str | None, kind: str | None = None
    ) -> Source:
        with contextlib.suppress(UrlRefused):  # kept as given: its poll says why not
            url = canonical(url)
        now = as_datetime(self.clock.now())
        initial = {
            "kind": kind,
            "state": health.NEW,
            "conditional": True,
            "unchanged": 0,
            "interval_s": (
                DEFAULT_INTERVAL_S if self.options.interval_s is None else self.options.interval_s
            ),
            "next_due": now,
            "last_new": 0,
            "total_new": 0,
            "failures": 0.0,
            "created_at": now,
        }
        return self.state.add_source(key(url), url, outlet, language, **initial)

    def _load_robots(self, of: str) -> tuple[str | None, float] | None:
        found = self.state.robots(of)
        return None if found is None else (found[0], as_seconds(found[1]))

    # -- runs -------------------------------------------------------------------------

    def run_once(self, sources: Iterable[Source] | None = None) -> RunReport:
        """Poll every due source (or `sources`) once and fetch what they list that is new."""
        self._report = RunReport()
        self._queued = set()
        self._awaiting = {}
        requests_before = self.polite.requests
        self.state.forget_fetches_before(as_datetime(self.clock.now()) - KEEP_FETCHES)
        self._recover_pending()
        now = self.clock.now()
        due = sources if sources is not None else self.state.sources()
        polls = [
            Task(s.url, s) for s in due if sources is not None or as_seconds(s.next_due) <= now
        ]
        self._drain(polls)
        self._report.requests = self.polite.requests - requests_before
        return self._report

    def run_forever(self, until: Callable[[], bool] = lambda: False) -> RunReport:
        """Poll as sources fall due until `stop()` (a signal) or `until()` says so."""
        total = RunReport()
        while not self.stopping and not until():
            total.add(self.run_once())
            self._wait_for_next_due(until)
        return total

    def stop(self) -> None:
        """End after the current request and article (safe to call from a signal handler)."""
        self.stopping = True

    def _wait_for_next_due(self, until: Callable[[], bool]) -> None:
        sources = self.state.sources()
        if not sources:
            return
        wake = min(as_seconds(s.next_due) for s in sources)
        # In slices, so a signal ends the wait within a second.
        while not self.stopping and not until() and self.clock.now() < wake:
            self.clock.sleep(min(1.0, wake - self.clock.now()))

    def _drain(self, tasks: list[Task]) -> None:
        queues: dict[str, deque[Task]] = {}
        for task in tasks:
            queues.setdefault(origin(task.url), deque()).append(task)
        while queues and not self.stopping:
            host = min(
                queues,
                key=lambda h: self.polite.hosts[h].ready_at if h in self.polite.hosts else 0.0,
            )
            task = queues[host].popleft()
            if not queues[host]:
                del queues[host]
            for more in self._run(task):
                queues.setdefault(origin(more.url), deque()).append(more)

    def _run(self, task: Task) -> list[Task]:
        if task.entry is None:
            self._report.polled += 1
            return self._poll(task.source)
        self._fetch_article(task)
        return []

    # -- polls ------------------------------------------------------------------------

    def _poll(self, source: Source) -> list[Task]:
        try:
            check_scheme(source.url)
        except UrlRefused as exc:
            self._failed(source, health.FAILING, str(exc))
            return []
        # After a 304 (or a few in a row), a full GET checks that it was true.
        verify = source.unchanged >= self.options.verify_after_304
        fetched = self.polite.get(source.url, source.url, self._validators(source, verify))
        self._record(source, fetched)
        problem = self._problem(source, fetched)
        if problem is not None:
            self._failed(source, *problem)
            return []
        if fetched.status == 304:
            self._succeeded(source, 0, modified=False, answered_304=True)
            return []
        return self._listed(source, fetched)

    def _validators(self, source: Source, verify: bool) -> dict[str, str]:
        if not self.options.conditional_get or not source.conditional or verify:
            return {}
        headers = {}
        if source.etag:
            headers["If-None-Match"] = source.etag
        if source.last_modified:
            headers["If-Modified-Since"] = source.last_modified
        return headers

    def _problem(self, source: Source, fetched: Fetched) -> tuple[str, str] | None:
        """(state, reason) when the poll got nothing usable."""
        if fetched.error == DISALLOWED:
            return health.BLOCKED, "robots.txt disallows it"
        if fetched.error:
            return health.FAILING, fetched.error
        blocked = block_reason(fetched.status, fetched.body)
        if blocked:
            return health.BLOCKED, blocked
        if fetched.status != 304 and not fetched.ok:
            return health.FAILING, f"HTTP {fetched.status}"
        return None

    def _listed(self, source: Source, fetched: Fetched) -> list[Task]:
        digest = hashlib.sha256(fetched.body).hexdigest()
        etag, modified = fetched.headers.get("etag"), fetched.headers.get("last-modified")
        validators = {"etag": etag, "last_modified": modified, "body_hash": digest}
        if digest == source.body_hash:
            self.state.save_source(source, **validators)
            self._succeeded(source, 0, modified=False)
            return []
        try:
            listing = listing_of(fetched.body, fetched.url, fetched.headers.get("content-type"))
        except NotAListing as exc:
            self._failed(source, *self._not_a_listing(source, fetched, str(exc)))
            return []
        if listing.kind == "page" and self._expects_feed(source):
            self._failed(source, health.BLOCKED, HTML_FOR_FEED)
            return []
        self.state.save_source(source, kind=source.kind or listing.kind)
        tasks = self._children(source, listing.kind, listing.children)
        if listing.kind == "page" and not tasks and not listing.children:
            self._failed(
                source,
                health.FAILING,
                "a page that links no feed and whose robots.txt names no sitemap",
            )
            return []
        news, complete = self._entries(source, listing.entries)
        new_count = sum(1 for t in news if t.item is None)
        lie = _validators_lie(source, etag, modified, new_count)
        if lie is not None:
            self.state.save_source(source, conditional=False)
            self.on_progress(f"{source.url}: {lie}; it is fetched in full from now on")
        due = source.next_due
        self._succeeded(source, new_count, note=listing.note)
        if not news:
            self.state.save_source(source, **(validators if complete else {}))
            return tasks
        # Until every item listed is stored, the source stays due and its validators are
        # not kept: a run killed before that reads the listing again at its next start,
        # instead of taking it as unchanged (or not due) and leaving items behind.
        waiting = Awaiting(source, len(news), validators if complete else {}, source.next_due)
        self.state.save_source(source, next_due=due)
        self._awaiting[source.id] = waiting
        return tasks + news

    def _not_a_listing(self, source: Source, fetched: Fetched, why: str) -> tuple[str, str]:
        if self._expects_feed(source) and b"<html" in fetched.body[:4096].lower():
            return health.BLOCKED, HTML_FOR_FEED
        return health.FAILING, why

    def _expects_feed(self, source: Source) -> bool:
        """A feed or sitemap before, or a URL that names one: HTML there is a block or a
        login page, not a home page to look for feeds in."""
        if source.kind is not None:
            return source.kind in ("feed", "sitemap")
        return any(hint in source.url.lower() for hint in FEED_HINTS)

    def _children(
        self, source: Source, kind: str, children: list[tuple[str, str | None]]
    ) -> list[Task]:
        """Feeds a home page links to (and its robots.txt's sitemaps), or the sitemaps of an
        index: sources of the same outlet, polled now when new or changed (lastmod)."""
        found = list(children)
        if kind == "page":
            found += [(url, None) for url in self.polite.sitemaps(source.url)]
        tasks: list[Task] = []
        for url, lastmod in found:
            try:
                check_link(url, source.url, self.options.allow_private)
            except UrlRefused as exc:
                self._refused(source, url, None, str(exc))
                continue
            child = self._add(url, source.outlet, source.language, None)
            if lastmod is not None and lastmod == child.lastmod:
                continue  # the index says it has not changed since we read it
            if lastmod is not None:
                self.state.save_source(child, lastmod=lastmod)
            if key(child.url) not in self._queued:
                self._queued.add(key(child.url))
                tasks.append(Task(child.url, child))
        return tasks

    def _entries(self, source: Source, entries: list[Entry]) -> tuple[list[Task], bool]:
        """Tasks for the entries that are new or changed, and whether all were looked at."""
        tasks: list[Task] = []
        for entry in entries:
            if len(tasks) >= self.options.max_items_per_poll:
                return tasks, False
            try:
                url = canonical(entry.url)
            except UrlRefused as exc:
                self._refused(source, entry.url.strip(), _guid_key(source, entry), str(exc))
                continue
            task = self._entry_task(source, entry, url)
            if task is not None:
                tasks.append(task)
        return tasks, True

    def _entry_task(self, source: Source, entry: Entry, url: str) -> Task | None:
        url_key = key(url)
        guid = _guid_key(source, entry)
        if url_key in self._queued or (guid is not None and guid in self._queued):
            return None  # the same article twice in this run (tracking parameters, GUID)
        # Looked at once a run: a second listing of the same article (another tracking
        # parameter, another title) neither fetches it again nor looks like an edit.
        self._queued.add(url_key)
        if guid is not None:
            self._queued.add(guid)
        item = self.state.find_item(url_key, guid)
        if item is not None and not _wanted_again(item, entry):
            return None
        try:  # the early check; the fetch checks the address it connects to
            check_link(url, source.url, self.options.allow_private)
        except UrlRefused as exc:
            self._refused(source, url, guid, str(exc))
            return None
        return Task(url if item is None else item.url, source, entry, item)

    # -- articles ---------------------------------------------------------------------

    def _fetch_article(self, task: Task) -> None:
        failed_before = self._report.failed_items
        self._fetch_page(task)
        waiting = self._awaiting.get(task.source.id)
        if waiting is None:
            return
        waiting.remaining -= 1
        waiting.failed = waiting.failed or self._report.failed_items > failed_before
        if waiting.remaining == 0:
            del self._awaiting[task.source.id]
            # With a failed item the validators are not kept: it is tried again next poll.
            kept = {} if waiting.failed else waiting.validators
            self.state.save_source(waiting.source, next_due=waiting.next_due, **kept)

    def _fetch_page(self, task: Task) -> None:
        assert task.entry is not None
        source, now = task.source, as_datetime(self.clock.now())
        item = task.item or self.state.begin_item(
            key(task.url), task.url, _guid_key(source, task.entry), source.id, now
        )
        fetched = self.polite.get(task.url, source.url)
        self._record(source, fetched)
        reason = fetched.error or block_reason(fetched.status, fetched.body)
        if reason is None and not fetched.ok:
            reason = f"HTTP {fetched.status}"
        if reason is not None:
            return self._article_failed(item, task, reason, refused=fetched.refused)
        article = page_article(
            fetched.body, task.url, self.settings, source.outlet, source.language
        )
        if isinstance(article, Failure):
            return self._article_failed(item, task, article.reason)
        self._store(item, task, article)

    def _store(self, item: Item, task: Task, article: Article) -> None:
        now = as_datetime(self.clock.now())
        assert task.entry is not None and self.sink is not None
        signature = task.entry.signature
        if article.url != item.url and self._duplicate_of_canonical(item, article, now):
            return
        digest = content_hash(article)
        if item.state == "stored" and item.article_id and digest == item.content_hash:
            self.state.finish_item(item, now, entry_sig=signature)  # listed anew, same text
            return
        if item.state == "stored" and item.article_id:
            self._new_version(item, article)
            self._report.versions += 1
            self.on_progress(f"{item.url}: new version {item.version + 1}")
        elif self.sink.add(article):
            self._report.new_articles += 1
        self.state.finish_item(
            item,
            now,
            state="stored",
            reason=None,
            article_id=article.id,
            content_hash=digest,
            entry_sig=signature,
            version=item.version + 1,
            attempts=item.attempts + 1,
        )

    def _new_version(self, item: Item, article: Article) -> None:
        assert item.article_id is not None and self.sink is not None
        old = self.state.article_text(item.article_id)
        if old is None:  # gone (a killed run replaced it already): store it as it is now
            self.sink.add(article)
            return
        self.state.keep_version(
            item, item.article_id, old[0], old[1], as_datetime(self.clock.now())
        )
        self.sink.replace(item.article_id, article)

    def _duplicate_of_canonical(self, item: Item, article: Article, now: object) -> bool:
        """The page names another URL as its canonical one: if that one is stored, this
        listing is a duplicate of it."""
        assert article.url is not None
        other = self.state.find_item(key(article.url))
        if other is None or other.id == item.id or other.state != "stored":
            return False
        self.state.finish_item(
            item,
            as_datetime(self.clock.now()),
            state="duplicate",
            reason=f"same article as {other.url}",
            article_id=other.article_id,
        )
        return True

    def _article_failed(self, item: Item, task: Task, reason: str, refused: bool = False) -> None:
        self._report.failed_items += 1
        self.on_error(f"{task.url}: {reason}")
        if item.state == "stored":  # an edit that could not be fetched: the stored one stays
            return
        attempts = item.attempts + 1
        state = "disallowed" if reason == DISALLOWED else REFUSED if refused else "failed"
        self.state.finish_item(
            item, as_datetime(self.clock.now()), state=state, reason=reason, attempts=attempts
        )

    def _refused(self, source: Source, url: str, guid: str | None, reason: str) -> None:
        """A link the source lists that is not followed (see `REFUSED`): kept as an item
        with its reason for `watch status`, said once, and not looked at again."""
        url_key = key(url)
        item = self.state.find_item(url_key)
        if item is not None and item.state in (REFUSED, "stored"):
            return  # said before; a stored article stays
        self._report.failed_items += 1
        self.on_error(f"{url}: {reason} (listed by {source.url})")
        now = as_datetime(self.clock.now())
        item = item or self.state.begin_item(url_key, url, guid, source.id, now)
        self.state.finish_item(item, now, state=REFUSED, reason=reason)

    def _recover_pending(self) -> None:
        """Items a killed run left pending: stored already (the article is in the store)
        or not (they are fetched again when listed)."""
        for item in self.state.pending_items():
            found = self.state.article_with_url(item.url)
            if found is None:
                continue
            article_id, title, body = found
            digest = hashlib.sha256(f"{title}\x00{body}".encode("utf-8", "surrogatepass"))
            self.state.finish_item(
                item,
                as_datetime(self.clock.now()),
                state="stored",
                article_id=article_id,
                content_hash=digest.hexdigest(),
                version=1,
                attempts=item.attempts + 1,
            )

    # -- health -----------------------------------------------------------------------

    def _record(self, source: Source, fetched: Fetched) -> None:
        outcome = "error" if fetched.error else str(fetched.status)
        self.state.record_fetch(
            source.id,
            fetched.url,
            as_datetime(self.clock.now()),
            fetched.status,
            outcome,
            fetched.error,
            len(fetched.body),
        )

    def _succeeded(
        self,
        source: Source,
        new: int,
        modified: bool = True,
        note: str | None = None,
        answered_304: bool = False,
    ) -> None:
        now = self.clock.now()
        after = after_success(
            self._health(source), new, self.options, modified, confirmed=not answered_304
        )
        self.state.save_source(
            source,
            state=after.state,
            reason=note,
            failures=after.failures,
            interval_s=after.interval_s,
            next_due=as_datetime(now + after.interval_s),
            last_fetch=as_datetime(now),
            last_new=new,
            total_new=source.total_new + new,
            unchanged=source.unchanged + 1 if answered_304 else 0,  # 304s in a row
        )
        if new:
            self.on_progress(f"{source.url}: {new} new")

    def _failed(self, source: Source, state: str, reason: str) -> None:
        now = self.clock.now()
        self._report.failed_sources += 1
        after = after_failure(self._health(source), state, reason, self.options)
        self.on_error(f"{source.url}: {after.state}: {after.reason}")
        self.state.save_source(
            source,
            state=after.state,
            reason=after.reason,
            failures=after.failures,
            interval_s=source.interval_s if after.state == health.DISABLED else after.interval_s,
            next_due=as_datetime(now + after.interval_s),
            last_fetch=as_datetime(now),
            last_new=0,
        )

    def _health(self, source: Source) -> Health:
        return Health(source.state, source.reason, source.failures, source.interval_s)


def _guid_key(source: Source, entry: Entry) -> str | None:
    # GUIDs are unique per feed at best: keyed with the source's host.
    return key(f"{origin(source.url)} {entry.guid}") if entry.guid else None


def _validators_lie(
    source: Source, etag: str | None, modified: str | None, new_items: int
) -> str | None:
    """Why a full answer that lists `new_items` never seen before shows the source's
    validators lie (see the module's docstring); None when it does not."""
    if not new_items or not source.conditional:
        return None
    if etag and etag == source.etag:
        return f"its ETag stayed {etag} while new items appeared"
    if modified and modified == source.last_modified:
        return f"its Last-Modified stayed {modified!r} while new items appeared"
    if modified and source.unchanged and source.last_fetch is not None:
        try:
            changed = parsedate_to_datetime(modified).timestamp()
        except (TypeError, ValueError):
            return None
        answered = as_seconds(source.last_fetch)
        if changed <= answered - 1.0:  # Last-Modified has one-second precision
            return (
                f"it answered 304 Not Modified at {as_datetime(answered):%Y-%m-%d %H:%M:%S} "
                f"although its Last-Modified says {modified!r}"
            )
    return None


def _wanted_again(item: Item, entry: Entry) -> bool:
    """A seen item is fetched again when its listing changed (an edit) or it failed and
    has tries left."""
    if item.state == "stored":
        return item.entry_sig is not None and item.entry_sig != entry.signature
    if item.state in ("failed", "pending"):
        return item.attempts < MAX_ITEM_ATTEMPTS
    return False
