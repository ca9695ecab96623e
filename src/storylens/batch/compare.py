"""The comparison stage of a batch run (`--compare`): stories compared in parallel.

After the global pass, the stories of at least two articles without a current stored
comparison are cut into jobs of about `JOB_ARTICLES` articles. Each worker loads spaCy and
the embedder once and compares its jobs' stories with `compared.story_comparison`, the code
`storylens show` and the server run: it completes the articles' analysis (what ingest
deferred), compares, and stores both. A story compared already is read back, not compared
again, so a rerun resumes. Every worker writes to the database itself: a cluster needs one
all its nodes reach (PostgreSQL).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from storylens.batch.work import ModelWorker
from storylens.compared import story_comparison, uncompared_stories
from storylens.config import Settings
from storylens.errors import StorylensError
from storylens.records import Failure, Story
from storylens.store import UnknownStoryError, open_store

# Articles per job: enough to amortise opening the database, few enough that the jobs
# spread evenly over the workers (a story's articles are compared together, in one job).
JOB_ARTICLES = 200
# A story of one article has nothing to compare across outlets; it is compared when opened.
MIN_ARTICLES = 2


@dataclass(slots=True, frozen=True)
class CompareSpec:
    """What a comparing worker needs, small and picklable."""

    db: str
    settings: Settings
    threads: int = 1


class CompareWorker(ModelWorker):
    """Compares the stories of one job after another, with models loaded once."""

    def __init__(self, spec: CompareSpec) -> None:
        super().__init__(spec.settings, spec.threads)
        self.spec = spec

    def handle(self, item: dict[str, Any]) -> dict[str, Any]:
        """A job ({"stories": [id, ...]}) in; how many were compared, and failures, out."""
        started, compared, failures = time.perf_counter(), 0, []
        with open_store(self.spec.db) as store:
            for story_id in item["stories"]:
                try:
                    compared += story_comparison(store, story_id, self.analyser).computed
                except UnknownStoryError:
                    continue  # merged into another story since the listing: compared there
                except StorylensError as exc:  # this story only; the others go on
                    failures.append([f"story {story_id}", str(exc)])
        return {
            "stories": len(item["stories"]),
            "compared": compared,
            "failures": failures,
            "seconds": time.perf_counter() - started,
        }


@dataclass(slots=True)
class CompareReport:
    stories: int = 0  # listed for comparison
    compared: int = 0  # computed now (the others were stored already)
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0


def compare_jobs(stories: list[Story], job_articles: int = JOB_ARTICLES) -> list[list[str]]:
    """Story ids cut into jobs of about `job_articles` articles, biggest stories first."""
    jobs: list[list[str]] = []
    size = job_articles  # start a job at once
    for story in sorted(stories, key=lambda s: (-len(s.article_ids), s.id)):
        if size >= job_articles:
            jobs.append([])
            size = 0
        jobs[-1].append(story.id)
        size += len(story.article_ids)
    return jobs


def stories_to_compare(db: str) -> list[Story]:
    with open_store(db) as store:
        return uncompared_stories(store, MIN_ARTICLES)


def record_job(report: CompareReport, done: dict[str, Any]) -> None:
    report.stories += done["stories"]
    report.compared += done["compared"]
    report.failures += [Failure(source, reason) for source, reason in done["failures"]]
