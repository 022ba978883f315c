"""Reviewed annotation files: loading, validation with file:line, drafting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policykb.annotations import (
    annotation_files,
    check_annotations,
    draft_annotation,
    dump_annotation,
    parse_annotation_text,
)
from policykb.cli import main
from policykb.corpus import Corpus
from policykb.errors import AnnotationError

DOC = """---
id: zn-test
title: 中宁县测试方案
level: county
region: 中宁县
year: 2022
---

# 中宁县测试方案

一、重点任务

（一）就业。由县人社局牵头，县乡村振兴局配合，实现移民劳动力外出务工1.6万人以上。

（二）改厕。3月底前完成改厕计划编制，农村卫生改厕普及率达到54%以上。
"""


def test_bundled_annotations_pass_every_check(corpus: Corpus) -> None:
    problems = check_annotations(corpus)
    assert [str(p) for p in problems] == []


def test_bundled_annotations_cover_all_six_documents(corpus: Corpus) -> None:
    files = annotation_files(corpus.annotations_dir)
    assert sorted(files) == sorted(d.id for d in corpus.documents)
    assert {o.source for o in corpus.obligations} == {"annotation"}


def test_doc6_parentheticals_in_the_annotations(corpus: Corpus) -> None:
    by_clause: dict[str, set[str]] = {}
    for o in corpus.obligations_of("ymzf-2022"):
        if "责任单位" in corpus.clause(o.clause_id).text:
            by_clause.setdefault(o.clause_id, set()).add(o.departments.model_dump_json())
    assert len(by_clause) == 23
    # every obligation of a clause carries the clause's one parenthetical
    assert all(len(v) == 1 for v in by_clause.values())
    labour = next(o for o in corpus.obligations if o.clause_id == "ymzf-2022:二/（二）/1")
    assert labour.departments.responsible == ["各县（区）"]
    assert labour.departments.lead == ["中卫市人力资源社会保障局"]
    assert labour.departments.cooperate == ["中卫市乡村振兴局"]
    housing = next(o for o in corpus.obligations if o.clause_id == "ymzf-2022:二/（三）/2")
    assert housing.departments.lead == ["中卫市住房城乡建设局"]
    assert housing.departments.cooperate[:3] == [
        "中卫市工业和信息化局",
        "中卫市交通运输局",
        "中卫市水务局",
    ]
    assert housing.departments.cooperate[-2:] == ["国网中卫供电公司", "中卫市邮政管理局"]


def test_every_bundled_department_is_in_the_registry(corpus: Corpus) -> None:
    from policykb.registry import load_registry

    registry = load_registry()
    unknown = {
        name
        for o in corpus.obligations
        for name in o.departments.all()
        if registry.resolve(name, corpus.document(o.doc_id).meta.region) is None
    }
    assert unknown == set()


def _tmp_corpus(tmp_path: Path, annotation: str | None = None) -> Corpus:
    folder = tmp_path / "corpus"
    (folder / "annotations").mkdir(parents=True)
    (folder / "zn-test.md").write_text(DOC, encoding="utf-8")
    if annotation is not None:
        (folder / "annotations" / "zn-test.yaml").write_text(annotation, encoding="utf-8")
    return Corpus.load(folder)


def test_a_corpus_without_annotations_gets_extracted_obligations(tmp_path: Path) -> None:
    corpus = _tmp_corpus(tmp_path)
    assert corpus.obligations
    assert {o.source for o in corpus.obligations} == {"extracted"}


def test_draft_round_trips_and_passes_the_check(tmp_path: Path) -> None:
    corpus = _tmp_corpus(tmp_path)
    document = corpus.document("zn-test")
    text = dump_annotation(draft_annotation(document), document)
    assert text.startswith("# 《中宁县测试方案》的任务标注")
    (corpus.annotations_dir / "zn-test.yaml").write_text(text, encoding="utf-8")  # type: ignore[operator]
    reloaded = Corpus.load(corpus.root)  # type: ignore[arg-type]
    assert [str(p) for p in check_annotations(reloaded)] == []
    labour = next(o for o in reloaded.obligations if o.clause_id == "zn-test:一/（一）")
    assert labour.source == "annotation"
    assert labour.departments.lead == ["中宁县人社局"]
    assert labour.targets[0].value == 16000


BAD = """doc: zn-test
status: reviewed
clauses:
  - clause: zn-test:一/（一）
    departments:
      lead: [县人社局]
    obligations:
      - n: 1
        text: 实现移民劳动力外出务工1.6万人以上。
        targets:
          - {raw: 1.6万人以上, metric: 外出务工, value: 1600, unit: 人, comparator: ">=", kind: aggregate}
  - clause: zn-test:九
    obligations: []
  - clause: zn-test:一/（二）
    obligations:
      - n: 1
        text: 3月底前完成改厕计划的编制。
        deadlines:
          - {raw: 3月底前, kind: absolute, due: 2022-04-30}
