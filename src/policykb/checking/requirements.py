"""Which requirements a plan is checked against, cut into requirement items.

A county plan answers for the obligations whose bodies include the county itself, a group
it belongs to (各县（区）, 各县（区）乡村振兴局 …) or a county-level body of the county.  Each
target and each deadline of an obligation is its own requirement item; an obligation with
neither is one item ("whole").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..models import Deadline, Obligation, Target
from ..registry import Registry, load_registry

ItemKind = Literal["whole", "target", "deadline"]


@dataclass(frozen=True)
class RequirementItem:
    """One thing a plan must show: an obligation as a whole, or one of its targets/deadlines."""

    obligation: Obligation
    kind: ItemKind
    target: Target | None = None
    deadline: Deadline | None = None
    ordinal: int = 1  # the n-th item of the obligation with the same raw text

    @property
    def key(self) -> str:
        """Stable name of the item within its obligation: whole | target:<raw> |
        deadline:<raw>, with ``#2``, ``#3`` … when the same raw occurs again (选派百名…、
        选派百名…)."""
        if self.target is not None:
            base = f"target:{self.target.raw}"
        elif self.deadline is not None:
            base = f"deadline:{self.deadline.raw}"
        else:
            return "whole"
        return base if self.ordinal == 1 else f"{base}#{self.ordinal}"


def requirement_items(obligations: Iterable[Obligation]) -> list[RequirementItem]:
    items: list[RequirementItem] = []
    for obligation in obligations:
        if not obligation.targets and not obligation.deadlines:
            items.append(RequirementItem(obligation, "whole"))
            continue
        seen: dict[str, int] = {}
        for target in obligation.targets:
            n = seen[f"t:{target.raw}"] = seen.get(f"t:{target.raw}", 0) + 1
            items.append(RequirementItem(obligation, "target", target=target, ordinal=n))
        for deadline in obligation.deadlines:
            n = seen[f"d:{deadline.raw}"] = seen.get(f"d:{deadline.raw}", 0) + 1
            items.append(RequirementItem(obligation, "deadline", deadline=deadline, ordinal=n))
    return items


def county_bodies(jurisdiction: str | None, registry: Registry) -> set[str]:
    """Names that make an obligation the county's: the county, its groups, its own bodies."""
    names: set[str] = set()
    for body in registry.all():
        members = set(body.members)
        if body.group and body.level == "county":
            # 各县（区）… ("every county") applies to any county; a named subset such as
            # 重点帮扶县 only to its listed members
            if (
                jurisdiction in members
                or (not members and body.name.startswith("各"))
                or (jurisdiction is None and body.name.startswith("各"))
            ):
                names.add(body.name)
        elif jurisdiction is not None and body.jurisdiction == jurisdiction:
            names.add(body.name)
    if jurisdiction:
        names.add(jurisdiction)
    return names


def applicable_obligations(
    obligations: Sequence[Obligation],
    jurisdiction: str | None,
    *,
    against: Sequence[str] | None = None,
    registry: Registry | None = None,
) -> list[Obligation]:
    """The obligations a county plan must answer for.

    By default: every obligation naming the county, a county group or a county body.  With
    ``against`` (document ids) only those documents are used; a chosen document that assigns
    nothing to counties contributes all its obligations (the user asked for it explicitly).
    """
    registry = registry or load_registry()
    mine = county_bodies(jurisdiction, registry)
    docs = list(dict.fromkeys(against)) if against else None
    selected: list[Obligation] = []
    for obligation in obligations:
        if docs is not None and obligation.doc_id not in docs:
            continue
        if mine.intersection(obligation.departments.all()) or any(
            name.endswith(("县", "区")) and name == jurisdiction
            for name in obligation.departments.all()
        ):
            selected.append(obligation)
    if docs is not None:
        covered = {o.doc_id for o in selected}
        for doc_id in docs:
            if doc_id not in covered:
                selected.extend(o for o in obligations if o.doc_id == doc_id)
    return selected
