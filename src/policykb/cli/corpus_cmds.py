"""Commands over documents and clauses: docs, clauses, show."""

from __future__ import annotations

from pathlib import Path

import click

from ..render.console import make_console
from ..render.corpus_view import document_listing, print_clause, print_clauses, print_documents
from .app import cli, corpus_option, echo_json, format_option, get_corpus


@cli.command()
@corpus_option
@format_option("table", "json")
def docs(corpus_dir: Path | None, fmt: str) -> None:
    """列出语料中的政策文件（文号、层级、条款数、任务数）。"""
    rows = document_listing(get_corpus(corpus_dir))
    if fmt == "json":
        echo_json({"documents": rows})
    else:
        print_documents(make_console(), rows)


@cli.command()
@corpus_option
@click.option("--doc", "doc_id", help="只列出这个文档的条款（文档 ID，见 policykb docs）。")
@format_option("table", "json")
def clauses(corpus_dir: Path | None, doc_id: str | None, fmt: str) -> None:
    """列出条款及其 ID（可用 policykb show 查看全文）。"""
    corpus = get_corpus(corpus_dir)
    items = corpus.clauses_of(doc_id)
    if fmt == "json":
        echo_json({"clauses": [c.model_dump(mode="json") for c in items]})
    else:
        print_clauses(make_console(), items)


@cli.command()
@corpus_option
@click.argument("clause_id")
@format_option("text", "json", default="text")
def show(corpus_dir: Path | None, clause_id: str, fmt: str) -> None:
    """显示一个条款的位置、标题、全文和下级条款。

    CLAUSE_ID 形如 ymzf-2022:二/（一）/1（半角括号也可）；前言为 文档ID:preamble。
    """
    corpus = get_corpus(corpus_dir)
    clause = corpus.clause(clause_id)
    if fmt == "json":
        echo_json({"clause": clause})
        return
    print_clause(make_console(), corpus.document(clause.doc_id), clause, corpus.children(clause))
