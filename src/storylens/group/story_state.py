"""What the stream keeps: each story's running state, and what the signals read of an article.

A story keeps a running centroid of its members' title+lead embeddings, bounded IDF-weighted
profiles of its terms, anchors and lead-sentence names, and its members' days, outlets and
languages; the few members of a young story are kept whole, for re-checks (see `stream`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

from storylens.group.anchors import anchors, lead_names, printed_year
from storylens.group.profile import Profile, Weighted
from storylens.group.signals import PROFILE_ANCHORS, PROFILE_LEAD_NAMES, PROFILE_TERMS, terms
from storylens.records import Article
from storylens.vector_layout import part

Vector = npt.NDArray[np.float32]


@dataclass(slots=True)
class StoryState:
    id: str
    vector_sum: Vector
    profile: Profile = field(default_factory=lambda: Profile(PROFILE_TERMS))
    anchor_profile: Profile = field(default_factory=lambda: Profile(PROFILE_ANCHORS))
    # The people and places its members' lead sentences name, weighted by how many do.
    lead_names: Profile = field(default_factory=lambda: Profile(PROFILE_LEAD_NAMES))
    anchors: Counter[str] = field(default_factory=Counter)
    article_ids: list[str] = field(default_factory=list)
    days: set[int] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    languages: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)  # the members' printed years (`printed_year`)
    undated_members: int = 0
    # What its members' signals read, kept while the story is young (`DecisionRule.recheck`
    # articles at most) so that it can be re-checked against a story that grew since.
    young_members: list[Features] = field(default_factory=list)
    # The centroid's English and multilingual parts (`vector_layout.part`), kept until a
    # vector is added: every arriving article reads them for each of its candidate stories.
    _parts: dict[bool, Vector] = field(default_factory=dict, repr=False, compare=False)

    def add_vector(self, vector: Vector) -> None:
        self.vector_sum += vector
        self._parts.clear()

    def centroid(self) -> Vector:
        norm = float(np.linalg.norm(self.vector_sum))
        return self.vector_sum / norm if norm else self.vector_sum

    def centroid_part(self, multilingual: bool) -> Vector:
        found = self._parts.get(multilingual)
        if found is None:
            found = self._parts[multilingual] = part(self.centroid(), multilingual)
        return found


@dataclass(slots=True, frozen=True)
class Features:
    """What the signals read of one article, computed once per article."""

    vector: Vector | None
    terms: Counter[str]
    anchors: frozenset[str]
    lead_names: frozenset[str]
    day: int | None
    outlet: str | None
    language: str | None
    year: int | None

    @classmethod
    def of(cls, article: Article) -> Features:
        vector = None
        if article.embedding is not None and len(article.embedding):
            vector = np.asarray(article.embedding, np.float32)
        return cls(
            vector,
            terms(article),
            anchors(article),
            lead_names(article),
            parse_day(article.published),
            article.outlet,
            (article.language or "").split("-")[0].lower() or None,
            printed_year(article),
        )


def parse_day(value: str | None) -> int | None:
    try:
        return date.fromisoformat(value[:10]).toordinal() if value else None
    except ValueError:
        return None


@dataclass(slots=True, frozen=True)
class ArticleWeights:
    """What the signals read of one article at one moment: its terms and anchors weighted by
    the IDF of the articles seen so far, and its vector's parts (computed once per article,
    then read against each candidate story)."""

    terms: Weighted
    anchors: Weighted
    lead_names: Weighted  # its lead sentence's names, weighted as anchors
    parts: tuple[Vector, Vector] | None  # (English, multilingual): `vector_layout.part`


def vector_parts(vector: Vector | None) -> tuple[Vector, Vector] | None:
    return None if vector is None else (part(vector, False), part(vector, True))


def anchor_share(anchors_weighted: Weighted, story: StoryState) -> float:
    """The share of the article's anchor weight that the story also mentions.

    Each anchor weighs its inverse document frequency over the articles seen so far, so a
    rare town or magnitude counts far more than "Russia" or "Trump".
    """
    total = anchors_weighted.total
    return anchors_weighted.shared_weight(story.anchors) / total if total else 0.0


def day_gap(value: int | None, values: set[int]) -> int | None:
    """From the article's day (or printed year) to the story's nearest one; None if either
    has none."""
    return min((abs(value - v) for v in values), default=None) if value is not None else None


def too_far(day: int | None, days: set[int], max_days: int) -> bool:
    gap = day_gap(day, days)
    return gap is not None and gap > max_days
