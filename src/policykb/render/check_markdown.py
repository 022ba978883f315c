"""Markdown report of a check: per plan the counts, then the findings grouped by status
(gaps first) with the plan's evidence quoted; the rollup of shares when several plans."""

from __future__ import annotations

from ..checking.report import (
    STATUS_ORDER,
    fmt_number,
    grouped,
    highlight_spans,
    item_label,
    status_label,
)
from ..models import CheckResult, Finding, PlanReport

_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|"})


def _md(text: str) -> str:
    """Escape Markdown syntax in plan and requirement wording (and keep it on one line)."""
    return " ".join(text.split()).translate(_MD_SPECIAL)


def _quote(quote: str, finding: Finding) -> str:
    out: list[str] = []
    cursor = 0
    for start, end in highlight_spans(quote, finding):
        out.append(_md(quote[cursor:start]))
        out.append(f"**{_md(quote[start:end])}**")
        cursor = end
    out.append(_md(quote[cursor:]))
    return "".join(out)


def _plan(report: PlanReport) -> list[str]:
    lines = [f"## {_md(report.title or report.path)}", ""]
    lines.append(f"- 文件：`{report.path}`")
    lines.append(f"- 所属：{_md(report.jurisdiction or '未识别')}")
    for warning in report.warnings:
        lines.append(f"- 提示：{_md(warning)}")
    lines += ["", "| " + " | ".join(status_label(s) for s in STATUS_ORDER) + " |"]
    lines.append("|" + "---:|" * len(STATUS_ORDER))
    lines.append("| " + " | ".join(str(getattr(report.summary, s)) for s in STATUS_ORDER) + " |")
    for status, findings in grouped(report.findings):
        lines += ["", f"### {status_label(status)}（{len(findings)}）", ""]
        for finding in findings:
            lines.append(f"- **{_md(finding.obligation_id)}** {_md(item_label(finding))}")
            lines.append(f"  - 要求：{_md(finding.requirement)}")
            if finding.found:
                lines.append(f"  - 方案：{_md(finding.found)}")
            lines.append(f"  - 说明：{_md(finding.explanation)}")
            for evidence in finding.evidence:
                lines.append(
                    f"  - 证据（{_md(evidence.location)}，相关度 {evidence.score:.2f}）："
                    f"{_quote(evidence.quote, finding)}"
                )
    return lines


def render_check_markdown(result: CheckResult) -> str:
    lines = ["# 工作方案核对报告", ""]
    for report in result.plans:
        lines += _plan(report)
        lines.append("")
    if result.rollup:
        names = [r.jurisdiction or r.path for r in result.plans]
        lines += ["## 各县（区）分担汇总", ""]
        lines.append("| 全市指标 | " + " | ".join(_md(n) for n in names) + " | 合计 | 缺口 |")
        lines.append("|---|" + "---:|" * (len(names) + 2))
        for row in result.rollup:
            cells = [fmt_number(row.shares.get(r.path)) for r in result.plans]
            lines.append(
                f"| {_md(row.target.metric)} {_md(row.target.raw)}（{_md(row.obligation_id)}） | "
                + " | ".join(cells)
                + f" | {fmt_number(row.sum)} | {fmt_number(row.shortfall)} |"
            )
        lines.append("")
    return "\n".join(lines)
