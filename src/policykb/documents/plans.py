"""Reading documents that are not corpus files: county draft plans and users' own documents.

A plan arrives as ``.docx`` (usually), ``.txt`` (in any of the encodings of
``encoding.py``) or ``.md`` and is reduced to the same ``Block`` list as a corpus file, so
that ``build_clauses`` gives it the same clause structure:

* ``.docx`` — the body in order, tables in place (``Block("table")``), text boxes and
  content controls included, tracked deletions left out; headings come from the typed
  numbering (一、/（一）/1.), from Word's automatic numbering (rendered as Word shows it)
  and from heading styles (标题 1 / Heading 1 …; unnumbered ones are numbered by level,
  with a warning); a location is the paragraph number (non-empty paragraphs and tables of
  the body, counted from 1);
* ``.txt`` — one paragraph per line, hard-wrapped lines joined (see
  ``join_wrapped_lines``); a location is the line number;
* ``.md`` — Markdown; with complete corpus front matter it is read as a corpus document.

Problems with the file are ``InputError``s with a Chinese message; problems with the
numbering are warnings on the ``Document``, never errors.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import CorpusError, InputError
from ..models import DocLevel, Document, DocumentMeta
from .encoding import check_file, human_size, read_text_file
from .markdown import clean_inline, markdown_blocks, parse_markdown_document
from .numbering import match_label
from .structure import Block, BlockKind, build_clauses

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "describe_location",
    "detect_jurisdiction",
    "join_wrapped_lines",
    "plan_doc_id",
    "read_any_document",
    "read_plan",
    "read_text_file",
    "text_blocks",
]

SUPPORTED_SUFFIXES = (".docx", ".md", ".markdown", ".txt")
DEFAULT_MAX_BYTES = 20_000_000
_DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_UNSUPPORTED_HINTS = {
    ".doc": "旧版 Word 文件请在 Word 或 WPS 中“另存为” .docx 格式",
    ".wps": "WPS 文字文件请在 WPS 中“另存为” .docx 格式",
    ".rtf": "请在 Word 或 WPS 中“另存为” .docx 格式",
    ".pdf": "请用原始的 Word 文件；只有 PDF 时，请把文字复制到 .txt 文件（UTF-8 编码）",
    ".wpt": "请在 WPS 中“另存为” .docx 格式",
    ".dotx": "请在 Word 中“另存为” .docx 格式",
    ".docm": "请在 Word 中“另存为” .docx 格式",
}

# --------------------------------------------------------------------------- items


@dataclass
class _Item:
    """A block with what the readers know beyond ``Block``: its heading level."""

    block: Block
    level: int | None = None  # heading level from a style / Markdown "#"; None for body text
    title_style: bool = False  # Word "Title" style or Markdown "# "


@dataclass
class _Read:
    items: list[_Item]
    unit: str  # "行" or "段": what Block.line counts
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- public API


def describe_location(source: str | None, line: int | None) -> str:
    """``第12段`` for a .docx, ``第12行`` for text files, ``""`` when unknown."""
    if line is None:
        return ""
    unit = "段" if source and source.lower().endswith(".docx") else "行"
    return f"第{line}{unit}"


def plan_doc_id(path: str | Path) -> str:
    """An ASCII-safe document id from a file name: ``zhongning-2022`` stays itself; a
    Chinese stem becomes ``plan-<hash>`` (keeping any ASCII part: ``plan-v2-1a2b3c4d``)."""
    stem = Path(path).stem
    ascii_part = re.sub(r"[^A-Za-z0-9_.]+", "-", stem).strip("-._").lower()
    if stem.isascii() and ascii_part and _DOC_ID.fullmatch(ascii_part):
        return ascii_part
    digest = hashlib.sha1(stem.encode("utf-8")).hexdigest()[:8]
    return f"plan-{ascii_part}-{digest}" if ascii_part else f"plan-{digest}"


def read_plan(
    path: str | Path,
    *,
    jurisdiction: str | None = None,
    doc_id: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read a plan (.docx, .md, .markdown, .txt) into a ``Document``.

    ``jurisdiction`` overrides the county read from the title; ``doc_id`` the id made from
    the file name.  Raises ``InputError`` for a file that cannot be read; numbering problems
    and a missing structure are ``Document.warnings``.
    """
    return _read(
        Path(path), jurisdiction=jurisdiction, doc_id=doc_id, max_bytes=max_bytes, strict=False
    )


def read_any_document(
    path: str | Path,
    *,
    jurisdiction: str | None = None,
    doc_id: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    strict: bool = False,
) -> Document:
    """Read a corpus-style Markdown file (complete front matter) or a plan, whichever it is.

    With ``strict`` a corpus-style file with broken numbering raises ``CorpusError`` (as the
    corpus loader does); plans are never strict.
    """
    return _read(
        Path(path), jurisdiction=jurisdiction, doc_id=doc_id, max_bytes=max_bytes, strict=strict
    )


def _read(
    path: Path, *, jurisdiction: str | None, doc_id: str | None, max_bytes: int, strict: bool
) -> Document:
    check_file(path, max_bytes=max_bytes)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = f"“{path.suffix}”" if path.suffix else "（没有扩展名）"
        raise InputError(
            f"{path}: 不支持的文件类型{shown}；支持的格式：{'、'.join(SUPPORTED_SUFFIXES)}",
            hint=_UNSUPPORTED_HINTS.get(suffix, "请把方案保存为 .docx、.txt 或 .md 文件"),
        )
    if doc_id is not None and not _DOC_ID.fullmatch(doc_id):
        raise InputError(
            f"文档 id“{doc_id}”不合法：只能包含字母、数字、点、连字符和下划线，且以字母或数字开头"
        )
    if jurisdiction is not None:
        jurisdiction = jurisdiction.strip() or None

    front: dict[str, Any] | None = None
    if suffix == ".docx":
        read = _docx_items(path, max_bytes)
    else:
        text, _encoding = read_text_file(path, max_bytes=max_bytes)
        if not text.strip():
            raise InputError(f"{path}: 文件中没有文字内容", hint="请确认选择了正确的方案文件")
        if suffix in (".md", ".markdown"):
            split = _front_matter(text, path)
            if split is not None:
                front, body, body_line = split
                if _is_corpus_meta(front):
                    return _corpus_document(text, path, jurisdiction, doc_id, strict)
                read = _markdown_items(body, body_line)
            else:
                read = _markdown_items(text, 1)
        else:
            read = _Read(
                [_Item(b) for b in text_blocks(text)],
                "行",
            )
    if not any(item.block.text.strip() or item.block.rows for item in read.items):
        raise InputError(
            f"{path}: 文件中没有文字内容",
            hint="如果方案是扫描件或图片，请先做文字识别，再保存为 .docx 或 .txt",
        )
    return _assemble(path, read, jurisdiction=jurisdiction, doc_id=doc_id, front=front)


