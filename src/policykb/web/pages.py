"""HTML of the web app: one shared layout with inline CSS, Chinese text, no scripts.

Every page is a function from library objects to a string.  Nothing here is fetched from
the network (the app must work offline) and every value is escaped with :func:`e` — text
and attributes alike; URLs are built with :func:`url` and escaped too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from urllib.parse import quote, urlencode

from ..errors import NotFoundError, PolicyKBError
from ..matrix import counts_text, department_heading, document_title, filters_text, path_text
from ..models import (
    ROLE_LABELS,
    ROLES,
    Clause,
    DepartmentDuties,
    Document,
    Matrix,
    Obligation,
    SearchResult,
)
from ..render.corpus_view import LEVEL_LABELS
from ..render.obligations_view import describe_deadline, describe_target

APP_NAME = "政策文件知识库"

CSS = """
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: #1f2328; background: #f6f7f9; font-size: 15px; line-height: 1.65;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", "SimSun", sans-serif; }
a { color: #0b5cad; text-decoration: none; }
a:hover { text-decoration: underline; }
.wrap { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
header.top { background: #1f4e79; color: #fff; }
header.top .wrap { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 22px;
  min-height: 54px; padding-top: 6px; padding-bottom: 6px; }
header.top a { color: #fff; }
.brand { font-size: 19px; font-weight: 700; letter-spacing: 1px; }
header.top nav { display: flex; gap: 4px; flex-wrap: wrap; }
header.top nav a { padding: 5px 11px; border-radius: 4px; color: #dce8f5; }
header.top nav a:hover { background: #2d6497; text-decoration: none; }
header.top nav a.on { background: #fff; color: #1f4e79; font-weight: 700; }
form.quick { margin-left: auto; display: flex; }
form.quick input { width: 220px; border: 0; border-radius: 4px 0 0 4px; padding: 6px 9px; }
form.quick button { border-radius: 0 4px 4px 0; background: #f0b429; color: #1f2328;
  border: 0; }
main { padding-top: 18px; padding-bottom: 30px; min-height: 70vh; }
footer { color: #6e7781; font-size: 13px; padding-top: 12px; padding-bottom: 24px;
  border-top: 1px solid #d8dee4; }
h1 { font-size: 24px; margin: 6px 0 12px; }
h2 { font-size: 19px; margin: 26px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #1f4e79; }
h3 { font-size: 16px; margin: 18px 0 6px; }
p { margin: 6px 0; }
.muted, .meta { color: #57606a; }
.meta { font-size: 13.5px; }
code, .mono { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", Consolas, monospace;
  font-size: 13px; background: #eef1f4; padding: 1px 4px; border-radius: 3px;
  word-break: break-all; }
input, select, button { font: inherit; font-size: 14.5px; }
input[type=search], input[type=text], input[type=number], input[type=date], select {
  border: 1px solid #afb8c1; border-radius: 4px; padding: 6px 8px; background: #fff;
  max-width: 100%; }
button, .button { background: #1f4e79; color: #fff; border: 1px solid #1f4e79;
  border-radius: 4px; padding: 6px 16px; cursor: pointer; display: inline-block; }
.button.light { background: #fff; color: #1f4e79; }
button:hover, .button:hover { background: #2d6497; color: #fff; text-decoration: none; }
.panel { background: #fff; border: 1px solid #d8dee4; border-radius: 6px; padding: 14px 18px;
  margin: 12px 0; }
.hero { background: #fff; border: 1px solid #d8dee4; border-radius: 6px; padding: 18px 22px; }
.hero h1 { margin-top: 0; }
form.search .row { display: flex; gap: 8px; }
form.search .row input[type=search] { flex: 1; font-size: 16px; padding: 8px 10px; }
form .fields { display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: flex-end;
  margin-top: 10px; }
form .fields label { display: flex; flex-direction: column; gap: 3px; font-size: 13.5px;
  color: #424a53; }
form .fields label.check { flex-direction: row; align-items: center; gap: 6px;
  padding-bottom: 7px; }
details > summary { cursor: pointer; color: #0b5cad; margin-top: 8px; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border: 1px solid #d0d7de; padding: 6px 9px; vertical-align: top; text-align: left; }
th { background: #e8eef5; font-weight: 600; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; }
td.nowrap, th.nowrap { white-space: nowrap; }
tbody tr:hover { background: #f6f9fc; }
.table-scroll { overflow-x: auto; }
mark { background: #ffe58f; color: inherit; padding: 0 1px; border-radius: 2px; }
ol.hits { list-style: none; padding: 0; margin: 0; }
ol.hits li { background: #fff; border: 1px solid #d8dee4; border-radius: 6px;
  padding: 10px 16px; margin: 10px 0; }
.hit-head { font-size: 16px; }
.hit-head .rank { color: #6e7781; margin-right: 4px; }
.hit-head .doc { color: #1f2328; }
.hit-head .where { color: #0b5cad; margin: 0 6px; }
.snippet { margin: 5px 0; }
.note { background: #fff8c5; border: 1px solid #e3c75a; border-radius: 6px; padding: 8px 14px;
  margin: 10px 0; }
.error { background: #ffebe9; border: 1px solid #e5a1a1; border-radius: 6px;
  padding: 10px 16px; margin: 12px 0; }
.error .message { font-weight: 700; color: #a40e26; }
.error ul { margin: 6px 0 0; }
.ok { background: #dafbe1; border: 1px solid #8ed19a; border-radius: 6px; padding: 8px 14px; }
.crumbs { font-size: 14px; color: #57606a; margin-bottom: 6px; }
.crumbs a { color: #0b5cad; }
.crumbs .sep { margin: 0 6px; color: #8c959f; }
.clause-text { white-space: pre-wrap; background: #fff; border: 1px solid #d8dee4;
  border-radius: 6px; padding: 14px 18px; font-size: 16px; line-height: 1.85; }
.pager { display: flex; justify-content: space-between; gap: 12px; margin: 12px 0;
  font-size: 14px; }
ul.outline { list-style: none; padding-left: 0; background: #fff; border: 1px solid #d8dee4;
  border-radius: 6px; padding: 10px 16px; }
ul.outline li { padding: 2px 0; }
ul.outline li.l2 { padding-left: 2em; }
ul.outline li.l3 { padding-left: 4em; }
ul.outline li.l4, ul.outline li.l5 { padding-left: 6em; }
ul.outline .count { color: #6e7781; font-size: 13px; margin-left: 6px; }
.tag { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 3px;
  margin-right: 4px; white-space: nowrap; }
.tag.lead { background: #f8cbad; }
.tag.cooperate { background: #ddebf7; }
.tag.responsible { background: #e2efda; }
.tag.annotation { background: #dafbe1; }
.tag.extracted { background: #eaeef2; }
.depts div { margin-bottom: 3px; }
table.obligations td.req { min-width: 24em; width: 45%; }
table.obligations td.who { min-width: 13em; }
table.obligations td.when { min-width: 7em; }
table.obligations td.what { min-width: 9em; }
td.name { min-width: 12em; }
form .fields select { max-width: 30em; }
form .fields input[type=text] { width: 17em; }
.cards { display: flex; flex-wrap: wrap; gap: 14px; margin-top: 14px; }
.cards a { flex: 1 1 230px; background: #fff; border: 1px solid #d8dee4; border-radius: 6px;
  padding: 12px 16px; color: #1f2328; }
.cards a:hover { border-color: #1f4e79; text-decoration: none; }
.cards b { color: #1f4e79; display: block; font-size: 16px; }
.downloads { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 8px 0; }
.status { white-space: nowrap; font-weight: 600; }
dl.meta-list { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px;
  margin: 8px 0; }
dl.meta-list dt { color: #57606a; }
dl.meta-list dd { margin: 0; }
iframe { width: 100%; border: 1px solid #d8dee4; }
@media print {
  header.top, footer, form, .pager, .downloads { display: none; }
  body { background: #fff; }
}
"""


# --------------------------------------------------------------------------- basics


def e(value: object) -> str:
    """Escape text for HTML element content and double-quoted attributes."""
    return escape("" if value is None else str(value), quote=True)


def url(path: str, params: Mapping[str, object] | None = None, **more: object) -> str:
    """``path?a=1&b=2`` with empty values left out (``True`` → ``1``)."""
    merged = {**(params or {}), **more}
    items = []
    for key, value in merged.items():
        if value is None or value is False or value == "":
            continue
        items.append((key, "1" if value is True else str(value)))
    return path + ("?" + urlencode(items) if items else "")


def clause_url(clause_id: str) -> str:
    return "/clause/" + quote(clause_id, safe="")


def doc_url(doc_id: str) -> str:
    return "/doc/" + quote(doc_id, safe="")


def link(href: str, text: object, *, cls: str | None = None) -> str:
    attr = f' class="{e(cls)}"' if cls else ""
    return f'<a href="{e(href)}"{attr}>{e(text)}</a>'


_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


def marked(fragment: str) -> str:
    """A search snippet (``<mark>`` around matches, the rest plain text) as safe HTML."""
    out: list[str] = []
    cursor = 0
    for match in _MARK.finditer(fragment):
        out.append(e(fragment[cursor : match.start()]))
        out.append(f"<mark>{e(match.group(1))}</mark>")
        cursor = match.end()
    out.append(e(fragment[cursor:]))
    return "".join(out)


def label_of(clause: Clause) -> str:
    """The clause's numbering as written (一、 （一） 1.), brackets full width as in ids."""
    label = clause.label or where(clause.path, clause.kind)
    return label.replace("(", "（").replace(")", "）")


def where(path: Sequence[str], kind: str = "section") -> str:
    """二/（一）/1, or 前言 / 结尾 for the text outside the numbering."""
    return "/".join(path) or {"preamble": "前言", "closing": "结尾"}.get(kind, "—")


NAV = (
    ("docs", "/", "政策文件"),
    ("search", "/search", "检索条款"),
    ("obligations", "/obligations", "任务清单"),
    ("matrix", "/matrix", "部门责任"),
    ("check", "/check", "核对方案"),
)


def layout(title: str, content: str, *, active: str = "", footer: str = "") -> str:
    """The page around ``content`` (already HTML): header with navigation and a search box."""
    on = ' class="on"'
    nav = "".join(
        f'<a href="{href}"{on if key == active else ""}>{label}</a>' for key, href, label in NAV
    )
    quick = (
        ""
        if active in ("search", "docs")
        else '<form class="quick" action="/search" method="get" role="search">'
        '<input type="search" name="q" placeholder="检索条款" aria-label="检索词">'
        "<button>检索</button></form>"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{e(title)} · {APP_NAME}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n"
        f'<header class="top"><div class="wrap"><a class="brand" href="/">{APP_NAME}</a>'
        f"<nav>{nav}</nav>{quick}</div></header>\n"
        f'<main class="wrap">\n{content}\n</main>\n'
        f'<footer class="wrap">{footer or "policykb · 本网页只在本机运行，不连接互联网"}</footer>\n'
        "</body>\n</html>\n"
    )


def options(
    choices: Iterable[tuple[str, str]], selected: str | None, *, blank: str | None = None
) -> str:
    """``<option>`` elements; ``blank`` adds a first option with an empty value."""
    out = [f'<option value="">{e(blank)}</option>'] if blank is not None else []
    for value, label in choices:
        sel = " selected" if value == (selected or "") else ""
        out.append(f'<option value="{e(value)}"{sel}>{e(label)}</option>')
    return "".join(out)


def datalist(list_id: str, values: Iterable[str]) -> str:
    items = "".join(f'<option value="{e(v)}">' for v in values)
    return f'<datalist id="{e(list_id)}">{items}</datalist>'


ROLE_CHOICES = tuple((r, {"responsible": "责任单位"}.get(r, ROLE_LABELS[r])) for r in ROLES)
ROLE_NAMES = dict(ROLE_CHOICES)
LEVEL_CHOICES = tuple((k, v) for k, v in LEVEL_LABELS.items() if k != "other")


def checked(flag: bool) -> str:
    return " checked" if flag else ""


# --------------------------------------------------------------------------- errors


def error_box(error: PolicyKBError, suggestion_href: Callable[[str], str] | None = None) -> str:
    """An error a person can act on: the message, the hint, suggestions as links."""
    parts = ['<div class="error" role="alert">', f'<p class="message">{e(error.message)}</p>']
    suggestions = error.suggestions if isinstance(error, NotFoundError) else []
    if suggestions:
        if suggestion_href is None:
            parts.append(f"<p>你是不是要找：{e('、'.join(suggestions))}</p>")
        else:
            items = "".join(f"<li>{link(suggestion_href(s), s)}</li>" for s in suggestions)
            parts.append(f"<p>你是不是要找：</p><ul>{items}</ul>")
    elif error.hint:
        parts.append(f'<p class="hint">提示：{e(error.hint)}</p>')
    parts.append("</div>")
    return "".join(parts)


ERROR_TITLES = {
    400: "请求有误",
    403: "拒绝访问",
    404: "找不到页面",
    405: "不支持的请求方式",
    408: "请求超时",
    411: "缺少内容长度",
    413: "上传内容太大",
    414: "网址太长",
    500: "服务器内部错误",
    501: "不支持的请求方式",
}


def error_page(status: int, body: str) -> str:
    title = ERROR_TITLES.get(status, "出错了")
    content = (
        f'<h1>{e(title)} <span class="muted">（{status}）</span></h1>\n{body}\n'
        '<p><a href="/">返回首页</a> · <a href="/search">检索条款</a></p>'
    )
    return layout(title, content)


def message_box(message: str, hint: str | None = None) -> str:
    hint_html = f'<p class="hint">{e(hint)}</p>' if hint else ""
    return f'<div class="error" role="alert"><p class="message">{e(message)}</p>{hint_html}</div>'


# --------------------------------------------------------------------------- documents


def search_form(
    form: Mapping[str, str | None],
    documents: Sequence[Document],
    departments: Sequence[str],
    *,
    big: bool = False,
    filters_open: bool = False,
) -> str:
    """The search box with its filters (folded away unless some are set)."""
    doc_choices = [(d.id, d.meta.title) for d in documents]
    autofocus = " autofocus" if big else ""
    return (
        '<form class="search" action="/search" method="get" role="search">'
        '<div class="row">'
        f'<input type="search" name="q" value="{e(form.get("q"))}"{autofocus} '
        'placeholder="输入要找的词语，如 三类监测对象、低保 OR 临时救助" aria-label="检索词">'
        "<button>检索</button></div>"
        f"<details{' open' if filters_open else ''}><summary>筛选条件</summary>"
        '<div class="fields">'
        f'<label>文件<select name="doc">{options(doc_choices, form.get("doc"), blank="全部文件")}'
        "</select></label>"
        f'<label>层级<select name="level">{options(LEVEL_CHOICES, form.get("level"), blank="全部层级")}'
        "</select></label>"
        f'<label>部门<input type="text" name="dept" list="departments" value="{e(form.get("dept"))}"'
        ' placeholder="如 人社局、市发改委"></label>'
        f'<label>角色<select name="role">{options(ROLE_CHOICES, form.get("role"), blank="任意角色")}'
        "</select></label>"
        f'<label>时限不晚于<input type="date" name="due_before" value="{e(form.get("due_before"))}">'
        "</label>"
        f'<label>最多显示<input type="number" name="limit" min="1" max="1000" '
        f'value="{e(form.get("limit"))}" placeholder="20"></label>'
        f'<label class="check"><input type="checkbox" name="has_target" value="1"'
        f"{checked(bool(form.get('has_target')))}>只看带数量指标的条款</label>"
        "</div></details>"
        f"{datalist('departments', departments)}"
        "</form>"
    )


def home_page(
    rows: Sequence[Mapping[str, object]],
    documents: Sequence[Document],
    departments: Sequence[str],
    *,
    obligation_total: int,
) -> str:
    """``/``: the search box and the documents of the corpus (``policykb docs``)."""
    body = [
        '<section class="hero">',
        f"<h1>{APP_NAME}</h1>",
        '<p class="muted">逐条检索政策条款，查看各部门承担的任务，核对县区工作方案是否落实上级要求。</p>',
        search_form({}, documents, departments, big=True),
        "</section>",
        f"<h2>政策文件（{len(rows)} 份）</h2>",
        '<div class="table-scroll"><table class="docs"><thead><tr>'
        "<th>标题</th><th>文号</th><th>发文机关</th><th>层级</th><th>地区</th><th>日期</th>"
        '<th class="nowrap">条款</th><th class="nowrap">任务</th></tr></thead><tbody>',
    ]
    for row in rows:
        doc_id = str(row["id"])
        issuers = row.get("issuers") or []
        level = str(row.get("level") or "")
        body.append(
            "<tr>"
            f"<td>{link(doc_url(doc_id), row['title'])}<br><code>{e(doc_id)}</code></td>"
            f'<td class="nowrap">{e(row.get("doc_number") or "—")}</td>'
            f"<td>{e('、'.join(str(i) for i in issuers) if isinstance(issuers, list) else issuers)}</td>"
            f'<td class="nowrap">{e(LEVEL_LABELS.get(level, level))}</td>'
            f"<td>{e(row.get('region') or '—')}</td>"
            f'<td class="nowrap">{e(row.get("date") or row.get("year") or "—")}</td>'
            f'<td class="num">{e(row["clauses"])}</td>'
            f'<td class="num">{link(url("/obligations", doc=doc_id), row["obligations"])}</td>'
            "</tr>"
        )
    body.append("</tbody></table></div>")
    body.append(
        '<div class="cards">'
        f'<a href="/obligations"><b>任务清单</b>{obligation_total} 项任务：谁牵头、谁配合、何时完成、指标多少</a>'
        '<a href="/matrix"><b>部门责任</b>每个部门的牵头、配合、责任任务，可下载 Excel</a>'
        '<a href="/check"><b>核对方案</b>上传县区工作方案，检查是否落实市级要求</a>'
        "</div>"
    )
    return layout("政策文件", "\n".join(body), active="docs")


def document_page(
    document: Document, obligation_counts: Mapping[str, int], obligation_total: int
) -> str:
    """``/doc/<id>``: a document's details and its outline, each clause a link."""
    meta = document.meta
    facts = [
        ("文号", meta.doc_number or "—"),
        ("发文机关", "、".join(meta.issuers) or "—"),
        ("层级", LEVEL_LABELS.get(meta.level, meta.level)),
        ("地区", meta.region),
        ("日期", meta.date.isoformat() if meta.date else (str(meta.year) if meta.year else "—")),
        ("文档 ID", meta.id),
    ]
    facts_html = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in facts)
    outline = []
    for clause in document.clauses:
        count = obligation_counts.get(clause.id, 0)
        count_html = f'<span class="count">{count} 项任务</span>' if count else ""
        label = label_of(clause)
        text = clause.title or _short(clause.text, 40)
        outline.append(
            f'<li class="l{max(clause.level, 1)}">'
            f"{link(clause_url(clause.id), f'{label} {text}'.strip())}{count_html}</li>"
        )
    content = [
        f'<p class="crumbs"><a href="/">政策文件</a><span class="sep">›</span>{e(meta.id)}</p>',
        f"<h1>{e(meta.title)}</h1>",
        f'<dl class="meta-list">{facts_html}</dl>',
        '<div class="downloads">'
        f"{link(url('/obligations', doc=meta.id), f'本文件的任务（{obligation_total} 项）', cls='button')}"
        f"{link(url('/matrix', doc=meta.id), '本文件的部门责任', cls='button light')}"
        "</div>",
        '<form class="search" action="/search" method="get"><div class="row">'
        f'<input type="hidden" name="doc" value="{e(meta.id)}">'
        '<input type="search" name="q" placeholder="在本文件中检索" aria-label="检索词">'
        "<button>检索</button></div></form>",
        f"<h2>条款目录（{len(document.clauses)} 条）</h2>",
        f'<ul class="outline">{"".join(outline)}</ul>',
    ]
    return layout(meta.title, "\n".join(content), active="docs")


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width] + "…"


# --------------------------------------------------------------------------- search


def search_page(
    form: Mapping[str, str | None],
    documents: Sequence[Document],
    departments: Sequence[str],
    *,
    result: SearchResult | None = None,
    notes: Sequence[str] = (),
    error: str = "",
    more_href: str | None = None,
) -> str:
    """``/search``: the form, then notes, the error or the hits with marked snippets."""
    filters_open = any(form.get(k) for k in ("doc", "level", "dept", "role", "due_before"))
    filters_open = filters_open or bool(form.get("has_target"))
    body = [
        "<h1>检索条款</h1>",
        search_form(form, documents, departments, filters_open=filters_open),
    ]
    body += [f'<p class="note">提示：{e(note)}</p>' for note in notes]
    body.append(error)
    if result is not None:
        body.append(_hits(result, more_href))
    body.append(SEARCH_HELP)
    return layout(f"检索：{form.get('q') or ''}".rstrip("："), "\n".join(body), active="search")


def _hits(result: SearchResult, more_href: str | None) -> str:
    query = f"“{_short(result.query, 30)}”" if result.query.strip() else "筛选条件"
    if not result.hits:
        return (
            f'<div class="panel"><p><b>没有找到与{e(query)}匹配的条款。</b></p>'
            '<p class="muted">可以换一个说法、减少词语，或去掉筛选条件后再试。</p></div>'
        )
    shown = len(result.hits)
    more = f"，显示前 {shown} 条" if result.total > shown else ""
    out = [f'<p class="summary"><b>{e(query)}：共 {result.total} 条结果{e(more)}</b></p>']
    out.append('<ol class="hits">')
    for hit in result.hits:
        snippets = "".join(f'<p class="snippet">{marked(h)}</p>' for h in hit.highlights)
        title = f'<span class="title">{e(hit.title)}</span>' if hit.title else ""
        out.append(
            "<li>"
            f'<div class="hit-head"><span class="rank">{hit.rank}.</span>'
            f'<a href="{e(clause_url(hit.clause_id))}">'
            f'<span class="doc">《{e(hit.doc_title or hit.doc_id)}》</span>'
            f'<span class="where">{e(where(hit.path))}</span>{title}</a></div>'
            f"{snippets}"
            f'<p class="meta"><code>{e(hit.clause_id)}</code> · 相关度 {hit.score:.2f}</p>'
            "</li>"
        )
    out.append("</ol>")
    if more_href and result.total > shown:
        out.append(f"<p>{link(more_href, '显示更多结果', cls='button light')}</p>")
    return "\n".join(out)


SEARCH_HELP = """<details class="help"><summary>检索写法</summary><div class="panel">
<p>空格分隔的多个词须同时出现（都找不到时退而求其次）：<code>养老 服务</code></p>
<p>引号内按短语精确匹配：<code>"社会组织"</code>　任一即可：<code>低保 OR 临时救助</code>
　排除：<code>就业 -培训</code></p>
<p>部门简称也能查到全称：<code>人社局</code>；只用筛选条件（如部门、时限）而不填检索词，则列出所有符合条件的条款。</p>
</div></details>"""


# --------------------------------------------------------------------------- clauses


SEP = '<span class="sep">›</span>'


def clause_page(
    document: Document,
    clause: Clause,
    *,
    ancestors: Sequence[Clause],
    children: Sequence[Clause],
    obligations: Sequence[Obligation],
    previous: Clause | None,
    following: Clause | None,
) -> str:
    """``/clause/<id>``: where the clause is, its title, full text, sub-clauses and tasks."""
    crumbs = [
        '<a href="/">政策文件</a>',
        link(doc_url(document.id), f"《{document.meta.title}》"),
        *(link(clause_url(a.id), a.heading) for a in ancestors),
        e(where(clause.path, clause.kind)),
    ]
    heading = f"{label_of(clause)} {clause.title or ''}".strip()
    meta = [document.meta.doc_number or "", f"条款 ID：{clause.id}"]
    body = [
        f'<p class="crumbs">{SEP.join(crumbs)}</p>',
        f"<h1>{e(heading)}</h1>",
        f'<p class="meta">{e("　".join(m for m in meta if m))}</p>',
    ]
    if clause.text:
        body.append(f'<div class="clause-text">{e(clause.text)}</div>')
    for table in clause.tables:
        body.append(_table(table.rows))
    if children:
        items = "".join(f"<li>{link(clause_url(c.id), c.heading)}</li>" for c in children)
        body.append(f"<h2>下级条款（{len(children)} 条）</h2><ul>{items}</ul>")
    body.append(f"<h2>本条款的任务（{len(obligations)} 项）</h2>")
    if obligations:
        body.append(obligations_table(obligations, show_clause=False))
    else:
        body.append('<p class="muted">本条款没有标注任务。</p>')
    pager = ['<nav class="pager">']
    pager.append(
        f"<span>{link(clause_url(previous.id), '← ' + previous.heading)}</span>"
        if previous
        else "<span></span>"
    )
    pager.append(
        f"<span>{link(clause_url(following.id), following.heading + ' →')}</span>"
        if following
        else "<span></span>"
    )
    pager.append("</nav>")
    body.append("".join(pager))
    return layout(heading or clause.id, "\n".join(body))


def _table(rows: Sequence[Sequence[str]]) -> str:
    if not rows:
        return ""
    head = "".join(f"<th>{e(c)}</th>" for c in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows[1:])
    return (
        f'<div class="table-scroll"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


# --------------------------------------------------------------------------- obligations


def _lines(items: Iterable[str]) -> str:
    return "<br>".join(e(i) for i in items) or "—"


def departments_html(obligation: Obligation) -> str:
    parts = []
    for role in ("lead", "responsible", "cooperate"):
        names = getattr(obligation.departments, role)
        if names:
            label = ROLE_NAMES[role]
            links = "、".join(link(url("/obligations", dept=n), n) for n in names)
            parts.append(f'<div><span class="tag {role}">{e(label)}</span>{links}</div>')
    return f'<div class="depts">{"".join(parts)}</div>' if parts else "—"


def obligations_table(obligations: Sequence[Obligation], *, show_clause: bool = True) -> str:
    head = "<th>任务</th><th>要求</th><th>部门</th><th>时限</th><th>指标</th>"
    rows = []
    for o in obligations:
        source = (
            '<span class="tag annotation">已审核</span>'
            if o.source == "annotation"
            else '<span class="tag extracted">自动抽取</span>'
        )
        where_html = (
            f"<br>{link(clause_url(o.clause_id), '查看条款 ' + where(o.path))}"
            if show_clause
            else ""
        )
        rows.append(
            f'<tr id="{e(o.id)}">'
            f'<td class="nowrap"><code>{e(o.id)}</code><br>{source}{where_html}</td>'
            f'<td class="req">{e(o.text)}</td>'
            f'<td class="who">{departments_html(o)}</td>'
            f'<td class="when">{_lines(describe_deadline(d) for d in o.deadlines)}</td>'
            f'<td class="what">{_lines(describe_target(t) for t in o.targets)}</td>'
            "</tr>"
        )
    return (
        '<div class="table-scroll"><table class="obligations">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


@dataclass
class ObligationsView:
    """What ``/obligations`` shows: the form values, the selection or an error."""

    form: Mapping[str, str | None]
    items: list[Obligation] = field(default_factory=list)
    error: str = ""
    heading: str = ""


def obligations_page(
    view: ObligationsView, documents: Sequence[Document], departments: Sequence[str]
) -> str:
    form = view.form
    doc_choices = [(d.id, d.meta.title) for d in documents]
    body = [
        "<h1>任务清单</h1>",
        '<form class="panel" action="/obligations" method="get"><div class="fields">'
        f'<label>文件<select name="doc">{options(doc_choices, form.get("doc"), blank="全部文件")}'
        "</select></label>"
        f'<label>部门<input type="text" name="dept" list="departments" '
        f'value="{e(form.get("dept"))}" placeholder="如 人社局、中宁县"></label>'
        f'<label>角色<select name="role">{options(ROLE_CHOICES, form.get("role"), blank="任意角色")}'
        "</select></label>"
        f'<label class="check"><input type="checkbox" name="expand_groups" value="1"'
        f"{checked(bool(form.get('expand_groups')))}>县（区）也列出“各县（区）”的任务</label>"
        "<button>查看</button></div>"
        f"{datalist('departments', departments)}</form>",
        view.error,
    ]
    if not view.error:
        body.append(f"<p><b>{e(view.heading)}共 {len(view.items)} 项任务</b></p>")
        if view.items:
            body.append(obligations_table(view.items))
        else:
            body.append('<p class="muted">没有符合条件的任务。</p>')
    return layout("任务清单", "\n".join(body), active="obligations")


# --------------------------------------------------------------------------- matrix


@dataclass
class MatrixView:
    """What ``/matrix`` shows: the form, the matrix (or an error), notes, downloads."""

    form: Mapping[str, str | None]
    matrix: Matrix | None = None
    error: str = ""
    notes: list[str] = field(default_factory=list)
    downloads: list[tuple[str, str]] = field(default_factory=list)
    expand_href: str | None = None


def matrix_page(view: MatrixView, documents: Sequence[Document], departments: Sequence[str]) -> str:
    """``/matrix``: without a department the overview (department × document counts), with
    one (or several) each department's duties; download links for Excel, CSV and HTML."""
    form = view.form
    doc_choices = [(d.id, d.meta.title) for d in documents]
    body = [
        "<h1>部门责任清单</h1>",
        '<form class="panel" action="/matrix" method="get"><div class="fields">'
        f'<label>部门<input type="text" name="dept" list="departments" '
        f'value="{e(form.get("dept"))}" placeholder="如 人社局、中宁县（多个用顿号分隔）"></label>'
        f'<label>文件<select name="doc">{options(doc_choices, form.get("doc"), blank="全部文件")}'
        "</select></label>"
        f'<label>角色<select name="role">{options(ROLE_CHOICES, form.get("role"), blank="全部角色")}'
        "</select></label>"
        f'<label>时限不晚于<input type="date" name="due_before" value="{e(form.get("due_before"))}">'
        "</label>"
        f'<label class="check"><input type="checkbox" name="expand_groups" value="1"'
        f"{checked(bool(form.get('expand_groups')))}>把“各县（区）”等展开到各县区</label>"
        "<button>查看</button></div>"
        f"{datalist('departments', departments)}</form>",
    ]
    body += [f'<p class="note">提示：{e(note)}</p>' for note in view.notes]
    if view.expand_href:
        body.append(
            f"<p>{link(view.expand_href, '展开“各县（区）”等集体承担的任务', cls='button')}</p>"
        )
    body.append(view.error)
    matrix = view.matrix
    if matrix is not None:
        if view.downloads:
            items = "".join(link(href, label, cls="button light") for label, href in view.downloads)
            body.append(f'<div class="downloads"><span class="muted">下载：</span>{items}</div>')
        filters = filters_text(matrix)
        summary = f"{len(matrix.departments)} 个部门、{len(matrix.obligations)} 项任务"
        body.append(f"<p><b>{e(summary)}</b>{'；' + e(filters) if filters else ''}</p>")
        if not matrix.departments:
            body.append('<p class="muted">没有符合条件的部门或任务。</p>')
        elif matrix.filters.departments:
            body += [_department_duties(matrix, d) for d in matrix.departments]
        else:
            body.append(_matrix_overview(matrix, form))
    return layout("部门责任清单", "\n".join(body), active="matrix")


def _matrix_overview(matrix: Matrix, form: Mapping[str, str | None]) -> str:
    head = "".join(
        f'<th class="nowrap" title="{e(d.title or d.id)}">{e(d.id)}</th>' for d in matrix.documents
    )
    rows = []
    for department in matrix.departments:
        cells = "".join(
            f'<td class="nowrap">{e(counts_text(department.counts.get(d.id)))}</td>'
            for d in matrix.documents
        )
        href = url("/matrix", form, dept=department.name)
        rows.append(
            f'<tr><td class="name">{link(href, department.name)}</td>{cells}'
            f'<td class="nowrap"><b>{e(counts_text(department.total) or "0")}</b></td></tr>'
        )
    legend = "".join(
        f"<li><code>{e(d.id)}</code> {e(d.title or d.id)}</li>" for d in matrix.documents
    )
    return (
        "<h2>总览：部门 × 文件</h2>"
        '<p class="muted">单元格为该部门在该文件中牵头、配合、作为责任单位的任务项数；点部门名称查看明细。</p>'
        f'<div class="table-scroll"><table><thead><tr><th>部门</th>{head}<th>合计</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
        f'<ul class="muted">{legend}</ul>'
    )


def _department_duties(matrix: Matrix, department: DepartmentDuties) -> str:
    obligations = {o.id: o for o in matrix.obligations}
    parts = [f"<h2>{e(department.name)}</h2>"]
    if department.aliases:
        parts.append(f'<p class="meta">也称：{e("、".join(department.aliases))}</p>')
    parts.append(f"<p><b>{e(department_heading(department))}</b></p>")
    if not department.duties:
        parts.append('<p class="muted">（没有符合条件的任务）</p>')
        return "\n".join(parts)
    rows = []
    for duty in department.duties:
        o = obligations.get(duty.obligation_id)
        where_html = (
            link(clause_url(o.clause_id), path_text(duty.path)) if o else e(path_text(duty.path))
        )
        role = e(ROLE_NAMES[duty.role])
        if duty.via:
            role += f"<br><small>经{e(duty.via)}</small>"
        rows.append(
            "<tr>"
            f'<td class="nowrap"><span class="tag {e(duty.role)}">{role}</span></td>'
            f'<td title="{e(duty.doc_id)}">{e(document_title(matrix, duty.doc_id))}</td>'
            f'<td class="nowrap">{where_html}<br><span class="muted">{e(duty.title or "")}</span></td>'
            f'<td class="req">{e(duty.requirement)}</td>'
            f'<td class="when">{_lines(describe_deadline(d) for d in duty.deadlines)}</td>'
            f'<td class="what">{_lines(describe_target(t) for t in duty.targets)}</td>'
            "</tr>"
        )
    parts.append(
        '<div class="table-scroll"><table class="obligations"><thead><tr><th>角色</th><th>文件</th>'
        "<th>条款</th><th>要求</th><th>时限</th><th>指标</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    return "\n".join(parts)


# --------------------------------------------------------------------------- checking


def check_form_page(
    documents: Sequence[Document],
    counties: Sequence[str],
    *,
    jurisdiction: str | None = None,
    against: Sequence[str] = (),
    error: str = "",
    accept: Sequence[str] = (".docx", ".txt", ".md"),
    limit: str = "20 MB",
) -> str:
    """``/check``: upload one or more plans, optionally name the county."""
    chosen = set(against)
    boxes = "".join(
        f'<label class="check"><input type="checkbox" name="against" value="{e(d.id)}"'
        f"{checked(d.id in chosen)}>{e(d.meta.title)}</label>"
        for d in documents
    )
    body = [
        "<h1>核对工作方案</h1>",
        '<p class="muted">上传县（区）的工作方案，逐项检查是否落实了上级文件的要求：缺失、指标偏低、'
        "时限推后、表述空泛、未明确责任单位。同时上传几个县（区）的方案时，还汇总各县（区）分担的"
        "全市总量及缺口。</p>",
        error,
        '<form class="panel" action="/check" method="post" enctype="multipart/form-data">'
        '<div class="fields">'
        f"<label>方案文件（{e(' / '.join(accept))}，可多选）"
        f'<input type="file" name="plans" multiple required accept="{e(",".join(accept))}"></label>'
        '<label>行政区（可不填）<input type="text" name="jurisdiction" list="counties" '
        f'value="{e(jurisdiction)}" placeholder="如 中宁县；默认从标题识别"></label>'
        "</div>"
        f"<details{' open' if chosen else ''}><summary>只按部分文件的要求核对</summary>"
        f'<div class="fields">{boxes}</div>'
        '<p class="muted">不选则按适用于该县（区）的全部要求核对。</p></details>'
        "<p><button>开始核对</button></p>"
        f'<p class="meta">上传的文件只在本机的临时文件夹中处理，核对完立即删除；一次上传合计不超过 '
        f"{e(limit)}。</p>"
        f"{datalist('counties', counties)}</form>",
    ]
    return layout("核对工作方案", "\n".join(body), active="check")


REPORT_BAR_CSS = """
.pkb-bar { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; background: #1f4e79;
  color: #fff; padding: 8px 14px; margin: -2em 0 1.5em; border-radius: 0 0 6px 6px;
  font-size: 14px; display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; }
.pkb-bar a { color: #fff; font-weight: bold; }
.pkb-bar span { color: #dce8f5; }
.pkb-problems { background: #fff8c5; border: 1px solid #e3c75a; padding: 6px 12px; }
@media print { .pkb-bar, .pkb-problems { display: none; } }
"""


def check_report_page(report_html: str, problems: Sequence[str]) -> str:
    """The checker's own printable report, with a bar back to the app on top (hidden when
    printed) and the files that could not be read."""
    bar = (
        f'<style>{REPORT_BAR_CSS}</style><div class="pkb-bar">'
        f'<a href="/check">← 核对其他方案</a><a href="/">{APP_NAME}</a>'
        "<span>报告没有保存在服务器上：请用浏览器的“另存为”或“打印”保存。</span></div>"
    )
    if problems:
        items = "".join(f"<li>{e(p)}</li>" for p in problems)
        bar += f'<div class="pkb-problems"><p>以下文件无法读取，未核对：</p><ul>{items}</ul></div>'
    marker = "<body>"
    at = report_html.find(marker)
    if at < 0:
        return bar + report_html
    at += len(marker)
    return report_html[:at] + "\n" + bar + report_html[at:]