"""


def test_check_reports_each_problem_with_file_and_line(tmp_path: Path) -> None:
    corpus = _tmp_corpus(tmp_path, BAD)
    problems = [str(p) for p in check_annotations(corpus)]
    path = str(corpus.annotations_dir / "zn-test.yaml")  # type: ignore[operator]
    assert f"{path}:6: 部门“县人社局”应写规范名称“中宁县人社局”" in problems
    assert any(p.startswith(f"{path}:11: ") and "1600" in p for p in problems)
    assert f"{path}:12: 条款 zn-test:九 不存在" in problems
    assert f"{path}:17: text 不是该条款原文的一部分（须逐字引用）" in problems
    assert any(p.startswith(f"{path}:19: ") and "2022-03-31" in p for p in problems)
    assert len(problems) == 5


def test_schema_errors_name_the_line() -> None:
    with pytest.raises(AnnotationError) as err:
        parse_annotation_text("doc: x\nclauses:\n  - clause: x:一\n    obligatons: []\n", "a.yaml")
    assert "a.yaml:4" in str(err.value)
    assert "未知字段" in str(err.value)
    with pytest.raises(AnnotationError, match=r"a\.yaml:3: 不是合法的 YAML"):
        parse_annotation_text("doc: x\nclauses: [\n", "a.yaml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_cli_annotations_check_and_draft(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "annotations", "check")
    assert code == 0, err
    assert "全部通过校验" in err
    corpus = _tmp_corpus(tmp_path, BAD)
    code, out, _ = run(capsys, "annotations", "check", "--corpus", str(corpus.root))
    assert code == 1
    assert "zn-test.yaml:12: 条款 zn-test:九 不存在" in out
    target = tmp_path / "draft.yaml"
    target.write_text("keep me", encoding="utf-8")
    code, _, err = run(capsys, "annotations", "draft", "ymzf-2022", "-o", str(target))
    assert code == 2
    assert "已存在" in err
    assert target.read_text(encoding="utf-8") == "keep me"
    code, _, _ = run(capsys, "annotations", "draft", "ymzf-2022", "-o", str(target), "--force")
    assert code == 0
    assert "doc: ymzf-2022" in target.read_text(encoding="utf-8")


def test_cli_obligations_by_department_alias(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "obligations", "--dept", "人社局", "--role", "lead", "--format", "json"
    )
    assert code == 0
    items = json.loads(out)["obligations"]
    assert items
    assert {o["clause_id"] for o in items} == {
        "ymzf-2022:二/（二）/1",
        "ymzf-2022:二/（二）/2",
        "ymzf-2022:二/（二）/3",
        "ymzf-2022:二/（八）/2",  # 牵头部门：市公安局、人力资源社会保障局、…
    }
    for o in items:
        assert set(o) >= {
            "id",
            "doc_id",
            "clause_id",
            "path",
            "text",
            "departments",
            "deadlines",
            "targets",
            "source",
        }
        assert o["source"] == "annotation"


def test_cli_unknown_department_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "obligations", "--dept", "人设局")
    assert code == 2
    assert "人社局" in err
