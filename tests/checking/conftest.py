"""Helpers for the checker's tests: judge one requirement item against a plan we write."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from policykb.checking.checker import _corpus_statistics
from policykb.checking.evidence import PlanIndex
from policykb.checking.judge import Judge
from policykb.checking.requirements import RequirementItem, requirement_items
from policykb.checking.rules import load_rules
from policykb.corpus import Corpus
from policykb.documents.plans import read_plan
from policykb.models import Finding

PLAN_HEAD = "中宁县2022年移民致富提升行动实施方案\n\n"

JudgeFn = Callable[..., Finding]


@pytest.fixture
def judge_item(corpus: Corpus, tmp_path: Path) -> JudgeFn:
    """``judge_item(plan_body, obligation_id, item_key)`` → the Finding for that item.

    ``plan_body`` is the text of a plan (its title is added); the obligation comes from the
    bundled corpus, so the requirement wording is the real one.  ``suffix=".md"`` reads the
    plan as Markdown (tables written with ``|``)."""
    rules = load_rules()
    counter = {"n": 0}

    def run(
        body: str,
        obligation_id: str,
        key: str = "whole",
        *,
        head: str = PLAN_HEAD,
        suffix: str = ".txt",
    ) -> Finding:
        counter["n"] += 1
        path = tmp_path / f"plan{counter['n']}{suffix}"
        path.write_text(head + body, encoding="utf-8")
        document = read_plan(path)
        obligation = next(o for o in corpus.obligations if o.id == obligation_id)
        item: RequirementItem = next(i for i in requirement_items([obligation]) if i.key == key)
        index = PlanIndex(
            document,
            rules,
            background=[o.text for o in corpus.obligations if o.doc_id == obligation.doc_id],
            background_df=_corpus_statistics(corpus, rules),
        )
        return Judge(document, index, rules).judge(item)

    return run
