"""Streaming story assignment: each arriving article joins the best story or starts one.

Nothing is recomputed from scratch and no article is compared with every story: a story
keeps a running centroid of its members' title+lead embeddings, an IDF-weighted term
profile, the anchors (names, places, numbers) its members mention, its outlets and days.
An arriving article gathers candidate stories (nearest centroids, stories sharing its
rarest anchors, the original it copies), scores each on several signals (`signals`) and
joins the best one the rule accepts; a second story the rule accepts strongly is the same
story split earlier, so the article bridges them and they merge. The window is
symmetric: a late report of an old event still finds its story.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt
from datasketch import MinHash

from storylens.group.anchors import anchors
from storylens.group.candidates import AnchorPostings, CentroidIndex
from storylens.group.signals import PROFILE_TERMS, DecisionRule, Signals, terms
from storylens.group.syndication import CopyDetector
from storylens.records import Article

Vector = npt.NDArray[np.float32]
GroupingRules = DecisionRule  # the name earlier callers used


@dataclass(slots=True)
class _StoryState:
    id: str
    vector_sum: Vector
    profile: dict[str, float] = field(default_factory=dict)
    profile_norm: float = 0.0
    anchors: Counter[str] = field(default_factory=Counter)
    article_ids: list[str] = field(default_factory=list)
    days: set[int] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    languages: set[str] = field(default_factory=set)

    def centroid(self) -> Vector:
        norm = float(np.linalg.norm(self.vector_sum))
        return self.vector_sum / norm if norm else self.vector_sum


@dataclass(slots=True, frozen=True)
class Decision:
    """Why an article went where it went (for `storylens why` and tests)."""

    story_id: str
    rule: str  # "copy", "joined", "merged", "new"
    score: float
    shared_anchors: tuple[str, ...] = ()
    merged: tuple[str, ...] = ()  # story ids folded into story_id
    signals: Signals | None = None


@dataclass(slots=True, frozen=True)
class _Features:
    """What the signals read of one article, computed once per article."""

    vector: Vector | None
    terms: Counter[str]
    anchors: frozenset[str]
    day: int | None
    outlet: str | None
    language: str | None

    @classmethod
    def of(cls, article: Article) -> _Features:
        vector = None
        if article.embedding is not None and len(article.embedding):
            vector = np.asarray(article.embedding, np.float32)
        return cls(
            vector,
            terms(article),
            anchors(article),
            parse_day(article.published),
            article.outlet,
            (article.language or "").split("-")[0].lower() or None,
        )


def parse_day(value: str | None) -> int | None:
    try:
        return date.fromisoformat(value[:10]).toordinal() if value else None
    except ValueError:
        return None


class StoryGrouper:
    """Assigns articles to stories one at a time, in arrival order."""

    def __init__(self, rules: DecisionRule | None = None) -> None:
        self.rules = rules or DecisionRule()
        self.stories: dict[str, _StoryState] = {}
        self.story_of: dict[str, str] = {}
        self.copies = CopyDetector()
        self._index = CentroidIndex()
        self._postings = AnchorPostings()
        self._anchor_df: Counter[str] = Counter()
        self._term_df: Counter[str] = Counter()
        self._seen = 0

    def add(self, article: Article) -> Decision:
        """Place one analysed article; sets `article.story_id` and `article.copy_of`."""
        features = _Features.of(article)
        signature = self.copies.signature(article.body)
        original = self.copies.find_original(article.body, signature)
        if original is not None and original in self.story_of:
            article.copy_of = original
            decision = Decision(self.story_of[original], "copy", 1.0)
        else:
            decision = self._decide(article, features)
        self._record(article, decision.story_id, features, signature)
        article.story_id = decision.story_id
        return decision

    def restore(self, article: Article) -> None:
        """Re-add a stored article with its known story (rebuilding state after a restart)."""
        if article.story_id is None:
            self.add(article)
            return
        self._record(article, article.story_id, _Features.of(article))

    def candidates(self, features: _Features) -> list[str]:
        """Stories worth scoring: nearest centroids and those sharing the rarest anchors."""
        found: dict[str, None] = {}
        if features.vector is not None:
            found.update(dict.fromkeys(self._index.nearest(features.vector)))
        rarest = sorted(features.anchors, key=lambda a: (self._anchor_df[a], a))
        found.update(dict.fromkeys(self._postings.stories(rarest)))
        return [s for s in found if s in self.stories]

    def signals(self, article: Article, story_id: str) -> Signals:
        """The signals between an article and a story's current state."""
        features = _Features.of(article)
        weights = self._term_weights(features.terms)
        anchor_idf = {a: self._anchor_idf(a) for a in features.anchors}
        return self._signals(features, self.stories[story_id], weights, anchor_idf)

    def _signals(
        self,
        features: _Features,
        story: _StoryState,
        weights: tuple[dict[str, float], float],
        anchor_idf: dict[str, float],
    ) -> Signals:
        lead = 0.0
        if features.vector is not None and len(features.vector) == len(story.vector_sum):
            lead = float(np.dot(features.vector, story.centroid()))
        return Signals(
            lead=lead,
            body=_cosine(weights, story),
            anchors=_anchor_share(anchor_idf, story),
            day_gap=min((abs(features.day - d) for d in story.days), default=None)
            if features.day is not None
            else None,
            same_outlet=bool(features.outlet) and features.outlet in story.outlets,
            other_language=bool(features.language and story.languages)
            and features.language not in story.languages,
        )

    def _decide(self, article: Article, features: _Features) -> Decision:
        own = features.anchors
        weights = self._term_weights(features.terms)
        anchor_idf = {a: self._anchor_idf(a) for a in own}
        scored = []
        for story_id in self.candidates(features):
            signals = self._signals(features, self.stories[story_id], weights, anchor_idf)
            scored.append((self.rules.score(signals), story_id, signals))
        scored.sort(key=lambda item: item[0], reverse=True)
        if not scored or scored[0][0] < self.rules.join:
            return Decision(article.id, "new", scored[0][0] if scored else 0.0)
        best_score, best_id, best_signals = scored[0]
        shared = tuple(sorted(a for a in own if a in self.stories[best_id].anchors))
        bridged = tuple(sid for score, sid, _ in scored[1:] if score >= self.rules.merge)
        for story_id in bridged:
            self._merge(into=best_id, other=story_id)
        rule = "merged" if bridged else "joined"
        return Decision(best_id, rule, best_score, shared, bridged, best_signals)

    def _term_weights(self, own: Counter[str]) -> tuple[dict[str, float], float]:
        """The article's IDF-weighted terms and their norm (once per article)."""
        weights = {t: c * self._term_idf(t) for t, c in own.items()}
        return weights, math.sqrt(sum(w * w for w in weights.values()))

    def _anchor_idf(self, anchor: str) -> float:
        return math.log((self._seen + 1) / (self._anchor_df[anchor] + 1)) + 1.0

    def _term_idf(self, term: str) -> float:
        return math.log((self._seen + 1) / (self._term_df[term] + 1)) + 1.0

    def _record(
        self,
        article: Article,
        story_id: str,
        features: _Features,
        signature: MinHash | None = None,
    ) -> None:
        self._term_df.update(features.terms.keys())
        self._anchor_df.update(features.anchors)
        self._seen += 1
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = self._new_state(story_id, features)
        self._absorb(story, article.id, features)
        if features.vector is not None and story.vector_sum.any():
            self._index.put(story_id, story.centroid())
        self._postings.add(story_id, features.anchors)
        self.story_of[article.id] = story_id
        self.copies.add(article.id, article.body, signature)

    @staticmethod
    def _new_state(story_id: str, features: _Features) -> _StoryState:
        dim = len(features.vector) if features.vector is not None else 0
        return _StoryState(story_id, np.zeros(dim, np.float32))

    def _absorb(self, story: _StoryState, article_id: str, features: _Features) -> None:
        """Fold one article into a story's running state (no global statistics touched)."""
        if features.vector is not None and story.vector_sum.shape[0] == len(features.vector):
            story.vector_sum += features.vector
        for term, count in features.terms.items():
            story.profile[term] = story.profile.get(term, 0.0) + count * self._term_idf(term)
        _trim(story)
        story.anchors.update(features.anchors)
        story.article_ids.append(article_id)
        if features.day is not None:
            story.days.add(features.day)
        if features.outlet:
            story.outlets.add(features.outlet)
        if features.language:
            story.languages.add(features.language)

    def pair_signals(self, article: Article, other: Article) -> Signals:
        """The signals between two articles, as if `other` were a story of its own."""
        features = _Features.of(other)
        alone = self._new_state(other.id, features)
        self._absorb(alone, other.id, features)
        own = _Features.of(article)
        anchor_idf = {a: self._anchor_idf(a) for a in own.anchors}
        return self._signals(own, alone, self._term_weights(own.terms), anchor_idf)

    def _merge(self, *, into: str, other: str) -> None:
        target, source = self.stories[into], self.stories.pop(other)
        self._index.drop(other)
        target.vector_sum += source.vector_sum
        self._index.put(into, target.centroid())
        for term, weight in source.profile.items():
            target.profile[term] = target.profile.get(term, 0.0) + weight
        _trim(target)
        target.anchors.update(source.anchors)
        self._postings.add(into, frozenset(source.anchors))
        target.article_ids.extend(source.article_ids)
        target.days |= source.days
        target.outlets |= source.outlets
        target.languages |= source.languages
        for article_id in source.article_ids:
            self.story_of[article_id] = into

    def members(self, story_id: str) -> list[str]:
        return list(self.stories[story_id].article_ids)


