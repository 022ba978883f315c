"""Clause → obligations on real corpus clauses and on documents of other layouts."""

from __future__ import annotations

from policykb.corpus import Corpus
from policykb.documents.markdown import parse_markdown_document
from policykb.extraction.obligations import extract_obligations, requirement_sentences
from policykb.models import Document, Obligation
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


# --------------------------------------------------------------------------- general rules
# Each rule has a test on a sentence written for it and, where the corpus shows it, the
# corpus example the reviewers reported.


def _document(
    body: str, *, region: str = "临川县", level: str = "county", year: int = 2023
) -> Document:
    text = (
        f"---\nid: t\ntitle: 测试文件\nlevel: {level}\nregion: {region}\nyear: {year}\n---\n\n"
        f"# 测试文件\n\n{body.strip()}\n"
    )
    return parse_markdown_document(text, "t.md")


def _texts(body: str) -> list[str]:
    return [o.text for o in extract_obligations(_document(body), load_registry())]


def _by_text(body: str) -> dict[str, Obligation]:
    return {o.text: o for o in extract_obligations(_document(body), load_registry())}


# 1. guiding thought


def test_a_guiding_thought_clause_imposes_nothing() -> None:
    body = """
一、总体要求

（一）指导思想。以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，坚持稳中求进。积极探索创新，加快推进乡村全面振兴。

（二）工作目标。全县新建高标准农田2万亩。
"""
    assert _texts(body) == ["全县新建高标准农田2万亩。"]


def test_a_guiding_thought_sentence_keeps_only_its_commitment() -> None:
    body = """
一、总体要求

以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，坚持农业农村优先发展，2023年全县粮食产量稳定在30万吨以上，农村居民人均可支配收入增长8%。
"""
    (obligation,) = extract_obligations(_document(body), load_registry())
    assert obligation.text == "2023年全县粮食产量稳定在30万吨以上，农村居民人均可支配收入增长8%。"
    assert [d.due.isoformat() for d in obligation.deadlines if d.due] == ["2023-12-31"]
    assert [t.value for t in obligation.targets] == [300000, 8]


def test_corpus_guiding_thoughts(corpus: Corpus) -> None:
    by_clause: dict[str, list[str]] = {}
    for document in corpus.documents:
        for o in extract_obligations(document):
            by_clause.setdefault(o.clause_id, []).append(o.text)
    assert "sdts-2022:一/（一）" not in by_clause
    assert "shzz-zxxd:一/（一）" not in by_clause
    assert by_clause["ymzf-2022:一"] == [
        "2022年移民群众人均可支配收入同比增加1265元，增长12%，增速高于全市农村居民人均可支配收入增长水平。"
    ]


# 2. the year of a target is its deadline


def test_corpus_target_year_is_the_deadline(corpus: Corpus) -> None:
    (goal,) = [
        o
        for o in extract_obligations(corpus.document("ymzf-2022"))
        if o.clause_id == "ymzf-2022:一"
    ]
    assert [(d.raw, d.kind, d.due.isoformat() if d.due else None) for d in goal.deadlines] == [
        ("2022年", "absolute", "2022-12-31")
    ]


# 3. the responsibility parenthetical is cut off the text


def test_the_parenthetical_is_cut_off_the_obligation_text() -> None:
    body = """
一、重点任务

（一）提升健康水平。家庭医生签约服务覆盖率达到90%以上。（责任单位：各乡镇；牵头单位：县卫生健康局）
"""
    (obligation,) = extract_obligations(_document(body), load_registry())
    assert obligation.text == "家庭医生签约服务覆盖率达到90%以上。"
    assert obligation.departments.lead == ["临川县卫生健康局"]
    assert obligation.departments.responsible == ["各乡镇"]


def test_corpus_parentheticals_are_cut(corpus: Corpus) -> None:
    for o in extract_obligations(corpus.document("ymzf-2022")):
        assert "责任单位" not in o.text and "牵头部门" not in o.text, o.id
    first = [
        o
        for o in extract_obligations(corpus.document("ymzf-2022"))
        if o.clause_id == "ymzf-2022:二/（一）/1"
    ]
    assert first[-1].text.endswith("确保移民群众产业收入占可支配收入的40%以上。")


# 4. ；-series


def test_a_semicolon_series_under_one_subject_and_deadline_stays_one_obligation() -> None:
    body = """
一、工作要求

各乡镇要在5月10日前，完成低收入人口摸排；建立帮扶工作台账；制定帮扶措施清单，实行销号管理。
"""
    (obligation,) = extract_obligations(_document(body), load_registry())
    assert obligation.text.endswith("实行销号管理。")
    assert obligation.departments.responsible == ["各乡镇"]
    assert [d.due.isoformat() for d in obligation.deadlines if d.due] == ["2023-05-10"]


