"""Department-aware search: aliases in queries, --dept/--role filters, targets, deadlines.

The small corpus carries hand-made obligations whose departments its text never names, so
these tests prove that matches come from the obligations.  The last test runs on the
bundled corpus's own obligations (skipped until they exist).
"""

from __future__ import annotations

import pytest

from policykb.corpus import Corpus
from policykb.errors import NotFoundError
from policykb.search import search


def ids(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.clause_id for h in result.hits]


def test_short_name_in_a_query_finds_the_obligations_bodies(small_corpus: Corpus) -> None:
    result = search(small_corpus, "人社局")
    # the text never names the body; the clause it leads ranks above the one it assists
    assert ids(result) == ["zw-test:一/（一）", "zw-test:一/（二）"]
    assert search(small_corpus, "人力资源社会保障局").total == 2
    assert ids(search(small_corpus, "民政局")) == ["zw-test:二/（一）"]


def test_dept_filter_takes_any_alias(small_corpus: Corpus) -> None:
    for name in ["人社局", "市人社局", "中卫市人力资源社会保障局", "人力资源和社会保障局"]:
        assert set(ids(search(small_corpus, "", dept=name))) == {
            "zw-test:一/（一）",
            "zw-test:一/（二）",
        }, name


def test_role_narrows_the_dept_filter(small_corpus: Corpus) -> None:
    assert ids(search(small_corpus, "", dept="人社局", role="lead")) == ["zw-test:一/（一）"]
    assert ids(search(small_corpus, "", dept="人社局", role="cooperate")) == ["zw-test:一/（二）"]
    assert ids(search(small_corpus, "", dept="人社局", role="配合")) == ["zw-test:一/（二）"]
    assert ids(search(small_corpus, "", dept="人社局", role="responsible")) == []
    assert ids(search(small_corpus, "", dept="各县〈区〉", role="responsible")) == [
        "zw-test:二/（一）"
    ]


def test_dept_filter_with_words(small_corpus: Corpus) -> None:
    assert ids(search(small_corpus, "就业", dept="人社局", role="lead")) == ["zw-test:一/（一）"]
    assert ids(search(small_corpus, "养老", dept="人社局")) == []


def test_has_target_and_due_before(small_corpus: Corpus) -> None:
    assert ids(search(small_corpus, "", has_target=True)) == ["zw-test:一/（一）"]
    assert ids(search(small_corpus, "", due_before="2022-07-01")) == ["zw-test:一/（一）"]
    assert ids(search(small_corpus, "", due_before="2022-06-30")) == ["zw-test:一/（一）"]
    assert ids(search(small_corpus, "", due_before="2022年6月29日")) == []
    assert ids(search(small_corpus, "", due_before="2022-12")) == [
        "zw-test:一/（一）",
        "zw-test:二/（一）",
    ]


def test_unknown_department_suggests(small_corpus: Corpus) -> None:
    with pytest.raises(NotFoundError) as info:
        search(small_corpus, "", dept="人设局")
    assert "人设局" in str(info.value)


def test_bundled_corpus_obligations(corpus: Corpus) -> None:
    assert corpus.obligations, "the bundled corpus has reviewed obligations"
    lead = set(ids(search(corpus, "", dept="人社局", role="lead", limit=100)))
    assert {"ymzf-2022:二/（二）/1", "ymzf-2022:二/（二）/2", "ymzf-2022:二/（二）/3"} <= lead
    assert all(c.startswith("ymzf-2022:") for c in lead)
    top = ids(search(corpus, "人社局", limit=3))
    assert set(top) == {"ymzf-2022:二/（二）/1", "ymzf-2022:二/（二）/2", "ymzf-2022:二/（二）/3"}
    cooperate = set(ids(search(corpus, "", dept="人社局", role="cooperate", limit=100)))
    assert "ymzf-2022:二/（九）" in cooperate
    assert not lead & cooperate
