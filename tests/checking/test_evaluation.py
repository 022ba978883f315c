"""The checker against the example plans and their truth files (written independently).

Floors sit slightly below the figures of docs/check-quality.md, so that a change that costs
more than a couple of items fails here: examples/plans is the development set;
examples/heldout, examples/heldout2, examples/heldout3 and examples/heldout4 were held out
until their first run, and have been looked at since (see the quality doc).  No folder is optional: a missing truth file fails,
it is not skipped."""

from __future__ import annotations

from pathlib import Path

import yaml

from policykb.checking import check_plans
from policykb.checking.evaluation import PlanScore, evaluate
from policykb.corpus import Corpus

ROOT = Path(__file__).resolve().parents[2] / "examples"
EXAMPLES = ROOT / "plans"
HELDOUT = ROOT / "heldout"
HELDOUT2 = ROOT / "heldout2"
HELDOUT3 = ROOT / "heldout3"
HELDOUT4 = ROOT / "heldout4"
SLOGANS = "zhongning-2022-slogans.txt"  # the all-slogans draft: easy, reported apart


def _drafts(scores: list[PlanScore]) -> PlanScore:
    total = PlanScore("drafts")
    for score in scores:
        if score.name != SLOGANS:
            total.add(score)
    return total


def _check(score: PlanScore, recall: float, precision: float, type_accuracy: float) -> None:
    assert score.recall >= recall, (score.name, f"recall {score.recall:.1%}")
    assert score.precision >= precision, (score.name, f"precision {score.precision:.1%}")
    assert score.type_accuracy >= type_accuracy, (score.name, f"type {score.type_accuracy:.1%}")


def test_defect_detection_on_the_development_plans(corpus: Corpus) -> None:
    total, scores = evaluate(EXAMPLES, corpus)
    assert len(scores) == 4, [s.name for s in scores]
    assert total.unmatched == 0, "the checker left requirement items of a truth file out"
    # now (docs/check-quality.md): drafts 98.9 / 97.8 / 97.8, all four 99.5 / 99.1 / 98.6
    _check(_drafts(scores), 0.96, 0.95, 0.95)
    _check(total, 0.97, 0.96, 0.96)
    for score in scores:  # no single plan far below the others
        _check(score, 0.90, 0.90, 0.90)


def test_defect_detection_on_the_heldout_plans(corpus: Corpus) -> None:
    total, scores = evaluate(HELDOUT, corpus)
    assert len(scores) == 2, [s.name for s in scores]
    assert total.unmatched == 0, "the checker left requirement items of a truth file out"
    # now: 98.7 / 97.4 / 98.6 (first run, before they were looked at: 90.7 / 73.9 / 88.2)
    _check(total, 0.95, 0.94, 0.95)
    for score in scores:
        _check(score, 0.90, 0.90, 0.90)


def test_defect_detection_on_the_second_heldout_plans(corpus: Corpus) -> None:
    total, scores = evaluate(HELDOUT2, corpus)
    assert len(scores) == 2, [s.name for s in scores]
    assert total.unmatched == 0, "the checker left requirement items of a truth file out"
    # now: 100.0 / 98.6 / 95.7 (first run, before they were looked at: 87.1 / 98.4 / 93.4)
    _check(total, 0.97, 0.95, 0.92)
    for score in scores:
        _check(score, 0.90, 0.90, 0.90)


def test_defect_detection_on_the_third_heldout_plans(corpus: Corpus) -> None:
    total, scores = evaluate(HELDOUT3, corpus)
    assert len(scores) == 2, [s.name for s in scores]
    assert total.unmatched == 0, "the checker left requirement items of a truth file out"
    # now: 94.9 / 92.6 / 94.7 (first run, before they were looked at: 96.2 / 45.2 / 93.4 —
    # responsibility named in section summaries and a 职责分工 section was not seen)
    _check(total, 0.92, 0.90, 0.92)
    for score in scores:
        _check(score, 0.87, 0.87, 0.88)


def test_defect_detection_on_the_fourth_heldout_plans(corpus: Corpus) -> None:
    total, scores = evaluate(HELDOUT4, corpus)
    assert len(scores) == 2, [s.name for s in scores]
    assert total.unmatched == 0, "the checker left requirement items of a truth file out"
    # now: 98.6 / 88.0 / 84.9 (first run, before they were looked at: 78.4 / 36.9 / 79.3 —
    # a plan organised by department and a 对标落实清单 quoting the city were not read)
    _check(total, 0.96, 0.85, 0.82)
    for score in scores:
        _check(score, 0.94, 0.85, 0.75)


ROLLUP = EXAMPLES / "rollup.truth.yaml"


def test_rollup_of_the_example_plans(corpus: Corpus) -> None:
    truth = yaml.safe_load(ROLLUP.read_text(encoding="utf-8"))
    result = check_plans([EXAMPLES / name for name in truth["plans"]], corpus)
    got: dict[tuple[str, str], list[dict[str, float | None]]] = {}
    for row in result.rollup:
        key = (row.obligation_id, row.target.raw)
        shares = {Path(p).name: v for p, v in row.shares.items() if v is not None}
        got.setdefault(key, []).append(shares)
    right = 0
    for expected in truth["rollup"]:
        raw = str(expected["item"]).removeprefix("target:").split("#")[0]
        candidates = got.get((expected["obligation"], raw), [])
        want = {k: float(v) for k, v in expected["shares"].items()}
        right += any(c == want for c in candidates)
    # now 21 of 21 rows exactly right
    assert right / len(truth["rollup"]) >= 0.9, f"{right}/{len(truth['rollup'])} rows right"
