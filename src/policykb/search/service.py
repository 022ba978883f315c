"""The search service: validate options, open the index, run the query, build hits.

:func:`search` is the library's entry point (``from policykb.search import search``);
:func:`run_search` returns the same result together with the notes the CLI prints (query
repairs, fallback to OR, index rebuilds).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..errors import InputError, PolicyKBError
from ..models import ROLES, Role, SearchHit, SearchResult
from .analysis import fold
from .dictionary import user_dictionary
from .highlight import snippets
from .index import EngineResult, Filters, IndexDamagedError, IndexInfo, Notify, WhooshEngine
from .query import OPERATORS, QueryParser, QueryPlan

if TYPE_CHECKING:  # pragma: no cover
    from ..corpus import Corpus

MAX_LIMIT = 10_000

LEVEL_ALIASES: dict[str, str] = {
    "national": "national",
    "国家": "national",
    "国家级": "national",
    "全国": "national",
    "中央": "national",
    "region": "region",
    "自治区": "region",
    "省": "region",
    "省级": "region",
    "区": "region",
    "自治区级": "region",
    "city": "city",
    "市": "city",
    "市级": "city",
    "county": "county",
    "县": "county",
    "县级": "county",
    "县区": "county",
    "县（区）": "county",
    "other": "other",
    "其他": "other",
}
ROLE_ALIASES: dict[str, Role] = {
    "lead": "lead",
    "牵头": "lead",
    "牵头单位": "lead",
    "牵头部门": "lead",
    "cooperate": "cooperate",
    "配合": "cooperate",
    "配合单位": "cooperate",
    "配合部门": "cooperate",
    "responsible": "responsible",
    "责任": "responsible",
    "责任单位": "responsible",
}


@dataclass
class SearchOutcome:
    """A search result with what the person searching should be told about it."""

    result: SearchResult
    plan: QueryPlan
    index: IndexInfo
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- engines


_ENGINES: dict[int, tuple[Any, WhooshEngine]] = {}
_LOCK = threading.RLock()


def get_engine(corpus: Corpus, *, notify: Notify | None = None) -> WhooshEngine:
    """The open engine of ``corpus`` (built on first use, reused within the process)."""
    with _LOCK:
        entry = _ENGINES.get(id(corpus))
        if entry is not None and entry[0] is corpus:
            engine = entry[1]
            if notify is not None:
                engine.set_notify(notify)
            return engine
        engine = WhooshEngine(corpus, notify=notify)
        engine.build()
        _ENGINES[id(corpus)] = (corpus, engine)
        return engine


def build_index(corpus: Corpus, *, force: bool = True, notify: Notify | None = None) -> IndexInfo:
    """Build (by default: rebuild) the index of ``corpus`` and describe it."""
    with _LOCK:
        entry = _ENGINES.pop(id(corpus), None)
        if entry is not None:
            entry[1].close()
        engine = WhooshEngine(corpus, notify=notify)
        info = engine.build(force=force)
        _ENGINES[id(corpus)] = (corpus, engine)
        return info


def close_all() -> None:
    """Close every open index (tests; before deleting the cache)."""
    with _LOCK:
        for _, engine in _ENGINES.values():
            engine.close()
        _ENGINES.clear()


# --------------------------------------------------------------------------- departments


def _registry() -> Any | None:
    try:
        from ..registry import load_registry  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    try:
        return load_registry()
    except PolicyKBError:
        return None


def department_candidates(name: str) -> list[str]:
    """Canonical (folded) names of every body ``name`` may stand for, in any jurisdiction
    (query expansion: a query for 乡村振兴局 concerns each of them); [] when unknown."""
    registry = _registry()
    if registry is None:
        return []
    try:
        found = [d.name for d in registry.candidates(name)]
    except PolicyKBError:
        return []
    return list(dict.fromkeys(fold(n) for n in found))


def filter_department(name: str) -> str:
    """The canonical (folded) name for ``--dept``: resolved as ``policykb obligations
    --dept`` resolves it; NotFoundError with suggestions when unknown or ambiguous."""
    registry = _registry()
    if registry is None:
        return fold(name)
    return fold(registry.lookup(name).name)


# --------------------------------------------------------------------------- options


_DATE_RE = re.compile(
    r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?)?\s*月?\s*$"
)


def parse_date(value: str | dt.date) -> dt.date:
    """``2022-03-31``, ``2022/3/31``, ``2022年3月31日``, ``20220331``; ``2022-03`` means
    the month's last day."""
    if isinstance(value, dt.date):
        return value
    text = value.strip()
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = _DATE_RE.match(text)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        try:
            if match.group(3):
                return dt.date(year, month, int(match.group(3)))
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        except ValueError:
            pass
    raise InputError(
        f"无法识别的日期：“{value}”", hint="请写成 2022-06-30、2022/6/30 或 2022年6月30日"
    )


