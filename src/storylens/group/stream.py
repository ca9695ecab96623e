"""Streaming story assignment: each arriving article joins the best story or starts one.

Nothing is recomputed from scratch and no article is compared with every story: a story
keeps a running centroid of its members' title+lead embeddings, bounded IDF-weighted
profiles of its terms, anchors (names, places, numbers) and lead-sentence names, the
anchors its members mention, its outlets and days. An arriving article gathers candidate
stories (nearest centroids, stories sharing its rarest anchors, the original it copies),
drops those outside the time window, scores each on several signals (`signals`) and joins
the best one the rule accepts; a second story the rule accepts strongly is the same story
split earlier, so the article bridges them and they merge; and the young stories (a few
articles) among its candidates are re-checked against the story it joined, which has
grown since they arrived. The window is symmetric: a late report of an old event still
finds its story.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from storylens.group.candidates import AnchorPostings, CentroidIndex
from storylens.group.profile import Weighted
from storylens.group.signals import DecisionRule, Signals
from storylens.group.story_state import (
    ArticleWeights,
    Features,
    StoryState,
    anchor_share,
    day_gap,
    too_far,
    vector_parts,
)
from storylens.group.syndication import CopyDetector
from storylens.records import Article, Placement
from storylens.signatures import HashValues

# Young stories re-checked per arriving article, at most (the nearest to it first).
RECHECKED_STORIES = 4
# A dated young story whose newest day is this many time windows behind the newest day seen
# is no longer re-checked and lets go of the members it kept for it: an article arriving in
# date order (or up to a window late) can no longer reach it. Without this, the members of
# every small story stayed in memory: 0.7 GB of the grouper's 3.7 GB on a 1M-article stream.
RECHECK_WINDOWS = 2
GroupingRules = DecisionRule  # the name earlier callers used


@dataclass(slots=True, frozen=True)
class Decision:
    """Why an article went where it went (for `storylens why` and tests)."""

    story_id: str
    rule: str  # "copy", "joined", "merged", "new"
    score: float
    shared_anchors: tuple[str, ...] = ()
    merged: tuple[str, ...] = ()  # story ids folded into story_id
    signals: Signals | None = None
    # Of `merged`, the young stories a re-check folded in (`StoryGrouper._recheck`).
    rechecked: tuple[str, ...] = ()


class StoryGrouper:
    """Assigns articles to stories one at a time, in arrival order."""

    def __init__(self, rules: DecisionRule | None = None) -> None:
        self.rules = rules or DecisionRule()
        self.stories: dict[str, StoryState] = {}
        self.story_of: dict[str, str] = {}
        self.copies = CopyDetector()
        self._index = CentroidIndex(self.rules.max_days)
        self._postings = AnchorPostings()
        self._anchor_df: Counter[str] = Counter()
        self._term_df: Counter[str] = Counter()
        self._seen = 0
        self._newest_day: int | None = None
        self._young_days: deque[tuple[int, str]] = deque()  # (day, story) as they came

    def add(self, article: Article) -> Decision:
        """Place one analysed article; sets `article.story_id`, `copy_of` and `placement`."""
        features = Features.of(article)
        order = self._seen
        signature = self.copies.signature_of(article)
        original = self.copies.find_original(article.body, signature)
        if original is not None and original in self.story_of:
            article.copy_of = original
            decision = Decision(self.story_of[original], "copy", 1.0)
        else:
            decision = self._decide(article, features)
        self._record(article, decision.story_id, features, signature)
        article.story_id = decision.story_id
        article.placement = Placement(order, decision.story_id, decision.merged)
        return decision

    def replay(self, stored: Iterable[Article]) -> bool:
        """Rebuild the state after a restart from stored articles, in their placement order.

        Each article's placement is replayed step by step as `add` took it (the merges its
        arrival made, the story it joined, the centroid index written when `add` searched
        it), so the state is the one the uninterrupted run had and the next article goes
        where it would have gone. True when every article ends in its stored story; False
        when they disagree (two ingests wrote at once, or articles stored before placements
        were kept): then `restore` each article into its stored story instead.
        """
        expected: dict[str, str] = {}
        for article in stored:
            if article.story_id is None:
                self.add(article)
                continue
            expected[article.id] = article.story_id
            self._replay(article)
        return all(self.story_of.get(i) == story for i, story in expected.items())

    def restore(self, article: Article) -> None:
        """Re-add a stored article into its stored story (its merges not replayed)."""
        if article.story_id is None:
            self.add(article)
            return
        self._record(article, article.story_id, Features.of(article))

    def _replay(self, article: Article) -> None:
        placement = article.placement
        if placement is None:
            self.restore(article)
            return
        features = Features.of(article)
        if article.copy_of is None and features.vector is not None:
            self._index.flush()  # `add` searched the index here, writing what was queued
        for other in placement.merged:
            if {other, placement.story_id} <= self.stories.keys() and other != placement.story_id:
                self._merge(into=placement.story_id, other=other)
        self._record(article, placement.story_id, features)

    def settle(self) -> None:
        """Writes what restoring queued, the story centroids, in bulk now rather than in the
        next arrival's search (`add` would; a benchmark times the two apart)."""
        self._index.flush()

    def candidates(self, features: Features) -> list[str]:
        """Stories worth scoring: the nearest centroids in the time window and those in it
        sharing the most weight of the article's rarest anchors (a few dozen at most)."""
        found: dict[str, None] = {}
        if features.vector is not None:
            found.update(dict.fromkeys(self._index.nearest(features.vector, features.day)))

        def in_window(story_id: str) -> bool:
            story = self.stories.get(story_id)
            return story is not None and not too_far(features.day, story.days, self.rules.max_days)

        weights = {anchor: self._anchor_idf(anchor) for anchor in features.anchors}
        found.update(dict.fromkeys(self._postings.ranked(weights, in_window)))
        return [s for s in found if s in self.stories]

    def signals(self, article: Article, story_id: str) -> Signals:
        """The signals between an article and a story's current state."""
        features = Features.of(article)
        return self._signals(features, self.stories[story_id], self._weigh(features))

    def _weigh(self, features: Features) -> ArticleWeights:
        """The article's IDF-weighted terms, anchors and lead names, and its vector's parts
        (once per article)."""
        seen, term_df, log = self._seen + 1, self._term_df, math.log
        # `_term_idf` written out: read for every term of every article.
        terms = {
            t: c * (log(seen / (term_df.get(t, 0) + 1)) + 1.0) for t, c in features.terms.items()
        }
        anchors = {a: self._anchor_idf(a) for a in sorted(features.anchors)}
        names = {name: self._anchor_idf(name) for name in sorted(features.lead_names)}
        return ArticleWeights(
            Weighted.of(terms),
            Weighted.of(anchors),
            Weighted.of(names),
            vector_parts(features.vector),
        )

    def _signals(self, features: Features, story: StoryState, weighted: ArticleWeights) -> Signals:
        lead = 0.0
        other_language = (
            bool(features.language and story.languages) and features.language not in story.languages
        )
        vector, parts = features.vector, weighted.parts
        if vector is not None and parts is not None and len(vector) == len(story.vector_sum):
            # A hybrid vector compares on its multilingual part across languages (an article
            # in another language, or a story in several), else on its English one.
            across = other_language or len(story.languages) > 1
            lead = float(np.dot(parts[across], story.centroid_part(across)))
        return Signals(
            lead=lead,
            body=story.profile.cosine(weighted.terms),
            anchors=anchor_share(weighted.anchors, story),
            day_gap=day_gap(features.day, story.days),
            anchor_cosine=story.anchor_profile.cosine(weighted.anchors),
            conflict=_conflict(features, story, weighted.lead_names),
            year_gap=day_gap(features.year, story.years),
            same_outlet=bool(features.outlet) and features.outlet in story.outlets,
            other_language=other_language,
        )

    def _decide(self, article: Article, features: Features) -> Decision:
        own = features.anchors
        weighted = self._weigh(features)
        scored = []
        for story_id in self.candidates(features):
            story = self.stories[story_id]
            if too_far(features.day, story.days, self.rules.max_days):
                continue  # outside the time window: never this story, however alike
            signals = self._signals(features, story, weighted)
            scored.append((self.rules.score(signals), story_id, signals))
        scored.sort(key=lambda item: item[0], reverse=True)
        if not scored or scored[0][0] < self.rules.join:
            return Decision(article.id, "new", scored[0][0] if scored else 0.0)
        best_score, best_id, best_signals = scored[0]
        shared = tuple(sorted(a for a in own if a in self.stories[best_id].anchors))
        bridged = tuple(sid for score, sid, found in scored[1:] if self._bridges(score, sid, found))
        for story_id in bridged:
            self._merge(into=best_id, other=story_id)
        rechecked = self._recheck(best_id, [sid for _, sid, _ in scored[1:] if sid not in bridged])
        merged = bridged + rechecked
        rule = "merged" if merged else "joined"
        return Decision(best_id, rule, best_score, shared, merged, best_signals, rechecked)

    def _recheck(self, grown_id: str, near: list[str]) -> tuple[str, ...]:
        """The young stories among the arriving article's other candidates that the story it
        joins now takes, merged into it.

        An early report scoring just under `join` against a story that had not formed yet
        starts a story of its own; once that story has grown, the same rule may accept it.
        Each story the article joins re-checks the few young ones near the article (its
        own candidates: no further search) by scoring their members against it, as if they
        arrived now. The merges are the arrival's, recorded in its placement and replayed
        with it, so a restart rebuilds the same state.
        """
        if not self.rules.recheck:
            return ()
        grown = self.stories[grown_id]
        young = [sid for sid in near if self.stories[sid].young_members][:RECHECKED_STORIES]
        taken = []
        for story_id in young:
            members = self.stories[story_id].young_members
            scores = [
                self.rules.score(self._signals(member, grown, self._weigh(member)))
                for member in members
            ]
            if sum(scores) / len(scores) >= self.rules.recheck_join:
                self._merge(into=grown_id, other=story_id)
                taken.append(story_id)
        return tuple(taken)

    def _bridges(self, score: float, story_id: str, signals: Signals) -> bool:
        """Whether a second story that takes the article too is the same story split earlier:
        it scores `merge`, or it is a young story (an early report that arrived before its
        story had formed) that scores `join` (more when undated: `undated_young_margin`)."""
        if score >= self.rules.merge:
            return True
        young = len(self.stories[story_id].article_ids) <= self.rules.young_story
        bar = self.rules.join
        if signals.day_gap is None:
            bar += self.rules.undated_young_margin
        return young and score >= bar

    def _anchor_idf(self, anchor: str) -> float:
        return math.log((self._seen + 1) / (self._anchor_df[anchor] + 1)) + 1.0

    def _term_idf(self, term: str) -> float:
        return math.log((self._seen + 1) / (self._term_df[term] + 1)) + 1.0

    def _record(
        self,
        article: Article,
        story_id: str,
        features: Features,
        signature: HashValues | None = None,
    ) -> None:
        self._term_df.update(features.terms.keys())
        self._anchor_df.update(features.anchors)
        self._seen += 1
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = self._new_state(story_id, features)
        self._absorb(story, article.id, features)
        if story.young_members and features.day is not None:
            self._young_days.append((features.day, story_id))
            self._retire_young(features.day)
        if features.vector is not None and story.vector_sum.any():
            self._index.put(story_id, story.centroid(), story.days, story.undated_members > 0)
        self._postings.add(story_id, features.anchors)
        self.story_of[article.id] = story_id
        self.copies.add(article.id, article.body, signature)

    def _retire_young(self, day: int) -> None:
        """Drops the kept members of dated young stories out of every arriving article's reach.

        Driven by the recorded articles' days only, so `add` and `replay` retire the same
        stories at the same step."""
        if self._newest_day is not None and day <= self._newest_day:
            return
        self._newest_day = day
        horizon = day - RECHECK_WINDOWS * self.rules.max_days
        while self._young_days and self._young_days[0][0] < horizon:
            _, story_id = self._young_days.popleft()
            story = self.stories.get(story_id)
            if story is not None and not story.undated_members and max(story.days) < horizon:
                story.young_members.clear()

    @staticmethod
    def _new_state(story_id: str, features: Features) -> StoryState:
        dim = len(features.vector) if features.vector is not None else 0
        return StoryState(story_id, np.zeros(dim, np.float32))

    def _absorb(self, story: StoryState, article_id: str, features: Features) -> None:
        """Fold one article into a story's running state (no global statistics touched)."""
        if features.vector is not None and story.vector_sum.shape[0] == len(features.vector):
            story.add_vector(features.vector)
        story.profile.add((t, c * self._term_idf(t)) for t, c in features.terms.items())
        # Sorted: a frozenset's order changes with each process' string hashing, and the
        # profiles' sums and trims must not.
        story.anchor_profile.add((a, self._anchor_idf(a)) for a in sorted(features.anchors))
        story.lead_names.add((n, self._anchor_idf(n)) for n in sorted(features.lead_names))
        story.anchors.update(features.anchors)
        story.article_ids.append(article_id)
        if len(story.article_ids) <= self.rules.recheck:
            story.young_members.append(features)
        else:
            story.young_members.clear()
        if features.day is not None:
            story.days.add(features.day)
        else:
            story.undated_members += 1
        if features.outlet:
            story.outlets.add(features.outlet)
        if features.language:
            story.languages.add(features.language)
        if features.year is not None:
            story.years.add(features.year)

    def pair_signals(self, article: Article, other: Article) -> Signals:
        """The signals between two articles, as if `other` were a story of its own."""
        features = Features.of(other)
        alone = self._new_state(other.id, features)
        self._absorb(alone, other.id, features)
        own = Features.of(article)
        return self._signals(own, alone, self._weigh(own))

    def _merge(self, *, into: str, other: str) -> None:
        target, source = self.stories[into], self.stories.pop(other)
        self._index.drop(other)
        target.add_vector(source.vector_sum)
        target.profile.absorb(source.profile)
        target.anchor_profile.absorb(source.anchor_profile)
        target.lead_names.absorb(source.lead_names)
        target.anchors.update(source.anchors)
        self._postings.add(into, frozenset(source.anchors))
        target.article_ids.extend(source.article_ids)
        if len(target.article_ids) <= self.rules.recheck:
            target.young_members.extend(source.young_members)
        else:
            target.young_members.clear()
        target.days |= source.days
        target.undated_members += source.undated_members
        self._index.put(into, target.centroid(), target.days, target.undated_members > 0)
        target.outlets |= source.outlets
        target.languages |= source.languages
        target.years |= source.years
        for article_id in source.article_ids:
            self.story_of[article_id] = into

    def members(self, story_id: str) -> list[str]:
        return list(self.stories[story_id].article_ids)


def _conflict(features: Features, story: StoryState, names: Weighted) -> float:
    """How far the article's and the story's lead names miss each other (0 to 1).

    The smaller of two shares (IDF-weighted): of the article's lead names the story never
    mentions, and of the story's lead names the article never mentions. It is 1 only when
    the two are about different people or places altogether; a report that adds a new
    name but keeps the story's own scores 0. (Sums exactly rounded: the same in any order.)
    """
    theirs = story.lead_names
    if not names.weights or not theirs.weights:
        return 0.0
    new = math.fsum([w for name, w in names.weights.items() if name not in story.anchors])
    weights = theirs.weights
    unmentioned = math.fsum([weights[name] for name in weights.keys() - features.anchors])
    return min(new / names.total, unmentioned / theirs.total)