def test_a_semicolon_part_with_its_own_subject_starts_a_new_obligation() -> None:
    body = """
一、工作要求

县农业农村局要加快推进高标准农田建设；县财政局要足额保障项目资金。
"""
    found = _by_text(body)
    assert list(found) == ["县农业农村局要加快推进高标准农田建设；", "县财政局要足额保障项目资金。"]


def test_fragments_without_a_predicate_stay_with_their_sentence() -> None:
    body = """
一、工作要求

集中实施东村道路硬化、西村供水管网改造；南镇污水管网建设、北镇垃圾中转站建设；河口村养殖园区建设等项目，完善基础设施配套。
"""
    assert len(_texts(body)) == 1


def test_corpus_semicolon_series(corpus: Corpus) -> None:
    obligations = extract_obligations(corpus.document("sdts-2022"))
    (war_map,) = [o for o in obligations if o.clause_id == "sdts-2022:六/（二）"]
    assert war_map.text.endswith("实行挂图作战、台账化管理。")
    assert war_map.departments.responsible == ["各县（区）"]
    assert [d.raw for d in war_map.deadlines] == ["3月20日前"]
    texts = [o.text for o in extract_obligations(corpus.document("ymzf-2022"))]
    assert not any(t.startswith("中宁县太阳梁乡特色经果林") for t in texts)


# 5. mixed actors


def test_a_new_subject_with_a_modal_after_a_comma_starts_a_new_obligation() -> None:
    body = """
一、工作要求

县农业农村局牵头制定实施细则，各乡镇要于每月5日前报送工作台账。
"""
    first, second = extract_obligations(_document(body), load_registry())
    assert first.text == "县农业农村局牵头制定实施细则"
    assert first.departments.lead == ["临川县农业农村局"] and not first.deadlines
    assert second.text == "各乡镇要于每月5日前报送工作台账。"
    assert second.departments.responsible == ["各乡镇"] and second.departments.lead == []
    assert second.deadlines[0].recurrence is not None
    assert second.deadlines[0].recurrence.day == 5


def test_a_role_continuation_is_not_a_new_obligation() -> None:
    body = """
一、工作要求

由县发展改革局牵头，县直各有关部门配合，统筹编制年度项目计划。
"""
    (obligation,) = extract_obligations(_document(body), load_registry())
    assert obligation.departments.lead == ["临川县发展改革局"]


def test_corpus_mixed_actors(corpus: Corpus) -> None:
    obligations = {
        o.text: o
        for o in extract_obligations(corpus.document("ymzf-2022"))
        if o.clause_id == "ymzf-2022:三/（三）"
    }
    rules = obligations[
        "市乡村振兴局牵头制定各县（区）、市直相关部门（单位）2022年效能目标考核细则"
    ]
    assert rules.departments.lead == ["中卫市乡村振兴局"] and not rules.deadlines
    (report,) = [
        o for t, o in obligations.items() if t.startswith("各县（区）、市直各部门（单位）要")
    ]
    assert report.departments.responsible == ["各县（区）", "中卫市直各部门（单位）"]
    assert report.deadlines[0].recurrence is not None
    assert report.deadlines[0].recurrence.day == 25


# 6. every sentence is kept except what imposes nothing


def test_sentences_without_an_action_word_are_kept() -> None:
    body = """
一、产业发展

在甲镇、乙乡等地发展蔬菜、食用菌等产业，丙镇等地发展中药材产业。脱贫人口小额信贷政策向重点村延伸。乡村振兴是实现共同富裕的重大举措。
"""
    assert _texts(body) == [
        "在甲镇、乙乡等地发展蔬菜、食用菌等产业，丙镇等地发展中药材产业。",
        "脱贫人口小额信贷政策向重点村延伸。",
    ]


def test_descriptive_opening_is_trimmed_and_the_rest_kept(corpus: Corpus) -> None:
    (obligation,) = [
        o
        for o in extract_obligations(corpus.document("ymzf-2022"))
        if o.clause_id == "ymzf-2022:三/（一）"
    ]
    assert obligation.text.startswith("自治区今年4月将组织对移民村工作开展情况现场观摩")
    assert [d.raw for d in obligation.deadlines] == ["今年4月"]


def test_corpus_sentence_without_action_word(corpus: Corpus) -> None:
    texts = [o.text for o in extract_obligations(corpus.document("sdts-2022"))]
    assert any(
        t.startswith("在中宁县太阳梁乡、大战场镇等乡村发展枸杞") or "；在中宁县太阳梁乡" in t
        for t in texts
    )
    assert "脱贫人口小额信贷政策向“四大提升行动”重点村、薄弱村延伸。" in texts


