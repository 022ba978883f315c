"""General rules found wanting on plans written by others (docs/check-quality.md, held-out
batch): task tables, figures and their words, scope, places, dates, paraphrase.

Every plan sentence and table here is written for the test; the requirements are those of
the bundled 2022 documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykb.checking.evaluation import main as evaluation_main
from policykb.checking.evidence import PlanIndex, Slot, plan_units
from policykb.checking.quantities import plan_deadlines, plan_quantities
from policykb.checking.rules import load_rules
from policykb.documents.plans import read_plan
from policykb.extraction.deadlines import extract_deadlines

from .conftest import JudgeFn

LABOUR = "ymzf-2022:二/（二）/1#2"  # 外出务工4.2万人以上 (aggregate)
ENTERPRISES = "ymzf-2022:二/（一）/2#4"  # 三星级企业5家、二星级企业10家、加工园区3个 …
DIBAO = "ymzf-2022:二/（四）/4#4"  # 低保 650元/月、5520元/年
ORPHANS = "ymzf-2022:二/（四）/4#5"  # 孤弃儿童津贴 1500元、散居孤儿 1000元 (per month)
TOILETS = "ymzf-2022:二/（五）#1"  # 改厕54%以上、垃圾92%以上、污水30%以上
REPORTING = "ymzf-2022:三/（三）#4"  # 每月25日前报送
BROKERS = "ymzf-2022:二/（二）/2#4"  # 每一个移民村至少1个中介机构和1名劳务经纪人
COLLECTIVE = "ymzf-2022:二/（一）/3#4"  # 56个重点移民村集体收入全部达到5万元以上
WORKSHOPS = "ymzf-2022:二/（二）/1#4"  # 帮扶车间就业100人；海兴工业园区企业带动就业300人
PUBLIC_JOBS = "ymzf-2022:二/（二）/1#5"  # 乡村公益性岗位500人以上
HOUSING = "ymzf-2022:二/（八）/2#3"  # “十二五”移民唯一住房危房改造 (whole)
PENSIONS = "ymzf-2022:二/（八）/2#4"  # 紧盯养老保障，研究解决劳务移民养老保障水平不高 (whole)
ECOMMERCE = "ymzf-2022:二/（一）/1#7"  # 网络零售额占农业总产值的比例5%以上
LEDGER = "ymzf-2022:二/（二）/2#1"  # 每季度对移民村劳动力人数 … 统计汇总并上报
SHOWS = "ymzf-2022:二/（七）#4"  # 文化大篷车150场次、送戏下乡90场次
DOCTORS = "ymzf-2022:二/（四）/2#5"  # 选派百名医务人员跟班培训 …
CUSTODY = "ymzf-2022:二/（一）/4#1"  # 小农户 … 推广全程生产性托管服务 … (long, whole)
MANURE = "ymzf-2022:二/（五）#3"  # 实施“出户入园”项目，全面推行畜禽养殖粪污资源化利用
CREDIT = "ymzf-2022:二/（一）/1#6"  # 金融机构在移民村设置服务网点，提供贷款支持 (whole)

MD_HEAD = "# 中宁县2022年移民致富提升行动任务分工方案\n\n"
TABLE_HEAD = (
    "| 序号 | 工作任务 | 目标要求 | 完成时限 | 牵头单位 | 责任单位 |\n|---|---|---|---|---|---|\n"
)

# ---------------------------------------------------------------- task tables


def test_a_table_rows_figure_belongs_to_its_task(judge_item: JudgeFn) -> None:
    """工作任务 | 目标要求: the number in one column, what it counts in the other."""
    plan = TABLE_HEAD + "| 1 | 移民劳务输出 | 1.2万人 | 2022年12月底 | 县人社局 | 各乡镇 |\n"
    finding = judge_item(plan, LABOUR, "target:4.2万人以上", head=MD_HEAD, suffix=".md")
    assert finding.status == "share"
    assert finding.found_value == pytest.approx(12000)


def test_several_figures_in_one_cell_go_to_their_own_words(judge_item: JudgeFn) -> None:
    plan = TABLE_HEAD + (
        "| 3 | 企业评星 | 评定三星级企业1家、二星级企业4家，建成加工园区2个 "
        "| 2022年10月底 | 县农业农村局 | 县工信局 |\n"
    )
    for key, value in (("target:5家", 1), ("target:10家", 4), ("target:3个", 2)):
        finding = judge_item(plan, ENTERPRISES, key, head=MD_HEAD, suffix=".md")
        assert (finding.status, finding.found_value) == ("share", value), key


def test_an_empty_or_placeholder_unit_cell_is_no_department(judge_item: JudgeFn) -> None:
    """Other rows name units, and the table as a whole does — not this row."""
    rows = (
        "| 1 | 劳务输出 | 移民劳务输出1.2万人 | 2022年12月底 | {lead} | |\n"
        "| 2 | 技能培训 | 移民技能培训800人次 | 2022年12月底 | 县人社局 | 各乡镇 |\n"
    )
    for lead, status in (("待定", "no_department"), ("", "no_department"), ("县人社局", "share")):
        plan = TABLE_HEAD + rows.format(lead=lead)
        finding = judge_item(plan, LABOUR, "target:4.2万人以上", head=MD_HEAD, suffix=".md")
        assert finding.status == status, lead


def test_rows_are_not_also_sentences(tmp_path: Path) -> None:
    """A cell with a ；is not cut into sentence units that lose the row's unit columns."""
    path = tmp_path / "plan.md"
    path.write_text(
        MD_HEAD
        + "重点任务如下：\n\n"
        + TABLE_HEAD
        + "| 一、兜底保障 | | | | | |\n"
        + "| 5 | 救助标准 | 低保标准提高到660元/月、5600元/年；孤儿基本生活费每人每月1500元 "
        "| 2022年6月底 | 县民政局 | 县财政局 |\n",
        encoding="utf-8",
    )
    units = plan_units(read_plan(path))
    assert [u.kind for u in units] == ["sentence", "row"]
    row = units[1]
    assert row.group == "一、兜底保障"  # a merged group row is context, not a unit
    assert row.row_departments == ["县民政局", "县财政局"]


