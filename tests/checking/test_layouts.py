"""Two common layouts of county plans (docs/check-quality.md, §9):

* a plan organised **by department** — the top-level headings are the responsible units
  (一、县人力资源和社会保障局 … 五、各乡镇), their tasks below, and a section of 其他事项 names
  nobody (checking/responsibility.py: ``heading_units``);
* a **对标落实清单** — the higher level's requirement quoted word for word next to the
  county's measure, in a table (| 上级要求 | 本县落实措施 | 牵头单位 | 完成时限 |) or as bullet
  pairs (市级要求：… → 我县措施：…): only the county's columns and parts are evidence; an
  empty county cell is missing, a deferral (按上级要求执行) vague (checking/evidence.py:
  ``plan_units``, the ``quotations`` of check_rules.yaml).

Every plan here is written for the test (a Word file made with python-docx, Markdown); the
requirements are those of the bundled 2022 documents."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document as DocxDocument

from policykb.checking.evidence import PlanIndex, plan_units
from policykb.checking.judge import Judge
from policykb.checking.responsibility import (
    ResponsibilityScope,
    bare_units,
    clause_sentences,
    heading_units,
)
from policykb.checking.rules import load_rules, parse_rules
from policykb.corpus import Corpus
from policykb.documents.plans import read_plan
from policykb.extraction.departments import extract_departments
from policykb.models import Document, Finding
from policykb.registry import load_registry

from .conftest import JudgeFn
from .test_responsibility import _judge

LABOUR = "ymzf-2022:二/（二）/1#2"  # 外出务工4.2万人以上 (aggregate)
TRAINING = "ymzf-2022:二/（二）/2#3"  # 移民技能培训3000人次以上 (aggregate)
TOILETS = "ymzf-2022:二/（五）#1"  # 改厕普及率54%以上，垃圾处理村庄比例92%以上 …
DISABLED = "ymzf-2022:二/（四）/5#1"  # 为移民就业年龄段残疾人购买意外伤害保险 (whole)
TEACHERS = "ymzf-2022:二/（四）/1#2"  # 选派80名城区教师到移民村学校交流任教
ALLOWANCE = "ymzf-2022:二/（四）/4#1"  # 将符合条件的低收入群体纳入低保 (whole)
LEDGER = "ymzf-2022:二/（二）/2#1"  # 每季度统计汇总并上报
CIVILITY = "ymzf-2022:二/（七）#2"  # 新时代文明实践中心 … 2022年实现全覆盖
REPORTING = "ymzf-2022:三/（三）#4"  # 每月25日前报送重点任务清单
POSTS = "ymzf-2022:二/（二）/1#5"  # 各类乡村公益性岗位500人以上 (aggregate)
CIVILITY_POINTS = "ymzf-2022:二/（六）/2#6"  # 积分制、清单制 …，激发群众内生动力 (whole)


def _names(region: str = "海原县") -> Callable[[str], list[str]]:
    """The judge's way of reading units (the department extractor, generic names left out)."""
    registry = load_registry()
    generic = set(load_rules().generic_departments)

    def names(text: str) -> list[str]:
        found = extract_departments(text, region, registry)
        return [
            n
            for n in dict.fromkeys([*found.lead, *found.responsible, *found.cooperate])
            if n not in generic
        ]

    return names


# ---------------------------------------------------------------- pure functions


@pytest.mark.parametrize(
    "heading",
    [
        "县人力资源和社会保障局",
        "县民政局：",
        "县卫生健康局负责的工作",
        "县教育体育局、县卫生健康局",
        "各乡镇",
        "各镇",
        "产业培育（县农业农村局）",
    ],
)
def test_a_heading_that_names_units_only(heading: str) -> None:
    collective = load_rules().collective_units
    assert heading_units(heading, _names(), collective), heading


@pytest.mark.parametrize(
    "heading", ["其他工作", "其他事项", "产业培育", "加强组织领导", "保障措施", "稳岗就业"]
)
def test_a_topic_heading_names_nobody(heading: str) -> None:
    collective = load_rules().collective_units
    assert heading_units(heading, _names(), collective) == (), heading


def test_a_closing_parenthetical_of_units_only() -> None:
    names = _names()
    assert bare_units("对困难家庭上门走访。（县民政局）", names) == ("海原县民政局",)
    assert bare_units("（县发展改革局、县住建局）", names) != ()
    assert bare_units("对困难家庭上门走访。（责任单位：待定）", names) == ()
    assert bare_units("完成改造任务（2022年底前）。", names) == ()


