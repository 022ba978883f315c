"""The ``serve`` command: the local web app (``policykb.web``)."""

from __future__ import annotations

from pathlib import Path

import click

from .app import cli, corpus_option, info


@cli.command()
@corpus_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="监听的地址；默认只允许本机访问。0.0.0.0 会向局域网开放，请谨慎。",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="端口；0 表示任选一个空闲端口。",
)
@click.option("--open", "open_browser", is_flag=True, help="启动后在默认浏览器中打开。")
def serve(corpus_dir: Path | None, host: str, port: int, open_browser: bool) -> None:
    """启动本机网页界面：浏览文件、检索条款、查看部门责任、上传方案核对。

    \b
    例：policykb serve --open
        policykb serve --port 8800 --corpus 我的语料
    地址打印在标准错误上（默认 http://127.0.0.1:8765/），按 Ctrl+C 停止。
    """
    from ..web.server import serve as run

    run(host, port, corpus_dir, open_browser=open_browser, notify=info)
