"""Responsibility matrices: what each department leads, supports and answers for.

``build_matrix`` turns obligations (usually ``corpus.obligations``, the reviewed
annotations) into a ``Matrix``:

* per department (canonical name, any alias accepted as a filter) the obligations it leads
  (牵头), cooperates on (配合) and is responsible for (责任单位), each as a ``Duty`` with the
  document, clause path and title, the requirement text, its deadlines and targets;
* the overview: for every department, counts per role and document (``counts``);
* the grid: departments × obligations (``Matrix.obligations`` are the rows, ``roles_by_id``
  gives a department's marks).

With ``expand_groups`` a group body (各县（区）) is expanded to its members, so 中宁县 sees
what 各县（区） must do; such duties carry ``via="各县（区）"``.  A department named in the
obligations is always listed under the name the annotations give (canonical names).

The text helpers at the end (``duty_cells``, ``counts_text`` …) are shared by the renderers
in ``policykb.render.matrix_*``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from .errors import NotFoundError
from .models import (
    ROLE_LABELS,
    ROLES,
    DepartmentDuties,
    Document,
    DocumentMeta,
    Duty,
    Matrix,
    MatrixDocument,
    MatrixFilters,
    Obligation,
    Role,
    RoleCounts,
)
from .registry import Registry, load_registry, normalize_name
from .render.obligations_view import describe_deadline, describe_target
from .selection import groups_containing, select_obligations

__all__ = [
    "DUTY_HEADERS",
    "build_matrix",
    "counts_text",
    "department_heading",
    "document_title",
    "duty_cells",
    "filters_text",
    "grid_label",
    "path_text",
    "role_label",
    "roles_by_id",
]


def build_matrix(
    obligations: Iterable[Obligation],
    *,
    registry: Registry | None = None,
    departments: Sequence[str] | None = None,
    doc: str | None = None,
    role: Role | None = None,
    due_before: dt.date | None = None,
    expand_groups: bool = False,
    documents: Iterable[Document | DocumentMeta] | None = None,
) -> Matrix:
    """The responsibility matrix of ``obligations``.

    ``departments``: only these (any alias; unknown → ``NotFoundError`` with the closest
    names); they are listed in the order given, even when they carry nothing.  Otherwise
    every department named in the selected obligations is listed, in registry order.
    ``doc``, ``role``, ``due_before`` filter as in ``select_obligations`` (``due_before``:
    obligations with a dated deadline on or before the date).  ``documents`` supplies the
    titles (and order) of the documents.
    """
    registry = registry or load_registry()
    items = select_obligations(obligations, doc=doc, due_before=due_before, registry=registry)
    roles: tuple[Role, ...] = (role,) if role else ROLES
    named = _named_departments(items)
    requested = _resolve_requested(departments or [], registry, named)
    members = _Members(registry)

    # department → {(obligation index, role): via}
    carried: dict[str, dict[tuple[int, Role], str | None]] = {}
    first_seen: dict[str, int] = {}

    def add(name: str, index: int, r: Role, via: str | None) -> None:
        first_seen.setdefault(name, len(first_seen))
        slot = carried.setdefault(name, {})
        if (index, r) not in slot or (via is None and slot[(index, r)] is not None):
            slot[(index, r)] = via

    for index, obligation in enumerate(items):
        for r in roles:
            for name in getattr(obligation.departments, r):
                add(name, index, r, None)
                if expand_groups:
                    for member in members.of(name):
                        add(member, index, r, name)

    if requested:
        shown: list[str] = []
        for name in requested:
            expanded = members.of(name) if expand_groups else []
            shown.extend(expanded or [name])
        shown = list(dict.fromkeys(shown))
    else:
        order = {d.name: i for i, d in enumerate(registry.all())}
        shown = [
            name for name in carried if carried[name] and not (expand_groups and members.of(name))
        ]
        shown.sort(key=lambda n: (order.get(n, len(order)), first_seen[n]))

    titles: dict[str, str | None] = {}
    for document in documents or []:
        meta = document.meta if isinstance(document, Document) else document
        titles[meta.id] = meta.title

    rows = [_department(name, carried.get(name, {}), items, registry) for name in shown]
    used = sorted({index for name in shown for index, _ in carried.get(name, {})})
    grid = [items[i] for i in used]
    doc_ids = list(dict.fromkeys(o.doc_id for o in grid))
    if titles:
        position = {d: i for i, d in enumerate(titles)}
        doc_ids.sort(key=lambda d: position.get(d, len(position)))
    return Matrix(
        departments=rows,
        documents=[MatrixDocument(id=d, title=titles.get(d)) for d in doc_ids],
        obligations=[o.model_copy(deep=True) for o in grid],
        filters=MatrixFilters(
            departments=requested,
            doc=doc,
            role=role,
            due_before=due_before,
            expand_groups=expand_groups,
        ),
    )


# --------------------------------------------------------------------------- building blocks


def group_hints(matrix: Matrix, registry: Registry | None = None) -> list[tuple[str, list[str]]]:
    """Departments that carry nothing by name but belong to groups that do: (name, groups).

    中宁县 has no task of its own in the corpus, but 各县（区） has many; readers are told to
    expand groups rather than shown an empty list.
    """
    if matrix.filters.expand_groups:
        return []
    registry = registry or load_registry()
    hints = []
    for department in matrix.departments:
        groups = groups_containing(department.name, registry)
        if not department.duties and groups:
            hints.append((department.name, groups))
    return hints


def _named_departments(items: Iterable[Obligation]) -> list[str]:
    return list(dict.fromkeys(n for o in items for n in o.departments.all()))


def _resolve_requested(names: Sequence[str], registry: Registry, named: list[str]) -> list[str]:
    """Canonical names of the departments a user asked for (aliases accepted)."""
    known = {normalize_name(n): n for n in named}
    result: list[str] = []
    for name in names:
        try:
            canonical = registry.lookup(name).name
        except NotFoundError:
            # a body the annotations name but the registry does not know yet
            form = normalize_name(name)
            if form not in known:
                raise
            canonical = known[form]
        if canonical not in result:
            result.append(canonical)
    return result


class _Members:
    """The members a group stands for (各县（区） → 沙坡头区, 中宁县, 海原县), cached."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._cache: dict[str, list[str]] = {}

    def of(self, name: str) -> list[str]:
        if name not in self._cache:
            body = self.registry.get(name) or self.registry.resolve(name)
            members: list[str] = []
            if body is not None and body.group and body.members:
                members = [m for m in self.registry.expand_group(body.name) if m != body.name]
            self._cache[name] = members
        return self._cache[name]


