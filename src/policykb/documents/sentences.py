"""Splitting Chinese text into sentences.

Splits after 。；！？ (and their half-width forms) and at line breaks, but never inside
brackets or quotation marks: a responsibility parenthetical （责任单位：…；牵头部门：…）
stays one piece with the sentence it closes.
"""

from __future__ import annotations

_OPEN = "（(“‘《〈【[「『"
_CLOSE = "）)”’》〉】]」』"
_ENDERS = "。；！？;!?"


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` in order; joining them gives back ``text`` minus line breaks."""
    sentences: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch == "\n":
            if current and "".join(current).strip():
                sentences.append("".join(current).strip())
            current = []
            depth = 0
            continue
        current.append(ch)
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in _ENDERS and depth == 0:
            sentences.append("".join(current).strip())
            current = []
    tail = "".join(current).strip()
    if tail:
        # a closing parenthetical right after the last 。 belongs to that sentence
        if sentences and tail[0] in "（(" and tail[-1] in "）)":
            sentences[-1] += tail
        else:
            sentences.append(tail)
    return [s for s in sentences if s]