# ---------------------------------------------------------------- figures


def test_a_figure_in_the_requirements_unit_wins_over_a_converted_one(
    judge_item: JudgeFn,
) -> None:
    plan = "一、兜底保障\n（一）城乡低保标准分别提高到660元/月、5300元/年。（责任单位：县民政局）\n"
    finding = judge_item(plan, DIBAO, "target:5520元/年")
    assert finding.status == "weaker_target"
    assert finding.found_value == pytest.approx(5300)
    assert judge_item(plan, DIBAO, "target:650元/月").status == "satisfied"


def test_a_digit_after_cheng_counts_per_cent(judge_item: JudgeFn) -> None:
    rules = load_rules()
    got = plan_quantities("卫生厕所普及率达到五成六以上，污水治理率不低于三成二。", rules)
    assert [(q.raw, q.value) for q in got] == [("五成六", 56), ("不低于三成二", 32)]
    plan = (
        "一、人居环境\n（一）卫生厕所普及率达到五成六以上，生活垃圾得到处理的村庄占比达到"
        "九成三以上。（责任单位：县住建局）\n"
    )
    assert judge_item(plan, TOILETS, "target:54%以上").status == "satisfied"
    assert judge_item(plan, TOILETS, "target:92%以上").status == "satisfied"


def test_a_figures_words_reach_back_across_a_comma(judge_item: JudgeFn) -> None:
    plan = (
        "一、就业\n（一）统筹开发护路、保洁等乡村公益性岗位，安置移民一百八十人。"
        "（责任单位：县人社局）\n"
    )
    finding = judge_item(plan, PUBLIC_JOBS, "target:500人以上")
    assert (finding.status, finding.found_value) == ("share", 180)


def test_words_further_back_do_not_take_another_targets_figure(judge_item: JudgeFn) -> None:
    plan = (
        "一、产业\n（一）认定三星级企业一家，培育一批二星级企业，建成农产品加工园区一个。"
        "（责任单位：县工信局）\n"
    )
    assert judge_item(plan, ENTERPRISES, "target:10家").status == "vague"
    assert judge_item(plan, ENTERPRISES, "target:3个").found_value == 1


