"""Terminal views of documents and clauses."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from ..models import Clause, Document

if TYPE_CHECKING:  # pragma: no cover
    from ..corpus import Corpus

LEVEL_LABELS = {
    "national": "国家",
    "region": "自治区/省",
    "city": "市",
    "county": "县（区）",
    "other": "其他",
}


def document_rows(documents: list[Document], obligation_counts: dict[str, int]) -> list[dict]:
    """The ``docs`` listing as plain rows (the JSON contract's shape)."""
    return [
        {
            "id": doc.id,
            "title": doc.meta.title,
            "doc_number": doc.meta.doc_number,
            "issuers": doc.meta.issuers,
            "level": doc.meta.level,
            "region": doc.meta.region,
            "date": doc.meta.date.isoformat() if doc.meta.date else None,
            "year": doc.meta.year,
            "clauses": len(doc.clauses),
            "obligations": obligation_counts.get(doc.id, 0),
        }
        for doc in documents
    ]


def document_listing(corpus: Corpus) -> list[dict]:
    """The rows of ``policykb docs`` for a corpus: ``document_rows`` with the number of
    obligations of each document (shared by the CLI and the web app's ``/api/docs``)."""
    counts = Counter(obligation.doc_id for obligation in corpus.obligations)
    return document_rows(corpus.documents, dict(counts))


def print_documents(console: Console, rows: list[dict]) -> None:
    table = RichTable(title="政策文件", show_lines=False, expand=False)
    for header in ("ID", "标题", "文号", "层级", "地区", "条款", "任务"):
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(
            row["id"],
            row["title"],
            row["doc_number"] or "—",
            LEVEL_LABELS.get(row["level"], row["level"]),
            row["region"],
            str(row["clauses"]),
            str(row["obligations"]),
        )
    console.print(table)


def print_clauses(console: Console, clauses: list[Clause], *, width: int = 48) -> None:
    table = RichTable(title=f"条款（{len(clauses)} 条）")
    for header in ("条款 ID", "层级", "标题", "正文摘要"):
        table.add_column(header, overflow="fold")
    for clause in clauses:
        snippet = clause.text.replace("\n", " ")
        snippet = snippet[:width] + ("…" if len(snippet) > width else "")
        table.add_row(clause.id, str(clause.level), clause.title or "—", snippet)
    console.print(table)


def print_clause(
    console: Console, document: Document, clause: Clause, children: list[Clause]
) -> None:
    """One clause as a person reads it: where it is, its title, its full text."""
    console.print(Text(f"《{document.meta.title}》", style="bold"))
    meta = [document.meta.doc_number or "", f"条款 {clause.id}"]
    console.print(Text("  ".join(m for m in meta if m), style="dim"))
    where = "/".join(clause.path) or {"preamble": "前言", "closing": "结尾"}.get(clause.kind, "")
    heading = f"{clause.label or where} {clause.title or ''}".strip()
    console.print(Text(heading, style="bold cyan"))
    if clause.text:
        console.print(clause.text, soft_wrap=True)
    for table in clause.tables:
        rich_table = RichTable(show_header=True)
        for header in table.rows[0] if table.rows else []:
            rich_table.add_column(header or " ")
        for row in table.rows[1:]:
            rich_table.add_row(*row)
        console.print(rich_table)
    if children:
        console.print(Text(f"下级条款（{len(children)}）：", style="bold"))
        for child in children:
            console.print(f"  {child.id}  {child.title or child.text[:30]}")
