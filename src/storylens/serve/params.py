"""The story listing's query parameters, declared once for `GET /api/stories` and the list
page: a FastAPI dependency that checks them (400 with the fix, through the app's error
handler, as JSON or as the error page) and keeps what the page shows back in its form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Query
from starlette.exceptions import HTTPException

from storylens.serve.listing import DEFAULT_PAGE, MAX_TEXT, BadParameter, story_query
from storylens.store import StoryQuery

TextParam = Annotated[str | None, Query(max_length=MAX_TEXT)]


@dataclass(frozen=True, slots=True)
class Listing:
    query: StoryQuery
    shown: dict[str, str]  # the filters as given ("" when absent), for the page's form
    sort: str
    limit: int


def listing(
    q: TextParam = None,
    outlet: TextParam = None,
    date_from: Annotated[str | None, Query(alias="from")] = None,
    date_to: Annotated[str | None, Query(alias="to")] = None,
    sort: str = "size",
    cursor: str | None = None,
    limit: int = DEFAULT_PAGE,
) -> Listing:
    try:
        query = story_query(
            q=q,
            outlet=outlet,
            date_from=date_from,
            date_to=date_to,
            sort=sort,
            cursor=cursor,
            limit=limit,
        )
    except BadParameter as exc:
        raise HTTPException(400, str(exc)) from None
    shown = {"q": q or "", "outlet": outlet or "", "from": date_from or "", "to": date_to or ""}
    return Listing(query, shown, sort, limit)
