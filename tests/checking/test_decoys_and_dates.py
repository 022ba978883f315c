"""General rules found wanting on the second held-out batch (docs/check-quality.md, §5):
decoy sentences about a neighbouring task, reporting times after a period's end, coarser
units of coverage, responsibility notes of another task.

Every plan sentence here is written for the test; the requirements are those of the
bundled 2022 documents."""

from __future__ import annotations

from pathlib import Path

from policykb.checking.evidence import PlanIndex, field_groups
from policykb.checking.judge import _task_parts
from policykb.checking.quantities import plan_deadlines, plan_quantities
from policykb.checking.rules import load_rules
from policykb.documents.plans import read_plan

from .conftest import JudgeFn

SECTION = "一、重点任务\n"
DISTRICT = "沙坡头区2022年移民致富提升行动实施方案\n\n"

PROGRESS = "wqxwc:四/（一）#3"  # 每季度末向自治区乡村振兴局、工商联报告工作进展
REPORTING = "ymzf-2022:三/（三）#4"  # 每月25日前报送
LEDGER = "ymzf-2022:二/（二）/2#1"  # 每季度统计汇总并上报
CIVILITY = "ymzf-2022:二/（七）#2"  # 新时代文明实践中心 … 2022年实现全覆盖
SUBSIDIES = "ymzf-2022:二/（二）/3#1"  # 就业补助资金: 稳岗补贴、交通补贴 … (whole)
CREDIT = "ymzf-2022:二/（一）/1#6"  # 鼓励金融机构 …，在移民村设置服务网点，对 … 贷款支持
MIGRANT_HOUSING = "ymzf-2022:二/（八）/1#3"  # 自主迁徙居民住房 …，促进聚居区 … 改善
ENTERPRISES = "ymzf-2022:二/（一）/2#4"  # 三星级企业5家、二星级企业10家 …
COLLECTIVE = "ymzf-2022:二/（一）/3#4"  # 发展壮大村集体经济项目88个 …
BROKERS = "ymzf-2022:二/（二）/2#4"  # 每一个移民村至少1个中介机构和1名劳务经纪人
TELEMEDICINE = "ymzf-2022:二/（四）/2#4"  # 支持远程医疗建设 (whole)
DOCTORS = "ymzf-2022:二/（四）/2#5"  # 选派百名乡镇卫生院医务人员 … 到县级医疗机构跟班培训
GREENING = "ymzf-2022:二/（五）#4"  # 大规模植绿增绿，实施村旁、路旁、宅旁绿化工程 (whole)


def _plan(*lines: str) -> str:
    return SECTION + "".join(f"{line}\n" for line in lines)


# ---------------------------------------------------------------- dates


def test_a_date_counted_from_the_end_of_its_period() -> None:
    """每季度结束后10日内 is ten days after the quarter's end, not the 10th of it."""
    (quarterly,) = plan_deadlines("于每季度结束后10日内报告进展", 2022)
    assert quarterly.recurrence is not None and quarterly.recurrence.day == 41
    monthly = plan_deadlines("每月终了后3个工作日内报送", 2022)[0]
    assert monthly.recurrence is not None and monthly.recurrence.day == 31 + 5  # 3 × 1.4
    (next_quarter,) = plan_deadlines("每季度情况于下季度首月5日前报送", 2022)
    assert next_quarter.recurrence is not None and next_quarter.recurrence.day == 36


def test_reporting_after_the_quarters_end_is_later(judge_item: JudgeFn) -> None:
    sentence = "（一）县乡村振兴局、县工商联于{when}向自治区乡村振兴局、工商联报告工作进展。"
    late = judge_item(
        _plan(sentence.format(when="每季度结束后10日内")), PROGRESS, "deadline:每季度末"
    )
    assert (late.status, late.found) == ("later_deadline", "每季度结束后10日内")
    on_time = judge_item(_plan(sentence.format(when="每季度末")), PROGRESS, "deadline:每季度末")
    assert on_time.status == "satisfied"


def test_the_dated_last_step_of_a_reporting_chain_counts(judge_item: JudgeFn) -> None:
    """按月 (villages to the town) says no day; the town's 每月26日前 to the county does."""
    sentence = (
        "（一）各村委会按月向镇政府报送任务进展，镇政府汇总后于每月{day}日前报送县乡村振兴局。"
        "（责任单位：县乡村振兴局）"
    )
    late = judge_item(_plan(sentence.format(day=26)), REPORTING, "deadline:每月25日前")
    assert (late.status, late.found) == ("later_deadline", "每月26日前")
    on_time = judge_item(_plan(sentence.format(day=20)), REPORTING, "deadline:每月25日前")
    assert on_time.status == "satisfied"


