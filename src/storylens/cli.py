"""The `storylens` command line: a thin shell over `storylens.pipeline`.

stdout carries only the output asked for (JSON, Markdown, tables) so it pipes; progress,
warnings and per-item errors (`SOURCE: reason`) go to stderr. Exit status: 0 when every
item succeeded, 1 when some failed, 2 on a usage error. Whatever carries text from an input
goes through `printable`, so no control sequence in an article reaches a terminal.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from storylens.config import DEFAULT_MAX_INPUT_BYTES, Settings, default_db
from storylens.errors import ConfigError, StorylensError
from storylens.records import Article, Failure
from storylens.terminal import printable
from storylens.wording import counted

app = typer.Typer(
    help="See how every outlet tells the same story.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="SQLite path or SQLAlchemy URL [default: $STORYLENS_DB or storylens.db]"
    ),
]
MaxBytesOption = Annotated[
    int, typer.Option("--max-bytes", help="Refuse inputs larger than this many bytes.")
]
InputsArgument = Annotated[
    list[str], typer.Argument(help="Files, directories, globs, or - for stdin.", show_default=False)
]


class _Failures:
    """Prints each failed item to stderr as it happens and remembers that one failed."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, failure: Failure) -> None:
        self.count += 1
        typer.echo(printable(str(failure)), err=True)

    def exit_code(self) -> int:
        return 1 if self.count else 0


def _settings(max_bytes: int) -> Settings:
    if max_bytes <= 0:
        raise typer.BadParameter("must be a positive number of bytes", param_hint="--max-bytes")
    return Settings(max_input_bytes=max_bytes)