# --------------------------------------------------------------------------- assembling


def _assemble(
    path: Path,
    read: _Read,
    *,
    jurisdiction: str | None,
    doc_id: str | None,
    front: dict[str, Any] | None,
) -> Document:
    items = read.items
    warnings = list(read.warnings)
    title, items = _take_title(items)
    if title is None:
        title = path.stem
    warnings.extend(_number_unlabelled_headings(items, read.unit))
    blocks = [item.block for item in items]

    head_text = "\n".join([title, *(b.text for b in blocks[:8] if b.text)])
    region = jurisdiction or detect_jurisdiction(head_text)
    doc_number = _find_doc_number(blocks[:10])
    date = _find_date(blocks)
    year = _year_of(title) or (int(doc_number[1]) if doc_number else None)
    if year is None and date is not None:
        year = date.year
    meta_data: dict[str, Any] = {
        "id": doc_id or plan_doc_id(path),
        "title": title,
        "doc_number": doc_number[0] if doc_number else None,
        "level": _level_of(region),
        "region": region or "",
        "date": date,
        "year": year,
    }
    if front:
        warnings.extend(_apply_front_matter(meta_data, front, doc_id=doc_id))
        if jurisdiction:
            meta_data["region"] = jurisdiction
    try:
        meta = DocumentMeta.model_validate(meta_data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(part) for part in err["loc"])
        raise InputError(f"{path}: 前置元数据字段 {key} 的值不合法：{err['msg']}") from exc

    result = build_clauses(meta.id, blocks)
    unit = read.unit
    warnings.extend(
        f"第{line}{unit}：{message}" if line is not None else message
        for line, message in result.warnings
    )
    if not any(clause.kind == "section" for clause in result.clauses):
        warnings.append(
            "未识别到编号结构（如“一、”“（一）”“1.”），全文作为一个整体条款处理；"
            "核对结果只能定位到整篇，建议为各项任务加上编号"
        )
    return Document(meta=meta, clauses=result.clauses, source=str(path), warnings=warnings)


def _level_of(region: str | None) -> DocLevel:
    if not region:
        return "other"
    if region.endswith(("县", "区", "旗")):
        return "county"
    if region.endswith("市"):
        return "city"
    return "other"


# --------------------------------------------------------------------------- title & meta

