"""Where an arriving article looks for its story: a few candidates, never every story.

Two sources, each bounded per article so the cost stays flat as the store grows:

- the nearest story centroids *inside the article's time window*. Centroids sit on
  shelves of one week each (a story on the shelf of every week it has a member in; stories
  with no dated member on a shelf of their own), and an article searches only the shelves
  its window touches, exactly, with the stories outside the window masked out. With news
  arriving at a steady rate a bigger store is a longer history, not a fuller week, so the
  search costs the same at 10k and 1M articles; and a global nearest-neighbour search, at
  a million stories, would return last year's stories of the same kind first, which the
  window then throws away (a late report of an old event still finds its week's shelf).
  Writing the centroids is deferred to the next search and done shelf by shelf in bulk, so
  rebuilding the state of a large store costs no search-structure build at all;
- an inverted index from rare anchors (a town, a name, a magnitude) to the stories that
  most recently mentioned them, ranked by the weight of the anchors a story shares with
  the article, so only the best few dozen are scored however full the postings are.

Syndicated copies come from the MinHash index (`syndication`).
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Callable, Iterable, Mapping

import numpy as np
import numpy.typing as npt

Vector = npt.NDArray[np.float32]

# Nearest story centroids (in the time window) scored per article.
NEAREST = 24
# Stories remembered per anchor (the most recent), anchors of an article looked up (its
# rarest), and anchor candidates scored: those sharing the most anchor weight.
POSTINGS_PER_ANCHOR = 24
ANCHORS_LOOKED_UP = 10
ANCHOR_CANDIDATES = 24
# Days per shelf: a week, so an article's window (a few days either side) touches two or three.
SHELF_DAYS = 7
_UNDATED = -1  # the shelf of stories no dated member has reached yet
_FAR = 2**40  # the day bounds of an undated story: never outside a window


class _Shelf:
    """Centroids in one dense matrix with each story's first and last day, searched exactly."""

    def __init__(self, dim: int) -> None:
        self.vectors = np.zeros((16, dim), np.float32)
        self.first = np.full(16, -_FAR, np.int64)
        self.last = np.full(16, _FAR, np.int64)
        self.ids: list[str | None] = []
        self.rows: dict[str, int] = {}
        self._free: list[int] = []

    def write(self, entries: list[tuple[str, Vector, int, int]]) -> None:
        rows = [self._row(story_id) for story_id, _, _, _ in entries]
        self._reserve(len(self.ids))
        self.vectors[rows] = np.stack([vector for _, vector, _, _ in entries])
        self.first[rows] = [first for _, _, first, _ in entries]
        self.last[rows] = [last for _, _, _, last in entries]

    def remove(self, story_id: str) -> None:
        row = self.rows.pop(story_id)
        self.vectors[row] = 0.0
        self.ids[row] = None
        self._free.append(row)

    def search(
        self, vector: Vector, count: int, window: tuple[int, int] | None
    ) -> list[tuple[float, str]]:
        used = len(self.ids)
        scores = self.vectors[:used] @ vector
        if window is not None:  # a story whose days all lie outside the window cannot win
            scores[(self.last[:used] < window[0]) | (self.first[:used] > window[1])] = -np.inf
        top = np.argpartition(-scores, count)[:count] if used > count else np.arange(used)
        found = []
        for row in top.tolist():
            story_id = self.ids[row]
            if story_id is not None and scores[row] != -np.inf:
                found.append((float(scores[row]), story_id))
        return found

    def _row(self, story_id: str) -> int:
        row = self.rows.get(story_id)
        if row is not None:
            return row
        if self._free:
            row = self._free.pop()
            self.ids[row] = story_id
        else:
            row = len(self.ids)
            self.ids.append(story_id)  # its row exists once `write` has reserved it
        self.rows[story_id] = row
        return row

    def _reserve(self, rows: int) -> None:
        """Room for `rows` rows, doubling: restoring a large store writes a shelf once."""
        size = len(self.vectors)
        if rows <= size:
            return
        while size < rows:
            size *= 2
        vectors = np.zeros((size, self.vectors.shape[1]), np.float32)
        vectors[: len(self.vectors)] = self.vectors
        first, last = np.full(size, -_FAR, np.int64), np.full(size, _FAR, np.int64)
        first[: len(self.first)], last[: len(self.last)] = self.first, self.last
        self.vectors, self.first, self.last = vectors, first, last


