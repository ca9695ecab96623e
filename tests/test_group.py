"""Streaming story assignment on hand-made articles with fixed vectors (no models)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from storylens.group import StoryGrouper
from storylens.group.anchors import anchors, lead_names, printed_year
from storylens.group.candidates import POSTINGS_PER_ANCHOR, AnchorPostings, CentroidIndex
from storylens.group.profile import Profile, Weighted
from storylens.group.signals import DecisionRule, Signals
from storylens.group.story_state import Features
from storylens.group.stream import Decision
from storylens.records import Article, Entity


def _vector(seed: int, noise: float = 0.0, base: int | None = None) -> list[float]:
    rng = np.random.default_rng(seed)
    vector = rng.normal(size=32)
    if base is not None:
        vector = np.random.default_rng(base).normal(size=32) + noise * vector
    return list(vector / np.linalg.norm(vector))


def _article(
    ident: str, body: str, vector: list[float], published: str | None = "2025-03-14"
) -> Article:
    entities = [
        Entity(word, "GPE", body.index(word), body.index(word) + len(word))
        for word in body.split()
        if word.istitle() and word not in body.split()[:1]
    ]
    return Article(
        id=ident, source=ident, body=body, published=published, embedding=vector, entities=entities
    )


QUAKE_A = (
    "A strong quake struck near Lindau on Friday, and officials in Varnholm counted 12 injured."
)
QUAKE_B = (
    "A strong quake struck near Ossory on Wednesday, and officials in Kellmoor counted 40 injured."
)


def test_paraphrases_join_and_unrelated_articles_start_new_stories() -> None:
    grouper = StoryGrouper()
    first = _article("a1", QUAKE_A, _vector(1, base=100))
    second = _article("a2", QUAKE_A.replace("strong", "powerful"), _vector(2, 0.3, base=100))
    other = _article("b1", "The council of Tarrow voted on new tram fares.", _vector(3))
    assert grouper.add(first).rule == "new"
    assert grouper.add(second).story_id == "a1"
    assert grouper.add(other).story_id == "b1"
    assert grouper.members("a1") == ["a1", "a2"]


def test_same_kind_of_event_with_other_names_stays_apart() -> None:
    grouper = StoryGrouper()
    grouper.add(_article("a1", QUAKE_A, _vector(1, base=100)))
    # Same wording and a close vector, but other places, other numbers, five days later.
    decision = grouper.add(
        _article("b1", QUAKE_B, _vector(4, 0.5, base=100), published="2025-03-19")
    )
    assert decision.rule == "new"


def test_syndicated_copy_points_at_its_original() -> None:
    body = " ".join(f"Sentence {i} of the wire report about the harbour strike." for i in range(12))
    grouper = StoryGrouper()
    grouper.add(_article("wire", body, _vector(5)))
    decision = grouper.add(_article("copy", body + " (Meridian Wire)", _vector(6)))
    assert decision.rule == "copy"
    assert grouper.story_of["copy"] == "wire"


def test_dates_far_apart_never_join() -> None:
    grouper = StoryGrouper()
    grouper.add(_article("a1", QUAKE_A, _vector(1, base=100)))
    late = _article("a2", QUAKE_A, _vector(1, base=100), published="2025-05-01")
    assert grouper.add(late).rule == "new"


def test_bridge_article_merges_two_stories() -> None:
    grouper = StoryGrouper()
    left = _article("l", "Ferry strike in Portmere halts Dunlow crossings.", _vector(7, base=200))
    right = _article("r", "Dunlow ferry unions meet Portmere owners.", _vector(8, base=300))
    grouper.add(left)
    grouper.add(right)
    assert len(grouper.stories) == 2
    both = (np.array(left.embedding) + np.array(right.embedding)) / 2
    bridge = _article(
        "x", "Portmere and Dunlow ferry strike talks.", list(both / np.linalg.norm(both))
    )
    grouper.rules = type(grouper.rules)(merge=0.8, join=0.6)
    decision = grouper.add(bridge)
    assert decision.rule == "merged"
    assert len(grouper.stories) == 1
    assert sorted(grouper.members(decision.story_id)) == ["l", "r", "x"]


def test_anchors_keep_names_and_numbers_but_not_years_or_weekdays() -> None:
    article = _article(
        "a", "On Friday in 2025 the Lindau quake of magnitude 6.1 hurt 340 people.", []
    )
    found = anchors(article)
    assert {"lindau", "#6.1", "#340"} <= found
    assert "friday" not in found and "#2025" not in found


def test_anchors_of_foreign_text_skip_the_english_ner_noise() -> None:
    body = "La consejera Lucía Ferrán visitó Huelva con 900 empleos."
    article = _article("es", body, [])
    article.entities.append(Entity("una", "ORG", 0, 3))
    article.language = "es"
    found = anchors(article)
    assert {"ferrán", "huelva", "#900"} <= found
    assert "una" not in found


def test_a_late_report_of_an_old_event_still_finds_its_story() -> None:
    grouper = StoryGrouper()
    grouper.add(_article("a1", QUAKE_A, _vector(1, base=100), published="2025-03-14"))
    # Many other stories arrive in between, and a week of later news.
    for n in range(40):
        body = f"The council of Town{n} voted on budget item {100 + n}."
        grouper.add(_article(f"x{n}", body, _vector(500 + n), published="2025-03-21"))
    late = _article("a2", QUAKE_A.replace("strong", "shallow"), _vector(2, 0.3, base=100))
    assert grouper.add(late).story_id == "a1"


def test_centroid_index_returns_nearest_and_forgets_dropped_stories() -> None:
    index = CentroidIndex()
    vectors = {f"s{n}": np.asarray(_vector(n), np.float32) for n in range(30)}
    for story_id, vector in vectors.items():
        index.put(story_id, vector)
    assert index.nearest(vectors["s7"], count=3)[0] == "s7"
    index.drop("s7")
    assert "s7" not in index.nearest(vectors["s7"], count=5)
    # A changed centroid replaces the story's entry instead of adding a second one.
    index.put("s8", vectors["s9"])
    assert sorted(index.nearest(vectors["s9"], count=2)) == ["s8", "s9"]
    assert len(index) == 29


def test_centroid_index_searches_only_the_time_window() -> None:
    index = CentroidIndex(window_days=4)
    target = np.asarray(_vector(1), np.float32)
    # The same centroid a month earlier, a week earlier, within the window, and undated.
    index.put("last-month", target, {700})
    index.put("last-week", target, {723, 724})
    index.put("this-week", np.asarray(_vector(2, 0.5, base=1), np.float32), {728})
    index.put("undated", np.asarray(_vector(3, 0.5, base=1), np.float32))
    found = index.nearest(target, 730, count=10)
    assert sorted(found) == ["this-week", "undated"]
    # A story with a member inside the window counts, however old its first member.
    index.put("last-week", target, {723, 724, 727})
    assert index.nearest(target, 730, count=10)[0] == "last-week"
    # An undated article is taken to report recent news: the newest days and undated stories.
    assert "last-month" not in index.nearest(target, None, count=10)
    assert len(index) == 4
    # A story with an undated member stays where undated reports look, wherever its dates.
    index.put("undated", np.asarray(_vector(3, 0.5, base=1), np.float32), {700}, undated=True)
    assert "undated" not in index.nearest(target, 730, count=10)
    assert "undated" in index.nearest(target, None, count=10)


def test_anchor_postings_rank_stories_by_shared_anchor_weight() -> None:
    postings = AnchorPostings()
    postings.add("both", frozenset({"lindau", "varnholm"}))
    postings.add("rare", frozenset({"varnholm"}))
    postings.add("common", frozenset({"lindau"}))
    postings.add("far", frozenset({"lindau", "varnholm"}))
    weights = {"lindau": 1.0, "varnholm": 3.0}
    found = postings.ranked(weights, keep=lambda story: story != "far", count=2)
    assert found == ["both", "rare"]


def test_anchor_postings_keep_the_most_recent_stories_per_anchor() -> None:
    postings = AnchorPostings()
    for n in range(POSTINGS_PER_ANCHOR + 5):
        postings.add(f"s{n}", frozenset({"lindau"}))
    found = postings.stories(["lindau"])
    assert len(found) == POSTINGS_PER_ANCHOR
    assert "s0" not in found and f"s{POSTINGS_PER_ANCHOR + 4}" in found


def test_a_report_in_another_language_joins_on_its_names_and_numbers() -> None:
    grouper = StoryGrouper()
    english = _article("en", QUAKE_A, _vector(1, base=100))
    english.language = "en"
    grouper.add(english)
    # An unrelated vector (a monolingual model reads Spanish as noise) and no shared words.
    spanish = _article(
        "es", "Un fuerte terremoto cerca de Lindau; en Varnholm hay 12 heridos.", _vector(9)
    )
    spanish.language = "es"
    decision = grouper.add(spanish)
    assert decision.story_id == "en"
    assert decision.signals is not None and decision.signals.other_language


def test_the_rule_explains_its_decision_in_words() -> None:
    rule = DecisionRule()
    near = Signals(lead=0.9, body=0.6, anchors=0.8, day_gap=0, same_outlet=False)
    far = Signals(lead=0.9, body=0.6, anchors=0.8, day_gap=rule.max_days + 1, same_outlet=False)
    apart = Signals(lead=0.2, body=0.0, anchors=0.0, day_gap=0, same_outlet=True)
    assert "same story" in rule.explain(near)
    assert "never one story" in rule.explain(far)
    assert "different stories" in rule.explain(apart)


def test_profile_cosine_and_trim_keep_the_heaviest_entries() -> None:
    profile = Profile(keep=2)
    profile.add([("lindau", 3.0), ("quake", 1.0)])
    town, kind = Weighted.of({"lindau": 1.0}), Weighted.of({"quake": 1.0})
    assert profile.cosine(town) > profile.cosine(kind)
    assert profile.cosine(Weighted.of({})) == 0.0
    # Five entries are more than twice `keep`: the two heaviest stay.
    profile.add([("varnholm", 2.0), ("ossory", 0.5), ("tarrow", 0.2)])
    assert set(profile.weights) == {"lindau", "varnholm"}
    assert profile.norm == pytest.approx((9.0 + 4.0) ** 0.5)


BOUT_A = "Champion Oskar Brenn stopped challenger Tomas Velde in Harlund to keep his belts."
BOUT_B = "Champion Oskar Brenn stopped challenger Ivo Maskell in Korvath to keep his belts."


def test_anchor_cosine_falls_when_the_story_names_another_opponent() -> None:
    grouper = StoryGrouper()
    for n in range(3):
        grouper.add(_article(f"a{n}", BOUT_A, _vector(10 + n, 0.2, base=400), published=None))
    story = grouper.story_of["a0"]
    same = _article("a9", BOUT_A.replace("stopped", "beat"), _vector(20, 0.2, base=400), None)
    other = _article("b1", BOUT_B, _vector(21, 0.2, base=400), published=None)
    same_signals = grouper.signals(same, story)
    other_signals = grouper.signals(other, story)
    assert same_signals.anchor_cosine > 0.9
    assert other_signals.anchor_cosine < 0.7 * same_signals.anchor_cosine
    rule = grouper.rules
    assert rule.score(same_signals) > rule.score(other_signals)


def test_without_dates_the_anchor_cosine_weighs_more() -> None:
    rule = DecisionRule(undated_anchor_cosine_weight=1.0)

    def signals(day_gap: int | None, anchor_cosine: float) -> Signals:
        return Signals(0.8, 0.4, 0.5, day_gap, False, anchor_cosine=anchor_cosine)

    dated_low, dated_high = signals(0, 0.2), signals(0, 0.7)
    undated_low, undated_high = signals(None, 0.2), signals(None, 0.7)
    assert rule.score(dated_high) == rule.score(dated_low)
    assert rule.score(undated_high) - rule.score(undated_low) == pytest.approx(1.0 * 0.5)


def test_lead_names_are_the_names_of_the_first_sentence() -> None:
    body = (
        "Rescuers in Lindau searched all night. "
        + "they dug on. " * 40
        + "Then Mayor Varnholm spoke."
    )
    article = _article("a", body, [])
    assert {"lindau"} <= lead_names(article)
    assert "varnholm" in anchors(article) and "varnholm" not in lead_names(article)
    spanish = _article("e", "Los rescatistas de Lindau buscaron toda la noche.", [])
    spanish.language = "es"
    assert lead_names(spanish) == {"lindau"}  # read from capitals: any language


def test_conflict_is_one_only_when_lead_names_miss_each_other_entirely() -> None:
    grouper = StoryGrouper()
    for n in range(3):
        grouper.add(_article(f"a{n}", QUAKE_A, _vector(30 + n, 0.2, base=100), published=None))
    story = grouper.story_of["a0"]
    other_town = _article("b", QUAKE_B, _vector(40, 0.2, base=100), published=None)
    update = _article(
        "c", "Near Lindau the Varnholm clinic and Doctor Anselm Quist treat 12 injured.", []
    )
    assert grouper.signals(other_town, story).conflict == pytest.approx(1.0)
    assert grouper.signals(update, story).conflict == 0.0


def _event_vector(event: int, seed: int) -> list[float]:
    """A report's vector: the kind of event, this event, and noise (cosines ~0.66 / ~0.89)."""
    kind = np.random.default_rng(100).normal(size=32)
    vector = (
        kind
        + 0.6 * np.random.default_rng(event).normal(size=32)
        + 0.4 * np.random.default_rng(seed).normal(size=32)
    )
    return list(vector / np.linalg.norm(vector))


