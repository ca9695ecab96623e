"""Streaming story assignment on hand-made articles with fixed vectors (no models)."""

from __future__ import annotations

import numpy as np
import pytest

from group_support import QUAKE_A, QUAKE_B, make_article, unit_vector
from storylens.group import StoryGrouper
from storylens.group.anchors import anchors, lead_names, printed_year
from storylens.group.candidates import POSTINGS_PER_ANCHOR, AnchorPostings, CentroidIndex
from storylens.group.profile import Profile, Weighted
from storylens.group.signals import DecisionRule, Signals
from storylens.records import Article, Entity
from storylens.spelling import name_key


def test_paraphrases_join_and_unrelated_articles_start_new_stories() -> None:
    grouper = StoryGrouper()
    first = make_article("a1", QUAKE_A, unit_vector(1, base=100))
    second = make_article(
        "a2", QUAKE_A.replace("strong", "powerful"), unit_vector(2, 0.3, base=100)
    )
    other = make_article("b1", "The council of Tarrow voted on new tram fares.", unit_vector(3))
    assert grouper.add(first).rule == "new"
    assert grouper.add(second).story_id == "a1"
    assert grouper.add(other).story_id == "b1"
    assert grouper.members("a1") == ["a1", "a2"]


def test_same_kind_of_event_with_other_names_stays_apart() -> None:
    grouper = StoryGrouper()
    grouper.add(make_article("a1", QUAKE_A, unit_vector(1, base=100)))
    # Same wording and a close vector, but other places, other numbers, five days later.
    decision = grouper.add(
        make_article("b1", QUAKE_B, unit_vector(4, 0.5, base=100), published="2025-03-19")
    )
    assert decision.rule == "new"


def test_syndicated_copy_points_at_its_original() -> None:
    body = " ".join(f"Sentence {i} of the wire report about the harbour strike." for i in range(12))
    grouper = StoryGrouper()
    grouper.add(make_article("wire", body, unit_vector(5)))
    decision = grouper.add(make_article("copy", body + " (Meridian Wire)", unit_vector(6)))
    assert decision.rule == "copy"
    assert grouper.story_of["copy"] == "wire"


def test_dates_far_apart_never_join() -> None:
    grouper = StoryGrouper()
    grouper.add(make_article("a1", QUAKE_A, unit_vector(1, base=100)))
    late = make_article("a2", QUAKE_A, unit_vector(1, base=100), published="2025-05-01")
    assert grouper.add(late).rule == "new"


def test_bridge_article_merges_two_stories() -> None:
    grouper = StoryGrouper()
    left = make_article(
        "l", "Ferry strike in Portmere halts Dunlow crossings.", unit_vector(7, base=200)
    )
    right = make_article("r", "Dunlow ferry unions meet Portmere owners.", unit_vector(8, base=300))
    grouper.add(left)
    grouper.add(right)
    assert len(grouper.stories) == 2
    both = (np.array(left.embedding) + np.array(right.embedding)) / 2
    bridge = make_article(
        "x", "Portmere and Dunlow ferry strike talks.", list(both / np.linalg.norm(both))
    )
    grouper.rules = type(grouper.rules)(merge=0.8, join=0.6)
    decision = grouper.add(bridge)
    assert decision.rule == "merged"
    assert len(grouper.stories) == 1
    assert sorted(grouper.members(decision.story_id)) == ["l", "r", "x"]


def test_anchors_keep_names_and_numbers_but_not_years_or_weekdays() -> None:
    article = make_article(
        "a", "On Friday in 2025 the Lindau quake of magnitude 6.1 hurt 340 people.", []
    )
    found = anchors(article)
    assert {name_key("Lindau"), "#6.1", "#340"} <= found  # names by their spelling key
    assert name_key("friday") not in found and "#2025" not in found


def test_anchors_of_foreign_text_skip_the_english_ner_noise() -> None:
    body = "La consejera Lucía Ferrán visitó Huelva con 900 empleos."
    article = make_article("es", body, [])
    article.entities.append(Entity("una", "ORG", 0, 3))
    article.language = "es"
    found = anchors(article)
    assert {name_key("Ferrán"), name_key("Huelva"), "#900"} <= found
    assert name_key("una") not in found


def test_a_late_report_of_an_old_event_still_finds_its_story() -> None:
    grouper = StoryGrouper()
    grouper.add(make_article("a1", QUAKE_A, unit_vector(1, base=100), published="2025-03-14"))
    # Many other stories arrive in between, and a week of later news.
    for n in range(40):
        body = f"The council of Town{n} voted on budget item {100 + n}."
        grouper.add(make_article(f"x{n}", body, unit_vector(500 + n), published="2025-03-21"))
    late = make_article("a2", QUAKE_A.replace("strong", "shallow"), unit_vector(2, 0.3, base=100))
    assert grouper.add(late).story_id == "a1"


