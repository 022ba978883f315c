"""The responsibility scope (checking/responsibility.py): which departments cover each part
of a plan — its own sentence, its clause, a 此项工作 note after it, a section's summary, a
职责分工 section that refers to tasks by number, an ancestor.

Every plan here is written for the test (a Word file made with python-docx, a text file);
the requirements of the end-to-end checks are those of the bundled 2022 documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as DocxDocument

from policykb.checking.checker import _corpus_statistics
from policykb.checking.evidence import PlanIndex
from policykb.checking.judge import Judge
from policykb.checking.requirements import requirement_items
from policykb.checking.responsibility import (
    Cover,
    Reference,
    ResponsibilityScope,
    clause_sentences,
    note_kind,
    parse_division,
    parse_reference,
    responsibility_scope,
    summary_count,
)
from policykb.checking.rules import load_rules
from policykb.corpus import Corpus
from policykb.documents.plans import read_plan
from policykb.models import Clause, Document, Finding

LABOUR = "ymzf-2022:二/（二）/1#2"  # 外出务工4.2万人以上 (aggregate)
TRAINING = "ymzf-2022:二/（二）/2#3"  # 移民技能培训3000人次以上 (aggregate)
TOILETS = "ymzf-2022:二/（五）#1"  # 改厕普及率54%以上 …
DISABLED = "ymzf-2022:二/（四）/5#1"  # 为移民就业年龄段残疾人购买意外伤害保险 (whole)
TEACHERS = "ymzf-2022:二/（四）/1#2"  # 选派80名城区教师到移民村学校交流任教


# ---------------------------------------------------------------- pure functions


def test_which_sentences_are_scoped_notes() -> None:
    assert note_kind("此项工作由县民政局负责。") == "task"
    assert note_kind("以上工作由县农业农村局牵头，各乡镇具体落实。") == "summary"
    assert note_kind("上述任务由县人社局负责。") == "summary"
    assert note_kind("本部分工作由县住建局牵头。") == "section"
    assert note_kind("本节任务由区人社局牵头，各镇负责落实。") == "section"
    assert note_kind("县人社局负责开展技能培训。") is None
    assert summary_count("以上两项由县工信局负责。") == 2
    assert summary_count("上述3项工作由县财政局负责。") == 3
    assert summary_count("以上工作由县财政局负责。") is None


def test_task_references() -> None:
    assert parse_reference("（二）1—5项：") == (Reference(None, (2,), (1, 2, 3, 4, 5)), 7)
    assert parse_reference("第（三）部分：")[0] == Reference(None, (3,), None)  # type: ignore[index]
    assert parse_reference("第一部分第1至4项由")[0] == Reference(1, None, (1, 2, 3, 4))  # type: ignore[index]
    assert parse_reference("二（三）由")[0] == Reference(2, (3,), None)  # type: ignore[index]
    assert parse_reference("1、3、5项：")[0] == Reference(None, None, (1, 3, 5))  # type: ignore[index]
    assert parse_reference("第2~4项：")[0] == Reference(None, None, (2, 3, 4))  # type: ignore[index]
    assert parse_reference("（一）至（三）部分")[0] == Reference(None, (1, 2, 3), None)  # type: ignore[index]
    assert parse_reference("县人社局牵头") is None
    assert parse_reference("2022年底前完成") is None


def test_a_division_note_carries_its_section_and_its_continuations() -> None:
    text = (
        "职责分工：（一）1-2项：县农业农村局牵头；第3项：县科技局负责；"
        "（二）1、2、4项由县人社局牵头，县财政局配合；县乡村振兴局参与。"
        "各牵头单位要细化措施。"
    )
    assignments = parse_division(text)
    assert [a.reference for a in assignments] == [
        Reference(None, (1,), (1, 2)),
        Reference(None, (1,), (3,)),  # 第3项 of the （一） before it
        Reference(None, (2,), (1, 2, 4)),
    ]
    # a piece without a reference continues the assignment before it
    assert "县乡村振兴局参与" in assignments[-1].value
    assert assignments[0].value == "县农业农村局牵头"


# ---------------------------------------------------------------- plans


def _scope(document: Document) -> ResponsibilityScope:
    rules = load_rules()
    return Judge(document, PlanIndex(document, rules), rules).responsibility


def _where(document: Document, needle: str) -> tuple[Clause, int]:
    for clause in document.clauses:
        for index, sentence in enumerate(clause_sentences(clause)):
            if needle in sentence:
                return clause, index
    raise AssertionError(f"{needle} not in the plan")


def _cover(document: Document, scope: ResponsibilityScope, needle: str) -> Cover | None:
    clause, index = _where(document, needle)
    return scope.cover(clause.id, index, clause_sentences(clause)[index])


def _judge(document: Document, corpus: Corpus, obligation_id: str, key: str) -> Finding:
    rules = load_rules()
    obligation = next(o for o in corpus.obligations if o.id == obligation_id)
    item = next(i for i in requirement_items([obligation]) if i.key == key)
    index = PlanIndex(
        document,
        rules,
        background=[o.text for o in corpus.obligations if o.doc_id == obligation.doc_id],
        background_df=_corpus_statistics(corpus, rules),
    )
    return Judge(document, index, rules).judge(item)


SUMMARY_PLAN = [
    "中宁县2022年移民增收工作计划",
    "一、壮大庭院经济",
    "（一）扶持庭院种养",
    "每个移民村扶持庭院种养示范户二十户，带动农户发展小菜园、小果园。",
    "（二）推广订单收购",
    "组织农产品经纪人与枸杞加工企业签订收购订单，稳定销售渠道。",
    "以上工作由县农业农村局牵头，县商务局配合，各乡镇具体落实。",
    "二、稳住务工收入",
    "（一）有序外出务工",
    "1.全年组织移民劳动力外出务工一万八千人。",
    "2.开展移民技能培训三千五百人次，重点培训电焊、家政和月嫂。",
    "（二）托底安置就业",
    "开发村级保洁、护路等公益岗位，安置就业困难移民。",
    "本部分工作由县人社局负责，县财政局配合。",
    "三、整治人居环境",
    "本节任务由县住建局牵头，县农业农村局配合，各乡镇负责落实。",
    "（一）卫生改厕",
    "移民地区卫生厕所普及率提高到百分之五十六。",
    "（二）垃圾收运",
    "每个移民村配备保洁员和垃圾收集点。",
    "四、关爱特殊群体",
    "（一）残疾移民保障",
    "为就业年龄段残疾移民购买意外伤害保险，落实两项补贴提标。",
    "（二）留守儿童关爱",
    "建立留守儿童花名册，假期组织志愿者陪伴。",
    "五、办好民生实事",
    "（一）城区教师交流",
    "选派八十名城区教师到移民村学校交流任教。",
    "此项工作由县教育体育局负责。",
    "（二）村级活动场所",
    "改造提升移民村综合文化服务中心。",
]


@pytest.fixture
def summary_docx(tmp_path: Path) -> Document:
    """A Word plan whose sections name their units in a closing summary (一、二), at their
    opening (三), after one task only (五), or not at all (四)."""
    docx = DocxDocument()
    for line in SUMMARY_PLAN:
        docx.add_paragraph(line)
    path = tmp_path / "zhongning-summary.docx"
    docx.save(str(path))
    return read_plan(path)


def test_a_closing_summary_covers_its_whole_section(summary_docx: Document) -> None:
    scope = _scope(summary_docx)
    # 以上工作… lands in the text of the last item, （二）: it still covers （一）
    for needle in ("小菜园", "签订收购订单"):
        cover = _cover(summary_docx, scope, needle)
        assert cover is not None and cover.source == "summary", needle
        assert any("农业农村局" in d for d in cover.departments)
    # 本部分工作… after the last item of 二: every item of 二, down to 1. and 2.
    for needle in ("一万八千人", "三千五百人次", "公益岗位"):
        cover = _cover(summary_docx, scope, needle)
        assert cover is not None and any("人社局" in d for d in cover.departments), needle


def test_a_section_opening_covers_its_items(summary_docx: Document) -> None:
    scope = _scope(summary_docx)
    for needle in ("百分之五十六", "垃圾收集点"):
        cover = _cover(summary_docx, scope, needle)
        assert cover is not None and any("住建局" in d for d in cover.departments), needle


def test_a_section_without_a_note_stays_uncovered(summary_docx: Document) -> None:
    """四 has no note, and the summary of 一 or the opening of 三 says nothing about it."""
    scope = _scope(summary_docx)
    assert _cover(summary_docx, scope, "意外伤害保险") is None
    assert _cover(summary_docx, scope, "留守儿童花名册") is None


def test_a_task_note_covers_only_the_task_before_it(summary_docx: Document) -> None:
    scope = _scope(summary_docx)
    cover = _cover(summary_docx, scope, "八十名城区教师")
    assert cover is not None and cover.source == "task_note"
    assert _cover(summary_docx, scope, "综合文化服务中心") is None


def test_summaries_decide_no_department(summary_docx: Document, corpus: Corpus) -> None:
    assert _judge(summary_docx, corpus, LABOUR, "target:4.2万人以上").status == "share"
    assert _judge(summary_docx, corpus, TOILETS, "target:54%以上").status == "satisfied"
    assert _judge(summary_docx, corpus, TEACHERS, "target:80名").status == "share"
    assert _judge(summary_docx, corpus, DISABLED, "whole").status == "no_department"


DIVISION_PLAN = """海原县2022年移民增收行动实施方案

