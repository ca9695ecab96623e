"""Compare stage parts that need no model: timeline, conflicts, entities, indirect quotes,
coverage and framing, on invented articles."""

from __future__ import annotations

import re
from datetime import date

from storylens.compare.conflicts import find_conflicts
from storylens.compare.coverage import coverage
from storylens.compare.entities import story_entities
from storylens.compare.framing import framing
from storylens.compare.indirect import indirect_quotes
from storylens.compare.timeline import article_anchor, build_timeline, resolve
from storylens.compare.units import sentence_units
from storylens.records import Article, Claim, Conflict, Entity, Sentence


def article(
    article_id: str,
    body: str,
    outlet: str = "Daily Courier",
    published: str | None = "2025-06-11",
    people: tuple[str, ...] = (),
    title: str | None = None,
) -> Article:
    """An article with one sentence per line and PERSON entities where `people` occur."""
    made = Article(
        id=article_id, source=f"{article_id}.txt", body=body, outlet=outlet, published=published
    )
    made.title = title
    made.sentences = [Sentence(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\n]+", body)]
    made.entities = sorted(
        (
            Entity(name, "PERSON", m.start(), m.end())
            for name in people
            for m in re.finditer(re.escape(name), body)
        ),
        key=lambda e: e.start,
    )
    return made


# --- timeline -----------------------------------------------------------------------------


def test_relative_dates_resolve_against_the_publication_date() -> None:
    # 2025-06-11 is a Wednesday.
    anchor = (date(2025, 6, 11), "published")
    assert resolve("weekday", "Tuesday", anchor) == (date(2025, 6, 10), "day", "published")  # type: ignore[arg-type]
    assert resolve("weekday", "Wednesday", anchor)[0] == date(2025, 6, 11)  # type: ignore[arg-type,index]
    assert resolve("weekday", "last Wednesday", anchor)[0] == date(2025, 6, 4)  # type: ignore[arg-type,index]
    assert resolve("weekday", "Friday", anchor, ahead=True)[0] == date(2025, 6, 13)  # type: ignore[arg-type,index]
    assert resolve("relative", "yesterday", anchor)[0] == date(2025, 6, 10)  # type: ignore[arg-type,index]
    assert resolve("relative", "last week", anchor)[:2] == (date(2025, 6, 2), "week")  # type: ignore[arg-type,index]
    assert resolve("relative", "last month", anchor)[:2] == (date(2025, 5, 1), "month")  # type: ignore[arg-type,index]
    assert resolve("monthday", "June 6", anchor)[0] == date(2025, 6, 6)  # type: ignore[arg-type,index]


def test_a_weekday_six_days_back_from_a_publication_date_is_the_day_after_it() -> None:
    # Published Wednesday 2025-06-11 and updated on Thursday ("still closed on Thursday");
    # a report six days old would write "last Thursday", and a dateline's day is its own.
    published = (date(2025, 6, 11), "published")
    assert resolve("weekday", "Thursday", published)[0] == date(2025, 6, 12)  # type: ignore[arg-type,index]
    assert resolve("weekday", "last Thursday", published)[0] == date(2025, 6, 5)  # type: ignore[arg-type,index]
    assert resolve("weekday", "Thursday", (date(2025, 6, 11), "dateline"))[0] == date(2025, 6, 5)  # type: ignore[arg-type,index]
    assert resolve("weekday", "Friday", published)[0] == date(2025, 6, 6)  # type: ignore[arg-type,index]


def _dated(body: str, published: str = "2025-06-11") -> list[tuple[str, str, str]]:
    story = [article("a", body, published=published)]
    return [
        (t.when.text, t.date, t.precision) for t in build_timeline(story, sentence_units(story))
    ]


def test_what_is_to_come_is_dated_forward_and_what_happened_back() -> None:
    # 2025-06-11 is a Wednesday.
    assert _dated("Mediation talks between the two sides are set for Monday.") == [
        ("Monday", "2025-06-16", "day")
    ]
    assert _dated("The mayor said she would meet the union leaders on Friday.") == [
        ("Friday", "2025-06-13", "day")
    ]
    assert _dated("The port could reopen to ferries as soon as Friday, officials said.") == [
        ("Friday", "2025-06-13", "day")
    ]
    # The cue governs another verb: the council voted in the past.
    assert _dated("The town will lose the grant after its council voted on Monday.") == [
        ("Monday", "2025-06-09", "day")
    ]


def test_a_visit_being_prepared_for_or_a_sentence_opening_on_its_day_looks_forward() -> None:
    # 2025-06-11 is a Wednesday.
    assert _dated("The guild sent a letter to Mayor Berg in advance of her visit on Friday.") == [
        ("Friday", "2025-06-13", "day")
    ]
    assert _dated("Mayor Berg is heading to the harbour for a speech Friday morning.") == [
        ("Friday", "2025-06-13", "day")
    ]
    # "a plan for" names a thing, not a time to come.
    assert _dated("The council rejected a plan for ferry lanes on the Strand on Monday.") == [
        ("Monday", "2025-06-09", "day")
    ]
    assert _dated("On Friday, the fishermen will have their say at the town hall.") == [
        ("Friday", "2025-06-13", "day")
    ]
    # The day opens the sentence, but what follows happened: "said" before "will".
    assert _dated("On Monday, the mayor said the ferries will run again.") == [
        ("Monday", "2025-06-09", "day")
    ]


def test_someone_expected_to_act_looks_forward() -> None:
    # Published 2025-06-11: a month ahead of it is this year's, as a weekday is this week's.
    assert _dated("The mayor told reporters the board expects the ferry to resume in July.") == [
        ("in July", "2025-07-01", "month")
    ]
    assert _dated("The council expected Mr. Berg to be back on Friday to testify.") == [
        ("Friday", "2025-06-13", "day")
    ]
    # Without the cue, a later month is last year's.
    assert _dated("The board said the ferry resumed in July.") == [
        ("in July", "2024-07-01", "month")
    ]


def test_a_vague_period_beside_a_day_is_background_not_an_event() -> None:
    # 2025-06-11 is a Wednesday.
    assert _dated("Posting online on Monday, Ana Ruiz, who married last year, wrote a reply.") == [
        ("Monday", "2025-06-09", "day")
    ]
    # Alone it still dates its sentence.
    assert _dated("The harbour was dredged last year after two groundings.") == [
        ("last year", "2024-01-01", "year")
    ]


def test_months_sharing_one_year_take_it() -> None:
    assert _dated("She testified twice, in August and October 2019, about the port deal.") == [
        ("in August", "2019-08-01", "month"),
        ("October 2019", "2019-10-01", "month"),
    ]


def test_a_passive_to_come_or_an_adjective_in_ed_is_no_past_verb() -> None:
    # 2025-06-11 is a Wednesday.
    assert _dated("The pair is due to be arraigned in court on Thursday morning.") == [
        ("Thursday", "2025-06-12", "day")
    ]
    assert _dated("She is running for the seat against a retired nurse in November.") == [
        ("in November", "2025-11-01", "month")
    ]
    assert _dated("She toured the valley ahead of Friday's debate in Varno.") == [
        ("Friday", "2025-06-13", "day")
    ]


def test_counted_time_ago_and_a_things_year_are_dated() -> None:
    assert _dated("The inquiry began two years ago with a look at the port's books.") == [
        ("two years ago", "2023-01-01", "year")
    ]
    assert _dated("We raised this with the council five weeks ago, she said.") == [
        ("five weeks ago", "2025-05-05", "week")
    ]
    assert _dated("Ruiz lost a 2019 bid for the mayor's office.") == [
        ("a 2019", "2019-01-01", "year")
    ]
    assert _dated("The ferry stopped running at the end of March.") == [
        ("end of March", "2025-03-01", "month")
    ]
    # Beside the day the sentence tells of, a year naming an election is a name.
    assert _dated("Candidates of the 2020 race spoke in Varno on Tuesday.") == [
        ("Tuesday", "2025-06-10", "day")
    ]


def test_a_day_without_a_year_lies_near_the_publication_date() -> None:
    assert _dated("The judge set the sentencing hearing for June 28 at the county court.") == [
        ("June 28", "2025-06-28", "day")
    ]
    assert _dated("Replies to the inquiry are due Aug. 5 at the latest.") == [
        ("Aug. 5", "2025-08-05", "day")
    ]
    assert _dated("The plant first opened its doors on March 3 to visitors.") == [
        ("March 3", "2025-03-03", "day")
    ]


def test_a_day_of_that_year_is_in_the_year_named_before_it() -> None:
    body = (
        "The ferry line was sold in 2019 to a harbour trust.\n\n"
        "On July 22 that year, the trust closed the northern pier.\n\n"
        "The pier reopened on March 3 after repairs."
    )
    # "that year" is the year the article named last; a day without it is near publication.
    assert _dated(body) == [
        ("in 2019", "2019-01-01", "year"),
        ("July 22", "2019-07-22", "day"),
        ("March 3", "2025-03-03", "day"),
    ]
    # No year named before it: near publication, as any day without a year.
    assert _dated("On July 22 that year, the trust closed the pier.") == [
        ("July 22", "2025-07-22", "day")
    ]


def test_what_is_prepared_for_is_to_come() -> None:
    # 2025-06-11 is a Wednesday: the march people prepare for is on the coming Saturday.
    assert _dated("Dock workers prepared for a march on Saturday through the old town.") == [
        ("Saturday", "2025-06-14", "day")
    ]
    # A plan named as a thing is no cue: "rejected a plan for bus lanes on Monday" is past.
    assert _dated("Councillors rejected a plan for bus lanes on Monday.") == [
        ("Monday", "2025-06-09", "day")
    ]


def test_early_or_late_in_a_year_is_that_year() -> None:
    assert _dated("The agency spent $2 million on the ferries in early 2023, a report found.") == [
        ("in early 2023", "2023-01-01", "year")
    ]
    assert _dated("The pier was rebuilt in mid-2021.") == [("in mid-2021", "2021-01-01", "year")]


def test_years_and_months_are_dated_as_precisely_as_they_are_written() -> None:
    assert _dated("The mill was founded in 1987 by three brothers from the valley.") == [
        ("in 1987", "1987-01-01", "year")
    ]
    assert _dated("In January 2024, the board ordered the mill to pay a fine.") == [
        ("January 2024", "2024-01-01", "month")
    ]
    assert _dated("The inspectors first visited the mill in December, records show.") == [
        ("in December", "2024-12-01", "month")
    ]
    assert _dated("Sales of the mill's flour fell sharply last year, the owners said.") == [
        ("last year", "2024-01-01", "year")
    ]
    # A verb, not a month; an amount, not a year; the 2020 vote names an election.
    assert _dated("Workers in may be laid off and 2025 euros paid, the 2020 vote showed.") == []


def test_a_datelines_day_and_a_speakers_tonight_are_not_events() -> None:
    body = (
        "PENMORE, June 11 - Fire swept through the ferry in the sound on Tuesday, killing five.\n"
    )
    body += "\u201cEvery lawyer in the country will read this judgment tonight,\u201d he said."
    assert _dated(body) == [("Tuesday", "2025-06-10", "day")]


def test_no_anchor_means_no_relative_date_but_full_dates_stand() -> None:
    assert resolve("weekday", "Tuesday", None) is None
    assert resolve("relative", "yesterday", None) is None
    assert resolve("monthday", "June 6", None) is None
    assert resolve("full", "June 6, 2017", None) == (date(2017, 6, 6), "day", "explicit")


def test_timeline_items_are_verbatim_spans_in_date_order() -> None:
    body = (
        "Fire broke out on the ferry on Tuesday evening, officials said.\n"
        "The ferry was towed back to port yesterday after the fire.\n"
        "The operator said it will hold a review on Friday with the coastguard.\n"
        "The ferry was built on March 3, 1998 in Harwick."
    )
    items = build_timeline([article("a", body)], sentence_units([article("a", body)]))
    found = [(item.when.text, item.date) for item in items]
    assert found == [
        ("March 3, 1998", "1998-03-03"),
        ("Tuesday", "2025-06-10"),
        ("yesterday", "2025-06-10"),
        ("Friday", "2025-06-13"),
    ]
    for item in items:
        assert body[item.when.start : item.when.end] == item.when.text
        assert body[item.sentence.start : item.sentence.end] == item.sentence.text


def test_a_dateline_anchors_an_undated_article() -> None:
    undated = article("b", "The talks failed on Monday, the union said.", published=None)
    assert article_anchor(undated) is None
    assert build_timeline([undated], sentence_units([undated])) == []
    undated.metadata["dateline"] = "LISBON, March 4, 2025"
    (item,) = build_timeline([undated], sentence_units([undated]))
    assert (item.date, item.anchor) == ("2025-03-03", "dateline")


# --- conflicts -----------------------------------------------------------------------------


def _claim(*spans: tuple[Article, str]) -> Claim:
    sources = [a.span(a.body.index(t), a.body.index(t) + len(t)) for a, t in spans]
    return Claim(sources[0].text, sources, ["x", "y"], True)


def test_conflicting_numbers_days_and_sources_are_found_with_both_spans() -> None:
    first = article(
        "a",
        "Five people were killed in the ferry fire on Tuesday, the coastguard said.\n"
        "The fire was caused by an electrical fault, fire chief Anna Holt said.",
        people=("Anna Holt",),
    )
    second = article(
        "b",
        "Seven people were killed in the ferry fire on Monday, officials said.\n"
        "The fire was caused by an electrical fault, commander Piet Vos said.",
        outlet="Northern Ledger",
        people=("Piet Vos",),
    )
    claims = [
        _claim((first, first.body.splitlines()[0]), (second, second.body.splitlines()[0])),
        _claim((first, first.body.splitlines()[1]), (second, second.body.splitlines()[1])),
    ]
    anchors = {a.id: article_anchor(a) for a in (first, second)}
    found = find_conflicts(claims, {"a": "A", "b": "B"}, anchors, [["Anna Holt"], ["Piet Vos"]])
    got = {(c.kind, c.first_value.text, c.second_value.text) for c in found}
    assert got == {
        ("number", "Five", "Seven"),
        ("date", "Tuesday", "Monday"),
        ("attribution", "Anna Holt", "Piet Vos"),
    }
    for conflict in found:
        for span in (conflict.first, conflict.second, conflict.first_value, conflict.second_value):
            body = first.body if span.article == "a" else second.body
            assert body[span.start : span.end] == span.text


def test_two_years_of_one_event_are_a_conflict_under_the_same_word_only() -> None:
    def conflicts(first_text: str, second_text: str) -> set[tuple[str, str, str]]:
        first, second = article("a", first_text), article("b", second_text, outlet="Other")
        anchors = {a.id: article_anchor(a) for a in (first, second)}
        claims = [_claim((first, first.body), (second, second.body))]
        found = find_conflicts(claims, {"a": "A", "b": "B"}, anchors, [])
        return {(c.kind, c.first_value.text, c.second_value.text) for c in found}

    assert conflicts(
        "Ines Morel has run the harbour board since 2003, and her critics say that is the problem.",
        "Ines Morel has run the harbour board since 2002.",
    ) == {("date", "2003", "2002")}
    # Another word before the year dates another thing; two years date two things.
    assert not conflicts(
        "Ines Morel has run the harbour board since 2003.",
        "Ines Morel joined the harbour board in 2002.",
    )
    assert not conflicts(
        "Ines Morel ran the harbour board from 2003 to 2011.",
        "Ines Morel ran the harbour board from 2002 to 2011.",
    )


def test_agreeing_outlets_and_copies_raise_no_conflict() -> None:
    first = article("a", "Five people were killed in the fire on Tuesday.")
    copy = article("c", "Seven people were killed in the fire on Tuesday.", outlet="Copy")
    agree = article("b", "Five people died in the fire on Tuesday, police said.", outlet="Other")
    anchors = {a.id: article_anchor(a) for a in (first, copy, agree)}
    claims = [_claim((first, first.body), (agree, agree.body))]
    assert find_conflicts(claims, {"a": "A", "b": "B"}, anchors, []) == []
    # A copy is the same voice as its original: never a conflict between outlets.
    copied = [_claim((first, first.body), (copy, copy.body))]
    assert find_conflicts(copied, {"a": "A", "c": "A"}, anchors, []) == []


def test_a_day_dated_by_another_event_is_not_a_date_conflict() -> None:
    first = article("a", "The harbour board closed the pier on Tuesday.")
    second = article(
        "b",
        "Traders protested on Wednesday, a day after the harbour board closed the pier.",
        outlet="Other",
    )
    anchors = {a.id: article_anchor(a) for a in (first, second)}
    claims = [_claim((first, first.body), (second, second.body))]
    assert find_conflicts(claims, {"a": "A", "b": "B"}, anchors, []) == []


def test_a_rounded_figure_is_not_a_number_conflict() -> None:
    first = article("a", "More than 100 people were hurt in the blast on Friday.")
    second = article("b", "Officials said 112 people were hurt in the blast.", outlet="Other")
    anchors = {a.id: article_anchor(a) for a in (first, second)}
    claims = [_claim((first, first.body), (second, second.body))]
    assert find_conflicts(claims, {"a": "A", "b": "B"}, anchors, []) == []


def test_dates_of_two_events_of_one_claim_are_not_a_conflict() -> None:
    first = article("a", "The assembly sent the permit bill to the mayor's desk Monday.")
    second = article(
        "b", "The mayor announced her veto of the permit bill on Wednesday.", outlet="Other"
    )
    anchors = {a.id: article_anchor(a) for a in (first, second)}
    claims = [_claim((first, first.body), (second, second.body))]
    assert find_conflicts(claims, {"a": "A", "b": "B"}, anchors, []) == []


def test_two_people_of_one_family_are_not_a_name_conflict() -> None:
    first = article("a", "Lena Dahl and her brother Olof Dahl opened the bakery in May.")
    second = article("b", "Olof Dahl opened the bakery with his sister in May.", outlet="Other")
    anchors = {a.id: article_anchor(a) for a in (first, second)}
    claims = [_claim((first, first.body), (second, second.body))]
    people = [["Lena Dahl"], ["Olof Dahl"]]
    assert find_conflicts(claims, {"a": "A", "b": "B"}, anchors, people) == []
    # One person spelt two ways is a name conflict.
    third = article("c", "Olaf Dahl opened the bakery with his sister in May.", outlet="Third")
    claims = [_claim((second, second.body), (third, third.body))]
    found = find_conflicts(claims, {"b": "B", "c": "C"}, anchors, [["Olof Dahl", "Olaf Dahl"]])
    assert [(c.kind, c.first_value.text, c.second_value.text) for c in found] == [
        ("name", "Olof", "Olaf")
    ]


def test_a_middle_name_used_as_the_first_is_not_a_name_conflict() -> None:
    first = article("a", "The mayor will nominate Karl Olof Dahl to lead the port authority.")
    second = article("b", "The mayor is nominating Olof Dahl to lead the port.", outlet="Other")
    third = article("c", "The mayor is nominating Olaf Dahl to lead the port.", outlet="Third")
    anchors = {a.id: article_anchor(a) for a in (first, second, third)}
    people = [["Karl Olof Dahl", "Olof Dahl", "Olaf Dahl"]]
    voices = {"a": "A", "b": "B", "c": "C"}
    claims = [_claim((first, first.body), (second, second.body))]
    assert find_conflicts(claims, voices, anchors, people) == []
    # Two first names still disagree.
    claims = [_claim((second, second.body), (third, third.body))]
    found = find_conflicts(claims, voices, anchors, people)
    assert [(c.kind, c.first_value.text, c.second_value.text) for c in found] == [
        ("name", "Olof", "Olaf")
    ]


def test_ranks_and_figures_of_two_moods_are_not_number_conflicts() -> None:
    def pair(first_text: str, second_text: str) -> list[Conflict]:
        first = article("a", first_text)
        second = article("b", second_text, outlet="Other")
        anchors = {a.id: article_anchor(a) for a in (first, second)}
        claim = _claim((first, first.body), (second, second.body))
        return find_conflicts([claim], {"a": "A", "b": "B"}, anchors, [])

    # A rank is a label, not a count.
    assert not pair(
        "The council re-elected Ana Ruiz to the No. 2 position on Monday.",
        "Ana Ruiz kept the No. 3 position on the council.",
    )
    # What a plan would do against what was done: two times, not one figure in dispute.
    assert not pair(
        "The board has cut $716 million from the harbour fund.",
        "Her plan would cut the harbour fund by $800 million.",
    )
    # The same mood on both sides still disagrees.
    assert pair(
        "The board has cut $716 million from the harbour fund.",
        "The board cut $800 million from the harbour fund.",
    )


def test_a_title_written_two_ways_or_a_name_inside_a_quote_is_not_an_attribution_conflict() -> None:
    first = article(
        "a", "\u201cIt is unfair,\u201d said Terry O\u2019Neill, the group's president."
    )
    second = article(
        "b", "Group President Terry O'Neill said the cover was unfair.", outlet="Other"
    )
    third = article(
        "c", "\u201cMayor Ruiz invited me too,\u201d Hale wrote on Tuesday.", outlet="Third"
    )
    fourth = article(
        "d", "Hale said Mayor Ruiz had invited him too, and Ruiz said so.", outlet="Fourth"
    )
    # A quote running on into the next sentence: its opening mark has no closing one here.
    fifth = article(
        "e",
        "\u201cMayor Ruiz asked me to come,\u201d he said, as Ruiz said. I said yes.",
        outlet="Fifth",
    )
    anchors = {a.id: article_anchor(a) for a in (first, second, third, fourth, fifth)}
    claims = [
        _claim((first, first.body), (second, second.body)),
        _claim((third, third.body), (fourth, fourth.body)),
        _claim((fifth, fifth.body.split(" I said")[0]), (fourth, fourth.body)),
    ]
    sixth = article("f", "Democrats wrote that the report must be released now.", outlet="Sixth")
    seventh = article("g", "Ms. Warren wrote that the report must be released.", outlet="Seventh")
    anchors.update({a.id: article_anchor(a) for a in (sixth, seventh)})
    claims.append(_claim((sixth, sixth.body), (seventh, seventh.body)))  # a party, a senator
    voices = {"a": "A", "b": "B", "c": "C", "d": "D", "e": "E", "f": "F", "g": "G"}
    assert find_conflicts(claims, voices, anchors, []) == []


def test_sources_in_another_order_a_suffix_or_another_statement_are_not_attribution_conflicts() -> (
    None
):
    def pair(first_text: str, second_text: str) -> list[Conflict]:
        first = article("a", first_text)
        second = article("b", second_text, outlet="Other")
        anchors = {a.id: article_anchor(a) for a in (first, second)}
        claim = _claim((first, first.body), (second, second.body))
        return find_conflicts([claim], {"a": "A", "b": "B"}, anchors, [])

    # Two sources named in the other order: the last name differs, the sources do not.
    assert not pair(
        "Dunmore and Halvik complained that the canal levy was unfair.",
        "The canal levy is unfair, something Halvik and Dunmore says the port ignored.",
    )
    # A generational suffix is not a surname.
    assert not pair(
        "Tom Brandt acknowledged that he had met the envoy in March, aides said.",
        "Tom Brandt Jr. said he had met the envoy in March to hear him out.",
    )
    # Aligned for the report they both mention; each attributes another statement.
    assert not pair(
        "Two days after the Courier reported her private server, Lena Ortiz announced "
        "that she had asked the ministry to publish the messages.",
        "Ortiz has faced questions since Monday, when the Courier reported that she may "
        "have broken archive rules by keeping a private server.",
    )
    # The same statement from two sources stays a conflict, however the sentence is built.
    found = pair(
        "The levy will end in June, harbour master Ines Kolar said.",
        "Port director Aldo Brun said the levy will end in June.",
    )
    assert [(c.kind, c.first_value.text, c.second_value.text) for c in found] == [
        ("attribution", "Ines Kolar", "Aldo Brun")
    ]


# --- entities ------------------------------------------------------------------------------


def test_name_variants_join_the_fullest_name_and_count_per_outlet() -> None:
    first = article("a", "Kremlin spokesman Dmitry Peskov spoke. Peskov denied it. MOSCOW.")
    first.entities = [
        Entity("Kremlin spokesman Dmitry Peskov", "PERSON", 0, 31),
        Entity("Peskov", "PERSON", 39, 45),
        Entity("MOSCOW", "GPE", 57, 63),
    ]
    second = article("b", "Peskov said no. In Moscow, Ana Reyes and Tom Reyes met.", outlet="AFP")
    second.entities = [
        Entity("Peskov", "PERSON", 0, 6),
        Entity("Moscow", "GPE", 19, 25),
        Entity("Ana Reyes", "PERSON", 27, 36),
        Entity("Tom Reyes", "PERSON", 41, 50),
    ]
    entities = story_entities([first, second], ["TASS", "AFP"], ["TASS", "AFP"])
    by_name = {e.name: e for e in entities}
    assert by_name["Dmitry Peskov"].mentions == {"TASS": 2, "AFP": 1}
    assert set(by_name["Dmitry Peskov"].variants) == {"Dmitry Peskov", "Peskov"}
    assert by_name["Moscow"].kind == "place" and by_name["Moscow"].mentions == {"TASS": 1, "AFP": 1}
    # Two people with one surname stay apart.
    assert {"Ana Reyes", "Tom Reyes"} <= set(by_name)
    for entity in entities:
        for span in entity.spans:
            body = first.body if span.article == "a" else second.body
            assert body[span.start : span.end] == span.text


def test_one_name_is_listed_once_whatever_its_apostrophe_or_tagged_kind() -> None:
    body = "Harbour Pilots’ Guild said Sines stayed open. Sines was calm."
    first = article("a", body)
    first.entities = [
        Entity("Harbour Pilots’ Guild", "ORG", 0, 21),
        Entity("Sines", "GPE", 27, 32),
        Entity("Sines", "GPE", 46, 51),
    ]
    second = article("b", "Harbour Pilots' Guild praised Sines port.", outlet="AFP")
    second.entities = [
        Entity("Harbour Pilots' Guild", "ORG", 0, 21),
        Entity("Sines", "ORG", 30, 35),
    ]
    entities = story_entities([first, second], ["TASS", "AFP"], ["TASS", "AFP"])
    names = [(e.name, e.kind) for e in entities]
    assert names.count(("Sines", "place")) == 1 and ("Sines", "organisation") not in names
    guild = [e for e in entities if "Guild" in e.name]
    assert len(guild) == 1 and guild[0].mentions == {"TASS": 1, "AFP": 1}


# --- indirect quotes -----------------------------------------------------------------------


def test_reported_speech_gets_the_fullest_name_and_a_clear_pronoun() -> None:
    body = (
        "Harbour master Ingrid Solberg spoke to reporters at the quay on Monday.\n"
        "Solberg said that the harbour would stay closed until the water was safe.\n"
        "She said the clean-up crews had worked through the night.\n"
        "Tomas Berg and Ingrid Solberg then left together.\n"
        "He said the tanker would be towed away within days."
    )
    found = indirect_quotes(
        article("a", body, people=("Ingrid Solberg", "Solberg", "Tomas Berg")), 10
    )
    got = [(span.text, who) for span, who in found]
    assert got == [
        ("the harbour would stay closed until the water was safe", "Ingrid Solberg"),
        ("the clean-up crews had worked through the night", "Ingrid Solberg"),
    ]  # "He" after two people named together: unknown, so left out
    for span, _ in found:
        assert body[span.start : span.end] == span.text


def test_a_sentence_with_quote_marks_is_not_reported_speech() -> None:
    body = "Solberg said “the harbour will stay closed until the water is safe.”"
    assert indirect_quotes(article("a", body, people=("Solberg",)), 10) == []


# --- coverage and framing ------------------------------------------------------------------


def test_coverage_counts_copies_once() -> None:
    one, two, copy = (article(i, "x") for i in "abc")
    span = {a.id: a.span(0, 1) for a in (one, two, copy)}
    claims = [
        Claim("x", [span["a"], span["b"]], ["A", "B"], True),
        Claim("x", [span["a"], span["c"]], ["A"], False),  # original and its copy
        Claim("x", [span["b"]], ["B"], False),
    ]
    entries = coverage(
        claims, {"a": "A", "b": "B", "c": "C"}, {"a": "outlet A", "b": "outlet B", "c": "outlet A"}
    )
    assert [(e.outlet, e.only_here, e.left_out) for e in entries] == [
        ("A", [1], [2]),
        ("B", [2], [1]),
    ]


def test_framing_shows_headline_lead_verbs_hedges_and_loaded_words() -> None:
    body = (
        "Minister slams report\n"
        "The minister reportedly slammed the audit as a witch hunt on Tuesday.\n"
        "The ministry said the figures were right, and the auditor claimed they were not."
    )
    made = article("a", body, title="Minister slams report")
    (entry,) = framing([made], sentence_units([made]), [])
    assert entry.headline == "Minister slams report"
    assert entry.lead is not None and entry.lead.text.startswith("The minister reportedly")
    assert entry.attribution_verbs == {"said": 1, "claimed": 1}
    assert [s.text for s in entry.hedges] == ["reportedly"]
    assert [s.text for s in entry.loaded] == ["slams", "slammed", "witch hunt"]


# --- summary --------------------------------------------------------------------------------


def test_a_summary_sentence_must_stand_alone() -> None:
    from storylens.compare.summary import stands_alone

    assert stands_alone("The council voted 9-4 on Tuesday to approve the tram line.")
    assert stands_alone("“We will not reopen,” harbour master Ingrid Solberg said.")
    assert not stands_alone("“We will not reopen the harbour,” she said.")  # who is she?
    assert not stands_alone("He said the plan was reckless.")
    assert not stands_alone("But the mayor said no.")
    assert not stands_alone("It can make her strong again.”")  # the end of a quotation
    assert not stands_alone('"I am not ashamed to admit it.')  # its start
    assert not stands_alone("of the harbour, officials said.")
    assert not stands_alone("Council Approves Tram Line After Nine-Hour Debate")  # a headline
    assert not stands_alone("Such votes are often close.")
    assert not stands_alone("Let’s recap what we saw on the video.")
    assert stands_alone("Is the tram worth it? “Yes,” Mayor Ana Ruiz said.")
    # A connective answers a sentence the reader has not seen.
    assert not stands_alone("Hutchinson, though, did call for a training programme.")
    assert not stands_alone("“Until then, he will continue to serve,” the statement said.")
    assert not stands_alone("As a result, the line will open a year late.")
    assert not stands_alone("In that case, made public this month, a donor was charged.")
    assert stands_alone("Thousands marched, though police said the crowd was smaller.")


def test_quoted_words_that_do_not_say_whose_are_marked_unattributed() -> None:
    from storylens.analyse.sentences import split_sentences
    from storylens.records import Quote

    body = (
        "The mayor left the quay.\n"
        "“Tell me who you are.”\n"
        "“We regret the closure,” Mayor Ana Ruiz said in a statement.\n"
        "Ruiz said: “The harbour stays shut. Nothing short of that will do.\n"
        "The ferry resumes in May.”"
    )
    made = article("a", body)
    made.sentences = split_sentences(body, [])
    made.quotes = [
        Quote(m.group(1), m.start(1), m.end(1), None) for m in re.finditer(r"“([^”]*)”", body)
    ]
    flags = {u.span.text: u.unattributed for u in sentence_units([made])}
    assert flags["The mayor left the quay."] is False
    assert flags["“Tell me who you are.”"] is True
    assert flags["“We regret the closure,” Mayor Ana Ruiz said in a statement."] is False
    # The middle of a quote running over sentences: its mark opened earlier.
    assert flags["Nothing short of that will do."] is True


# --- originals and copies ---------------------------------------------------------------------


def test_the_original_is_the_outlet_the_text_credits_not_the_first_to_arrive() -> None:
    from storylens.compare.copies import copies_by_original, credited, originals

    text = "Dockers walked out at the port on Monday over the crane plan."
    paper = article("p", f"TAGUS (Quay Wire) - {text}", outlet="Harbour Daily")
    wire = article("w", f"TAGUS, March 3 (Quay Wire) - {text}", outlet="Quay Wire")
    later = article("l", f"By Quay Wire\n{text}", outlet="Valley News", published="2025-06-12")
    local = article("x", "The port's own report says little changed.", outlet="Local")
    wire.copy_of = paper.id  # grouping saw the paper first
    later.copy_of = paper.id
    story = [paper, wire, later, local]
    assert credited(paper) == "Quay Wire" and credited(later) == "Quay Wire"
    assert [a.id for a in originals(story)] == ["w", "x"]
    assert {k: [c.id for c in v] for k, v in copies_by_original(story).items()} == {"w": ["p", "l"]}
    # No credit: the earliest published is the original.
    first = article("a", text, outlet="First", published="2025-06-10")
    second = article("b", text, outlet="Second", published="2025-06-09")
    first.copy_of = None
    second.copy_of = first.id
    assert [a.id for a in originals([first, second])] == ["b"]


def _number_conflicts(first_text: str, second_text: str) -> set[tuple[str, str]]:
    first = article("a", first_text)
    second = article("b", second_text, outlet="Other")
    anchors = {a.id: article_anchor(a) for a in (first, second)}
    claims = [_claim((first, first.body), (second, second.body))]
    found = find_conflicts(claims, {"a": "A", "b": "B"}, anchors, [])
    return {(c.first_value.text, c.second_value.text) for c in found if c.kind == "number"}


def test_two_amounts_of_money_for_one_thing_are_a_number_conflict() -> None:
    assert _number_conflicts(
        "The town paid $4,300 for the bronze statue, records show.",
        "Records show the bronze statue cost the town $4,400.",
    ) == {("$4,300", "$4,400")}
    assert _number_conflicts(
        "The port lost €2.5 million in fees.", "The port lost €3.1 million in fees."
    ) == {("€2.5 million", "€3.1 million")}
    # Two amounts in one currency: which one the other outlet gives cannot be told.
    assert not _number_conflicts(
        "The town paid $4,300 for the statue and $900 for its plinth.",
        "The statue cost the town $4,400.",
    )
    assert not _number_conflicts("It cost more than $4,000.", "It cost $4,400.")


def test_a_figure_rounded_at_its_last_digit_is_not_a_conflict() -> None:
    assert not _number_conflicts(
        "About 1,900 people were left homeless.", "Exactly 1,904 people were left homeless."
    )
    assert not _number_conflicts(
        "The homes cost 1,900 dollars each.", "The homes cost 1,904 dollars each."
    )
    assert not _number_conflicts("It cost $4.3 million.", "It cost $4,312,000.")
    assert not _number_conflicts("It cost $2 million.", "It cost $2.4 million.")
    # Rounded figures that are not each other's rounding still disagree.
    assert _number_conflicts("It cost $250,000.", "It cost $265,000.") == {("$250,000", "$265,000")}
    assert _number_conflicts("Police said 31 people were hurt.", "In all, 29 were hurt.") == set()
    assert _number_conflicts("Police said 31 people were hurt.", "Doctors saw 29 people.") == {
        ("31", "29")
    }
    # A count in millions is written rounded to the million.
    assert not _number_conflicts("2 million people voted.", "2.4 million people voted.")
