"""The Python API: the code the CLI runs, for scripts and notebooks.

    import storylens

    articles = storylens.extract_articles(["reports/"])  # like `storylens extract`
    report = storylens.compare_articles(articles)       # like `storylens compare --json`
    report.to_dict() == the JSON contract (schema_version, articles, stories)

    with storylens.open("newsroom.db") as db:            # like `--db newsroom.db`
        db.ingest(["reports/"])                          # like `storylens ingest`
        for story in db.stories(limit=5): ...            # like `storylens stories --json`
        db.story("3f2a").to_dict()                       # like `storylens show 3f2a --json`
        db.why(first_id, second_id)["in_words"]          # like `storylens why`
        db.export("claims", "claims.parquet")            # like `storylens export`

Errors are the documented types of `storylens.errors` (`InputError`, `ConfigError`,
`StoreError`, `UnknownStoryError`) with the one-line reasons the CLI prints. Heavy parts
(models, the database driver, grouping) load on first use, so `import storylens` is quick.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from storylens.config import Settings, default_db
from storylens.errors import ConfigError, InputError
from storylens.records import Article, Comparison, Failure, IngestReport

if TYPE_CHECKING:
    from storylens.analyse import Analyser
    from storylens.coverage import CoverageReport
    from storylens.store import Store

Paths = str | PathLike[str] | Iterable[str | PathLike[str]]
FailureHandler = Callable[[Failure], None]


def extract_articles(
    paths: Paths = (),
    *,
    text: str | bytes | None = None,
    name: str = "document.html",
    settings: Settings | None = None,
    on_failure: FailureHandler | None = None,
) -> list[Article]:
    """Articles read and extracted from files, directories and globs, or from `text`
    (a page or a text dump held in memory, sniffed as the files are; `name` names it in
    errors and its extension hints the format).

    An input that cannot be read raises `InputError` naming it and the reason, unless
    `on_failure` is given: then each failure goes there and the others are extracted.

    >>> page = "<html><head><title>Dam opens</title></head><body><article>"
    >>> page += "<p>The new dam on the river opened on Monday after six years of work.</p>"
    >>> [a.title for a in extract_articles(text=page + "</article></body></html>", name="dam.html")]
    ['Dam opens']
    >>> extract_articles(text=b"", name="blank.txt")
    Traceback (most recent call last):
    ...
    storylens.errors.InputError: blank.txt: empty file
    """
    from storylens.extract import extract_all
    from storylens.inputs import extract_inputs
    from storylens.read import read_bytes

    chosen = settings or Settings.from_env()
    sink = on_failure or _raise
    if text is not None:
        data = text.encode("utf-8") if isinstance(text, str) else text
        found = []
        for item in extract_all(read_bytes(name, data, chosen)):
            if isinstance(item, Failure):
                sink(item)
            else:
                found.append(item)
        return found
    return list(extract_inputs(_path_list(paths), chosen, on_failure=sink))


def compare_articles(
    articles: Iterable[Article], *, settings: Settings | None = None
) -> ComparisonReport:
    """Group the articles into stories from scratch and compare each (no database).

    The result's `to_dict()` is what `storylens compare --json` prints for the same inputs.
    """
    from storylens.analyse import Analyser
    from storylens.pipeline import compare_articles as group_and_compare

    corpus = group_and_compare(list(articles), Analyser(settings or Settings.from_env()))
    by_id = {a.id: a for a in corpus.articles}
    stories = [
        StoryReport([by_id[i] for i in c.article_ids if i in by_id], c) for c in corpus.comparisons
    ]
    return ComparisonReport(corpus.articles, stories)


def open(db: str | PathLike[str] | None = None, *, settings: Settings | None = None) -> Database:
    """The database at a path or SQLAlchemy URL (default `$STORYLENS_DB` or storylens.db),
    created and migrated as needed; `StoreError` when it cannot be opened.

    Use it as a context manager, or call `close()`.
    """
    from storylens.store import open_store

    return Database(open_store(str(db) if db is not None else default_db()), settings)


@dataclass(slots=True)
class StoryReport:
    """One story's comparison: its articles and what every outlet says."""

    articles: list[Article]
    comparison: Comparison

    @property
    def id(self) -> str:
        return self.comparison.story_id

    def to_dict(self) -> dict[str, Any]:
        """The story as the JSON contract gives it (one item of `stories`)."""
        from storylens.output.json import comparison_to_dict

        return comparison_to_dict(self.comparison, {a.id: a for a in self.articles})

    def to_markdown(self) -> str:
        """The story as `storylens show` prints it."""
        from storylens.output.markdown import comparison_to_markdown

        return comparison_to_markdown(self.comparison, {a.id: a for a in self.articles})

    def to_html(self) -> str:
        """A self-contained HTML page, as `storylens show --format html` writes it."""
        from storylens.output.html import report_html

        return report_html([self.comparison], {a.id: a for a in self.articles})


