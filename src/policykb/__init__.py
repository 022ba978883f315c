"""policykb — a knowledge base over Chinese government policy documents.

The public API (heavy parts — jieba, whoosh, openpyxl — load on first use)::

    import policykb

    corpus = policykb.load_corpus()                 # bundled corpus, or load_corpus("my/folder")
    corpus.documents, corpus.clauses, corpus.obligations

    from policykb.search import search                       # (policykb.search is a package)
    search(corpus, "三类监测对象", limit=5)                    # → SearchResult
    policykb.build_matrix(corpus.obligations, departments=["人社局"])   # → Matrix
    policykb.check_plans(["方案.docx"], corpus)               # → CheckResult
    policykb.read_plan("方案.docx")                           # → Document
    policykb.extract_obligations(document)                  # → list[Obligation]
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .corpus import Corpus, load_corpus
from .errors import AnnotationError, CorpusError, InputError, NotFoundError, PolicyKBError
from .models import (
    CheckResult,
    Clause,
    Deadline,
    Department,
    Departments,
    Document,
    Finding,
    Obligation,
    PlanReport,
    SearchResult,
    Target,
)

if TYPE_CHECKING:  # pragma: no cover
    from .checking import check_plan, check_plans
    from .documents.plans import read_plan
    from .extraction.obligations import extract_obligations
    from .matrix import build_matrix
    from .registry import load_registry

# name → module, imported on first attribute access so that `import policykb` stays fast
_LAZY = {
    "build_matrix": "policykb.matrix",
    "check_plan": "policykb.checking",
    "check_plans": "policykb.checking",
    "read_plan": "policykb.documents.plans",
    "extract_obligations": "policykb.extraction.obligations",
    "load_registry": "policykb.registry",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'policykb' has no attribute {name!r}")


__all__ = [
    "AnnotationError",
    "CheckResult",
    "Clause",
    "Corpus",
    "CorpusError",
    "Deadline",
    "Department",
    "Departments",
    "Document",
    "Finding",
    "InputError",
    "NotFoundError",
    "Obligation",
    "PlanReport",
    "PolicyKBError",
    "SearchResult",
    "Target",
    "build_matrix",
    "check_plan",
    "check_plans",
    "extract_obligations",
    "load_corpus",
    "load_registry",
    "read_plan",
]
