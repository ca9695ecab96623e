"""Threads: the events (stories) of one developing story, linked over days and weeks.

A story is one event (an arrest); a thread is the developing story that links its events
(the arrest, the charges, the hearing). Threads are a layer over the grouper: the linker
watches each placement the grouper makes and reads the grouper's story states, never
changing them, so the stories stay exactly what they are without threads.

Streaming, like the grouper: when a story is created it joins the thread of the event it
links to best, or starts a thread; while a story is young and no other event has linked
through it, it is linked again each time it grows (a one-article event reads little); when
the grouper merges two stories, their threads become one. Two events link by who and what:
the rare names, places and numbers they share (IDF-weighted anchor profiles), the meaning of
their headlines and leads, and their wording, within `ThreadRule.max_days`. The same-kind
rule: two events whose leads name different people and places (two earthquakes, two matches
of one club) never link however alike they read, and without dates a different printed year
refuses the link too (the grouper's negative evidence, read at the event level).

Deterministic and restart-safe: every decision reads only the grouper's state at that
placement, which a restart replays step by step (`replay`), so a restarted linker holds the
threads the uninterrupted run had. A thread's id is "t" + the id of the story that started
it, kept while the thread lives.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field

import numpy as np

from storylens.group.profile import Profile, Weighted
from storylens.group.story_state import StoryState
from storylens.group.stream import StoryGrouper
from storylens.records import Article

THREAD_PREFIX = "t"
# Candidate events scored per linking decision: those sharing the most anchor weight.
CANDIDATES = 24
# Shared anchors named in an explanation.
SHOWN_SHARED = 8


@dataclass(slots=True, frozen=True)
class ThreadRule:
    """When two events are one developing story.

    Hand-set, then checked on the story benchmarks over arrival orders (`bench/threads.py`,
    bench/results/threads.md): basil's gold groups a week's follow-ups (thread level),
    ecbplus' gold pairs two events of one kind per topic that must stay apart, so a rule
    that links too eagerly shows there as false alarms.
    """

    # Days between the two events' nearest dates past which they never link.
    max_days: int = 21
    lead_weight: float = 1.0
    body_weight: float = 0.5
    anchor_weight: float = 1.0
    # How far the people and places of the two events' leads miss each other (0 to 1):
    # weighed against the link, and at `refuse_conflict` or more the link is refused.
    conflict_penalty: float = 0.5
    refuse_conflict: float = 0.75
    # The share of rare-name weight two events must have in common at least (anchor cosine):
    # a thread is linked by who and what, never by a headline's tone alone.
    min_anchors: float = 0.2
    # A small penalty per week apart: a follow-up comes soon after.
    week_penalty: float = 0.05
    link: float = 1.2
    # Without dates (either event) nothing rules out last year's event of the same kind:
    # a higher bar, and a different printed year refuses.
    undated_margin: float = 0.3
    # A story of at most this many articles that no other event linked through is linked
    # again when it grows.
    relink: int = 6

    def score(self, signals: LinkSignals) -> float:
        """The link score, -inf when the rule refuses the link outright."""
        if self.refusal(signals) is not None:
            return -math.inf
        value = (
            self.lead_weight * signals.lead
            + self.body_weight * signals.body
            + self.anchor_weight * signals.anchors
            - self.conflict_penalty * signals.conflict
        )
        if signals.day_gap is None:
            value -= self.undated_margin
        else:
            value -= self.week_penalty * signals.day_gap / 7
        return value

    def refusal(self, signals: LinkSignals) -> str | None:
        """Why the rule refuses the link whatever the score, or None."""
        if signals.day_gap is not None and signals.day_gap > self.max_days:
            return f"more than {self.max_days} days apart"
        if signals.conflict >= self.refuse_conflict:
            return "their leads name different people and places (same kind, other event)"
        if signals.anchors < self.min_anchors:
            return "too few names, places and numbers in common"
        if signals.day_gap is None and signals.year_gap:
            return "undated, and they print different years"
        return None

    def explain(self, signals: LinkSignals) -> str:
        refused = self.refusal(signals)
        if refused is not None:
            return f"never one thread: {refused}"
        score = self.score(signals)
        verdict = "one thread" if score >= self.link else "different threads"
        sign = ">=" if score >= self.link else "<"
        return f"link score {score:.3f} {sign} {self.link}: {verdict}"


@dataclass(slots=True, frozen=True)
class LinkSignals:
    """What two events (stories) have in common."""

    lead: float  # cosine of the two stories' title+lead centroids
    body: float  # cosine of their IDF-weighted term profiles
    anchors: float  # cosine of their IDF-weighted anchor (name, place, number) profiles
    conflict: float  # how far their lead names miss each other (0 to 1)
    day_gap: int | None  # days between their nearest dates; None when either is undated
    year_gap: int | None  # years between their printed years; None when either prints none
    shared: tuple[str, ...] = ()  # the heaviest names, places and numbers both mention

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(slots=True)
class Thread:
    id: str
    events: list[str] = field(default_factory=list)  # story ids, in the order they joined


@dataclass(slots=True, frozen=True)
class ThreadDecision:
    """Where a story's thread link went at one placement (for `why` and tests)."""

    story_id: str
    thread_id: str
    rule: str  # "started", "linked", "kept", "merged" (two stories' threads became one)
    via: str | None = None  # the event it linked to
    score: float = 0.0