# 7. carry-over of actors


def test_carried_actor_resets_at_a_paragraph_break() -> None:
    body = """
一、工作要求

县民政局要加强低保动态管理。

加强临时救助，做到凡困必帮。
"""
    found = _by_text(body)
    assert found["加强临时救助，做到凡困必帮。"].departments.is_empty()


def test_an_own_subject_blocks_inheritance() -> None:
    body = """
一、工作要求

县民政局要加强低保动态管理，做到应保尽保。有条件的乡镇可探索开展“物质+服务”救助。各村要明确一名联络员。
"""
    found = _by_text(body)
    assert found["县民政局要加强低保动态管理，做到应保尽保。"].departments.responsible == [
        "临川县民政局"
    ]
    assert found["有条件的乡镇可探索开展“物质+服务”救助。"].departments.is_empty()


def test_an_actor_in_mid_paragraph_does_not_carry() -> None:
    body = """
一、金融支持

对涉农贷款实施差异化监管政策。各金融机构重点支持农村基础设施建设。建立小额信贷主责银行制度。同时，加大信用村建设力度。
"""
    found = _by_text(body)
    assert found["各金融机构重点支持农村基础设施建设。"].departments.responsible == ["金融机构"]
    assert found["建立小额信贷主责银行制度。"].departments.is_empty()
    assert found["同时，加大信用村建设力度。"].departments.is_empty()


def test_a_paragraph_opening_actor_carries_and_tongshi_continues() -> None:
    body = """
一、组织领导

县乡村振兴局加强统筹协调。及时调度工作进展。

对发展基础薄弱的乡镇，由县自然资源局争取专项用地指标。同时，在规划审批方面给予倾斜支持。
"""
    found = _by_text(body)
    assert found["及时调度工作进展。"].departments.responsible == ["临川县乡村振兴局"]
    assert found["同时，在规划审批方面给予倾斜支持。"].departments.responsible == [
        "临川县自然资源局"
    ]


def test_corpus_carry_over(corpus: Corpus) -> None:
    sdts = {o.text: o for o in extract_obligations(corpus.document("sdts-2022"))}
    assert sdts[
        "建立以乡镇为单位的小额信贷主责银行制度，支持产业、农户、新型农业经营主体发展，确保应贷尽贷。"
    ].departments.is_empty()
    mzb = [
        o
        for o in extract_obligations(corpus.document("mzb-tongzhi"))
        if o.text.startswith("有条件的地方可探索")
    ]
    assert mzb and mzb[0].departments.is_empty()
    shzz = {o.text: o for o in extract_obligations(corpus.document("shzz-zxxd"))}
    (social,) = [o for t, o in shzz.items() if t.startswith("参与专项行动的社会组织要")]
    assert social.departments.is_empty()


# tables


TASK_TABLE = """
一、任务分工

| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |
|---|---|---|---|---|
| 1 | 新建村级养老服务站20个 | 县民政局 | 县财政局、县卫生健康局 | 2023年9月底前 |
| 2 | 每月开展一次安全巡查 | 各乡镇 | 县应急管理局 | 长期坚持 |
"""


def test_task_table_rows_are_obligations_with_their_columns() -> None:
    first, second = extract_obligations(_document(TASK_TABLE), load_registry())
    assert (
        first.text
        == "1 | 新建村级养老服务站20个 | 县民政局 | 县财政局、县卫生健康局 | 2023年9月底前"
    )
    assert first.departments.lead == ["临川县民政局"]
    assert first.departments.cooperate == ["临川县财政局", "临川县卫生健康局"]
    assert [d.due.isoformat() for d in first.deadlines if d.due] == ["2023-09-30"]
    assert [(t.value, t.unit) for t in first.targets] == [(20, "个")]
    assert second.departments.lead == ["各乡镇"]
    assert [d.kind for d in second.deadlines] == ["recurring"]


def test_corpus_insurance_table_rows(corpus: Corpus) -> None:
    rows = [o for o in extract_obligations(corpus.document("jkb-2022")) if " | " in o.text]
    texts = [o.text for o in rows]
    assert "保障责任 | 人均单项保额 | 保险费" not in texts  # the header
    assert not any(t.startswith("|") for t in texts)  # payout band rows
    accident = next(o for o in rows if o.text.startswith("意外伤害身故"))
    assert [(t.value, t.unit) for t in accident.targets] == [(50000, "元"), (40, "元/人")]


# headings, preamble


