"""Recognising the numbering labels of Chinese official documents.

Styles, in the order documents usually nest them: 第一章 > 一、 > （一） > 1. / 1、 > （1） > ①.
The nesting of a given document is *not* assumed: the clause builder nests styles in the
order it first meets them, which also serves plans that skip a level or use another order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "零〇一二两三四五六七八九十百"

_CN_VALUES = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def chinese_ordinal(text: str) -> int | None:
    """Value of a small Chinese numeral used in numbering (一 … 九十九)."""
    if not text or any(ch not in CN_DIGITS for ch in text):
        return None
    if "百" in text:
        head, _, remainder = text.partition("百")
        hundreds = _CN_VALUES.get(head, 1) if head else 1
        below = chinese_ordinal(remainder.lstrip("零〇")) if remainder else 0
        return hundreds * 100 + (below or 0)
    if "十" in text:
        head, _, units = text.partition("十")
        tens = _CN_VALUES.get(head, 0) if head else 1
        return tens * 10 + (_CN_VALUES.get(units, 0) if units else 0)
    if len(text) == 1:
        return _CN_VALUES.get(text)
    return None


@dataclass(frozen=True)
class Label:
    """A numbering label found at the start of a block."""

    style: str  # chapter | article | cn | cn_paren | arabic | arabic_paren | circled
    raw: str  # as written, e.g. "(一) " or "1. "
    normalized: str  # for paths: 一 / （一） / 1 / （1） / ① / 第一章
    value: int | None  # ordinal value for sequence checks


_CN = f"[{CN_DIGITS}]+"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"^第({_CN}|\d+)([章部编节])[ \t\u3000]*")),
    ("article", re.compile(rf"^第({_CN}|\d+)条[ \t\u3000]*")),
    ("cn", re.compile(rf"^({_CN})[、.．][ \t\u3000]*")),
    ("cn_paren", re.compile(rf"^[（(][ \t\u3000]*({_CN})[ \t\u3000]*[）)][ \t\u3000、.．]*")),
    # "1." but not "1.2万" and not a year such as "2022年": at most 2 digits, then . ． or 、
    ("arabic", re.compile(r"^(\d{1,2})[\.．、](?!\d)[ \t\u3000]*")),
    ("arabic_paren", re.compile(r"^[（(][ \t\u3000]*(\d{1,2})[ \t\u3000]*[）)][ \t\u3000、.．]*")),
    ("circled", re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])[ \t\u3000]*")),
]

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def match_label(text: str) -> Label | None:
    """The numbering label at the start of ``text``, if any."""
    for style, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        token = m.group(1)
        if style == "chapter":
            value = int(token) if token.isdigit() else chinese_ordinal(token)
            normalized = f"第{token}{m.group(2)}"
        elif style == "article":
            value = int(token) if token.isdigit() else chinese_ordinal(token)
            normalized = f"第{token}条"
        elif style == "cn":
            value = chinese_ordinal(token)
            normalized = token
        elif style == "cn_paren":
            value = chinese_ordinal(token)
            normalized = f"（{token}）"
        elif style == "arabic":
            value = int(token)
            normalized = token
        elif style == "arabic_paren":
            value = int(token)
            normalized = f"（{token}）"
        else:
            value = _CIRCLED.index(token) + 1
            normalized = token
        if value is None:
            continue
        return Label(style=style, raw=m.group(0), normalized=normalized, value=value)
    return None


def normalize_path_label(label: str) -> str:
    """Normalise a label typed by a user ("(一)", "1.", "一、") to its path form."""
    label = label.strip().replace("(", "（").replace(")", "）").replace(" ", "")
    return label.rstrip("、.．")
