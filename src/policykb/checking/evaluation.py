"""Measuring the checker against plans whose defects are known (``*.truth.yaml``).

A truth file lists, for one plan, the expected status of every requirement item::

    plan: haiyuan-2022.txt
    jurisdiction: 海原县
    expected:
      - {obligation: "ymzf-2022:二/（五）#1", item: "target:54%以上", status: weaker_target}

A *defect* is any status other than ``satisfied`` and ``share``.  Recall is the share of the
true defects that the checker flags as defects (of any type), precision the share of the
flagged items that are true defects, type accuracy the share of the found true defects
whose type is right.  Items listed twice with the same key (two targets written 百名) are
matched in order.

Run ``python -m policykb.checking.evaluation examples/plans`` (``-v`` for the confusion
and every mismatch, ``--help`` for usage) for the tables in ``docs/check-quality.md``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..corpus import Corpus, load_corpus
from ..models import PlanReport
from .checker import check_plan

OK_STATUSES = frozenset({"satisfied", "share"})


@dataclass
class PlanScore:
    """Counts for one plan (or the sum over several)."""

    name: str
    items: int = 0
    true_defects: int = 0
    flagged: int = 0
    hits: int = 0  # true defects flagged as defects
    typed: int = 0  # … with the right type
    exact: int = 0  # items whose status is exactly right
    unmatched: int = 0  # truth items the checker did not produce
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.hits / self.true_defects if self.true_defects else 1.0

    @property
    def precision(self) -> float:
        return self.hits / self.flagged if self.flagged else 1.0

    @property
    def type_accuracy(self) -> float:
        return self.typed / self.hits if self.hits else 1.0

    @property
    def accuracy(self) -> float:
        return self.exact / self.items if self.items else 1.0

    def add(self, other: PlanScore) -> None:
        self.items += other.items
        self.true_defects += other.true_defects
        self.flagged += other.flagged
        self.hits += other.hits
        self.typed += other.typed
        self.exact += other.exact
        self.unmatched += other.unmatched
        self.confusion.update(other.confusion)
        self.errors.extend(other.errors)


def load_truth(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "expected" not in data:
        raise ValueError(f"{path}: 不是方案真值文件（缺少 expected）")
    return data


def score_report(report: PlanReport, truth: dict[str, Any], name: str) -> PlanScore:
    """Compare a report with a truth file's ``expected`` list."""
    produced: dict[tuple[str, str], list[str]] = defaultdict(list)
    for finding in report.findings:
        produced[(finding.obligation_id, finding.item)].append(finding.status)
    taken: Counter[tuple[str, str]] = Counter()
    score = PlanScore(name)
    for entry in truth["expected"]:
        key = (str(entry["obligation"]), str(entry["item"]))
        expected = str(entry["status"])
        n = taken[key]
        taken[key] += 1
        statuses = produced.get(key, [])
        if n >= len(statuses):
            score.unmatched += 1
            got = "missing"
        else:
            got = statuses[n]
        score.items += 1
        score.confusion[(expected, got)] += 1
        true_defect = expected not in OK_STATUSES
        flagged = got not in OK_STATUSES
        score.true_defects += true_defect
        score.flagged += flagged
        if true_defect and flagged:
            score.hits += 1
            score.typed += expected == got
        score.exact += expected == got
        if expected != got:
            score.errors.append((name, f"{key[0]} {key[1]}", expected, got))
    return score


def evaluate(folder: Path, corpus: Corpus | None = None) -> tuple[PlanScore, list[PlanScore]]:
    """Check every plan of ``folder`` that has a ``<stem>.truth.yaml``; total and per plan."""
    corpus = corpus or load_corpus()
    total = PlanScore("合计")
    scores: list[PlanScore] = []
    for truth_path in sorted(folder.glob("*.truth.yaml")):
        data = yaml.safe_load(truth_path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "expected" not in data:
            continue  # e.g. rollup.truth.yaml
        truth = data
        plan = truth.get("plan")
        if not plan:
            continue
        report = check_plan(folder / str(plan), corpus, jurisdiction=truth.get("jurisdiction"))
        score = score_report(report, truth, str(plan))
        scores.append(score)
        total.add(score)
    return total, scores


def format_table(total: PlanScore, scores: Sequence[PlanScore]) -> str:
    lines = [
        "| plan | items | true defects | flagged | recall | precision | type accuracy "
        "| exact status |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in [*scores, total]:
        lines.append(
            f"| {s.name} | {s.items} | {s.true_defects} | {s.flagged} | {s.recall:.1%} "
            f"| {s.precision:.1%} | {s.type_accuracy:.1%} | {s.accuracy:.1%} |"
        )
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m policykb.checking.evaluation",
        description=(
            "Check every plan of FOLDER that has a <stem>.truth.yaml and print recall, "
            "precision and type accuracy of defect detection (docs/check-quality.md)."
        ),
    )
    parser.add_argument(
        "folder",
        nargs="?",
        default="examples/plans",
        help="folder of plans and their truth files (default: examples/plans)",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="also print the confusion of statuses and every mismatch",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"不是文件夹：{folder}", file=sys.stderr)
        return 2
    total, scores = evaluate(folder)
    if not scores:
        print(f"{folder} 中没有带真值文件（*.truth.yaml）的方案", file=sys.stderr)
        return 2
    print(format_table(total, scores))
    if args.verbose:
        print()
        print("confusion (expected → got):")
        for (expected, got), n in sorted(total.confusion.items()):
            if expected != got:
                print(f"  {expected:>15} → {got:<15} {n}")
        print()
        for name, key, expected, got in total.errors:
            print(f"  {name}: {key}: expected {expected}, got {got}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
