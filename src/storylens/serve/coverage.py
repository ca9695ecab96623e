"""Coverage over time, as a page (`/coverage`) and as JSON (`/api/coverage`): articles per
outlet per day, which outlets cover which stories, and a chosen set of outlets' blind spot.

Both read the same `storylens.coverage` report, rendered once until the store changes.
The chart is SVG drawn on the server (no script, nothing the Content Security Policy
forbids), with the same figures in a table beside it for screen readers and copying.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from storylens.coverage import CoverageReport, coverage_report
from storylens.serve.app import ServeContext, context, rendered_listing, validated
from storylens.serve.listing import MAX_TEXT, BadParameter, date_range

router = APIRouter()
# Outlets one blind-spot question may name.
MAX_CHOSEN = 20
# The chart's geometry, in SVG user units.
BAR_WIDTH, BAR_GAP, CHART_HEIGHT = 14, 4, 60

OutletsParam = Annotated[list[str] | None, Query(alias="outlet", max_length=MAX_TEXT)]
DateParam = Annotated[str | None, Query(max_length=10)]


@dataclass(slots=True, frozen=True)
class CoverageQuery:
    since: str | None
    until: str | None
    outlets: tuple[str, ...]


def _query(date_from: str | None, date_to: str | None, outlets: list[str] | None) -> CoverageQuery:
    try:
        since, until = date_range(date_from, date_to)
    except BadParameter as exc:
        raise HTTPException(400, str(exc)) from None
    if outlets and len(outlets) > MAX_CHOSEN:
        raise HTTPException(400, f"name at most {MAX_CHOSEN} outlets")
    return CoverageQuery(since, until, tuple(o for o in outlets or () if o))


def _report(ctx: ServeContext, query: CoverageQuery) -> CoverageReport:
    rows, titles = ctx.store.coverage(query.since, query.until)
    return coverage_report(rows, titles, query.outlets, query.since, query.until)


@router.get("/api/coverage")
async def coverage_json(
    request: Request,
    date_from: Annotated[DateParam, Query(alias="from")] = None,
    date_to: Annotated[DateParam, Query(alias="to")] = None,
    outlet: OutletsParam = None,
) -> Response:
    """Articles per outlet per day, stories by how many outlets cover them, and the stories
    none of the named outlets (`outlet`, repeated) covered while others did."""
    ctx = context(request)
    query = _query(date_from, date_to, outlet)

    def render() -> bytes:
        return json.dumps(_report(ctx, query).to_dict(), ensure_ascii=False).encode()

    rendered = await rendered_listing(ctx, ("coverage api", query), render)
    return validated(request, rendered, "application/json")


@router.get("/coverage", response_class=HTMLResponse)
async def coverage_page(
    request: Request,
    date_from: Annotated[DateParam, Query(alias="from")] = None,
    date_to: Annotated[DateParam, Query(alias="to")] = None,
    outlet: OutletsParam = None,
) -> Response:
    ctx = context(request)
    query = _query(date_from, date_to, outlet)

    def render() -> bytes:
        report = _report(ctx, query)
        html = ctx.render("coverage.html", report=report, chart=chart(report))
        return html.encode()

    rendered = await rendered_listing(ctx, ("coverage page", query), render)
    return validated(request, rendered, "text/html; charset=utf-8")


@dataclass(slots=True, frozen=True)
class Bar:
    x: int
    y: int
    height: int
    day: str
    count: int


@dataclass(slots=True, frozen=True)
class OutletChart:
    outlet: str
    total: int
    width: int
    bars: list[Bar]


def chart(report: CoverageReport) -> list[OutletChart]:
    """One strip of daily bars per outlet, on one scale so strips compare at a glance."""
    peak = max((n for day in report.days for n in day.per_outlet.values()), default=0)
    width = len(report.days) * (BAR_WIDTH + BAR_GAP)
    strips = []
    for outlet in report.outlets:
        bars = []
        for index, day in enumerate(report.days):
            count = day.per_outlet.get(outlet, 0)
            height = round(CHART_HEIGHT * count / peak) if peak else 0
            x = index * (BAR_WIDTH + BAR_GAP)
            bars.append(Bar(x, CHART_HEIGHT - height, height, day.day, count))
        strips.append(OutletChart(outlet, report.articles_per_outlet[outlet], width, bars))
    return strips
