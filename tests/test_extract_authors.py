"""Titles and authors of invented pages in several languages and layouts (issue 23): what the
page declares (JSON-LD by reference, <meta>), its printed byline (a "By"/"Von"/"Par"/"Por"/
"Di"/"Door"/"Автор" line, a label beside the name, a "Name | role | date" line under the
headline), and the site's name kept out of both."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.extract import extract
from storylens.extract.text import byline_names, clean_author
from storylens.records import Article, RawDoc

PARAGRAPHS = [
    "The river authority opened the new flood gates on Monday morning after three years of "
    "work, and the first barges passed through them before noon without any delay at all.",
    "Engineers said the gates would protect about four thousand homes in the lower town, "
    "where the water rose above the old quay twice in the last decade and closed the market.",
    "The works cost less than planned, the authority said, because the steel was bought "
    "before prices went up, and the last payments to the builders will be made in the spring.",
]


def _page(
    head: str, header: str, paragraphs: list[str] = PARAGRAPHS, lang: str = "en", aside: str = ""
) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>'
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"{aside}<main><article><header>{header}</header>{body}</article></main>"
        "<footer>© 2026 Example Media Ltd</footer></body></html>"
    )


def _extract(html: str, fmt: str = "html") -> Article:
    result = extract(RawDoc("page", html, fmt))  # type: ignore[arg-type]
    assert isinstance(result, Article), result
    return result


def _ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


GERMAN = [
    "Die Stadtwerke haben am Montag die neue Schleuse am Hafen eröffnet, nachdem die Arbeiten "
    "fast drei Jahre gedauert hatten, und die ersten Schiffe fuhren noch am Vormittag hindurch.",
    "Nach Angaben der Ingenieure schützt die Anlage rund viertausend Wohnungen in der Unterstadt, "
    "wo das Wasser in den vergangenen zehn Jahren zweimal über die alte Kaimauer gestiegen war.",
    "Die Kosten lagen unter dem Plan, weil der Stahl vor den Preiserhöhungen gekauft wurde, "
    "teilte die Verwaltung mit; die letzten Zahlungen an die Baufirmen folgen im Frühjahr.",
]
FRENCH = [
    "La métropole a inauguré lundi la nouvelle écluse du port après presque trois ans de "
    "travaux, et les premières péniches l'ont franchie avant midi sans le moindre retard.",
    "Selon les ingénieurs, l'ouvrage protège environ quatre mille logements de la ville basse, "
    "où l'eau a dépassé deux fois le vieux quai au cours des dix dernières années.",
    "Le chantier a coûté moins que prévu, car l'acier avait été acheté avant la hausse des prix, "
    "a précisé la métropole, et les derniers paiements seront versés au printemps.",
]
SPANISH = [
    "El ayuntamiento inauguró el lunes la nueva esclusa del puerto tras casi tres años de obras, "
    "y las primeras barcazas la cruzaron antes del mediodía sin ningún retraso.",
    "Según los ingenieros, la obra protege a unas cuatro mil viviendas de la parte baja de la "
    "ciudad, donde el agua superó dos veces el viejo muelle en la última década.",
    "Las obras costaron menos de lo previsto porque el acero se compró antes de la subida de "
    "precios, explicó el ayuntamiento, y los últimos pagos se harán en primavera.",
]


def test_german_json_ld_author_given_by_reference_in_the_graph() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "https://ex.example/#site", "name": "Hafenblatt"},
            {
                "@type": "NewsArticle",
                "headline": "Neue Schleuse am Hafen eröffnet",
                "author": {"@id": "https://ex.example/#/person/7"},
            },
            {"@type": "Person", "@id": "https://ex.example/#/person/7", "name": "Anna Vogt"},
        ],
    }
    head = _ld(graph) + '<meta name="author" content="hafenblatt-redaktion">'
    header = "<h1>Neue Schleuse am Hafen eröffnet</h1><p>Von Anna Vogt</p>"
    article = _extract(_page(head, header, GERMAN, "de"))
    assert article.title == "Neue Schleuse am Hafen eröffnet"
    assert article.author == "Anna Vogt"


def test_french_byline_par_two_authors_and_site_name_after_a_colon() -> None:
    head = (
        "<title>La nouvelle écluse du port inaugurée : Le Courrier de Lorval</title>"
        '<meta property="og:site_name" content="Le Courrier de Lorval">'
        '<meta property="article:author" content="https://lorval.example/auteurs/dupont">'
    )
    header = (
        "<h1>La nouvelle écluse du port inaugurée</h1>"
        '<div class="signature">Par Jean Dupont et Marie Lefèvre, publié le 3 mars 2026</div>'
    )
    article = _extract(_page(head, header, FRENCH, "fr"))
    assert article.title == "La nouvelle écluse du port inaugurée"
    assert article.author == "Jean Dupont; Marie Lefèvre"


def test_spanish_label_beside_the_name() -> None:
    head = "<title>Inaugurada la nueva esclusa del puerto | Diario del Sur</title>"
    header = (
        "<h1>Inaugurada la nueva esclusa del puerto</h1>"
        '<div class="meta"><span>Autor:</span> <a href="/autores/mg">María Gómez</a>'
        "<time>3 de marzo de 2026</time></div>"
    )
    article = _extract(_page(head, header, SPANISH, "es"))
    assert article.title == "Inaugurada la nueva esclusa del puerto"
    assert article.author == "María Gómez"


def test_site_name_declared_as_author_gives_way_to_the_printed_byline() -> None:
    head = (
        "<title>Flood gates open on the lower river - Riverside Courier</title>"
        '<meta property="og:site_name" content="Riverside Courier">'
        '<meta name="author" content="Riverside Courier">'
    )
    header = (
        "<h1>Flood gates open on the lower river</h1>"
        '<div class="meta-row"><div class="label">Written by</div><div>Priya Nandakumar</div>'
        "</div>"
    )
    # A list of other stories with their own bylines comes before the article.
    aside = '<div class="related-posts"><p>By Someone Else</p><a href="/x">Other story</a></div>'
    article = _extract(_page(head, header, aside=aside))
    assert article.title == "Flood gates open on the lower river"
    assert article.author == "Priya Nandakumar"


def test_site_name_stays_the_author_when_no_person_is_named() -> None:
    head = (
        '<meta property="og:site_name" content="Riverside Courier">'
        '<meta name="author" content="Riverside Courier">'
    )
    article = _extract(_page(head, "<h1>Flood gates open on the lower river</h1>"))
    assert article.author == "Riverside Courier"


def test_unmarked_name_role_date_line_under_the_headline() -> None:
    header = (
        "<h1>Flood gates open on the lower river</h1>"
        "<p>Tomasz Wierzbicki | Senior Writer | March 3, 2026</p>"
    )
    assert _extract(_page("", header)).author == "Tomasz Wierzbicki"


def test_one_word_declared_author_counts_but_not_an_agency() -> None:
    assert _extract(_page('<meta name="author" content="Kristen">', "<h1>A B C</h1>")).author == (
        "Kristen"
    )
    agency = _ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Reuters"}})
    assert _extract(_page(agency, "<h1>Flood gates open</h1>")).author is None


def test_dump_byline_in_the_first_lines_of_the_article() -> None:
    dump = "\n".join(
        [
            "Riverside Courier",
            "Home | World | Sport",
            "Flood gates open on the lower river",
            "By Ana Ruiz and Tom Lee",
            "March 3, 2026",
            *PARAGRAPHS,
            "© 2026 Riverside Courier",
        ]
    )
    article = _extract(dump, "text")
    assert article.title == "Flood gates open on the lower river"
    assert article.author == "Ana Ruiz; Tom Lee"


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Von Anna Müller und Jörg Weiß", "Anna Müller; Jörg Weiß"),
        ("Par Jean Dupont et Marie Curie", "Jean Dupont; Marie Curie"),
        ("Por Ana Ruiz y Pedro Gil", "Ana Ruiz; Pedro Gil"),
        ("Di Mario Rossi e Luca Bianchi", "Mario Rossi; Luca Bianchi"),
        ("Door Jan de Vries en Piet Bakker", "Jan de Vries; Piet Bakker"),
        ("Автор: Иван Петров", "Иван Петров"),
        ("Written by: A. Smith, B. Jones and C. Brown", "A. Smith; B. Jones; C. Brown"),
        ("By Ann Lee, Valley Post", "Ann Lee"),  # an outlet after the comma
        ("By Claire Wilson , Co-Founder & COO", "Claire Wilson"),
        ("Irena Kowal Marketing Manager", "Irena Kowal"),
        ("Tom Hale | Senior Writer | July 2, 2025", "Tom Hale"),
        ("By Eric Holm Updated December 19, 2025", "Eric Holm"),
        ("Craig Mole Last updated on 17 December 2025", "Craig Mole"),
        ("CM Craig Mole", "Craig Mole"),  # an avatar's initials
        ("Posted By: Kiersten", "Kiersten"),
        ("Angela Hollis, MD", "Angela Hollis, MD"),
    ],
)
def test_bylines_in_several_languages(byline: str, expected: str) -> None:
    assert clean_author(byline) == expected


def test_byline_names_need_a_byline_word() -> None:
    assert byline_names("By Ana Ruiz") == "Ana Ruiz"
    assert byline_names("Ana Ruiz") is None
    assert byline_names("Liked by Ana Ruiz") is None


_NAME_WORDS = st.sampled_from(
    ["Ana", "Ruiz", "Jörg", "Weiß", "Иван", "Петров", "de", "la", "O'Brien", "Lee", "Mary-Jo"]
)
_JOINERS = st.sampled_from([" and ", ", ", "; ", " & ", " und ", " | "])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(_NAME_WORDS, min_size=1, max_size=4), min_size=1, max_size=3),
    _JOINERS,
    st.sampled_from(["", "By ", "Von ", "Par ", "Written by: "]),
)
def test_cleaned_authors_are_short_names_and_clean_again_to_themselves(
    names: list[list[str]], joiner: str, prefix: str
) -> None:
    cleaned = clean_author(prefix + joiner.join(" ".join(name) for name in names), declared=True)
    if cleaned is None:
        return
    for name in cleaned.split("; "):
        assert name and len(name.split()) <= 6 and not any(ch.isdigit() for ch in name)
    assert clean_author(cleaned, declared=True) == cleaned


def test_byline_printed_as_one_line_among_others_in_a_block() -> None:
    # Old table layouts: date, byline and agency line apart only by <br>.
    header = (
        "<h1>Flood gates open on the lower river</h1>"
        "<div>Friday, March 6, 2026<br>By SANDRA OKAFOR<br>Associated Press Writer<br></div>"
    )
    assert _extract(_page("", header)).author == "SANDRA OKAFOR"


def test_outlet_on_the_line_under_the_byline_is_not_part_of_the_name() -> None:
    header = (
        "<h1>Flood gates open on the lower river</h1>"
        '<p><span class="name">By LESLIE KOVAC<br>Summit Valley Ledger</span></p>'
    )
    assert _extract(_page("", header)).author == "LESLIE KOVAC"


def test_linked_names_after_a_by_label_are_a_list_of_authors() -> None:
    header = (
        "<h1>Flood gates open on the lower river</h1>"
        '<p class="meta">By <a href="/staff/mira-castell/">Mira Castell</a> , '
        '<a href="/staff/oren-dahl/">Oren Dahl</a> <span>on Monday, March 2nd, 2026</span></p>'
    )
    assert _extract(_page("", header)).author == "Mira Castell; Oren Dahl"


def test_names_linked_to_author_pages_without_a_byline_marker() -> None:
    header = (
        "<h1>Flood gates open on the lower river</h1>"
        '<p><strong><a href="/stories/authors/Ilse+Brandt">Ilse Brandt</a></strong></p>'
    )
    assert _extract(_page("", header)).author == "Ilse Brandt"


def test_element_named_for_the_authors_name_holds_a_handle() -> None:
    header = (
        "<h1>Flood gates open on the lower river</h1>"
        '<div class="post-author-box"><h4 class="post-author-box__name">crazy otter</h4></div>'
    )
    assert _extract(_page("", header)).author == "crazy otter"
    box = '<div class="author-card"><div class="author-name">quaywatcher77</div></div>'
    assert _extract(_page("", f"<h1>Flood gates open</h1>{box}")).author == "quaywatcher77"


def test_older_yoast_graph_names_the_author_on_the_web_page() -> None:
    graph = {
        "@graph": [
            {"@type": "WebPage", "author": {"@id": "https://ex.example/#/person/3"}},
            {"@type": ["Person"], "@id": "https://ex.example/#/person/3", "name": "Bo"},
        ]
    }
    assert _extract(_page(_ld(graph), "<h1>Flood gates open</h1>")).author == "Bo"


@pytest.mark.parametrize(
    "company", ["The Riverside Network", "Riverside Boatworks Ltd", "Lorval Verlag GmbH"]
)
def test_a_company_declared_as_author_gives_way_to_the_printed_byline(company: str) -> None:
    head = f'<meta name="author" content="{company}">'
    header = "<h1>Flood gates open on the lower river</h1><p>By Dana Whitcombe</p>"
    assert _extract(_page(head, header)).author == "Dana Whitcombe"
    assert _extract(_page(head, "<h1>Flood gates open</h1>")).author == company


def test_a_teaser_flagged_has_author_is_not_a_byline() -> None:
    aside = (
        '<div class="summary-item summary-item-has-author">'
        '<a href="/blog/x">Tides and Harbour Walls</a></div>'
    )
    header = "<h1>Flood gates open on the lower river</h1>"
    assert _extract(_page("", header, aside=aside)).author is None


def test_author_box_first_line_is_the_byline_not_its_topics() -> None:
    header = (
        "<h1>Flood gates open on the lower river</h1>"
        '<div class="post__authorbox"><div>By Rosa Lindqvist</div>'
        "<div>Related Topics</div><ul><li><a href='/c/insights'>Insights</a></li></ul></div>"
    )
    assert _extract(_page("", header)).author == "Rosa Lindqvist"


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By HALVARD MOEN AP Technology Writer", "HALVARD MOEN"),
        ("By TARIQ OSEI Associated Press Writer", "TARIQ OSEI"),
        ("By DORIS KEEL Special to The Star", "DORIS KEEL"),
        ("By Jalil Rahimi, AFP", "Jalil Rahimi"),
        ("By Julian Lindqvist in Sydney", "Julian Lindqvist"),
        ("Analysis by Chris Ostrand", "Chris Ostrand"),
        ("Opinion by Marta Iglesias", "Marta Iglesias"),
        ("Written by Ann Lee | Edited by Tom Ray", "Ann Lee"),
        ("By Ann Lee, reviewed by Tom Ray, MD", "Ann Lee"),
        ("Written by: Colin Gray Colin Gray", "Colin Gray"),
        ("Av Anna Svensson och Per Holm", "Anna Svensson; Per Holm"),
        ("Af Mette Jensen og Lars Bo", "Mette Jensen; Lars Bo"),
        ("Author : Sports News Editor", None),
        ("By Jennifer Mott | January 14, 2008; 4:38 PM ET Post Polls", "Jennifer Mott"),
        ("Posted by: Eric Lund at May 2, 2008 | Email This", "Eric Lund"),
        ("A Post By: Darius Hale", "Darius Hale"),
    ],
)
def test_what_follows_or_surrounds_a_name_in_a_byline(byline: str, expected: str | None) -> None:
    assert clean_author(byline) == expected


def test_a_declared_handle_keeps_its_digits() -> None:
    assert clean_author("quaywatcher77", declared=True) == "quaywatcher77"
    assert clean_author("By Ann Lee 2 hours ago") == "Ann Lee"


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("Av Anna Svensson", "sv"),
        ("Autor: Jan Kowalski", "pl"),
        ("Auteur : Jean Dupont", "fr"),
    ],
)
def test_byline_words_of_several_languages_open_a_line(line: str, lang: str) -> None:
    header = f"<h1>Flood gates open on the lower river</h1><p>{line}</p>"
    expected = line.split(":")[-1].removeprefix("Av").strip()
    assert _extract(_page("", header, lang=lang)).author == expected


def _dump(*above: str) -> str:
    return "\n".join(["Riverside Courier", "Home | World | Sport", *above, *PARAGRAPHS])


def test_dump_author_label_is_not_the_headline() -> None:
    article = _extract(
        _dump("Flood gates open on the lower river", "Author: Nadia Ferrante"), "text"
    )
    assert article.title == "Flood gates open on the lower river"
    assert article.author == "Nadia Ferrante"


def test_dump_by_label_on_a_line_of_its_own() -> None:
    dump = _dump("Flood gates open on the lower river", "By", "Nadia Ferrante", "March 3, 2026")
    assert _extract(dump, "text").author == "Nadia Ferrante"


@pytest.mark.parametrize(
    "lines",
    [
        ["Nadia Ferrante", "March 3, 2026"],
        ["Nadia Ferrante | Senior Writer | March 3, 2026"],
        ["Nadia Ferrante - 12/03/2026"],
        ["* Written By", "Nadia Ferrante"],
    ],
)
def test_dump_name_paired_with_the_date_under_the_headline(lines: list[str]) -> None:
    dump = _dump("Flood gates open on the lower river", *lines)
    assert _extract(dump, "text").author == "Nadia Ferrante"


def test_dump_byline_far_above_the_article_the_nearest_counts() -> None:
    dump = _dump(
        "By Topic",
        "By Nadia Ferrante • March 3, 2026 • 4 min read",
        *[f"Menu entry number {n}" for n in range(12)],
    )
    assert _extract(dump, "text").author == "Nadia Ferrante"


def test_dump_name_and_date_above_the_headline() -> None:
    dump = _dump(
        "March 3, 2026", "Nadia Ferrante", "May 2, 2026", "Flood gates open on the lower river"
    )
    assert _extract(dump, "text").author == "Nadia Ferrante"


def test_dump_headline_over_the_date_is_not_taken_for_a_name() -> None:
    dump = _dump("Flood Gates Open", "March 3, 2026")
    assert _extract(dump, "text").author is None


def test_a_wrapper_named_for_the_layout_is_not_a_sidebar() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (
        '<html><body><div id="content-sidebar-wrap"><div class="hfeed">'
        "<h1>Flood gates open on the lower river</h1>"
        '<div class="post-info"><span class="author vcard"><a rel="author" href="/a/ml">'
        'Mara Lindgren</a>, <a href="https://social.example/ml">@maral</a></span></div>'
        f'{body}</div><div class="sidebar"><p>By Someone Else</p></div></div></body></html>'
    )
    assert _extract(html).author == "Mara Lindgren"
