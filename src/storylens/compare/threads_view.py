"""A thread's timeline and what changed: each event's comparison, and from one event to the
next the new facts, new outlets, changed figures, new disagreements and new quotes; and
"what is new since a date" for a story or a thread.

Works on comparisons (stored or computed by the caller: `compared.members_comparison`), so
it loads no model itself. Facts of two events are "the same fact" when their content words
overlap by `SAME_FACT` or more (the words, numbers aside): a figure that changed in a fact
otherwise the same is a changed figure, never a new fact. Every item quotes its source
sentence, so a reader can check it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from storylens.compare.lexical import content_words
from storylens.records import Article, Comparison, Span, Story, StoryThread

# Content-word overlap (Jaccard) from which two claims of two events are one fact. Set by
# reading the sample corpus' follow-ups; word overlap is the claims' own matching signal.
SAME_FACT = 0.5
SUMMARY_SENTENCES = 2
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(slots=True)
class EventView:
    story: Story
    comparison: Comparison
    articles: list[Article]
    changes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass(slots=True)
class ThreadView:
    thread: StoryThread
    events: list[EventView]


Compared = Callable[[Story], tuple[Comparison, list[Article]]]


def thread_view(thread: StoryThread, compared: Compared) -> ThreadView:
    """Each event with its comparison and what changed since the events before it."""
    events: list[EventView] = []
    for story in thread.events:
        comparison, articles = compared(story)
        event = EventView(story, comparison, articles)
        event.changes = changes(events, event)
        events.append(event)
    return ThreadView(thread, events)


def changes(before: list[EventView], event: EventView) -> dict[str, list[dict[str, Any]]]:
    """What the event adds to the events before it (all of it, for the first event)."""
    by_id = {a.id: a for a in event.articles}
    seen_outlets = {o for e in before for o in e.story.outlets}
    earlier = [(claim.text, e) for e in before for claim in e.comparison.claims]
    facts, figures = [], []
    for claim in event.comparison.claims:
        match = _same_fact(claim.text, [text for text, _ in earlier])
        if match is None:
            facts.append({"text": claim.text, "outlets": claim.outlets, "shared": claim.shared})
            continue
        old, new = _numbers(match), _numbers(claim.text)
        if old and new and old != new:
            figures.append({"before": match, "after": claim.text, "outlets": claim.outlets})
    earlier_conflicts = [
        _conflict_key(e.comparison, c) for e in before for c in e.comparison.conflicts
    ]
    disagreements = []
    for conflict in event.comparison.conflicts:
        key = _conflict_key(event.comparison, conflict)
        if _same_fact(key, earlier_conflicts) is None:
            disagreements.append(_disagreement(event.comparison, conflict, by_id))
    earlier_quotes = [r.text for e in before for q in e.comparison.quotes for r in q.renderings]
    quotes = [
        {"speaker": q.speaker, "text": q.renderings[0].text}
        for q in event.comparison.quotes
        if q.renderings and all(_same_fact(r.text, earlier_quotes) is None for r in q.renderings)
    ]
    return {
        "new_outlets": [{"outlet": o} for o in event.story.outlets if o not in seen_outlets],
        "new_facts": facts,
        "changed_figures": figures,
        "new_disagreements": disagreements,
        "new_quotes": quotes,
    }


def new_since(comparison: Comparison, articles: list[Article], since: str) -> dict[str, Any]:
    """What a story's articles published on or after `since` (an ISO date) add: the new
    articles, and the facts, quotes and disagreements that only they state. Undated
    articles are never new (nothing says when they appeared)."""
    new = {a.id for a in articles if a.published and a.published[:10] >= since}
    by_id = {a.id: a for a in articles}

    def only_new(spans: Iterable[Span]) -> bool:
        ids = {span.article for span in spans}
        return bool(ids) and ids <= new

    return {
        "since": since,
        "articles": [_article(a) for a in articles if a.id in new],
        "facts": [
            {"text": c.text, "outlets": c.outlets, "shared": c.shared}
            for c in comparison.claims
            if only_new(c.sources)
        ],
        "quotes": [
            {"speaker": q.speaker, "text": q.renderings[0].text}
            for q in comparison.quotes
            if q.renderings and only_new(q.renderings)
        ],
        "disagreements": [
            _disagreement(comparison, c, by_id)
            for c in comparison.conflicts
            if c.first.article in new or c.second.article in new
        ],
    }


def thread_to_dict(view: ThreadView, since: str | None = None) -> dict[str, Any]:
    """The JSON of `storylens show THREAD --json` and `GET /api/threads/{id}`."""
    thread = view.thread
    events = []
    for event in view.events:
        item: dict[str, Any] = {
            **story_summary(event.story),
            "summary": [span.text for span in event.comparison.summary[:SUMMARY_SENTENCES]],
            "claims": len(event.comparison.claims),
            "shared_claims": sum(c.shared for c in event.comparison.claims),
            "disagreements": len(event.comparison.conflicts),
            "changes": event.changes,
        }
        if since is not None:
            item["new_since"] = new_since(event.comparison, event.articles, since)
        events.append(item)
    found = {**thread_summary(thread), "events": events}
    if since is not None:
        found["since"] = since
        found["events"] = [e for e in events if _has_news(e["new_since"])]
    return found


def _has_news(news: dict[str, Any]) -> bool:
    return any(news[key] for key in ("articles", "facts", "quotes", "disagreements"))


def thread_summary(thread: StoryThread) -> dict[str, Any]:
    """One thread in a listing (`storylens threads --json`, `GET /api/threads`)."""
    return {
        "id": thread.id,
        "title": thread.title,
        "events": len(thread.events),
        "articles": thread.article_count,
        "first_published": thread.first_published,
        "last_published": thread.last_published,
        "outlets": thread.outlets,
        "stories": [story.id for story in thread.events],
    }


def story_summary(story: Story) -> dict[str, Any]:
    return {
        "story": story.id,
        "title": story.title,
        "first_published": story.first_published,
        "last_published": story.last_published,
        "outlets": story.outlets,
        "articles": len(story.article_ids),
    }


def thread_markdown(found: dict[str, Any]) -> str:
    """`storylens show THREAD` as text: the events on a timeline and what each changed."""
    lines = [
        f"# Thread {found['id']}: {found['title'] or '(no title)'}",
        "",
        f"{found['events'] if isinstance(found['events'], int) else len(found['events'])} "
        f"events, {found['first_published'] or '?'} to {found['last_published'] or '?'}; "
        f"outlets: {', '.join(found['outlets']) or '-'}",
    ]
    if found.get("since"):
        lines.append(f"Only what is new since {found['since']}.")
    for event in found["events"]:
        when = event["first_published"] or "undated"
        lines += ["", f"## {when}: {event['title'] or '(no title)'} (story {event['story']})"]
        lines.append(
            f"{event['articles']} articles from {', '.join(event['outlets']) or '-'}; "
            f"{event['claims']} facts ({event['shared_claims']} shared), "
            f"{event['disagreements']} disagreements"
        )
        lines += [f"> {text}" for text in event["summary"]]
        if "new_since" in event:
            lines += _since_lines(event["new_since"])
            continue
        lines += _change_lines(event["changes"])
    return "\n".join(lines) + "\n"


def since_markdown(found: dict[str, Any], title: str) -> str:
    """`storylens show STORY --since DATE` as text."""
    return "\n".join([f"# {title}: new since {found['since']}", *_since_lines(found)]) + "\n"


def _change_lines(changed: dict[str, list[dict[str, Any]]]) -> list[str]:
    lines = []
    if changed["new_outlets"]:
        outlets = ", ".join(item["outlet"] for item in changed["new_outlets"])
        lines.append(f"- new outlets: {outlets}")
    lines += [f"- new fact: {item['text']}" for item in changed["new_facts"]]
    lines += [
        f"- changed figure: {item['before']} -> {item['after']}"
        for item in changed["changed_figures"]
    ]
    lines += [
        f"- new disagreement ({item['kind']}): {item['first_value']} / {item['second_value']}"
        for item in changed["new_disagreements"]
    ]
    lines += [
        f"- new quote ({item['speaker'] or 'unnamed'}): {item['text']}"
        for item in changed["new_quotes"]
    ]
    return lines


def _since_lines(news: dict[str, Any]) -> list[str]:
    lines = [
        f"- new article: {a['outlet'] or '-'}, {a['published'] or 'undated'}: {a['title'] or '-'}"
        for a in news["articles"]
    ]
    lines += [f"- new fact: {item['text']}" for item in news["facts"]]
    lines += [
        f"- new quote ({item['speaker'] or 'unnamed'}): {item['text']}" for item in news["quotes"]
    ]
    lines += [
        f"- new disagreement ({item['kind']}): {item['first_value']} / {item['second_value']}"
        for item in news["disagreements"]
    ]
    return lines or ["- nothing new"]


def _same_fact(text: str, others: list[str]) -> str | None:
    """The first of `others` that states the same fact as `text` (see `SAME_FACT`)."""
    words = _words(text)
    if not words:
        return None
    for other in others:
        theirs = _words(other)
        if theirs and len(words & theirs) / len(words | theirs) >= SAME_FACT:
            return other
    return None


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in content_words(text) if not _NUMBER.fullmatch(w))


def _numbers(text: str) -> list[str]:
    return sorted(set(_NUMBER.findall(text)))


def _conflict_key(comparison: Comparison, conflict: Any) -> str:
    claims = comparison.claims
    return claims[conflict.claim].text if 0 <= conflict.claim < len(claims) else ""


def _disagreement(
    comparison: Comparison, conflict: Any, by_id: dict[str, Article]
) -> dict[str, Any]:
    def outlet(span: Span) -> str | None:
        article = by_id.get(span.article)
        return article.outlet if article else None

    return {
        "kind": conflict.kind,
        "claim": _conflict_key(comparison, conflict),
        "first_value": conflict.first_value.text,
        "first_outlet": outlet(conflict.first),
        "second_value": conflict.second_value.text,
        "second_outlet": outlet(conflict.second),
    }


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "url": article.url,
    }