_TERMINAL = "。！？!?；;：:…"
_CONTINUING = "，,、（(“‘《〈【—–-/"
_CLOSERS = "”’\"'」』》〉】"
_DOC_TYPE_END = re.compile(
    r"(方案|意见|通知|办法|计划|规划|要点|细则|规定|决定|安排|措施|清单|报告|纲要|总结|通告|"
    r"公告|制度|指南|任务书|责任书|实施细则|工作机制)$"
)
_TITLE_NOTE = re.compile(r"\s*[（(][^（）()]{1,8}稿[）)]\s*$|\s*[（(](试行|草案|暂行)[）)]\s*$")
_ORG_END = re.compile(
    r"(办公室|委员会|人民政府|政府|文件|党委|县委|区委|市委|领导小组|指挥部|局|厅|委|处)$"
)
_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,15}\s*[〔\[［【(（]\s*((?:19|20)\d{2})\s*[〕\]］】)）]\s*第?\s*(\d{1,4})\s*号"
)
_CN_YEAR_DIGITS = {
    "〇": "0",
    "零": "0",
    "○": "0",
    "Ｏ": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年|([〇零○Ｏ一二三四五六七八九]{4})\s*年")
_DATE = re.compile(
    r"^\s*((?:19|20)\d{2}|[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*"
    r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*$"
)


def _cn_small(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    values = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    if "十" in text:
        head, _, tail = text.partition("十")
        tens = values.get(head, -1) if head else 1
        units = values.get(tail, -1) if tail else 0
        return tens * 10 + units if tens >= 0 and units >= 0 else None
    return values.get(text)


def _year_number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    digits = "".join(_CN_YEAR_DIGITS.get(ch, "") for ch in token)
    return int(digits) if len(digits) == 4 else None


def _year_of(text: str) -> int | None:
    m = _YEAR.search(text)
    if not m:
        return None
    return _year_number(m.group(1) or m.group(2))


def _find_doc_number(blocks: list[Block]) -> tuple[str, str] | None:
    """The 文号 (宁县发〔2022〕3号) on a line of its own near the top, and its year."""
    for block in blocks:
        if block.kind != "paragraph" or len(block.text) > 40:
            continue
        m = _DOC_NUMBER.search(block.text)
        if m:
            return re.sub(r"\s+", "", m.group(0)), m.group(1)
    return None


def _find_date(blocks: list[Block]) -> dt.date | None:
    """The signing date on a line of its own (2022年3月15日 / 二〇二二年三月十五日)."""
    candidates = [*blocks[-6:], *blocks[:6]]
    for block in candidates:
        m = _DATE.match(block.text) if block.kind == "paragraph" else None
        if not m:
            continue
        year, month, day = _year_number(m.group(1)), _cn_small(m.group(2)), _cn_small(m.group(3))
        if year is None or month is None or day is None:
            continue
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def _strip_title_note(text: str) -> str:
    return _TITLE_NOTE.sub("", text).strip().rstrip('》〉”"')


def _title_like(text: str, *, styled: bool = False) -> bool:
    t = text.strip()
    if not 4 <= len(t) <= (120 if styled else 60) or match_label(t) is not None:
        return False
    if t[-1] in _TERMINAL + "，,、" or "。" in t:
        return False
    if _DOC_NUMBER.search(t) or _DATE.match(t):
        return False
    if re.fullmatch(r"附\s*件\s*\d*\s*[:：]?", t):
        return False
    return not (t[0] in "（(" and t[-1] in "）)")


def _take_title(items: list[_Item]) -> tuple[str | None, list[_Item]]:
    """Find the plan's title among the first blocks and remove it from the items.

    Preference: a short line ending in a document type (…实施方案, …的通知), possibly
    written over two lines; then a line in Word's Title style / Markdown ``#``; then the
    first short line that is not a header (…文件) or a 文号.
    """
    window: list[int] = []
    for index, item in enumerate(items[:10]):
        block = item.block
        if block.kind == "table" or match_label(block.text) is not None:
            break
        if block.text.strip():
            window.append(index)
    candidates = [
        i for i in window if _title_like(items[i].block.text, styled=items[i].title_style)
    ]
    if not candidates:
        return None, items

    def text_of(i: int) -> str:
        return items[i].block.text.strip()

    chosen: list[int] | None = None
    for i in candidates:
        if _DOC_TYPE_END.search(_strip_title_note(text_of(i))):
            chosen = [i]
            prev = i - 1
            position = window.index(i)
            if (
                position > 0
                and prev in candidates
                and prev == window[position - 1]
                and not _DOC_TYPE_END.search(_strip_title_note(text_of(prev)))
                and not _ORG_END.search(text_of(prev))
                and items[prev].block.kind == items[i].block.kind
                and len(text_of(prev)) + len(text_of(i)) <= 60
            ):
                chosen = [prev, i]
            break
    if chosen is None:
        styled = [i for i in candidates if items[i].title_style]
        plain = [i for i in candidates if not _ORG_END.search(text_of(i))]
        chosen = [styled[0]] if styled else [plain[0]] if plain else [candidates[0]]
    title = "".join(text_of(i) for i in chosen)
    rest = [item for n, item in enumerate(items) if n not in chosen]
    if not any(item.block.text.strip() or item.block.rows for item in rest):
        return title, items  # a file holding only its title: keep the text as the body
    return title, rest


def _apply_front_matter(
    meta_data: dict[str, Any], front: dict[str, Any], *, doc_id: str | None
) -> list[str]:
    """Partial front matter of a plan overrides what was read from the text."""
    warnings: list[str] = []
    for key, value in front.items():
        if key not in DocumentMeta.model_fields:
            warnings.append(f"前置元数据有未知字段 {key}，已忽略")
            continue
        if key == "id" and doc_id:
            continue
        meta_data[key] = value
    if "region" in front and "level" not in front:
        meta_data["level"] = _level_of(str(front["region"]))
    return warnings


# --------------------------------------------------------------------------- jurisdiction


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SEGMENT = re.compile(r".*?(自治县|自治旗|县|区|市|旗)")
# runs of ideographs; 年/月/日/度 end a run too (2022年全县 … is not a place name)
_HAN_RUN = re.compile(r"(?:(?![年月日度])[\u4e00-\u9fff])+")
_NOISE = _words(
    """
    关于印发 关于转发 关于 印发 转发 中国共产党 中共 推进 落实 实施 开展 做好
    促进 支持 加快 全面 深入 进一步 的 和 与 及 对 在 为
    """
)
_NOT_JURISDICTION = _words(
    """
    社区 园区 移民区 城区 自治区 开发区 示范区 试验区 实验区 景区 片区 小区
    灌区 库区 山区 牧区 矿区 地区 辖区 市区 郊区 老区 灾区 垦区 校区 营区
    病区 战区 学区 街区 厂区 林区 湖区 渔区 边区 苏区 特区 防区 分区 疫区
    港区 湾区 展区 专区 禁区 保护区 功能区 工业区 商业区 居住区 安置区 集中区
    聚集区 集聚区 先行区 核心区 服务区 保税区 自贸区 综合区 生态区 旅游区
    产业区 高新区 度假区 合作区 先导区 引领区 控制区 缓冲区 搬迁区 商务区
    物流区 创新区 种植区 养殖区 加工区 生活区 办公区 住宅区 保障区 重点区
    贫困区 试点区 城市 超市 都市 集市 股市 夜市 上市 门市 菜市 早市 级市
    辖市 红旗 国旗 党旗 彩旗 锦旗 队旗 团旗 军旗 战旗 升旗
    """
)
_NOT_AFTER = {"区": "域间别分块位划", "市": "场", "旗": "帜舰下号鼓袍", "县": ""}


def _jurisdiction_candidates(line: str) -> list[tuple[int, int, str]]:
    """(rank, position, name): rank 2 for county level (县/区/旗), 1 for 市."""
    found: list[tuple[int, int, str]] = []
    for run in _HAN_RUN.finditer(line):
        text = run.group(0)
        for m in _SEGMENT.finditer(text):
            segment, suffix = m.group(0), m.group(1)
            start, end = m.start(), m.end()
            nxt = text[end] if end < len(text) else ""
            if nxt and nxt in _NOT_AFTER.get(suffix[-1], ""):
                continue
            name = _strip_noise(segment, len(suffix))
            core = name[: -len(suffix)]
            if not 2 <= len(core) <= 8 or name.endswith(_NOT_JURISDICTION):
                continue
            rank = 1 if suffix == "市" else 2
            found.append((rank, run.start() + start + (len(segment) - len(name)), name))
    return found


def _strip_noise(segment: str, suffix_len: int) -> str:
    """Cut words such as 关于印发 / 中共 / 做好 off the front of a place-name segment: the
    name starts after the last such word (和平区 keeps its 和: a one-character word at the
    very start that would leave a one-character name is part of the name)."""
    limit = len(segment) - suffix_len
    cut_start, cut_end = -1, 0
    for token in _NOISE:
        at = segment.rfind(token, 0, limit)
        if at >= 0 and at + len(token) > cut_end:
            cut_start, cut_end = at, at + len(token)
    if cut_start < 0:
        return segment
    rest = segment[cut_end:]
    if len(rest) - suffix_len < 2 and cut_start == 0 and cut_end == 1:
        return segment
    return rest


def detect_jurisdiction(title_and_first_lines: str) -> str | None:
    """The county, district or city a plan is for, read from its title (its first line)
    or, failing that, from the next lines: ``中宁县``, ``沙坡头区``, ``中卫市`` …

    Within a line the most specific level wins (中卫市中宁县… → 中宁县); generic words
    such as 社区, 园区, 移民区, 城区 and 自治区 are not jurisdictions.
    """
    lines = [line.strip() for line in title_and_first_lines.split("\n") if line.strip()]
    for group in (lines[:1], lines[1:10]):
        candidates = [c for line in group for c in _jurisdiction_candidates(line)]
        if candidates:
            best = max(candidates, key=lambda c: (c[0], -c[1]))
            return best[2]
    return None


# --------------------------------------------------------------------------- plain text

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)\s*$"
)
_BULLET = re.compile(r"^[•●○■□◆◇▪▶►★☆√✓✔]")
_OPEN_BRACKETS = "（(【［[〔"
_CLOSE_BRACKETS = "）)】］]〕"


