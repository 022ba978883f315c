"""Checking a county's draft plan against the city's requirements.

``check_plan`` reads a plan (or takes a ``Document``), selects the obligations that apply to
its jurisdiction (:func:`~policykb.checking.requirements.applicable_obligations`), cuts them
into requirement items, finds the plan's evidence for each (``evidence.py``) and judges it
(``judge.py``).  ``check_plans`` does the same for several plans and adds the rollup of the
aggregate targets (``rollup.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from ..corpus import Corpus
from ..documents.plans import read_plan
from ..errors import InputError
from ..models import CheckResult, Document, Finding, PlanReport, Summary
from ..registry import Registry, load_registry
from .evidence import PlanIndex, background_statistics
from .judge import Judge
from .requirements import applicable_obligations, requirement_items
from .rollup import rollup
from .rules import CheckRules, load_rules

__all__ = ["check_plan", "check_plans"]


def _summary(report_findings: list[Finding]) -> Summary:
    summary = Summary()
    for finding in report_findings:
        setattr(summary, finding.status, getattr(summary, finding.status) + 1)
    return summary


_STATS: dict[tuple[int, int], tuple[Counter[str], int]] = {}


def _corpus_statistics(corpus: Corpus, rules: CheckRules) -> tuple[Counter[str], int]:
    """Word statistics of the corpus's sentences (computed once per corpus and rules)."""
    key = (id(corpus), id(rules))
    if key not in _STATS:
        sentences = [s for c in corpus.clauses for s in (c.sentences or [c.text]) if s.strip()]
        _STATS[key] = background_statistics(sentences, rules)
    return _STATS[key]


def check_plan(
    path_or_document: str | Path | Document,
    corpus: Corpus,
    *,
    jurisdiction: str | None = None,
    against: Sequence[str] | None = None,
    rules: CheckRules | None = None,
    registry: Registry | None = None,
) -> PlanReport:
    """Check one plan: a finding per requirement item that applies to its jurisdiction.

    ``jurisdiction`` overrides the county read from the plan's title; ``against`` (document
    ids of the corpus) chooses the documents whose requirements are checked.  Raises
    ``InputError`` for a file that cannot be read and ``NotFoundError`` for an unknown
    document id; a plan whose jurisdiction is unknown is checked against the requirements
    of every county, with a warning.
    """
    rules = rules or load_rules()
    registry = registry or load_registry()
    if isinstance(path_or_document, Document):
        document = path_or_document
        if jurisdiction:
            document = document.model_copy(
                update={"meta": document.meta.model_copy(update={"region": jurisdiction})}
            )
        path = document.source or document.id
    else:
        path = str(path_or_document)
        document = read_plan(path_or_document, jurisdiction=jurisdiction)
    warnings = list(document.warnings)
    for doc_id in against or ():
        corpus.document(doc_id)  # NotFoundError with suggestions
    region = jurisdiction or document.meta.region or None
    if not region:
        warnings.append(
            "未能从标题识别方案所属县（区），按“各县（区）”的要求核对；可用 --jurisdiction 指定"
        )
    obligations = applicable_obligations(
        corpus.obligations, region, against=against, registry=registry
    )
    if not obligations:
        warnings.append(f"语料中没有适用于“{region or '县（区）'}”的要求，未做核对")
    items = requirement_items(obligations)
    index = PlanIndex(
        document,
        rules,
        background=[o.text for o in obligations],
        background_df=_corpus_statistics(corpus, rules),
    )
    if not index.units:
        raise InputError(f"{path}: 方案中没有可核对的文字内容")
    judge = Judge(document, index, rules, registry)
    findings = [judge.judge(item) for item in items]
    return PlanReport(
        path=path,
        jurisdiction=region,
        findings=findings,
        summary=_summary(findings),
        warnings=warnings,
        title=document.meta.title,
    )


def check_plans(
    paths: Sequence[str | Path | Document],
    corpus: Corpus,
    *,
    jurisdiction: str | None = None,
    against: Sequence[str] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> CheckResult:
    """Check several plans; with more than one, ``rollup`` sums the shares of every
    aggregate target.  ``progress(i, n, path)`` is called before each plan."""
    reports: list[PlanReport] = []
    for n, item in enumerate(paths, 1):
        if progress is not None:
            name = item.source or item.id if isinstance(item, Document) else str(item)
            progress(n, len(paths), str(name))
        reports.append(check_plan(item, corpus, jurisdiction=jurisdiction, against=against))
    rows = rollup(reports) if len(reports) > 1 else []
    return CheckResult(plans=reports, rollup=rows)
