"""Terminal view of obligations: who, what, by when, how much."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable

from ..models import Deadline, Obligation, Target


def describe_deadline(deadline: Deadline) -> str:
    """A short Chinese description of a deadline: 2022-03-31 / 每月25日前 / 5个工作日内."""
    if deadline.kind == "absolute" and deadline.due:
        return f"{deadline.raw}（{deadline.due.isoformat()}）"
    return deadline.raw


def describe_target(target: Target) -> str:
    metric = f"{target.metric}：" if target.metric else ""
    return f"{metric}{target.raw}"


def describe_departments(obligation: Obligation) -> str:
    parts = []
    d = obligation.departments
    if d.lead:
        parts.append("牵头：" + "、".join(d.lead))
    if d.responsible:
        parts.append("责任：" + "、".join(d.responsible))
    if d.cooperate:
        parts.append("配合：" + "、".join(d.cooperate))
    return "\n".join(parts) or "—"


def print_obligations(console: Console, obligations: list[Obligation], *, width: int = 80) -> None:
    table = RichTable(title=f"任务（{len(obligations)} 项）", show_lines=True)
    for header, ratio in (("任务 ID", 2), ("要求", 5), ("部门", 3), ("时限", 2), ("指标", 2)):
        table.add_column(header, overflow="fold", ratio=ratio)
    for o in obligations:
        text = o.text if len(o.text) <= width else o.text[:width] + "…"
        table.add_row(
            o.id,
            text,
            describe_departments(o),
            "\n".join(describe_deadline(d) for d in o.deadlines) or "—",
            "\n".join(describe_target(t) for t in o.targets) or "—",
        )
    console.print(table)