def test_as_soon_as_possible_is_no_date(judge_item: JudgeFn) -> None:
    """尽快 is the sentence's own time: not "within the annual plan's year"."""
    plan = _plan(
        "（一）加快新时代文明实践中心（站、所）建设，尽快实现全覆盖。（责任单位：县委宣传部）"
    )
    assert judge_item(plan, CIVILITY, "deadline:2022年").status == "vague"
    plan = _plan(
        "（一）加快新时代文明实践中心（站、所）建设，年内实现全覆盖。（责任单位：县委宣传部）"
    )
    assert judge_item(plan, CIVILITY, "deadline:2022年").status == "satisfied"


def test_another_tasks_date_in_the_clause_is_not_this_ones(judge_item: JudgeFn) -> None:
    plan = _plan(
        "（一）建立移民劳动力就业台账，对各移民村劳动力人数、技能培训、就业情况统计汇总并上报。"
        "县人社局每年12月底前举办招聘会。（责任单位：县人社局）"
    )
    assert judge_item(plan, LEDGER, "deadline:每季度").status == "vague"


def test_a_sentence_cut_by_a_line_break_keeps_its_date(judge_item: JudgeFn) -> None:
    plan = _plan(
        "（一）建立移民劳动力就业台账，做到底数清、意愿清，每季度对",
        "各移民村劳动力人数、技能培训、就业情况统计汇总并上报。（责任单位：县人社局）",
    )
    assert judge_item(plan, LEDGER, "deadline:每季度").status == "satisfied"


# ---------------------------------------------------------------- responsibility


def test_a_weaker_neighbours_responsibility_note_is_not_this_tasks(judge_item: JudgeFn) -> None:
    plan = _plan(
        "（一）落实就业补贴。统筹使用就业补助资金，以稳岗补贴、交通补贴、创业补贴、社保补贴、"
        "经纪人补助、帮扶车间补贴等方式支持移民就业创业。",
        "（二）扶持帮扶车间。对吸纳移民就业的帮扶车间按规定给予补贴。（责任单位：县人社局）",
    )
    finding = judge_item(plan, SUBSIDIES)
    assert finding.status == "no_department"
    assert "稳岗补贴" in finding.evidence[0].quote


# ---------------------------------------------------------------- decoys


def test_a_part_that_continues_the_one_before_is_not_a_task() -> None:
    """在移民村设置服务网点 is what the 金融机构 of the part before do; the closing 促进…
    states the aim."""
    parts = _task_parts("鼓励金融机构创新产品，在移民村设置服务网点，对有需求的群众提供贷款。")
    assert len(parts) == 1
    parts = _task_parts("对困难家庭实施危房改造，或通过公租房予以保障，促进聚居区明显改善。")
    assert parts == ["对困难家庭实施危房改造，或通过公租房予以保障，"]


def test_a_decoy_with_the_words_of_a_dependent_part(judge_item: JudgeFn) -> None:
    plan = _plan("（一）引导邮政公司在移民村设置便民服务网点。（责任单位：县商务局）")
    assert judge_item(plan, CREDIT).status == "missing"


def test_the_aim_of_an_obligation_is_not_its_task(judge_item: JudgeFn) -> None:
    plan = _plan(
        "（一）完善自主迁徙居民聚居区道路、供水、通信等基础设施和卫生室、学校等公共服务设施。"
        "（责任单位：县住建局）"
    )
    assert judge_item(plan, MIGRANT_HOUSING).status == "missing"


def test_another_field_of_work_is_not_evidence(judge_item: JudgeFn) -> None:
    """远程互动课堂 shares 远程 and 优质…资源 with 远程医疗, but it is about 教育."""
    plan = _plan(
        "（一）推进智慧教育，建设远程互动课堂，让移民村学生共享优质教育资源。（责任单位：县教育局）"
    )
    assert judge_item(plan, TELEMEDICINE).status == "missing"
    plan = _plan("（一）建设远程诊疗平台，推动优质医疗资源下沉移民村。（责任单位：县卫健局）")
    assert judge_item(plan, TELEMEDICINE).status == "satisfied"


def test_fields_are_read_from_what_a_sentence_is_about() -> None:
    rules = load_rules()
    education, health = field_groups("建设远程课堂", rules), field_groups("远程诊疗", rules)
    assert education and health and not education & health
    # a bureau's name or a list of services names a field in passing
    assert not field_groups("由县教育体育局负责，各乡镇配合", rules)
    assert not field_groups("推动就业、教育、社保等事项进驻移民村办理", rules)


