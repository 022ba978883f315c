"""Commands ``matrix`` (responsibility lists per department) and ``calendar`` (deadlines
as an .ics file)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import sys
from collections.abc import Iterator
from pathlib import Path

import click
from rich.console import Console

from ..errors import InputError
from ..models import Matrix
from .app import F, cli, corpus_option, get_corpus, info, to_jsonable

ROLE_CHOICE = click.Choice(["lead", "cooperate", "responsible"])
FORMATS = ("table", "md", "csv", "xlsx", "html", "json")
VIEWS = ("departments", "overview", "grid")


def parse_date(value: str | None) -> dt.date | None:
    """An ISO date typed by a user (2022-06-30); a Chinese message when it is not one."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(
            f"日期格式不对：{value}", hint="请写成 年-月-日，例如 --due-before 2022-06-30"
        ) from None


@contextlib.contextmanager
def _writing(path: Path) -> Iterator[None]:
    """Turn an operating-system error while writing ``path`` (disk full …) into a message;
    the file being replaced is left as it was (the writers go through ``fileio``)."""
    try:
        yield
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(f"无法写入 {path}：{reason}", hint="原有文件（如有）未被改动") from exc


def _dept_option(func: F) -> F:
    return click.option(
        "--dept",
        "depts",
        multiple=True,
        metavar="NAME",
        help="只看这个部门（可重复）；简称、别名均可，如 人社局、市发改委、各县（区）。",
    )(func)


def _build(
    corpus_dir: Path | None,
    depts: tuple[str, ...],
    doc_id: str | None,
    role: str | None,
    due_before: str | None,
    expand_groups: bool,
) -> Matrix:
    from ..matrix import build_matrix, group_hints
    from ..registry import load_registry

    due = parse_date(due_before)
    corpus = get_corpus(corpus_dir)
    if doc_id:
        corpus.document(doc_id)
    registry = load_registry()
    matrix = build_matrix(
        corpus.obligations,
        registry=registry,
        departments=list(depts),
        doc=doc_id,
        role=role,  # type: ignore[arg-type]
        due_before=due,
        expand_groups=expand_groups,
        documents=corpus.documents,
    )
    for name, groups in group_hints(matrix, registry):
        info(
            f"提示：{name}没有直接列名的任务；加 --expand-groups 可列出“{'、'.join(groups)}”承担的任务。"
        )
    return matrix


@cli.command()
@corpus_option
@_dept_option
@click.option("--doc", "doc_id", help="只看这个文档（文档 ID，见 policykb docs）。")
@click.option(
    "--role",
    type=ROLE_CHOICE,
    help="只看一种角色：lead 牵头 / cooperate 配合 / responsible 责任单位。",
)
@click.option(
    "--due-before", metavar="DATE", help="只看时限在该日期（含）之前的任务，如 2022-06-30。"
)
@click.option(
    "--expand-groups",
    is_flag=True,
    help="把“各县（区）”等集体展开到成员：中宁县也列出各县（区）承担的任务。",
)
@click.option(
    "--view",
    type=click.Choice(VIEWS),
    default=None,
    help="终端和 md 格式显示的内容：departments 按部门（终端默认）/ overview 总览 / grid 网格。",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="输出格式：table 终端表格，md Markdown，csv 表格（Excel 可直接打开），"
    "xlsx Excel 工作簿，html 可打印网页，json。",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="写入的文件（xlsx 必填；其他格式默认打印到屏幕）。已存在的文件会被替换。",
)
def matrix(
    corpus_dir: Path | None,
    depts: tuple[str, ...],
    doc_id: str | None,
    role: str | None,
    due_before: str | None,
    expand_groups: bool,
    view: str | None,
    fmt: str,
    output: Path | None,
) -> None:
    """部门责任清单：每个部门牵头、配合、作为责任单位的任务，及时限和指标。

    \b
    例：policykb matrix --dept 人社局
        policykb matrix --view overview
        policykb matrix --dept 中宁县 --expand-groups --format xlsx -o 中宁县任务清单.xlsx
        policykb matrix --format html -o 责任清单.html
    """
    if fmt == "xlsx" and output is None:
        raise InputError("xlsx 格式需要用 -o 指定输出文件", hint="例如 -o 责任清单.xlsx")
    result = _build(corpus_dir, depts, doc_id, role, due_before, expand_groups)
    if fmt == "xlsx":
        from ..render.matrix_xlsx import write_xlsx

        assert output is not None
        with _writing(output):
            write_xlsx(result, output)
        info(
            f"已写入 {output}：{len(result.departments)} 个部门，{len(result.obligations)} 项任务。"
        )
        return
    if fmt == "table" and output is None:
        from ..render.console import make_console
        from ..render.matrix_terminal import print_matrix

        print_matrix(make_console(), result, view=view or "departments")  # type: ignore[arg-type]
        return
    text = _render(result, fmt, view)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from ..fileio import write_text_atomic

    with _writing(output):
        write_text_atomic(output, text)
    info(f"已写入 {output}：{len(result.departments)} 个部门，{len(result.obligations)} 项任务。")


