"""One event, told once: which dated sentences `number_events` makes one event."""

from __future__ import annotations

from storylens.compare.timeline_events import events, number_events
from storylens.records import Claim, Span, TimelineItem

BODIES = {
    "a": "The mayor resigned on Monday. A bridge closed on Sunday.",
    "b": "Mayor Ana Ruiz stepped down on Monday. Schools shut on Monday.",
    "c": "Schools shut on Monday, officials said.",
}


def sentence(article: str, text: str) -> Span:
    start = BODIES[article].index(text)
    return Span(article, start, start + len(text), text)


def item(article: str, text: str, day: str) -> TimelineItem:
    found = sentence(article, text)
    return TimelineItem(day, "day", "published", found, found)


def told(items: list[TimelineItem]) -> list[list[str]]:
    return [[f"{i.sentence.article}:{i.sentence.text}" for i in group] for group in events(items)]


MAYOR_A = "The mayor resigned on Monday."
MAYOR_B = "Mayor Ana Ruiz stepped down on Monday."
SCHOOLS_B = "Schools shut on Monday."


def test_sentences_of_one_claim_on_one_date_are_one_event() -> None:
    claim = Claim(MAYOR_A, [sentence("a", MAYOR_A), sentence("b", MAYOR_B)], ["A", "B"], True)
    items = [item("a", MAYOR_A, "2025-01-06"), item("b", MAYOR_B, "2025-01-06")]
    numbered = number_events(items, [claim], {})
    assert [i.event for i in numbered] == [0, 0]
    # Without the claim the two wordings are two events: different words, not copies.
    assert [i.event for i in number_events(items, [], {})] == [0, 1]


def test_the_same_fact_on_another_date_or_another_fact_is_another_event() -> None:
    claim = Claim(MAYOR_A, [sentence("a", MAYOR_A), sentence("b", MAYOR_B)], ["A", "B"], True)
    items = [
        item("a", MAYOR_A, "2025-01-06"),
        item("b", MAYOR_B, "2025-01-13"),  # a claim's sentences dated apart
        item("b", SCHOOLS_B, "2025-01-06"),  # the same day, another fact
    ]
    assert [i.event for i in number_events(items, [claim], {})] == [0, 1, 2]


def test_a_copy_and_its_original_tell_one_event_when_most_words_are_common() -> None:
    copy = "Schools shut on Monday, officials said."
    items = [item("b", SCHOOLS_B, "2025-01-06"), item("c", copy, "2025-01-06")]
    # c copies b: 4 of its 6 words are b's (0.67 of the longer, at least COPY_OVERLAP).
    assert told(number_events(items, [], {"c": "b"})) == [[f"b:{SCHOOLS_B}", f"c:{copy}"]]
    # Two outlets writing alike are not a copy: two events.
    assert len(events(number_events(items, [], {}))) == 2


def test_events_are_numbered_in_the_order_they_first_appear() -> None:
    items = [
        item("a", "A bridge closed on Sunday.", "2025-01-05"),
        item("b", SCHOOLS_B, "2025-01-06"),
        item("a", MAYOR_A, "2025-01-06"),
        item("c", "Schools shut on Monday, officials said.", "2025-01-06"),
    ]
    numbered = number_events(items, [], {"c": "b"})
    assert [i.event for i in numbered] == [0, 1, 2, 1]
