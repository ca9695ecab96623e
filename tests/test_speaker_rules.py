"""Speaker rules on invented sentences: appositions, clause subjects, pronouns, quote shapes.

The NER is played by the test: `_people` tags the names given, as spaCy would, so each rule
is checked on its own. Every name, place and statement here is fictional.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from storylens.analyse.clauses import clause_start, governed, opens_part
from storylens.analyse.entities import entities_from_doc
from storylens.analyse.names import NameIndex
from storylens.analyse.quotes import find_quotes, is_title
from storylens.analyse.sentences import split_sentences
from storylens.analyse.speakers import SpeakerResolver, speaker_name
from storylens.records import Entity


def _people(body: str, *names: str) -> list[Entity]:
    """Every occurrence of each name, tagged PERSON."""
    return [
        Entity(name, "PERSON", m.start(), m.end())
        for name in names
        for m in re.finditer(rf"\b{re.escape(name)}\b", body)
    ]


def _speakers(body: str, people: list[Entity]) -> list[str | None]:
    sentences = split_sentences(body, [])
    return SpeakerResolver(body, sentences, people, find_quotes(body)).resolve_all()


def test_the_speaker_before_an_apposition_is_its_subject() -> None:
    body = (
        "Ana Ruiz, the spokeswoman for Tom Hale, said: "
        '"The harbour stays open all winter."\n\n'
        "Lena Park, who is married to Tom Hale, posted on the town forum: "
        '"Nobody asked the fishermen what they need."'
    )
    # The nearest name to the verb is Tom Hale both times; he speaks in neither.
    people = _people(body, "Ana Ruiz", "Tom Hale", "Lena Park")
    assert _speakers(body, people) == ["Ana Ruiz", "Lena Park"]


def test_the_speaker_after_the_verb_and_its_apposition() -> None:
    body = (
        '"The dredging starts in May," said Ines Morel, a senior official at the port.\n\n'
        '"Every berth will be rebuilt," said a harbour spokesman, Lars Berg.'
    )
    people = _people(body, "Ines Morel", "Lars Berg")
    assert _speakers(body, people) == ["Ines Morel", "Lars Berg"]


def test_a_name_a_preposition_takes_is_not_the_speaker() -> None:
    body = 'A lawyer for Tom Hale said: "The contract was signed in good faith."'
    assert _speakers(body, _people(body, "Tom Hale")) == [None]


def test_the_clause_of_the_verb_decides_between_two_people() -> None:
    body = (
        "Mayor Tom Hale opened the session, and Ana Ruiz said: "
        '"We will vote on the budget tonight."'
    )
    assert _speakers(body, _people(body, "Tom Hale", "Ana Ruiz")) == ["Ana Ruiz"]


def test_a_pronoun_after_an_according_to_sentence_is_its_subject() -> None:
    body = (
        "According to the Gazette, Ana Ruiz, who married Lena Park last year, wrote to "
        "the council on Monday.\n"
        '"The ferry must keep running every day of the year," she wrote.\n'
        '"Islanders have no other way to reach the mainland," she added.'
    )
    people = _people(body, "Ana Ruiz", "Lena Park")
    assert _speakers(body, people) == ["Ana Ruiz", "Ana Ruiz"]


def test_a_pronoun_after_two_people_side_by_side_stays_unknown() -> None:
    body = (
        "Ana Ruiz met Lena Park, the harbour master, on Monday.\n"
        '"The ferry must keep running every day of the year," she said.'
    )
    assert _speakers(body, _people(body, "Ana Ruiz", "Lena Park")) == [None]


def test_a_surname_the_ner_missed_still_names_the_person() -> None:
    body = (
        "Tom Hale and Ana Ruiz toured the harbour on Friday.\n"
        'Ana Ruiz said: "The new pier is finally ready." Hale spent the afternoon on it. '
        '"The pier will hold for decades," he said.'
    )
    # Only the first mentions are tagged, as a small model does; "Hale" alone is not.
    people = [p for p in _people(body, "Tom Hale", "Ana Ruiz") if p.start < 100]
    assert _speakers(body, people) == ["Ana Ruiz", "Tom Hale"]


def test_a_titled_surname_the_ner_took_for_an_organisation_is_the_person() -> None:
    body = (
        "The harbour plan was announced by Mayor Hale on Monday.\n\n"
        "The quarrel turned nasty, with Hale cancelling a council trip after Ana Ruiz "
        "called on Hale to delay the vote.\n\n"
        "Hale signalled on Thursday that a small fee could be enough.\n\n"
        'He suggested that a "harbour levy" on ferries could pay for it.'
    )
    # The small model tags the titled surname a person once, the bare ones organisations:
    # "he" is still the mayor the sentence before names, not the councillor further back.
    first = body.index("Hale")
    entities = [Entity("Mayor Hale", "PERSON", first - 6, first + 4)]
    entities += [Entity("Hale", "ORG", m.start(), m.end()) for m in re.finditer(r"\bHale\b", body)][
        1:
    ]
    entities += _people(body, "Ana Ruiz")
    assert _speakers(body, entities) == ["Hale"]


def test_surnames_inside_longer_names_are_not_people() -> None:
    body = "Tom Hale spoke. Hale Tower was empty. Anna Hale left. Sen. Hale returned."
    index = NameIndex.build(body, _people(body, "Tom Hale")[:1])
    found = [(m.start, m.name) for m in index.mentions]
    assert found == [(0, "Tom Hale"), (body.index("Sen. Hale") + 5, "Tom Hale")]


def test_a_curly_quote_closed_by_a_straight_mark() -> None:
    body = '“We will rebuild the pier," she wrote. "It will take a year," she added.'
    quotes = find_quotes(body)
    assert [body[q.start : q.end] for q in quotes] == [
        "We will rebuild the pier",
        "It will take a year",
    ]


def test_a_fragment_in_reported_speech_is_the_reporters_quote_of_the_speaker() -> None:
    body = (
        'Ana Ruiz said the plan to close the ferry would be "reckless" for the islands.\n'
        'Critics called the plan "rushed".'
    )
    assert _speakers(body, _people(body, "Ana Ruiz")) == ["Ana Ruiz", None]


def test_a_sentence_opening_on_a_persons_view() -> None:
    body = (
        "To Rep. Ana Ruiz, the bill "
        '"takes the harbour from a few owners and gives it to the whole town."'
    )
    assert _speakers(body, _people(body, "Ana Ruiz")) == ["Ana Ruiz"]


def test_a_title_in_quote_marks_has_no_speaker() -> None:
    body = (
        "Mayor Ana Ruiz said the council had wasted a week on a motion to adopt "
        '"Forward With the Tide" as the town motto.'
    )
    assert _speakers(body, _people(body, "Ana Ruiz")) == [None]
    assert is_title("In Harbour We Trust") and is_title("Forward With the Tide")
    assert not is_title("We trust the harbour") and not is_title("NO MORE DELAYS")
    assert not is_title("Yes")


def test_clause_helpers() -> None:
    text = "After Tom Hale left, the former Mayor Ana Ruiz said"
    assert not opens_part(text, 0, text.index("Tom"))
    assert opens_part(text, 0, text.index("Ana"))
    assert governed("a lawyer for Senator Tom Hale", 0, 22)
    assert not governed("Harbour Minister Tom Hale", 0, 17)
    joined = "Tom Hale spoke, and Ana Ruiz said"
    assert clause_start(joined, 0, len(joined)) == joined.index("Ana")
    closed = "When Tom Hale left, Ana Ruiz said"
    assert clause_start(closed, 0, len(closed)) == 0


def test_a_speaker_name_is_shown_clean() -> None:
    # The owner before a possessive is not the speaker when a full name follows.
    assert speaker_name("Harbourline's Mara Quist") == "Mara Quist"
    assert speaker_name("Harbour Authority's Office") == "Harbour Authority's Office"
    # Brackets an editor put inside a quote; lowercase descriptions are not names.
    assert speaker_name("Elena] Varga") == "Elena Varga"
    assert speaker_name("fishing group") is None
    assert speaker_name("Tom O’Hare") == "Tom O’Hare"  # the article's own spelling
    assert speaker_name(None) is None


def test_a_name_used_as_a_modifier_is_nobodys_he() -> None:
    body = (
        "Tom Hale, the governor, spoke in Varno on Monday.\n"
        "He attacked the Lena Park administration's plan for the harbour.\n"
        '"This plan is a gift to the shipping companies and nobody else," he said.'
    )
    people = _people(body, "Tom Hale", "Lena Park")
    assert _speakers(body, people) == ["Tom Hale"]


def test_an_acronym_speaker_is_spelt_out_as_the_article_does() -> None:
    body = (
        "The Harbour Pilots Association said on Monday it opposed the plan.\n"
        '"The channel is too narrow for ships of that size," the HPA said.'
    )
    entities = [
        Entity("Harbour Pilots Association", "ORG", 4, 30),
        Entity("HPA", "ORG", body.index("HPA"), body.index("HPA") + 3),
    ]
    assert _speakers(body, entities) == ["Harbour Pilots Association"]


def test_a_he_does_not_go_to_a_woman_named_as_someone_s_wife() -> None:
    body = (
        "The councillor also spoke about the toll the affair was taking on his wife, "
        "Mara Linde, a longtime aide to the mayor. "
        '"I am protecting my wife," he told the radio station.'
    )
    # The one person named is the wife: "he" names nobody the article gives a name.
    assert _speakers(body, _people(body, "Mara Linde")) == [None]


def test_a_first_name_alone_is_the_one_person_of_that_first_name() -> None:
    body = (
        "Oona Brandt and her brother Kai Brandt toured the new ferry terminal. "
        '"It looks like a spaceship," Oona said.'
    )
    people = _people(body, "Oona Brandt", "Kai Brandt", "Oona")
    assert _speakers(body, people) == ["Oona Brandt"]


def test_a_hyphenated_surname_the_tokenizer_cut_is_whole_again() -> None:
    from storylens.analyse.entities import _clean_span

    body = '"The delay is unacceptable," Ms. Ferreira-Lund said.'
    start = body.index("Ferreira")
    cut = _clean_span(body, start, start + len("Ferreira"), "PERSON")
    assert cut is not None and body[cut[0] : cut[1]] == "Ferreira-Lund"
    # Only people: an organisation's hyphen stays where the model put it.
    org = _clean_span(body, start, start + len("Ferreira"), "ORG")
    assert org is not None and body[org[0] : org[1]] == "Ferreira"


def test_a_he_after_a_role_subject_goes_on_with_the_speaker() -> None:
    body = (
        "Representative Alan Wexler said the photograph was not his. “She has committed no "
        "crime except to follow me online,” Mr. Wexler said.\n\n"
        "The congressman also expressed concern about the toll the episode was taking on his "
        "wife, Nora Fenn, a longtime aide to Secretary of State Helena Marsh Castell. “I am "
        "protecting my wife, who every day wakes up to these stories,” he told the radio station."
    )
    people = _people(body, "Alan Wexler", "Wexler", "Nora Fenn", "Helena Marsh Castell")
    # "The congressman" is the subject, not the one person named after it whose gender is
    # unknown (the wife is "she"): "he" goes on with the speaker.
    assert _speakers(body, people) == ["Alan Wexler", "Alan Wexler"]
    # A name as the subject decides as before.
    named = body.replace("The congressman also", "Piet Kalm also")
    assert _speakers(named, [*people, *_people(named, "Piet Kalm")])[1] == "Piet Kalm"


def test_a_role_subject_is_never_another_person_of_its_sentence() -> None:
    body = (
        "Marta Ilves took office on Friday as the ninth governor of the province.\n\n"
        "The governor addressed a crowd outside the assembly hall, after taking the oath "
        "along with Deputy Governor Piet Kalm.\n\n"
        "“No valley will be forgotten again,” he said."
    )
    people = _people(body, "Marta Ilves", "Piet Kalm")
    # The deputy governor is the only name in the sentence before "he", but the sentence is
    # about "the governor", whom it does not name: unknown, not Piet Kalm.
    assert _speakers(body, people) == [None]


def test_a_deputy_is_not_the_holder_of_the_role_he_deputises() -> None:
    body = (
        "Deputy Governor Piet Kalm swore in the new cabinet on Friday.\n\n"
        "Addressing the assembly, the governor said the valleys “will never be ignored again.”"
    )
    people = _people(body, "Piet Kalm")
    index = NameIndex.build(body, people)
    # "Deputy Governor Piet Kalm" is the deputy governor, not "the governor".
    assert index.by_role("governor") is None and index.by_role("deputy") == "Piet Kalm"
    assert _speakers(body, people) == [None]
    plain = body.replace("Deputy Governor Piet Kalm", "Governor Piet Kalm")
    assert _speakers(plain, _people(plain, "Piet Kalm")) == ["Piet Kalm"]


def test_a_sentence_opening_on_the_same_pronoun_is_about_the_same_person() -> None:
    body = (
        "Mayor Tom Hale thanked the harbour crews. “They have been magnificent,” he said.\n\n"
        "He later praised his rival, Piet Kalm, at a lunch with the council, asking him to "
        "stand for applause.\n\n"
        "“I have a lot of respect for this man,” he said."
    )
    people = _people(body, "Tom Hale", "Piet Kalm")
    # "He later praised…" is still the mayor: the rival it names is not the "he" after it.
    assert _speakers(body, people) == ["Tom Hale", "Tom Hale"]
    # A named subject decides as before.
    named = body.replace("He later praised his rival, Piet Kalm,", "Piet Kalm spoke")
    assert _speakers(named, _people(named, "Tom Hale", "Piet Kalm")) == ["Tom Hale", "Piet Kalm"]


def test_a_suffixed_name_is_found_by_its_surname_and_never_taken_for_the_father() -> None:
    body = (
        "Attorney General Karl O. Dahl Jr. wrote to the harbour board on Monday.\n\n"
        "“The inquiry will be full and fair,” Mr. Dahl wrote."
    )

    def suffixed(text: str, name: str) -> Entity:  # "\b" cannot end on "Jr."'s full stop
        return Entity(name, "PERSON", text.index(name), text.index(name) + len(name))

    # "Mr. Dahl" is the only Dahl of the article: the suffixed name, found by "Dahl".
    people = [suffixed(body, "Karl O. Dahl Jr."), *_people(body, "Mr. Dahl")]
    assert _speakers(body, people) == ["Karl O. Dahl Jr."]
    both = (
        "Karl Dahl Jr. spoke after his father, Karl Dahl, left the stage.\n\n"
        "“The harbour stays open,” Mr. Dahl said."
    )
    # The son beside his father: a bare "Dahl" may be either, so neither.
    people = [suffixed(both, "Karl Dahl Jr."), *_people(both, "Karl Dahl", "Mr. Dahl")]
    assert _speakers(both, people) == ["Dahl"]


def test_a_linking_word_the_ner_took_into_a_name_is_dropped() -> None:
    body = "Plus Dahl is nominating a new harbour chief. “We need one now,” Dahl said."
    assert _speakers(body, _people(body, "Plus Dahl", "Dahl")) == ["Dahl"]


# --- shapes read since the exhaustive basil gold ---------------------------------------------


def test_a_pronoun_before_the_verb_refers_to_its_own_sentences_subject() -> None:
    body = (
        "Harbour chief Tom Hale spoke first.\n"
        "Former mayor Ana Ruiz, who led the review, eased off slightly -- she said it was "
        '"important" for every pier to have a guard.'
    )
    # The antecedent is earlier in the same sentence, not in the one before it.
    people = _people(body, "Tom Hale", "Ana Ruiz")
    assert _speakers(body, people) == ["Ana Ruiz"]


def test_two_people_speaking_jointly_are_both_the_speaker() -> None:
    body = (
        "\"We welcome the inspectors' report,\" said the port's lawyers Ines Morel and "
        "Lars Berg in a joint statement."
    )
    people = _people(body, "Ines Morel", "Lars Berg")
    assert _speakers(body, people) == ["Ines Morel and Lars Berg"]


def test_a_participle_speaks_for_its_clauses_subject() -> None:
    body = (
        "Another candidate, Tom Hale, the treasurer, qualified his view, saying that he "
        'would veto the bill and then "bring every side to the table before winter."\n'
        "Councillor Lena Park wants the vote delayed.\n"
        "And in an interview on the radio, she pointed to the election as the way to stop "
        'Tom Hale, saying: "The voters will settle this in May."'
    )
    people = _people(body, "Lena Park", "Tom Hale")
    # The second: "she" opens the clause; Tom Hale is only its object.
    assert _speakers(body, people) == ["Tom Hale", "Lena Park"]


def test_a_participle_reaches_past_a_quoted_word_for_its_subject() -> None:
    body = (
        "Ms. Ana Ruiz, who did not answer calls, later posted an apology for her "
        '"careless" words, saying she had "misjudged the two sailors in a way I regret."'
    )
    assert _speakers(body, _people(body, "Ana Ruiz")) == ["Ana Ruiz", "Ana Ruiz"]


def test_a_role_right_before_the_verb_is_the_subject_not_an_earlier_name() -> None:
    body = (
        "Mayor Tom Hale opened the new pier on Friday.\n"
        "Before greeting Pip and Lark, the two harbour seals, the mayor remarked that it was "
        '"a little odd that I do this every spring."'
    )
    people = _people(body, "Tom Hale", "Pip", "Lark")
    assert _speakers(body, people) == ["Tom Hale"]


def test_a_surname_two_siblings_share_is_not_given_to_either() -> None:
    body = (
        "A critic wrote an open letter to Mira and Sofi Lund on Monday.\n"
        'At the ceremony, Mayor Lund joked with the crowd. "Want to feed the seal?" '
        "Mr. Lund asked his daughters."
    )
    people = _people(body, "Sofi Lund", "Lund")
    # "Sofi Lund" alone was tagged; "Mira and" before it says two people carry the surname.
    assert _speakers(body, people) == ["Lund"]


def test_a_comma_before_an_inner_quote_mark_still_joins_the_attribution() -> None:
    body = (
        "Tom Hale answered online.\n"
        "“Ana Ruiz, who is mocking my visit today, also apologised for the ‘rude word,’” "
        "he said."
    )
    people = _people(body, "Tom Hale", "Ana Ruiz")
    assert _speakers(body, people) == ["Tom Hale"]


def test_described_as_gives_the_speaker_of_a_fragment() -> None:
    body = (
        "Mayor Ana Ruiz called it a choice for the next generation, while Councillor Tom "
        'Hale, one of four votes against, described it as "a blank cheque".'
    )
    assert _speakers(body, _people(body, "Ana Ruiz", "Tom Hale")) == ["Tom Hale"]


def test_verbs_of_speech_beyond_said_attribute() -> None:
    body = (
        '"Who sent you here?" Mayor Ana Ruiz demanded.\n\n'
        '"Nobody, we came on our own," Tom Hale answered.\n\n'
        '"Then the pier is closed," Ruiz quipped.'
    )
    people = _people(body, "Ana Ruiz", "Ruiz", "Tom Hale")
    assert _speakers(body, people) == ["Ana Ruiz", "Tom Hale", "Ana Ruiz"]


def test_a_relative_clause_after_a_quote_does_not_attribute_it() -> None:
    # "which he claimed …" says what the quoted thing is to him, not who says the quote:
    # the speaker is the one the sentence reports.
    body = (
        "Tom Hale said that he was leaving the board because he did not want to "
        '"give up my seat on the harbour council," which he claimed the mayor had asked '
        "of him."
    )
    assert _speakers(body, _people(body, "Tom Hale")) == ["Tom Hale"]


def test_a_role_refers_to_the_one_the_article_titled_so() -> None:
    # "Rep." and "Sen." are abbreviations, not sentence ends; "the congresswoman" and "the
    # senator" are the roles those titles give, whatever modifiers come before them.
    body = (
        "Rep. Ana Ruiz stopped on the pier in Harwick to talk to fishermen. "
        '"Who are you!" the seven-term congresswoman demands.\n\n'
        "Sen. Tom Hale toured the harbour later. After the tour, the two-term senator said: "
        '"The dredging has to start this year."'
    )
    people = _people(body, "Ana Ruiz", "Tom Hale")
    assert _speakers(body, people) == ["Ana Ruiz", "Tom Hale"]


def test_a_short_quoted_sentence_after_an_attribution_goes_on_with_its_speaker() -> None:
    body = (
        "Ana Ruiz spoke at the harbour on Monday.\n\n"
        '"This is not about every boat," she said. "Boats should fish."\n\n'
        '"We were at sea all week," she added, saying the crews had a "long week."\n\n'
        '"Her boats are half empty."\n\n'
        'Tom Hale called on the council to resign and "stop stalling."\n\n'
        'The mayor said the plan was sound. "Harbour first" is the council\'s slogan.'
    )
    people = _people(body, "Ana Ruiz", "Tom Hale")
    # A fragment inside the attribution's own sentence is no next sentence, and an
    # unattributed paragraph after it does not go on with her.
    speakers = _speakers(body, people)
    assert speakers[:3] == ["Ana Ruiz", "Ana Ruiz", "Ana Ruiz"]
    assert speakers[4:] == [None, "Tom Hale", None]


def test_a_role_after_an_indefinite_article_is_someone_not_named_before() -> None:
    body = (
        "“Our report stands,” the council spokesman, Ivo Marek, said on Friday.\n\n"
        "A day later, a Gazette spokesman told reporters that the paper had seen "
        "“no sign that any part of our story is wrong.”\n\n"
        "“We will appeal,” the spokesman said."
    )
    people = _people(body, "Ivo Marek")
    # The Gazette's unnamed spokesman is not the council's; "the spokesman" still is.
    assert _speakers(body, people) == ["Ivo Marek", None, "Ivo Marek"]


def test_a_name_before_a_staff_role_is_whose_staff_not_the_speaker() -> None:
    body = (
        "“The mayor never met the envoy,” said Hale press secretary Nora Vik.\n\n"
        "“We were not told,” a Hale spokesman said.\n\n"
        "“I stand by the plan,” said Tom Hale.\n\n"
        "Hale campaign spokeswoman Ida Berg described the ad as “dishonest and cheap.”\n\n"
        "A Hale campaign aide said the ad was “a distinction without a difference.”"
    )
    people = _people(body, "Tom Hale", "Hale", "Nora Vik", "Ida Berg")
    # The campaign's staff speak for the campaign, not as the candidate.
    assert _speakers(body, people) == ["Nora Vik", None, "Tom Hale", "Ida Berg", None]


def test_a_quote_a_line_break_cut_is_one_quote_attributed_after_its_end() -> None:
    body = (
        "On Saturday, Gazette spokesman Matt Vane defended the paper's reporting.\n"
        "\u201cAs we have re-checked our reporting, we have seen no sign that any part of "
        "our story is wrong. \n"
        'We stand by what we have reported, and will share more as we are able," he said.\n'
        "\u201cNo comment,\u201d the mayor's office said.\n"
        "The council meets on Monday.\n"
    )
    quotes = find_quotes(body)
    assert [body[q.start : q.end] for q in quotes] == [
        "As we have re-checked our reporting, we have seen no sign that any part of our "
        "story is wrong.",
        "We stand by what we have reported, and will share more as we are able",
        "No comment",
    ]
    assert _speakers(body, _people(body, "Matt Vane"))[:2] == ["Matt Vane", "Matt Vane"]
    # A line left open whose next line opens no quote and closes none stays unquoted.
    stray = "He called it \u201cthe best plan.\nThe council meets on Monday.\n"
    assert find_quotes(stray) == []


def test_a_surname_several_relatives_carry_is_none_of_them() -> None:
    body = (
        "Governor Ana Lund spoke on Friday about the harbour bill. Her son, Tom Lund, 31, "
        "signed a petition against it.\n"
        '"I love my mother," Tom Lund said. Mr. Lund grew up on the campaign trail.\n'
        '"Politics came naturally to me," Mr. Lund said. He still calls a cousin, Per K. Lund, '
        "who sits in the assembly."
    )
    surnames = [
        Entity("Lund", "PERSON", m.start(), m.end()) for m in re.finditer(r"(?<=Mr\. )Lund", body)
    ]
    people = _people(body, "Ana Lund", "Tom Lund", "Per K. Lund") + surnames
    # Not the longest name of the three Lunds (the cousin): the surname, which fits each.
    assert _speakers(body, people) == ["Tom Lund", "Lund"]


def test_a_platform_a_preposition_takes_is_not_who_he_is() -> None:
    body = (
        "Tom Hale signed the harbour bill on Friday.\n"
        'On Ferrygram on Friday night, he said: "This was in no way a concession."'
    )
    # The small NER model tags a platform as a person; "On" takes it.
    assert _speakers(body, _people(body, "Tom Hale", "Ferrygram")) == ["Tom Hale"]


def test_a_titled_name_the_ner_took_for_an_organisation_is_a_person() -> None:
    body = (
        "This month, Bishop Karl Ostrander, of Lindholm, Vt., said in a sermon that the "
        'council was "following a dangerous path" on the harbour.'
    )
    doc = SimpleNamespace(
        ents=[
            _ent(body, "Bishop Karl Ostrander", "ORG"),
            _ent(body, "Lindholm", "GPE"),
            _ent(body, "Vt.", "GPE"),
        ]
    )
    entities = entities_from_doc(doc, body)
    assert (entities[0].text, entities[0].label) == ("Bishop Karl Ostrander", "PERSON")
    assert _speakers(body, entities) == ["Karl Ostrander"]


def _ent(body: str, text: str, label: str) -> SimpleNamespace:
    start = body.index(text)
    return SimpleNamespace(label_=label, start_char=start, end_char=start + len(text), text=text)


def test_a_whip_is_a_title_not_part_of_the_name() -> None:
    body = '"The ferry budget is settled," said Assembly Majority Whip Rosa Lindqvist.'
    people = _people(body, "Assembly Majority Whip Rosa Lindqvist")
    assert _speakers(body, people) == ["Rosa Lindqvist"]


def test_a_phrase_set_off_before_the_verb_is_not_its_subject() -> None:
    body = (
        "Mayor Tom Hale opened the new pier on Monday.\n\n"
        "The mayor, speaking at the Harbour Hall, said he would give "
        '"every ounce of this office" to keep the ferry running.\n\n'
        "Councillor Ana Ruiz of Lindholm, who backed Mr. Hale, said after the vote that the "
        'town needed "a ferry that runs in winter."'
    )
    # "Harbour Hall" is where he spoke and Mr. Hale whom she backed: neither speaks.
    people = _people(body, "Tom Hale", "Hale")
    assert _speakers(body, people) == ["Tom Hale", "Ana Ruiz"]


def test_mr_and_a_surname_is_not_a_woman_of_that_surname() -> None:
    body = (
        "Near the stand, the mayor's daughter Ingrid Hale waved to the crowd.\n\n"
        "When a message from Mayor Hale played on the screen, the crowd cheered.\n\n"
        '"You are showing the whole coast what this town can do," Mr. Hale said.'
    )
    people = _people(body, "Ingrid Hale", "Hale")
    # Before: "Ingrid Hale", the only full name of that surname, though "Mr." says a man.
    assert _speakers(body, people) == ["Hale"]


def test_a_campaign_speaks_as_the_campaign_not_as_its_candidate() -> None:
    body = (
        "As the quarrel over the ferry went on, the Lindqvist campaign said that the harbour plan "
        '"would end the ferry as we know it."'
    )
    assert _speakers(body, _people(body, "Lindqvist")) == ["Lindqvist campaign"]


def test_a_paper_a_fragment_is_credited_to_does_not_speak_it() -> None:
    body = (
        'In 2019, Mayor Tom Hale criticized the council for its "secrecy," according to the '
        "Lindholm Courier.\n\n"
        '"The bridge will close in May for six weeks of repairs," according to the Lindholm '
        "Courier."
    )
    # The fragment is the mayor's word, which the paper reported; the sentence is the paper's.
    assert _speakers(body, _people(body, "Tom Hale")) == ["Tom Hale", "Lindholm Courier"]


def test_a_paper_credited_before_the_fragment_does_not_speak_it_either() -> None:
    body = (
        "According to the Lindholm Courier, Mayor Tom Hale criticized the council for its "
        '"secrecy" over the harbour lease.'
    )
    assert _speakers(body, _people(body, "Tom Hale")) == ["Tom Hale"]


def test_a_document_credited_with_a_fragment_is_not_replaced_by_the_subject() -> None:
    body = (
        "In May, Tom Hale told Lena Park to keep the lease papers, according to the "
        'Harbour Commission, which calls the lease "Agreement 4."'
    )
    # The commission, not the mayor, gives the lease that name.
    people = _people(body, "Tom Hale", "Lena Park")
    assert "Tom Hale" not in _speakers(body, people)


def test_calling_a_thing_a_name_without_an_article_is_the_namers_word() -> None:
    body = (
        'Harbour master Ines Morel called the new timetable "unworkable."\n\n'
        "Tom Hale said he would appeal, saying he was \u201cwrongly blamed\u201d and calling "
        "the inquiry \u201cpolitically driven.\u201d\n\n"
        'Lena Park has since taken to calling the plan a "gamble" in her columns.'
    )
    people = _people(body, "Ines Morel", "Tom Hale", "Lena Park")
    # The last is no participle hanging on a clause: still Lena Park's word, by her verb.
    assert _speakers(body, people) == ["Ines Morel", "Tom Hale", "Tom Hale", "Lena Park"]


def test_the_name_a_relative_pronoun_follows_speaks() -> None:
    body = (
        "It was a similar call from Senator Ana Ruiz of Lindholm, who posted that "
        '"the ferry must keep running through the winter."\n\n'
        "The plan was denounced by the Harbour Guild, a union of pilots, which said it was "
        '"wrong to close the port in winter."'
    )
    entities = _people(body, "Ana Ruiz") + [
        Entity(name, label, m.start(), m.end())
        for name, label in (("Lindholm", "GPE"), ("Harbour Guild", "ORG"))
        for m in re.finditer(name, body)
    ]
    # The place after "of" is where the senator is from; the union's apposition stands
    # between the guild and its "which".
    assert _speakers(body, entities) == ["Ana Ruiz", "Harbour Guild"]
