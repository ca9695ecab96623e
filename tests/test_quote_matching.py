"""Quote matching rules with hand-set similarities: who may pair with whom, and when.

Vectors are built so that each pair of quotes has exactly the cosine a test needs; the
texts and names are invented.
"""

from __future__ import annotations

import math

import numpy as np

from storylens.compare.lexical import content_words
from storylens.compare.occasions import occasions
from storylens.compare.quotes import match_quotes, speakers_conflict
from storylens.compare.units import Unit, quote_units
from storylens.records import Article, Quote, Span


def _unit(article: int, text: str, speaker: str | None, kind: str = "direct") -> Unit:
    span = Span(f"a{article}", 0, len(text), text)
    return Unit(article, 0, span, content_words(text), speaker, kind)


def _two(cosine: float) -> np.ndarray:
    """Two unit vectors with the given cosine."""
    return np.array([[1.0, 0.0], [cosine, math.sqrt(1 - cosine**2)]], dtype=np.float32)


def _paired(first: Unit, second: Unit, cosine: float) -> bool:
    return any(len(m.renderings) == 2 for m in match_quotes([first, second], _two(cosine)))


def test_same_surname_with_other_first_names_are_two_people() -> None:
    assert speakers_conflict("Ana Ruiz", "Marta Ruiz")
    assert not speakers_conflict("Dmitri Volkov", "Dmitry Volkov")  # two transliterations
    assert not speakers_conflict("J. Volkov", "Jan Volkov")
    assert not speakers_conflict("Volkov", "Jan Volkov")
    # A short form of the name: "Dick Durbin" in one outlet, "Richard J. Durbin" in another.
    assert not speakers_conflict("Bill Harlow", "William J. Harlow")
    assert speakers_conflict("Mary Harlow", "Elizabeth Harlow")
    statement = "Freedom of the harbour means freedom for everyone"
    sisters = _unit(0, statement, "Ana Ruiz"), _unit(1, statement + ".", "Marta Ruiz")
    assert not _paired(*sisters, 0.99)
    assert _paired(_unit(0, statement, "Ana Ruiz"), _unit(1, statement, "Ruiz"), 0.99)


def test_a_joint_statement_is_either_speakers() -> None:
    assert not speakers_conflict("Ines Morel and Lars Berg", "Morel")
    assert not speakers_conflict("Lars Berg", "Ines Morel & Lars Berg")
    assert speakers_conflict("Ines Morel and Lars Berg", "Ana Ruiz")
    statement = "We welcome the inspectors' report and expect the harbour to reopen"
    joint = _unit(0, statement, "Ines Morel and Lars Berg")
    assert _paired(joint, _unit(1, statement, "Lars Berg"), 0.99)


def test_a_fragment_pairs_with_the_whole_quote_it_was_cut_from() -> None:
    whole = _unit(0, "Honestly, we feel utterly stranded here", "Ana Ruiz")
    fragment = _unit(1, "utterly stranded", "Ana Ruiz")
    assert _paired(whole, fragment, 0.6)
    # Not the same words in that order, another speaker, or nobody known: no pair.
    assert not _paired(whole, _unit(1, "stranded utterly", "Ana Ruiz"), 0.6)
    assert not _paired(whole, _unit(1, "utterly stranded", "Tom Hale"), 0.6)
    assert not _paired(whole, _unit(1, "utterly stranded", None), 0.6)


def test_a_fragment_pairs_with_its_quote_however_low_the_cosine() -> None:
    # Two words inside a long statement: the other words dilute the cosine below any floor.
    whole = _unit(0, "It is a desperate stunt by a false prophet who fools everybody", "Ana Ruiz")
    assert _paired(whole, _unit(1, "false prophet", "Ruiz"), 0.2)
    # One scare-quoted word, or words of nobody known, prove nothing at that cosine.
    assert not _paired(whole, _unit(1, "desperate", "Ruiz"), 0.2)
    assert not _paired(whole, _unit(1, "false prophet", None), 0.2)


def test_a_partial_quote_spliced_into_a_sentence_needs_more_similarity() -> None:
    full = _unit(0, "On one hand you say the managers decide everything alone", "Tom Hale")
    partial = _unit(1, "or else the head office tells them what to do", "Tom Hale")
    whole = _unit(1, "Or else the head office tells them what to do", "Tom Hale")
    assert not _paired(full, partial, 0.56)
    assert _paired(full, whole, 0.56)
    assert _paired(full, partial, 0.65)