# East Asian Wide and Fullwidth characters (the ranges that matter in Chinese text)
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U0001f300-\U0001f64f\U00020000-\U0003fffd]"
)


def display_width(text: str) -> int:
    """Columns on a terminal: 2 for wide (CJK, full-width) characters, 1 otherwise."""
    return len(text) + len(_WIDE.findall(text))


def _indent(line: str) -> int:
    stripped = line.lstrip(" \t\u3000")
    return display_width(line[: len(line) - len(stripped)].replace("\t", "    "))


def _ends_sentence(line: str) -> bool:
    """Does the line end a sentence (。！？；：…, possibly inside quotes, or a closing
    responsibility parenthetical such as （责任单位：县农业农村局））?"""
    s = line.rstrip()
    if not s:
        return True
    if s[-1] in _TERMINAL:
        return True
    t = s.rstrip(_CLOSERS)
    if t and t != s and t[-1] in _TERMINAL:
        return True
    if s[-1] in "）)":
        depth, i = 0, len(s) - 1
        while i >= 0:
            if s[i] in "）)":
                depth += 1
            elif s[i] in "（(":
                depth -= 1
                if depth == 0:
                    break
            i -= 1
        inner = s[i + 1 : -1] if i >= 0 else ""
        before = s[i - 1] if i >= 1 else ""
        if "：" in inner or ":" in inner or (inner and inner[-1] in _TERMINAL):
            return True
        if before and before in _TERMINAL:
            return True
    return False


def _unclosed(line: str) -> bool:
    return sum(line.count(c) for c in _OPEN_BRACKETS) > sum(line.count(c) for c in _CLOSE_BRACKETS)


def _starts_item(line: str) -> bool:
    s = line.strip()
    return match_label(s) is not None or bool(_BULLET.match(s))


@dataclass(frozen=True)
class WrapInfo:
    """What ``join_wrapped_lines`` found out about a text's line wrapping."""

    width: int | None  # the wrap width in display columns, None when not hard-wrapped
    slack: int


def wrap_width(lines: list[str]) -> WrapInfo:
    """Detect hard wrapping: many lines of (nearly) the same, maximal width that do not
    end a sentence.  In a text with one paragraph per line, the long lines end in 。."""
    rows = [line.rstrip() for line in lines if line.strip() and not _PAGE_NUMBER.match(line)]
    widths = sorted(display_width(row) for row in rows)
    if not widths:
        return WrapInfo(None, 0)
    width = widths[-1] if len(widths) < 10 else widths[int(0.9 * (len(widths) - 1))]
    slack = max(4, round(0.12 * width))
    if width < 20:
        return WrapInfo(None, slack)
    full = [row for row in rows if display_width(row) >= width - slack]
    continuing = [row for row in full if not _ends_sentence(row)]
    if continuing and len(continuing) >= 0.5 * len(full):
        return WrapInfo(width, slack)
    return WrapInfo(None, slack)


_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _join(left: str, right: str) -> str:
    if left and right and _ASCII_LETTER.match(left[-1]) and _ASCII_LETTER.match(right[0]):
        return f"{left} {right}"
    return left + right


def join_wrapped_lines(lines: list[str], first_line: int = 1) -> list[tuple[int, str]]:
    """Paragraphs of a plain text, as (first line number, text).

    A blank line always ends a paragraph, and a line starting with a numbering label
    (一、 （一） 1. …) or a bullet always starts one.  Otherwise a line continues the
    previous one when that line

    * ends in a comma, 、, an opening bracket or quote, or leaves a bracket open, or
    * is a *full* line of a hard-wrapped text (see ``wrap_width``) that does not end a
      sentence, and the next line is not indented more deeply (a new paragraph's indent).

    Short lines without punctuation — titles, headings, signatures — therefore stay
    separate.  Page-number lines (- 3 -, 第3页) are dropped.
    """
    info = wrap_width(lines)
    paragraphs: list[tuple[int, str]] = []
    current: tuple[int, str] | None = None
    previous = ""
    for offset, raw in enumerate(lines):
        number = first_line + offset
        line = raw.rstrip()
        if not line.strip():
            if current is not None:
                paragraphs.append(current)
            current, previous = None, ""
            continue
        if _PAGE_NUMBER.match(line):
            continue
        if current is not None and _continues(previous, line, info):
            current = (current[0], _join(current[1], line.strip()))
        else:
            if current is not None:
                paragraphs.append(current)
            current = (number, line.strip())
        previous = line
    if current is not None:
        paragraphs.append(current)
    return paragraphs


def _continues(previous: str, line: str, info: WrapInfo) -> bool:
    if _starts_item(line):
        return False
    prev = previous.rstrip()
    if prev[-1] in _CONTINUING or _unclosed(prev):
        return True
    if info.width is None or _ends_sentence(prev):
        return False
    if display_width(prev) < info.width - info.slack:
        return False
    return not (_indent(line) > 0 and _indent(line) > _indent(previous))


def text_blocks(text: str, first_line: int = 1) -> list[Block]:
    """Blocks of a plain-text plan: one paragraph each, with its first line number."""
    return [
        Block("paragraph", paragraph, number)
        for number, paragraph in join_wrapped_lines(text.split("\n"), first_line)
    ]


# --------------------------------------------------------------------------- Markdown

