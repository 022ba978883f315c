"""Terminal view of a check: counts per status, then the gaps with the plan's evidence."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from ..checking.report import (
    GAP_STATUSES,
    STATUS_ORDER,
    fmt_number,
    gaps,
    highlight_spans,
    item_label,
    status_label,
)
from ..models import CheckResult, Finding, PlanReport

STATUS_STYLES = {
    "missing": "bold red",
    "weaker_target": "red",
    "later_deadline": "red",
    "vague": "yellow",
    "no_department": "yellow",
    "share": "cyan",
    "satisfied": "green",
}


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width] + "…"


def _quote(quote: str, finding: Finding, *, brackets: bool) -> Text:
    text = Text()
    cursor = 0
    for start, end in highlight_spans(quote, finding):
        text.append(quote[cursor:start])
        word = quote[start:end]
        text.append(f"【{word}】" if brackets else word, style="bold red")
        cursor = end
    text.append(quote[cursor:])
    return text


def print_plan(console: Console, report: PlanReport, *, show_all: bool = False) -> None:
    brackets = console.no_color
    head = Text(f"《{report.title or report.path}》", style="bold")
    head.append(f"  {report.path}  所属：{report.jurisdiction or '未识别'}", style="dim")
    console.print(head)
    for warning in report.warnings:
        console.print(Text(f"提示：{warning}", style="yellow"))
    counts = RichTable(show_header=True, header_style="bold", box=None, pad_edge=False)
    for status in STATUS_ORDER:
        counts.add_column(status_label(status), justify="right")
    counts.add_row(
        *[Text(str(getattr(report.summary, s)), style=STATUS_STYLES[s]) for s in STATUS_ORDER]
    )
    console.print(counts)
    shown = report.findings if show_all else gaps(report)
    if not shown:
        console.print(Text("未发现缺失或弱化的要求。", style="green"))
    order = {s: n for n, s in enumerate(STATUS_ORDER)}
    for n, finding in enumerate(sorted(shown, key=lambda f: order.get(f.status, 99)), 1):
        line = Text(f"{n}. ")
        line.append(f"[{status_label(finding.status)}]", style=STATUS_STYLES[finding.status])
        line.append(f" {finding.obligation_id}  {item_label(finding)}")
        console.print(line)
        console.print(Text(f"   要求：{_short(finding.requirement, 55)}", style="dim"))
        if finding.found:
            console.print(f"   方案：{finding.found}")
        console.print(f"   说明：{finding.explanation}")
        for evidence in finding.evidence[:2]:
            row = Text(f"   证据（{evidence.location}，{evidence.score:.2f}）：")
            row.append_text(_quote(_short(evidence.quote, 70), finding, brackets=brackets))
            console.print(row)
    shares = [f for f in report.findings if f.status == "share"]
    if shares and not show_all:
        table = RichTable(title="分担的全市总量", show_lines=False)
        for header in ("任务", "全市指标", "本方案"):
            table.add_column(header, overflow="fold")
        for f in shares:
            metric = f.target.metric if f.target else ""
            table.add_row(_short(metric, 30), f.target.raw if f.target else "", f.found or "")
        console.print(table)


def print_check(console: Console, result: CheckResult, *, show_all: bool = False) -> None:
    for n, report in enumerate(result.plans):
        if n:
            console.rule()
        print_plan(console, report, show_all=show_all)
    if result.rollup:
        console.rule()
        table = RichTable(title="各县（区）分担汇总", show_lines=True)
        table.add_column("全市指标", overflow="fold")
        for report in result.plans:
            table.add_column(report.jurisdiction or report.path, justify="right")
        table.add_column("合计", justify="right")
        table.add_column("缺口", justify="right")
        for row in result.rollup:
            shortfall = Text(
                fmt_number(row.shortfall), style="bold red" if row.shortfall > 0 else "green"
            )
            table.add_row(
                f"{row.target.metric} {row.target.raw}\n{row.obligation_id}",
                *[fmt_number(row.shares.get(r.path)) for r in result.plans],
                fmt_number(row.sum),
                shortfall,
            )
        console.print(table)
    defects = sum(1 for p in result.plans for f in p.findings if f.status in GAP_STATUSES)
    if defects:
        console.print(Text(f"共 {defects} 项需要修改（退出码 1）。", style="bold"))
