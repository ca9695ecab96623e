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

from storylens._version import __version__
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
