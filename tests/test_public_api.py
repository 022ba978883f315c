"""The library works without the CLI: the public API end to end."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import policykb


def test_public_api_end_to_end(tmp_path: Path) -> None:
    from policykb.search import search

    corpus = policykb.load_corpus()
    result = search(corpus, "三类监测对象", limit=3)
    assert result.hits and result.hits[0].clause_id.startswith(("ymzf-2022", "sdts-2022"))
    matrix = policykb.build_matrix(corpus.obligations, departments=["人社局"])
    assert matrix.departments[0].name == "中卫市人力资源社会保障局"
    plan = tmp_path / "中宁县方案.md"
    plan.write_text(
        "# 中宁县2022年移民致富提升行动方案\n\n一、就业帮扶\n\n"
        "（一）劳务输出。全年实现移民劳动力外出务工1.6万人以上。（牵头单位：县人社局）\n",
        encoding="utf-8",
    )
    checked = policykb.check_plans([plan], corpus)
    report = checked.plans[0]
    assert report.jurisdiction == "中宁县"
    share = next(f for f in report.findings if f.item == "target:4.2万人以上")
    assert share.status == "share"
    assert share.found_value == 16000
    document = policykb.read_plan(plan)
    assert policykb.extract_obligations(document)[0].targets[0].value == 16000


def test_importing_policykb_does_not_load_jieba_or_whoosh() -> None:
    code = "import sys, policykb; print('jieba' in sys.modules, 'whoosh' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
