"""The checker against the example plans and their truth files (written independently).

Floors sit slightly below the figures of docs/check-quality.md, so that a change that costs
more than a couple of items fails here: examples/plans is the development set;
examples/heldout, examples/heldout2, examples/heldout3 and examples/heldout4 were held out
until their first run, and have been looked at since (see the quality doc).  No folder is optional: a missing truth file fails,
it is not skipped."""

from __future__ import annotations

from pathlib import Path

import pytest
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


# Held-out sets: plans written by colleagues who never saw the checker.  Floors sit just
# below the current figures (recall, precision, type accuracy); the first-run figures, taken
# before anyone looked at the plans, are in docs/check-quality.md:
#   heldout  now 98.7 / 97.4 / 98.6   (first run 90.7 / 73.9 / 88.2)
#   heldout2 now 100.0 / 98.6 / 95.7  (first run 87.1 / 98.4 / 93.4)
#   heldout3 now 98.7 / 94.0 / 94.9   (first run 96.2 / 45.2 / 93.4: responsibility at a distance)
#   heldout4 now 98.6 / 88.0 / 84.9   (first run 78.4 / 36.9 / 79.3: department-organised
#            plans and 对标 tables quoting the city)
HELDOUT_FLOORS = [
    pytest.param(HELDOUT, (0.95, 0.94, 0.95), (0.90, 0.90, 0.90), id="heldout"),
    pytest.param(HELDOUT2, (0.97, 0.95, 0.92), (0.90, 0.90, 0.90), id="heldout2"),
    pytest.param(HELDOUT3, (0.92, 0.90, 0.92), (0.87, 0.87, 0.88), id="heldout3"),
    pytest.param(HELDOUT4, (0.96, 0.85, 0.82), (0.94, 0.85, 0.75), id="heldout4"),
]


@pytest.mark.parametrize(("folder", "total_floor", "plan_floor"), HELDOUT_FLOORS)
def test_defect_detection_on_heldout_plans(
    corpus: Corpus,
    folder: Path,
    total_floor: tuple[float, float, float],
    plan_floor: tuple[float, float, float],
) -> None:
    total, scores = evaluate(folder, corpus)
    assert len(scores) == 2, [s.name for s in scores]
    assert total.unmatched == 0, "the checker left requirement items of a truth file out"
    _check(total, *total_floor)
    for score in scores:  # no single plan far below the others
        _check(score, *plan_floor)


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
