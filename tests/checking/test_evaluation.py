"""The checker against the example plans and their truth files (written independently).

Floors are those of the issue's quality bar; the example plans are not tuned against (see
docs/check-quality.md for the figures and the command that produced them)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from policykb.checking import check_plans
from policykb.checking.evaluation import evaluate
from policykb.corpus import Corpus

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "plans"
TRUTHS = sorted(EXAMPLES.glob("*.truth.yaml"))


@pytest.mark.skipif(not TRUTHS, reason="no example plans with truth files")
def test_defect_detection_meets_the_quality_bar(corpus: Corpus) -> None:
    total, scores = evaluate(EXAMPLES, corpus)
    assert scores, "no plan was evaluated"
    assert total.unmatched == 0, "the checker left requirement items of a truth file out"
    assert total.recall >= 0.90, f"recall {total.recall:.1%}"
    assert total.precision >= 0.85, f"precision {total.precision:.1%}"
    assert total.type_accuracy >= 0.80, f"type accuracy {total.type_accuracy:.1%}"
    for score in scores:  # no single plan far below the bar
        assert score.recall >= 0.8, (score.name, score.recall)
        assert score.precision >= 0.7, (score.name, score.precision)


ROLLUP = EXAMPLES / "rollup.truth.yaml"


@pytest.mark.skipif(not ROLLUP.exists(), reason="no rollup truth file")
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
    assert right / len(truth["rollup"]) >= 0.75, f"{right}/{len(truth['rollup'])} rows right"