_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:\s|$)")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_BOLD_LEAD = re.compile(r"^\s*\*\*(.+?)\*\*")


def _front_matter(text: str, path: Path) -> tuple[dict[str, Any], str, int] | None:
    """(front matter, body, body's first line) when the file opens with a ``---`` block."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    end = next((n for n in range(1, len(lines)) if lines[n].strip() == "---"), None)
    if end is None:
        return None  # a thematic break, not front matter
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "格式错误"
        raise InputError(f"{path}:{line}: 前置元数据不是合法的 YAML：{problem}") from exc
    if not isinstance(data, dict):
        return None
    return data, "\n".join(lines[end + 1 :]), end + 2


def _is_corpus_meta(front: dict[str, Any]) -> bool:
    required = [name for name, f in DocumentMeta.model_fields.items() if f.is_required()]
    return all(front.get(name) not in (None, "") for name in required)


def _corpus_document(
    text: str, path: Path, jurisdiction: str | None, doc_id: str | None, strict: bool
) -> Document:
    try:
        doc = parse_markdown_document(text, str(path), strict=strict)
    except CorpusError as exc:
        if strict:
            raise
        raise InputError(exc.message, hint=exc.hint) from exc
    if jurisdiction:
        doc.meta.region = jurisdiction
    if doc_id and doc_id != doc.meta.id:
        doc = _renamed(doc, doc_id)
    return doc


def _renamed(doc: Document, new_id: str) -> Document:
    old = f"{doc.meta.id}:"

    def swap(clause_id: str) -> str:
        return new_id + ":" + clause_id[len(old) :] if clause_id.startswith(old) else clause_id

    clauses = [
        c.model_copy(
            update={
                "id": swap(c.id),
                "doc_id": new_id,
                "parent_id": swap(c.parent_id) if c.parent_id else None,
                "children": [swap(child) for child in c.children],
            }
        )
        for c in doc.clauses
    ]
    meta = doc.meta.model_copy(update={"id": new_id})
    return doc.model_copy(update={"meta": meta, "clauses": clauses})


def _markdown_items(body: str, first_line: int) -> _Read:
    """Blocks of a Markdown plan, with heading levels from the ``#`` marks."""
    lines = body.split("\n")
    blocks = _split_run_on_paragraphs(markdown_blocks(body, first_line), lines, first_line)
    items: list[_Item] = []
    for block in blocks:
        level = None
        if block.kind == "heading" and block.line is not None:
            raw = lines[block.line - first_line] if block.line - first_line < len(lines) else ""
            atx = _ATX.match(raw)
            if atx:
                level = len(atx.group(1))
            else:
                below = block.line - first_line + 1
                underline = lines[below] if below < len(lines) else ""
                m = _SETEXT.match(underline)
                level = 1 if m and m.group(1).startswith("=") else 2
        items.append(_Item(block, level=level, title_style=level == 1))
    return _Read(items, "行")


def _split_run_on_paragraphs(blocks: list[Block], lines: list[str], first_line: int) -> list[Block]:
    """Markdown joins consecutive lines into one paragraph; a plan typed without blank lines
    (一、… on the next line) would lose its structure.  Split such paragraphs again at
    lines that start with a numbering label."""
    result: list[Block] = []
    for index, block in enumerate(blocks):
        if block.kind != "paragraph" or block.line is None:
            result.append(block)
            continue
        start = block.line - first_line
        nxt = next((b.line for b in blocks[index + 1 :] if b.line is not None), None)
        end = (nxt - first_line) if nxt is not None else len(lines)
        raw = [line for line in lines[start:end]]
        while raw and not raw[-1].strip():
            raw.pop()
        if len(raw) < 2 or "" in [line.strip() for line in raw]:
            result.append(block)
            continue
        if raw[0].startswith(("    ", "\t", "```", "~~~", ">", "|")):
            result.append(block)
            continue
        marks = [
            n
            for n, line in enumerate(raw)
            if n > 0 and match_label(re.sub(r"^\*\*", "", line.strip())) is not None
        ]
        if not marks or clean_inline("\n".join(raw)) != block.text:
            result.append(block)
            continue
        bounds = [0, *marks, len(raw)]
        for a, b in itertools.pairwise(bounds):
            chunk = "\n".join(raw[a:b])
            lead = _MD_BOLD_LEAD.match(re.sub(r"^\S+?[、.．）)]\s*", "", chunk.strip(), count=1))
            result.append(
                Block(
                    "paragraph",
                    clean_inline(chunk),
                    block.line + a,
                    bold_lead=clean_inline(lead.group(1)) if lead else None,
                )
            )
    return result


# --------------------------------------------------------------------------- headings

