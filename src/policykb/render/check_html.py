"""HTML report of a check: one standalone, printable page to attach to a feedback letter.

Everything read from a plan or a requirement is escaped; the plan's words that the finding
rests on are highlighted with ``<mark>``; findings are grouped by status, gaps first.  No
scripts, no external files.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from ..checking.report import (
    STATUS_ORDER,
    fmt_number,
    grouped,
    highlight_spans,
    item_label,
    status_label,
)
from ..models import CheckResult, Finding, PlanReport

_CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun",
       sans-serif; margin: 2em auto; max-width: 60em; color: #222; line-height: 1.6; }
h1 { font-size: 1.5em; border-bottom: 2px solid #333; padding-bottom: .3em; }
h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #999; }
h3 { font-size: 1.05em; margin-top: 1.5em; }
table { border-collapse: collapse; margin: .8em 0; }
th, td { border: 1px solid #bbb; padding: .25em .6em; text-align: left; vertical-align: top; }
td.num { text-align: right; }
.meta { color: #555; font-size: .9em; }
.warning { color: #8a5a00; }
.finding { border-left: 4px solid #ccc; padding: .3em .8em; margin: .8em 0;
           page-break-inside: avoid; break-inside: avoid; }
.finding.missing, .finding.weaker_target, .finding.later_deadline { border-color: #c62828; }
.finding.vague, .finding.no_department { border-color: #ef8f00; }
.finding.share { border-color: #1565c0; }
.finding.satisfied { border-color: #2e7d32; }
.status { font-weight: bold; }
.req { color: #444; }
blockquote { margin: .3em 0 .3em 1em; padding-left: .6em; border-left: 2px solid #ddd; }
mark { background: #ffe082; padding: 0 .1em; }
.loc { color: #666; font-size: .85em; }
.short { color: #c62828; font-weight: bold; }
@media print { body { margin: 0; max-width: none; font-size: 10.5pt; }
               h2 { page-break-before: auto; } a { color: inherit; } }
"""


def _quote(quote: str, finding: Finding) -> str:
    out: list[str] = []
    cursor = 0
    for start, end in highlight_spans(quote, finding):
        out.append(escape(quote[cursor:start]))
        out.append(f"<mark>{escape(quote[start:end])}</mark>")
        cursor = end
    out.append(escape(quote[cursor:]))
    return "".join(out)


def _finding(finding: Finding) -> str:
    parts = [f'<div class="finding {escape(finding.status)}">']
    parts.append(
        f'<div><span class="status">[{escape(status_label(finding.status))}]</span> '
        f"{escape(finding.obligation_id)} · {escape(item_label(finding))}</div>"
    )
    parts.append(f'<div class="req">要求：{escape(finding.requirement)}</div>')
    if finding.found:
        parts.append(f"<div>方案：{escape(finding.found)}</div>")
    parts.append(f"<div>说明：{escape(finding.explanation)}</div>")
    for evidence in finding.evidence:
        parts.append(
            f"<blockquote>{_quote(evidence.quote, finding)} "
            f'<span class="loc">（{escape(evidence.location)}，相关度 {evidence.score:.2f}）'
            "</span></blockquote>"
        )
    parts.append("</div>")
    return "\n".join(parts)


def _plan(report: PlanReport) -> str:
    parts = [f"<h2>{escape(report.title or report.path)}</h2>"]
    parts.append(
        f'<p class="meta">文件：{escape(report.path)}　所属：'
        f"{escape(report.jurisdiction or '未识别')}</p>"
    )
    for warning in report.warnings:
        parts.append(f'<p class="warning">提示：{escape(warning)}</p>')
    parts.append("<table><tr>")
    parts.extend(f"<th>{escape(status_label(s))}</th>" for s in STATUS_ORDER)
    parts.append("</tr><tr>")
    parts.extend(f'<td class="num">{getattr(report.summary, s)}</td>' for s in STATUS_ORDER)
    parts.append("</tr></table>")
    for status, findings in grouped(report.findings):
        parts.append(f"<h3>{escape(status_label(status))}（{len(findings)}）</h3>")
        parts.extend(_finding(f) for f in findings)
    return "\n".join(parts)


def render_check_html(result: CheckResult, *, today: dt.date | None = None) -> str:
    day = (today or dt.date.today()).isoformat()
    names = "、".join(escape(r.jurisdiction or r.path) for r in result.plans)
    body = ["<h1>工作方案核对报告</h1>", f'<p class="meta">核对方案：{names}　日期：{day}</p>']
    body.extend(_plan(report) for report in result.plans)
    if result.rollup:
        body.append("<h2>各县（区）分担汇总</h2><table><tr><th>全市指标</th>")
        body.extend(f"<th>{escape(r.jurisdiction or r.path)}</th>" for r in result.plans)
        body.append("<th>合计</th><th>缺口</th></tr>")
        for row in result.rollup:
            cells = "".join(
                f'<td class="num">{fmt_number(row.shares.get(r.path))}</td>' for r in result.plans
            )
            short = "short" if row.shortfall > 0 else ""
            body.append(
                f"<tr><td>{escape(row.target.metric)} {escape(row.target.raw)}<br>"
                f'<span class="loc">{escape(row.obligation_id)}</span></td>{cells}'
                f'<td class="num">{fmt_number(row.sum)}</td>'
                f'<td class="num {short}">{fmt_number(row.shortfall)}</td></tr>'
            )
        body.append("</table>")
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>工作方案核对报告</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