class ThreadLinker:
    """Links the grouper's stories into threads, one placement at a time."""

    def __init__(self, grouper: StoryGrouper, rule: ThreadRule | None = None) -> None:
        self.grouper = grouper
        self.rule = rule or ThreadRule()
        self.threads: dict[str, Thread] = {}
        self.thread_of: dict[str, str] = {}  # story id -> thread id
        self.via: dict[str, str | None] = {}  # story id -> the event it linked to
        self._linked_through: dict[str, int] = {}  # story id -> events linked via it
        # story id -> the stories whose `via` it is (so a merge re-points them without a
        # scan of every story: the cost of a merge stays flat as the store grows)
        self._linked_from: dict[str, set[str]] = {}
        self._dirty: set[str] = set()  # stories whose thread changed since `take_changes`

    # -- the stream --------------------------------------------------------------------

    def observe(self, article: Article) -> ThreadDecision:
        """Follow one placement of the grouper (`article.placement`, as `add` or a replay
        left it): merged stories' threads become one, a new story is linked, a young one
        that grew is linked again."""
        placement = article.placement
        story_id = placement.story_id if placement else article.story_id
        if story_id is None or story_id not in self.grouper.stories:
            raise ValueError(f"article {article.id} is not placed in a live story")
        merged = placement.merged if placement else ()
        for other in merged:
            self._story_merged(into=story_id, other=other)
        if story_id not in self.thread_of:
            return self._link(story_id, merged_rule=bool(merged))
        if self._relinkable(story_id):
            return self._relink(story_id)
        rule = "merged" if merged else "kept"
        return ThreadDecision(story_id, self.thread_of[story_id], rule, self.via.get(story_id))

    def take_changes(self) -> dict[str, str]:
        """The live stories whose thread changed since the last call, with their thread."""
        changed = {s: self.thread_of[s] for s in sorted(self._dirty) if s in self.thread_of}
        self._dirty.clear()
        return changed

    def members(self, thread_id: str) -> list[str]:
        return list(self.threads[thread_id].events)

    # -- restart -----------------------------------------------------------------------

    def replay(self, stored: Iterable[Article]) -> bool:
        """Rebuild the grouper's and the linker's state together from stored articles in
        their placement order (see `StoryGrouper.replay`): each placement is replayed, then
        observed, as `add` and `observe` took it. True when every article ends in its stored
        story; else the caller restores both from the stored stories instead."""
        expected: dict[str, str] = {}
        for article in stored:
            if article.story_id is not None:
                expected[article.id] = article.story_id
            self.grouper.replay([article])
            self.observe(article)
        self._dirty.clear()
        return all(self.grouper.story_of.get(i) == story for i, story in expected.items())

    def restore(self, stored_threads: Mapping[str, str | None]) -> None:
        """Put each live story into its stored thread (no link history: a story restored
        so is never linked again); stories without one are linked now, in id order."""
        self.threads.clear()
        self.thread_of.clear()
        self.via.clear()
        self._linked_through.clear()
        self._linked_from.clear()
        for story_id in sorted(self.grouper.stories):
            thread_id = stored_threads.get(story_id)
            if thread_id:
                self._join(story_id, thread_id, None)
                self._linked_through[story_id] = 1  # not relinked
        for story_id in sorted(self.grouper.stories):
            if story_id not in self.thread_of:
                self._link(story_id)

    def differences(self, stored_threads: Mapping[str, str | None]) -> dict[str, str]:
        """The live stories whose thread differs from the stored one (to be written)."""
        return {s: t for s, t in sorted(self.thread_of.items()) if stored_threads.get(s) != t}

    # -- signals -----------------------------------------------------------------------

    def signals(self, story_id: str, other_id: str) -> LinkSignals:
        """The signals between two live stories."""
        stories = self.grouper.stories
        return link_signals(stories[story_id], stories[other_id])

    def candidates(self, story_id: str) -> list[str]:
        """Live events in the window sharing the most rare-name weight with the story."""
        story = self.grouper.stories[story_id]
        weights = story.anchor_profile.weights
        rule = self.rule

        def keep(other_id: str) -> bool:
            other = self.grouper.stories.get(other_id)
            if other is None or other_id == story_id or other_id not in self.thread_of:
                return False
            gap = _day_gap(story, other)
            return gap is None or gap <= rule.max_days

        # The grouper's anchor postings (read only): the stories that last mentioned each
        # rare anchor, ranked by the weight shared.
        postings = self.grouper._postings
        return postings.ranked(weights, keep, CANDIDATES)

    def best_link(self, story_id: str) -> tuple[float, str | None]:
        """The best-scoring event of another thread the story would link to, if any."""
        own = self.thread_of.get(story_id)
        best: tuple[float, str | None] = (-math.inf, None)
        for other_id in self.candidates(story_id):
            if own is not None and self.thread_of.get(other_id) == own:
                continue
            score = self.rule.score(self.signals(story_id, other_id))
            if score > best[0] or (score == best[0] and best[1] and other_id < best[1]):
                best = (score, other_id)
        return best

    # -- decisions ---------------------------------------------------------------------

    def _link(self, story_id: str, merged_rule: bool = False) -> ThreadDecision:
        score, other = self.best_link(story_id)
        if other is not None and score >= self.rule.link:
            thread_id = self.thread_of[other]
            self._join(story_id, thread_id, other)
            return ThreadDecision(story_id, thread_id, "linked", other, score)
        thread_id = self._new_thread_id(story_id)
        self._join(story_id, thread_id, None)
        rule = "merged" if merged_rule else "started"
        return ThreadDecision(story_id, thread_id, rule, None, max(score, 0.0))

    def _relinkable(self, story_id: str) -> bool:
        return (
            self._linked_through.get(story_id, 0) == 0
            and len(self.grouper.stories[story_id].article_ids) <= self.rule.relink
        )

    def _relink(self, story_id: str) -> ThreadDecision:
        """A young story no other event links through, linked again as it now reads."""
        current = self.thread_of[story_id]
        via = self.via.get(story_id)
        if via is not None and self.thread_of.get(via) == current:
            kept = self.rule.score(self.signals(story_id, via))
            if kept >= self.rule.link:
                return ThreadDecision(story_id, current, "kept", via, kept)
        self._leave(story_id)
        decision = self._link(story_id)
        if decision.thread_id == current and decision.rule == "started":
            return ThreadDecision(story_id, current, "kept", None, decision.score)
        return decision

    def _story_merged(self, *, into: str, other: str) -> None:
        """The grouper merged story `other` into `into`: one event, so one thread."""
        if other not in self.thread_of:
            return
        if into not in self.thread_of:  # cannot happen in a replayed stream; be safe
            thread_id = self.thread_of[other]
            self._leave(other)
            self._join(into, thread_id, None)
            return
        target, source = self.thread_of[into], self.thread_of[other]
        if source != target:
            for story_id in self.threads[source].events:
                self.thread_of[story_id] = target
                self._dirty.add(story_id)
            self.threads[target].events.extend(self.threads.pop(source).events)
        # `other` is gone: events linked through it now link through `into`.
        through = self._linked_through.pop(other, 0)
        self._leave(other)
        linked = self._linked_from.pop(other, set())
        for story_id in linked:
            self.via[story_id] = into
        if linked:
            self._linked_from.setdefault(into, set()).update(linked)
        self._linked_through[into] = self._linked_through.get(into, 0) + through

    def _join(self, story_id: str, thread_id: str, via: str | None) -> None:
        thread = self.threads.get(thread_id)
        if thread is None:
            thread = self.threads[thread_id] = Thread(thread_id)
        thread.events.append(story_id)
        self.thread_of[story_id] = thread_id
        self.via[story_id] = via
        if via is not None:
            self._linked_through[via] = self._linked_through.get(via, 0) + 1
            self._linked_from.setdefault(via, set()).add(story_id)
        self._dirty.add(story_id)

    def _leave(self, story_id: str) -> None:
        thread_id = self.thread_of.pop(story_id, None)
        via = self.via.pop(story_id, None)
        if via is not None and self._linked_through.get(via):
            self._linked_through[via] -= 1
        if via is not None and via in self._linked_from:
            self._linked_from[via].discard(story_id)
            if not self._linked_from[via]:
                del self._linked_from[via]
        if thread_id is None:
            return
        thread = self.threads[thread_id]
        thread.events.remove(story_id)
        if not thread.events:
            del self.threads[thread_id]

    def _new_thread_id(self, story_id: str) -> str:
        thread_id = THREAD_PREFIX + story_id
        while thread_id in self.threads:  # a thread it started once still lives on
            thread_id += "x"
        return thread_id