一、总体要求
坚持产业就业两手抓，推动移民群众稳定增收。

二、重点任务
（一）发展特色产业
1.壮大肉牛产业。新建标准化肉牛养殖棚圈三百座。
2.发展冷凉蔬菜。在移民村推广冷凉蔬菜种植一万亩。
3.培育经营主体。每个移民村培育家庭农场或合作社1个以上。
（二）促进移民就业
1.劳务输出。全年输出移民劳动力二万二千人。
2.技能培训。全年开展移民技能培训三千二百人次。
3.公益岗位。开发乡村公益性岗位五百二十个，优先安置就业困难移民。
4.创业扶持。为返乡创业移民提供创业培训和场地支持。
（三）改善人居环境
1.推进厕所革命。移民地区卫生改厕普及率达到百分之五十五。
2.治理生活垃圾。健全村收集、镇转运、县处理体系。
（四）兜牢民生底线
1.教育帮扶。选派八十五名城区教师到移民村学校交流任教。
2.残疾人关爱。为就业年龄段残疾移民购买意外伤害保险。

三、职责分工
（一）1-3项由县农业农村局牵头，县科技局配合；（二）1、2、4项：县人社局牵头，县财政局配合；第3项：县乡村振兴局；第（三）部分：县住建局负责，县卫健局配合；（四）第1项：县教体局。各牵头单位要细化措施。

