"""Malformed corpus files give a Chinese message naming the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykb.corpus import Corpus
from policykb.errors import CorpusError, NotFoundError

GOOD = """---
id: demo
title: 测试文件
level: county
region: 中宁县
year: 2022
---

# 测试文件

一、总体要求

（一）目标。到2022年底完成任务。

（二）措施。各乡镇要落实。
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_user_corpus_folder_is_read(tmp_path: Path) -> None:
    corpus = Corpus.load(write(tmp_path, "demo.md", GOOD))
    assert [c.id for c in corpus.clauses] == ["demo:一", "demo:一/（一）", "demo:一/（二）"]


def test_broken_yaml_names_file_and_line(tmp_path: Path) -> None:
    folder = write(tmp_path, "bad.md", GOOD.replace("level: county", "level: [county"))
    with pytest.raises(CorpusError) as err:
        Corpus.load(folder)
    assert "bad.md:" in str(err.value)
    assert "YAML" in str(err.value)


def test_missing_required_field(tmp_path: Path) -> None:
    folder = write(tmp_path, "bad.md", GOOD.replace("region: 中宁县\n", ""))
    with pytest.raises(CorpusError) as err:
        Corpus.load(folder)
    assert "缺少必填字段 region" in str(err.value)
    assert "bad.md" in str(err.value)


def test_wrong_level_value_points_at_its_line(tmp_path: Path) -> None:
    folder = write(tmp_path, "bad.md", GOOD.replace("level: county", "level: village"))
    with pytest.raises(CorpusError) as err:
        Corpus.load(folder)
    assert "bad.md:4" in str(err.value)


def test_no_front_matter(tmp_path: Path) -> None:
    folder = write(tmp_path, "bad.md", "# 只有正文\n\n一、总体要求\n")
    with pytest.raises(CorpusError, match="缺少 YAML 前置元数据"):
        Corpus.load(folder)


def test_duplicate_document_id(tmp_path: Path) -> None:
    folder = write(tmp_path, "a.md", GOOD)
    write(tmp_path, "b.md", GOOD)
    with pytest.raises(CorpusError, match="文档 id“demo”重复"):
        Corpus.load(folder)


def test_numbering_that_makes_no_sense(tmp_path: Path) -> None:
    folder = write(tmp_path, "bad.md", GOOD.replace("（二）措施", "（四）措施"))
    with pytest.raises(CorpusError) as err:
        Corpus.load(folder)
    assert "bad.md:15" in str(err.value)
    assert "不连续" in str(err.value)


def test_empty_or_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="不存在"):
        Corpus.load(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match=r"没有 \.md 文件"):
        Corpus.load(tmp_path / "empty")


def test_unknown_clause_id_suggests(corpus: Corpus) -> None:
    with pytest.raises(NotFoundError) as err:
        corpus.clause("ymzf-2022:二/一/1")
    assert "ymzf-2022:二/（一）/1" in err.value.suggestions
    with pytest.raises(NotFoundError):
        corpus.document("ymzf")