def make_filters(
    corpus: Corpus,
    *,
    doc: str | None = None,
    level: str | None = None,
    dept: str | None = None,
    role: str | None = None,
    has_target: bool | None = None,
    due_before: str | dt.date | None = None,
) -> Filters:
    """Validate search options into :class:`Filters` (Chinese InputError when invalid)."""
    doc_ids: tuple[str, ...] = ()
    if doc:
        doc_ids = (corpus.document(doc.strip()).id,)
    levels: tuple[str, ...] = ()
    if level:
        key = level.strip().lower()
        if key not in LEVEL_ALIASES:
            raise InputError(
                f"无法识别的层级：“{level}”",
                hint="可用：national（国家）、region（自治区/省）、city（市）、county（县）、other",
            )
        levels = (LEVEL_ALIASES[key],)
    role_value: Role | None = None
    if role:
        key = role.strip().lower()
        if key not in ROLE_ALIASES:
            raise InputError(
                f"无法识别的角色：“{role}”",
                hint="可用：lead（牵头）、cooperate（配合）、responsible（责任）",
            )
        role_value = ROLE_ALIASES[key]
    departments: tuple[str, ...] = ()
    if dept is not None:
        if not dept.strip():
            raise InputError("--dept 不能为空", hint="例如 --dept 人社局")
        departments = (filter_department(dept.strip()),)
    due: dt.date | None = parse_date(due_before) if due_before else None
    return Filters(
        doc_ids=doc_ids,
        levels=levels,
        departments=departments,
        role=role_value,
        has_target=True if has_target else None,
        due_before=due,
    )


# --------------------------------------------------------------------------- search


def run_search(
    corpus: Corpus,
    query: str,
    *,
    limit: int = 10,
    doc: str | None = None,
    level: str | None = None,
    dept: str | None = None,
    role: str | None = None,
    has_target: bool | None = None,
    due_before: str | dt.date | None = None,
    notify: Notify | None = None,
) -> SearchOutcome:
    """Search ``corpus``; see :func:`search`.  Also returns notes for the user."""
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise InputError(f"结果条数须为正整数，收到 {limit!r}", hint="例如 --limit 20")
    limit = min(limit, MAX_LIMIT)
    filters = make_filters(
        corpus,
        doc=doc,
        level=level,
        dept=dept,
        role=role,
        has_target=has_target,
        due_before=due_before,
    )
    engine = get_engine(corpus, notify=notify)
    parser = QueryParser(
        analyzer=engine.analyzer(),
        dictionary=user_dictionary(),
        resolve_department=department_candidates,
    )
    plan = parser.parse(query if isinstance(query, str) else str(query or ""))
    notes = list(plan.notes)
    if plan.is_empty:
        if plan.excluded:
            raise InputError(
                "查询只有排除词（-词语 或 NOT 词语），没有要检索的词语",
                hint="例如：policykb search 养老 -保险",
            )
        if filters.is_empty:
            stripped = (query or "").strip()
            if stripped and any(n.startswith("查询只含标点") for n in notes):
                raise InputError(
                    "查询只含标点符号，没有可检索的词语", hint="请输入中文词语，例如：三类监测对象"
                )
            chunks = stripped.split()
            if chunks and all(c in OPERATORS for c in chunks):
                raise InputError(
                    f"查询只有运算符（{' '.join(chunks)}），没有要检索的词语",
                    hint="运算符要写在词语之间，例如：低保 OR 临时救助",
                )
            if stripped:
                raise InputError(
                    f"查询“{_short(stripped)}”中没有可检索的词语",
                    hint="请输入中文词语，例如：policykb search 三类监测对象",
                )
            raise InputError(
                "请输入要检索的词语",
                hint="例如：policykb search 三类监测对象；或只用 --dept 等选项筛选",
            )
    mode: Literal["and", "or"] = "and"
    found = _run(engine, plan, filters, limit, mode)
    if found.total == 0 and plan.can_fall_back:
        mode = "or"
        found = _run(engine, plan, filters, limit, mode)
        if found.total:
            notes.append("没有同时包含全部检索词的条款，以下结果包含其中部分词语。")
    if filters.departments and not corpus.obligations:
        notes.append("语料中还没有任务（obligations）数据，按部门筛选暂无结果。")
    hits = _hits(corpus, found, plan)
    result = SearchResult(query=query, total=found.total, hits=hits, fallback_or=mode == "or")
    return SearchOutcome(result=result, plan=plan, index=engine.info, notes=notes)


