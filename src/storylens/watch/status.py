"""`storylens watch status`: per source its state, why, when it was last fetched, what it
brought and when it is polled next, as rows for JSON and as plain text."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from storylens.store import Store
from storylens.store.watchstate import WatchState
from storylens.watch.clock import as_seconds
from storylens.watch.health import PROBLEM_STATES, REFUSED

# The latest items per source that did not become articles, with why, in `watch status`.
PROBLEMS_SHOWN = 3


def status_rows(store: Store) -> list[dict[str, Any]]:
    state = WatchState(store)
    counts = state.item_counts()
    problems = state.item_problems(PROBLEM_STATES, PROBLEMS_SHOWN)
    return [
        {
            "url": s.url,
            "outlet": s.outlet,
            "language": s.language,
            "kind": s.kind,
            "state": s.state,
            "reason": s.reason,
            "last_fetch": _iso(s.last_fetch),
            "new_items": s.last_new,
            "total_new": s.total_new,
            "articles": counts.get(s.id, {}).get("stored", 0),
            "failed_items": counts.get(s.id, {}).get("failed", 0),
            "refused_items": counts.get(s.id, {}).get(REFUSED, 0),
            "disallowed_items": counts.get(s.id, {}).get("disallowed", 0),
            "item_problems": [
                {"url": url, "state": item_state, "reason": reason}
                for url, item_state, reason in problems.get(s.id, [])
            ],
            "failures": round(s.failures, 2),
            "interval_s": round(s.interval_s, 1),
            "next_due": _iso(s.next_due),
            "conditional_get": s.conditional,
        }
        for s in state.sources()
    ]


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return datetime.fromtimestamp(round(as_seconds(moment)), moment.tzinfo).isoformat()


def status_text(rows: list[dict[str, Any]]) -> str:
    """One block per source: `STATE url`, then what it brought and why it is in that state."""
    if not rows:
        return "no sources watched yet (storylens watch SOURCE... adds them)\n"
    lines = []
    for row in rows:
        outlet = f" ({row['outlet']})" if row["outlet"] else ""
        lines.append(f"{row['state']:<12} {row['url']}{outlet}")
        when = row["last_fetch"] or "never"
        lines.append(
            f"    last fetch {when}, {row['new_items']} new, {row['articles']} articles, "
            f"next poll {row['next_due']}"
        )
        if row["reason"]:
            lines.append(f"    why: {row['reason']}")
        if not row["conditional_get"]:
            lines.append(
                "    conditional GET off: its ETag or Last-Modified hid new items; "
                "fetched in full and hashed"
            )
        for problem in row["item_problems"]:
            lines.append(f"    item {problem['state']}: {problem['url']}: {problem['reason']}")
    return "\n".join(lines) + "\n"
