"""Analysed benchmark articles cached on disk (bench/.cache, not in git).

Analysing the three story sets (spaCy entities, a MiniLM lead embedding per article) takes
minutes on a small machine; the grouping decision is iterated on far more often than the
models change, so the analysed articles are pickled once per set and input file version.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import sys
from pathlib import Path

from storylens.analyse import Analyser
from storylens.config import Settings
from storylens.extract import extract
from storylens.records import Article, RawDoc

CACHE = Path(__file__).resolve().parent / ".cache"


def load_articles(path: Path) -> list[Article]:
    """The benchmark file's records as extracted storylens articles (ids kept)."""
    articles = []
    for line in path.read_text("utf-8").splitlines():
        item = json.loads(line)
        fields = {
            "id": str(item["id"]),
            "title": item.get("title") or "",
            "outlet": item.get("source") or "",
        }
        if item.get("date"):
            fields["published"] = item["date"]
        raw = RawDoc(
            f"{path.parent.name}#{item['id']}", item.get("text") or "", "body", fields=fields
        )
        result = extract(raw)
        if isinstance(result, Article):
            articles.append(result)
    return articles


def analysed_articles(path: Path, settings: Settings | None = None) -> list[Article]:
    """Extracted and analysed articles of one set, from the cache when it is current."""
    settings = settings or Settings()
    key = hashlib.sha256(path.read_bytes() + settings.embedding_model.encode()).hexdigest()[:16]
    cached = CACHE / f"{path.parent.name}-{key}.pkl"
    if cached.exists():
        articles: list[Article] = pickle.loads(cached.read_bytes())
        return articles
    articles = load_articles(path)
    analyser = Analyser(settings)
    analyser.analyse(articles)
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(pickle.dumps(articles))
    return articles


if __name__ == "__main__":
    for name in sys.argv[1:]:
        file = Path(name)
        print(file, len(analysed_articles(file)), file=sys.stderr)