_SYNTH_STYLES = ("cn", "cn_paren", "arabic", "arabic_paren", "circled")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (for numbering labels)."""
    digits = "零一二三四五六七八九"
    if n < 0 or n >= 1000:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")
    hundreds, rest = divmod(n, 100)
    head = digits[hundreds] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + digits[rest]
    tens, units = divmod(rest, 10)
    return head + digits[tens] + "十" + (digits[units] if units else "")


def _render_label(style: str, n: int) -> str | None:
    if style == "cn":
        return f"{chinese_number(n)}、"
    if style == "cn_paren":
        return f"（{chinese_number(n)}）"
    if style == "arabic":
        return f"{n}."
    if style == "arabic_paren":
        return f"（{n}）"
    return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else None


def _number_unlabelled_headings(items: list[_Item], unit: str) -> list[str]:
    """Give headings that have a level (Word style, Markdown ``#``) but no number a label,
    so that they nest like numbered ones.

    A level whose other headings are numbered continues their numbering (一、 二、 and a
    forgotten number becomes 三、); a level without any numbered heading gets a numbering
    style the document does not use itself (normally 一、 for the top level, then （一）…).
    Returns one warning when it did so.
    """
    headings = [item for item in items if item.level is not None and item.block.text.strip()]
    targets = [
        item
        for item in headings
        if item.block.kind == "heading" and match_label(item.block.text) is None
    ]
    if not targets:
        return []
    by_level: dict[int, Counter[str]] = {}
    for item in headings:
        found = match_label(item.block.text)
        if found is not None and item.level is not None:
            by_level.setdefault(item.level, Counter())[found.style] += 1
    style_of = {level: styles.most_common(1)[0][0] for level, styles in by_level.items()}
    typed = [match_label(item.block.text) for item in items if item.block.text]
    used = {found.style for found in typed if found is not None}
    free = iter(style for style in _SYNTH_STYLES if style not in used)
    for target_level in sorted({t.level for t in targets if t.level is not None}):
        if target_level not in style_of:
            style = next(free, None)
            if style is not None:
                style_of[target_level] = style
    counters: dict[int, int] = {}
    done: list[tuple[int | None, str, str]] = []
    target_ids = {id(item) for item in targets}
    for item in headings:
        level = item.level
        assert level is not None
        for deeper in [lvl for lvl in counters if lvl > level]:
            del counters[deeper]
        found = match_label(item.block.text)
        if id(item) not in target_ids:
            if found is not None and found.style == style_of.get(level) and found.value:
                counters[level] = found.value
            continue
        if level not in style_of:
            continue
        counters[level] = counters.get(level, 0) + 1
        label = _render_label(style_of[level], counters[level])
        if label is None:
            continue
        done.append((item.block.line, item.block.text.strip(), label))
        item.block.text = label + item.block.text.strip()
    if not done:
        return []
    line, text, label = done[0]
    where = f"第{line}{unit}" if line is not None else ""
    return [
        f"{len(done)} 个标题没有编号（如{where}“{text[:20]}”），"
        f"已按标题级别补上编号（“{text[:20]}”编为“{label.strip()}”）"
    ]


# --------------------------------------------------------------------------- .docx

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_R_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
_R_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_P, _TBL, _TR, _TC, _T, _R = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("t"), _w("r")
_SDT, _SDT_CONTENT, _CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
_TXBX = _w("txbxContent")
_SKIP_IN_RUNS = {
    _w("del"),
    _w("moveFrom"),
    _w("pPr"),
    _w("rPr"),
    _w("instrText"),
    _w("delText"),
    f"{{{_MC}}}Fallback",
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _wval(el: Any, name: str = "val") -> str | None:
    if el is None:
        return None
    value = el.get(_w(name))
    return str(value) if value is not None else None


def _on(el: Any) -> bool:
    """A boolean property element such as <w:b/> or <w:b w:val="0"/>."""
    return el is not None and (_wval(el) or "true").lower() not in ("0", "false", "off")


def _bad_docx(path: Path, reason: str) -> InputError:
    return InputError(
        f"{path}: .docx 文件已损坏或不是 Word 文档（{reason}）",
        hint="请在 Word 或 WPS 中打开该文件，确认能正常显示后重新“另存为” .docx；"
        "也可以把正文复制到 .txt 文件（UTF-8 编码）",
    )


def _open_docx(path: Path, max_bytes: int) -> Any:
    """python-docx's Document for ``path``, or a clear ``InputError``."""
    import docx
    from docx.opc.exceptions import OpcError
    from lxml import etree

    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise InputError(f"{path}: 无法读取文件：{exc.strerror or exc}") from exc
    if not head:
        raise InputError(f"{path}: 文件是空的", hint="请确认选择了正确的方案文件")
    if head.startswith(_OLE2):
        raise InputError(
            f"{path}: 这是旧版 Word 97-2003（.doc）文件或加了密码的文档，不是 .docx",
            hint="请在 Word 或 WPS 中打开，取消密码（如有），再“另存为” .docx 格式",
        )
    if not zipfile.is_zipfile(path):
        if head.startswith(b"%PDF"):
            reason = "内容是 PDF"
        elif head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8\xff"):
            reason = "内容是图片"
        else:
            reason = "不是 ZIP 格式，可能是改了扩展名的其他文件或下载不完整"
        raise _bad_docx(path, reason)
    limit = max(10 * max_bytes, 50_000_000)
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or not any(
                re.fullmatch(r"word/document\d*\.xml", name) for name in names
            ):
                if any(name.startswith("xl/") for name in names):
                    raise _bad_docx(path, "这是 Excel 表格文件")
                if any(name.startswith("ppt/") for name in names):
                    raise _bad_docx(path, "这是 PowerPoint 演示文稿")
                raise _bad_docx(path, "压缩包里没有 Word 正文")
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > limit:
                raise InputError(
                    f"{path}: 文件解压后过大（{human_size(unpacked)}），超过上限 {human_size(limit)}",
                    hint="请删去图片等附件或只保留方案正文后重试",
                )
            broken = archive.testzip()
            if broken is not None:
                raise _bad_docx(path, f"压缩包中的 {broken} 已损坏")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError) as exc:
        raise _bad_docx(path, f"无法解压：{exc}") from exc
    except NotImplementedError as exc:  # an unsupported compression method
        raise _bad_docx(path, f"使用了不支持的压缩方式：{exc}") from exc
    try:
        return docx.Document(str(path))
    except (
        OpcError,  # PackageNotFoundError: not an OPC package
        KeyError,  # a part or relationship named but missing
        ValueError,  # "not a Word file, content type is …", bad attribute values
        etree.XMLSyntaxError,  # a part that is not well-formed XML
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        # python-docx's own reaction to relationship/content-type XML of the wrong shape
        # (e.g. "_Element has no attribute Relationship_lst", a target of None): raised
        # only by this call, on malformed packages — found by fuzzing real files
        AttributeError,
        TypeError,
    ) as exc:
        raise _bad_docx(path, f"{type(exc).__name__}: {exc}") from exc


def _related_element(part: Any, reltype: str) -> Any:
    from lxml import etree

    try:
        related = part.part_related_by(reltype)
    except (KeyError, ValueError):
        return None
    element = getattr(related, "element", None)
    if element is not None:
        return element
    try:
        return etree.fromstring(related.blob)
    except (etree.XMLSyntaxError, ValueError):
        return None


@dataclass
class _Style:
    name: str
    based_on: str | None
    outline: int | None
    num_id: str | None
    num_ilvl: int | None


@dataclass
class _Level:
    fmt: str
    text: str
    start: int
    suffix: str
    legal: bool