四、保障措施
（一）加强组织领导。成立工作专班，定期研究解决重大问题。
（二）强化资金保障。统筹整合各类资金向移民村倾斜。
"""


@pytest.fixture
def division_txt(tmp_path: Path) -> Document:
    """A text plan whose units are named only in a closing 职责分工 section, by task number
    (ranges, lists, a whole part), with （四）2 left out."""
    path = tmp_path / "haiyuan-division.txt"
    path.write_text(DIVISION_PLAN, encoding="utf-8")
    return read_plan(path)


def test_a_division_section_covers_exactly_the_tasks_it_refers_to(division_txt: Document) -> None:
    scope = _scope(division_txt)
    expected = {
        "养殖棚圈": "农业农村局",  # （一）1-3项
        "冷凉蔬菜种植": "农业农村局",
        "家庭农场": "农业农村局",
        "二万二千人": "人社局",  # （二）1、2、4项
        "三千二百人次": "人社局",
        "创业培训": "人社局",
        "五百二十个": "乡村振兴局",  # 第3项 of （二）
        "百分之五十五": "住建局",  # 第（三）部分
        "村收集": "住建局",
        "八十五名城区教师": "教体局",  # （四）第1项
    }
    for needle, department in expected.items():
        cover = _cover(division_txt, scope, needle)
        assert cover is not None and cover.source == "division", needle
        assert any(department in d for d in cover.departments), (needle, cover.departments)
    # （四）2 is referred to by nobody; 四、保障措施 （一） is not 二（一）
    assert _cover(division_txt, scope, "意外伤害保险") is None
    assert _cover(division_txt, scope, "工作专班") is None


def test_division_references_decide_no_department(division_txt: Document, corpus: Corpus) -> None:
    assert _judge(division_txt, corpus, LABOUR, "target:4.2万人以上").status == "share"
    assert _judge(division_txt, corpus, TRAINING, "target:3000人次以上").status == "share"
    assert _judge(division_txt, corpus, TEACHERS, "target:80名").status == "share"
    assert _judge(division_txt, corpus, DISABLED, "whole").status == "no_department"


def test_qualified_references_and_a_division_paragraph(tmp_path: Path) -> None:
    """第一部分第1至2项 / 二（一） written in a 职责分工： paragraph of another section."""
    plan = (
        "中宁县2022年移民增收工作方案\n"
        "一、产业增收\n"
        "（一）发展枸杞种植。新植枸杞两千亩。\n"
        "（二）发展滩羊养殖。新增滩羊存栏一万只。\n"
        "（三）发展光伏产业。建设村级光伏电站三座。\n"
        "二、就业增收\n"
        "（一）组织劳务输出。全年输出劳动力一万人。\n"
        "（二）开发公益岗位。安置移民三百人。\n"
        "三、组织保障\n"
        "（一）加强领导。职责分工：第一部分第1至2项由县农业农村局负责；"
        "二（一）由县人社局负责。\n"
    )
    path = tmp_path / "plan.txt"
    path.write_text(plan, encoding="utf-8")
    document = read_plan(path)
    scope = _scope(document)
    for needle, department in (("两千亩", "农业农村局"), ("一万只", "农业农村局")):
        cover = _cover(document, scope, needle)
        assert cover is not None and any(department in d for d in cover.departments), needle
    cover = _cover(document, scope, "一万人")
    assert cover is not None and any("人社局" in d for d in cover.departments)
    assert _cover(document, scope, "光伏电站") is None  # 第3项 not referred to
    assert _cover(document, scope, "三百人") is None  # 二（二） not referred to
    # the 分工 paragraph names no unit for its own clause's other sentences
    clause, _ = _where(document, "加强领导")
    assert scope.clause_cover(scope._order[clause.id]) is None


def test_summaries_of_sibling_items_stay_with_their_items(tmp_path: Path) -> None:
    """When the items of a section each close with their own summary, the last one's is not
    the whole section's: an item without one stays uncovered."""
    plan = (
        "中宁县2022年移民增收工作方案\n"
        "一、重点任务\n"
        "（一）产业。新植枸杞两千亩。以上工作由县农业农村局负责。\n"
        "（二）教育。改善移民村学校办学条件。\n"
        "（三）就业。全年输出劳动力一万人。上述工作由县人社局负责。\n"
    )
    path = tmp_path / "plan.txt"
    path.write_text(plan, encoding="utf-8")
    document = read_plan(path)
    scope = _scope(document)
    assert _cover(document, scope, "两千亩") is not None
    assert _cover(document, scope, "一万人") is not None
    assert _cover(document, scope, "学校办学条件") is None


