"""Terminal views of a responsibility matrix: per department, the overview, the grid.

rich measures Chinese characters as two columns, so the tables line up in a terminal.
"""

from __future__ import annotations

from typing import Literal

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from ..matrix import (
    DUTY_HEADERS,
    department_heading,
    duty_cells,
    filters_text,
    roles_by_id,
)
from ..models import ROLE_LABELS, ROLES, Matrix, RoleCounts

View = Literal["departments", "overview", "grid"]
VIEWS: tuple[View, ...] = ("departments", "overview", "grid")

# 角色, 文档, 条款 take their content's width; the text columns share the rest
_RATIOS: tuple[int | None, ...] = (None, None, None, 2, 7, 3, 3)


def print_matrix(console: Console, matrix: Matrix, *, view: View = "departments") -> None:
    """Print one view of the matrix."""
    filters = filters_text(matrix)
    if filters:
        console.print(Text(f"筛选：{filters}", style="dim"))
    if not matrix.departments:
        console.print("没有符合条件的部门或任务。")
        return
    if view == "overview":
        print_overview(console, matrix)
    elif view == "grid":
        print_grid(console, matrix)
    else:
        print_departments(console, matrix)


def print_departments(console: Console, matrix: Matrix) -> None:
    """One section per department: its duties with document, clause, requirement, deadline."""
    for index, department in enumerate(matrix.departments):
        if index:
            console.print()
        console.rule(Text(department.name, style="bold"), align="left")
        console.print(department_heading(department))
        if department.aliases:
            console.print(Text("也称：" + "、".join(department.aliases[:6]), style="dim"))
        if not department.duties:
            console.print("（没有符合条件的任务）")
            continue
        table = RichTable(show_lines=True, expand=True)
        for header, ratio in zip(DUTY_HEADERS, _RATIOS, strict=True):
            table.add_column(header, overflow="fold", ratio=ratio, no_wrap=ratio is None)
        for duty in department.duties:
            table.add_row(*duty_cells(duty))
        console.print(table)


def _triple(counts: RoleCounts | None) -> str:
    """``17/3/0`` (牵头/配合/责任); empty when the department has nothing there."""
    if counts is None or not counts.total:
        return ""
    return "/".join(str(getattr(counts, r)) for r in ROLES)


def print_overview(console: Console, matrix: Matrix) -> None:
    """Departments × documents, counts per role as 牵头/配合/责任 (17/3/0)."""
    console.print(Text("部门 × 文档（任务项数：牵头/配合/责任）", style="bold"))
    table = RichTable(show_lines=False)
    table.add_column("部门", no_wrap=True)
    for document in matrix.documents:
        table.add_column(document.id, justify="center", no_wrap=True)
    table.add_column("合计", justify="center", no_wrap=True)
    for department in matrix.departments:
        table.add_row(
            department.name,
            *(_triple(department.counts.get(d.id)) for d in matrix.documents),
            "/".join(str(getattr(department.total, r)) for r in ROLES),
        )
    console.print(table)
    for document in matrix.documents:
        console.print(Text(f"{document.id}：{document.title or ''}", style="dim"))


def print_grid(console: Console, matrix: Matrix) -> None:
    """Obligations × departments marked 牵/配/责; departments numbered, in chunks that fit."""
    marks = [roles_by_id(d) for d in matrix.departments]
    short = {r: ROLE_LABELS[r][0] for r in ROLES}
    per_table = max(1, (console.width - 44) // 5)
    numbers = list(range(len(matrix.departments)))
    for start in range(0, len(numbers), per_table):
        chunk = numbers[start : start + per_table]
        table = RichTable(show_lines=False)
        table.add_column("任务", overflow="fold", max_width=26)
        table.add_column("标题", overflow="ellipsis", no_wrap=True, max_width=14)
        for i in chunk:
            table.add_column(str(i + 1), justify="center", no_wrap=True)
        for obligation in matrix.obligations:
            cells = ["".join(short[r] for r in marks[i].get(obligation.id, [])) for i in chunk]
            if not any(cells):
                continue
            table.add_row(obligation.id, obligation.title or "—", *cells)
        console.print(table)
    legend = "  ".join(f"{i + 1} {d.name}" for i, d in enumerate(matrix.departments))
    console.print(Text(f"牵 = 牵头，配 = 配合，责 = 责任单位。部门编号：{legend}", style="dim"))
    if len(matrix.departments) > per_table:
        console.print(
            Text("提示：部门较多时可用 --dept 只看几个部门，或用 --format xlsx 查看完整网格。")
        )
