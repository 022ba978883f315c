"""Command-line interface: a thin layer over the library.

Each command parses its arguments, calls the library and hands the result to a renderer.
``main`` turns every ``PolicyKBError`` into a Chinese message on standard error and a
non-zero exit code; a traceback is shown only with ``POLICYKB_DEBUG=1``.
"""

from __future__ import annotations

import os
import re
import sys
import traceback

import click

from ..errors import PolicyKBError

# each module registers its commands on ``cli`` when imported
from . import (  # noqa: F401
    check_cmds,
    corpus_cmds,
    matrix_cmds,
    obligation_cmds,
    search_cmds,
    web_cmds,
)
from .app import cli

__all__ = ["cli", "main"]


# click's usage messages, in Chinese (the rest of each message is kept as click wrote it)
_USAGE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Missing argument '([^']+)'\.?$"), r"缺少参数 \1。"),
    (re.compile(r"^Missing option '([^']+)'\.?$"), r"缺少选项 \1。"),
    (re.compile(r"^Option '([^']+)' requires an argument\.?$"), r"选项 \1 后面需要一个值。"),
    (
        re.compile(r"^No such option:? '?([^'\s]+)'?\.?\s+Did you mean '?([^'?]+)'?\?$"),
        r"没有选项 \1。你是不是要用 \2？",
    ),
    (re.compile(r"^No such option:? '?([^'\s]+?)'?\.?$"), r"没有选项 \1。"),
    (re.compile(r"^No such command '([^']+)'\.?$"), r"没有命令 \1。"),
    (re.compile(r"^Got unexpected extra arguments? \((.*)\)$"), r"多余的参数：\1"),
    (
        re.compile(r"^Invalid value for '([^']+)'(?: / '[^']+')*: (.*) is not one of (.*)\.$"),
        r"选项 \1 的值 \2 无效，可选：\3。",
    ),
    (
        re.compile(
            r"^Invalid value for '([^']+)'(?: / '[^']+')*: (.*) is not in the range (.*)\.$"
        ),
        r"选项 \1 的值 \2 超出范围 \3。",
    ),
    (
        re.compile(r"^Invalid value for '([^']+)'(?: / '[^']+')*: (.*)$"),
        r"选项 \1 的值无效：\2",
    ),
]


def translate_usage(message: str) -> str:
    """click's usage error in Chinese where we know its wording."""
    for pattern, replacement in _USAGE_PATTERNS:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``policykb`` console script."""
    try:
        code = cli.main(args=argv, prog_name="policykb", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else str(exc), err=True)
        code = 2
    except click.UsageError as exc:
        cmd = exc.ctx.command_path if exc.ctx else "policykb"
        message = translate_usage(exc.format_message())
        click.echo(f"用法错误：{message}\n运行 {cmd} --help 查看用法。", err=True)
        code = 2
    except click.exceptions.Abort:
        click.echo("已取消。", err=True)
        code = 130
    except click.ClickException as exc:
        click.echo(f"错误：{exc.format_message()}", err=True)
        code = exc.exit_code
    except PolicyKBError as exc:
        click.echo(f"错误：{exc}", err=True)
        code = exc.exit_code
    except BrokenPipeError:
        code = 0
    except KeyboardInterrupt:
        click.echo("已中断。", err=True)
        code = 130
    except Exception as exc:  # a bug: say so plainly, show details only on request
        if os.environ.get("POLICYKB_DEBUG"):
            traceback.print_exc()
        click.echo(
            f"内部错误：{type(exc).__name__}: {exc}\n这是 policykb 的缺陷，请设置 POLICYKB_DEBUG=1 "
            "重新运行并把输出报告给维护者。",
            err=True,
        )
        code = 70
    sys.exit(code if isinstance(code, int) else 0)
