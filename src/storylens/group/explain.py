"""Why two articles are, or are not, in one story: the signals and the rule that decided.

Shared by `storylens why` and the server's `/api/stories/{id}/why/{a}/{b}`. `in_words`
says the same for a reader: what each score measures, in plain words, and no null.
"""

from __future__ import annotations

import math
from typing import Any

from storylens.group.anchors import shared_anchors
from storylens.group.signals import Signals
from storylens.group.stream import StoryGrouper
from storylens.group.threads import ThreadLinker
from storylens.records import Article
from storylens.wording import counted


def explain(
    grouper: StoryGrouper, first: Article, second: Article, linker: ThreadLinker | None = None
) -> dict[str, Any]:
    """The explanation as a JSON-ready dict (see `storylens why --json`); with the thread
    linker, also why the two articles' events are or are not in one thread."""
    rule = grouper.rules
    same = first.story_id is not None and first.story_id == second.story_id
    pair = grouper.pair_signals(first, second)
    to_story = grouper.signals(first, second.story_id) if second.story_id else None
    copy = first.copy_of == second.id or second.copy_of == first.id
    if copy:
        decided = "syndicated copy: MinHash near-duplicate bodies join the original's story"
    else:
        best = max((s for s in (pair, to_story) if s), key=rule.score)
        decided = rule.explain(best)
    shared = shared_anchors(first, second)
    report = {
        "articles": [_article(first), _article(second)],
        "same_story": same,
        "syndicated_copy": copy,
        "decided_by": decided,
        "pair": _signals(pair, rule.score(pair)),
        "first_vs_second_story": _signals(to_story, rule.score(to_story)) if to_story else None,
        "shared_anchors": shared,
        "date_gap_days": pair.day_gap,
        "thresholds": {
            "join": rule.join,
            "recheck_join": rule.recheck_join,
            "merge": rule.merge,
            "max_days": rule.max_days,
        },
    }
    if linker is not None:
        report["thread"] = thread_link(linker, first, second)
    report["in_words"] = in_words(report)
    return report


def thread_link(linker: ThreadLinker, first: Article, second: Article) -> dict[str, Any] | None:
    """Why the two articles' events (stories) are or are not in one thread."""
    stories = linker.grouper.stories
    ids = (first.story_id, second.story_id)
    if ids[0] not in stories or ids[1] not in stories:
        return None
    threads = [linker.thread_of.get(story_id or "") for story_id in ids]
    found: dict[str, Any] = {
        "first_thread": threads[0],
        "second_thread": threads[1],
        "same_thread": threads[0] is not None and threads[0] == threads[1],
        "same_event": ids[0] == ids[1],
    }
    if ids[0] != ids[1]:
        assert ids[0] is not None and ids[1] is not None
        signals = linker.signals(ids[0], ids[1])
        score = linker.rule.score(signals)
        values = signals.as_dict()
        for key in ("lead", "body", "anchors", "conflict"):
            values[key] = round(float(values[key]), 4)  # type: ignore[arg-type]
        values["score"] = None if math.isinf(score) else round(score, 4)
        found["events"] = values
        found["decided_by"] = linker.rule.explain(signals)
        found["link"] = linker.rule.link
        found["max_days"] = linker.rule.max_days
    return found


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "story_id": article.story_id,
        "copy_of": article.copy_of,
    }


def _signals(signals: Signals, score: float) -> dict[str, Any]:
    values = signals.as_dict()
    for key in ("lead", "body", "anchors", "anchor_cosine", "conflict"):
        values[key] = round(float(values[key]), 4)  # type: ignore[arg-type]
    values["score"] = None if math.isinf(score) else round(score, 4)
    return values


