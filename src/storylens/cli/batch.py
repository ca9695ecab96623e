"""`storylens batch`: a corpus too big for `ingest`, on local processes or a Ray cluster."""

from __future__ import annotations

from typing import Annotated

import typer

from storylens.cli.options import DbOption, InputsArgument, MaxBytesOption, errors_as_exit, settings
from storylens.config import DEFAULT_MAX_INPUT_BYTES, default_db
from storylens.terminal import printable
from storylens.wording import counted


def batch(
    inputs: InputsArgument,
    out: Annotated[
        str, typer.Option("--out", help="Directory for the Parquet shards and the manifest.")
    ] = "storylens-batch",
    db: DbOption = None,
    engine: Annotated[str, typer.Option(help="local (processes) or ray.")] = "local",
    workers: Annotated[int, typer.Option(help="Worker processes (Ray: actors).")] = 1,
    ray_address: Annotated[
        str | None, typer.Option(help="Ray cluster to join: auto, or ray://HOST:10001.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Keep articles from this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Keep articles up to this date.")] = None,
    language: Annotated[str | None, typer.Option(help="Keep this language (en, de…).")] = None,
    host: Annotated[str | None, typer.Option(help="Keep this host and its subdomains.")] = None,
    no_db: Annotated[bool, typer.Option("--no-db", help="Write the shards only.")] = False,
    compare: Annotated[
        bool,
        typer.Option(
            "--compare",
            help="Then compare every story of 2+ articles in parallel and store it "
            "(else each is compared when first opened).",
        ),
    ] = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_INPUT_BYTES,
) -> None:
    """Read, extract and analyse in parallel, then group into stories in the database.

    Rerunning the same command resumes: completed shards in --out are skipped.

    Example: storylens batch cc-news/*.warc.gz --engine ray --workers 8 --out run1 --db news.db
    """
    from storylens.batch import ArticleFilter, BatchOptions, run_batch
    from storylens.progress import stderr_progress

    if engine not in ("local", "ray"):
        raise typer.BadParameter("choose local or ray", param_hint="--engine")
    if ray_address and engine != "ray":
        raise typer.BadParameter("only with --engine ray", param_hint="--ray-address")
    with errors_as_exit():
        options = BatchOptions(
            inputs=inputs,
            out=out,
            db=None if no_db else db or default_db(),
            engine=engine,
            workers=workers,
            ray_address=ray_address,
            article_filter=ArticleFilter(since, until, language, host),
            settings=settings(max_bytes),
            compare=compare,
        )
        with stderr_progress("shards") as advance:
            report = run_batch(options, on_shard=lambda result: advance(1))
    for failure in report.failures:
        typer.echo(printable(str(failure)), err=True)
    typer.echo(
        f"{counted(report.shards, 'shard')} ({report.skipped} done before), "
        f"{counted(sum(r.articles for r in report.results), 'article')}, "
        f"{counted(report.stories, 'story', 'stories')} touched, "
        f"{counted(report.stored, 'new article')} stored, {len(report.failures)} failed",
        err=True,
    )
    if report.compared is not None:
        typer.echo(
            f"{report.compared.compared} of {report.compared.stories} stories compared "
            f"in {report.compared.seconds:.0f} s (the others were stored already)",
            err=True,
        )
    raise typer.Exit(1 if report.failures else 0)


def register(app: typer.Typer) -> None:
    app.command()(batch)
