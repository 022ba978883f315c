"""Snippets with the matched words marked.

Matching is done on folded text (so 養老 in a query marks 养老 in the clause, and the other
way round) and mapped back to the original by offset — folding keeps lengths.  A snippet is
a short stretch of the clause around its densest matches, with each match wrapped in
``<mark>`` … ``</mark>`` and ``…`` where the clause was cut.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .analysis import fold

MARK_OPEN = "<mark>"
MARK_CLOSE = "</mark>"
#: Characters of context on each side of a cluster of matches.
CONTEXT = 24
#: Longest snippet (characters of clause text, marks not counted).
MAX_SNIPPET = 90


Term = str | tuple[str, ...]
#: Between the words of a phrase: up to three characters of punctuation or space (phrases
#: match across punctuation: “三区”人才 is the phrase 三区 人才).
_GAP = r"[^\w]{0,3}"


def _pattern(term: Term) -> re.Pattern[str] | None:
    tokens = [fold(t) for t in ((term,) if isinstance(term, str) else term) if t]
    if not tokens:
        return None
    body = _GAP.join(re.escape(t) for t in tokens)
    # numbers and Latin words match whole (3 must not mark the 3 of 30%)
    if tokens[0][0].isascii() and tokens[0][0].isalnum():
        body = r"(?<![0-9a-z.])" + body
    if tokens[-1][-1].isascii() and tokens[-1][-1].isalnum():
        body += r"(?![0-9a-z])"
    # a lookahead finds overlapping matches too (every start position)
    return re.compile("(?=(" + body + "))")


def match_spans(text: str, terms: Sequence[Term]) -> list[tuple[int, int]]:
    """Non-overlapping ``(start, end)`` spans of ``terms`` in ``text`` (longest first).

    A term is a string or a sequence of words (a phrase)."""
    folded = fold(text)
    covered = [False] * len(folded)
    spans: list[tuple[int, int]] = []
    patterns = [p for p in (_pattern(t) for t in terms) if p is not None]
    found: list[tuple[int, int]] = []
    for pattern in patterns:
        for match in pattern.finditer(folded):
            if match.end(1) > match.start(1):
                found.append((match.start(1), match.end(1)))
    # longest first, then leftmost: a phrase wins over the words inside it
    for start, end in sorted(set(found), key=lambda se: (se[0] - se[1], se[0])):
        if not any(covered[start:end]):
            spans.append((start, end))
            for i in range(start, end):
                covered[i] = True
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and merged[-1][1] == start:  # adjacent words: one mark (3月底)
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def mark(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with every span inside it wrapped in marks."""
    stop = len(text) if end is None else end
    out: list[str] = []
    cursor = start
    for s, e in spans:
        if e <= start or s >= stop:
            continue
        s, e = max(s, start), min(e, stop)
        out.append(text[cursor:s])
        out.append(MARK_OPEN + text[s:e] + MARK_CLOSE)
        cursor = e
    out.append(text[cursor:stop])
    return "".join(out)


def _windows(
    spans: list[tuple[int, int]], length: int
) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Disjoint windows of at most MAX_SNIPPET characters, each around one or more spans."""
    windows: list[tuple[int, int, list[tuple[int, int]]]] = []
    for s, e in spans:
        start, end = max(0, s - CONTEXT), min(length, e + CONTEXT)
        if windows:
            w_start, w_end, members = windows[-1]
            if start <= w_end and max(end, w_end) - w_start <= MAX_SNIPPET:
                windows[-1] = (w_start, max(end, w_end), [*members, (s, e)])
                continue
            start = max(start, w_end)  # never overlap the previous window
        windows.append((start, end, [(s, e)]))
    return windows


def snippets(text: str, terms: Sequence[Term], *, max_fragments: int = 3) -> list[str]:
    """Up to ``max_fragments`` marked snippets of ``text``, in text order, not overlapping.

    With no match in the text (a clause found through its department or document title),
    the beginning of the clause is given, unmarked.
    """
    flat = " ".join(text.split("\n"))
    if not flat.strip():
        return []
    spans = match_spans(flat, terms)
    if not spans:
        cut = len(flat) > MAX_SNIPPET
        return [flat[:MAX_SNIPPET].strip() + ("…" if cut else "")]
    windows = _windows(spans, len(flat))

    def weight(window: tuple[int, int, list[tuple[int, int]]]) -> tuple[int, int, int]:
        members = window[2]
        distinct = len({fold(flat[s:e]) for s, e in members})
        return (distinct, len(members), -window[0])

    chosen = sorted(sorted(windows, key=weight, reverse=True)[:max_fragments])
    fragments: list[str] = []
    for start, end, members in chosen:
        # begin at a sentence boundary when one lies between the window start and its match
        for i in range(members[0][0] - 1, start - 1, -1):
            if flat[i] in "。；;！？":
                start = i + 1
                break
        body = mark(flat, spans, start, end).strip()
        fragments.append(("…" if start > 0 else "") + body + ("…" if end < len(flat) else ""))
    return fragments


def unmark(fragment: str) -> str:
    return fragment.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
