"""Building the clause tree from a document's blocks.

Both corpus Markdown and user plans (.docx, .txt, .md) are first reduced to a list of
``Block``s (heading, paragraph, table, break) with source line numbers; this module turns
that list into ``Clause``s.  Numbering styles nest in the order a document first uses them,
so the builder needs no per-document configuration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from ..models import Clause, Table
from .numbering import Label, match_label
from .sentences import split_sentences

BlockKind = Literal["heading", "paragraph", "table", "break"]


@dataclass
class Block:
    """One block of source text: a heading, a paragraph, a table or a thematic break."""

    kind: BlockKind
    text: str = ""
    line: int | None = None
    rows: list[list[str]] = field(default_factory=list)
    bold_lead: str | None = None  # text of a leading **bold** run, if the source had one
    heading_level: int | None = None  # 1 for the document title (``# …``)


@dataclass
class _Node:
    label: Label | None
    kind: str
    title: str | None
    parts: list[str]
    line: int | None
    tables: list[Table] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    parent: _Node | None = None


@dataclass
class BuildResult:
    clauses: list[Clause]
    warnings: list[tuple[int | None, str]]


_DATE_LINE = re.compile(
    r"^\s*(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$"
)
_TITLE_MAX = 40
_TITLE_STOP = "；;：:"
_TITLE_MAX_WITH_COMMA = 30


def split_title(rest: str, bold_lead: str | None = None) -> tuple[str | None, bool]:
    """The inline heading of a numbered paragraph and whether the paragraph is heading-only.

    ``（一）指导思想。以习近平…`` → ("指导思想", False); ``一、总体要求`` → ("总体要求", True);
    ``1. **提升基础教育水平。**持续…`` → ("提升基础教育水平", False).
    """
    rest = rest.strip()
    if bold_lead:
        title = bold_lead.strip().rstrip("。.：:")
        return (title or None), rest.strip() == bold_lead.strip()
    stop = rest.find("。")
    if stop == -1:
        # no full stop: a short line without sentence punctuation is a heading by itself
        if len(rest) <= _TITLE_MAX and not any(ch in rest for ch in "，,；;"):
            return (rest or None), True
        return None, False
    lead = rest[:stop]
    limit = _TITLE_MAX_WITH_COMMA if ("，" in lead or "," in lead) else _TITLE_MAX
    if 0 < len(lead) <= limit and not any(ch in lead for ch in _TITLE_STOP):
        # a lone sentence ("发展庭院经济。") is text, with its lead as the title
        return lead, False
    return None, False


def _is_signature_like(text: str) -> bool:
    text = text.strip()
    return bool(_DATE_LINE.match(text)) or (
        0 < len(text) <= 30 and not any(ch in text for ch in "。，,；;：:！？")
    )


def build_clauses(doc_id: str, blocks: list[Block]) -> BuildResult:
    """Turn blocks into clauses (document order), with warnings for odd numbering."""
    warnings: list[tuple[int | None, str]] = []
    preamble = _Node(None, "preamble", None, [], blocks[0].line if blocks else None)
    closing = _Node(None, "closing", None, [], None)
    roots: list[_Node] = []
    stack: list[_Node] = []  # open numbered nodes, outermost first
    in_closing = False

    # Trailing signature / date lines form the closing text even without a thematic break.
    tail_start = len(blocks)
    while (
        tail_start > 0
        and blocks[tail_start - 1].kind == "paragraph"
        and _is_signature_like(blocks[tail_start - 1].text)
        and match_label(blocks[tail_start - 1].text) is None
    ):
        tail_start -= 1
    has_date_tail = any(_DATE_LINE.match(b.text) for b in blocks[tail_start:])
    if not has_date_tail:
        tail_start = len(blocks)

    def current() -> _Node:
        if in_closing:
            return closing
        return stack[-1] if stack else preamble

    for index, block in enumerate(blocks):
        if block.kind == "break":
            if stack or roots:
                in_closing = True
            continue
        if index >= tail_start and not in_closing:
            in_closing = True
        if block.kind == "table":
            node = current()
            node.tables.append(Table(rows=block.rows))
            node.parts.append("\n".join(" | ".join(row) for row in block.rows))
            if node.line is None:
                node.line = block.line
            continue
        label = None if in_closing else match_label(block.text)
        if label is None:
            node = current()
            if node.line is None:
                node.line = block.line
            if block.kind == "heading" and node is preamble and not node.parts:
                # an unnumbered heading before any clause (a subtitle) is preamble text
                pass
            node.parts.append(block.text.strip())
            continue
        rest = block.text[len(label.raw) :]
        title, heading_only = split_title(rest, block.bold_lead)
        if block.kind == "heading" and title is None and rest.strip():
            title, heading_only = rest.strip(), True
        node = _Node(label, "section", title, [] if heading_only else [rest.strip()], block.line)
        # find the parent: close open nodes back to (and including) one of the same style
        styles = [open_node.label.style for open_node in stack if open_node.label]
        if label.style in styles:
            del stack[styles.index(label.style) :]
        parent = stack[-1] if stack else None
        siblings = parent.children if parent else roots
        # the last sibling of the same style (siblings are scanned from the end: O(1) usually)
        previous = next(
            (s for s in reversed(siblings) if s.label and s.label.style == label.style), None
        )
        expected = (
            previous.label.value + 1
            if previous is not None and previous.label and previous.label.value is not None
            else 1
        )
        if label.value != expected:
            warnings.append(
                (block.line, f"编号“{label.raw.strip()}”不连续：此处应为第{expected}项")
            )
        node.parent = parent
        siblings.append(node)
        stack.append(node)

    clauses: list[Clause] = []
    used_ids: set[str] = set()
    next_suffix: dict[str, int] = {}

    def make(node: _Node, path: list[str], parent_id: str | None, level: int) -> Clause:
        if node.kind == "preamble":
            cid = f"{doc_id}:preamble"
        elif node.kind == "closing":
            cid = f"{doc_id}:closing"
        else:
            cid = f"{doc_id}:{'/'.join(path)}"
        if cid in used_ids:
            # the same path twice (numbering restarted): keep ids unique and deterministic
            base = cid
            n = next_suffix.get(base, 2)
            while f"{base}~{n}" in used_ids:
                n += 1
            cid = f"{base}~{n}"
            next_suffix[base] = n + 1
        used_ids.add(cid)
        text = "\n".join(part for part in node.parts if part)
        return Clause(
            id=cid,
            doc_id=doc_id,
            path=path,
            title=node.title,
            text=text,
            level=level,
            parent_id=parent_id,
            sentences=split_sentences(text),
            kind=node.kind,  # type: ignore[arg-type]
            label=node.label.raw.strip() if node.label else None,
            line=node.line,
            tables=node.tables,
        )

    def walk(node: _Node, parent_path: list[str], parent: Clause | None) -> None:
        assert node.label is not None
        path = [*parent_path, node.label.normalized]
        clause = make(node, path, parent.id if parent else None, len(path))
        clauses.append(clause)
        if parent is not None:
            parent.children.append(clause.id)
        for child in node.children:
            walk(child, path, clause)

    if preamble.parts or preamble.tables:
        clauses.append(make(preamble, [], None, 0))
    for root in roots:
        walk(root, [], None)
    if closing.parts or closing.tables:
        clauses.append(make(closing, [], None, 0))
    return BuildResult(clauses=clauses, warnings=warnings)
