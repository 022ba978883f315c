"""A responsibility matrix as an Excel workbook (openpyxl).

Sheets: ``总览`` (departments × documents, counts per role, headers frozen), ``网格``
(obligations × departments marked 牵头/配合/责任), then one sheet per department with its
duties.  Column widths are measured in display columns (a Chinese character counts as two),
long text wraps, and row heights are set from the wrapped line count so that Excel and
LibreOffice show every line.  Pages print on A4 with the header row repeated.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..fileio import atomic_path
from ..matrix import department_heading, document_title, filters_text, path_text, roles_by_id
from ..models import ROLE_LABELS, ROLES, DepartmentDuties, Matrix
from ..render.obligations_view import describe_deadline, describe_target

OVERVIEW_SHEET = "总览"
GRID_SHEET = "网格"
DEPARTMENT_HEADERS: tuple[str, ...] = (
    "文档",
    "条款",
    "标题",
    "要求",
    "角色",
    "时限",
    "指标",
    "任务ID",
)
# maximum width (display columns) of each department-sheet column; text beyond wraps
_DEPARTMENT_CAPS: tuple[int, ...] = (24, 14, 18, 60, 14, 22, 30, 30)
GRID_HEADERS: tuple[str, ...] = ("任务ID", "文档", "条款", "标题", "要求（摘要）")
_GRID_CAPS: tuple[int, ...] = (28, 12, 14, 18, 40)

FONT_NAME = "等线"
_LINE_POINTS = 15.0
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
ROLE_FILLS = {
    "lead": PatternFill("solid", fgColor="F8CBAD"),
    "cooperate": PatternFill("solid", fgColor="DDEBF7"),
    "responsible": PatternFill("solid", fgColor="E2EFDA"),
}
_INVALID_SHEET_CHARS = set("[]:*?/\\")


# --------------------------------------------------------------------------- measuring


def display_width(text: str) -> int:
    """Columns a line takes on screen: wide (Chinese) and ambiguous characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def line_count(text: str, width: float) -> int:
    """Lines ``text`` wraps to in a column ``width`` display columns wide."""
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in text.split("\n"))


def fit_width(texts: Iterable[str], cap: int, minimum: int = 4) -> int:
    """A column width that fits the longest line of ``texts``, at most ``cap``."""
    longest = max((display_width(line) for t in texts for line in t.split("\n")), default=0)
    return max(minimum, min(cap, longest + 2))


def sheet_title(name: str, used: set[str]) -> str:
    """A valid, unique sheet name: no ``[]:*?/\\``, at most 31 characters."""
    clean = "".join("_" if ch in _INVALID_SHEET_CHARS else ch for ch in name).strip("' ")
    clean = clean or "部门"
    title = clean[:31]
    n = 2
    while title.casefold() in used:
        suffix = f"（{n}）"
        title = clean[: 31 - len(suffix)] + suffix
        n += 1
    used.add(title.casefold())
    return title


# --------------------------------------------------------------------------- styling helpers


def _font(**kwargs: Any) -> Font:
    return Font(name=FONT_NAME, **kwargs)


def _style_header(cell: Any, *, vertical_text: bool = False) -> None:
    cell.font = _font(bold=True)
    cell.fill = _HEADER_FILL
    cell.border = _BORDER
    cell.alignment = Alignment(
        horizontal="center",
        vertical="center" if not vertical_text else "bottom",
        wrap_text=True,
        text_rotation=255 if vertical_text else 0,
    )


def _style_body(cell: Any, *, center: bool = False) -> None:
    cell.font = _font()
    cell.border = _BORDER
    cell.alignment = Alignment(
        horizontal="center" if center else "left", vertical="top", wrap_text=True
    )


