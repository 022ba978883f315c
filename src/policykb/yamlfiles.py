"""Shared helpers for the YAML data files (annotations, registry, check rules).

Validation errors must name the file and the line, in Chinese: pydantic gives the location
of an error as a key path; ``node_line`` finds that path's line in the composed YAML.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

_PYDANTIC_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（拼写错误？）",
    "string_type": "应为文字",
    "list_type": "应为列表",
    "dict_type": "应为键值对",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "date_from_datetime_parsing": "应为日期，如 2022-03-31",
    "date_parsing": "应为日期，如 2022-03-31",
    "greater_than_equal": "取值太小",
}


def compose(text: str) -> yaml.Node | None:
    """The YAML node tree of ``text`` (None when it does not parse)."""
    try:
        return yaml.compose(text)
    except yaml.YAMLError:
        return None


def node_line(root: yaml.Node | None, loc: Iterable[Any]) -> int | None:
    """1-based line of the YAML node at a key path (the deepest node found)."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            found = None
            for key_node, value_node in node.value:
                if str(key_node.value) == str(key):
                    found = value_node
                    line = key_node.start_mark.line + 1
                    break
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            node = node.value[key] if 0 <= key < len(node.value) else None
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def explain(error: Any) -> str:
    """A pydantic error in Chinese (the English message kept for unusual cases)."""
    kind = error.get("type", "")
    if kind == "literal_error":
        expected = (error.get("ctx") or {}).get("expected", "")
        return f"取值“{error.get('input')}”无效，应为 {expected}"
    message = _PYDANTIC_MESSAGES.get(kind)
    return message or str(error.get("msg", "取值不合法")).removeprefix("Value error, ")


def yaml_error_line(exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark is not None else None