def test_a_verbatim_piece_joins_a_group_its_cosine_alone_would_not() -> None:
    # 0: the whole statement; 1: a piece of it (lowercase: quoted inside a sentence);
    # 2: another outlet's rendering of that piece. Cosines 0-1 0.55, 1-2 0.65, 0-2 0.3:
    # the mean of 0 against {1, 2} is under the group floor, the verbatim words decide.
    units = [
        _unit(0, "What happened this month is that the pier plan has become partisan", "Ana Ruiz"),
        _unit(1, "the pier plan has become partisan", "Ana Ruiz"),
        _unit(2, "The pier plan is now a partisan fight", "Ana Ruiz"),
    ]
    y = (0.65 - 0.55 * 0.3) / math.sqrt(1 - 0.55**2)
    vectors = np.array(
        [
            [1.0, 0.0, 0.0],
            [0.55, math.sqrt(1 - 0.55**2), 0.0],
            [0.3, y, math.sqrt(1 - 0.3**2 - y**2)],
        ],
        dtype=np.float32,
    )
    matches = match_quotes(units, vectors)
    assert [len(m.renderings) for m in matches] == [3]


def test_a_title_in_quote_marks_is_no_quote_unit() -> None:
    body = 'The council voted to adopt "In Harbour We Trust" as its motto. "We must act," she said.'
    article = Article(id="t", source="t.txt", body=body)
    for words, speaker in (("In Harbour We Trust", None), ("We must act", "Ana Ruiz")):
        start = body.index(words)
        article.quotes.append(Quote(words, start, start + len(words), speaker))
    assert [u.span.text for u in quote_units([article])] == ["We must act"]


def test_a_short_statement_does_not_pair_with_a_much_longer_one_on_the_topic() -> None:
    # The same speaker's other, shorter words about the pier (three times shorter, not a
    # piece of the long one): no pair at a topical cosine, a pair only when very close.
    long = _unit(0, "We have no choice but to rebuild the whole pier before the winter", "Tom Hale")
    short = _unit(1, "Piers should not be political", "Tom Hale")
    assert not _paired(long, short, 0.55)
    assert _paired(long, short, 0.75)
    # Renderings of one length pair at the same cosine (translations reword everything).
    same_length = _unit(
        1, "There is no option except to rebuild all of the pier this autumn", "Tom Hale"
    )
    assert _paired(long, same_length, 0.55)


def _said(article: int, text: str, occasion: frozenset[str]) -> Unit:
    unit = _unit(article, text, "Ana Ruiz")
    return Unit(unit.article, 0, unit.span, unit.words, unit.speaker, occasion=occasion)


def test_similar_words_said_on_two_named_occasions_are_two_statements() -> None:
    statement = frozenset({"statement"})
    video = frozenset({"video"})
    written = "It has been a joy and an honour to serve the people of the harbour district."
    spoken = "It has been a joy and a real honour to serve."
    assert not _paired(_said(0, written, statement), _said(1, spoken, video), 0.8)
    # One side names no occasion, or both name the same one: the words decide.
    assert _paired(_said(0, written, statement), _said(1, spoken, frozenset()), 0.8)
    assert _paired(_said(0, written, statement), _said(1, spoken, statement | video), 0.8)
    # The same words verbatim are one statement whatever the articles say of the occasion.
    assert _paired(_said(0, written, statement), _said(1, written, video), 0.99)


def test_the_occasion_is_read_around_the_quote_and_goes_on_for_its_speaker() -> None:
    body = (
        "\u201cI am leaving with a light heart,\u201d Ana Ruiz said in a statement on Friday.\n\n"
        "\u201cIt has been an honour to serve the harbour district,\u201d she said.\n\n"
        "In a video posted later, she added: \u201cThank you all.\u201d\n\n"
        "\u201cWe never saw the video of the interview,\u201d said Tom Hale, a neighbour."
    )
    article = Article(id="r", source="r.txt", body=body)
    quoted = (
        ("I am leaving with a light heart,", "Ana Ruiz"),
        ("It has been an honour to serve the harbour district,", "Ana Ruiz"),
        ("Thank you all.", "Ana Ruiz"),
        ("We never saw the video of the interview,", "Tom Hale"),
    )
    for words, speaker in quoted:
        start = body.index(words)
        article.quotes.append(Quote(words, start, start + len(words), speaker))
    found = [sorted(occasions(article, q.start, q.end, q.speaker)) for q in article.quotes]
    # Her second paragraph goes on with the statement; another speaker does not, and the
    # quoted words' own "video" and "interview" say what was talked about, not where.
    assert found == [["statement"], ["statement"], ["video"], []]
    assert [sorted(u.occasion) for u in quote_units([article])] == found


