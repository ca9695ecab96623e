"""Read: every encoding a news page arrives in decodes to the same text."""

from __future__ import annotations

import codecs
import json

import pytest

from storylens.config import Settings
from storylens.read import read_bytes
from storylens.read.decode import decode_text
from storylens.records import Failure, RawDoc

RUSSIAN = (
    "Вчера вечером в городе прошло заседание городского совета, на котором депутаты "
    "обсудили новый бюджет. Мэр заявил, что расходы на транспорт вырастут почти на треть, "
    "а школы получат дополнительные средства. Жители задавали вопросы о ремонте дорог."
)
FRENCH = (
    "Le conseil municipal s'est réuni hier soir pour débattre du budget de l'année "
    "prochaine. Le maire a déclaré que les dépenses liées aux transports augmenteraient "
    "d'un tiers, et que les écoles recevraient des fonds supplémentaires. « C'est un "
    "effort sans précédent », a-t-il ajouté — les habitants restent sceptiques."
)
GERMAN = (
    "Der Stadtrat hat gestern Abend über den Haushalt für das kommende Jahr beraten. "
    "Die Bürgermeisterin erklärte, dass die Ausgaben für den öffentlichen Verkehr um fast "
    "ein Drittel steigen würden. Anwohner fragten nach der Straßensanierung und den "
    "Heizkosten im Winter; die Antwort blieb vage."
)
SPANISH = (
    "El ayuntamiento se reunió anoche para debatir el presupuesto del año próximo. La "
    "alcaldesa afirmó que el gasto en transporte público aumentará casi un tercio y que "
    "las escuelas recibirán más fondos. ¿Habrá dinero para las calles? «Sí», dijo ella."
)
SETTINGS = Settings()


def text_of(data: bytes, name: str = "doc.txt") -> str:
    items = list(read_bytes(name, data, SETTINGS))
    assert len(items) == 1 and isinstance(items[0], RawDoc), items
    return items[0].content


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RUSSIAN, "utf-8"),
        (RUSSIAN, "cp1251"),
        (FRENCH, "cp1252"),
        (FRENCH, "latin-1"),
        (GERMAN, "latin-1"),
        (GERMAN, "cp1252"),
        (SPANISH, "latin-1"),
    ],
)
def test_text_dump_encodings_are_detected(text: str, encoding: str) -> None:
    if encoding == "latin-1" and "—" in text:
        text = text.replace("—", "-")
    assert text_of(text.encode(encoding)) == text


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_byte_order_marks(bom: bytes, encoding: str) -> None:
    assert text_of(bom + RUSSIAN.encode(encoding)) == RUSSIAN
    page = f"<html><body><p>{FRENCH}</p></body></html>"
    items = list(read_bytes("p", bom + page.encode(encoding), SETTINGS))
    assert [(d.format, d.content) for d in items if isinstance(d, RawDoc)] == [("html", page)]


def test_utf16_without_bom_is_recognised_by_its_nuls() -> None:
    assert text_of(GERMAN.encode("utf-16-le")) == GERMAN


def test_utf16_jsonl_export() -> None:
    lines = "\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in (RUSSIAN, FRENCH))
    items = list(
        read_bytes("feed.jsonl", codecs.BOM_UTF16_LE + lines.encode("utf-16-le"), SETTINGS)
    )
    assert [d.content for d in items if isinstance(d, RawDoc)] == [RUSSIAN, FRENCH]


def test_meta_charset_is_honoured() -> None:
    page = f'<html><head><meta charset="windows-1251"></head><body><p>{RUSSIAN}</p></body></html>'
    assert text_of(page.encode("cp1251"), "p.html") == page
    equiv = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
        f"</head><body><p>{RUSSIAN[:40]}</p></body></html>"
    )
    assert text_of(equiv.encode("koi8-r"), "p.html") == equiv


def test_latin1_label_decodes_as_windows_1252_like_browsers() -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"></head><body><p>“Quoted” – café</p></body></html>'
    )
    assert text_of(page.encode("cp1252"), "p.html") == page


def test_valid_utf8_outranks_a_wrong_meta_declaration() -> None:
    page = f'<html><head><meta charset="iso-8859-1"></head><body><p>{FRENCH}</p></body></html>'
    assert text_of(page.encode("utf-8"), "p.html") == page


def test_invalid_or_unknown_declarations_are_ignored() -> None:
    for label in ("no-such-charset", "utf-16", "utf-7"):
        page = f'<html><head><meta charset="{label}"></head><body><p>{SPANISH}</p></body></html>'
        assert text_of(page.encode("utf-8"), "p.html") == page


def test_stray_nuls_are_stripped_from_valid_text() -> None:
    assert text_of(GERMAN.encode() + b"\x00\x00\n") == GERMAN + "\n"


def test_json_escapes_are_cleaned() -> None:
    doc = text_of(b'{"text": "a\\r\\nb\\u0000c \\ud800"}', "a.json")
    assert doc == "a\nbc \ufffd"


def test_decode_text_reports_binary_and_undecodable() -> None:
    with pytest.raises(Exception, match="binary content"):
        decode_text(bytes(range(256)), "x")
    items = list(read_bytes("x.txt", codecs.BOM_UTF8 + b"caf\xe9 \xff\xfe", SETTINGS))
    assert items == [Failure("x.txt", "cannot detect text encoding")]


def test_latin1_spanish_is_not_read_as_central_european() -> None:
    # charset-normalizer ties cp1250 and cp1252 on this text; "ñ" must not become "ń".
    text = (
        "La compañía anunció el lunes que el año próximo abrirá una planta en Huelva, "
        "según informó su director. La cigüeña volvió al campanario de la iglesia."
    )
    items = list(read_bytes("noticia.txt", text.encode("latin-1"), Settings()))
    assert isinstance(items[0], RawDoc)
    assert "compañía" in items[0].content and "año" in items[0].content


@pytest.mark.parametrize(
    "title", ["Да", "Мир", "Тест", "Итоги дня", "Пожар", "Кремль", "Привет", "ещё", "Суд"]
)
def test_short_cp1251_text_in_a_jsonl_line_is_cyrillic(title: str) -> None:
    line = json.dumps({"title": title, "body": title}, ensure_ascii=False) + "\n"
    (item,) = read_bytes("news.jsonl", line.encode("cp1251"), Settings())
    assert isinstance(item, RawDoc) and item.fields["title"] == title


@pytest.mark.parametrize("text", ["Café crème", "Il va à Paris", "Ça coûte 5 €"])
def test_short_western_text_is_not_taken_for_cp1251(text: str) -> None:
    assert decode_text(text.encode("cp1252"), "short.txt") == text
