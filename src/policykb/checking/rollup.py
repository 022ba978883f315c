"""Several plans together: each aggregate target of the city, the counties' shares of it.

For every aggregate target that at least one plan answered with ``share`` (or that every
plan was checked against), the row lists each plan's figure (None when the plan gives none),
their sum, and the shortfall against the city's total (技能培训 1000+900+800 < 3000人次 →
shortfall 300).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import PlanReport, RollupRow, Target


def _required(target: Target) -> float | None:
    if target.value is not None:
        return target.value
    return target.value_min


def rollup(reports: Sequence[PlanReport]) -> list[RollupRow]:
    """One row per aggregate target item, in the order the first plan lists them."""
    rows: dict[tuple[str, str], RollupRow] = {}
    for report in reports:
        for finding in report.findings:
            target = finding.target
            if target is None or target.kind != "aggregate":
                continue
            key = (finding.obligation_id, finding.item)
            row = rows.get(key)
            if row is None:
                row = RollupRow(
                    obligation_id=finding.obligation_id,
                    requirement=finding.requirement,
                    target=target,
                    shares={},
                    sum=0.0,
                    shortfall=0.0,
                )
                rows[key] = row
            value = finding.found_value if finding.status in ("share", "no_department") else None
            row.shares[report.path] = value
    out: list[RollupRow] = []
    for row in rows.values():
        if not any(v is not None for v in row.shares.values()):
            continue
        for report in reports:
            row.shares.setdefault(report.path, None)
        total = sum(v for v in row.shares.values() if v is not None)
        row.sum = total
        required = _required(row.target)
        row.shortfall = max(0.0, required - total) if required is not None else 0.0
        out.append(row)
    return out
