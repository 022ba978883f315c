"""Commands over obligations: obligations, extract, annotations check / draft."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..models import ROLE_LABELS
from ..render.console import make_console
from ..render.obligations_view import print_obligations
from .app import cli, corpus_option, echo_json, format_option, get_corpus, info

ROLE_CHOICE = click.Choice(["lead", "cooperate", "responsible"])


@cli.command()
@corpus_option
@click.option("--doc", "doc_id", help="只看这个文档（文档 ID，见 policykb docs）。")
@click.option("--dept", help="只看这个部门承担的任务；简称、别名均可，如 人社局、市发改委。")
@click.option(
    "--role",
    type=ROLE_CHOICE,
    help="与 --dept 同用：lead 牵头 / cooperate 配合 / responsible 责任。",
)
@click.option(
    "--expand-groups", is_flag=True, help="与 --dept 同用：县（区）也列出“各县（区）”承担的任务。"
)
@format_option("table", "json")
def obligations(
    corpus_dir: Path | None,
    doc_id: str | None,
    dept: str | None,
    role: str | None,
    expand_groups: bool,
    fmt: str,
) -> None:
    """列出任务（谁、做什么、何时完成、指标多少），来自人工审核的标注。

    \b
    例：policykb obligations --dept 人社局
        policykb obligations --doc ymzf-2022 --format json
    """
    from ..selection import select_obligations

    corpus = get_corpus(corpus_dir)
    if doc_id:
        corpus.document(doc_id)
    items = select_obligations(
        corpus.obligations,
        doc=doc_id,
        dept=dept,
        role=role,  # type: ignore[arg-type]
        expand_groups=expand_groups,
    )
    if fmt == "json":
        echo_json({"obligations": [o.model_dump(mode="json") for o in items]})
    else:
        if dept and role:
            info(f"部门“{dept}”作为{ROLE_LABELS[role]}单位的任务：")
        print_obligations(make_console(), items)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--jurisdiction", help="文件所属行政区（如 中宁县），用于补全“县”“市”等前缀；默认从标题识别。"
)
@format_option("table", "json")
def extract(file: Path, jurisdiction: str | None, fmt: str) -> None:
    """从语料以外的文件（.md / .txt / .docx）抽取条款和任务。

    .txt 支持 UTF-8、GBK、GB18030、UTF-16 编码（自动识别）。
    """
    from ..documents.plans import read_any_document
    from ..extraction.obligations import extract_obligations

    document = read_any_document(file, jurisdiction=jurisdiction)
    items = extract_obligations(document)
    for warning in document.warnings:
        info(f"提示：{warning}")
    if fmt == "json":
        meta = document.meta
        echo_json(
            {
                "document": {
                    "id": meta.id,
                    "title": meta.title,
                    "doc_number": meta.doc_number,
                    "issuers": meta.issuers,
                    "level": meta.level,
                    "region": meta.region,
                    "date": meta.date.isoformat() if meta.date else None,
                },
                "clauses": [c.model_dump(mode="json") for c in document.clauses],
                "obligations": [o.model_dump(mode="json") for o in items],
            }
        )
    else:
        console = make_console()
        console.print(
            f"《{document.meta.title}》 {len(document.clauses)} 个条款，抽取到 {len(items)} 项任务"
        )
        print_obligations(console, items)


@cli.group("annotations")
def annotations_group() -> None:
    """人工审核的任务标注：校验（check）和生成草稿（draft）。"""


@annotations_group.command("check")
@corpus_option
def annotations_check(corpus_dir: Path | None) -> None:
    """校验全部标注文件：格式、条款 ID、引文、部门规范名称、数值与原文一致。

    有问题时逐条列出“文件:行号: 问题”，退出码为 1。
    """
    from ..annotations import annotation_files, check_annotations

    corpus = get_corpus(corpus_dir)
    problems = check_annotations(corpus)
    files = annotation_files(corpus.annotations_dir)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        info(f"共 {len(problems)} 个问题（{len(files)} 个标注文件）。")
        sys.exit(1)
    info(f"标注文件全部通过校验（{len(files)} 个文件，{len(corpus.obligations)} 项任务）。")


@annotations_group.command("draft")
@corpus_option
@click.argument("file_or_doc")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="写入的文件（默认打印到屏幕）。"
)
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
@click.option("--jurisdiction", help="文件所属行政区，用于补全部门名称前缀。")
def annotations_draft(
    corpus_dir: Path | None,
    file_or_doc: str,
    output: Path | None,
    force: bool,
    jurisdiction: str | None,
) -> None:
    """为一个文档生成任务标注草稿，供人工逐条审核。

    FILE_OR_DOC 是语料中的文档 ID，或一个 .md/.txt/.docx 文件。
    """
    from ..annotations import draft_annotation, dump_annotation
    from ..documents.plans import read_any_document
    from ..fileio import write_text_atomic

    path = Path(file_or_doc)
    if path.exists():
        document = read_any_document(path, jurisdiction=jurisdiction)
    else:
        document = get_corpus(corpus_dir).document(file_or_doc)
    text = dump_annotation(draft_annotation(document), document)
    if output is None:
        sys.stdout.write(text)
        return
    if output.exists() and not force:
        raise click.UsageError(f"文件已存在：{output}（加 --force 覆盖）")
    write_text_atomic(output, text)
    info(f"已写入 {output}：请逐条核对后把 status 改为 reviewed。")
