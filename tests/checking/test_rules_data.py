"""check_rules.yaml: loading, validation messages, unit tables, figure comparison."""

from __future__ import annotations

import pytest

from policykb.checking.quantities import Quantity, convert, later, plan_quantities, weaker
from policykb.checking.rules import load_rules, parse_rules
from policykb.errors import PolicyKBError
from policykb.extraction.deadlines import extract_deadlines
from policykb.models import Target


def test_bundled_rules_load() -> None:
    rules = load_rules()
    assert any("外出务工" in g and "劳务输出" in g for g in rules.synonyms)
    assert any("低保" in g and "最低生活保障" in g for g in rules.synonyms)
    assert rules.unit_family("万人") == ("persons", 10000)
    assert rules.conversion("money_per_month", "money_per_year") == 12


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("synonyms: [", "不是有效的 YAML"),
        ("- a", "顶层应为映射"),
        ("units: {families: {a: {人: 1}, b: {人: 1}}}", "同时出现"),
        ("units: {families: {a: {人: 1}}}\nsynonyms: [[]]", "第 1 组是空的"),
        ("units: {families: {a: {人: 1}}}\nunknown: 1", "unknown"),
        ("units: {families: {a: {人: 1}}}\nthresholds: {whole: 3}", "thresholds.whole"),
    ],
)
def test_broken_rules_are_a_chinese_message(text: str, message: str) -> None:
    with pytest.raises(PolicyKBError) as info:
        parse_rules(text)
    assert message in str(info.value)
    assert "核对规则文件" in str(info.value)


def test_unit_conversions() -> None:
    rules = load_rules()
    assert convert(1.5, "万人", "人", rules) == pytest.approx(15000)
    assert convert(7, "成", "%", rules) == pytest.approx(70)
    assert convert(650, "元/月", "元/年", rules) == pytest.approx(7800)
    assert convert(650, "元/月", "元", rules) is None
    assert convert(3, "个", "人", rules) is None
    assert convert(3, "个", "人", rules, "公益性岗位") == 3


def test_upper_bound_exceeded_is_weaker() -> None:
    rules = load_rules()
    target = Target(raw="5%以内", metric="返贫率", value=5, unit="%", comparator="<=", kind="rate")
    assert weaker(Quantity("6%", "%", 0, 2, value=6), target, rules) is True
    assert weaker(Quantity("4%", "%", 0, 2, value=4), target, rules) is False


def test_plan_figures_in_chinese_numerals_and_ranges() -> None:
    rules = load_rules()
    found = plan_quantities("每个移民村培育一至两个主导产业，培训三千人次，比例达到五成。", rules)
    assert [(q.unit, q.floor) for q in found] == [("个", 1), ("人次", 3000), ("%", 50)]


def test_deadline_comparison() -> None:
    def d(text: str):  # type: ignore[no-untyped-def]
        return extract_deadlines(text, 2022)[0]

    assert later(d("6月底前完成"), d("3月底前完成")) is True
    assert later(d("3月20日前完成"), d("3月底前完成")) is False
    assert later(d("每月28日前报送"), d("每月25日前报送")) is True
    assert later(d("每半年报送"), d("每季度报送")) is True
    assert later(d("每月报送"), d("每季度末报送")) is False
    assert later(d("每月25日前报送"), d("3月底前完成")) is None
