"""Each judgement rule on plan sentences written for the test (requirements: the real corpus).

Every plan sentence here is our own; the requirement items are those of the bundled 2022
documents (ymzf-2022 is 《中卫市2022年百万移民致富提升行动实施方案》)."""

from __future__ import annotations

import pytest

from .conftest import JudgeFn

TOILETS = "ymzf-2022:二/（五）#1"  # 改厕普及率54%以上, 垃圾92%以上, 污水30%以上
DIBAO = "ymzf-2022:二/（四）/4#4"  # 低保 650元/月、5520元/年
LABOUR = "ymzf-2022:二/（二）/1#2"  # 外出务工4.2万人以上 (aggregate)
TRAINING = "ymzf-2022:二/（二）/2#3"  # 移民技能培训3000人次以上 (aggregate)
STATIONS = "ymzf-2022:二/（二）/2#2"  # 劳务工作站全覆盖
BROKERS = "ymzf-2022:二/（二）/2#4"  # 每一个移民村至少1个中介机构和1名劳务经纪人
PLANNING = "ymzf-2022:二/（十）#1"  # 3月底完成村庄规划编制
REPORTING = "ymzf-2022:三/（三）#4"  # 每月25日前报送
LEDGER = "ymzf-2022:二/（二）/2#1"  # 每季度统计汇总并上报
DISABLED = "ymzf-2022:二/（四）/5#1"  # 两项补贴, 残疾人意外伤害保险 (whole)
PROCESSING = "ymzf-2022:二/（一）/2#4"  # 加工转化率75%以上 …

# ---------------------------------------------------------------- satisfied / missing


def test_satisfied_rate_with_department(judge_item: JudgeFn) -> None:
    plan = (
        "一、重点任务\n"
        "（一）改善人居环境。全县移民村农村卫生改厕普及率达到55%以上。（责任单位：县农业农村局）\n"
    )
    finding = judge_item(plan, TOILETS, "target:54%以上")
    assert finding.status == "satisfied"
    assert finding.found == "55%以上"
    assert finding.evidence and "55%" in finding.evidence[0].quote
    assert finding.evidence[0].location == "一/（一）"


def test_missing_when_the_plan_says_nothing(judge_item: JudgeFn) -> None:
    plan = (
        "一、重点任务\n（一）发展产业。每个移民村培育1至2个主导产业。（责任单位：县农业农村局）\n"
    )
    finding = judge_item(plan, TOILETS, "target:54%以上")
    assert finding.status == "missing"
    assert finding.evidence == []
    assert finding.explanation


# ---------------------------------------------------------------- weaker targets


def test_weaker_rate_with_synonym(judge_item: JudgeFn) -> None:
    plan = (
        "一、人居环境\n（一）推进厕所革命，年内卫生厕所普及率达到50%。（责任单位：县农业农村局）\n"
    )
    finding = judge_item(plan, TOILETS, "target:54%以上")
    assert finding.status == "weaker_target"
    assert finding.found == "50%"
    assert finding.found_value == 50


def test_chinese_numerals_and_cheng(judge_item: JudgeFn) -> None:
    plan = "一、产业\n（一）全县农产品加工转化率达到七成以上。（责任单位：县工信局）\n"
    finding = judge_item(plan, PROCESSING, "target:75%以上")
    assert finding.status == "weaker_target"
    assert finding.found_value == pytest.approx(70)


def test_weaker_standard_per_month(judge_item: JudgeFn) -> None:
    plan = "一、兜底保障\n（一）将农村低保标准提高到每人每月620元。（责任单位：县民政局）\n"
    finding = judge_item(plan, DIBAO, "target:650元/月")
    assert finding.status == "weaker_target"
    assert finding.found_value == pytest.approx(620)


def test_standard_converted_between_month_and_year(judge_item: JudgeFn) -> None:
    plan = "一、兜底保障\n（一）城乡低保标准提高到每人每月650元。（责任单位：县民政局）\n"
    finding = judge_item(plan, DIBAO, "target:5520元/年")
    assert finding.status == "satisfied"
    assert finding.found_value == pytest.approx(7800)
    assert "折合" in (finding.found or "")