def _render(result: Matrix, fmt: str, view: str | None) -> str:
    if fmt == "json":
        import json

        return json.dumps(to_jsonable(result), ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        from ..render.matrix_markdown import ALL_VIEWS, render_markdown

        return render_markdown(result, views=(view,) if view else ALL_VIEWS)
    if fmt == "csv":
        from ..render.matrix_csv import render_csv

        return render_csv(result)
    if fmt == "html":
        from ..render.matrix_html import render_html

        return render_html(result)
    from ..render.matrix_terminal import print_matrix

    buffer = io.StringIO()
    console = Console(file=buffer, width=120, no_color=True, highlight=False, soft_wrap=False)
    print_matrix(console, result, view=view or "departments")  # type: ignore[arg-type]
    return buffer.getvalue()


@cli.command()
@corpus_option
@_dept_option
@click.option("--doc", "doc_id", help="只看这个文档（文档 ID）。")
@click.option("--role", type=ROLE_CHOICE, help="与 --dept 同用：只看牵头 / 配合 / 责任单位的任务。")
@click.option(
    "--expand-groups", is_flag=True, help="与 --dept 同用：县（区）也包括“各县（区）”的任务。"
)
@click.option(
    "--until", metavar="DATE", help="周期性时限重复到该日期为止，如 2022-12-31（默认不设结束）。"
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="写入的 .ics 文件（必填）。已存在的文件会被替换。",
)
def calendar(
    corpus_dir: Path | None,
    depts: tuple[str, ...],
    doc_id: str | None,
    role: str | None,
    expand_groups: bool,
    until: str | None,
    output: Path | None,
) -> None:
    """把任务时限写成日历文件（.ics），可导入 Outlook、手机日历等。

    \b
    具体日期（3月底）为全天日程；周期性时限（每月25日前、每季度末）为重复日程；
    相对时限（5个工作日内）和期间（“十四五”期间）没有具体日期，不写入并报告数量。
    例：policykb calendar --dept 人社局 -o 人社局时限.ics
    """
    from ..calendar import DEFAULT_NAME, build_calendar, write_calendar

    if output is None:
        raise InputError("请用 -o 指定输出的日历文件", hint="例如 -o 任务时限.ics")
    end = parse_date(until)
    corpus = get_corpus(corpus_dir)
    name = DEFAULT_NAME
    if depts or role:
        result = _build(corpus_dir, depts, doc_id, role, None, expand_groups)
        items = result.obligations
        if depts:
            name += f"（{'、'.join(d.name for d in result.departments)}）"
    else:
        items = corpus.obligations_of(doc_id)
        name += f"（{doc_id}）" if doc_id else ""
    cal = build_calendar(items, documents=corpus.documents, name=name, until=end)
    with _writing(output):
        write_calendar(cal, output)
    info(f"已写入 {output}：{cal.events} 个日程（其中 {cal.recurring} 个重复日程）。")
    if cal.skipped:
        kinds = sorted({s.reason for s in cal.skipped})
        examples = "、".join(dict.fromkeys(s.deadline.raw for s in cal.skipped))
        info(f"跳过 {len(cal.skipped)} 个没有具体日期的时限（{'、'.join(kinds)}）：{examples}")
