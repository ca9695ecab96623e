"""What the commands share: the common options, the one-line error contract, the output
helpers. A command module imports from here, never from another command.

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
from typing import TYPE_CHECKING, Annotated, Any

import typer

from storylens.config import Settings
from storylens.errors import ConfigError, StorylensError
from storylens.terminal import printable

if TYPE_CHECKING:
    from storylens.records import Article, Failure

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
JsonFlag = Annotated[bool, typer.Option("--json", help="JSON instead of text.")]
FormatOption = Annotated[
    str | None,
    typer.Option("--format", help="json, md or html (a self-contained page).", show_default=False),
]
FORMATS = ("json", "md", "html")


class Failures:
    """Prints each failed item to stderr as it happens and remembers that one failed."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, failure: Failure) -> None:
        self.count += 1
        typer.echo(printable(str(failure)), err=True)

    def exit_code(self) -> int:
        return 1 if self.count else 0


def settings(max_bytes: int | None = None) -> Settings:
    """The environment's settings, read now (so a variable set after import counts)."""
    if max_bytes is not None and max_bytes <= 0:
        raise typer.BadParameter("must be a positive number of bytes", param_hint="--max-bytes")
    if max_bytes is None:
        return Settings.from_env()
    return Settings.from_env(max_input_bytes=max_bytes)


def print_json(value: Any) -> None:
    sys.stdout.write(printable(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")


def print_text(text: str) -> None:
    sys.stdout.write(printable(text if text.endswith("\n") else text + "\n"))


@contextmanager
def errors_as_exit() -> Iterator[None]:
    """Known errors become one stderr line and an exit status, never a traceback."""
    try:
        yield
    except ConfigError as exc:
        typer.echo(printable(f"error: {exc}"), err=True)
        raise typer.Exit(2) from exc
    except StorylensError as exc:
        typer.echo(printable(f"error: {exc}"), err=True)
        raise typer.Exit(1) from exc


def chosen_format(fmt: str | None, as_json: bool, as_md: bool, default: str) -> str:
    """--format, or its aliases --json / --md; exactly one may be given."""
    chosen = [name for name, on in (("json", as_json), ("md", as_md)) if on]
    if fmt is not None:
        if fmt not in FORMATS:
            raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
        chosen.append(fmt)
    if len(set(chosen)) > 1:
        raise typer.BadParameter("choose one of --format, --json and --md")
    return chosen[0] if chosen else default


def write_report(fmt: str, articles: list[Article], comparisons: list[Any]) -> None:
    """A comparison report on stdout: JSON (the public contract), Markdown or HTML."""
    from storylens.output.html import report_html
    from storylens.output.json import compare_report
    from storylens.output.markdown import comparison_to_markdown

    by_id = {a.id: a for a in articles}
    if fmt == "json":
        print_json(compare_report(articles, comparisons))
    elif fmt == "html":
        sys.stdout.write(printable(report_html(comparisons, by_id)))
    else:
        print_text("\n\n".join(comparison_to_markdown(c, by_id) for c in comparisons))
