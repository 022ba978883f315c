"""Clause → obligations on real corpus clauses and on documents of other layouts."""

from __future__ import annotations

from policykb.corpus import Corpus
from policykb.documents.markdown import parse_markdown_document
from policykb.extraction.obligations import extract_obligations, requirement_sentences
from policykb.registry import load_registry

COUNTY_DOC = """---
id: zn-fengong
title: 中宁县2022年移民致富提升行动任务分工
level: county
region: 中宁县
year: 2022
---

# 中宁县2022年移民致富提升行动任务分工

一、就业帮扶

（一）劳务输出。由县人社局牵头，县财政局、县乡村振兴局配合，全年实现移民劳动力外出务工1.6万人以上。

（二）技能培训。6月底前完成移民技能培训1000人次以上。各乡镇每月25日前报送培训进度。

二、人居环境

（一）农村改厕。牵头单位：县农业农村局；责任单位：各乡镇。2022年底农村卫生改厕普及率达到54%以上。
"""


def test_doc6_clause_obligations_share_the_parenthetical(corpus: Corpus) -> None:
    document = corpus.document("ymzf-2022")
    obligations = [
        o for o in extract_obligations(document) if o.clause_id == "ymzf-2022:二/（二）/1"
    ]
    assert [o.id for o in obligations][:2] == ["ymzf-2022:二/（二）/1#1", "ymzf-2022:二/（二）/1#2"]
    for obligation in obligations:
        assert obligation.source == "extracted"
        assert obligation.departments.responsible == ["各县（区）"]
        assert obligation.departments.lead == ["中卫市人力资源社会保障局"]
        assert obligation.departments.cooperate == ["中卫市乡村振兴局"]
    migrant_work = next(o for o in obligations if "4.2万人以上" in o.text)
    assert [(t.value, t.unit, t.comparator) for t in migrant_work.targets] == [(42000, "人", ">=")]


def test_inline_title_is_not_an_obligation(corpus: Corpus) -> None:
    clause = corpus.clause("ymzf-2022:二/（一）/1")
    sentences = requirement_sentences(clause)
    assert sentences[0].startswith("大力发展枸杞")
    assert all(s != "扶持产业发展提质增效。" for s in sentences)


def test_every_obligation_text_is_verbatim(corpus: Corpus) -> None:
    for document in corpus.documents:
        for obligation in extract_obligations(document):
            assert obligation.text in corpus.clause(obligation.clause_id).text


def test_signature_and_date_are_not_obligations(corpus: Corpus) -> None:
    closing = [
        o
        for o in extract_obligations(corpus.document("mzb-tongzhi"))
        if o.clause_id.endswith(":closing")
    ]
    assert closing
    assert not any("2022年2月15日" in o.text for o in closing)


def test_sentence_actor_carries_to_following_sentence(corpus: Corpus) -> None:
    obligations = {o.id: o for o in extract_obligations(corpus.document("shzz-zxxd"))}
    first = obligations["shzz-zxxd:四/（一）#1"]
    second = obligations["shzz-zxxd:四/（一）#2"]
    assert first.departments.responsible == ["国家乡村振兴局", "民政部"]
    assert second.text.startswith("强化年度工作部署")
    assert second.departments.responsible == ["国家乡村振兴局", "民政部"]


def test_a_county_task_division_document() -> None:
    document = parse_markdown_document(COUNTY_DOC, "zn.md")
    obligations = extract_obligations(document, load_registry())
    by_clause = {o.clause_id: o for o in obligations}
    labour = by_clause["zn-fengong:一/（一）"]
    assert labour.departments.lead == ["中宁县人社局"]
    assert labour.departments.cooperate == ["中宁县财政局", "中宁县乡村振兴局"]
    assert [(t.value, t.unit) for t in labour.targets] == [(16000, "人")]
    training = [o for o in obligations if o.clause_id == "zn-fengong:一/（二）"]
    assert training[0].deadlines[0].due.isoformat() == "2022-06-30"  # type: ignore[union-attr]
    assert training[0].targets[0].value == 1000
    report = training[1]
    assert report.deadlines[0].kind == "recurring"
    assert report.deadlines[0].recurrence is not None
    assert report.deadlines[0].recurrence.day == 25
    toilets = by_clause["zn-fengong:二/（一）"]
    assert toilets.departments.lead == ["中宁县农业农村局"]
    assert toilets.targets[0].value == 54
    assert toilets.targets[0].kind == "rate"
