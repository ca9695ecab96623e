"""`storylens serve`: the HTTP JSON API and the web page over one store.

    app = create_app("storylens.db", token="s3cret")   # an ASGI app; run it with uvicorn

Article text is hostile and reaches browsers: pages are server-rendered by Jinja2 with
autoescape, under a strict Content-Security-Policy (no inline script or style), and only
http(s) URLs ever become links (see `security`).
"""

from storylens.serve.app import ServeOptions, create_app

__all__ = ["ServeOptions", "create_app"]