def test_quotation_headers_are_data() -> None:
    quotations = load_rules().quotations
    for header in ("市级要求", "上级要求", "自治区要求", "省级要求", "文件要求", "目标任务（市）"):
        assert quotations.is_quote_header(header), header
    for header in ("我县落实措施", "本县措施", "工作任务", "目标要求", "责任单位", "完成时限"):
        assert not quotations.is_quote_header(header), header
    # a bureau adds a level in check_rules.yaml, not in code
    assert not quotations.is_quote_header("州级要求")
    edited = parse_rules(
        "units: {families: {persons: {人: 1}}}\n"
        "quotations: {levels: [州级], subjects: [要求], own: [本县]}"
    )
    assert edited.quotations.is_quote_header("州级要求")
    assert not edited.quotations.is_quote_header("本县对州级要求的落实")


# ---------------------------------------------------------------- by department

DEPARTMENT_PLAN: list[tuple[str, str]] = [
    ("Title", "海原县2022年移民增收重点工作安排"),
    ("Normal", "现将全年任务按承办部门分列如下，各部门对所列任务负总责。"),
    ("Heading 1", "一、县人力资源和社会保障局"),
    ("Heading 2", "（一）外出务工"),
    ("Normal", "1.依托闽宁劳务协作站，全年组织移民劳动力外出务工一万六千人。"),
    ("Heading 2", "（二）技能提升"),
    ("Normal", "1.围绕电焊、家政、月嫂等工种开展移民技能培训二千八百人次。"),
    ("Heading 1", "二、县教育体育局："),
    ("Normal", "1.选派城区骨干教师四十二名到移民村学校交流任教，每人服务一学年。"),
    ("Heading 1", "三、县住房和城乡建设局负责的工作"),
    ("Normal", "1.移民地区卫生厕所普及率提高到百分之五十六，垃圾处理村庄比例达到93%。"),
    ("Heading 1", "四、其他事项"),
    ("Normal", "以下事项列入年度安排，承办部门另行通知。"),
    ("Normal", "1.为就业年龄段残疾移民统一购买意外伤害保险，落实两项补贴提标政策。"),
    ("Heading 1", "五、各乡镇"),
    ("Normal", "1.对辖区移民村低收入家庭逐户摸排，符合条件的全部纳入低保。"),
]


@pytest.fixture
def department_docx(tmp_path: Path) -> Document:
    docx = DocxDocument()
    for style, text in DEPARTMENT_PLAN:
        docx.add_paragraph(text, style=style)
    path = tmp_path / "haiyuan-departments.docx"
    docx.save(str(path))
    return read_plan(path)


def _scope(document: Document) -> ResponsibilityScope:
    rules = load_rules()
    return Judge(document, PlanIndex(document, rules), rules).responsibility


def _departments_for(document: Document, needle: str) -> tuple[str, ...] | None:
    scope = _scope(document)
    for clause in document.clauses:
        for index, sentence in enumerate(clause_sentences(clause)):
            if needle in sentence:
                cover = scope.cover(clause.id, index, sentence)
                return cover.departments if cover else None
    raise AssertionError(f"{needle} not in the plan")


def test_a_department_heading_covers_its_whole_section(department_docx: Document) -> None:
    # two levels below the heading (一、 → （一） → 1.)
    for needle in ("一万六千人", "二千八百人次"):
        found = _departments_for(department_docx, needle)
        assert found and any("人力资源和社会保障局" in d for d in found), needle
    # 县教育体育局： / …负责的工作 / 各乡镇
    assert any("教育体育局" in d for d in _departments_for(department_docx, "四十二名") or ())
    assert any("住房和城乡建设局" in d for d in _departments_for(department_docx, "五十六") or ())
    assert _departments_for(department_docx, "逐户摸排") == ("各乡镇",)


def test_a_section_of_other_work_names_nobody(department_docx: Document) -> None:
    assert _departments_for(department_docx, "意外伤害保险") is None


def test_department_headings_decide_no_department(
    department_docx: Document, corpus: Corpus
) -> None:
    labour = _judge(department_docx, corpus, LABOUR, "target:4.2万人以上")
    assert (labour.status, labour.found_value) == ("share", 16000)
    assert _judge(department_docx, corpus, TRAINING, "target:3000人次以上").status == "share"
    assert _judge(department_docx, corpus, TEACHERS, "target:80名").status == "share"
    assert _judge(department_docx, corpus, TOILETS, "target:54%以上").status == "satisfied"
    assert _judge(department_docx, corpus, ALLOWANCE, "whole").status == "satisfied"
    assert _judge(department_docx, corpus, DISABLED, "whole").status == "no_department"


# ---------------------------------------------------------------- 对标 table