def _two_quakes(rule: DecisionRule) -> StoryGrouper:
    grouper = StoryGrouper(rule)
    for n in range(6):
        event, text = [("a", QUAKE_A), ("b", QUAKE_B)][n % 2]
        body = text.replace("strong", ["strong", "shallow", "powerful"][n // 2])
        grouper.add(_article(f"{event}{n}", body, _event_vector(ord(event), n), None))
    return grouper


def test_two_undated_events_of_one_kind_stay_two_stories() -> None:
    # Same template and kind of vector: only the towns, days and numbers differ.
    grouper = _two_quakes(DecisionRule())
    assert grouper.story_of["a0"] == grouper.story_of["a2"] == grouper.story_of["a4"]
    assert grouper.story_of["b1"] == grouper.story_of["b3"] == grouper.story_of["b5"]
    assert grouper.story_of["a0"] != grouper.story_of["b1"]
    # Without the undated rules (anchors weighing more, lead names apart) they merge.
    plain = DecisionRule(
        undated_penalty=0.1, undated_anchor_cosine_weight=0.0, undated_conflict_penalty=0.0
    )
    assert len(_two_quakes(plain).stories) == 1


def test_printed_year_is_the_latest_year_of_title_and_lead() -> None:
    article = Article(
        id="y",
        source="y",
        title="Quake anniversary, 2011",
        body="Ten years after the 2001 quake near Lindau, in 1,999 homes, residents gathered.",
    )
    assert printed_year(article) == 2011
    # Sums and counts that look like years are not years; no year at all is None.
    plain = Article(id="n", source="n", body="Officials counted $2,015 and 1.2019 tonnes.")
    assert printed_year(plain) is None


def test_without_dates_another_printed_year_counts_against_the_story() -> None:
    rule = DecisionRule(undated_year_penalty=0.3)

    def signals(day_gap: int | None, year_gap: int | None) -> Signals:
        return Signals(0.8, 0.4, 0.5, day_gap, False, year_gap=year_gap)

    assert rule.score(signals(None, 0)) - rule.score(signals(None, 3)) == pytest.approx(0.3)
    assert rule.score(signals(None, None)) == rule.score(signals(None, 0))
    # Dated, the date decides: the printed year is not read.
    assert rule.score(signals(0, 3)) == rule.score(signals(0, 0))


def test_grouper_reads_the_year_gap_to_the_story() -> None:
    grouper = StoryGrouper()
    first = _article("a", QUAKE_A + " It was the worst since 2009.", _vector(1), published=None)
    grouper.add(first)
    later = _article("b", "In 2014, " + QUAKE_A, _vector(1), published=None)
    assert grouper.signals(later, grouper.story_of["a"]).year_gap == 5


def _young_story_case(rule: DecisionRule) -> StoryGrouper:
    grouper = StoryGrouper(rule)
    left = _article("l1", "Ferry strike in Portmere halts Dunlow crossings.", _vector(7, base=200))
    grouper.add(left)
    grouper.add(_article("l2", "Portmere ferry strike stops crossings.", _vector(9, 0.2, base=200)))
    # An early report that arrived before its story formed: a story of its own.
    right = _article("r", "Dunlow ferry unions meet Portmere owners.", _vector(8, base=300))
    grouper.add(right)
    both = 0.6 * np.array(left.embedding) + 0.4 * np.array(right.embedding)
    bridge = list(both / np.linalg.norm(both))
    grouper.add(_article("x", "Portmere and Dunlow ferry strike talks.", bridge))
    return grouper


def test_a_young_story_that_takes_the_article_too_merges_into_the_best() -> None:
    # The early report stays apart on arrival (0.68 < join); both stories take the bridge
    # at `join` (1.53 and 1.04), neither at `merge`.
    young = _young_story_case(DecisionRule(join=0.8, merge=9.0, young_story=1))
    assert young.story_of["x"] == young.story_of["l1"] == young.story_of["r"]
    # Without the young-story rule only a `merge` score bridges them.
    plain = _young_story_case(DecisionRule(join=0.8, merge=9.0, young_story=0))
    assert plain.story_of["x"] == plain.story_of["l1"] != plain.story_of["r"]


def test_without_dates_the_young_story_bridge_needs_a_margin_more() -> None:
    grouper = StoryGrouper(DecisionRule(join=0.85, merge=1.25, undated_young_margin=0.1))
    grouper.add(_article("y", QUAKE_A, _vector(1), published=None))
    undated = Signals(lead=0.8, body=0.3, anchors=0.5, day_gap=None, same_outlet=False)
    dated = replace(undated, day_gap=0)
    # A one-article story taking the article at join bridges when dated...
    assert grouper._bridges(0.9, "y", dated)
    # ...but undated only at join plus the margin (or at merge, as any story).
    assert not grouper._bridges(0.9, "y", undated)
    assert grouper._bridges(0.96, "y", undated)


def test_a_restored_grouper_finds_the_same_candidates_as_the_live_one() -> None:
    live = StoryGrouper()
    stream = [
        _article("u1", QUAKE_A, _vector(1, 0.2, base=100), published=None),
        _article("d1", QUAKE_A, _vector(2, 0.2, base=100), published="2025-03-14"),
        _article("d2", QUAKE_B, _vector(3, 0.2, base=100), published="2025-03-15"),
        _article("x1", "The council of Tarrow voted on tram fares.", _vector(4)),
    ]
    for article in stream:
        live.add(article)
    restored = StoryGrouper()
    for article in stream:
        restored.restore(article)
    for published in (None, "2025-03-16"):
        probe = _article("p", QUAKE_A, _vector(5, 0.2, base=100), published=published)
        features = Features.of(probe)
        assert restored.candidates(features) == live.candidates(features)


EARLY_REPORT_CASE = [  # id, body, share of the early report's vector
    ("s1", "Ferry strike in Portmere halts crossings to Dunlow.", 0.0),
    ("early", "Dunlow unions meet the owners over pay.", 0.7),
    ("s2", "Portmere ferry strike: unions and owners meet over pay in Dunlow.", 0.42),
    ("s3", "Unions and owners of the Portmere ferry meet in Dunlow over pay.", 0.5),
]
RECHECK_ONLY = DecisionRule(merge=9.0, young_story=0, recheck=3, recheck_join=0.9)


def _early_report_case(
    rule: DecisionRule, count: int = len(EARLY_REPORT_CASE)
) -> tuple[StoryGrouper, list[Decision]]:
    """A first report, then an early one worded and embedded apart from it (a story of its
    own), then reports between the two: the later story grows towards the first report."""
    grouper = StoryGrouper(rule)
    first, early = np.array(_vector(7, base=200)), np.array(_vector(8, base=300))
    decisions = []
    for ident, body, share in EARLY_REPORT_CASE[:count]:
        mixed = (1 - share) * first + share * early
        decisions.append(grouper.add(_article(ident, body, list(mixed / np.linalg.norm(mixed)))))
    return grouper, decisions


def test_a_young_story_is_rechecked_against_the_story_that_grew() -> None:
    # No bridge merges (merge out of reach, no young-story bridging): only the re-check.
    grouper, decisions = _early_report_case(RECHECK_ONLY)
    assert decisions[1].rule == "new"  # the early report scored under join on arrival
    assert grouper.story_of["s1"] == grouper.story_of["early"] == grouper.story_of["s3"]
    # The merge is the last arrival's, recorded as its merge (replayed after a restart).
    assert decisions[-1].rule == "merged"
    assert decisions[-1].rechecked == decisions[-1].merged == ("s1",)
    # Without the re-check the first report stays a story of its own.
    plain, _ = _early_report_case(replace(RECHECK_ONLY, recheck=0))
    assert plain.story_of["s1"] == "s1" != plain.story_of["s3"]


def test_a_story_keeps_member_features_only_while_it_is_young() -> None:
    grouper, _ = _early_report_case(replace(RECHECK_ONLY, recheck=1), count=3)
    sizes = {len(s.article_ids): len(s.young_members) for s in grouper.stories.values()}
    assert sizes == {1: 1, 2: 0}


def test_a_young_story_out_of_every_arrivals_reach_lets_go_of_its_members() -> None:
    grouper = StoryGrouper(DecisionRule(max_days=4, recheck=3))
    grouper.add(_article("old", QUAKE_A, _vector(1), published="2025-03-01"))
    grouper.add(_article("undated", QUAKE_B, _vector(2), published=None))
    grouper.add(_article("recent", "Tarrow tram fares rise.", _vector(3), published="2025-03-06"))
    # Five days on, an article a window late could still reach the first story.
    assert grouper.stories["old"].young_members
    grouper.add(_article("later", "Kellmoor opens a bridge.", _vector(4), published="2025-03-10"))
    # Nine days on (two windows), no arrival in date order can: its members go, it is no
    # longer re-checked; the recent and the undated stories keep theirs.
    assert not grouper.stories["old"].young_members
    assert grouper.stories["recent"].young_members
    assert grouper.stories["undated"].young_members
    assert grouper.members("old") == ["old"]