def _set_widths(ws: Any, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def _fit_row(ws: Any, row: int, cells: Sequence[str], widths: Sequence[float]) -> None:
    lines = max(
        (line_count(text, width) for text, width in zip(cells, widths, strict=False)), default=1
    )
    ws.row_dimensions[row].height = min(409.0, lines * _LINE_POINTS + 3)


def _print_setup(ws: Any, *, title_rows: str, landscape: bool = True) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True


# --------------------------------------------------------------------------- sheets


def _overview(ws: Any, matrix: Matrix) -> None:
    docs = matrix.documents
    names = [d.name for d in matrix.departments]
    name_width = fit_width(["部门", *names], cap=40, minimum=10)
    role_width = 7.0
    widths: list[float] = [name_width] + [role_width] * (3 * (len(docs) + 1))
    ws.cell(row=1, column=1, value="部门")
    ws.merge_cells(start_row=1, start_column=1, end_row=2, end_column=1)
    _style_header(ws.cell(row=1, column=1))
    _style_header(ws.cell(row=2, column=1))
    groups = [(d.id, f"{d.id}\n{d.title or ''}".strip()) for d in docs] + [("", "合计")]
    title_lines = 1
    for g, (_, label) in enumerate(groups):
        first = 2 + 3 * g
        ws.cell(row=1, column=first, value=label)
        ws.merge_cells(start_row=1, start_column=first, end_row=1, end_column=first + 2)
        for offset, role in enumerate(ROLES):
            _style_header(ws.cell(row=1, column=first + offset))
            cell = ws.cell(row=2, column=first + offset, value=ROLE_LABELS[role])
            _style_header(cell)
        title_lines = max(title_lines, line_count(label, role_width * 3))
    ws.row_dimensions[1].height = min(409.0, title_lines * _LINE_POINTS + 4)
    ws.row_dimensions[2].height = _LINE_POINTS + 4
    for r, department in enumerate(matrix.departments, start=3):
        name_cell = ws.cell(row=r, column=1, value=department.name)
        _style_body(name_cell)
        counts = [department.counts.get(d.id) for d in docs] + [department.total]
        for g, count in enumerate(counts):
            for offset, role in enumerate(ROLES):
                value = getattr(count, role) if count is not None else 0
                is_total = g == len(docs)
                cell = ws.cell(
                    row=r, column=2 + 3 * g + offset, value=value if value or is_total else None
                )
                _style_body(cell, center=True)
                if value:
                    cell.fill = ROLE_FILLS[role]
                if is_total:
                    cell.font = _font(bold=True)
        _fit_row(ws, r, [department.name], widths[:1])
    _set_widths(ws, widths)
    ws.freeze_panes = "B3"
    note_row = len(matrix.departments) + 4
    notes = ["单元格为任务项数：牵头 = 牵头部门，配合 = 配合部门，责任 = 责任单位。"]
    filters = filters_text(matrix)
    if filters:
        notes.append(f"筛选：{filters}")
    for i, note in enumerate(notes):
        ws.cell(row=note_row + i, column=1, value=note).font = _font(italic=True, color="595959")
    _print_setup(ws, title_rows="1:2")


def _grid(ws: Any, matrix: Matrix) -> None:
    departments = matrix.departments
    marks = [roles_by_id(d) for d in departments]
    rows = []
    for o in matrix.obligations:
        summary = o.text if len(o.text) <= 36 else o.text[:36] + "…"
        rows.append([o.id, o.doc_id, path_text(o.path), o.title or "—", summary])
    fixed = [
        fit_width([header, *(row[i] for row in rows)], cap=_GRID_CAPS[i])
        for i, header in enumerate(GRID_HEADERS)
    ]
    widths: list[float] = [*fixed, *([6.0] * len(departments))]
    for c, header in enumerate(GRID_HEADERS, start=1):
        _style_header(ws.cell(row=1, column=c, value=header))
    for c, department in enumerate(departments, start=len(GRID_HEADERS) + 1):
        _style_header(ws.cell(row=1, column=c, value=department.name), vertical_text=True)
    longest = max((len(d.name) for d in departments), default=2)
    ws.row_dimensions[1].height = min(409.0, max(longest, 4) * 17.0 + 12)
    for r, (row, o) in enumerate(zip(rows, matrix.obligations, strict=True), start=2):
        for c, text in enumerate(row, start=1):
            _style_body(ws.cell(row=r, column=c, value=text))
        for i, department_marks in enumerate(marks):
            roles = department_marks.get(o.id, [])
            cell = ws.cell(
                row=r,
                column=len(GRID_HEADERS) + 1 + i,
                value="/".join(ROLE_LABELS[x] for x in roles) or None,
            )
            _style_body(cell, center=True)
            if roles:
                cell.fill = ROLE_FILLS[roles[0]]
        _fit_row(ws, r, row, widths)
    _set_widths(ws, widths)
    ws.freeze_panes = ws.cell(row=2, column=len(GRID_HEADERS) + 1).coordinate
    _print_setup(ws, title_rows="1:1")


def department_rows(matrix: Matrix, department: DepartmentDuties) -> list[list[str]]:
    """The rows of a department sheet, in the order of ``DEPARTMENT_HEADERS``."""
    rows = []
    for duty in department.duties:
        role = ROLE_LABELS[duty.role] + (f"\n经{duty.via}" if duty.via else "")
        rows.append(
            [
                document_title(matrix, duty.doc_id),
                path_text(duty.path),
                duty.title or "—",
                duty.requirement,
                role,
                "\n".join(describe_deadline(d) for d in duty.deadlines) or "—",
                "\n".join(describe_target(t) for t in duty.targets) or "—",
                duty.obligation_id,
            ]
        )
    return rows


def _department(ws: Any, matrix: Matrix, department: DepartmentDuties) -> None:
    rows = department_rows(matrix, department)
    widths: list[float] = [
        fit_width([header, *(row[i] for row in rows)], cap=_DEPARTMENT_CAPS[i], minimum=6)
        for i, header in enumerate(DEPARTMENT_HEADERS)
    ]
    ws.cell(row=1, column=1, value=department.name).font = _font(bold=True, size=14)
    ws.row_dimensions[1].height = 22
    summary = department_heading(department)
    if department.aliases:
        summary += "　也称：" + "、".join(department.aliases[:6])
    ws.cell(row=2, column=1, value=summary).font = _font(color="595959")
    for c, header in enumerate(DEPARTMENT_HEADERS, start=1):
        _style_header(ws.cell(row=3, column=c, value=header))
    for r, row in enumerate(rows, start=4):
        for c, text in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=text)
            _style_body(cell, center=c == 5)
            if c == 5:
                cell.fill = ROLE_FILLS[department.duties[r - 4].role]
        _fit_row(ws, r, row, widths)
    if not rows:
        ws.cell(row=4, column=1, value="（没有符合条件的任务）")
    _set_widths(ws, widths)
    ws.freeze_panes = "A4"
    _print_setup(ws, title_rows="3:3")


# --------------------------------------------------------------------------- workbook


def build_workbook(matrix: Matrix) -> Workbook:
    """The workbook of a matrix (not yet saved)."""
    wb = Workbook()
    overview = wb.active
    overview.title = OVERVIEW_SHEET
    used = {OVERVIEW_SHEET.casefold(), GRID_SHEET.casefold()}
    _overview(overview, matrix)
    _grid(wb.create_sheet(GRID_SHEET), matrix)
    for department in matrix.departments:
        ws = wb.create_sheet(sheet_title(department.name, used))
        _department(ws, matrix, department)
    wb.properties.title = "部门责任清单"
    wb.properties.creator = "policykb"
    return wb


def write_xlsx(matrix: Matrix, path: Path | str) -> None:
    """Write the workbook to ``path`` (atomically: an existing file is replaced only when
    the new one is complete)."""
    workbook = build_workbook(matrix)
    with atomic_path(path) as tmp:
        workbook.save(tmp)
