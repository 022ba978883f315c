"""Chinese full-text search over clauses.

::

    from policykb import load_corpus
    from policykb.search import search

    result = search(load_corpus(), "三类监测对象 医疗", limit=5, dept="人社局")
    for hit in result.hits:
        print(hit.rank, hit.clause_id, hit.highlights)

Modules: :mod:`.analysis` (folding, jieba segmentation, the whoosh tokenizer),
:mod:`.dictionary` (the policy dictionary), :mod:`.query` (query language → plan),
:mod:`.index` (the engine interface and its whoosh implementation, cache folder),
:mod:`.highlight` (snippets), :mod:`.service` (:func:`search`).

Importing this package is cheap: jieba and whoosh are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .index import Filters, IndexInfo, SearchEngine, WhooshEngine
    from .service import SearchOutcome, build_index, close_all, get_engine, run_search, search

__all__ = [
    "Filters",
    "IndexInfo",
    "SearchEngine",
    "SearchOutcome",
    "WhooshEngine",
    "build_index",
    "close_all",
    "get_engine",
    "run_search",
    "search",
]

_FROM = {
    "Filters": "index",
    "IndexInfo": "index",
    "SearchEngine": "index",
    "WhooshEngine": "index",
    "SearchOutcome": "service",
    "build_index": "service",
    "close_all": "service",
    "get_engine": "service",
    "run_search": "service",
    "search": "service",
}


def __getattr__(name: str) -> Any:
    module = _FROM.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
