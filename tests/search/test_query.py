"""The query language: units, phrases, operators, repairs of odd input."""

from __future__ import annotations

import pytest

from policykb.search.dictionary import user_dictionary
from policykb.search.index import WhooshEngine
from policykb.search.query import MAX_QUERY_CHARS, QueryParser, QueryPlan
from policykb.search.service import department_candidates


@pytest.fixture(scope="module")
def parser(engine: WhooshEngine) -> QueryParser:
    return QueryParser(engine.analyzer(), user_dictionary(), department_candidates)


def labels(plan: QueryPlan) -> list[str]:
    return [u.label for u in plan.required]


def test_words_are_cut_and_all_required(parser: QueryParser) -> None:
    plan = parser.parse("社会组织 养老服务")
    assert labels(plan) == ["社会组织", "养老", "服务"]
    assert plan.can_fall_back
    assert not plan.notes


def test_quoted_phrase_is_one_unit(parser: QueryParser) -> None:
    for text in ['"组织参与乡村振兴"', "“组织参与乡村振兴”", "「组织参与乡村振兴」"]:
        plan = parser.parse(text)
        assert len(plan.required) == 1
        unit = plan.required[0]
        assert unit.quoted
        assert unit.alternatives[0].tokens == ("组织", "参与", "乡村振兴")


def test_question_words_are_dropped_unless_nothing_else_is_left(parser: QueryParser) -> None:
    assert labels(parser.parse("移民劳动力外出务工目标是多少")) == ["移民劳动力", "外出务工"]
    assert labels(parser.parse("多少")) == ["多少"]


def test_number_units_are_not_required(parser: QueryParser) -> None:
    assert labels(parser.parse("技能培训 3000人")) == ["技能培训", "3000"]


def test_synonyms_and_departments_expand(parser: QueryParser) -> None:
    unit = parser.parse("人社局").required[0]
    texts = {a.tokens for a in unit.alternatives if a.kind == "text"}
    depts = {a.tokens[0] for a in unit.alternatives if a.kind == "dept"}
    assert ("人力资源社会保障局",) in texts
    assert "中卫市人力资源社会保障局" in depts


def test_a_word_the_index_lacks_is_searched_as_its_parts(parser: QueryParser) -> None:
    # the corpus writes “三区”人才, so 三区人才 is no index term
    unit = parser.parse("三区人才").required[0]
    assert unit.alternatives[0].tokens == ("三区", "人才")


def test_or_and_not(parser: QueryParser) -> None:
    plan = parser.parse("低保 OR 临时救助 -养老")
    assert len(plan.required) == 1
    assert {a.tokens for a in plan.required[0].alternatives} >= {("低保",), ("临时救助",)}
    assert [u.label for u in plan.excluded] == ["养老"]
    plan = parser.parse("就业 NOT 培训")
    assert labels(plan) == ["就业"]
    assert [u.label for u in plan.excluded] == ["培训"]
    plan = parser.parse('就业 -"技能培训"')
    assert [u.label for u in plan.excluded] == ["技能培训"]


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ('"社会组织', "引号不成对"),
        ("AND 养老", "AND"),
        ("养老 OR", "OR"),
        ("养老 AND", "AND"),
        ("NOT", "NOT"),
        ("title:养老", "不支持字段语法"),
        ("，。！？", "标点"),
        ("扶贫" * 5000, "查询过长"),
    ],
)
def test_odd_input_is_repaired_with_a_note(parser: QueryParser, text: str, note: str) -> None:
    plan = parser.parse(text)
    assert any(note in n for n in plan.notes), plan.notes


def test_long_paste_is_cut(parser: QueryParser) -> None:
    plan = parser.parse("乡村振兴" * 2500)
    assert len(plan.required) <= 24
    assert any(str(MAX_QUERY_CHARS) in n for n in plan.notes)


def test_nothing_searchable(parser: QueryParser) -> None:
    for text in ["", "   ", "AND", "OR NOT", "，。", "title:", '""']:
        assert parser.parse(text).is_empty, text
