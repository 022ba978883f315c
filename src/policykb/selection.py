"""Selecting obligations by document, department and role.

Department names are resolved through the registry, so any alias works (人社局, 市人社局 …).
With ``expand_groups`` a county also receives what a group it belongs to must do
(中宁县 ← 各县（区）).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .models import ROLES, Obligation, Role
from .registry import Registry, load_registry


def resolve_department(
    name: str, registry: Registry | None = None, region: str | None = None
) -> str:
    """The canonical name of a department typed by a user; raises NotFoundError with suggestions."""
    registry = registry or load_registry()
    return registry.lookup(name, region).name


def groups_containing(name: str, registry: Registry) -> list[str]:
    """The group bodies that list ``name`` among their members (各县（区） for 中宁县)."""
    return [body.name for body in registry.all() if body.group and name in body.members]


def select_obligations(
    obligations: Iterable[Obligation],
    *,
    doc: str | None = None,
    dept: str | None = None,
    role: Role | None = None,
    expand_groups: bool = False,
    due_before: dt.date | None = None,
    registry: Registry | None = None,
) -> list[Obligation]:
    """Obligations matching every given filter (``dept`` is already canonical or an alias)."""
    registry = registry or load_registry()
    names: set[str] = set()
    if dept is not None:
        canonical = resolve_department(dept, registry)
        names = {canonical}
        if expand_groups:
            names.update(groups_containing(canonical, registry))
    roles: tuple[Role, ...] = (role,) if role else ROLES
    result = []
    for obligation in obligations:
        if doc is not None and obligation.doc_id != doc:
            continue
        if names and not any(
            name in getattr(obligation.departments, r) for r in roles for name in names
        ):
            continue
        if due_before is not None and not any(
            d.due is not None and d.due <= due_before for d in obligation.deadlines
        ):
            continue
        result.append(obligation)
    return result