def test_a_numbered_item_that_is_one_sentence_is_kept() -> None:
    body = """
一、重点任务

1. 建设良种繁育基地。

牵头单位：县农业农村局；责任单位：各乡镇。

（1）建立种子种苗质量检测点3个。

（2）在东乡建设良种繁育基地1.2万亩，5月底前完成播种。
"""
    obligations = extract_obligations(_document(body), load_registry())
    assert [o.text for o in obligations] == [
        "建立种子种苗质量检测点3个。",
        "在东乡建设良种繁育基地1.2万亩，5月底前完成播种。",
    ]
    assert all(o.departments.lead == ["临川县农业农村局"] for o in obligations)


def test_the_preamble_gives_only_a_period_for_the_whole_document(corpus: Corpus) -> None:
    preamble = [
        o
        for o in extract_obligations(corpus.document("mzb-tongzhi"))
        if o.clause_id.endswith(":preamble")
    ]
    assert [o.text for o in preamble] == [
        "现就“十四五”期间动员引导社会组织参与乡村振兴工作通知如下："
    ]
    assert not any(
        o.clause_id.endswith(":preamble") for o in extract_obligations(corpus.document("ymzf-2022"))
    )


def test_anaphoric_assignment_joins_the_requirement_it_assigns(corpus: Corpus) -> None:
    (docking,) = [
        o for o in extract_obligations(corpus.document("wqxwc")) if o.clause_id == "wqxwc:二/（二）"
    ]
    assert docking.text.endswith("此项工作由自治区工商联、乡村振兴局负责。")
    assert docking.departments.responsible == ["宁夏回族自治区工商联", "宁夏回族自治区乡村振兴局"]


# batch 4 causes


GOAL_TABLE = """
一、任务分工

| 序号 | 工作任务 | 目标要求 | 牵头单位 | 配合单位 | 完成时限 |
|---|---|---|---|---|---|
| 1 | 扩大订单种植 | 订单面积不少于3万亩，带动农户1500户以上 | 县农业农村局 | 县供销社 | 10月底前 |
| 2 | 发放产业奖补 | 每户不超过2000元，每季度首月10日前兑付 | 县财政局 | — | 全年 |
"""


def test_every_content_column_of_a_task_row_gives_its_targets() -> None:
    first, second = extract_obligations(_document(GOAL_TABLE), load_registry())
    assert [(t.value, t.unit, t.comparator) for t in first.targets] == [
        (30000, "亩", ">="),
        (1500, "户", ">="),
    ]
    assert [(t.value, t.unit, t.comparator, t.kind) for t in second.targets] == [
        (2000, "元", "<=", "per_unit")
    ]
    assert [d.raw for d in second.deadlines] == ["每季度首月10日前", "全年"]
    assert second.departments.cooperate == []  # "—" is an empty cell


def test_the_preamble_states_goals_but_not_achievements() -> None:
    body = """
去年，全县累计建成高标准农田3.2万亩，已完成年度任务的120%。主要目标：今年新建高标准农田1.5万亩以上，力争亩均增收10%。

一、重点任务

（一）县农业农村局要加快项目建设。
"""
    preamble = [o for o in extract_obligations(_document(body)) if o.clause_id.endswith("preamble")]
    assert [o.text for o in preamble] == [
        "主要目标：今年新建高标准农田1.5万亩以上，力争亩均增收10%。"
    ]
    assert [(t.value, t.unit) for t in preamble[0].targets] == [(15000, "亩"), (10, "%")]


def test_a_person_in_charge_line_is_no_requirement() -> None:
    body = """
一、产业发展

（一）发展特色种植

责任人：副县长 张某

责任单位：县农业农村局（牵头），县财政局（配合）

新增茶园二千亩。
"""
    (found,) = extract_obligations(_document(body), load_registry())
    assert found.text == "新增茶园二千亩。"
    assert found.departments.lead == ["临川县农业农村局"]
    assert found.departments.cooperate == ["临川县财政局"]


def test_an_inline_heading_that_the_text_restates_is_no_requirement() -> None:
    body = """
一、工作调度

（一）按月报送台账。各乡镇每月台账于次月8日前报送县农业农村局。

（二）年底前完成验收。各乡镇要组织自查，县农业农村局抽查。
"""
    obligations = extract_obligations(_document(body), load_registry())
    first = [o for o in obligations if o.clause_id.endswith("一/（一）")]
    assert [o.text for o in first] == ["各乡镇每月台账于次月8日前报送县农业农村局。"]
    assert [(d.recurrence.freq, d.recurrence.day) for d in first[0].deadlines if d.recurrence] == [
        ("monthly", 8)
    ]
    # a heading whose deadline the text does not repeat stays a requirement
    second = [o.text for o in obligations if o.clause_id.endswith("一/（二）")]
    assert second[0] == "年底前完成验收。"
