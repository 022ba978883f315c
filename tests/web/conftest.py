"""The web app's tests run the real server on 127.0.0.1, port 0, in a thread, and make real
HTTP requests with urllib."""

from __future__ import annotations

import http.client
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from policykb.corpus import Corpus
from policykb.web import PolicyKBServer, make_server


@dataclass
class Reply:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "")


class Client:
    """Real HTTP requests to a running server; 4xx/5xx answers are returned, not raised."""

    def __init__(self, server: PolicyKBServer) -> None:
        self.server = server
        self.base = server.url.rstrip("/")

    def request(
        self,
        path: str,
        *,
        method: str = "GET",
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        # quote Chinese in the path/query the way a browser does, keep what is already quoted
        target = quote(path, safe="/?&=%:#+;,()")
        req = urllib.request.Request(
            self.base + target, data=data, method=method, headers=headers or {}
        )
        try:
            with urllib.request.urlopen(req, timeout=30) as answer:
                return Reply(answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as err:
            with err:
                return Reply(err.code, err.headers, err.read())

    def get(self, path: str, **kw: Any) -> Reply:
        return self.request(path, **kw)

    def raw(self, method: str, path: str, headers: dict[str, str], body: bytes = b"") -> Reply:
        """A request with exactly these headers (http.client: Host can be set)."""
        parts = urlsplit(self.base)
        conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
        try:
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            for name, value in headers.items():
                conn.putheader(name, value)
            conn.endheaders(body or None)
            answer = conn.getresponse()
            return Reply(answer.status, answer.headers, answer.read())
        finally:
            conn.close()


def start(corpus: Corpus | Path, **kwargs: Any) -> tuple[PolicyKBServer, threading.Thread]:
    server = make_server("127.0.0.1", 0, corpus, quiet=True, **kwargs)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def stop(server: PolicyKBServer, thread: threading.Thread) -> None:
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PolicyKBServer]:
    """One server over the bundled corpus for the whole session (its index in the session's
    temporary cache folder, never the user's)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("POLICYKB_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "policykb-cache"))
        srv, thread = start(corpus)
        yield srv
        stop(srv, thread)


@pytest.fixture
def client(server: PolicyKBServer) -> Client:
    return Client(server)


def multipart(
    fields: dict[str, str | list[str]], files: list[tuple[str, str, bytes]]
) -> tuple[bytes, str]:
    """A ``multipart/form-data`` body as a browser sends it: file names as raw UTF-8."""
    boundary = "----policykbTestBoundary7MA4YWxkTrZu0gW"
    out: list[bytes] = []
    for name, values in fields.items():
        for value in [values] if isinstance(values, str) else values:
            out.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                + value.encode("utf-8")
                + b"\r\n"
            )
    for name, filename, data in files:
        out.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"
