"""Where an arriving article looks for its story: a few candidates, never every story.

Two sources, each bounded per article so the cost stays flat as the store grows: an
approximate-nearest-neighbour index (usearch HNSW, cosine) of story centroids, and an
inverted index from rare anchors (a town, a name, a magnitude) to the stories that most
recently mentioned them. Syndicated copies come from the MinHash index (`syndication`).
"""

from __future__ import annotations

from collections import deque

import numpy as np
import numpy.typing as npt
from usearch.index import Index

Vector = npt.NDArray[np.float32]

# Nearest story centroids asked of the index; the time window filters them afterwards.
NEAREST = 24
# Stories remembered per anchor (the most recent), and anchors of an article looked up
# (its rarest): together they bound the anchor candidates to a few dozen.
POSTINGS_PER_ANCHOR = 24
ANCHORS_LOOKED_UP = 10


class CentroidIndex:
    """Story centroids in an HNSW graph; a story's entry is refreshed when it changes."""

    def __init__(self) -> None:
        self._index: Index | None = None
        self._keys: dict[str, int] = {}
        self._ids: dict[int, str] = {}
        self._pending: dict[str, Vector] = {}
        self._next_key = 1

    def __len__(self) -> int:
        return len(self._keys) + len(self._pending)

    def put(self, story_id: str, centroid: Vector) -> None:
        """Queue a story's new centroid (written before the next search, once per story)."""
        if centroid.any():
            self._pending[story_id] = centroid

    def drop(self, story_id: str) -> None:
        self._pending.pop(story_id, None)
        key = self._keys.pop(story_id, None)
        if key is not None and self._index is not None:
            del self._ids[key]
            self._index.remove(key)

    def nearest(self, vector: Vector, count: int = NEAREST) -> list[str]:
        self.flush()
        if self._index is None or not self._keys:
            return []
        matches = self._index.search(vector, min(count, len(self._keys)))
        return [self._ids[int(key)] for key in matches.keys if int(key) in self._ids]

    def flush(self) -> None:
        """Write the queued centroids into the graph (`nearest` does so before searching)."""
        if not self._pending:
            return
        if self._index is None:
            dim = len(next(iter(self._pending.values())))
            self._index = Index(ndim=dim, metric="cos", dtype="f16")
        keys, vectors = [], []
        for story_id, centroid in self._pending.items():
            if len(centroid) != self._index.ndim:
                continue  # a vector of another model: the anchors still find this story
            key = self._keys.get(story_id)
            if key is not None:
                self._index.remove(key)
            else:
                key = self._keys[story_id] = self._next_key
                self._ids[key] = story_id
                self._next_key += 1
            keys.append(key)
            vectors.append(centroid)
        self._pending.clear()
        if keys:
            # One thread: several would link the graph in a different order on each run.
            self._index.add(np.asarray(keys, np.uint64), np.stack(vectors), threads=1)


class AnchorPostings:
    """Anchor → the stories that most recently mentioned it (a bounded list each)."""

    def __init__(self) -> None:
        self._stories: dict[str, deque[str]] = {}

    def add(self, story_id: str, anchors: frozenset[str]) -> None:
        for anchor in anchors:
            posting = self._stories.setdefault(anchor, deque(maxlen=POSTINGS_PER_ANCHOR))
            if story_id in posting:
                posting.remove(story_id)
            posting.append(story_id)

    def stories(self, rarest_first: list[str]) -> list[str]:
        found: dict[str, None] = {}
        for anchor in rarest_first[:ANCHORS_LOOKED_UP]:
            found.update(dict.fromkeys(self._stories.get(anchor, ())))
        return list(found)
