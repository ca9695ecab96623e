"""The OpenAPI schema as the API really answers: its errors documented.

It documents the JSON API (not the web pages). FastAPI documents a 422 for every
operation with parameters; ours answer a bad parameter
with a 400, and any operation may answer 404, 413, 429, 500 or 503, all in the one error
shape (see serve.security). The schema says so, so a client (and the fuzzer in the tests)
can check every answer against it.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

ERROR_SCHEMA = {
    "type": "object",
    "required": ["ok", "error", "status"],
    "properties": {
        "ok": {"type": "boolean", "const": False},
        "error": {"type": "string"},
        "status": {"type": "integer"},
    },
}
ERRORS = {
    "400": "a bad parameter; the message says how to fix it",
    "401": "a write without the right token",
    "403": "writes are off (no --token, or a read-only database)",
    "404": "an unknown id or path",
    "413": "a body over --max-upload-bytes",
    "429": "over --rate-limit",
    "500": "an unexpected failure (details in the server's log)",
    "503": "the database did not answer",
}

# Downloads answer their own type, not JSON.
DOWNLOADS = {"/report.md": "text/markdown", "/report.html": "text/html"}


def _is_api(path: str) -> bool:
    return path.startswith("/api/") or path == "/healthz"


def documented_openapi(app: FastAPI) -> dict[str, Any]:
    """The app's schema with our error answers in place of FastAPI's 422 (built once)."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title, version=app.version, summary=app.summary, routes=app.routes
    )
    error = {"content": {"application/json": {"schema": ERROR_SCHEMA}}}
    # The web pages are not the API: they answer HTML for people (a page, an error page).
    paths = {p: ops for p, ops in schema.get("paths", {}).items() if _is_api(p)}
    schema["paths"] = paths
    for path, operations in paths.items():
        for suffix, media_type in DOWNLOADS.items():
            if path.endswith(suffix):
                ok = operations["get"]["responses"]["200"]
                ok["content"] = {media_type: {"schema": {"type": "string"}}}
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            for status, meaning in ERRORS.items():
                responses.setdefault(status, {"description": meaning, **error})
    app.openapi_schema = schema
    return schema
