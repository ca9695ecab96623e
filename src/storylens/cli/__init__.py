"""The `storylens` command line: a thin shell over the library, one module a command.

Each command module defines `register(app)` adding its command(s) to the Typer app and
imports what it runs only inside the command, so `storylens --help` loads no model, no
database driver and no grouping code. Shared options and the error contract live in
`storylens.cli.options`. A new command is a new module here and one name in `COMMANDS`.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    help="See how every outlet tells the same story.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# In the order `storylens --help` lists them.
COMMANDS: list[str] = [
    "extract",
    "compare",
    "ingest",
    "stories",
    "threads",
    "show",
    "why",
    "regroup",
    "export",
    "batch",
    "serve",
    "watch",
]

for _name in COMMANDS:
    importlib.import_module(f"storylens.cli.{_name}").register(app)


def main() -> None:
    app()
