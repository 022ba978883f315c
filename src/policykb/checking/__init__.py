"""Checking county draft plans against the city's requirements (``policykb check``)."""

from __future__ import annotations

from .checker import check_plan, check_plans
from .requirements import RequirementItem, applicable_obligations, requirement_items
from .rules import CheckRules, load_rules

__all__ = [
    "CheckRules",
    "RequirementItem",
    "applicable_obligations",
    "check_plan",
    "check_plans",
    "load_rules",
    "requirement_items",
]
