"""The local web app: a thin face over the library (``policykb serve``).

::

    from policykb.web import make_server
    server = make_server("127.0.0.1", 0)      # any free port
    print(server.url)
    server.serve_forever()

:mod:`.app` routes paths to handlers that call the library and return ``(status,
content_type, body)``; :mod:`.pages` renders the HTML (one layout, inline CSS, no
scripts, Chinese text, everything escaped); :mod:`.server` is the standard-library HTTP
server (``ThreadingHTTPServer``) with the security headers.
"""

from __future__ import annotations

from .app import MAX_UPLOAD, Request, Response, WebApp
from .server import DEFAULT_HOST, DEFAULT_PORT, PolicyKBServer, make_server, serve

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "MAX_UPLOAD",
    "PolicyKBServer",
    "Request",
    "Response",
    "WebApp",
    "make_server",
    "serve",
]