def test_centroid_index_returns_nearest_and_forgets_dropped_stories() -> None:
    index = CentroidIndex()
    vectors = {f"s{n}": np.asarray(unit_vector(n), np.float32) for n in range(30)}
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
    target = np.asarray(unit_vector(1), np.float32)
    # The same centroid a month earlier, a week earlier, within the window, and undated.
    index.put("last-month", target, {700})
    index.put("last-week", target, {723, 724})
    index.put("this-week", np.asarray(unit_vector(2, 0.5, base=1), np.float32), {728})
    index.put("undated", np.asarray(unit_vector(3, 0.5, base=1), np.float32))
    found = index.nearest(target, 730, count=10)
    assert sorted(found) == ["this-week", "undated"]
    # A story with a member inside the window counts, however old its first member.
    index.put("last-week", target, {723, 724, 727})
    assert index.nearest(target, 730, count=10)[0] == "last-week"
    # An undated article is taken to report recent news: the newest days and undated stories.
    assert "last-month" not in index.nearest(target, None, count=10)
    assert len(index) == 4
    # A story with an undated member stays where undated reports look, wherever its dates.
    index.put("undated", np.asarray(unit_vector(3, 0.5, base=1), np.float32), {700}, undated=True)
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
    english = make_article("en", QUAKE_A, unit_vector(1, base=100))
    english.language = "en"
    grouper.add(english)
    # An unrelated vector (a monolingual model reads Spanish as noise) and no shared words.
    spanish = make_article(
        "es", "Un fuerte terremoto cerca de Lindau; en Varnholm hay 12 heridos.", unit_vector(9)
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


def test_profile_sums_do_not_depend_on_the_order_of_the_entries() -> None:
    # The shared entries are found by a set intersection, whose order changes with each
    # process' string hashing: a restart must still read the very same floats.
    rng = np.random.default_rng(7)
    words = [f"term{n}" for n in range(300)]
    weights = {w: float(x) for w, x in zip(words, rng.uniform(0.1, 9.0, len(words)), strict=True)}
    article = dict(list(weights.items())[::3])
    forward, backward = Profile(keep=400), Profile(keep=400)
    forward.add(weights.items())
    backward.add(reversed(list(weights.items())))
    one, other = Weighted.of(article), Weighted.of(dict(reversed(list(article.items()))))
    assert forward.cosine(one) == backward.cosine(other)
    assert forward.total == backward.total
    assert one.shared_weight(forward.weights) == other.shared_weight(backward.weights)
    naive = sum(w * weights[k] for k, w in article.items()) / (one.norm * forward.norm)
    assert forward.cosine(one) == pytest.approx(naive, rel=1e-12)


BOUT_A = "Champion Oskar Brenn stopped challenger Tomas Velde in Harlund to keep his belts."
BOUT_B = "Champion Oskar Brenn stopped challenger Ivo Maskell in Korvath to keep his belts."


def test_anchor_cosine_falls_when_the_story_names_another_opponent() -> None:
    grouper = StoryGrouper()
    for n in range(3):
        grouper.add(
            make_article(f"a{n}", BOUT_A, unit_vector(10 + n, 0.2, base=400), published=None)
        )
    story = grouper.story_of["a0"]
    same = make_article(
        "a9", BOUT_A.replace("stopped", "beat"), unit_vector(20, 0.2, base=400), None
    )
    other = make_article("b1", BOUT_B, unit_vector(21, 0.2, base=400), published=None)
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
    article = make_article("a", body, [])
    lindau, varnholm = name_key("Lindau"), name_key("Varnholm")
    assert {lindau} <= lead_names(article)
    assert varnholm in anchors(article) and varnholm not in lead_names(article)
    spanish = make_article("e", "Los rescatistas de Lindau buscaron toda la noche.", [])
    spanish.language = "es"
    assert lead_names(spanish) == {lindau}  # read from capitals: any language


def test_conflict_is_one_only_when_lead_names_miss_each_other_entirely() -> None:
    grouper = StoryGrouper()
    for n in range(3):
        grouper.add(
            make_article(f"a{n}", QUAKE_A, unit_vector(30 + n, 0.2, base=100), published=None)
        )
    story = grouper.story_of["a0"]
    other_town = make_article("b", QUAKE_B, unit_vector(40, 0.2, base=100), published=None)
    update = make_article(
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
        grouper.add(make_article(f"{event}{n}", body, _event_vector(ord(event), n), None))
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
    first = make_article(
        "a", QUAKE_A + " It was the worst since 2009.", unit_vector(1), published=None
    )
    grouper.add(first)
    later = make_article("b", "In 2014, " + QUAKE_A, unit_vector(1), published=None)
    assert grouper.signals(later, grouper.story_of["a"]).year_gap == 5