class CentroidIndex:
    """Story centroids on weekly shelves; a story's entries are refreshed when it changes."""

    def __init__(self, window_days: int = 4) -> None:
        self.window_days = window_days
        self._dim: int | None = None
        self._shelves: dict[int, _Shelf] = {}
        self._shelves_of: dict[str, set[int]] = {}
        self._pending: dict[str, tuple[Vector, int, int, bool]] = {}
        self._latest: int | None = None  # the newest day of any story: "now" for undated news

    def __len__(self) -> int:
        return len(self._shelves_of.keys() | self._pending.keys())

    def put(
        self, story_id: str, centroid: Vector, days: Iterable[int] = (), undated: bool = False
    ) -> None:
        """Queue a story's new centroid, days and whether it has an undated member (written
        before the next search). A story with no days or an undated member sits on the undated
        shelf too: an undated report of its event looks there."""
        if not centroid.any():
            return
        if self._dim is None:
            self._dim = len(centroid)
        if len(centroid) != self._dim:
            return  # a vector of another model: the anchors still find this story
        days = list(days)
        first, last = (min(days), max(days)) if days else (-_FAR, _FAR)
        self._pending[story_id] = (centroid, first, last, undated or not days)
        if days and (self._latest is None or last > self._latest):
            self._latest = last

    def drop(self, story_id: str) -> None:
        self._pending.pop(story_id, None)
        for key in self._shelves_of.pop(story_id, ()):
            self._shelves[key].remove(story_id)

    def nearest(self, vector: Vector, day: int | None = None, count: int = NEAREST) -> list[str]:
        """The stories whose centroids are nearest, best first, among those in the window
        around `day` and those with no date. An undated article is taken to report recent
        news: it searches the days up to the newest story's (and every undated story)."""
        self.flush()
        if self._dim is None or len(vector) != self._dim:
            return []
        vector = np.asarray(vector, np.float32)
        window = None if day is None else (day - self.window_days, day + self.window_days)
        found: dict[str, float] = {}
        for key in self._shelves_to_search(day):
            for score, story_id in self._shelves[key].search(vector, count, window):
                found[story_id] = max(score, found.get(story_id, -np.inf))
        return heapq.nlargest(count, found, key=found.__getitem__)

    def _shelves_to_search(self, day: int | None) -> list[int]:
        keys = [_UNDATED]
        if day is None and self._latest is not None:
            keys += range(
                (self._latest - self.window_days) // SHELF_DAYS, self._latest // SHELF_DAYS + 1
            )
        elif day is not None:
            low, high = day - self.window_days, day + self.window_days
            keys += range(low // SHELF_DAYS, high // SHELF_DAYS + 1)
        return [key for key in keys if key in self._shelves]

    def flush(self) -> None:
        """Write the queued centroids, shelf by shelf in bulk (`nearest` does so first)."""
        if not self._pending or self._dim is None:
            return
        per_shelf: dict[int, list[tuple[str, Vector, int, int]]] = {}
        for story_id, (centroid, first, last, undated) in self._pending.items():
            # The shelves follow from the story's members alone, not from the order they came
            # in, so a state rebuilt from stored articles searches exactly as the live one did.
            keys = {_UNDATED} if undated else set()
            if first != -_FAR:
                keys.update(range(first // SHELF_DAYS, last // SHELF_DAYS + 1))
            for key in self._shelves_of.get(story_id, set()) - keys:
                self._shelves[key].remove(story_id)
            self._shelves_of[story_id] = keys
            for key in keys:
                per_shelf.setdefault(key, []).append((story_id, centroid, first, last))
        self._pending.clear()
        for key, entries in per_shelf.items():
            shelf = self._shelves.get(key)
            if shelf is None:
                shelf = self._shelves[key] = _Shelf(self._dim)
            shelf.write(entries)


class AnchorPostings:
    """Anchor → the stories that most recently mentioned it (a bounded list each)."""

    def __init__(self) -> None:
        self._stories: dict[str, deque[str]] = {}

    def add(self, story_id: str, anchors: Iterable[str]) -> None:
        for anchor in anchors:
            posting = self._stories.setdefault(anchor, deque(maxlen=POSTINGS_PER_ANCHOR))
            if story_id in posting:
                posting.remove(story_id)
            posting.append(story_id)

    def stories(self, rarest_first: list[str]) -> list[str]:
        """Every story in the postings of the first `ANCHORS_LOOKED_UP` anchors."""
        found: dict[str, None] = {}
        for anchor in rarest_first[:ANCHORS_LOOKED_UP]:
            found.update(dict.fromkeys(self._stories.get(anchor, ())))
        return list(found)

    def ranked(
        self,
        weights: Mapping[str, float],
        keep: Callable[[str], bool],
        count: int = ANCHOR_CANDIDATES,
    ) -> list[str]:
        """The `count` kept stories sharing the most anchor weight with an article.

        `weights` are the article's anchors with their weights (rarer weighs more); the
        heaviest `ANCHORS_LOOKED_UP` are looked up.
        """
        heaviest = sorted(weights, key=lambda anchor: (-weights[anchor], anchor))
        shared: dict[str, float] = {}
        for anchor in heaviest[:ANCHORS_LOOKED_UP]:
            for story_id in self._stories.get(anchor, ()):
                shared[story_id] = shared.get(story_id, 0.0) + weights[anchor]
        kept = [story_id for story_id in shared if keep(story_id)]
        return heapq.nlargest(count, kept, key=shared.__getitem__)
