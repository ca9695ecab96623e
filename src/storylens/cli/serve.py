"""`storylens serve`: the web page and JSON API over a store."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from storylens.cli.options import DbOption, errors_as_exit
from storylens.config import DEFAULT_MAX_INPUT_BYTES, DEFAULT_UPLOAD_SECONDS, default_db


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="STORYLENS_TOKEN",
            help="Bearer token that POST /api/ingest needs; without one, writes are refused.",
        ),
    ] = None,
    rate_limit: Annotated[
        float, typer.Option(help="Requests per second per client (0: no limit).")
    ] = 50.0,
    max_upload_bytes: Annotated[
        int, typer.Option(help="Refuse request bodies larger than this (413).")
    ] = DEFAULT_MAX_INPUT_BYTES,
    max_upload_seconds: Annotated[
        float,
        typer.Option(
            help="An upload's time budget: what is not extracted by then is not ingested "
            "(one failure in the answer says so)."
        ),
    ] = DEFAULT_UPLOAD_SECONDS,
    warm: Annotated[
        bool, typer.Option(help="Precompute every story's comparison on startup.")
    ] = True,
    workers: Annotated[
        int,
        typer.Option(
            help="Server processes: one per core to spare. They share only the database; "
            "the rate limit counts per process."
        ),
    ] = 1,
    trusted_proxy: Annotated[
        list[str] | None,
        typer.Option(
            help="Address or network of a reverse proxy whose X-Forwarded-For and "
            "X-Forwarded-Proto are believed (repeat for several); none by default."
        ),
    ] = None,
) -> None:
    """Serve the stories as a web page and a JSON API (OpenAPI at /api/openapi.json).

    Example: storylens serve --db postgresql://news@localhost/news --token "$TOKEN" --workers 4
    """
    try:
        import uvicorn

        from storylens.serve import ServeOptions, create_app
    except ImportError as exc:  # the web parts are an extra
        typer.echo(
            f"error: storylens serve needs its extra: pip install 'storylens[serve]' ({exc})",
            err=True,
        )
        raise typer.Exit(2) from exc
    from storylens.serve.server import checked_proxies, uvicorn_options
    from storylens.serve.workers import WorkerConfig, run_workers
    from storylens.store import open_store_for_serving

    if not 0 < port < 65536:
        raise typer.BadParameter("must be between 1 and 65535", param_hint="--port")
    if max_upload_bytes <= 0 or rate_limit < 0 or max_upload_seconds <= 0:
        raise typer.BadParameter(
            "--max-upload-bytes and --max-upload-seconds must be > 0, --rate-limit >= 0"
        )
    if workers < 1:
        raise typer.BadParameter("must be 1 or more", param_hint="--workers")
    if not _is_loopback(host):
        typer.echo(f"warning: listening on {host}, reachable from other machines", err=True)
    db = db or default_db()
    with errors_as_exit():
        options = ServeOptions(
            token=token or None,
            max_body_bytes=max_upload_bytes,
            rate_limit=rate_limit,
            warm=warm,
            upload_seconds=max_upload_seconds,
        )
        proxies = checked_proxies(trusted_proxy or [])
        if workers > 1:
            open_store_for_serving(
                db
            ).close()  # a bad --db fails here, once; migrated before the workers
            config = WorkerConfig(
                db, options.token, max_upload_bytes, rate_limit, warm, proxies, max_upload_seconds
            )
            run_workers(config, host, port, workers)
            return
        app = create_app(db, options)
    uvicorn.run(app, host=host, port=port, **uvicorn_options(proxies))


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def register(app: typer.Typer) -> None:
    app.command()(serve)