COMPARISON_TABLE = """## 一、就业和民生

| 上级要求 | 本县落实措施 | 牵头单位 | 完成时限 |
|---|---|---|---|
| 实现移民劳动力外出务工4.2万人以上 | 依托劳务协作站组织移民劳动力外出务工一万九千人 | 县人社局 | 2022年11月 |
| 开展移民技能培训3000人次以上 | 按上级要求执行 | 县人社局 |  |
| 选派80名城区教师到移民村学校交流任教 |  |  |  |
| 改厕普及率达到54%以上，垃圾处理村庄比例92%以上 | 移民地区卫生厕所普及率提高到百分之五十，垃圾处理村庄比例达到92%以上 | 县住建局 | 2022年12月 |
| 将符合条件的低收入群体纳入低保 | 对移民村低收入家庭逐户核查，符合条件的全部纳入低保 | 县民政局 | 2022年6月 |
"""
HAIYUAN = "海原县2022年移民致富提升行动对标落实表\n\n"


def _judge_md(judge_item: JudgeFn, body: str, obligation: str, key: str = "whole") -> Finding:
    return judge_item(body, obligation, key, head=HAIYUAN, suffix=".md")


def test_the_quoted_column_is_never_evidence(tmp_path: Path) -> None:
    path = tmp_path / "haiyuan-comparison.md"
    path.write_text(HAIYUAN + COMPARISON_TABLE, encoding="utf-8")
    units = [u for u in plan_units(read_plan(path)) if u.kind == "row"]
    # the row with an empty county cell is no unit at all
    assert len(units) == 4
    first = units[0]
    assert "4.2万" not in first.text and "一万九千人" in first.text
    assert first.quote == "实现移民劳动力外出务工4.2万人以上"
    assert all("上级要求" not in cell for cell in first.task_cells)


def test_a_table_without_a_county_column_keeps_its_tasks(tmp_path: Path) -> None:
    """| 市级要求 | 责任单位 | 完成时限 |: the requirements are assigned, not answered — they
    are the plan's tasks.  A numbered merged row of a 对标 table stays a group title."""
    path = tmp_path / "haiyuan-assigned.md"
    path.write_text(
        HAIYUAN + "## 一、分工\n\n| 市级要求 | 责任单位 | 完成时限 |\n|---|---|---|\n"
        "| 开展移民技能培训3000人次以上 | 县人社局 | 2022年12月 |\n\n"
        "## 二、对标\n\n| 市级要求 | 我县措施 | 责任单位 |\n|---|---|---|\n"
        "| （一）稳定就业 |  |  |\n| 外出务工4.2万人以上 | 外出务工1.2万人 | 县人社局 |\n",
        encoding="utf-8",
    )
    assigned, answered = [u for u in plan_units(read_plan(path)) if u.kind == "row"]
    assert "3000人次" in assigned.text and not assigned.quote
    assert answered.group == "（一）稳定就业" and "4.2万" not in answered.text


def test_the_countys_column_is_judged(judge_item: JudgeFn) -> None:
    labour = _judge_md(judge_item, COMPARISON_TABLE, LABOUR, "target:4.2万人以上")
    assert (labour.status, labour.found_value) == ("share", 19000)
    # the quoted 54% is the city's: the county commits to 50%
    toilets = _judge_md(judge_item, COMPARISON_TABLE, TOILETS, "target:54%以上")
    assert (toilets.status, toilets.found_value) == ("weaker_target", 50)
    rubbish = _judge_md(judge_item, COMPARISON_TABLE, TOILETS, "target:92%以上")
    assert rubbish.status == "satisfied"
    assert _judge_md(judge_item, COMPARISON_TABLE, ALLOWANCE).status == "satisfied"


def test_an_empty_county_cell_is_missing_and_a_deferral_vague(judge_item: JudgeFn) -> None:
    teachers = _judge_md(judge_item, COMPARISON_TABLE, TEACHERS, "target:80名")
    assert teachers.status == "missing"
    training = _judge_md(judge_item, COMPARISON_TABLE, TRAINING, "target:3000人次以上")
    assert training.status == "vague"
    assert training.evidence and "按上级要求执行" in training.evidence[0].quote
    assert "3000" not in training.evidence[0].quote


def test_another_higher_level_header(judge_item: JudgeFn) -> None:
    table = (
        "## 一、就业\n\n| 目标任务（市） | 我县举措 | 责任单位 |\n|---|---|---|\n"
        "| 外出务工4.2万人以上 | 组织移民劳动力外出务工1.1万人 | 县人社局 |\n"
    )
    labour = _judge_md(judge_item, table, LABOUR, "target:4.2万人以上")
    assert (labour.status, labour.found_value) == ("share", 11000)


# ---------------------------------------------------------------- bullet pairs

