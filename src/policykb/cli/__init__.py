"""Command-line interface: a thin layer over the library.

Each command parses its arguments, calls the library and hands the result to a renderer.
``main`` turns every ``PolicyKBError`` into a Chinese message on standard error and a
non-zero exit code; a traceback is shown only with ``POLICYKB_DEBUG=1``.
"""

from __future__ import annotations

import os
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


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``policykb`` console script."""
    try:
        code = cli.main(args=argv, prog_name="policykb", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else str(exc), err=True)
        code = 2
    except click.UsageError as exc:
        cmd = exc.ctx.command_path if exc.ctx else "policykb"
        click.echo(f"用法错误：{exc.format_message()}\n运行 {cmd} --help 查看用法。", err=True)
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
