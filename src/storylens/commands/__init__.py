"""Further CLI commands, one module each.

Each module defines `register(app)` adding its command(s) to the Typer app; `COMMANDS` in
`storylens.cli` lists the modules. Keep a command's module a thin shell over the library.
"""
