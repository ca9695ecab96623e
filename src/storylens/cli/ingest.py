"""`storylens ingest`: extract, analyse and group inputs into the database."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from storylens.cli.options import (
    DbOption,
    Failures,
    InputsArgument,
    MaxBytesOption,
    errors_as_exit,
    settings,
)
from storylens.config import DEFAULT_MAX_INPUT_BYTES, default_db
from storylens.wording import counted

if TYPE_CHECKING:
    from storylens.records import Failure


def ingest(
    inputs: InputsArgument,
    db: DbOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_INPUT_BYTES,
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = 64,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Processes reading and extracting the files [default: one per core]",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Extract, analyse and group inputs into the database; already stored ones are skipped.

    Example: storylens ingest corpus/ --db newsroom.db
    """
    from storylens.inputs import extract_inputs
    from storylens.progress import stderr_progress
    from storylens.store import open_store
    from storylens.store.vectors import database_settings

    if workers is not None and workers < 1:
        raise typer.BadParameter("must be 1 or more", param_hint="--workers")
    printed = Failures()
    with errors_as_exit():
        chosen = settings(max_bytes)
        with open_store(db or default_db()) as store, stderr_progress("ingesting") as advance:
            chosen = database_settings(store, chosen)

            def on_failure(failure: Failure) -> None:
                printed(failure)
                ingestor.record_failure(failure)  # called only once the ingest reads

            # The worker processes start here and load their models while this process
            # loads the grouping and its store state below.
            articles = extract_inputs(
                inputs,
                chosen,
                stdin=sys.stdin.buffer,
                on_failure=on_failure,
                workers=workers or os.cpu_count() or 1,
                embed_leads=True,
            )
            from storylens.analyse import Analyser
            from storylens.pipeline import Ingestor

            ingestor = Ingestor(store, Analyser(chosen), batch_size=max(1, batch_size))
            report = ingestor.ingest(articles, progress=advance)
    typer.echo(
        f"stored {counted(report.stored, 'new article')}, {report.already_stored} already stored, "
        f"{report.failed} failed",
        err=True,
    )
    raise typer.Exit(printed.exit_code())


def register(app: typer.Typer) -> None:
    app.command()(ingest)