class _DocxContext:
    """Styles and list numbering of a Word document, resolved lazily and cached."""

    def __init__(self, document: Any) -> None:
        part = document.part
        self.styles: dict[str, _Style] = {}
        self.default_style: str | None = None
        styles = _related_element(part, _R_STYLES)
        if styles is not None:
            for el in styles.iter(_w("style")):
                style_id = el.get(_w("styleId"))
                if style_id is None:
                    continue
                ppr = el.find(_w("pPr"))
                num = ppr.find(_w("numPr")) if ppr is not None else None
                outline = _wval(ppr.find(_w("outlineLvl"))) if ppr is not None else None
                ilvl = _wval(num.find(_w("ilvl"))) if num is not None else None
                self.styles[style_id] = _Style(
                    name=_wval(el.find(_w("name"))) or style_id,
                    based_on=_wval(el.find(_w("basedOn"))),
                    outline=int(outline) if outline and outline.isdigit() else None,
                    num_id=_wval(num.find(_w("numId"))) if num is not None else None,
                    num_ilvl=int(ilvl) if ilvl and ilvl.isdigit() else None,
                )
                if el.get(_w("type")) == "paragraph" and _on_attr(el.get(_w("default"))):
                    self.default_style = style_id
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.abstract_style_link: dict[str, str] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        numbering = _related_element(part, _R_NUMBERING)
        if numbering is not None:
            self._read_numbering(numbering)
        self.counters: dict[str, dict[int, int]] = {}

    def _read_numbering(self, root: Any) -> None:
        for abstract in root.iter(_w("abstractNum")):
            aid = abstract.get(_w("abstractNumId"))
            if aid is None:
                continue
            link = _wval(abstract.find(_w("numStyleLink")))
            if link:
                self.abstract_style_link[aid] = link
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(_w("lvl")):
                ilvl = lvl.get(_w("ilvl"))
                if ilvl is None or not ilvl.isdigit():
                    continue
                start = _wval(lvl.find(_w("start")))
                levels[int(ilvl)] = _Level(
                    fmt=_wval(lvl.find(_w("numFmt"))) or "decimal",
                    text=_wval(lvl.find(_w("lvlText"))) or "",
                    start=int(start) if start and start.lstrip("-").isdigit() else 1,
                    suffix=_wval(lvl.find(_w("suff"))) or "tab",
                    legal=_on(lvl.find(_w("isLgl"))),
                )
            self.abstract[aid] = levels
        for num in root.iter(_w("num")):
            nid = num.get(_w("numId"))
            aid = _wval(num.find(_w("abstractNumId")))
            if nid is None or aid is None:
                continue
            overrides: dict[int, int] = {}
            for override in num.iter(_w("lvlOverride")):
                ilvl = override.get(_w("ilvl"))
                start = _wval(override.find(_w("startOverride")))
                if ilvl and ilvl.isdigit() and start and start.isdigit():
                    overrides[int(ilvl)] = int(start)
            self.nums[nid] = (aid, overrides)

    def style_chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        current = style_id or self.default_style
        while current and current not in seen and current in self.styles:
            seen.add(current)
            style = self.styles[current]
            yield style
            current = style.based_on

    def heading_level(self, style_id: str | None, outline: int | None) -> tuple[int | None, bool]:
        """(heading level, is the Title style) of a paragraph."""
        for style in self.style_chain(style_id):
            name = re.sub(r"\s+", "", style.name).lower()
            if name in ("title", "标题"):
                return None, True
            m = re.fullmatch(r"(?:heading|标题)(\d)", name)
            if m:
                return int(m.group(1)), False
            m = re.fullmatch(r"([一二三四五六七八九])级标题", name)
            if m:
                return "一二三四五六七八九".index(m.group(1)) + 1, False
        if outline is None:
            outline = next((s.outline for s in self.style_chain(style_id) if s.outline), None)
        if outline is not None and outline < 9:
            return outline + 1, False
        return None, False

    def list_label(self, ppr: Any, style_id: str | None) -> str | None:
        """The number Word displays in front of a list paragraph (一、 / （一） / 1.)."""
        num_id: str | None = None
        ilvl: int | None = None
        num = ppr.find(_w("numPr")) if ppr is not None else None
        if num is not None:
            num_id = _wval(num.find(_w("numId")))
            value = _wval(num.find(_w("ilvl")))
            ilvl = int(value) if value and value.isdigit() else None
        if num_id is None:
            for style in self.style_chain(style_id):
                if style.num_id is not None:
                    num_id = style.num_id
                    if ilvl is None:
                        ilvl = style.num_ilvl
                    break
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        aid, overrides = self.nums[num_id]
        link = self.abstract_style_link.get(aid)
        if link and not self.abstract.get(aid):
            linked = next((s.num_id for s in self.style_chain(link) if s.num_id), None)
            if linked and linked in self.nums:
                aid = self.nums[linked][0]
        levels = self.abstract.get(aid, {})
        ilvl = ilvl or 0
        level = levels.get(ilvl)
        if level is None:
            return None
        key = aid if not overrides else f"{aid}/{num_id}"
        counters = self.counters.setdefault(key, {})
        start = overrides.get(ilvl, level.start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return None

        def render(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            lvl = levels.get(k)
            value = counters.get(k, lvl.start if lvl else 1)
            fmt = "decimal" if (level.legal and k != ilvl) else (lvl.fmt if lvl else "decimal")
            return _format_number(value, fmt)

        label = re.sub(r"%([1-9])", render, level.text).strip()
        if not label:
            return None
        return label + ("" if level.suffix == "nothing" else " ")


def _on_attr(value: Any) -> bool:
    return value is not None and str(value).lower() in ("1", "true", "on")


def _format_number(n: int, fmt: str) -> str:
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
    ):
        return chinese_number(n) if n > 0 else "〇"
    if fmt in ("ideographDigital", "japaneseDigitalTenThousand", "taiwaneseDigital"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _container_children(container: Any) -> Iterator[Any]:
    """Paragraphs and tables of a body / cell, looking through content controls."""
    for child in container:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML, _w("ins"), _w("moveTo")):
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from _container_children(content)


def _run_text(el: Any, bold: bool, out: list[tuple[str, bool]], boxes: list[Any]) -> None:
    """Collect (text, bold) pieces of a paragraph in order; text boxes go to ``boxes``."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP_IN_RUNS:
            continue
        if tag == _T:
            out.append((child.text or "", bold))
        elif tag in (_w("tab"), _w("ptab")):
            out.append((" ", bold))
        elif tag in (_w("br"), _w("cr")):
            out.append(("\n", bold))
        elif tag == _w("noBreakHyphen"):
            out.append(("-", bold))
        elif tag == _TXBX:
            boxes.append(child)
        elif tag == _R:
            rpr = child.find(_w("rPr"))
            run_bold = _on(rpr.find(_w("b"))) if rpr is not None else False
            _run_text(child, run_bold, out, boxes)
        else:
            _run_text(child, bold, out, boxes)


def _paragraph_pieces(p: Any) -> tuple[list[tuple[str, bool]], list[Any]]:
    pieces: list[tuple[str, bool]] = []
    boxes: list[Any] = []
    _run_text(p, False, pieces, boxes)
    return pieces, boxes


def _plain(p: Any) -> str:
    pieces, boxes = _paragraph_pieces(p)
    text = "".join(t for t, _ in pieces)
    for box in boxes:
        inner = " ".join(_plain(q) for q in box.iter(_P))
        text = f"{text} {inner}" if inner.strip() else text
    return re.sub(r"\s+", " ", text).strip()


def _bold_lead(pieces: list[tuple[str, bool]], label_len: int) -> str | None:
    """The bold text right after the numbering label (1. **提升基础教育水平。**持续…)."""
    flags: list[bool] = []
    chars: list[str] = []
    for text, bold in pieces:
        for ch in text:
            chars.append(ch)
            flags.append(bold)
    text = "".join(chars)
    offset = len(text) - len(text.lstrip())
    i = offset + label_len
    while i < len(chars) and chars[i] in " \t\u3000":
        i += 1
    j = i
    while j < len(chars) and flags[j] and chars[j] != "\n":
        j += 1
    lead = "".join(chars[i:j]).strip()
    if len(lead) < 2:
        return None
    return lead if len(lead) <= 40 else None


def _table_rows(tbl: Any) -> list[list[str]]:
    """Cell texts row by row; a horizontally merged cell is followed by empty cells, a
    vertically merged one repeats the text above (so each row reads on its own)."""
    rows: list[list[str]] = []
    above: dict[int, str] = {}
    for tr in tbl.iter(_TR):
        if tr.getparent() is not tbl and tr.getparent().getparent() is not tbl:
            continue  # a row of a nested table
        row: list[str] = []
        col = 0
        for tc in tr.iter(_TC):
            if tc.getparent() is not tr and tc.getparent().getparent() is not tr:
                continue
            tcpr = tc.find(_w("tcPr"))
            span_value = _wval(tcpr.find(_w("gridSpan"))) if tcpr is not None else None
            span = int(span_value) if span_value and span_value.isdigit() else 1
            vmerge = tcpr.find(_w("vMerge")) if tcpr is not None else None
            text = " ".join(t for q in tc.iter(_P) if (t := _plain(q)))
            if vmerge is not None and (_wval(vmerge) or "continue") == "continue":
                text = above.get(col, "")
            above[col] = text
            row.append(text)
            row.extend("" for _ in range(span - 1))
            col += span
        if any(cell.strip() for cell in row):
            rows.append(row)
    return rows


def _single_cell(tbl: Any) -> Any | None:
    """The cell of a one-cell table (used as a frame around text), else None."""
    cells = [tc for tc in tbl.iter(_TC)]
    rows = [tr for tr in tbl.iter(_TR)]
    return cells[0] if len(cells) == 1 and len(rows) == 1 else None


def _docx_items(path: Path, max_bytes: int) -> _Read:
    document = _open_docx(path, max_bytes)
    context = _DocxContext(document)
    items: list[_Item] = []
    counter = 0

    def paragraph(p: Any) -> None:
        nonlocal counter
        ppr = p.find(_w("pPr"))
        style_id = _wval(ppr.find(_w("pStyle"))) if ppr is not None else None
        outline_value = _wval(ppr.find(_w("outlineLvl"))) if ppr is not None else None
        outline = int(outline_value) if outline_value and outline_value.isdigit() else None
        pieces, boxes = _paragraph_pieces(p)
        label = context.list_label(ppr, style_id)
        text = "".join(t for t, _ in pieces)
        if not text.strip() and not boxes:
            return
        level, title_style = context.heading_level(style_id, outline)
        if text.strip():
            counter += 1
            if label and match_label(text.strip()) is None:
                text = label + text.lstrip()
                pieces = [(label, False), *pieces]
            lines = [line.strip() for line in text.split("\n")]
            groups: list[str] = []
            for line in lines:
                if not line:
                    continue
                if groups and match_label(line) is None:
                    groups[-1] = _join(groups[-1], line)
                else:
                    groups.append(line)
            for n, group in enumerate(groups):
                group = re.sub(r"[ \t]+", " ", group).strip()
                found = match_label(group)
                lead = _bold_lead(pieces, len(found.raw)) if (found and n == 0) else None
                kind: BlockKind = "heading" if level is not None or title_style else "paragraph"
                items.append(
                    _Item(
                        Block(kind, group, counter, bold_lead=lead),
                        level=level if n == 0 else None,
                        title_style=title_style,
                    )
                )
        for box in boxes:
            for q in box.iter(_P):
                box_text = _plain(q)
                if box_text:
                    counter += 1
                    items.append(_Item(Block("paragraph", box_text, counter)))

    def container(element: Any) -> None:
        nonlocal counter
        for child in _container_children(element):
            if child.tag == _P:
                paragraph(child)
                continue
            cell = _single_cell(child)
            if cell is not None:
                container(cell)
                continue
            rows = _table_rows(child)
            if rows:
                counter += 1
                items.append(_Item(Block("table", "", counter, rows=rows)))

    from lxml import etree

    root = document.element
    body = root.find(_w("body")) if root.tag == _w("document") else None
    if body is None:
        raise _bad_docx(path, "缺少正文部分")
    try:
        container(body)
    except (etree.XMLSyntaxError, KeyError, ValueError) as exc:
        raise _bad_docx(path, f"{type(exc).__name__}: {exc}") from exc
    return _Read(items, "段")