def _print_json(value: Any) -> None:
    sys.stdout.write(printable(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")


@contextmanager
def _errors_as_exit() -> Iterator[None]:
    """Known errors become one stderr line and an exit status, never a traceback."""
    try:
        yield
    except ConfigError as exc:
        typer.echo(printable(f"error: {exc}"), err=True)
        raise typer.Exit(2) from exc
    except StorylensError as exc:
        typer.echo(printable(f"error: {exc}"), err=True)
        raise typer.Exit(1) from exc


def article_json(article: Article) -> dict[str, Any]:
    """The `extract` record: the stable keys first, then what else is known."""
    return {
        "source": article.source,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "author": article.author,
        "language": article.language,
        "url": article.url,
        "body": article.body,
        "id": article.id,
        "input_id": article.input_id,
    }


@app.command()
def extract(
    inputs: InputsArgument,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_INPUT_BYTES,
) -> None:
    """Read and extract articles, without grouping or storing them.

    Example: storylens extract page.html dump.txt --json
    """
    from storylens.pipeline import extract_inputs

    failures = _Failures()
    with _errors_as_exit():
        for article in extract_inputs(
            inputs, _settings(max_bytes), stdin=sys.stdin.buffer, on_failure=failures
        ):
            if as_json:
                line = json.dumps(article_json(article), ensure_ascii=False)
                sys.stdout.write(printable(line) + "\n")
            else:
                words = len(article.body.split())
                line = (
                    f"{article.source}\t{article.outlet or '-'}\t{article.published or '-'}"
                    f"\t{words} words\t{article.title or '-'}"
                )
                typer.echo(printable(line))
    raise typer.Exit(failures.exit_code())


FormatOption = Annotated[
    str | None,
    typer.Option("--format", help="json, md or html (a self-contained page).", show_default=False),
]
FORMATS = ("json", "md", "html")


def _chosen_format(fmt: str | None, as_json: bool, as_md: bool, default: str) -> str:
    """--format, or its aliases --json / --md; exactly one may be given."""
    chosen = [name for name, on in (("json", as_json), ("md", as_md)) if on]
    if fmt is not None:
        if fmt not in FORMATS:
            raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
        chosen.append(fmt)
    if len(set(chosen)) > 1:
        raise typer.BadParameter("choose one of --format, --json and --md")
    return chosen[0] if chosen else default


def _write_report(fmt: str, articles: list[Article], comparisons: list[Any]) -> None:
    from storylens.output.html import report_html
    from storylens.output.json import compare_report
    from storylens.output.markdown import comparison_to_markdown

    by_id = {a.id: a for a in articles}
    if fmt == "json":
        _print_json(compare_report(articles, comparisons))
    elif fmt == "html":
        sys.stdout.write(printable(report_html(comparisons, by_id)))
    else:
        markdown = "\n\n".join(comparison_to_markdown(c, by_id) for c in comparisons)
        sys.stdout.write(printable(markdown) + "\n")


@app.command()
def compare(
    inputs: InputsArgument,
    fmt: FormatOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    as_md: Annotated[bool, typer.Option("--md", help="Same as --format md.")] = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_INPUT_BYTES,
) -> None:
    """Group the given files into stories and compare each one; no database needed.

    The report is Markdown, as `show` gives it, unless --format (or --json) says otherwise.

    Example: storylens compare reports/*.txt --format html > report.html
    """
    chosen = _chosen_format(fmt, as_json, as_md, default="md")
    from storylens.analyse import Analyser
    from storylens.pipeline import compare_articles, extract_inputs

    failures = _Failures()
    with _errors_as_exit():
        settings = _settings(max_bytes)
        articles = list(
            extract_inputs(inputs, settings, stdin=sys.stdin.buffer, on_failure=failures)
        )
        corpus = compare_articles(articles, Analyser(settings))
        _write_report(chosen, corpus.articles, corpus.comparisons)
    raise typer.Exit(failures.exit_code())


@app.command()
def ingest(
    inputs: InputsArgument,
    db: DbOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_INPUT_BYTES,
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = 64,
) -> None:
    """Extract, analyse and group inputs into the database; already stored ones are skipped.

    Example: storylens ingest corpus/ --db newsroom.db
    """
    from storylens.analyse import Analyser
    from storylens.pipeline import Ingestor, IngestReport, extract_inputs
    from storylens.progress import stderr_progress
    from storylens.store import open_store

    failures = _Failures()
    report = IngestReport()

    with _errors_as_exit():
        settings = _settings(max_bytes)
        with open_store(db or default_db()) as store, stderr_progress("ingesting") as advance:
            ingestor = Ingestor(store, Analyser(settings), batch_size=max(1, batch_size))

            def on_failure(failure: Failure) -> None:
                failures(failure)
                ingestor.record_failure(report, failure)

            articles = extract_inputs(
                inputs, settings, stdin=sys.stdin.buffer, on_failure=on_failure
            )
            ingestor.ingest(articles, report, progress=advance)
    typer.echo(
        f"stored {counted(report.stored, 'new article')}, {report.already_stored} already stored, "
        f"{failures.count} failed",
        err=True,
    )
    raise typer.Exit(failures.exit_code())


@app.command()
def stories(
    db: DbOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON with each story's articles.")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="Show at most this many stories.")] = None,
) -> None:
    """List the stored stories, biggest first.

    Example: storylens stories --json | jq '.[0].articles'
    """
    from storylens.output.listing import stories_json, stories_table
    from storylens.store import open_existing_store

    with _errors_as_exit(), open_existing_store(db or default_db(), read_only=True) as store:
        listed = store.list_stories(limit=limit)
        if as_json:
            _print_json(stories_json(store, listed))
        else:
            sys.stdout.write(printable(stories_table(listed)))


@app.command()
def show(
    story: Annotated[str, typer.Argument(help="Story id (or a unique prefix of it).")],
    db: DbOption = None,
    fmt: FormatOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    as_md: Annotated[bool, typer.Option("--md", help="Same as --format md.")] = False,
) -> None:
    """Compare what every outlet says about one stored story (Markdown unless --format).

    The comparison is stored, and read back until the story gains or loses an article
    (so the database is opened for writing, once it is known to be a storylens database).

    Example: storylens show 3f2a --format html > story.html
    """
    chosen = _chosen_format(fmt, as_json, as_md, default="md")
    from storylens.analyse import Analyser
    from storylens.compared import story_comparison
    from storylens.store import open_existing_store

    with _errors_as_exit(), open_existing_store(db or default_db(), read_only=False) as store:
        found = story_comparison(store, story, Analyser(Settings()))
        _write_report(chosen, found.articles, [found.comparison])


# Modules under storylens.commands that add their own commands (`register(app)`).
COMMANDS: list[str] = ["batch", "regroup", "serve", "why"]


def _register_commands() -> None:
    import importlib

    for name in COMMANDS:
        importlib.import_module(f"storylens.commands.{name}").register(app)


if __name__ == "__main__":
    # Run as `python -m storylens.cli`: the command modules import `storylens.cli`, a second
    # copy of this file, so the commands are registered on that copy's app and run from it.
    from storylens.cli import main as _main

    _main()
elif __name__ != "__mp_main__":
    # (A multiprocessing child re-runs the main module as __mp_main__: the commands are
    # then registered by the storylens.cli the command modules import, as above.)
    _register_commands()


def main() -> None:
    app()
