"""Write the multilingual sample's pages, dumps and gold from `stories.py`.

Run:  .venv/bin/python corpus/multilingual/make_documents.py   (same bytes on every run)

Each article is wrapped in its outlet's page (HTML: cookie banner, navigation, related
headlines, footer; `og:site_name`, `og:title`, `article:published_time`, `<html lang>`) or
text dump (navigation lines, a date line, a "most read" list), with chrome written in the
outlet's language. The gold (`gold.json`) follows `corpus/gold.json`'s format.
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from stories import ARTICLES, QUOTE_PAIRS, STORIES, SYNDICATION, TIMELINE  # noqa: E402

SITES = {
    "Meridian Wire": "meridianwire.example",
    "Harbour Times": "harbourtimes.example",
    "Tagesblick": "tagesblick.example",
    "Rheinischer Bote": "rheinbote.example",
    "Le Courrier du Matin": "courrierdumatin.example",
    "La Voix du Sud": "voixdusud.example",
    "La Gaceta del Puerto": "gacetadelpuerto.example",
    "El Diario Central": "eldiariocentral.example",
    "Северный вестник": "vestnik-sever.example",
    "Kurier Nadwiślański": "kurier-nadwislanski.example",
    "Günaydın Postası": "gunaydinpostasi.example",
    "الأفق": "alufuq.example",
}

# Chrome in each language: navigation, the cookie line, a related list, the footer.
CHROME = {
    "en": {
        "nav": ["Home", "World", "Business", "Sport", "Opinion"],
        "cookie": "We use cookies to improve your experience on our site.",
        "related": "Related stories",
        "links": ["Oil prices steady ahead of producers' meeting", "Ferry timetable changes"],
        "footer": "All rights reserved. Terms of use",
        "most": "Most read",
    },
    "de": {
        "nav": ["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur"],
        "cookie": "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.",
        "related": "Mehr zum Thema",
        "links": ["Spritpreise steigen vor Ostern", "Neue Radwege in der Innenstadt"],
        "footer": "Alle Rechte vorbehalten. Impressum",
        "most": "Meistgelesen",
    },
    "fr": {
        "nav": ["Accueil", "Monde", "Économie", "Sports", "Culture"],
        "cookie": "Nous utilisons des cookies pour améliorer votre expérience.",
        "related": "À lire aussi",
        "links": [
            "Les prix de l'immobilier repartent à la hausse",
            "Festival de jazz : la programmation",
        ],
        "footer": "Tous droits réservés. Mentions légales",
        "most": "Les plus lus",
    },
    "es": {
        "nav": ["Portada", "Internacional", "Economía", "Deportes", "Cultura"],
        "cookie": "Utilizamos cookies para mejorar su experiencia de navegación.",
        "related": "Noticias relacionadas",
        "links": ["El precio de la vivienda sube un 4 %", "Nueva línea de autobús al puerto"],
        "footer": "Todos los derechos reservados. Aviso legal",
        "most": "Lo más leído",
    },
    "ru": {
        "nav": ["Главная", "Политика", "Экономика", "Спорт", "Культура"],
        "cookie": "Мы используем файлы cookie, чтобы сайт работал лучше.",
        "related": "Читайте также",
        "links": ["Цены на бензин выросли на 2%", "В городе открылся новый парк"],
        "footer": "Все права защищены. Правила использования",
        "most": "Самое читаемое",
    },
    "pl": {
        "nav": ["Strona główna", "Kraj", "Świat", "Gospodarka", "Sport"],
        "cookie": "Używamy plików cookie, aby strona działała lepiej.",
        "related": "Czytaj także",
        "links": ["Ceny paliw znów w górę przed majówką", "Nowy rozkład jazdy tramwajów"],
        "footer": "Wszelkie prawa zastrzeżone. Regulamin",
        "most": "Najczęściej czytane",
    },
    "tr": {
        "nav": ["Ana Sayfa", "Gündem", "Dünya", "Ekonomi", "Spor"],
        "cookie": "Sitemizde size daha iyi hizmet verebilmek için çerezler kullanıyoruz.",
        "related": "İlgili haberler",
        "links": ["Akaryakıta yeni zam kapıda", "Sahil yolunda çift yönlü düzenleme"],
        "footer": "Tüm hakları saklıdır. Kullanım koşulları",
        "most": "En çok okunanlar",
    },
    "ar": {
        "nav": ["الرئيسية", "أخبار", "العالم", "اقتصاد", "رياضة"],
        "cookie": "نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا.",
        "related": "أخبار ذات صلة",
        "links": ["ارتفاع أسعار الذهب في الأسواق المحلية", "افتتاح معرض الكتاب الأسبوع المقبل"],
        "footer": "جميع الحقوق محفوظة. شروط الاستخدام",
        "most": "الأكثر قراءة",
    },
}
# Languages written right to left: their pages say so (`<html dir="rtl">`).
RTL = frozenset({"ar"})


def page(article: dict) -> str:
    chrome = CHROME[article["language"]]
    site = SITES[article["outlet"]]
    e = html.escape
    slug = Path(article["file"]).stem
    direction = ' dir="rtl"' if article["language"] in RTL else ""
    url = f"https://www.{site}/{article['date'].replace('-', '/')}/{slug}"
    author = f'<p class="byline">{e(article["author"])}</p>\n' if article.get("author") else ""
    paragraphs = "\n".join(f"<p>{e(p, quote=False)}</p>" for p in article["paragraphs"])
    nav = "\n".join(f'<li><a href="/{n.lower()}">{e(n)}</a></li>' for n in chrome["nav"])
    links = "\n".join(
        f'<li><a href="/r/{i}">{e(t)}</a></li>' for i, t in enumerate(chrome["links"])
    )
    return f"""<!DOCTYPE html>
