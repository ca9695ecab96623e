"""Analysed benchmark articles cached on disk (bench/.cache, not in git).

Grouping reads what ingest analyses (`Analyser.analyse_lead`: a MiniLM title+lead embedding
per article), which takes a minute or more for the three story sets on a small machine; the
grouping decision is iterated on far more often than the model changes, so the analysed
articles are pickled once per article (keyed by its content id), per model and token limit.
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
# Bumped whenever `lead_text` changes what is embedded (2: lead sentences cut by rules).
LEAD_VERSION = 2


def load_articles(path: Path) -> list[Article]:
    """The benchmark file's records as extracted storylens articles (input ids kept).

    A record with a title but no text (some ecbplus items) is kept as a title-only article:
    the pipeline refuses an empty page, but a benchmark must place every item.
    """
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
        source = f"{path.parent.name}#{item['id']}"
        result = extract(RawDoc(source, item.get("text") or "", "body", fields=fields))
        if not isinstance(result, Article):
            result = Article(
                id=f"title-{item['id']}",
                source=source,
                body="",
                title=fields["title"],
                outlet=fields["outlet"] or None,
                published=fields.get("published"),
                input_id=fields["id"],
            )
        articles.append(result)
    return articles


def analysed_articles(path: Path, settings: Settings | None = None) -> list[Article]:
    """Extracted and analysed articles of one set; analysed ones come from the cache."""
    settings = settings or Settings()
    model = f"{settings.embedding_model}|{settings.embedding_max_tokens}|{LEAD_VERSION}"
    if settings.embedding_quantize != "none":  # keys of float32 caches stay as they were
        model += f"|{settings.embedding_quantize}"
    if settings.embedding_backend != "torch":  # float32 onnx agrees to ~1e-6, yet not bit for bit
        model += f"|{settings.embedding_backend}"
    key = hashlib.sha256(model.encode()).hexdigest()[:8]
    cached = CACHE / f"{path.parent.name}-{key}.pkl"
    known: dict[str, Article] = pickle.loads(cached.read_bytes()) if cached.exists() else {}
    articles = load_articles(path)
    fresh = [a for a in articles if _key(a) not in known]
    if fresh:
        Analyser(settings).analyse_lead(fresh)
        known.update((_key(a), a) for a in fresh)
        CACHE.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(pickle.dumps(known))
    return [known[_key(a)] for a in articles]


def _key(article: Article) -> str:
    """The article's content id and input id: an edited record is analysed afresh."""
    return f"{article.input_id}:{article.id}"


if __name__ == "__main__":
    for name in sys.argv[1:]:
        file = Path(name)
        print(file, len(analysed_articles(file)), file=sys.stderr)
