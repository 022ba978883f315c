"""The HTTP server of the web app (standard library only).

:func:`make_server` builds a :class:`PolicyKBServer` listening on ``host:port`` (port 0:
any free port — tests use it) without serving yet; :func:`serve` serves until Ctrl+C.
The server accepts GET and POST only, reads at most :data:`~.app.MAX_UPLOAD` bytes of a
request body, and adds the security headers to every response.  When it listens on a
loopback address it answers only requests addressed to ``127.0.0.1``/``localhost`` (a
web page elsewhere cannot reach it by DNS rebinding).
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import socket
import sys
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ..corpus import Corpus, load_corpus
from ..errors import InputError
from .app import MAX_UPLOAD, Request, Response, WebApp

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765

SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    (
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
)
LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}
#: A body over the limit is read and discarded up to this size (so that the browser sees
#: the 413 page rather than a reset connection); beyond it the connection is closed.
DRAIN_LIMIT = 256 * 1024 * 1024

Notify = Callable[[str], None]


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer only (127.0.0.1, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class PolicyKBServer(ThreadingHTTPServer):
    """A threading HTTP server that hands requests to a :class:`WebApp`."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        app: WebApp,
        *,
        quiet: bool = False,
    ) -> None:
        self.app = app
        self.quiet = quiet
        self.local_only = is_loopback(address[0])
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, RequestHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = str(host)
        if host in ("0.0.0.0", "::"):
            host = "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{port}/"


class RequestHandler(BaseHTTPRequestHandler):
    """GET and POST go to the app; every other method gets 405 (or 501 when unknown)."""

    server: PolicyKBServer
    server_version = "policykb"
    sys_version = ""
    timeout = 120

    def version_string(self) -> str:
        return self.server_version

    # ------------------------------------------------------------------ methods
    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _refuse(self) -> None:
        response = self.server.app.method_not_allowed(["GET", "POST"])
        self._send(response)

    do_HEAD = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _refuse

    # ------------------------------------------------------------------ dispatch
    def _dispatch(self, method: str) -> None:
        app = self.server.app
        if self.server.local_only and not self._host_ok():
            self._send(app.error(400, "不接受的主机名。", f"请用 {self.server.url} 访问。"))
            return
        body = b""
        if method == "POST":
            read = self._read_body()
            if isinstance(read, Response):
                self._send(read)
                return
            body = read
        try:
            headers = {k.lower(): v for k, v in self.headers.items()}
            request = Request.from_target(method, self.path, headers=headers, body=body)
        except (ValueError, UnicodeDecodeError):
            self._send(app.error(400, "网址格式有误。"))
            return
        self._send(app.handle(request))

    def _host_ok(self) -> bool:
        host = self.headers.get("Host")
        if not host:
            return True
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name.lower() in LOCAL_NAMES

    def _read_body(self) -> bytes | Response:
        app = self.server.app
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self.close_connection = True
            return app.error(411, "上传请求须注明内容长度（Content-Length）。")
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            return b""
        try:
            length = int(length_header)
            if length < 0:
                raise ValueError
        except ValueError:
            self.close_connection = True
            return app.error(400, "请求的内容长度（Content-Length）无效。")
        if length > app.max_upload:
            self.close_connection = True
            if length <= DRAIN_LIMIT:
                self._discard(length)
            return app.payload_too_large()
        return self.rfile.read(length)

    def _discard(self, length: int) -> None:
        remaining = length
        try:
            while remaining > 0:
                chunk = self.rfile.read(min(remaining, 1 << 16))
                if not chunk:
                    break
                remaining -= len(chunk)
        except OSError:
            pass

    def _send(self, response: Response) -> None:
        status, content_type, body, extra = response
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (*SECURITY_HEADERS, *extra):
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    # ------------------------------------------------------------------ errors & logging
    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Malformed requests and unknown methods: a Chinese page, the same headers."""
        self.log_error("code %d, message %s", code, message)
        self.close_connection = True
        texts = {
            400: "请求格式有误。",
            408: "请求超时。",
            414: "网址太长。",
            431: "请求头太大。",
            501: "不支持的请求方式：只接受 GET 和 POST。",
        }
        response = self.server.app.error(code, texts.get(code, "无法处理该请求。"))
        if getattr(self, "request_version", "HTTP/0.9") == "HTTP/0.9":
            return
        self._send(response)

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            sys.stderr.write(
                f"{self.address_string()} - [{self.log_date_time_string()}] {format % args}\n"
            )


# --------------------------------------------------------------------------- entry points


def _corpus(corpus: Corpus | str | Path | None) -> Corpus:
    return corpus if isinstance(corpus, Corpus) else load_corpus(corpus)


def make_server(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    corpus: Corpus | str | Path | None = None,
    *,
    quiet: bool = False,
    warm: bool = True,
    max_upload: int = MAX_UPLOAD,
    notify: Notify | None = None,
) -> PolicyKBServer:
    """A server bound to ``host:port`` (port 0: a free port, see ``server.url``), not yet
    serving: call ``serve_forever()`` (in a thread, for tests) and ``shutdown()``.

    ``corpus`` is a ``Corpus`` or a folder (default: the corpus in force).  With ``warm``
    the obligations are read and the search index opened before the first request.
    Raises :class:`InputError` (Chinese) when the address cannot be used.
    """
    loaded = _corpus(corpus)
    app = WebApp(loaded, max_upload=max_upload)
    if warm:
        from ..search.service import get_engine

        _ = loaded.obligations
        get_engine(loaded, notify=notify)
    try:
        return PolicyKBServer((host, port), app, quiet=quiet)
    except OSError as exc:
        raise _address_error(host, port, exc) from exc


def _address_error(host: str, port: int, exc: OSError) -> InputError:
    if exc.errno == errno.EADDRINUSE:
        return InputError(
            f"端口 {port} 已被占用，无法启动网页服务",
            hint="用 --port 换一个端口（如 --port 8766），或先关闭占用该端口的程序",
        )
    if exc.errno == errno.EACCES:
        return InputError(
            f"没有权限使用端口 {port}", hint="1024 以下的端口需要管理员权限，请换用 8765 等端口"
        )
    if isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL:
        return InputError(f"无法监听地址“{host}”", hint="本机使用请保持默认的 127.0.0.1")
    return InputError(f"无法在 {host}:{port} 上启动网页服务：{exc.strerror or exc}")


def serve(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    corpus: Corpus | str | Path | None = None,
    *,
    open_browser: bool = False,
    notify: Notify = _stderr,
) -> None:
    """Serve the web app until Ctrl+C, telling the user the address on standard error."""
    if not is_loopback(host):
        notify(
            f"警告：网页服务将监听 {host}，同一网络中的其他计算机也能访问本知识库和上传的方案。"
            "仅在可信的内部网络中这样做；本机使用请去掉 --host（默认 127.0.0.1）。"
        )
    server = make_server(host, port, corpus, notify=notify)
    notify(f"policykb 网页界面已启动：{server.url}")
    notify("在浏览器中打开上面的地址；按 Ctrl+C 停止。")
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        notify("已停止网页服务。")
    finally:
        server.server_close()
