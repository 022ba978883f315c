"""Searching the bundled corpus through the library function, with exact expectations."""

from __future__ import annotations

import pytest

from policykb.corpus import Corpus
from policykb.errors import InputError, NotFoundError
from policykb.search import run_search, search
from policykb.search.analysis import fold


def ids(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.clause_id for h in result.hits]


def test_phrase_social_organisations_returns_hits(corpus: Corpus) -> None:
    # jieba's stock ChineseAnalyzer numbers positions by character offset, so this
    # phrase query found nothing with it
    result = search(corpus, '"社会组织"', limit=50)
    assert result.total >= 20
    assert all("社会组织" in h.text for h in result.hits)
    assert {h.doc_id for h in result.hits} == {"shzz-zxxd", "mzb-tongzhi"}


def test_phrase_spanning_words_matches_only_where_adjacent(corpus: Corpus) -> None:
    result = search(corpus, '"组织参与乡村振兴"', limit=50)
    assert result.total > 0
    for hit in result.hits:
        assert "组织参与乡村振兴" in hit.text.replace("\n", "")
    # the same words, not as a phrase, match more clauses
    assert search(corpus, "组织 参与 乡村振兴", limit=50).total > result.total


def test_phrase_across_punctuation(corpus: Corpus) -> None:
    # the corpus writes “三区”人才
    assert set(ids(search(corpus, '"三区人才"'))) == {
        "ymzf-2022:二/（一）/1",
        "sdts-2022:五/（四）",
    }


def test_traditional_and_simplified_find_the_same(corpus: Corpus) -> None:
    simplified = search(corpus, "养老", limit=50)
    assert simplified.total >= 6
    assert ids(search(corpus, "養老", limit=50)) == ids(simplified)
    assert ids(search(corpus, "養老服務", limit=50)) == ids(search(corpus, "养老服务", limit=50))


def test_traditional_text_is_found_and_marked(small_corpus: Corpus) -> None:
    result = search(small_corpus, "养老服务")
    assert ids(result) == ["zw-test:二/（二）"]
    assert "<mark>養老服務</mark>" in result.hits[0].highlights[0]
    assert ids(search(small_corpus, "832平台")) == ["zw-test:二/（二）"]
    assert ids(search(small_corpus, "abc")) == ["zw-test:二/（二）"]


def test_short_department_name_finds_the_bureau(corpus: Corpus) -> None:
    top = ids(search(corpus, "人社局", limit=3))
    assert set(top) == {"ymzf-2022:二/（二）/1", "ymzf-2022:二/（二）/2", "ymzf-2022:二/（二）/3"}


def test_jargon_queries(corpus: Corpus) -> None:
    assert ids(search(corpus, "一改三治")) == ["sdts-2022:二/（五）", "sdts-2022:四/（一）"]
    assert ids(search(corpus, "雨露计划")) == ["ymzf-2022:二/（四）/1"]
    assert set(ids(search(corpus, "出户入园"))) == {
        "ymzf-2022:二/（一）/1",
        "ymzf-2022:二/（五）",
        "sdts-2022:二/（四）",
    }
    # a part of a jargon word finds it too
    assert set(ids(search(corpus, "三类监测对象", limit=50))) <= set(
        ids(search(corpus, "监测对象", limit=50))
    )


def test_and_then_or(corpus: Corpus) -> None:
    both = search(corpus, "低保 临时救助")
    assert not both.fallback_or
    assert all("低保" in h.text and "临时救助" in h.text for h in both.hits)
    neither_together = run_search(corpus, "区块链 出户入园")
    assert neither_together.result.fallback_or
    found = ids(neither_together.result)
    assert "mzb-tongzhi:四" in found and "ymzf-2022:二/（一）/1" in found
    assert any("部分词语" in n for n in neither_together.notes)


