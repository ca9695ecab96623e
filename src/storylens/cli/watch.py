"""`storylens watch`: follow outlets live (feeds, sitemaps, home pages), and `watch status`."""

from __future__ import annotations

import signal
from typing import Annotated

import typer

from storylens.cli.options import DbOption, JsonFlag, errors_as_exit, print_json, print_text
from storylens.config import default_db
from storylens.terminal import printable


def watch(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="Feeds, sitemaps or home pages (http/https URLs); `status` shows the "
            "state of every watched source.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    once: Annotated[
        bool, typer.Option("--once", help="Poll every due source once, then exit (for cron).")
    ] = False,
    interval: Annotated[
        float | None,
        typer.Option(help="Seconds between polls of a source [default: adaptive, 10 min-24 h]"),
    ] = None,
    outlets: Annotated[
        str | None, typer.Option("--outlets", help="TOML file naming outlets and their sources.")
    ] = None,
    contact: Annotated[
        str | None,
        typer.Option(help="An email or URL for site owners, sent in the User-Agent."),
    ] = None,
    min_gap: Annotated[
        float, typer.Option(help="Least seconds between two requests to one host.")
    ] = 2.0,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="Fetch private and loopback addresses for every source (an intranet outlet "
            "named by host name); by default only sources named by such an address may.",
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Follow outlets live: poll feeds politely, fetch and ingest the new articles.

    Example: storylens watch --outlets outlets.toml --once --contact desk@example.org
    """
    sources = list(sources or [])
    if sources[:1] == ["status"]:
        return _status(db, as_json, sources[1:])
    if interval is not None and interval < 0:
        raise typer.BadParameter("must be 0 or more seconds", param_hint="--interval")
    if min_gap < 0:
        raise typer.BadParameter("must be 0 or more seconds", param_hint="--min-gap")
    if not sources and not outlets and not once:
        raise typer.BadParameter("name a SOURCE or --outlets FILE (or --once to poll the stored)")
    raise typer.Exit(_run(sources, db, once, interval, outlets, contact, min_gap, allow_private))


def _run(
    sources: list[str],
    db: str | None,
    once: bool,
    interval: float | None,
    outlets: str | None,
    contact: str | None,
    min_gap: float,
    allow_private: bool,
) -> int:
    from storylens.cli.options import settings
    from storylens.store import open_store
    from storylens.watch import SourceSpec, Watcher, WatchOptions, read_outlets

    def say(line: str) -> None:
        typer.echo(printable(line), err=True)

    with errors_as_exit():
        specs = [SourceSpec(url) for url in sources] + (read_outlets(outlets) if outlets else [])
        options = WatchOptions(
            contact=contact, interval_s=interval, min_gap_s=min_gap, allow_private=allow_private
        )
        with open_store(db or default_db()) as store:
            watcher = Watcher(store, options, settings(), on_error=say, on_progress=say)
            watcher.add_sources(specs)
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, lambda *_: watcher.stop())
            report = watcher.run_once() if once else watcher.run_forever()
    say(
        f"polled {report.polled} sources: {report.new_articles} new articles, "
        f"{report.versions} new versions, {report.failed_items} items failed, "
        f"{report.failed_sources} sources failed"
    )
    return 1 if report.failed_items or report.failed_sources else 0


def _status(db: str | None, as_json: bool, extra: list[str]) -> None:
    from storylens.store import open_existing_store
    from storylens.watch import status_rows, status_text

    if extra:
        raise typer.BadParameter("`watch status` takes no sources")
    with errors_as_exit(), open_existing_store(db or default_db(), read_only=True) as store:
        rows = status_rows(store)
    if as_json:
        print_json(rows)
    else:
        print_text(status_text(rows))


def register(app: typer.Typer) -> None:
    app.command()(watch)
