"""A responsibility matrix as Markdown, for pasting into documents and wikis.

Tables are GitHub-flavoured Markdown; ``|`` in cell text is escaped and line breaks become
``<br>``, so every row stays one line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..matrix import (
    DUTY_HEADERS,
    counts_text,
    department_heading,
    duty_cells,
    filters_text,
    grid_label,
    roles_by_id,
)
from ..models import Matrix

ALL_VIEWS: tuple[str, ...] = ("overview", "departments", "grid")


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\r\n", "\n").strip().replace("\n", "<br>")
    return text or " "


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    lines.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in rows)
    return lines


def render_markdown(matrix: Matrix, *, views: Sequence[str] = ALL_VIEWS) -> str:
    """The matrix as one Markdown document: overview, per-department lists, the grid."""
    lines = ["# 部门责任清单", ""]
    filters = filters_text(matrix)
    if filters:
        lines += [f"筛选：{cell(filters)}", ""]
    if not matrix.departments:
        lines.append("没有符合条件的部门或任务。")
        return "\n".join(lines) + "\n"
    if "overview" in views:
        lines += _overview(matrix)
    if "departments" in views:
        lines += _departments(matrix)
    if "grid" in views:
        lines += _grid(matrix)
    return "\n".join(lines).rstrip("\n") + "\n"


def _overview(matrix: Matrix) -> list[str]:
    lines = [
        "## 总览：部门 × 文档",
        "",
        "单元格为该部门在该文档中牵头、配合、作为责任单位的任务项数。",
        "",
    ]
    headers = ["部门", *(d.id for d in matrix.documents), "合计"]
    rows = [
        [
            d.name,
            *(counts_text(d.counts.get(doc.id)) for doc in matrix.documents),
            counts_text(d.total) or "0",
        ]
        for d in matrix.departments
    ]
    lines += table(headers, rows)
    lines.append("")
    lines += [f"- `{d.id}`：{cell(d.title or d.id)}" for d in matrix.documents]
    lines.append("")
    return lines


def _departments(matrix: Matrix) -> list[str]:
    lines: list[str] = []
    for department in matrix.departments:
        lines += [f"## {cell(department.name)}", "", department_heading(department), ""]
        if department.aliases:
            lines += ["也称：" + cell("、".join(department.aliases)), ""]
        if not department.duties:
            lines += ["（没有符合条件的任务）", ""]
            continue
        lines += table(DUTY_HEADERS, (duty_cells(duty) for duty in department.duties))
        lines.append("")
    return lines


def _grid(matrix: Matrix) -> list[str]:
    marks = [roles_by_id(d) for d in matrix.departments]
    headers = ["任务", "标题", *(d.name for d in matrix.departments)]
    rows = [
        [o.id, o.title or "—", *(grid_label(m.get(o.id, [])) for m in marks)]
        for o in matrix.obligations
    ]
    lines = ["## 网格：任务 × 部门", ""]
    lines += table(headers, rows)
    lines.append("")
    return lines