def test_a_figure_whose_own_words_name_the_other_target_is_not_this_ones(
    judge_item: JudgeFn,
) -> None:
    """文艺演出's head 演出 is there, but the only figure is 送戏下乡's."""
    plan = "一、文化\n（一）常年组织文化大篷车巡回演出，开展送戏下乡惠民演出四十场。（责任单位：县文旅局）\n"
    assert judge_item(plan, SHOWS, "target:150场次").status == "vague"
    assert judge_item(plan, SHOWS, "target:90场次").found_value == 40


# ---------------------------------------------------------------- scope


def test_key_villages_only_is_narrower_than_every_village(judge_item: JudgeFn) -> None:
    plan = (
        "一、就业\n（一）每个移民村至少对接一家人力资源服务中介机构，在重点移民村各配备"
        "1名劳务经纪人。（责任单位：县人社局）\n"
    )
    assert judge_item(plan, BROKERS, "target:1名").status == "weaker_target"
    # the restriction is in the other clause part: the 中介机构 are for every village
    assert judge_item(plan, BROKERS, "target:1个").status == "satisfied"


def test_a_restriction_the_requirement_itself_makes_is_no_narrowing(judge_item: JudgeFn) -> None:
    plan = "一、集体经济\n（一）重点移民村集体经济收入全部达到6万元以上。（责任单位：县委组织部）\n"
    assert judge_item(plan, COLLECTIVE, "target:5万元以上").status == "satisfied"


def test_a_target_for_a_named_place_needs_that_place(judge_item: JudgeFn) -> None:
    """海兴工业园区 is another county's park: a number for a park of ours is not its share."""
    plan = (
        "一、就业\n（一）依托县城东工业园区食品加工企业，带动移民就业三百二十人。"
        "（责任单位：县人社局）\n"
    )
    assert judge_item(plan, WORKSHOPS, "target:300人以上").status == "missing"
    plan = (
        "一、就业\n（一）对接海兴工业园区服装加工企业，带动移民就业三百二十人。"
        "（责任单位：县人社局）\n"
    )
    finding = judge_item(plan, WORKSHOPS, "target:300人以上")
    assert (finding.status, finding.found_value) == ("share", 320)


def test_a_section_title_names_the_group_of_its_sentences(judge_item: JudgeFn) -> None:
    """Housing for self-migrated residents is not housing for the “十二五” resettled."""
    body = (
        "（一）对符合条件、唯一住房为不安全住房的低收入家庭实施危房改造或抗震宜居农房改造。"
        "（责任单位：县住建局）\n"
    )
    assert judge_item("一、自主迁徙居民住房保障\n" + body, HOUSING).status == "missing"
    assert judge_item("一、“十二五”移民住房保障\n" + body, HOUSING).status == "satisfied"


def test_study_and_solve_alone_is_not_evidence(judge_item: JudgeFn) -> None:
    plan = (
        "一、遗留问题\n（一）研究解决移民区道路标准偏低问题，紧盯工程质量。（责任单位：县交通局）\n"
    )
    assert judge_item(plan, PENSIONS).status == "missing"


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("各部门每月月底前报送重点任务进展。", "later_deadline"),
        ("各部门每月工作进展于次月3日前报送县乡村振兴局。", "later_deadline"),
        ("各部门每月20日前报送重点任务进展。", "satisfied"),
    ],
)
def test_a_monthly_date_written_apart(judge_item: JudgeFn, sentence: str, status: str) -> None:
    plan = f"一、保障措施\n（一）{sentence}（责任单位：县乡村振兴局）\n"
    assert judge_item(plan, REPORTING, "deadline:每月25日前").status == status


def test_monthly_day_after_the_months_end() -> None:
    required = extract_deadlines("每月25日前报送", 2022)[0]
    (got,) = plan_deadlines("每月情况于下月10日前上报", 2022)
    assert got.recurrence is not None and got.recurrence.day == 41
    assert "下月10日前" in got.raw
    assert required.recurrence is not None and required.recurrence.day == 25


