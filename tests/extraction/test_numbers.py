"""parse_number / find_numbers: Arabic, Chinese and mixed numerals."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykb.extraction.numbers import NUMBER_PATTERN, NUMBER_RE, find_numbers, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3000", 3000),
        ("4.2万", 42000),
        ("1.2 万", 12000),  # PDF spacing
        ("35亿", 3.5e9),
        ("35 亿", 3.5e9),
        ("2000万", 2e7),
        ("2千万", 2e7),
        ("76.9", 76.9),
        ("2,000", 2000),
        ("1,234,567", 1234567),
        ("１２", 12),  # full-width digits
        ("三千", 3000),
        ("百", 100),  # cn2an rejects a bare 百
        ("千", 1000),
        ("百万", 1e6),
        ("近百", 100),
        ("百余", 100),
        ("两", 2),
        ("十", 10),
        ("十二", 12),
        ("两千", 2000),
        ("一千二百四十九", 1249),
        ("一千零五", 1005),
        ("十万八千", 108000),
        ("二〇二二", 2022),
        ("五成", 50),  # a ratio: 50 per cent
        ("九成", 90),
        ("六成五", 65),  # a digit after 成 counts per cent: 65 per cent
        ("九成八", 98),
        ("三成", 30),
        ("54%", 54),
        ("54％", 54),
        ("90.75%", 90.75),
        (" 3000 ", 3000),
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text", ["", "   ", "abc", "万", "元", "3.", ".5.", "1,2", "3月", "第一", "百分之", "%"]
)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["成七", "七成七七", "七成十"])
def test_parse_number_rejects_malformed_tenths(text: str) -> None:
    # one digit after 成 counts per cent; more is not a ratio
    assert parse_number(text) is None


def test_find_numbers_spans_in_seed_sentence() -> None:
    text = "城镇新增就业 1.2 万人以上，农村劳动力转移就业 20 万人次以上，劳务收入 35 亿元以上。"
    found = find_numbers(text)
    assert [(m.text, m.value) for m in found] == [
        ("1.2 万", 12000),
        ("20 万", 200000),
        ("35 亿", 3.5e9),
    ]
    for m in found:
        assert text[m.start : m.end] == m.text


def test_find_numbers_chinese_and_arabic() -> None:
    text = "每年选派近百名乡镇卫生院医护人员，选派百名县级医院骨干医生，合计三千人"
    assert [m.value for m in find_numbers(text)] == [100, 100, 3000]
    assert find_numbers(text, chinese=False) == []


def test_lone_wan_is_not_a_number() -> None:
    # 万企兴万村: a lone 万 is a word
    assert find_numbers("“万企兴万村”行动") == []


def test_number_pattern_is_embeddable() -> None:
    unit = re.compile(rf"(?P<n>{NUMBER_PATTERN})\s*人")
    m = unit.search("实现移民劳动力外出务工4.2万人以上")
    assert m is not None and m.group("n") == "4.2万"
    assert NUMBER_RE.fullmatch("一千二百四十九")


# --------------------------------------------------------------------------- properties


@given(st.text())
def test_parse_number_never_raises(text: str) -> None:
    value = parse_number(text)
    assert value is None or isinstance(value, float)


@given(st.text(alphabet="〇零一二两三四五六七八九十百千万亿近余成%0123456789.,万 "))
def test_parse_number_never_raises_on_numeral_soup(text: str) -> None:
    parse_number(text)


@given(st.integers(min_value=0, max_value=10**15))
def test_parse_number_round_trips_integers(n: int) -> None:
    assert parse_number(str(n)) == float(n)
    assert parse_number(f"{n:,}") == float(n)


@given(st.text())
def test_find_numbers_spans_are_substrings(text: str) -> None:
    for m in find_numbers(text):
        assert text[m.start : m.end] == m.text