def test_or_and_exclusion(corpus: Corpus) -> None:
    either = ids(search(corpus, "雨露计划 OR 区块链"))
    assert set(either) == {"ymzf-2022:二/（四）/1", "mzb-tongzhi:四"}
    with_care = set(ids(search(corpus, "养老", limit=50)))
    without = set(ids(search(corpus, "养老 -保障", limit=50)))
    assert without < with_care
    assert all("保障" not in corpus.clause(c).text for c in without)


def test_hits_carry_full_text_marks_and_metadata(corpus: Corpus) -> None:
    result = search(corpus, "劳务经纪人")
    hit = result.hits[0]
    clause = corpus.clause(hit.clause_id)
    assert hit.text == clause.text
    assert hit.path == clause.path and hit.title == clause.title
    assert hit.rank == 1 and hit.score > 0
    assert hit.doc_title == "中卫市2022年百万移民致富提升行动实施方案"
    assert all("<mark>劳务经纪人</mark>" in f for f in hit.highlights)
    assert result.query == "劳务经纪人"


def test_snippets_mark_what_was_matched(corpus: Corpus) -> None:
    for hit in search(corpus, "村庄规划 3月底").hits:
        joined = "".join(hit.highlights)
        assert "<mark>村庄规划</mark>" in joined
        assert "<mark>3月底</mark>" in joined
        assert "<mark>3</mark>0%" not in joined  # numbers match whole


def test_filters(corpus: Corpus) -> None:
    assert {h.doc_id for h in search(corpus, "养老", doc="ymzf-2022", limit=50).hits} == {
        "ymzf-2022"
    }
    city = search(corpus, "就业", level="city", limit=100)
    assert {h.doc_id for h in city.hits} <= {"sdts-2022", "ymzf-2022"}
    assert ids(search(corpus, "就业", level="市", limit=100)) == ids(city)
    national = search(corpus, "就业", level="national", limit=100)
    assert {h.doc_id for h in national.hits} <= {"shzz-zxxd", "mzb-tongzhi"}
    assert search(corpus, "就业", limit=3).total == len(ids(search(corpus, "就业", limit=500)))


def test_limit(corpus: Corpus) -> None:
    result = search(corpus, "乡村振兴", limit=2)
    assert len(result.hits) == 2 and result.total > 2


def test_empty_query_with_filters_lists_clauses_in_order(corpus: Corpus) -> None:
    result = search(corpus, "", doc="jkb-2022", limit=100)
    assert ids(result) == [c.id for c in corpus.document("jkb-2022").clauses]
    assert all(h.score == 0 for h in result.hits)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"query": ""}, InputError, "请输入要检索的词语"),
        ({"query": "，。"}, InputError, "标点"),
        ({"query": "AND OR"}, InputError, "运算符"),
        ({"query": "-养老"}, InputError, "排除词"),
        ({"query": "养老", "limit": 0}, InputError, "正整数"),
        ({"query": "养老", "level": "乡镇"}, InputError, "层级"),
        ({"query": "养老", "role": "boss"}, InputError, "角色"),
        ({"query": "养老", "due_before": "明年"}, InputError, "日期"),
        ({"query": "养老", "doc": "nosuch"}, NotFoundError, "nosuch"),
        ({"query": "养老", "dept": "不存在局"}, NotFoundError, "不存在局"),
    ],
)
def test_unusable_input_is_a_chinese_error(
    corpus: Corpus, kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as info:
        search(corpus, **kwargs)  # type: ignore[arg-type]
    assert message in str(info.value)


def test_every_clause_is_findable_by_its_title(corpus: Corpus) -> None:
    for clause in corpus.clauses:
        if clause.title and len(clause.title) >= 4:
            found = ids(search(corpus, f'"{clause.title}"', limit=20))
            assert clause.id in found, (clause.id, clause.title)


def test_folding_matches_index_and_query(corpus: Corpus) -> None:
    assert fold("中卫市人力資源社會保障局") == "中卫市人力资源社会保障局"
