"""The server itself: internal errors, concurrent requests, request size, starting it."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest

from policykb.cli import main
from policykb.corpus import Corpus
from policykb.errors import InputError
from policykb.web import PolicyKBServer, make_server
from policykb.web import server as server_module
from policykb.web.app import Request, WebApp

from .conftest import Client, start, stop


def test_an_internal_error_is_logged_and_never_shown(
    client: Client, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(request: Request) -> None:
        raise RuntimeError("secret detail")

    app = client.server.app
    monkeypatch.setitem(app.routes, "/", {"GET": broken})
    monkeypatch.setitem(app.routes, "/api/docs", {"GET": broken})
    with caplog.at_level(logging.ERROR, logger="policykb.web"):
        reply = client.get("/")
        api = client.get("/api/docs")
    assert reply.status == 500
    assert "服务器内部错误" in reply.text
    assert "secret detail" not in reply.text
    assert "Traceback" not in reply.text
    assert api.status == 500
    assert "secret detail" not in api.text
    logged = [r for r in caplog.records if r.name == "policykb.web"]
    assert logged and logged[0].exc_info is not None
    assert "secret detail" in str(logged[0].exc_info[1])


def test_concurrent_requests(client: Client) -> None:
    paths = [
        "/search?q=就业",
        "/search?q=低保",
        "/api/search?q=养老",
        "/",
        "/matrix?dept=人社局",
    ] * 4
    statuses: list[int] = []
    lock = threading.Lock()

    def fetch(path: str) -> None:
        status = client.get(path).status
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=fetch, args=(p,)) for p in paths]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert statuses == [200] * len(paths)


@pytest.fixture
def small_server(corpus: Corpus) -> object:
    srv, thread = start(corpus, warm=False, max_upload=1000)
    yield srv
    stop(srv, thread)


def test_a_body_over_the_limit_is_refused_with_413(small_server: PolicyKBServer) -> None:
    client = Client(small_server)
    reply = client.request(
        "/check",
        method="POST",
        data=b"x" * 5000,
        headers={"Content-Type": "multipart/form-data; boundary=x"},
    )
    assert reply.status == 413
    assert "上传的内容太大（上限 1000 字节）" in reply.text
    bad = client.raw("POST", "/check", {"Host": "127.0.0.1", "Content-Length": "-3"})
    assert bad.status == 400
    assert "内容长度" in bad.text


def test_the_address_in_use_is_a_chinese_error(server: PolicyKBServer, corpus: Corpus) -> None:
    port = server.server_address[1]
    with pytest.raises(InputError, match="已被占用"):
        make_server("127.0.0.1", port, corpus, warm=False)


def test_the_app_can_be_called_without_a_server(corpus: Corpus) -> None:
    app = WebApp(corpus)
    response = app.handle(Request.from_target("GET", "/clause/jkb-2022%3A%E4%B8%80"))
    assert response.status == 200
    assert response.content_type == "text/html; charset=utf-8"
    status, _, body, _ = response
    assert status == 200
    assert "jkb-2022:一" in body.decode()


def test_serve_prints_the_address_and_warns_about_open_hosts(
    monkeypatch: pytest.MonkeyPatch, corpus: Corpus
) -> None:
    started: list[PolicyKBServer] = []

    def fake_make_server(host: str, port: int, corpus_arg: object, **kw: object) -> PolicyKBServer:
        srv = make_server("127.0.0.1", 0, corpus, warm=False, quiet=True)
        started.append(srv)

        def interrupted(poll_interval: float = 0.5) -> None:
            raise KeyboardInterrupt

        srv.serve_forever = interrupted  # type: ignore[method-assign]
        return srv

    monkeypatch.setattr(server_module, "make_server", fake_make_server)
    notes: list[str] = []
    server_module.serve("0.0.0.0", 8765, corpus, notify=notes.append)
    assert notes[0].startswith("警告：")
    assert "0.0.0.0" in notes[0]
    assert any(n.startswith("policykb 网页界面已启动：http://127.0.0.1:") for n in notes)
    assert notes[-1] == "已停止网页服务。"
    notes.clear()
    server_module.serve("127.0.0.1", 8765, corpus, notify=notes.append)
    assert not any("警告" in n for n in notes)


def test_cli_serve_passes_its_options(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    calls: list[tuple[object, ...]] = []

    def fake_serve(host: str, port: int, corpus: object, **kw: object) -> None:
        calls.append((host, port, corpus, kw["open_browser"]))

    monkeypatch.setattr(server_module, "serve", fake_serve)
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--port", "9000", "--corpus", str(tmp_path), "--open"])
    assert exit_info.value.code == 0
    assert calls == [("127.0.0.1", 9000, tmp_path, True)]
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--help"])
    out, _ = capsys.readouterr()
    assert "启动本机网页界面" in out
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--port", "70000"])
    assert exit_info.value.code == 2