def test_conditional_scope_is_weaker_than_full_coverage(judge_item: JudgeFn) -> None:
    plan = "一、就业\n（一）支持有条件的移民村设立劳务工作站。（责任单位：县人社局）\n"
    finding = judge_item(plan, STATIONS, "target:全覆盖")
    assert finding.status == "weaker_target"
    assert "有条件的" in (finding.found or "")


def test_every_village_satisfies_full_coverage(judge_item: JudgeFn) -> None:
    plan = "一、就业\n（一）在各移民村设立劳务工作站，配备联络员。（责任单位：县人社局）\n"
    assert judge_item(plan, STATIONS, "target:全覆盖").status == "satisfied"


def test_per_unit_minimum(judge_item: JudgeFn) -> None:
    plan = (
        "一、就业\n（一）培育劳务经纪人队伍，每个移民村至少有1名劳务经纪人。"
        "（责任单位：县人社局）\n"
    )
    assert judge_item(plan, BROKERS, "target:1名").status == "satisfied"
    plan = (
        "一、就业\n（一）培育劳务经纪人队伍，在有条件的移民村配备劳务经纪人。"
        "（责任单位：县人社局）\n"
    )
    assert judge_item(plan, BROKERS, "target:1名").status == "weaker_target"


# ---------------------------------------------------------------- shares


def test_aggregate_is_a_share_with_the_county_number(judge_item: JudgeFn) -> None:
    plan = (
        "一、就业\n（一）抓好劳务输出，全年输出移民劳动力一万五千人以上。（责任单位：县人社局）\n"
    )
    finding = judge_item(plan, LABOUR, "target:4.2万人以上")
    assert finding.status == "share"
    assert finding.found_value == pytest.approx(15000)
    assert finding.found == "一万五千人以上"


def test_another_group_is_not_evidence(judge_item: JudgeFn) -> None:
    plan = (
        "一、就业\n（一）开展退役军人技能培训五百人次。（责任单位：县退役军人事务局）\n"
        "（二）开展移民群众技能培训一千二百人次。（责任单位：县人社局）\n"
    )
    finding = judge_item(plan, TRAINING, "target:3000人次以上")
    assert finding.status == "share"
    assert finding.found_value == pytest.approx(1200)
    assert all("退役军人" not in e.quote for e in finding.evidence)
    plan = "一、就业\n（一）开展退役军人技能培训五百人次。（责任单位：县退役军人事务局）\n"
    assert judge_item(plan, TRAINING, "target:3000人次以上").status == "missing"


# ---------------------------------------------------------------- deadlines


def test_later_absolute_deadline(judge_item: JudgeFn) -> None:
    plan = (
        "一、规划\n（一）统筹产业发展和居民点布局，6月底前完成重点移民村村庄规划编制。"
        "（责任单位：县自然资源局）\n"
    )
    finding = judge_item(plan, PLANNING, "deadline:3月底")
    assert finding.status == "later_deadline"
    assert finding.found == "6月底前"
    plan = plan.replace("6月底前", "3月25日前")
    assert judge_item(plan, PLANNING, "deadline:3月底").status == "satisfied"


def test_later_day_of_a_monthly_report(judge_item: JudgeFn) -> None:
    plan = (
        "三、保障措施\n（一）强化调度。各乡镇、县直各部门于每月28日前向县乡村振兴局报送"
        "重点任务清单推进情况。\n"
    )
    finding = judge_item(plan, REPORTING, "deadline:每月25日前")
    assert finding.status == "later_deadline"
    assert finding.found == "每月28日前"
    plan = plan.replace("28日", "20日")
    assert judge_item(plan, REPORTING, "deadline:每月25日前").status == "satisfied"


def test_less_frequent_reporting(judge_item: JudgeFn) -> None:
    plan = (
        "一、就业\n（一）建立移民劳动力就业信息台账，每半年对劳动力人数、技能培训、就业情况"
        "统计汇总并上报。（责任单位：县人社局）\n"
    )
    finding = judge_item(plan, LEDGER, "deadline:每季度")
    assert finding.status == "later_deadline"
    assert finding.found == "每半年"