def link_signals(story: StoryState, other: StoryState) -> LinkSignals:
    """The signals between two story states (symmetric but for `shared`'s order)."""
    lead = 0.0
    if story.vector_sum.shape == other.vector_sum.shape and story.vector_sum.any():
        lead = float(np.dot(story.centroid(), other.centroid()))
    shared = sorted(
        (name for name in story.anchor_profile.weights if name in other.anchors),
        key=lambda name: (-story.anchor_profile.weights[name], name),
    )
    year_gap = None
    if story.years and other.years:
        year_gap = abs(max(story.years) - max(other.years))
    return LinkSignals(
        lead=lead,
        body=_cosine(story.profile, other.profile),
        anchors=_cosine(story.anchor_profile, other.anchor_profile),
        conflict=_conflict(story, other),
        day_gap=_day_gap(story, other),
        year_gap=year_gap,
        shared=tuple(shared[:SHOWN_SHARED]),
    )


def _cosine(first: Profile, second: Profile) -> float:
    return second.cosine(Weighted(first.weights, first.norm))


def _conflict(story: StoryState, other: StoryState) -> float:
    """The smaller of two shares: of one story's lead names the other never mentions, and
    the other way round (weighted as the profiles weigh them; 0 when either has none)."""
    shares = []
    for own, theirs in ((story, other), (other, story)):
        names = own.lead_names.weights
        total = sum(names.values())
        if not total:
            return 0.0
        shares.append(sum(w for n, w in names.items() if n not in theirs.anchors) / total)
    return min(shares)


def _day_gap(story: StoryState, other: StoryState) -> int | None:
    """Days between the two stories' nearest members' dates (0 when their spans overlap)."""
    if not story.days or not other.days:
        return None
    return max(0, min(story.days) - max(other.days), min(other.days) - max(story.days))