def _department(
    name: str,
    carried: dict[tuple[int, Role], str | None],
    items: list[Obligation],
    registry: Registry,
) -> DepartmentDuties:
    body = registry.get(name)
    duties: list[Duty] = []
    by_role: dict[Role, list[str]] = {r: [] for r in ROLES}
    counts: dict[str, RoleCounts] = {}
    total = RoleCounts()
    for (index, r), via in sorted(
        carried.items(), key=lambda kv: (kv[0][0], ROLES.index(kv[0][1]))
    ):
        o = items[index]
        duties.append(
            Duty(
                obligation_id=o.id,
                role=r,
                doc_id=o.doc_id,
                path=list(o.path),
                title=o.title,
                requirement=o.text,
                deadlines=[d.model_copy() for d in o.deadlines],
                targets=[t.model_copy() for t in o.targets],
                via=via,
            )
        )
        by_role[r].append(o.id)
        per_doc = counts.setdefault(o.doc_id, RoleCounts())
        setattr(per_doc, r, getattr(per_doc, r) + 1)
        setattr(total, r, getattr(total, r) + 1)
    return DepartmentDuties(
        name=name,
        aliases=list(body.aliases) if body else [],
        lead=by_role["lead"],
        cooperate=by_role["cooperate"],
        responsible=by_role["responsible"],
        jurisdiction=body.jurisdiction if body else None,
        group=body.group if body else False,
        duties=duties,
        counts=counts,
        total=total,
    )


# --------------------------------------------------------------------------- grid


def roles_by_id(department: DepartmentDuties) -> dict[str, list[Role]]:
    """``{obligation id: [roles]}``: the department's marks in the grid."""
    marks: dict[str, list[Role]] = {}
    for duty in department.duties:
        marks.setdefault(duty.obligation_id, []).append(duty.role)
    return marks


def grid_label(roles: Sequence[Role]) -> str:
    """A grid cell: 牵头 / 配合 / 责任, several joined with ``/``; empty when none."""
    return "/".join(ROLE_LABELS[r] for r in roles)


# --------------------------------------------------------------------------- text cells

DUTY_HEADERS: tuple[str, ...] = ("角色", "文档", "条款", "标题", "要求", "时限", "指标")


def path_text(path: Sequence[str]) -> str:
    return "/".join(path) or "—"


def role_label(duty: Duty, *, sep: str = "") -> str:
    """牵头 / 配合 / 责任, with the group it comes from: 责任（经各县（区））; with a
    line break as ``sep``, on two lines (责任 / 经各县（区）)."""
    label = ROLE_LABELS[duty.role]
    if not duty.via:
        return label
    return f"{label}{sep}经{duty.via}" if sep else f"{label}（经{duty.via}）"


def duty_cells(duty: Duty, *, sep: str = "\n") -> list[str]:
    """The cells of a duty in the order of ``DUTY_HEADERS`` (empty values as ``—``)."""
    return [
        role_label(duty, sep="\n" if "\n" in sep else ""),
        duty.doc_id,
        path_text(duty.path),
        duty.title or "—",
        duty.requirement,
        sep.join(describe_deadline(d) for d in duty.deadlines) or "—",
        sep.join(describe_target(t) for t in duty.targets) or "—",
    ]


def counts_text(counts: RoleCounts | None) -> str:
    """牵头 3 · 配合 2 (roles with no duty left out; ``""`` when there is none)."""
    if counts is None:
        return ""
    parts = [f"{ROLE_LABELS[r]} {getattr(counts, r)}" for r in ROLES if getattr(counts, r)]
    return " · ".join(parts)


def department_heading(department: DepartmentDuties) -> str:
    """The summary line under a department's name: 牵头 17 项 · 配合 3 项 · 责任 0 项."""
    return " · ".join(f"{ROLE_LABELS[r]} {getattr(department.total, r)} 项" for r in ROLES)


def filters_text(matrix: Matrix) -> str:
    """The filters in force, in Chinese (``""`` when none)."""
    f = matrix.filters
    parts = []
    if f.departments:
        parts.append("部门：" + "、".join(f.departments))
    if f.doc:
        parts.append(f"文档：{f.doc}")
    if f.role:
        parts.append(f"角色：{ROLE_LABELS[f.role]}")
    if f.due_before:
        parts.append(f"时限不晚于 {f.due_before.isoformat()}")
    if f.expand_groups:
        parts.append("含所属“各县（区）”等集体承担的任务")
    return "；".join(parts)


def document_title(matrix: Matrix, doc_id: str) -> str:
    for document in matrix.documents:
        if document.id == doc_id:
            return document.title or doc_id
    return doc_id