BULLET_PAIRS = """## 一、民生保障

- 市级要求：为移民就业年龄段残疾人购买意外伤害保险 → 我县措施：高度重视，认真落实。（县残联）
- 市级要求：每季度统计汇总上报移民村劳动力、培训、就业情况 → 我县措施：建立移民务工台账，每半年汇总一次报市人社局。（县人社局）
- 市级要求：新时代文明实践中心2022年实现全覆盖 → 我县措施：——
- 上级要求：实现移民劳动力外出务工4.2万人以上 → 本县措施：全年组织移民劳动力外出务工一万七千人。（责任单位：待定）
- 上级要求：选派80名城区教师到移民村学校交流任教 → 本县措施：选派县城教师五十名到移民村学校支教。（县教育体育局）
"""


def test_the_part_before_the_arrow_is_a_quotation(tmp_path: Path) -> None:
    path = tmp_path / "haiyuan-pairs.md"
    path.write_text(HAIYUAN + BULLET_PAIRS, encoding="utf-8")
    units = plan_units(read_plan(path))
    texts = [u.text for u in units]
    assert not any("市级要求" in t or "上级要求" in t or "4.2万" in t for t in texts)
    assert not any("实践中心" in t for t in texts)  # —— answers nothing: no unit
    labour = next(u for u in units if "一万七千人" in u.text)
    assert labour.quote == "实现移民劳动力外出务工4.2万人以上"


def test_bullet_pairs_are_judged_on_the_countys_part(judge_item: JudgeFn) -> None:
    assert _judge_md(judge_item, BULLET_PAIRS, DISABLED).status == "vague"
    ledger = _judge_md(judge_item, BULLET_PAIRS, LEDGER, "deadline:每季度")
    assert ledger.status == "later_deadline"
    assert _judge_md(judge_item, BULLET_PAIRS, CIVILITY, "target:全覆盖").status == "missing"
    teachers = _judge_md(judge_item, BULLET_PAIRS, TEACHERS, "target:80名")
    assert (teachers.status, teachers.found_value) == ("share", 50)  # （县教育体育局）
    labour = _judge_md(judge_item, BULLET_PAIRS, LABOUR, "target:4.2万人以上")
    assert (labour.status, labour.found_value) == ("no_department", 17000)  # 待定


LABELLED_LINES = """## 一、教育

市级要求：选派80名城区教师到移民村学校交流任教。
我县措施：选派县城教师三十六名到移民村学校支教一年。（县教育体育局）

## 二、就业

市级要求：开展移民技能培训3000人次以上。
我县措施：持续推进。（县人社局）
"""


def test_a_requirement_and_a_measure_on_lines_of_their_own(judge_item: JudgeFn) -> None:
    """市级要求：… then 我县措施：… without an arrow: the same pair."""
    teachers = _judge_md(judge_item, LABELLED_LINES, TEACHERS, "target:80名")
    assert (teachers.status, teachers.found_value) == ("share", 36)
    assert "80名" not in teachers.evidence[0].quote
    training = _judge_md(judge_item, LABELLED_LINES, TRAINING, "target:3000人次以上")
    assert training.status == "vague"


# ---------------------------------------------------------------- found on the way

SECTION = "一、重点任务\n"


def test_the_required_date_does_not_find_a_decoy(judge_item: JudgeFn) -> None:
    """The towns' 每月20日前 to the county shares 日前 and 每月 with 每月25日前, not the task:
    the county's own 每月底前 report of its task list is the evidence."""
    plan = SECTION + (
        "1.县乡村振兴局于每月底前向市乡村振兴局报送重点任务清单完成情况。\n"
        "2.各乡镇每月20日前向县乡村振兴局报告本乡镇工作开展情况。\n"
    )
    finding = judge_item(plan, REPORTING, "deadline:每月25日前")
    assert finding.status == "later_deadline"
    assert "重点任务清单" in finding.evidence[0].quote


def test_an_indicator_row_needs_no_further_context(judge_item: JudgeFn) -> None:
    """| 乡村公益性岗位安置 | 260人 |: the row says nothing but the requirement's words."""
    plan = (
        "## 一、县人力资源和社会保障局\n\n| 指标 | 全年目标 |\n|---|---|\n"
        "| 移民技能培训 | 2600人次 |\n| 乡村公益性岗位安置 | 260人 |\n"
    )
    posts = judge_item(plan, POSTS, "target:500人以上", head=HAIYUAN, suffix=".md")
    assert (posts.status, posts.found_value) == ("share", 260)


def test_a_closing_aim_alone_is_not_the_task(judge_item: JudgeFn) -> None:
    """激发群众内生动力 closes the requirement as its aim: a plan sentence sharing only the aim
    does not take up 积分制、清单制 …"""
    plan = SECTION + "（一）组织文明家庭评选和道德讲堂，激发群众内生动力。\n"
    assert judge_item(plan, CIVILITY_POINTS).status == "missing"
