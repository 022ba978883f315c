"""What every check report shows, in one place: order of statuses, item labels, highlights.

The renderers (``render/check_terminal.py``, ``check_markdown.py``, ``check_html.py``) share
these so that the terminal, Markdown and HTML reports say the same thing in the same order:
the gaps first (缺失, 指标偏低, 时限推后, 表述空泛, 未明确责任单位), then the shares and the
satisfied items.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..models import STATUS_LABELS, Finding, PlanReport
from ..render.obligations_view import describe_deadline, describe_target

#: display order: the gaps first, most serious first
STATUS_ORDER: tuple[str, ...] = (
    "missing",
    "weaker_target",
    "later_deadline",
    "vague",
    "no_department",
    "share",
    "satisfied",
)
GAP_STATUSES = frozenset(STATUS_ORDER[:5])


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def item_label(finding: Finding) -> str:
    """What the finding is about: 指标 …, 时限 … or 整项任务."""
    if finding.target is not None:
        return "指标：" + describe_target(finding.target)
    if finding.deadline is not None:
        return "时限：" + describe_deadline(finding.deadline)
    return "整项任务"


def grouped(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings by status in display order (statuses without findings left out)."""
    by_status: dict[str, list[Finding]] = {s: [] for s in STATUS_ORDER}
    for finding in findings:
        by_status.setdefault(finding.status, []).append(finding)
    return [(s, items) for s, items in by_status.items() if items]


def gaps(report: PlanReport) -> list[Finding]:
    return [
        f for status, items in grouped(report.findings) if status in GAP_STATUSES for f in items
    ]


def highlight_spans(quote: str, finding: Finding) -> list[tuple[int, int]]:
    """Spans of ``quote`` to highlight: what the plan commits to (``found``) or, failing
    that, the figure or date written in it."""
    spans: list[tuple[int, int]] = []
    probes = [finding.found or ""]
    if finding.found and "（" in finding.found:
        probes.append(finding.found.split("（", 1)[0])
    for probe in probes:
        if probe and probe in quote:
            at = quote.find(probe)
            spans.append((at, at + len(probe)))
            break
    return spans


def fmt_number(value: float | None) -> str:
    if value is None:
        return "—"
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}".replace(",", "")
    return f"{value:.2f}".rstrip("0").rstrip(".")