def test_a_counted_summary_covers_that_many_items(tmp_path: Path) -> None:
    plan = (
        "中宁县2022年移民增收工作方案\n"
        "一、重点任务\n"
        "（一）产业\n"
        "1.新植枸杞两千亩。\n"
        "2.新增滩羊存栏一万只。\n"
        "3.建设村级光伏电站三座。以上两项由县发展改革局负责。\n"
    )
    path = tmp_path / "plan.txt"
    path.write_text(plan, encoding="utf-8")
    document = read_plan(path)
    scope = _scope(document)
    assert _cover(document, scope, "一万只") is not None
    assert _cover(document, scope, "光伏电站") is not None
    assert _cover(document, scope, "两千亩") is None


def test_the_scope_is_a_pure_function_of_clauses_and_names() -> None:
    """Any ``names`` function will do: here one that knows a single bureau."""

    def names(text: str) -> list[str]:
        return ["县民政局"] if "县民政局" in text else []

    clauses = [
        Clause(id="d:一", doc_id="d", path=["一"], text="", level=1, label="一、",
               children=["d:一/（一）", "d:一/（二）"]),
        Clause(id="d:一/（一）", doc_id="d", path=["一", "（一）"], text="开展临时救助。",
               level=2, parent_id="d:一", label="（一）", sentences=["开展临时救助。"]),
        Clause(id="d:一/（二）", doc_id="d", path=["一", "（二）"],
               text="建设互助养老院。\n以上工作由县民政局负责。", level=2, parent_id="d:一",
               label="（二）", sentences=["建设互助养老院。", "以上工作由县民政局负责。"]),
    ]  # fmt: skip
    scope = responsibility_scope(clauses, names)
    assert scope.cover("d:一/（一）", 0) == Cover(
        "summary", ("县民政局",), "d:一/（二）", "以上工作由县民政局负责。"
    )
    assert scope.covered("d:一/（二）", 0)


def test_a_task_note_inside_a_clause_covers_its_paragraph_only() -> None:
    """此项工作由… after the second paragraph of a clause: the first paragraph is another
    task, and the clause-wide rule does not lend it the note's unit."""

    def names(text: str) -> list[str]:
        return ["县民政局"] if "县民政局" in text else []

    text = "开展临时救助。\n建设互助养老院。完善日间照料中心。\n此项工作由县民政局负责。"
    sentences = [
        "开展临时救助。",
        "建设互助养老院。",
        "完善日间照料中心。",
        "此项工作由县民政局负责。",
    ]
    clause = Clause(id="d:一", doc_id="d", path=["一"], text=text, level=1, label="一、",
                    sentences=sentences)  # fmt: skip
    scope = responsibility_scope([clause], names)
    assert scope.cover("d:一", 0) is None
    assert [scope.covered("d:一", i) for i in (1, 2)] == [True, True]
    assert scope.clause_cover(0) is None