def search(
    corpus: Corpus,
    query: str,
    *,
    limit: int = 10,
    doc: str | None = None,
    level: str | None = None,
    dept: str | None = None,
    role: str | None = None,
    has_target: bool | None = None,
    due_before: str | dt.date | None = None,
) -> SearchResult:
    """Full-text search over the clauses of ``corpus``, best first.

    ``query``: words (all must occur; if no clause has them all, any of them), "quoted
    phrases", ``A OR B``, ``-A``.  Filters: ``doc`` (document id), ``level``
    (national/region/city/county or 国家/自治区/市/县), ``dept`` (any department name or
    alias) with ``role`` (lead/cooperate/responsible), ``has_target``, ``due_before``
    (an obligation of the clause is due on or before this date).  An empty query with
    filters lists the matching clauses in document order.

    Raises :class:`~policykb.errors.InputError` (Chinese message) for unusable input.
    """
    return run_search(
        corpus,
        query,
        limit=limit,
        doc=doc,
        level=level,
        dept=dept,
        role=role,
        has_target=has_target,
        due_before=due_before,
    ).result


def _run(
    engine: WhooshEngine,
    plan: QueryPlan,
    filters: Filters,
    limit: int,
    mode: Literal["and", "or"],
) -> EngineResult:
    try:
        return engine.search(plan, filters, limit=limit, mode=mode)
    except IndexDamagedError as exc:
        engine.warn(f"检索索引读取失败（{exc}），正在重建。")
        engine.build(force=True)
        return engine.search(plan, filters, limit=limit, mode=mode)


def _hits(corpus: Corpus, found: EngineResult, plan: QueryPlan) -> list[SearchHit]:
    terms = plan.highlight_terms
    titles = {doc.id: doc.meta.title for doc in corpus.documents}
    hits: list[SearchHit] = []
    for hit in found.hits:
        try:
            clause = corpus.clause(hit.clause_id)
        except PolicyKBError:
            continue
        hits.append(
            SearchHit(
                rank=len(hits) + 1,
                score=round(hit.score, 4),
                doc_id=clause.doc_id,
                clause_id=clause.id,
                path=list(clause.path),
                title=clause.title,
                text=clause.text,
                highlights=snippets(clause.text or clause.title or "", terms),
                doc_title=titles.get(clause.doc_id),
            )
        )
    return hits


def _short(text: str, width: int = 20) -> str:
    return text if len(text) <= width else text[:width] + "…"


__all__ = [
    "ROLES",
    "SearchOutcome",
    "build_index",
    "close_all",
    "department_candidates",
    "filter_department",
    "get_engine",
    "make_filters",
    "parse_date",
    "run_search",
    "search",
]
