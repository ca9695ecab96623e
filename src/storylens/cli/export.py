"""`storylens export`: one table of the database for analysts (Parquet, CSV or JSONL)."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Annotated

import typer

from storylens.cli.options import DbOption, errors_as_exit
from storylens.config import default_db
from storylens.terminal import printable
from storylens.wording import counted


def export(
    what: Annotated[
        str, typer.Option("--what", help="stories, articles, claims, quotes or conflicts.")
    ],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="parquet, csv or jsonl [default: from --out, else jsonl]"),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write [default: stdout].")
    ] = None,
    db: DbOption = None,
) -> None:
    """Export one table, a row per item, with ids that join across the tables
    (story_id, article_id, claim_id). Claims, quotes and conflicts compare every story
    that was not compared yet (and store it), so the first export of a big database
    takes a while.

    Example: storylens export --what claims --out claims.parquet
    """
    from storylens.api import Database
    from storylens.output.tables import FORMATS, TABLES, write_csv, write_jsonl, write_table
    from storylens.store import open_existing_store

    if what not in TABLES:
        raise typer.BadParameter(f"choose one of {', '.join(TABLES)}", param_hint="--what")
    chosen = fmt or (out.suffix.lstrip(".").lower() if out else "jsonl")
    if chosen not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if chosen == "parquet" and out is None:
        raise typer.BadParameter("Parquet is written to a file: give --out", param_hint="--out")
    with errors_as_exit(), open_existing_store(db or default_db(), read_only=False) as store:
        rows = Database(store).table(what)
        if out is not None:
            write_table(rows, what, out, chosen)
        else:  # on stdout, through printable: the rows carry article text
            text = io.StringIO()
            if chosen == "csv":
                write_csv(rows, what, text)
            else:
                write_jsonl(rows, text)
            sys.stdout.write(printable(text.getvalue()))
    where = f" to {out}" if out else ""
    typer.echo(f"exported {counted(len(rows), 'row')} of {what}{where}", err=True)


def register(app: typer.Typer) -> None:
    app.command()(export)
