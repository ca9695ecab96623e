"""`storylens extract`: read and extract articles, without grouping or storing them."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from storylens.cli.options import (
    Failures,
    InputsArgument,
    MaxBytesOption,
    errors_as_exit,
    print_text,
    settings,
)
from storylens.config import DEFAULT_MAX_INPUT_BYTES

if TYPE_CHECKING:
    from storylens.records import Article


def extract(
    inputs: InputsArgument,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_INPUT_BYTES,
) -> None:
    """Read and extract articles, without grouping or storing them.

    Example: storylens extract page.html dump.txt --json
    """
    from storylens.inputs import extract_inputs

    failures = Failures()
    with errors_as_exit():
        for article in extract_inputs(
            inputs, settings(max_bytes), stdin=sys.stdin.buffer, on_failure=failures
        ):
            if as_json:
                print_text(json.dumps(article_json(article), ensure_ascii=False))
            else:
                print_text(_article_line(article))
    raise typer.Exit(failures.exit_code())


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


def _article_line(article: Article) -> str:
    words = len(article.body.split())
    return (
        f"{article.source}\t{article.outlet or '-'}\t{article.published or '-'}"
        f"\t{words} words\t{article.title or '-'}"
    )


def register(app: typer.Typer) -> None:
    app.command()(extract)