def test_name_variants_join_and_suffixes_stay_apart() -> None:
    assert not speakers_conflict("Lucía Ferrán", "Lucia Ferran")  # accents
    assert not speakers_conflict("Plamen Dimitrov", "Plamen Dimitrow")  # one letter
    assert speakers_conflict("Tom Hale", "Tom Hall")  # a short surname: two people
    assert speakers_conflict("Donald Trump Jr.", "Donald Trump")  # the son is not the father
    assert not speakers_conflict("Donald Trump Jr.", "Donald J. Trump Jr.")
    # A surname alone (one outlet's "Mr. Trump" for the son) may be either of them.
    assert not speakers_conflict("Trump", "Donald Trump Jr.")
    assert speakers_conflict("Trump", "Donald Tusk")


def test_four_words_of_nobody_known_inside_another_outlets_quote_are_that_quote() -> None:
    # One outlet quotes a posted statement whole, another quotes four of its words without
    # saying whose: the same words, however low the cosine. Three words or fewer
    # ("harbour first policy") are a label outlets repeat, not a statement.
    whole = _unit(
        0, "The council has been accused of ignoring basic safety rules at the pier", "Ana Ruiz"
    )
    assert _paired(whole, _unit(1, "ignoring basic safety rules", None), 0.3)
    assert not _paired(whole, _unit(1, "basic safety rules", None), 0.3)
    assert not _paired(whole, _unit(1, "ignoring safety basic rules", None), 0.3)
    # Words the known speaker puts in quote marks of their own are a label they name.
    named = _unit(0, "The 'Harbour First Pledge' is something you sign and then forget", "Tom Hale")
    assert not _paired(named, _unit(1, "THE HARBOUR FIRST PLEDGE.", None), 0.3)
    # The other way round: a known speaker's words inside a whole sentence another outlet
    # quotes without saying whose.
    unknown_whole = _unit(0, "When the tide turns, there is no room for doubt at the harbour", None)
    assert _paired(unknown_whole, _unit(1, "There is no room for doubt.", "Ana Ruiz"), 0.4)
    assert not _paired(unknown_whole, _unit(1, "room for doubt", "Ana Ruiz"), 0.4)
    # Nobody known on either side: a page would show the speaker as unknown; no pair.
    nobody = _unit(0, "we are only here for a school project, we are students", None)
    assert not _paired(nobody, _unit(1, "We are only here for a school project.", None), 0.6)


def test_one_outlets_plain_name_is_anothers_suffixed_name_unless_an_article_names_both() -> None:
    from dataclasses import replace

    from storylens.compare.quotes import with_story_names
    from storylens.records import Entity

    plain = _unit(0, "I look forward to being fully vindicated", "Karl Dahl")
    suffixed = _unit(1, "I look forward to being fully vindicated", "Karl O. Dahl Jr.")
    first = Article(id="a", source="a.txt", body="x")
    second = Article(id="b", source="b.txt", body="y")
    named = with_story_names([plain, suffixed], [first, second])
    assert [u.speaker for u in named] == ["Karl O. Dahl Jr.", "Karl O. Dahl Jr."]
    assert _paired(*named, 0.9)
    # An article naming the son beside his father: two people, names kept as written.
    family = replace(
        first,
        entities=[Entity("Karl Dahl", "PERSON", 0, 9), Entity("Karl Dahl Jr.", "PERSON", 20, 33)],
    )
    kept = with_story_names([plain, suffixed], [family, second])
    assert [u.speaker for u in kept] == ["Karl Dahl", "Karl O. Dahl Jr."]
    assert not _paired(*kept, 0.9)
    # Another family named so elsewhere in the story does not keep these two apart.
    others = replace(
        first,
        entities=[Entity("Ivo Berg", "PERSON", 0, 8), Entity("Ivo Berg Jr.", "PERSON", 20, 32)],
    )
    assert [u.speaker for u in with_story_names([plain, suffixed], [others, second])] == [
        "Karl O. Dahl Jr.",
        "Karl O. Dahl Jr.",
    ]


def test_an_ampersand_is_the_word_and() -> None:
    post = _unit(0, "The council must finally act? Also on Ruiz & others.", "Tom Hale")
    assert _paired(post, _unit(1, "Ruiz and others", "Hale"), 0.3)


def test_one_speakers_same_words_pair_whatever_their_case_and_punctuation() -> None:
    assert _paired(_unit(0, "Who are you!", "Tom Hale"), _unit(1, "who are you?", "Hale"), 0.77)
    # Nobody known, or another speaker: the same three words prove nothing.
    assert not _paired(_unit(0, "Who are you!", None), _unit(1, "who are you?", "Hale"), 0.77)
    assert not _paired(_unit(0, "Who are you!", "Ana Ruiz"), _unit(1, "who are you?", "Hale"), 0.77)
