"""``policykb check``: check county draft plans against the city's requirements."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import PolicyKBError
from ..models import CheckResult, PlanReport
from ..render.console import make_console
from .app import cli, corpus_option, echo_json, get_corpus, info


@cli.command()
@corpus_option
@click.argument("plans", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--against",
    "against",
    multiple=True,
    metavar="DOC_ID",
    help="只按这些文档的要求核对（可重复，如 --against ymzf-2022）；默认：适用于本县（区）的全部要求。",
)
@click.option("--jurisdiction", help="方案所属县（区），如 中宁县；默认从方案标题识别。")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "md", "html", "json"]),
    default="table",
    show_default=True,
    help="输出格式：table 终端摘要 / md Markdown / html 可打印网页 / json。",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="写入文件（默认打印到屏幕）。"
)
@click.option("--all", "show_all", is_flag=True, help="终端摘要中也列出已满足的要求。")
def check(
    corpus_dir: Path | None,
    plans: tuple[Path, ...],
    against: tuple[str, ...],
    jurisdiction: str | None,
    fmt: str,
    output: Path | None,
    show_all: bool,
) -> None:
    """核对县（区）工作方案是否落实了上级文件的要求。

    对每一项要求（每个指标、每个时限各算一项）在方案中找出证据并判断：已满足、缺失、
    指标偏低、时限推后、未明确责任单位、表述空泛、分担总量。方案可以是 .docx、.txt
    （UTF-8/GBK/GB18030/UTF-16）或 .md 文件；同时核对多个方案时汇总各县（区）分担的
    全市总量及缺口。

    \b
    退出码：0 全部满足（或分担总量）；1 有缺失或弱化；2 用法或文件错误。
    \b
    例：policykb check 中宁县方案.docx
        policykb check 中宁.docx 海原.txt 沙坡头.md --format html -o 核对报告.html
        policykb check 方案.docx --against ymzf-2022 --jurisdiction 中宁县 --format json
    """
    from ..checking import check_plan
    from ..checking.rollup import rollup

    corpus = get_corpus(corpus_dir)
    for doc_id in against:
        corpus.document(doc_id)  # unknown id: a message with suggestions, exit 2
    reports: list[PlanReport] = []
    failed = 0
    several = len(plans) > 1
    for n, path in enumerate(plans, 1):
        if several:
            info(f"[{n}/{len(plans)}] 核对 {path} …")
        try:
            report = check_plan(
                path, corpus, jurisdiction=jurisdiction, against=list(against) or None
            )
        except PolicyKBError as exc:
            if not several:
                raise
            failed += 1
            info(f"错误：{exc}")
            continue
        for warning in report.warnings:
            info(f"提示：{path}: {warning}")
        reports.append(report)
    result = CheckResult(plans=reports, rollup=rollup(reports) if len(reports) > 1 else [])
    if not any(report.findings for report in reports):
        info("没有可以核对的内容：未读到方案，或没有适用于该县（区）的要求。")
        sys.exit(2)
    _emit(result, fmt, output, show_all)
    if failed:
        info(f"有 {failed} 个方案无法读取，已跳过（退出码 2）。")
        sys.exit(2)
    sys.exit(1 if result.has_defects else 0)


def _emit(result: CheckResult, fmt: str, output: Path | None, show_all: bool) -> None:
    from ..fileio import write_text_atomic

    if fmt == "json":
        if output is None:
            echo_json(result)
            return
        import json

        from .app import to_jsonable

        text = json.dumps(to_jsonable(result), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "md":
        from ..render.check_markdown import render_check_markdown

        text = render_check_markdown(result)
    elif fmt == "html":
        from ..render.check_html import render_check_html

        text = render_check_html(result)
    else:
        from ..render.check_terminal import print_check

        if output is None:
            print_check(make_console(), result, show_all=show_all)
            return
        from io import StringIO

        from rich.console import Console

        buffer = StringIO()
        print_check(
            Console(file=buffer, width=120, no_color=True, highlight=False),
            result,
            show_all=show_all,
        )
        text = buffer.getvalue()
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    write_text_atomic(output, text)
    info(f"已写入 {output}")
