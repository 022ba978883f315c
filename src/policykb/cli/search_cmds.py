"""Commands over the search index: search, index.

jieba and whoosh are imported inside the commands, so other commands start fast.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..render.console import make_console
from .app import cli, corpus_option, echo_json, format_option, get_corpus, info


@cli.command()
@corpus_option
@click.argument("query", nargs=-1)
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(1, 10_000),
    default=10,
    show_default=True,
    help="最多显示多少条结果。",
)
@click.option("--doc", "doc_id", help="只检索这个文档（文档 ID，见 policykb docs）。")
@click.option(
    "--level", help="只检索这一层级的文件：national 国家 / region 自治区 / city 市 / county 县。"
)
@click.option("--dept", help="只看这个部门承担任务的条款；简称、别名均可，如 人社局、市发改委。")
@click.option("--role", help="与 --dept 同用：lead 牵头 / cooperate 配合 / responsible 责任。")
@click.option("--has-target", is_flag=True, help="只看带有数量指标的条款。")
@click.option(
    "--due-before", metavar="DATE", help="只看有任务在该日期（含）之前到期的条款，如 2022-06-30。"
)
@format_option("text", "json", default="text")
def search(
    corpus_dir: Path | None,
    query: tuple[str, ...],
    limit: int,
    doc_id: str | None,
    level: str | None,
    dept: str | None,
    role: str | None,
    has_target: bool,
    due_before: str | None,
    fmt: str,
) -> None:
    """全文检索条款，最相关的排在前面，命中词语高亮。

    \b
    QUERY 是要找的词语，空格分隔的多个词须同时出现（都找不到时退而求其次）：
      policykb search 三类监测对象
      policykb search 养老 服务 --level city
      policykb search '"社会组织"'            引号内按短语精确匹配
      policykb search 低保 OR 临时救助         任一即可
      policykb search 就业 -- -培训            减号开头：排除含“培训”的条款
      policykb search 人社局 --role lead      部门简称也能查到全称
      policykb search --dept 人社局 --has-target   只用筛选条件，列出条款
    """
    from ..search.service import run_search

    corpus = get_corpus(corpus_dir)
    outcome = run_search(
        corpus,
        " ".join(query),
        limit=limit,
        doc=doc_id,
        level=level,
        dept=dept,
        role=role,
        has_target=has_target or None,
        due_before=due_before,
        notify=info,
    )
    if fmt == "json":
        for note in outcome.notes:
            info(f"提示：{note}")
        echo_json(outcome.result)
        return
    from ..render.search_view import print_search_result

    print_search_result(make_console(), outcome.result, notes=outcome.notes)


@cli.command()
@corpus_option
@format_option("text", "json", default="text")
def index(corpus_dir: Path | None, fmt: str) -> None:
    """建立（或重建）检索索引，并报告索引了什么。

    检索时会自动建立索引并在语料、标注或词典变化后自动更新，一般无需手动运行；
    本命令用于预先建立索引，或在怀疑索引有问题时强制重建。
    索引保存在用户缓存目录（可用环境变量 POLICYKB_CACHE_DIR 指定）。
    """
    from ..search.service import build_index

    corpus = get_corpus(corpus_dir)
    built = build_index(corpus, force=True, notify=info)
    if fmt == "json":
        echo_json({"index": built.to_dict()})
        return
    from ..render.search_view import print_index_info

    print_index_info(make_console(), built.to_dict())