# ---------------------------------------------------------------- vague / no department


def test_slogan_without_a_figure_is_vague(judge_item: JudgeFn) -> None:
    plan = "一、人居环境\n（一）大力推进生活污水治理，努力改善人居环境。（责任单位：县住建局）\n"
    finding = judge_item(plan, TOILETS, "target:30%以上")
    assert finding.status == "vague"
    assert finding.evidence


def test_no_department(judge_item: JudgeFn) -> None:
    plan = "一、兜底保障\n（一）落实残疾人两项补贴，为就业年龄段残疾移民购买意外伤害保险。\n"
    finding = judge_item(plan, DISABLED)
    assert finding.status == "no_department"
    assert finding.evidence


def test_department_from_a_lead_line_of_the_parent_clause(judge_item: JudgeFn) -> None:
    plan = (
        "一、兜底保障（牵头单位：县残联）\n"
        "（一）落实残疾人两项补贴，为就业年龄段残疾移民购买意外伤害保险。\n"
    )
    assert judge_item(plan, DISABLED).status == "satisfied"


def test_department_from_a_task_table(judge_item: JudgeFn, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan = (
        "一、重点任务\n\n"
        "| 任务 | 目标 | 牵头单位 |\n| --- | --- | --- |\n"
        "| 农村卫生改厕普及率 | 56% | 县农业农村局 |\n"
    )
    path = tmp_path / "table.md"
    path.write_text("# 中宁县2022年移民致富提升行动实施方案\n\n" + plan, encoding="utf-8")
    from policykb.checking.checker import check_plan
    from policykb.corpus import load_corpus

    report = check_plan(path, load_corpus(), against=["ymzf-2022"])
    finding = next(f for f in report.findings if f.item == "target:54%以上")
    assert finding.status == "satisfied"
    assert "表格" in finding.evidence[0].location


# ---------------------------------------------------------------- scope and attribution


def test_coarser_basis_of_a_per_unit_minimum(judge_item: JudgeFn) -> None:
    plan = (
        "一、就业\n（一）培育劳务经纪人队伍，每个乡镇至少培育1名劳务经纪人。"
        "（责任单位：县人社局）\n"
    )
    finding = judge_item(plan, BROKERS, "target:1名")
    assert finding.status == "weaker_target"
    assert "每个乡镇" in (finding.found or "")


def test_size_restricted_scope_is_not_full_coverage(judge_item: JudgeFn) -> None:
    plan = "一、就业\n（一）在500人以上的移民村设立劳务工作站。（责任单位：县人社局）\n"
    finding = judge_item(plan, STATIONS, "target:全覆盖")
    assert finding.status == "weaker_target"
    assert "500人以上" in (finding.found or "")


def test_figure_goes_to_the_matching_target_of_the_requirement(judge_item: JudgeFn) -> None:
    culture = "ymzf-2022:二/（七）#4"  # 文化大篷车150场次, 送戏下乡90场次
    plan = (
        "一、文化\n（一）组织文化大篷车基层文艺演出60场次，积极开展送戏下乡惠民演出。"
        "（责任单位：县委宣传部）\n"
    )
    assert judge_item(plan, culture, "target:150场次").status == "share"
    assert judge_item(plan, culture, "target:90场次").status == "vague"


def test_a_summary_sentence_assigns_the_tasks_before_it(judge_item: JudgeFn) -> None:
    plan = (
        "一、兜底保障\n（一）关爱残疾人\n"
        "1.落实残疾人两项补贴，为就业年龄段残疾移民购买意外伤害保险。\n"
        "2.启动残疾人托养机构规范化建设试点。\n"
        "3.以上两项由县残联负责，县民政局配合。\n"
    )
    assert judge_item(plan, DISABLED).status == "satisfied"


def test_place_names_and_document_titles_weigh_little(judge_item: JudgeFn) -> None:
    plan = (
        "二、保障措施\n（一）各乡镇、各部门于每月25日前向县乡村振兴局报送重点任务清单"
        "完成情况。（牵头单位：县乡村振兴局）\n"
    )
    assert judge_item(plan, REPORTING, "deadline:每月25日前").status == "satisfied"