def in_words(report: dict[str, Any]) -> list[str]:
    """The explanation for a reader, one line each: the verdict, why, how alike the two
    are, against the second's whole story, and the names, places and numbers both give."""
    first, second = report["articles"]
    verdict = "in the same story" if report["same_story"] else "in different stories"
    lines = [f"{_who(first)} and {_who(second)} are {verdict}.", "Why: " + _why(report)]
    lines += ["How alike the two are:", *_alike(report["pair"], "the second")]
    lines.append(_days(report["date_gap_days"]))
    # The second's story holds the first when they are in one story: only apart does it
    # say something of its own (why the first did not join it).
    story = None if report["same_story"] else report["first_vs_second_story"]
    if story is not None and not report["syndicated_copy"]:
        lines.append(f"Against the second's whole story: {_score(story, report)}")
        lines += _alike(story, "that story")
    shared = report["shared_anchors"]
    lines.append(
        "Names, places and numbers both give: " + ", ".join(shared)
        if shared
        else "They give no name, place or number in common."
    )
    if report.get("thread"):  # right after the story's verdict and why
        lines.insert(2, _thread_words(report["thread"]))
    return lines


def _thread_words(thread: dict[str, Any]) -> str:
    """One line: whether their events are one developing story, and why."""
    if thread["same_event"]:
        return f"Thread: one event, so one thread ({thread['first_thread']})."
    where = "in the same thread" if thread["same_thread"] else "in different threads"
    line = f"Thread: their events are {where} ({thread['decided_by']}"
    score = thread["events"]["score"]
    if thread["same_thread"] and (score is None or score < thread["link"]):
        line += "; other events of the thread link them"
    elif not thread["same_thread"] and score is not None and score >= thread["link"]:
        line += "; each linked to a thread it matched better"
    return line + ")."


def _who(article: dict[str, Any]) -> str:
    outlet = article["outlet"] or "outlet unknown"
    return f"{article['id']} ({outlet}, {article['published'] or 'undated'})"


def _why(report: dict[str, Any]) -> str:
    limits = report["thresholds"]
    join, merge, days = limits["join"], limits["merge"], limits["max_days"]
    if report["syndicated_copy"]:
        return (
            "one is a republished copy of the other (nearly the same text), and a copy "
            "always joins the story of its original."
        )
    compared = [report["pair"]]
    if not report["same_story"] and report["first_vs_second_story"]:
        compared.append(report["first_vs_second_story"])
    scores = [signals["score"] for signals in compared]
    known = [score for score in scores if score is not None]
    if not known:
        return (
            f"they were published more than {counted(days, 'day')} apart, and reports that "
            "far apart are never put in one story."
        )
    best = max(known)
    score = f"their similarity score is {best:.2f}"
    if best >= merge:
        reason = f"{score}, above {merge}: so alike that even two stories holding them merge."
    elif best >= join:
        reason = f"{score}, above the {join} an article needs to join a story."
    else:
        reason = f"{score}, below the {join} an article needs to join a story."
    if report["same_story"] and best < join:
        reason += " Other articles of the story link them."
    elif not report["same_story"] and best >= join:
        reason += " But each joined a story it matched better."
    return reason


def _score(signals: dict[str, Any], report: dict[str, Any]) -> str:
    if signals["score"] is None:
        days = report["thresholds"]["max_days"]
        return f"never one story (more than {counted(days, 'day')} apart)."
    return f"similarity score {signals['score']:.2f}."


def _alike(signals: dict[str, Any], other: str) -> list[str]:
    """Each signal as a reader would say it (cosines and shares as percentages)."""
    apart = signals["conflict"]
    lines = [
        f"- headline and opening: {_percent(signals['lead'])} alike in meaning",
        f"- words of the text: {_percent(signals['body'])} alike",
        f"- names, places and numbers: {_percent(signals['anchors'])} of the first's "
        f"are in {other}",
        "- people and places of the opening sentence: "
        + ("the same" if apart == 0 else "none in common" if apart >= 1 else "partly different"),
    ]
    if signals["year_gap"] is not None:
        lines.append(f"- years printed in them: {counted(signals['year_gap'], 'year')} apart")
    if signals["same_outlet"]:
        lines.append("- the same outlet (this counts against: an outlet rarely reports twice)")
    if signals["other_language"]:
        lines.append("- another language: the names, places and numbers decide")
    return lines


def _days(gap: int | None) -> str:
    if gap is None:
        return "Published: the date of one of them is unknown."
    return "Published on the same day." if gap == 0 else f"Published {counted(gap, 'day')} apart."


def _percent(value: float) -> str:
    return f"{round(100 * min(1.0, max(0.0, value)))}%"