def test_another_noun_where_the_metrics_head_would_stand(judge_item: JudgeFn) -> None:
    """二星级以上农家客栈12家 counts 农家客栈, not 二星级企业 — even under a title about 企业."""
    plan = "一、重点任务\n（一）壮大加工企业。认定二星级以上农家客栈12家。（责任单位：县文旅局）\n"
    assert judge_item(plan, ENTERPRISES, "target:10家").status == "missing"
    # the head left out in an enumeration still counts
    plan = _plan("（一）开展企业评星，认定三星级企业6家、二星级12家。（责任单位：县工信局）")
    finding = judge_item(plan, ENTERPRISES, "target:10家")
    assert (finding.status, finding.found_value) == ("share", 12)


def test_a_number_in_a_quoted_name_is_no_figure(judge_item: JudgeFn) -> None:
    assert plan_quantities("推行“三个带动一批”模式，建成示范点2个", load_rules())[0].raw == "2个"
    plan = _plan(
        "（一）壮大村集体经济，推行村集体经济合作社“四个带动一批”项目。（责任单位：县农业农村局）"
    )
    assert judge_item(plan, COLLECTIVE, "target:88个").status == "vague"


# ---------------------------------------------------------------- units of coverage


def test_a_classifier_before_a_word_is_not_a_count_of_people() -> None:
    """1个人力资源服务机构 is one (个) body, not one person (个人)."""
    rules = load_rules()
    (one,) = plan_quantities("每个镇至少建成1个人力资源服务中介机构", rules)
    assert (one.raw, one.unit) == ("1个", "个")
    (people,) = plan_quantities("资助10个人，每人发放慰问金", rules)
    assert people.unit == "个人"


def test_one_per_town_is_weaker_than_one_per_village(judge_item: JudgeFn) -> None:
    plan = _plan(
        "（一）培育劳务中介，每个镇至少建成1个人力资源服务中介机构，每个移民村配备1名劳务"
        "经纪人。（责任单位：县人社局）"
    )
    agency = judge_item(plan, BROKERS, "target:1个")
    assert agency.status == "weaker_target"
    assert agency.found is not None and "每个镇" in agency.found
    assert judge_item(plan, BROKERS, "target:1名").status == "satisfied"


def test_a_coarser_basis_without_a_figure(judge_item: JudgeFn) -> None:
    plan = _plan(
        "（一）每个乡镇设立人力资源服务中介机构，每个移民村培育劳务经纪人。（责任单位：县人社局）"
    )
    finding = judge_item(plan, BROKERS, "target:1个")
    assert (finding.status, finding.found) == ("weaker_target", "每个乡镇")


# ---------------------------------------------------------------- paraphrase and layout


def test_enterprises_entering_the_park_written_short(judge_item: JudgeFn) -> None:
    """企业入园 is 企业入驻园区 — a synonym jieba cuts into single characters (入, 园),
    which used to stop the checker."""
    plan = _plan(
        "（一）建成农产品加工园区一个，引导绿色食品加工企业入园发展。（责任单位：县工信局）"
    )
    assert judge_item(plan, ENTERPRISES, "target:200家以上").status == "vague"


def test_a_district_says_district_level(judge_item: JudgeFn) -> None:
    """A 区 is county-level: its plan's 区级医院 is the requirement's 县级医疗机构."""
    plan = _plan("（一）分期选派镇卫生院医务人员和村医到区级医院跟班进修。（责任单位：区卫健局）")
    assert judge_item(plan, DOCTORS, "target:百名", head=DISTRICT).status == "vague"


def test_a_run_in_heading_that_is_a_task(judge_item: JudgeFn, tmp_path: Path) -> None:
    """（一）开展…，实施…。推行…: the first sentence is the clause's title and a task."""
    body = _plan(
        "（一）开展村庄增绿行动，实施村旁、路旁、宅旁植树绿化。推行门前“三包”，引导群众养成"
        "卫生习惯。"
    )
    finding = judge_item(body, GREENING)
    assert finding.status == "no_department"
    assert finding.evidence[0].quote.startswith("开展村庄增绿行动")
    path = tmp_path / "plan.txt"
    path.write_text("中宁县2022年方案\n\n" + body, "utf-8")
    units = PlanIndex(read_plan(path), load_rules()).units
    assert any(u.text.startswith("开展村庄增绿行动") for u in units)
