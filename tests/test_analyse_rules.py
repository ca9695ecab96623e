"""The analyse stage's rules without models: sentence fixes, quote marks, names, speakers."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.analyse.names import NameIndex, strip_title
from storylens.analyse.quotes import find_quotes
from storylens.analyse.sentences import split_sentences
from storylens.analyse.speakers import SpeakerResolver
from storylens.records import Entity

FRAGMENTS = [
    "Mr. ",
    "Dr. ",
    "U.S. ",
    "Jan. 5 ",
    "said ",
    "he said",
    ", she said. ",
    '"',
    "“",
    "”",
    "„",
    "«",
    "»",
    ". ",
    "? ",
    "\n",
    "\n\n",
    "  ",
    "Reyes ",
    "the minister ",
    "according to ",
    "We will not go ",
    "\ud800",
    "\u2028",
]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map(
    "".join
)


def _texts(body: str, starts: list[int] | None = None) -> list[str]:
    return [s.text for s in split_sentences(body, starts or [])]


def _starts(body: str) -> list[int]:
    """Naive boundaries, as a poor segmenter would give: after every full stop or mark."""
    return [m.end() for m in re.finditer(r"[.!?:]\s+", body)]


def test_abbreviations_do_not_end_sentences() -> None:
    body = (
        "Mr. Hollis met Dr. R. J. Amberley on Jan. 12 in the U.S. Senate. "
        "Gov. Lena Park agreed. Sanctions were imposed by the U.S. The talks ended."
    )
    assert _texts(body, _starts(body)) == [
        "Mr. Hollis met Dr. R. J. Amberley on Jan. 12 in the U.S. Senate.",
        "Gov. Lena Park agreed.",
        "Sanctions were imposed by the U.S.",
        "The talks ended.",
    ]


def test_closing_quote_ends_a_sentence_but_attribution_stays() -> None:
    body = (
        'The plan was called "reckless and unfunded." Critics were unmoved. '
        '"Is it fair?" Mayor Tom Reyes asked. "No," she said.'
    )
    assert _texts(body) == [
        'The plan was called "reckless and unfunded."',
        "Critics were unmoved.",
        '"Is it fair?" Mayor Tom Reyes asked.',
        '"No," she said.',
    ]


def test_paragraphs_and_headlines() -> None:
    body = "Harbour bridge closes for repairs\n\nWork starts on Monday. It lasts a week.\nBye"
    sentences = split_sentences(body, [body.index("Work"), body.index("It")])
    assert [s.text for s in sentences] == [
        "Harbour bridge closes for repairs",
        "Work starts on Monday.",
        "It lasts a week.",
        "Bye",
    ]
    for sentence in sentences:
        assert body[sentence.start : sentence.end] == sentence.text


def test_lowercase_after_a_break_is_the_same_sentence() -> None:
    body = "Output fell 2 pct. in the quarter. The board met."
    assert _texts(body, [body.index("in the"), body.index("The")]) == [
        "Output fell 2 pct. in the quarter.",
        "The board met.",
    ]


def test_quote_marks_and_offsets() -> None:
    body = '“Quiet please,” he said. «Bonjour à tous», „Guten Tag“ and "plain one," too.'
    quotes = find_quotes(body)
    assert [body[q.start : q.end] for q in quotes] == [
        "Quiet please",
        "Bonjour à tous",
        "Guten Tag",
        "plain one",
    ]


def test_unclosed_quote_counts_only_when_the_next_paragraph_continues_it() -> None:
    body = '"First paragraph of a long statement.\n\n"Second and last part," she said.\nA " stray'
    assert [body[q.start : q.end] for q in find_quotes(body)] == [
        "First paragraph of a long statement.",
        "Second and last part",
    ]


def test_a_stray_straight_mark_does_not_shift_the_pairs() -> None:
    body = 'The centre is 6\'2" tall. "We won," she said, "and we knew it."'
    assert [body[q.start : q.end] for q in find_quotes(body)] == ["We won", "and we knew it."]


def test_a_closing_mark_that_lost_its_space_still_closes_the_quote() -> None:
    # Scraped text: `wrong. "Perry` — the space went after the mark instead of before.
    body = (
        'The governor wrote, "just when you thought it could not get worse, it did. This '
        'must stop. "Aides said the note answered a memo asking aid to "promote and protect" '
        "rights."
    )
    assert [body[q.start : q.end] for q in find_quotes(body)] == [
        "just when you thought it could not get worse, it did. This must stop.",
        "promote and protect",
    ]
    # An opening left unclosed is still stray when the next mark can only close.
    stray = 'The "Big Apple name is very old indeed. "We love it," she said.'
    assert [stray[q.start : q.end] for q in find_quotes(stray)] == ["We love it"]


def test_strip_title_and_canonical_names() -> None:
    assert strip_title("Kremlin Spokesman Dmitry Peskov") == "Dmitry Peskov"
    assert strip_title("Transport Minister Elena Varga's") == "Elena Varga"
    index = NameIndex(["Tom Reyes", "Ana Reyes", "Elena Varga"])
    assert index.canonical("Varga") == "Elena Varga"
    assert index.canonical("Reyes") == "Reyes"  # two Reyeses: left as written
    irish = NameIndex(["Beto O’Rourke", "Conan O'Brien"])
    assert irish.canonical("Rourke") == "Beto O’Rourke"  # the scrape lost the O’
    assert irish.canonical("O’Rourke") == "Beto O’Rourke"
    assert irish.canonical("Brien") == "Conan O'Brien"


def _person(body: str, name: str, nth: int = 0) -> Entity:
    start = [m.start() for m in re.finditer(re.escape(name), body)][nth]
    return Entity(name, "PERSON", start, start + len(name))


def _speakers(body: str, people: list[Entity]) -> list[str | None]:
    sentences = split_sentences(body, [])
    resolver = SpeakerResolver(body, sentences, people, find_quotes(body))
    return resolver.resolve_all()


def test_speaker_patterns_without_models() -> None:
    body = (
        "Harbour Minister Ines Morel opened the pier.\n\n"
        '"We finished early," the minister said. "Costs stayed low," she added.\n\n'
        'Mayor Tom Reyes said: "The town will pay its share."\n\n'
        '"Nobody asked us about the fees," said Reyes, "and nobody will."\n\n'
        '"We have waited for ten years," according to Morel.'
    )
    people = [
        _person(body, "Ines Morel"),
        _person(body, "Tom Reyes"),
        _person(body, "Reyes", 1),
        _person(body, "Morel", 1),
    ]
    assert _speakers(body, people) == [
        "Ines Morel",
        "Ines Morel",
        "Tom Reyes",
        "Tom Reyes",
        "Tom Reyes",
        "Ines Morel",
    ]


def test_ambiguous_pronoun_and_scare_quotes_get_no_speaker() -> None:
    body = (
        "Ines Morel met Tom Reyes on Friday.\n\n"
        '"We agreed on nearly everything," he said.\n\n'
        'Some called the deal "rushed" and others "overdue".'
    )
    people = [_person(body, "Ines Morel"), _person(body, "Tom Reyes")]
    assert _speakers(body, people) == [None, None, None]


def test_pronoun_goes_to_the_subject_of_the_sentence_before() -> None:
    body = (
        "Kessmark's chief operating officer, Ruth Adler, said demand had fallen sharply. "
        '"We looked at every alternative there was," she said. "None of them worked out."\n\n'
        "Mr. Tom Reyes met Ines Morel on Friday. "
        '"We agreed on nearly everything today," she said.'
    )
    people = [  # the NER took the company for a person, as small models do
        _person(body, "Kessmark"),
        _person(body, "Ruth Adler"),
        _person(body, "Tom Reyes"),
        _person(body, "Ines Morel"),
    ]
    assert _speakers(body, people) == ["Ruth Adler", "Ruth Adler", "Ines Morel"]


def test_a_name_after_a_preposition_does_not_compete_with_the_subject() -> None:
    body = (
        "Governor Ana Ruiz has stepped up her attacks on Tom Hale this month. In a statement "
        "on Tuesday, she criticised the budget.\n\n"
        '"This is the latest example of a plan that fails our towns," she said.'
    )
    people = [_person(body, "Ana Ruiz"), _person(body, "Tom Hale")]
    assert _speakers(body, people) == ["Ana Ruiz"]


def test_a_name_given_in_quote_marks_is_the_namers_word() -> None:
    body = (
        "Former mayor Lina Varga spoke on Tuesday. She also called Mr. Tom Hale a “false "
        "prophet” who misled his voters.\n\n"
        'At one point, Ana Ruiz referred to a reporter in the crowd as a "jackass."\n\n'
        'Ana Ruiz called the hotline on Monday. The law is called "Clean Streets".'
    )
    people = [
        _person(body, "Lina Varga"),
        _person(body, "Tom Hale"),
        _person(body, "Ana Ruiz"),
        _person(body, "Ana Ruiz", 1),
    ]
    # A phone call or a thing's name is nobody's word.
    assert _speakers(body, people) == ["Lina Varga", "Ana Ruiz", None]


def test_the_question_put_to_a_speaker_is_not_their_word() -> None:
    body = (
        'Tom Hale spoke outside the court. "I have nothing to add today," Hale said. '
        'Asked point-blank, "Did you sign the letter yourself?" Hale replied, "You know I '
        'will not talk about this." Asked on radio whether he would run, he said, "Not this '
        'year."'
    )
    people = [_person(body, "Tom Hale"), _person(body, "Hale", 1), _person(body, "Hale", 2)]
    assert _speakers(body, people) == ["Tom Hale", None, "Tom Hale", "Tom Hale"]


def test_a_writer_at_a_publication_speaks_not_the_publication() -> None:
    body = (
        "The magazine printed the photo on Monday.\n\n"
        "A blogger on the Web site Harbour Watch said, “Can anyone call this fair?”\n\n"
        'A spokesman for Norvik Shipping said, "We have nothing to add."'
    )
    people: list[Entity] = []
    for org in ("Harbour Watch", "Norvik Shipping"):
        start = body.index(org)
        people.append(Entity(org, "ORG", start, start + len(org)))
    assert _speakers(body, people) == [
        "blogger on the Web site Harbour Watch",
        "Norvik Shipping",  # a spokesman speaks for the company
    ]


@settings(max_examples=300, deadline=None)
@given(texts, st.lists(st.integers(min_value=-5, max_value=400), max_size=30))
def test_rules_never_break_offsets(body: str, starts: list[int]) -> None:
    sentences = split_sentences(body, starts)
    previous_end = 0
    for sentence in sentences:
        assert body[sentence.start : sentence.end] == sentence.text == sentence.text.strip()
        assert "\n" not in sentence.text and sentence.start >= previous_end
        previous_end = sentence.end
    quotes = find_quotes(body)
    for quote in quotes:
        assert 0 <= quote.open < quote.start < quote.end <= quote.close <= len(body)
    speakers = SpeakerResolver(body, sentences, [], quotes).resolve_all()
    assert len(speakers) == len(quotes)
