"""A responsibility matrix as CSV: one row per (department, obligation, role).

Written as UTF-8 with a byte-order mark, so that Excel opens the Chinese correctly when
the file is double-clicked.
"""

from __future__ import annotations

import csv
import io

from ..matrix import document_title, path_text
from ..models import ROLE_LABELS, Matrix
from ..render.obligations_view import describe_deadline, describe_target

BOM = "\ufeff"

HEADERS: tuple[str, ...] = (
    "部门",
    "角色",
    "经由",
    "任务ID",
    "文档ID",
    "文档",
    "条款",
    "标题",
    "要求",
    "时限",
    "指标",
)


def render_csv(matrix: Matrix, *, bom: bool = True) -> str:
    """The rows as CSV text (with a leading BOM unless ``bom=False``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for department in matrix.departments:
        for duty in department.duties:
            writer.writerow(
                [
                    department.name,
                    ROLE_LABELS[duty.role],
                    duty.via or "",
                    duty.obligation_id,
                    duty.doc_id,
                    document_title(matrix, duty.doc_id),
                    path_text(duty.path),
                    duty.title or "",
                    duty.requirement,
                    "；".join(describe_deadline(d) for d in duty.deadlines),
                    "；".join(describe_target(t) for t in duty.targets),
                ]
            )
    return (BOM if bom else "") + buffer.getvalue()
