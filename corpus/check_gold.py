"""Check corpus/gold.json against the corpus files (no storylens code involved).

Run:  .venv/bin/python corpus/check_gold.py      (exit status 1 and a list of problems if any)

Checks that every gold key names an existing document (JSONL line, WARC response record),
that every document file is covered by the gold, that every body_has / body_lacks / contains
/ evidence string occurs in its document's decoded text, that single-source fragments occur in
no other document of their story, and the corpus' minimum size (44 documents, 9 stories,
7 outlets, 3 to 7 documents a story).
"""

from __future__ import annotations

import gzip
import html
import json
import re
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

CORPUS = Path(__file__).resolve().parent
DOCUMENT_DIRS = ["html", "dumps", "feeds", "archive", "encodings", "gz"]
INLINE = r"a|span|em|strong|b|i|time|small|abbr"


def visible(markup: str) -> str:
    """The text a reader sees in an HTML page: tags out, entities decoded, blocks on lines."""
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", markup)
    markup = re.sub(rf"(?i)</?(?:{INLINE})\b[^>]*>", "", markup)
    markup = re.sub(r"<[^>]+>", "\n", markup)
    return html.unescape(markup)


def warc_pages(path: Path) -> list[str]:
    pages = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                pages.append(record.content_stream().read().decode("utf-8"))
    return pages


def documents(gold: dict) -> tuple[dict[str, str], list[str]]:
    """Decoded text of every document the corpus holds, keyed as in the gold."""
    texts: dict[str, str] = {}
    problems: list[str] = []
    encodings = {k: v.get("encoding", "utf-8") for k, v in gold["documents"].items()}
    for folder in DOCUMENT_DIRS:
        for path in sorted((CORPUS / folder).rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(CORPUS).as_posix()
            data = path.read_bytes()
            if rel.endswith(".jsonl"):
                for n, line in enumerate(data.decode("utf-8").splitlines(), 1):
                    record = json.loads(line)
                    texts[f"{rel}#{n}"] = record.get("text") or visible(record["html"])
            elif rel.endswith(".warc.gz"):
                for n, page in enumerate(warc_pages(path), 1):
                    texts[f"{rel}#{n}"] = visible(page)
            else:
                if rel.endswith(".gz"):
                    data = gzip.decompress(data)
                text = data.decode(encodings.get(rel, "utf-8"))
                texts[rel] = visible(text) if ".htm" in rel else text
    return texts, problems


def main() -> int:
    gold = json.loads((CORPUS / "gold.json").read_text("utf-8"))
    texts, problems = documents(gold)
    docs = gold["documents"]

    def has(key: str, fragment: str, what: str) -> None:
        if key not in texts:
            problems.append(f"{what}: no document {key}")
        elif fragment not in texts[key]:
            problems.append(f"{what}: {key} lacks {fragment!r}")

    for key in sorted(set(texts) - set(docs)):
        problems.append(f"document not in gold: {key}")
    for key, doc in docs.items():
        if key not in texts:
            problems.append(f"gold names a missing document: {key}")
            continue
        if doc["story"] not in gold["stories"]:
            problems.append(f"{key}: unknown story {doc['story']}")
        if doc["published"] is not None:
            date.fromisoformat(doc["published"])
        if len(doc["body_has"]) < 3 or len(doc["body_lacks"]) < 2:
            problems.append(f"{key}: needs >= 3 body_has and >= 2 body_lacks")
        for line in doc["body_has"]:
            has(key, line, "body_has")
        for line in doc["body_lacks"]:
            has(key, line, "body_lacks (chrome must be present in the file)")
            if any(line in kept for kept in doc["body_has"]):
                problems.append(f"{key}: body_lacks {line!r} is inside a body_has line")

    for group in gold["syndication"]:
        for key in [group["original"], *group["copies"]]:
            if key not in docs:
                problems.append(f"syndication: unknown document {key}")
    for claim in gold["shared_claims"]:
        if len(claim["documents"]) < 2:
            problems.append(f"shared claim with fewer than 2 documents: {claim['statement']}")
        for key in claim["documents"]:
            if docs.get(key, {}).get("story") != claim["story"]:
                problems.append(f"claim {claim['statement']!r}: {key} not in {claim['story']}")
        for key, fragments in claim.get("evidence", {}).items():
            # One place, or a list when the document says it twice (lead and body).
            for fragment in [fragments] if isinstance(fragments, str) else fragments:
                has(key, fragment, f"shared claim {claim['statement']!r}")
    for pair in gold["quote_pairs"]:
        for rendering in pair["renderings"]:
            has(rendering["document"], rendering["contains"], f"quote pair {pair['speaker']}")
            surname = pair["speaker"].split()[-1]
            has(rendering["document"], surname, f"quote pair {pair['speaker']} (speaker)")
    for conflict in gold.get("conflicts", []):
        for key, value in conflict["values"].items():
            has(key, value, f"conflict {conflict['kind']}")
    for item in gold.get("timeline", []):
        has(item["document"], item["when"], "timeline")
    by_story = defaultdict(list)
    for key, doc in docs.items():
        by_story[doc["story"]].append(key)
    for single in gold["single_source"]:
        has(single["document"], single["contains"], "single_source")
        for other in by_story[single["story"]]:
            if other != single["document"] and single["contains"] in texts.get(other, ""):
                problems.append(f"single_source {single['contains']!r} also in {other}")

    outlets = Counter(doc["outlet"] for doc in docs.values())
    if len(docs) < 44:
        problems.append(f"only {len(docs)} documents")
    if len(by_story) < 9:
        problems.append(f"only {len(by_story)} stories")
    if len(outlets) < 7:
        problems.append(f"only {len(outlets)} outlets")
    for story, keys in by_story.items():
        if not 3 <= len(keys) <= 7:
            problems.append(f"story {story} has {len(keys)} documents")

    for problem in problems:
        print(problem)
    print(
        f"{len(docs)} documents, {len(by_story)} stories, {len(outlets)} outlets, "
        f"{len(gold['shared_claims'])} shared claims, {len(gold['quote_pairs'])} quote pairs, "
        f"{len(gold['single_source'])} single-source facts: "
        + ("OK" if not problems else f"{len(problems)} problems")
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
