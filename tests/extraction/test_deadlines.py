"""extract_deadlines: every deadline form of the seed documents, non-deadlines, other layouts."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykb.extraction.deadlines import (
    extract_deadlines,
    extract_requirement_deadlines,
    find_deadline_spans,
)
from policykb.models import Deadline, Duration, Recurrence

D = dt.date


def absolute(raw: str, due: dt.date | None) -> Deadline:
    return Deadline(raw=raw, kind="absolute", due=due)


def recurring(raw: str, freq: str, **kw: object) -> Deadline:
    return Deadline(raw=raw, kind="recurring", recurrence=Recurrence(freq=freq, **kw))  # type: ignore[arg-type]


def relative(raw: str, value: float, unit: str) -> Deadline:
    return Deadline(raw=raw, kind="relative", duration=Duration(value=value, unit=unit))  # type: ignore[arg-type]


def period(raw: str, due: dt.date | None = None, years: float | None = None) -> Deadline:
    duration = Duration(value=years, unit="years") if years is not None else None
    return Deadline(raw=raw, kind="period", due=due, duration=duration)


# Sentences copied verbatim from the seed documents (PDF spacing kept), with the deadlines a
# reader takes from them; the document year is 2022.
SEED_CASES: list[tuple[str, list[Deadline]]] = [
    # 1 社会组织助力乡村振兴专项行动方案
    (
        "每年根据工作推进情况确定当年社会组织乡村行的地域和主题",
        [recurring("每年", "yearly")],
    ),
    (
        "每年底向国家乡村振兴局、民政部报送本地区社会组织参与乡村振兴工作情况。",
        [recurring("每年底", "yearly", anchor="end")],
    ),
    # 2 民政部 国家乡村振兴局关于动员引导社会组织参与乡村振兴工作的通知
    (
        "现就“十四五”期间动员引导社会组织参与乡村振兴工作通知如下：",
        [period("“十四五”期间", D(2025, 12, 31))],
    ),
    (
        "在中央设立的5年过渡期内，民政部门要从工作机制、发展规划、政策举措、服务对",
        [period("5年过渡期内", years=5)],
    ),
    # 3 宁夏“万企兴万村”专项工作方案
    (
        "“十四五”期间，通过以下两种渠道，力争实现民营企业与5个国家级乡村振兴重点帮扶县",
        [period("“十四五”期间", D(2025, 12, 31))],
    ),
    (
        "各县（区）乡村振兴部门和工商联每季度末向自治区乡村",
        [recurring("每季度末", "quarterly", anchor="end")],
    ),
    # 4 关于开展 2022 年乡村振兴健康保工作的通知
    ("简易案件5个工作日内结案。", [relative("5个工作日内", 5, "working_days")]),
    (
        "各县（区）乡村振兴局和银保监分局，每季度对工作落实情况进行督导",
        [recurring("每季度", "quarterly")],
    ),
    (
        "每月10日前将上月承保赔付情况统计报送自治区乡村振兴局和宁夏银保监局。",
        [recurring("每月10日前", "monthly", day=10)],
    ),
    # 5 中卫市“四大提升行动”实施意见
    (
        "以“四大提升行动”为抓手，2022年实现移民群众人均可支配收入同比增加1265元，增长12%",
        [absolute("2022年", D(2022, 12, 31))],
    ),
    (
        "2022年底，完成移民群众技能培训3000人以上",
        [absolute("2022年底", D(2022, 12, 31))],
    ),
    (
        "3 月底完成 56 个重点移民村的村庄规划编制。",
        [absolute("3 月底", D(2022, 3, 31))],
    ),
    (
        "年底全市农村生活垃圾分\n\n类和资源化利用覆盖面达到 30%以上。",
        [absolute("年底", D(2022, 12, 31))],
    ),
    (
        "全年开展健康科普知识“六进”活动不少于 60 场次",
        [period("全年", D(2022, 12, 31))],
    ),
    (
        "每年选派近百名乡镇卫生院医护人员、村医到县级医疗机构进行中长期跟班培训",
        [recurring("每年", "yearly")],
    ),
    (
        "各专项领导小组每两月召开一次领导小组调度会听取“四大提升行动”推进情况",
        [recurring("每两月", "every_n_months", interval=2)],
    ),
    ("每半年召开一次现场观摩评促会", [recurring("每半年", "half_yearly")]),
    (
        "在3月20日前，绘制完成“四大提升行动”项目实施分布图",
        [absolute("3月20日前", D(2022, 3, 20))],
    ),
    (
        "每季度对“四大提升行动”推进情况进行一次全面督查",
        [recurring("每季度", "quarterly")],
    ),
    # 6 中卫市 2022 年百万移民致富提升行动实施方案
    (
        "各县（区）每季度对各移民村劳动力人数、技能培训、就业等情况统计汇总并上报。",
        [recurring("每季度", "quarterly")],
    ),
    (
        "确保2022年底完成基础设施建设总任务量的70%",
        [absolute("2022年底", D(2022, 12, 31))],
    ),
    (
        "到2022年底，75%以上的移民村（社区）创建为三星级以上党组织。",
        [absolute("2022年底", D(2022, 12, 31))],
    ),
    (
        "加快新时代文明实践中心（站、所）建设，确保 2022 年实现全覆盖。",
        [absolute("2022 年", D(2022, 12, 31))],
    ),
    (
        "确保 3 月底完成 56 个重点移民村的村庄规划编制工作",
        [absolute("3 月底", D(2022, 3, 31))],
    ),
    (
        "自治区今年 4 月将组织对移民村工作开展情况现场观摩",
        [absolute("今年 4 月", D(2022, 4, 30))],
    ),
    (
        "于每月25日前报送《2022年中卫市百万移民致富提升行动重点任务清单》",
        [recurring("每月25日前", "monthly", day=25)],
    ),
]

# Dates and numbers in the seed that are no deadline.
SEED_NON_DEADLINES = [
    "民政部 国家乡村振兴局\n\n2022年2月15日\n\n宁夏回族自治区",  # signature date
    "同乡村振兴有效衔接工作政策汇编\n\n2022年7月\n\n目 录",  # cover date
    "国乡振发〔2022〕5号",  # document number
    "关于开展 2022 年乡村振兴健康保工作的通知",  # a year in a title
    "从2022年起，由市发展改革委、乡村振兴局牵头",  # a start, not a deadline
    "市乡村振兴局牵头制定各县（区）、市直相关部门（单位）2022年效能目标考核细则",
    "确保全市 2022 年百万移民致富提升行动各项工作取得实效",
    "考核方式由年底一次性考核向统筹分月推进情况",  # 由…: the old way, not a deadline
    "把每年的工作任务清单化",  # 每年的: an attribute
    "机构内孤弃儿童津贴标准由每人每月 1249 元提高至 1500 元",  # a money rate
    "保费每人每年 40 元。",
    "支持符合条件的“十二五”移民中唯一住房为不安全住房的“低收入群体”",
    "围绕“十四五”规划纲要提出的建设现代化基础设施体系",
    "谋划包抓村5年项目计划，把每年的工作任务清单化",
    "全面促进乡村振兴“一年一个样、三年大变样、五年上台阶”",
]


@pytest.mark.parametrize(("text", "expected"), SEED_CASES, ids=[c[1][0].raw for c in SEED_CASES])
def test_seed_deadlines(text: str, expected: list[Deadline]) -> None:
    assert extract_deadlines(text, 2022) == expected


@pytest.mark.parametrize("text", SEED_NON_DEADLINES)
def test_seed_non_deadlines(text: str) -> None:
    assert extract_deadlines(text, 2022) == []


def test_seed_cases_are_verbatim(seed_text: str) -> None:
    missing = [t for t, _ in SEED_CASES if t not in seed_text]
    missing += [t for t in SEED_NON_DEADLINES if t not in seed_text]
    assert missing == []


def test_whole_seed_has_no_date_from_titles_or_signatures(seed_text: str) -> None:
    found = extract_deadlines(seed_text, 2022)
    raws = [d.raw for d in found]
    assert "2022年2月15日" not in raws
    assert "2022年7月" not in raws
    assert all(d.kind != "absolute" or d.due is not None for d in found)
    # each of the forms above is found in the running text too
    for _, expected in SEED_CASES:
        for deadline in expected:
            assert deadline in found


# --------------------------------------------------------------------------- other forms


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("2月底前完成", 2024, [absolute("2月底前", D(2024, 2, 29))]),
        ("2月底前完成", 2022, [absolute("2月底前", D(2022, 2, 28))]),
        ("6月前完成摸底", 2022, [absolute("6月前", D(2022, 6, 30))]),
        ("5月中旬完成", 2022, [absolute("5月中旬", D(2022, 5, 20))]),
        ("5月上旬报送", 2022, [absolute("5月上旬", D(2022, 5, 10))]),
        (
            "2022年6月30日前将实施方案报省乡村振兴局备案",
            2022,
            [absolute("2022年6月30日前", D(2022, 6, 30))],
        ),
        ("年底前全面完成", 2022, [absolute("年底前", D(2022, 12, 31))]),
        ("明年底前建成", 2022, [absolute("明年底前", D(2023, 12, 31))]),
        ("二季度末完成", 2022, [absolute("二季度末", D(2022, 6, 30))]),
        ("2022年第三季度末前完成", 2022, [absolute("2022年第三季度末前", D(2022, 9, 30))]),
        ("上半年完成50%", 2022, [absolute("上半年", D(2022, 6, 30))]),
        ("每月底前报送", 2022, [recurring("每月底前", "monthly", anchor="end")]),
        ("每月", 2022, [recurring("每月", "monthly")]),
        ("每年12月底前报送年度总结", 2022, [recurring("每年12月底前", "yearly", anchor="end")]),
        ("每三个月调度一次", 2022, [recurring("每三个月", "quarterly")]),
        ("每两年开展一次评估", 2022, [recurring("每两年", "yearly", interval=2)]),
        ("按季度报送", 2022, [recurring("按季度", "quarterly")]),
        ("一个月内办结", 2022, [relative("一个月内", 1, "months")]),
        ("3日内反馈", 2022, [relative("3日内", 3, "days")]),
        ("两周内整改到位", 2022, [relative("两周内", 14, "days")]),
        ("半年内完成", 2022, [relative("半年内", 6, "months")]),
        ("三年内建成", 2022, [relative("三年内", 3, "years")]),
        ("“十三五”时期", 2022, [period("“十三五”时期", D(2020, 12, 31))]),
        ("十四五期间", 2022, [period("十四五期间", D(2025, 12, 31))]),
        ("过渡期内", 2022, [period("过渡期内")]),
        ("今后三年", 2022, [period("今后三年", years=3)]),
        ("2021—2025年", 2022, [period("2021—2025年", D(2025, 12, 31))]),
        ("6月1日至8月31日开展专项行动", 2022, [period("6月1日至8月31日", D(2022, 8, 31))]),
        ("力争2023年实现全覆盖", 2022, [absolute("2023年", D(2023, 12, 31))]),
        ("去年底", 2022, []),
        ("截至2021年底，全市已建成120个", 2022, []),  # a baseline before the document year
        ("从2023年1月1日起施行", 2022, []),
        ("2022年1月1日起施行", 2022, []),
        ("每周五前报送", 2022, []),  # weekly rhythms are not representable: left out
    ],
)
def test_other_forms(text: str, year: int, expected: list[Deadline]) -> None:
    assert extract_deadlines(text, year) == expected


def test_year_unknown_takes_the_last_written_year() -> None:
    text = "2023年重点工作：3月底前完成摸底"
    assert extract_deadlines(text, None) == [absolute("3月底前", D(2023, 3, 31))]


def test_year_unknown_and_not_written_leaves_due_null() -> None:
    assert extract_deadlines("3月底前完成摸底", None) == [absolute("3月底前", None)]


def test_task_table_row() -> None:
    # a row of a 任务分工表 (tab-separated), the deadline in its own column
    row = "1\t实现农村劳动力转移就业20万人次以上\t市人社局\t各县（区）\t2022年12月底前"
    assert extract_deadlines(row, 2022) == [absolute("2022年12月底前", D(2022, 12, 31))]


def test_other_province_paragraph() -> None:
    text = (
        "到2025年，全省农村自来水普及率达到90%以上。各市（州）要于每年1月15日前报送上年度"
        "工作总结，收到问题线索后10个工作日内核查办结。"
    )
    found = extract_deadlines(text, 2022)
    assert found == [
        absolute("2025年", D(2025, 12, 31)),
        recurring("每年1月15日前", "yearly", month=1, day=15),
        relative("10个工作日内", 10, "working_days"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("每年12月20日前报送年度总结", recurring("每年12月20日前", "yearly", month=12, day=20)),
        ("每年6月底前完成评估", recurring("每年6月底前", "yearly", month=6, anchor="end")),
        # 每年12月底 is written as 每年底 so that the two compare equal
        ("每年12月底前报送", recurring("每年12月底前", "yearly", anchor="end")),
    ],
)
def test_yearly_deadlines_keep_their_month(text: str, expected: Deadline) -> None:
    assert extract_deadlines(text, 2022) == [expected]


def test_duplicates_are_reported_once_but_spans_keep_them() -> None:
    text = "每季度调度一次，每季度通报一次。"
    assert extract_deadlines(text, 2022) == [recurring("每季度", "quarterly")]
    assert len(find_deadline_spans(text, 2022)) == 2


# --------------------------------------------------------------------------- properties


@given(st.text(), st.one_of(st.none(), st.integers(min_value=1900, max_value=2100)))
def test_never_raises_and_raw_is_verbatim(text: str, year: int | None) -> None:
    for deadline in extract_deadlines(text, year):
        assert deadline.raw and deadline.raw in text


_DATEISH = (
    "0123456789 年月日底末前内每季度半两三个工作日期间十四五过渡全年至—-起从截自由〔〕上中下旬"
)


@given(st.text(alphabet=_DATEISH), st.one_of(st.none(), st.integers(min_value=1, max_value=9999)))
def test_never_raises_on_date_soup(text: str, year: int | None) -> None:
    for span in find_deadline_spans(text, year):
        assert text[span.start : span.end] == span.deadline.raw


# --------------------------------------------------------------------------- target years


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # corpus (ymzf-2022 一): the year opens the comma-part that holds the target
        (
            "促进移民村整体发展和治理水平显著提升，2022年移民群众人均可支配收入同比增加1265元，增长12%。",
            [absolute("2022年", D(2022, 12, 31))],
        ),
        ("，2024年全县新增城镇就业5000人以上。", [absolute("2024年", D(2024, 12, 31))]),
        # the year alone as a comma-part: the time frame of the target after it
        ("2023年，全县中药材种植面积稳定在35万亩以上。", [absolute("2023年", D(2023, 12, 31))]),
        ("；2023年全市农村改厕普及率达到80%。", [absolute("2023年", D(2023, 12, 31))]),
    ],
)
def test_a_bare_year_opening_a_target_part_is_its_deadline(
    text: str, expected: list[Deadline]
) -> None:
    assert extract_deadlines(text, 2022) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2023年的目标任务是增收5%。",  # 的: an attribute
        "编制2023年项目计划10个。",  # not opening its comma-part
        "2023年，各地要加强组织领导。",  # no target after it
        "2023年度考核办法共10条。",  # 年度: a label
    ],
)
def test_a_bare_year_without_a_target_part_is_no_deadline(text: str) -> None:
    assert extract_deadlines(text, 2023) == []


# --------------------------------------------------------------------------- noun phrases


@pytest.mark.parametrize(
    "text",
    [
        # corpus (sdts-2022 七/（二）)
        "考核方式由年底一次性考核向统筹分月推进情况、季度督查情况及年底任务完成情况的综合性考核转变。",
        "将年底目标完成率纳入考核。",
        "按时报送全年工作总结。",
        "6月底任务完成进度作为评比依据。",
    ],
)
def test_a_date_inside_a_noun_phrase_is_no_deadline(text: str) -> None:
    assert extract_deadlines(text, 2022) == []


def test_a_deadline_before_such_a_noun_phrase_stays() -> None:
    assert extract_deadlines("12月10日前报送全年工作总结，年底前完成验收。", 2023) == [
        absolute("12月10日前", D(2023, 12, 10)),
        absolute("年底前", D(2023, 12, 31)),
    ]


# --------------------------------------------------------------------------- one requirement


def test_next_month_day_in_a_monthly_cycle() -> None:
    text = "实行月报制度，各乡镇每月台账于次月8日前报送县农业农村局。"
    assert extract_requirement_deadlines(text, 2024) == [recurring("次月8日前", "monthly", day=8)]
    # extract_deadlines reports what is written: the checker completes the bare 每月 itself
    assert extract_deadlines(text, 2024) == [recurring("每月", "monthly")]
    # without a monthly rhythm, 次月 is the month after some event: no date
    assert extract_requirement_deadlines("活动结束后于次月10日前报送总结。", 2024) == []


def test_a_bare_rhythm_and_a_dated_one_of_one_comma_part_are_one_deadline() -> None:
    text = "每季度数据于每季度首月15日前报送，每月开展一次走访，每月20日前上报台账。"
    assert extract_requirement_deadlines(text, 2024) == [
        recurring("每季度首月15日前", "quarterly", day=15),
        recurring("每月", "monthly"),
        recurring("每月20日前", "monthly", day=20),
    ]
