"""The ``policykb`` command group and the options its commands share."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from pydantic import BaseModel

from ..corpus import CORPUS_ENV, Corpus, load_corpus

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class ChineseCommand(click.Command):
    """A command whose built-in ``--help`` option is described in Chinese."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option


class ChineseGroup(click.Group):
    command_class = ChineseCommand

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option


ChineseGroup.group_class = ChineseGroup


@click.group(cls=ChineseGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(
    package_name="policykb", message="policykb %(version)s", help="显示版本号并退出。"
)
def cli() -> None:
    """policykb —— 政策文件知识库：检索条款、分解部门责任、核对县区工作方案。

    \b
    常用命令：
      policykb docs                       列出语料中的政策文件
      policykb show ymzf-2022:二/（一）/1  查看一个条款
      policykb search 三类监测对象         全文检索条款
      policykb obligations --dept 人社局   查看某部门承担的任务
      policykb matrix --dept 市农业农村局  生成责任清单（终端/Excel/HTML/Markdown/CSV）
      policykb check 方案.docx             核对县区工作方案是否落实上级要求

    默认使用随软件附带的 6 份 2022 年政策文件；用 --corpus 目录 或环境变量
    POLICYKB_CORPUS 指向自己的语料目录。每个列表命令都支持 --format json。
    """


def corpus_option(func: F) -> F:
    """``--corpus DIR``: read documents from DIR instead of the bundled corpus."""
    return click.option(
        "--corpus",
        "corpus_dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar=CORPUS_ENV,
        default=None,
        help="语料目录（含 .md 政策文件）；默认使用内置语料，也可设环境变量 POLICYKB_CORPUS。",
    )(func)


def format_option(*choices: str, default: str = "table") -> Callable[[F], F]:
    def decorate(func: F) -> F:
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(list(choices)),
            default=default,
            show_default=True,
            help="输出格式。",
        )(func)

    return decorate


def get_corpus(corpus_dir: Path | None) -> Corpus:
    return load_corpus(corpus_dir)


def to_jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value


def echo_json(payload: Any) -> None:
    """Print one JSON document on stdout: UTF-8, Chinese as characters."""
    text = json.dumps(to_jsonable(payload), ensure_ascii=False, indent=2)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def info(message: str) -> None:
    """Progress and notes go to standard error, so stdout stays machine-readable."""
    click.echo(message, err=True)
