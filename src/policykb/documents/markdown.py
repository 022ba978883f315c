"""Reading policy documents written in Markdown (the corpus format) into ``Document``s.

A corpus file is YAML front matter (see ``DocumentMeta``) followed by the document body in
Markdown: ``# title``, the 文号 and preamble paragraphs, numbered headings and paragraphs,
pipe tables, and an optional ``---`` before unnumbered closing text.  See
``docs/corpus-format.md``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from pydantic import ValidationError

from ..errors import CorpusError
from ..models import Document, DocumentMeta
from .structure import Block, BlockKind, build_clauses

_MD = MarkdownIt("commonmark").enable("table")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_BOLD_LEAD = re.compile(r"^\s*\*\*(.+?)\*\*")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SOFT_BREAK_CJK = re.compile(rf"(?<=[{_CJK}])\s*\n\s*|\s*\n\s*(?=[{_CJK}])")

FIELD_LABELS = {
    "id": "id（文档标识）",
    "title": "title（标题）",
    "level": "level（层级：national/region/city/county）",
    "region": "region（行政区域）",
}


def clean_inline(text: str) -> str:
    """Inline Markdown to plain text: drop ** markers, join soft line breaks."""
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = text.replace("**", "")
    text = _SOFT_BREAK_CJK.sub("", text)
    text = text.replace("\\", "") if "\\" in text and re.search(r"\\[^\w\s]", text) else text
    return re.sub(r"[ \t]*\n[ \t]*", " ", text).strip()


def markdown_blocks(body: str, first_line: int = 1) -> list[Block]:
    """Blocks of a Markdown body; ``first_line`` is the file line of the body's first line."""
    tokens = _MD.parse(body)
    blocks: list[Block] = []
    list_prefix: str | None = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        line = tok.map[0] + first_line if tok.map else None
        if tok.type == "list_item_open":
            # markdown-it turns "1. xxx" into a list item; put the number back as written
            list_prefix = f"{tok.info}{tok.markup} " if tok.info else None
        elif tok.type in ("heading_open", "paragraph_open"):
            inline = tokens[i + 1]
            raw = inline.content
            if list_prefix and tok.type == "paragraph_open":
                raw = list_prefix + raw
                list_prefix = None
            lead = _BOLD_LEAD.match(re.sub(r"^\S+?[、.．）)]\s*", "", raw, count=1))
            if tok.type == "heading_open" and tok.tag == "h1":
                blocks.append(Block("heading", clean_inline(raw), line, heading_level=1))
            else:
                kind: BlockKind = "heading" if tok.type == "heading_open" else "paragraph"
                blocks.append(
                    Block(
                        kind,
                        clean_inline(raw),
                        line,
                        bold_lead=clean_inline(lead.group(1)) if lead else None,
                    )
                )
            i += 2
            continue
        elif tok.type == "hr":
            blocks.append(Block("break", "", line))
        elif tok.type == "table_open":
            rows: list[list[str]] = []
            row: list[str] = []
            j = i + 1
            while tokens[j].type != "table_close":
                t = tokens[j]
                if t.type == "tr_open":
                    row = []
                elif t.type == "inline":
                    row.append(clean_inline(t.content))
                elif t.type == "tr_close":
                    rows.append(row)
                j += 1
            blocks.append(Block("table", "", line, rows=rows))
            i = j
        elif tok.type in ("fence", "code_block"):
            blocks.append(Block("paragraph", tok.content.strip(), line))
        i += 1
    return blocks


def split_front_matter(text: str, source: str) -> tuple[dict[str, Any], str, int]:
    """(front matter mapping, body, file line of the body's first line)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.startswith("---"):
        raise CorpusError(
            "缺少 YAML 前置元数据（文件应以 --- 开头）",
            path=source,
            line=1,
            hint="参见 docs/corpus-format.md",
        )
    lines = text.split("\n")
    end = next((n for n in range(1, len(lines)) if lines[n].strip() == "---"), None)
    if end is None:
        raise CorpusError("前置元数据没有结束标记 ---", path=source, line=1)
    try:
        data = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise CorpusError(f"前置元数据不是合法的 YAML：{problem}", path=source, line=line) from exc
    if not isinstance(data, dict):
        raise CorpusError("前置元数据应为键值对", path=source, line=2)
    return data, "\n".join(lines[end + 1 :]), end + 2


def _meta_line(text: str, key: str) -> int:
    for n, line in enumerate(text.split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return n
    return 1


def parse_markdown_document(text: str, source: str = "<文本>", *, strict: bool = True) -> Document:
    """Parse a corpus Markdown file (front matter + body) into a ``Document``.

    With ``strict`` a numbering sequence that makes no sense raises ``CorpusError``;
    otherwise it becomes a warning on the document.
    """
    data, body, body_line = split_front_matter(text, source)
    try:
        meta = DocumentMeta.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = str(err["loc"][0]) if err["loc"] else ""
        label = FIELD_LABELS.get(key, key)
        if err["type"] == "missing":
            message = f"前置元数据缺少必填字段 {label}"
        elif err["type"] == "extra_forbidden":
            message = f"前置元数据有未知字段 {key}"
        else:
            message = f"前置元数据字段 {label} 的值不合法：{err['msg']}"
        raise CorpusError(message, path=source, line=_meta_line(text, key)) from exc
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", meta.id):
        raise CorpusError(
            f"文档 id“{meta.id}”只能包含字母、数字、点、连字符和下划线",
            path=source,
            line=_meta_line(text, "id"),
        )
    blocks = markdown_blocks(body, body_line)
    # the body's own "# title" is the document title, not a clause
    if blocks and blocks[0].heading_level == 1:
        blocks = blocks[1:]
    result = build_clauses(meta.id, blocks)
    if strict and result.warnings:
        line, message = result.warnings[0]
        raise CorpusError(
            message,
            path=source,
            line=line,
            hint="检查编号是否遗漏或重复；正文中如需以数字开头，可在数字前加反斜杠 \\",
        )
    return Document(
        meta=meta,
        clauses=result.clauses,
        source=source,
        warnings=[f"第{line}行：{msg}" for line, msg in result.warnings],
    )


def read_markdown_document(path: Path, *, strict: bool = True) -> Document:
    """Read a corpus Markdown file; errors name the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError("文件不是 UTF-8 编码", path=str(path)) from exc
    except OSError as exc:
        raise CorpusError(f"无法读取文件：{exc.strerror}", path=str(path)) from exc
    return parse_markdown_document(text, str(path), strict=strict)
