"""The policy dictionary: data hygiene, registry names, synonyms, digest."""

from __future__ import annotations

from pathlib import Path

import yaml

from policykb.search.dictionary import TERMS_FILE, build_dictionary, user_dictionary


def test_terms_file_is_clean() -> None:
    data = yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8"))
    for section in ("terms", "places", "departments", "query_stopwords"):
        values = [str(v) for v in data[section]]
        duplicates = sorted({v for v in values if values.count(v) > 1})
        assert not duplicates, (section, duplicates)
    assert len(data["terms"]) >= 200
    for required in [
        "三类监测对象",
        "两不愁三保障",
        "四大提升行动",
        "百万移民致富提升行动",
        "一改三治",
        "出户入园",
        "乡村振兴健康保",
        "万企兴万村",
        "防贫保",
        "三区人才",
        "雨露计划",
        "控辍保学",
        "劳务经纪人",
        "就业帮扶车间",
        "村庄规划",
        "美丽庭院",
    ]:
        assert required in data["terms"], required


def test_registry_names_and_aliases_are_words() -> None:
    words = set(user_dictionary().words)
    assert {"中卫市人力资源社会保障局", "人社局", "市人社局", "国家乡村振兴局"} <= words
    # jieba never keeps brackets inside a word: 各县（区） is added as its part 各县
    assert "各县" in words


def test_slogans_are_added_as_their_parts() -> None:
    words = set(user_dictionary().words)
    assert {"听党话", "感党恩", "跟党走"} <= words
    assert not [w for w in words if "、" in w or " " in w]


def test_synonyms_go_both_ways() -> None:
    d = user_dictionary()
    assert "人力资源社会保障局" in d.expansions("人社局")
    assert "人社局" in d.expansions("人力资源社会保障局")
    for word, others in d.synonyms.items():
        for other in others:
            assert word in d.synonyms[other]


def test_digest_follows_the_data(tmp_path: Path) -> None:
    base = TERMS_FILE.read_text(encoding="utf-8")
    first = tmp_path / "a.yaml"
    first.write_text(base, encoding="utf-8")
    second = tmp_path / "b.yaml"
    second.write_text(
        base.replace("  - 一改三治\n", "  - 一改三治\n  - 新造词语\n"), encoding="utf-8"
    )
    a = build_dictionary(first, extra=[])
    assert build_dictionary(first, extra=[]).digest == a.digest
    assert build_dictionary(second, extra=[]).digest != a.digest
    assert build_dictionary(first, extra=["某某局"]).digest != a.digest
