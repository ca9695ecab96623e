"""storylens: see how every outlet tells the same story.

The Python API runs the same code as the CLI (see `storylens.api` for the whole tour):

>>> import storylens
>>> page = "<html><head><title>Bridge reopens</title></head><body><article><p>"
>>> page += "The old bridge over the canal reopened to traffic on Friday after repairs."
>>> page += "</p></article></body></html>"
>>> articles = storylens.extract_articles(text=page, name="bridge.html")
>>> articles[0].title
'Bridge reopens'
>>> storylens.open("sqlite://").stories()  # an empty database in memory
[]

`extract_articles` reads files or text, `compare_articles` groups and compares articles
with no database, `open` gives a `Database` (`ingest`, `stories`, `story`, `why`, `table`,
`export`, `frame`).
Errors are `StorylensError`s: `InputError`, `ConfigError`, `StoreError`, `UnknownStoryError`.
"""

from typing import TYPE_CHECKING, Any

from storylens._version import __version__

if TYPE_CHECKING:
    from storylens.api import (
        ComparisonReport,
        Database,
        StoryReport,
        compare_articles,
        extract_articles,
        open,
    )
    from storylens.config import Settings
    from storylens.errors import (
        ConfigError,
        InputError,
        StoreError,
        StorylensError,
        UnknownStoryError,
    )
    from storylens.records import Article, Comparison, Failure, IngestReport

# Where each public name lives. They load on first use (PEP 562) so that a command such as
# `storylens extract`, which imports `storylens.cli`, does not pay for the whole API.
_HOMES = {
    "ComparisonReport": "storylens.api",
    "Database": "storylens.api",
    "StoryReport": "storylens.api",
    "compare_articles": "storylens.api",
    "extract_articles": "storylens.api",
    "open": "storylens.api",
    "Settings": "storylens.config",
    "ConfigError": "storylens.errors",
    "InputError": "storylens.errors",
    "StoreError": "storylens.errors",
    "StorylensError": "storylens.errors",
    "UnknownStoryError": "storylens.errors",
    "Article": "storylens.records",
    "Comparison": "storylens.records",
    "Failure": "storylens.records",
    "IngestReport": "storylens.records",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'storylens' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))


__all__ = [
    "Article",
    "Comparison",
    "ComparisonReport",
    "ConfigError",
    "Database",
    "Failure",
    "IngestReport",
    "InputError",
    "Settings",
    "StoreError",
    "StoryReport",
    "StorylensError",
    "UnknownStoryError",
    "__version__",
    "compare_articles",
    "extract_articles",
    "open",
]
