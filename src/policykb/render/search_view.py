"""Terminal views of search results and of the search index."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.text import Text

from ..models import SearchResult

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
MATCH_STYLE = "bold red"


def marked_text(fragment: str, *, style: str = MATCH_STYLE, brackets: bool = False) -> Text:
    """A snippet with its ``<mark>…</mark>`` parts styled (and the tags removed); with
    ``brackets`` (output without colour) the matches are written 【like this】."""
    text = Text()
    cursor = 0
    for match in _MARK.finditer(fragment):
        text.append(fragment[cursor : match.start()])
        word = f"【{match.group(1)}】" if brackets else match.group(1)
        text.append(word, style=style)
        cursor = match.end()
    text.append(fragment[cursor:])
    return text


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width] + "…"


def _where(path: list[str]) -> str:
    return "/".join(path) if path else "前言/结尾"


def print_search_result(
    console: Console, result: SearchResult, *, notes: Sequence[str] = ()
) -> None:
    """Hits best first: document, clause path and title, then the marked snippets."""
    for note in notes:
        console.print(Text(f"提示：{note}", style="yellow"))
    if not result.hits:
        console.print(Text(f"没有找到与“{_short(result.query)}”匹配的条款。", style="bold"))
        console.print(Text("可以换一个说法、减少词语，或去掉筛选条件后再试。", style="dim"))
        return
    shown = len(result.hits)
    more = f"，显示前 {shown} 条" if result.total > shown else ""
    query = f"“{_short(result.query)}”" if result.query.strip() else "筛选条件"
    console.print(Text(f"{query}：共 {result.total} 条结果{more}", style="bold"))
    for hit in result.hits:
        console.print()
        head = Text()
        head.append(f"{hit.rank}. ", style="bold")
        if hit.doc_title:
            head.append(f"《{hit.doc_title}》 ", style="bold")
        head.append(_where(hit.path), style="cyan")
        if hit.title:
            head.append(f" {hit.title}", style="bold cyan")
        console.print(head)
        score = f"   相关度 {hit.score:.2f}" if result.query.strip() else ""
        console.print(Text(f"   {hit.clause_id}{score}", style="dim"))
        for fragment in hit.highlights:
            line = Text("   ")
            line.append_text(marked_text(fragment, brackets=console.no_color))
            console.print(line, soft_wrap=True)
    if result.total > shown:
        console.print()
        console.print(
            Text("用 --limit N 查看更多结果；用 policykb show 条款ID 查看全文。", style="dim")
        )
    else:
        console.print()
        console.print(Text("用 policykb show 条款ID 查看条款全文。", style="dim"))


def _size(num: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if num < 1024 or unit == "GB":
            return f"{num:.0f} {unit}" if unit == "B" else f"{num:.1f} {unit}"
        num /= 1024
    return f"{num:.1f} GB"


def print_index_info(console: Console, info: dict[str, Any]) -> None:
    """What ``policykb index`` built."""
    verb = "已重建" if info.get("built") else "已是最新"
    console.print(Text(f"检索索引{verb}", style="bold"))
    rows = [
        ("条款", f"{info['clauses']} 个（{info['documents']} 份文件）"),
        ("词项", str(info.get("terms", 0))),
        ("正文", _size(info.get("text_bytes", 0))),
        ("索引大小", _size(info.get("size_bytes", 0))),
        ("建立用时", f"{info.get('build_seconds', 0):.2f} 秒"),
        ("位置", info["path"]),
    ]
    for label, value in rows:
        line = Text(f"  {label}：", style="dim")
        line.append(value)
        console.print(line)
