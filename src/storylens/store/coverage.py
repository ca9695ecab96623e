"""What the coverage view reads: each stored article's story, outlet and date, no text."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from storylens.store.schema import articles, stories


@dataclass(slots=True, frozen=True)
class CoverageRow:
    story_id: str
    outlet: str | None
    published: str | None  # ISO date, or None when unknown
    copy: bool  # a syndicated copy of another stored article


def coverage_rows(
    connection: Connection, since: str | None, until: str | None
) -> tuple[list[CoverageRow], dict[str, str | None]]:
    """The grouped articles published in [since, until] (ISO dates; either open), and the
    titles of their stories. Undated articles are left out when a range is asked for."""
    query = select(
        articles.c.story_id, articles.c.outlet, articles.c.published, articles.c.copy_of
    ).where(articles.c.story_id.is_not(None))
    if since:
        query = query.where(articles.c.published >= since)
    if until:  # published holds a date or a timestamp: compare up to the end of that day
        query = query.where(articles.c.published < until + "\uffff")
    rows = [
        CoverageRow(story, outlet, (published or "")[:10] or None, copy_of is not None)
        for story, outlet, published, copy_of in connection.execute(query.order_by(articles.c.seq))
    ]
    wanted = sorted({row.story_id for row in rows})
    titles: dict[str, str | None] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        found = select(stories.c.id, stories.c.title).where(stories.c.id.in_(chunk))
        titles.update({story: title for story, title in connection.execute(found)})
    return rows, titles