@dataclass(slots=True)
class ComparisonReport:
    """Every article once and every story's comparison, as `storylens compare` reports."""

    articles: list[Article]
    stories: list[StoryReport]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (`schema_version`, `articles`, `stories`)."""
        from storylens.output.json import compare_report

        return compare_report(self.articles, [s.comparison for s in self.stories])


class Database:
    """A storylens database: ingest into it, list and compare its stories, export them."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        from storylens.store.vectors import database_settings

        self.store = store
        # The database's own embedding model, unless the settings name one.
        self.settings = database_settings(store, settings or Settings.from_env())
        self._analyser: Analyser | None = None

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    @property
    def analyser(self) -> Analyser:
        """The models, loaded on first use and shared by every call on this database."""
        from storylens.analyse import Analyser

        if self._analyser is None:
            self._analyser = Analyser(self.settings)
        return self._analyser

    def ingest(
        self,
        inputs: Paths | Iterable[Article],
        *,
        on_failure: FailureHandler | None = None,
        workers: int | None = None,
    ) -> IngestReport:
        """Store and group files (paths, directories, globs) or extracted articles; those
        already stored are skipped. Failures go to `on_failure` as they happen (the batch
        goes on) and are stored with the ingest, as `storylens ingest` does. Files are
        read by `workers` processes (default: one per core), in the same order as by one."""
        from storylens.inputs import extract_inputs
        from storylens.pipeline import Ingestor

        ingestor = Ingestor(self.store, self.analyser)

        def failed(failure: Failure) -> None:
            ingestor.record_failure(failure)
            if on_failure is not None:
                on_failure(failure)

        items = list(inputs) if not isinstance(inputs, str | PathLike) else [inputs]
        articles: Iterable[Article]
        if items and all(isinstance(item, Article) for item in items):
            articles = [item for item in items if isinstance(item, Article)]
        else:
            paths = [str(item) for item in items if not isinstance(item, Article)]
            count = workers or os.cpu_count() or 1
            articles = extract_inputs(
                paths, self.settings, on_failure=failed, workers=count, embed_leads=True
            )
        return ingestor.ingest(articles)

    def stories(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The stored stories, biggest first, each as `storylens stories --json` gives it."""
        from storylens.output.listing import stories_json

        return stories_json(self.store, self.store.list_stories(limit=limit))

    def story(self, key: str) -> StoryReport:
        """The comparison of the story with this id or unique id prefix (computed once and
        stored, as `storylens show` does); `UnknownStoryError` when none matches."""
        from storylens.compared import story_comparison

        found = story_comparison(self.store, key, self.analyser)
        return StoryReport(found.articles, found.comparison)

    def why(self, first: str, second: str) -> dict[str, Any]:
        """Why two stored articles (ids or unique prefixes) are, or are not, in one story:
        what `storylens why --json` prints; `in_words` holds the plain-words lines."""
        from storylens.group.explain import explain
        from storylens.pipeline import restored_threads
        from storylens.store.prefixes import resolve_article_ids

        ids = resolve_article_ids(self.store, [first, second])
        found = {a.id: a for a in self.store.load_articles(ids)}
        linker = restored_threads(self.store)
        return explain(linker.grouper, found[ids[0]], found[ids[1]], linker)

    def threads(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The stored threads, most events first: what `storylens threads --json` prints."""
        from storylens.compare.threads_view import thread_summary

        return [thread_summary(thread) for thread in self.store.list_threads(limit=limit)]

    def thread(self, key: str, since: str | None = None) -> dict[str, Any]:
        """One thread (id or unique prefix) on a timeline, each event with its comparison
        summary and what changed; `since` (YYYY-MM-DD): only what is new since then. What
        `storylens show THREAD --json` prints."""
        from storylens.thread_compared import checked_since, thread_report

        return thread_report(self.store, key, self.analyser, checked_since(since))

    def table(self, what: str) -> list[dict[str, Any]]:
        """One row per story, article, claim, quote or conflict (`what`), with ids that
        join across the tables; what `storylens export` writes."""
        from storylens.output.tables import table_rows

        return table_rows(self, what)

    def export(self, what: str, path: str | PathLike[str], fmt: str | None = None) -> int:
        """Write `table(what)` to `path` as parquet, csv or jsonl (from the extension
        unless `fmt` says); returns the number of rows."""
        from storylens.output.tables import write_table

        return write_table(self.table(what), what, Path(path), fmt)

    def frame(self, what: str) -> Any:
        """`table(what)` as a pandas DataFrame (pandas must be installed)."""
        try:
            import pandas  # noqa: F401  (to_pandas needs it)
        except ImportError as exc:
            raise ConfigError("a DataFrame needs pandas: pip install 'storylens[pandas]'") from exc
        from storylens.output.tables import arrow_table

        return arrow_table(self.table(what), what).to_pandas()

    def coverage(
        self, since: str | None = None, until: str | None = None, outlets: Iterable[str] = ()
    ) -> CoverageReport:
        """Articles per outlet per day in [since, until] (ISO dates), which outlets cover
        which stories, and the stories none of `outlets` covered while others did (what
        the server's /coverage page shows)."""
        from storylens.coverage import coverage_report

        rows, titles = self.store.coverage(since, until)
        return coverage_report(rows, titles, outlets, since, until)

    def iter_story_reports(self) -> Iterator[StoryReport]:
        """Every stored story's comparison, biggest story first."""
        for story in self.store.list_stories():
            yield self.story(story.id)


def _raise(failure: Failure) -> None:
    raise InputError(failure.source, failure.reason)


def _path_list(paths: Paths) -> list[str]:
    if isinstance(paths, str | PathLike):
        return [str(paths)]
    return [str(p) for p in paths]