<html lang="{article["language"]}"{direction}>
<head>
<meta charset="utf-8">
<title>{e(article["title"])} | {e(article["outlet"])}</title>
<meta property="og:site_name" content="{e(article["outlet"])}">
<meta property="og:type" content="article">
<meta property="og:title" content="{e(article["title"])}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{article["date"]}T09:30:00+00:00">
<link rel="canonical" href="{url}">
</head>
<body>
<div class="cookie-banner"><p>{e(chrome["cookie"])}</p></div>
<header><a class="logo" href="/">{e(article["outlet"])}</a>
<nav><ul>
{nav}
</ul></nav>
</header>
<main>
<article>
<h1>{e(article["title"])}</h1>
{author}<time datetime="{article["date"]}">{article["date"]}</time>
{paragraphs}
</article>
<aside class="related"><h2>{e(chrome["related"])}</h2>
<ul>
{links}
</ul></aside>
</main>
<footer><p>© 2026 {e(article["outlet"])}. {e(chrome["footer"])}</p></footer>
</body>
</html>
"""


def dump(article: dict) -> str:
    chrome = CHROME[article["language"]]
    lines = [article["outlet"], *chrome["nav"], "", article["title"], "", article["date"], ""]
    if article.get("author"):
        lines += [article["author"], ""]
    for paragraph in article["paragraphs"]:
        lines += [paragraph, ""]
    lines += [chrome["most"], *(f"{n}\n{t}" for n, t in enumerate(chrome["links"], 1)), ""]
    lines += [f"© 2026 {article['outlet']}. {chrome['footer']}", ""]
    return "\n".join(lines)


def gold() -> dict:
    documents = {}
    for article in ARTICLES:
        chrome = CHROME[article["language"]]
        entry = {
            "story": article["story"],
            "outlet": article["outlet"],
            "title": article["title"],
            "published": article["date"],
            "language": article["language"],
            "body_has": article["paragraphs"][:3],
            "body_lacks": [chrome["links"][0], chrome["footer"]],
        }
        if article.get("agency"):
            entry["agency"] = article["agency"]
        documents[article["file"]] = entry
    return {
        "documents": documents,
        "stories": STORIES,
        "syndication": SYNDICATION,
        "quote_pairs": [
            {
                "story": story,
                "speaker": speaker,
                "renderings": [{"document": d, "contains": c} for d, c in renderings],
            }
            for story, speaker, renderings in QUOTE_PAIRS
        ],
        "timeline": [
            {"story": documents[d]["story"], "document": d, "when": when, "date": day}
            for d, when, day in TIMELINE
        ],
    }


def main() -> int:
    for article in ARTICLES:
        path = HERE / article["file"]
        path.parent.mkdir(exist_ok=True)
        text = page(article) if path.suffix == ".html" else dump(article)
        path.write_text(text, "utf-8")
    (HERE / "gold.json").write_text(
        json.dumps(gold(), ensure_ascii=False, indent=2) + "\n", "utf-8"
    )
    return check()


def check() -> int:
    """Every gold fragment occurs in its document's text; every document is in the gold."""
    data = json.loads((HERE / "gold.json").read_text("utf-8"))
    problems = []
    texts = {key: html.unescape((HERE / key).read_text("utf-8")) for key in data["documents"]}
    files = {
        p.relative_to(HERE).as_posix() for d in ("html", "dumps") for p in (HERE / d).iterdir()
    }
    problems += [f"{f}: not in the gold" for f in sorted(files - texts.keys())]
    for key, entry in data["documents"].items():
        for fragment in entry["body_has"] + entry["body_lacks"]:
            if fragment not in texts[key]:
                problems.append(f"{key}: {fragment[:40]!r} not found")
    for pair in data["quote_pairs"]:
        for rendering in pair["renderings"]:
            if rendering["contains"] not in texts[rendering["document"]]:
                problems.append(f"{rendering['document']}: quote {rendering['contains']!r}")
    for item in data["timeline"]:
        if item["when"] not in texts[item["document"]]:
            problems.append(f"{item['document']}: date {item['when']!r}")
    languages = {e["language"] for e in data["documents"].values()}
    print(f"{len(texts)} documents, {len(data['stories'])} stories, languages {sorted(languages)}")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