# ---------------------------------------------------------------- paraphrase


def test_orphan_allowance_called_basic_living_costs(judge_item: JudgeFn) -> None:
    plan = (
        "一、兜底保障\n（一）机构养育孤弃儿童基本生活费提高到每人每月一千四百元，散居孤儿"
        "基本生活费提高到每人每月一千元。（责任单位：县民政局）\n"
    )
    finding = judge_item(plan, ORPHANS, "target:1500元")
    assert (finding.status, finding.found_value) == ("weaker_target", 1400)
    assert judge_item(plan, ORPHANS, "target:1000元").status == "satisfied"


def test_share_written_as_bizhong_and_online_sales(judge_item: JudgeFn) -> None:
    plan = (
        "一、产业\n（一）农产品网上零售额占农业总产值的比重达到百分之三。（责任单位：县商务局）\n"
    )
    finding = judge_item(plan, ECOMMERCE, "target:5%以上")
    assert (finding.status, finding.found_value) == ("weaker_target", 3)


def test_credit_and_outlets_in_other_words(judge_item: JudgeFn) -> None:
    plan = (
        "一、产业\n（一）引导金融机构在移民村布设服务点，为有意愿的移民群众提供产业信贷支持。"
        "（责任单位：县财政局）\n"
    )
    assert judge_item(plan, CREDIT).status == "satisfied"


def test_a_measure_word_is_not_what_the_item_is_about(judge_item: JudgeFn) -> None:
    """劳动力人数 in the requirement, 劳动力 in the plan: 人数 only says how it is counted."""
    plan = (
        "一、就业\n（一）每季度末对移民劳动力、技能培训和就业情况统计汇总后上报。"
        "（责任单位：县人社局）\n"
    )
    assert judge_item(plan, LEDGER, "deadline:每季度").status == "satisfied"


def test_the_rare_part_of_a_word_carries_it(judge_item: JudgeFn) -> None:
    """跟班进修 for 跟班培训: 跟班 is the distinctive half."""
    plan = (
        "一、医疗\n（一）选派乡镇卫生院医务人员和移民村村医四十名到县级医院跟班进修。"
        "（责任单位：县卫健局）\n"
    )
    finding = judge_item(plan, DOCTORS, "target:百名")
    assert (finding.status, finding.found_value) == ("share", 40)


def test_a_generic_compound_weighs_nothing(judge_item: JudgeFn) -> None:
    """全面推行 = 全面 + 推行: the plan's 推广 need not match it."""
    plan = "一、人居环境\n（一）推进出户入园，推广畜禽粪污资源化利用。（责任单位：县农业农村局）\n"
    assert judge_item(plan, MANURE).status == "satisfied"


def test_one_part_of_a_long_obligation_restated(judge_item: JudgeFn) -> None:
    plan = (
        "一、产业\n（一）推广单环节、多环节和全程生产托管服务，带动小农户增收。"
        "（责任单位：县农业农村局）\n"
    )
    assert judge_item(plan, CUSTODY).status == "satisfied"
    plan = "一、产业\n（一）推广全程机械化作业。（责任单位：县农业农村局）\n"
    assert judge_item(plan, CUSTODY).status == "missing"


def test_character_pairs_of_a_word_without_parts(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("中宁县2022年方案\n\n一、任务\n（一）完成三年攻坚任务的七成。\n", "utf-8")
    index = PlanIndex(read_plan(path), load_rules())
    unit = next(u for u in index.units if "攻坚" in u.text)
    slot = Slot("总任务", 1.0, (("总任务", 1.0),))
    assert 0 < index.credit(slot, unit) < 1
    assert index.credit(Slot("总产值", 1.0, (("总产值", 1.0),)), unit) == 0


# ---------------------------------------------------------------- the evaluation command


def test_evaluation_help_prints_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        evaluation_main(["--help"])
    assert exit_info.value.code == 0
    assert "usage" in capsys.readouterr().out


def test_evaluation_of_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    assert evaluation_main([str(tmp_path / "nowhere")]) == 2
    assert evaluation_main([str(tmp_path)]) == 2  # no truth files
