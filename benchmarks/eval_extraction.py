"""Extraction quality: precision / recall / F1 of the obligation extractor.

Two evaluations:

* **held-out** — the documents of ``tests/extraction/heldout/`` (written for this purpose, of
  other places and layouts than the corpus) against their ``<stem>.truth.yaml`` files, which
  were annotated by reading, before the extractor was run on them;
* **corpus** — the six corpus documents (``policykb.corpus.load_corpus()``) against the
  reviewed annotations in ``annotations/*.yaml``.

Matching (multisets, so a value written twice must be found twice):

* targets on value (or value_min/value_max) + unit;
* deadlines on kind + due (absolute, period) / recurrence (recurring) / duration (relative;
  a period without a due date is matched on its duration);
* departments on canonical name + role, as a set per document (corpus: also per clause).

The corpus is scored per document and, stricter, per clause (an item must be found in the
clause the annotation puts it in).  Matched targets are also checked for comparator and kind.

Usage::

    .venv/bin/python benchmarks/eval_extraction.py            # both evaluations
    .venv/bin/python benchmarks/eval_extraction.py --heldout  # held-out only
    .venv/bin/python benchmarks/eval_extraction.py --corpus -v  # list misses and spurious items
    .venv/bin/python benchmarks/eval_extraction.py --json     # machine-readable figures
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
HELDOUT_DIR = ROOT / "tests" / "extraction" / "heldout"
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from policykb.annotations import (  # noqa: E402
    annotation_files,
    load_annotation_file,
    obligations_from_annotation,
)
from policykb.corpus import load_corpus  # noqa: E402
from policykb.documents.markdown import read_markdown_document  # noqa: E402
from policykb.extraction.obligations import extract_obligations  # noqa: E402
from policykb.models import Deadline, Obligation, Target  # noqa: E402
from policykb.registry import load_registry  # noqa: E402

CATEGORIES = ("targets", "deadlines", "departments")
# corpus only: obligation segmentation (same clause, same text) against the reviewed split
OBLIGATIONS = "obligations"


# ----------------------------------------------------------------------------- keys


def _num(value: float | None) -> float | None:
    return None if value is None else round(float(value), 6)


def target_key(target: Target | dict[str, Any]) -> tuple[Hashable, ...]:
    t = target if isinstance(target, Target) else Target.model_validate(_target_fields(target))
    if t.value is None:
        return ("range", _num(t.value_min), _num(t.value_max), t.unit)
    return ("value", _num(t.value), t.unit)


def _target_fields(data: dict[str, Any]) -> dict[str, Any]:
    fields = {"metric": "", **data}
    return {k: v for k, v in fields.items() if k in Target.model_fields}


def deadline_key(deadline: Deadline | dict[str, Any]) -> tuple[Hashable, ...]:
    d = deadline if isinstance(deadline, Deadline) else Deadline.model_validate(deadline)
    if d.kind == "recurring" and d.recurrence is not None:
        r = d.recurrence
        return ("recurring", r.freq, r.interval, r.day, r.anchor, r.month)
    if d.kind == "relative" or (d.kind == "period" and d.due is None):
        duration = d.duration
        return (
            d.kind,
            _num(duration.value) if duration else None,
            duration.unit if duration else None,
        )
    due = d.due.isoformat() if isinstance(d.due, dt.date) else None
    return (d.kind, due)


def _norm_text(text: str) -> str:
    return "".join(text.split()).rstrip("。；;，,")


def department_keys(obligation: Obligation) -> set[tuple[str, str]]:
    return {
        (name, role)
        for role in ("lead", "responsible", "cooperate")
        for name in getattr(obligation.departments, role)
    }


# ----------------------------------------------------------------------------- scoring


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.missed += other.missed
        self.spurious += other.spurious

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def compare(
    gold: Iterable[tuple[Hashable, str]], predicted: Iterable[tuple[Hashable, str]]
) -> Score:
    """Multiset comparison of (key, label) pairs; labels only describe misses/spurious."""
    gold_list, pred_list = list(gold), list(predicted)
    gold_count = Counter(k for k, _ in gold_list)
    pred_count = Counter(k for k, _ in pred_list)
    score = Score()
    for key, n in gold_count.items():
        score.tp += min(n, pred_count.get(key, 0))
    score.fn = sum(gold_count.values()) - score.tp
    score.fp = sum(pred_count.values()) - score.tp
    remaining = Counter(pred_count)
    for key, label in gold_list:
        if remaining.get(key, 0) > 0:
            remaining[key] -= 1
        else:
            score.missed.append(label)
    remaining = Counter(gold_count)
    for key, label in pred_list:
        if remaining.get(key, 0) > 0:
            remaining[key] -= 1
        else:
            score.spurious.append(label)
    return score


@dataclass
class AttributeScore:
    """Agreement beyond the matching keys: for matched targets, comparator, kind and metric;
    for obligations with the same text (corpus), the departments as a whole."""

    matched: int = 0
    comparator: int = 0
    kind: int = 0
    metric: int = 0
    metric_gold: int = 0  # matched targets whose gold names a metric
    obligations_matched: int = 0
    obligation_departments: int = 0
    departments_differ: list[str] = field(default_factory=list)

    def add(self, other: AttributeScore) -> None:
        self.matched += other.matched
        self.comparator += other.comparator
        self.kind += other.kind
        self.metric += other.metric
        self.metric_gold += other.metric_gold
        self.obligations_matched += other.obligations_matched
        self.obligation_departments += other.obligation_departments
        self.departments_differ += other.departments_differ

    def as_dict(self) -> dict[str, Any]:
        return {
            "matched": self.matched,
            "comparator_agree": self.comparator,
            "kind_agree": self.kind,
            "metric_agree": self.metric,
            "metric_gold": self.metric_gold,
            "obligations_matched": self.obligations_matched,
            "obligation_departments_agree": self.obligation_departments,
        }


def attribute_agreement(gold: Sequence[Target], predicted: Sequence[Target]) -> AttributeScore:
    score = AttributeScore()
    pool: dict[Hashable, list[Target]] = {}
    for t in predicted:
        pool.setdefault(target_key(t), []).append(t)
    for g in gold:
        candidates = pool.get(target_key(g))
        if not candidates:
            continue
        best = max(
            candidates,
            key=lambda t: (
                (t.comparator == g.comparator) + (t.kind == g.kind) + (t.metric == g.metric)
            ),
        )
        candidates.remove(best)
        score.matched += 1
        score.comparator += best.comparator == g.comparator
        score.kind += best.kind == g.kind
        score.metric += bool(g.metric) and best.metric == g.metric
        score.metric_gold += bool(g.metric)
    return score


def obligation_department_agreement(
    gold: Sequence[Obligation], predicted: Sequence[Obligation], score: AttributeScore
) -> None:
    """For gold obligations found with the same text in the same clause: same departments?"""
    by_text = {(o.clause_id, _norm_text(o.text)): o for o in predicted}
    for g in gold:
        p = by_text.get((g.clause_id, _norm_text(g.text)))
        if p is None:
            continue
        score.obligations_matched += 1
        if department_keys(g) == department_keys(p):
            score.obligation_departments += 1
        else:
            score.departments_differ.append(
                f"[{g.clause_id}] {g.text[:30]}: gold {sorted(department_keys(g))} "
                f"extracted {sorted(department_keys(p))}"
            )


@dataclass
class DocResult:
    doc_id: str
    scores: dict[str, Score]
    attributes: AttributeScore
    batch: int | None = None  # held-out truth files: when the document was written


def _target_label(t: Target, where: str = "") -> str:
    return (
        f"{where}{t.raw} → {t.value if t.value is not None else (t.value_min, t.value_max)}{t.unit}"
    )


def _deadline_label(d: Deadline, where: str = "") -> str:
    return f"{where}{d.raw} → {deadline_key(d)}"


def score_items(
    gold_targets: Sequence[tuple[str, Target]],
    pred_targets: Sequence[tuple[str, Target]],
    gold_deadlines: Sequence[tuple[str, Deadline]],
    pred_deadlines: Sequence[tuple[str, Deadline]],
    gold_departments: Iterable[tuple[str, tuple[str, str]]],
    pred_departments: Iterable[tuple[str, tuple[str, str]]],
    *,
    scoped: bool,
) -> dict[str, Score]:
    """Scores for one document; with ``scoped`` each key carries its scope (clause id)."""

    def where(scope: str) -> str:
        return f"[{scope}] " if scoped and scope else ""

    def k(scope: str, key: Hashable) -> Hashable:
        return (scope, key) if scoped else key

    return {
        "targets": compare(
            ((k(s, target_key(t)), _target_label(t, where(s))) for s, t in gold_targets),
            ((k(s, target_key(t)), _target_label(t, where(s))) for s, t in pred_targets),
        ),
        "deadlines": compare(
            ((k(s, deadline_key(d)), _deadline_label(d, where(s))) for s, d in gold_deadlines),
            ((k(s, deadline_key(d)), _deadline_label(d, where(s))) for s, d in pred_deadlines),
        ),
        "departments": compare(
            ((k(s, d), f"{where(s)}{d[0]} ({d[1]})") for s, d in set(gold_departments)),
            ((k(s, d), f"{where(s)}{d[0]} ({d[1]})") for s, d in set(pred_departments)),
        ),
    }


def _items(obligations: Sequence[Obligation], scoped: bool) -> tuple[list[Any], ...]:
    targets = [(o.clause_id if scoped else "", t) for o in obligations for t in o.targets]
    deadlines = [(o.clause_id if scoped else "", d) for o in obligations for d in o.deadlines]
    departments = [
        (o.clause_id if scoped else "", d) for o in obligations for d in department_keys(o)
    ]
    return targets, deadlines, departments


# ----------------------------------------------------------------------------- held-out


def load_truth(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or "doc" not in data:
        raise ValueError(f"{path}: a truth file needs a 'doc' key")
    return data


def heldout_pairs(directory: Path = HELDOUT_DIR) -> list[tuple[Path, Path]]:
    pairs = []
    for md in sorted(directory.glob("*.md")):
        truth = md.with_name(f"{md.stem}.truth.yaml")
        if truth.exists():
            pairs.append((md, truth))
    return pairs


def evaluate_heldout(directory: Path = HELDOUT_DIR) -> list[DocResult]:
    registry = load_registry()
    results = []
    for md, truth_path in heldout_pairs(directory):
        document = read_markdown_document(md)
        truth = load_truth(truth_path)
        if truth["doc"] != document.id:
            raise ValueError(f"{truth_path}: doc {truth['doc']} but the document is {document.id}")
        predicted = extract_obligations(document, registry)
        gold_targets = [
            ("", Target.model_validate(_target_fields(t))) for t in truth.get("targets") or []
        ]
        gold_deadlines = [("", Deadline.model_validate(d)) for d in truth.get("deadlines") or []]
        gold_departments = [("", (d["name"], d["role"])) for d in truth.get("departments") or []]
        pred_targets, pred_deadlines, pred_departments = _items(predicted, scoped=False)
        scores = score_items(
            gold_targets,
            pred_targets,
            gold_deadlines,
            pred_deadlines,
            gold_departments,
            pred_departments,
            scoped=False,
        )
        attributes = attribute_agreement([t for _, t in gold_targets], [t for _, t in pred_targets])
        results.append(DocResult(document.id, scores, attributes, truth.get("batch")))
    return results


# ----------------------------------------------------------------------------- corpus


def evaluate_corpus(*, scoped: bool) -> list[DocResult]:
    corpus = load_corpus()
    registry = load_registry()
    files = annotation_files(corpus.annotations_dir)
    results = []
    for document in corpus.documents:
        path = files.get(document.id)
        if path is None:
            continue
        gold = obligations_from_annotation(load_annotation_file(path), document)
        predicted = extract_obligations(document, registry)
        g_t, g_d, g_p = _items(gold, scoped)
        p_t, p_d, p_p = _items(predicted, scoped)
        scores = score_items(g_t, p_t, g_d, p_d, g_p, p_p, scoped=scoped)
        scores["obligations"] = compare(
            (((o.clause_id, _norm_text(o.text)), f"[{o.clause_id}] {o.text[:40]}") for o in gold),
            (
                ((o.clause_id, _norm_text(o.text)), f"[{o.clause_id}] {o.text[:40]}")
                for o in predicted
            ),
        )
        attributes = attribute_agreement(
            [t for o in gold for t in o.targets], [t for o in predicted for t in o.targets]
        )
        obligation_department_agreement(gold, predicted, attributes)
        results.append(DocResult(document.id, scores, attributes))
    return results


# ----------------------------------------------------------------------------- report


def _categories(results: Sequence[DocResult]) -> list[str]:
    extra = [OBLIGATIONS] if results and OBLIGATIONS in results[0].scores else []
    return [*CATEGORIES, *extra]


def overall(results: Sequence[DocResult]) -> dict[str, Score]:
    total = {c: Score() for c in _categories(results)}
    for result in results:
        for c in total:
            total[c].add(result.scores[c])
    return total


def overall_attributes(results: Sequence[DocResult]) -> AttributeScore:
    total = AttributeScore()
    for result in results:
        total.add(result.attributes)
    return total


def _fmt(score: Score) -> str:
    return (
        f"P {score.precision:6.1%}  R {score.recall:6.1%}  F1 {score.f1:6.1%}  "
        f"({score.tp}/{score.tp + score.fn} found, {score.fp} spurious)"
    )


def print_report(title: str, results: Sequence[DocResult], verbose: bool) -> None:
    print(f"== {title} ==")
    for result in results:
        print(f"-- {result.doc_id}")
        for c in _categories(results):
            score = result.scores[c]
            print(f"   {c:<12} {_fmt(score)}")
            if verbose:
                for label in score.missed:
                    print(f"      missed   {label}")
                for label in score.spurious:
                    print(f"      spurious {label}")
    batches = sorted({r.batch for r in results if r.batch is not None})
    if len(batches) > 1:
        for batch in batches:
            members = [r for r in results if r.batch == batch]
            print(f"-- batch {batch} ({len(members)} documents)")
            for c, score in overall(members).items():
                print(f"   {c:<12} {_fmt(score)}")
    total = overall(results)
    attributes = overall_attributes(results)
    print("-- overall")
    for c in _categories(results):
        print(f"   {c:<12} {_fmt(total[c])}")
    if attributes.matched:
        n = attributes.matched
        print(
            f"   matched targets with the gold comparator: {attributes.comparator}/{n}, "
            f"kind: {attributes.kind}/{n}"
            + (
                f", metric (exact): {attributes.metric}/{attributes.metric_gold}"
                if attributes.metric_gold
                else ""
            )
        )
    if attributes.obligations_matched:
        print(
            f"   obligations with the same text and the same departments: "
            f"{attributes.obligation_departments}/{attributes.obligations_matched}"
        )
        if verbose:
            for line in attributes.departments_differ:
                print(f"      departments differ {line}")
    print()


def as_json(results: Sequence[DocResult]) -> dict[str, Any]:
    batches = sorted({r.batch for r in results if r.batch is not None})
    by_batch = {
        str(b): {c: s.as_dict() for c, s in overall([r for r in results if r.batch == b]).items()}
        for b in batches
    }
    return {
        "batches": by_batch,
        "documents": {r.doc_id: {c: r.scores[c].as_dict() for c in CATEGORIES} for r in results},
        "overall": {c: s.as_dict() for c, s in overall(results).items()},
        "target_attributes": overall_attributes(results).as_dict(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--heldout", action="store_true", help="held-out documents only")
    parser.add_argument("--corpus", action="store_true", help="corpus documents only")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and spurious")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    both = not (args.heldout or args.corpus)
    report: dict[str, Any] = {}
    if args.heldout or both:
        heldout = evaluate_heldout()
        report["heldout"] = as_json(heldout)
        if not args.json:
            print_report(
                "held-out documents vs truth files (tests/extraction/heldout)",
                heldout,
                args.verbose,
            )
    if args.corpus or both:
        per_doc = evaluate_corpus(scoped=False)
        per_clause = evaluate_corpus(scoped=True)
        report["corpus"] = as_json(per_doc)
        report["corpus_by_clause"] = as_json(per_clause)
        if not args.json:
            print_report(
                "corpus vs reviewed annotations (matched per document)", per_doc, args.verbose
            )
            print_report(
                "corpus vs reviewed annotations (matched per clause)", per_clause, args.verbose
            )
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
