"""The database: articles with their analysis, stories, failures (SQLite or PostgreSQL).

    with open_store("storylens.db") as store:
        store.write_batch(articles, stories)
        for story in store.list_stories(limit=10): ...

Records go in and come out; no ORM object crosses this interface.
"""

from storylens.store.existing import open_existing_store, open_store_for_serving
from storylens.store.store import Store, open_store
from storylens.store.stories import StoryCursor, StoryQuery, UnknownStoryError

__all__ = [
    "Store",
    "StoryCursor",
    "StoryQuery",
    "UnknownStoryError",
    "open_existing_store",
    "open_store",
    "open_store_for_serving",
]