def _anchor_share(anchor_idf: dict[str, float], story: _StoryState) -> float:
    """The share of the article's anchor weight that the story also mentions.

    Each anchor weighs its inverse document frequency over the articles seen so far, so a
    rare town or magnitude counts far more than "Russia" or "Trump".
    """
    total = sum(anchor_idf.values())
    shared = sum(w for a, w in anchor_idf.items() if a in story.anchors)
    return shared / total if total else 0.0


def _trim(story: _StoryState) -> None:
    """Keep a story's heaviest terms only (bounded memory and scoring time); cache its norm."""
    profile = story.profile
    if len(profile) > 2 * PROFILE_TERMS:
        kept = sorted(profile.items(), key=lambda item: item[1], reverse=True)[:PROFILE_TERMS]
        profile.clear()
        profile.update(kept)
    story.profile_norm = math.sqrt(sum(v * v for v in profile.values()))


def _cosine(weights: tuple[dict[str, float], float], story: _StoryState) -> float:
    """Cosine of an article's weighted terms to a story's profile."""
    terms_weighted, norm = weights
    if not norm or not story.profile_norm:
        return 0.0
    profile = story.profile
    dot = sum(w * profile[t] for t, w in terms_weighted.items() if t in profile)
    return dot / (norm * story.profile_norm)
