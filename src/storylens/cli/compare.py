"""`storylens compare`: group files into stories and compare each, with no database."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from storylens.cli.options import (
    Failures,
    FormatOption,
    InputsArgument,
    MaxBytesOption,
    chosen_format,
    errors_as_exit,
    settings,
    write_report,
)
from storylens.config import DEFAULT_MAX_INPUT_BYTES


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
    chosen = chosen_format(fmt, as_json, as_md, default="md")
    from storylens.analyse import Analyser
    from storylens.inputs import extract_inputs
    from storylens.pipeline import compare_articles

    failures = Failures()
    with errors_as_exit():
        chosen_settings = settings(max_bytes)
        articles = list(
            extract_inputs(inputs, chosen_settings, stdin=sys.stdin.buffer, on_failure=failures)
        )
        corpus = compare_articles(articles, Analyser(chosen_settings))
        write_report(chosen, corpus.articles, corpus.comparisons)
    raise typer.Exit(failures.exit_code())


def register(app: typer.Typer) -> None:
    app.command()(compare)
