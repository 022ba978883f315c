"""A responsibility matrix as one standalone, printable HTML page.

Everything is inline (CSS, no scripts, no fonts or images from the network), so the page
opens from a USB stick or an e-mail attachment.  Printed, it is A4 with one department per
page (``page-break-before``) and table headers repeated on every page; the wide grid prints
landscape.  All text is escaped.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from ..matrix import (
    counts_text,
    department_heading,
    document_title,
    filters_text,
    path_text,
    roles_by_id,
)
from ..models import ROLE_LABELS, DepartmentDuties, Matrix
from ..render.obligations_view import describe_deadline, describe_target

CSS = """
@page { size: A4; margin: 14mm 12mm; }
@page wide { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", "SimSun", sans-serif; font-size: 10.5pt; line-height: 1.5;
  color: #1f1f1f; margin: 0 auto; max-width: 1100px; padding: 16px; }
h1 { font-size: 18pt; margin: 0 0 4px; }
h2 { font-size: 14pt; margin: 18px 0 4px; border-bottom: 2px solid #4472c4; padding-bottom: 2px; }
p.meta, p.aliases, p.note { color: #595959; margin: 2px 0; }
p.counts { margin: 4px 0 8px; font-weight: bold; }
nav ol { columns: 3; font-size: 9.5pt; padding-left: 20px; }
nav a { color: #1f4e79; text-decoration: none; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid #a6a6a6; padding: 3px 5px; vertical-align: top; text-align: left;
  word-break: break-all; }
th { background: #d9e1f2; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
td.num { text-align: center; white-space: nowrap; }
td.role { white-space: nowrap; text-align: center; }
td.lead, span.lead { background: #f8cbad; }
td.cooperate, span.cooperate { background: #ddebf7; }
td.responsible, span.responsible { background: #e2efda; }
td.id, td.path { white-space: nowrap; font-size: 9pt; }
col.doc { width: 13%; } col.path { width: 8%; } col.title { width: 11%; }
col.req { width: 36%; } col.role { width: 6%; } col.due { width: 11%; } col.tgt { width: 15%; }
section.grid table { font-size: 8pt; width: auto; }
section.grid th.dept { writing-mode: vertical-rl; text-orientation: upright; white-space: nowrap;
  vertical-align: bottom; padding: 4px 1px; font-size: 8pt; }
section.grid td.mark { text-align: center; white-space: nowrap; padding: 1px 2px; }
.legend span { padding: 0 6px; margin-right: 6px; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; }
  nav { display: none; }
  section.department, section.grid { page-break-before: always; break-before: page; }
  section.grid { page: wide; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _lines(items: list[str]) -> str:
    return "<br>".join(_e(item) for item in items) or "—"


def render_html(matrix: Matrix, *, generated: dt.date | None = None) -> str:
    """The whole page."""
    generated = generated or dt.date.today()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="policykb">',
        "<title>部门责任清单</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>部门责任清单</h1>",
        f'<p class="meta">共 {len(matrix.departments)} 个部门、{len(matrix.obligations)} 项任务；'
        f"生成日期 {generated.isoformat()}（policykb）</p>",
    ]
    filters = filters_text(matrix)
    if filters:
        parts.append(f'<p class="meta">筛选：{_e(filters)}</p>')
    parts.append(
        '<p class="legend"><span class="lead">牵头</span><span class="cooperate">配合</span>'
        '<span class="responsible">责任单位</span></p>'
    )
    parts.append("</header>")
    if not matrix.departments:
        parts += ["<p>没有符合条件的部门或任务。</p>", "</body>", "</html>"]
        return "\n".join(parts) + "\n"
    parts += _nav(matrix)
    parts += _overview(matrix)
    for index, department in enumerate(matrix.departments, start=1):
        parts += _department(matrix, department, index)
    parts += _grid(matrix)
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _anchor(index: int) -> str:
    return f"dept-{index}"


def _nav(matrix: Matrix) -> list[str]:
    items = [
        f'<li><a href="#{_anchor(i)}">{_e(d.name)}</a></li>'
        for i, d in enumerate(matrix.departments, start=1)
    ]
    return [
        '<nav><ol><li><a href="#overview">总览</a></li>',
        *items,
        '<li><a href="#grid">网格</a></li></ol></nav>',
    ]


def _overview(matrix: Matrix) -> list[str]:
    head = "".join(f'<th title="{_e(d.title or d.id)}">{_e(d.id)}</th>' for d in matrix.documents)
    rows = []
    for i, department in enumerate(matrix.departments, start=1):
        cells = "".join(
            f'<td class="num">{_e(counts_text(department.counts.get(d.id)))}</td>'
            for d in matrix.documents
        )
        rows.append(
            f'<tr><td><a href="#{_anchor(i)}">{_e(department.name)}</a></td>{cells}'
            f'<td class="num">{_e(counts_text(department.total) or "0")}</td></tr>'
        )
    legend = "".join(f"<li><b>{_e(d.id)}</b>：{_e(d.title or d.id)}</li>" for d in matrix.documents)
    return [
        '<section class="overview" id="overview">',
        "<h2>总览：部门 × 文档</h2>",
        '<p class="note">单元格为该部门在该文档中牵头、配合、作为责任单位的任务项数。</p>',
        f"<table><thead><tr><th>部门</th>{head}<th>合计</th></tr></thead>",
        "<tbody>",
        *rows,
        "</tbody></table>",
        f'<ul class="note">{legend}</ul>',
        "</section>",
    ]


def _department(matrix: Matrix, department: DepartmentDuties, index: int) -> list[str]:
    parts = [
        f'<section class="department" id="{_anchor(index)}" data-department="{_e(department.name)}">',
        f"<h2>{_e(department.name)}</h2>",
    ]
    if department.aliases:
        parts.append(f'<p class="aliases">也称：{_e("、".join(department.aliases))}</p>')
    parts.append(f'<p class="counts">{_e(department_heading(department))}</p>')
    if not department.duties:
        parts += ["<p>（没有符合条件的任务）</p>", "</section>"]
        return parts
    parts += [
        "<table>",
        '<colgroup><col class="doc"><col class="path"><col class="title"><col class="req">'
        '<col class="role"><col class="due"><col class="tgt"></colgroup>',
        "<thead><tr><th>文档</th><th>条款</th><th>标题</th><th>要求</th><th>角色</th>"
        "<th>时限</th><th>指标</th></tr></thead>",
        "<tbody>",
    ]
    for duty in department.duties:
        role = _e(ROLE_LABELS[duty.role])
        if duty.via:
            role += f"<br><small>经{_e(duty.via)}</small>"
        parts.append(
            "<tr>"
            f'<td title="{_e(duty.doc_id)}">{_e(document_title(matrix, duty.doc_id))}</td>'
            f'<td class="path">{_e(path_text(duty.path))}</td>'
            f"<td>{_e(duty.title or '—')}</td>"
            f'<td title="{_e(duty.obligation_id)}">{_e(duty.requirement)}</td>'
            f'<td class="role {duty.role}">{role}</td>'
            f"<td>{_lines([describe_deadline(d) for d in duty.deadlines])}</td>"
            f"<td>{_lines([describe_target(t) for t in duty.targets])}</td>"
            "</tr>"
        )
    parts += ["</tbody></table>", "</section>"]
    return parts


def _grid(matrix: Matrix) -> list[str]:
    marks = [roles_by_id(d) for d in matrix.departments]
    head = "".join(f'<th class="dept">{_e(d.name)}</th>' for d in matrix.departments)
    rows = []
    for o in matrix.obligations:
        cells = []
        for department_marks in marks:
            roles = department_marks.get(o.id, [])
            label = "/".join(ROLE_LABELS[r] for r in roles)
            css = f' class="mark {roles[0]}"' if roles else ' class="mark"'
            cells.append(f"<td{css}>{_e(label)}</td>")
        rows.append(
            f'<tr><td class="id">{_e(o.id)}</td><td>{_e(o.title or "—")}</td>{"".join(cells)}</tr>'
        )
    return [
        '<section class="grid" id="grid">',
        "<h2>网格：任务 × 部门</h2>",
        f"<table><thead><tr><th>任务</th><th>标题</th>{head}</tr></thead>",
        "<tbody>",
        *rows,
        "</tbody></table>",
        "</section>",
    ]
