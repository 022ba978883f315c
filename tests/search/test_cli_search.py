"""`policykb search` and `policykb index` as a user runs them (in-process through main)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policykb.corpus import Corpus

from .conftest import run

CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"

HIT_KEYS = {"rank", "score", "doc_id", "clause_id", "path", "title", "text", "highlights"}


def test_search_json_follows_the_contract(
    capsys: pytest.CaptureFixture[str], corpus: Corpus
) -> None:
    code, out, _ = run(capsys, "search", "劳务经纪人", "--format", "json")
    assert code == 0
    assert "\\u" not in out
    data = json.loads(out)
    assert set(data) >= {"query", "total", "hits"}
    assert data["query"] == "劳务经纪人" and data["total"] == 2
    for i, hit in enumerate(data["hits"], 1):
        assert set(hit) >= HIT_KEYS
        assert hit["rank"] == i
        clause = corpus.clause(hit["clause_id"])
        assert hit["text"] == clause.text  # the full clause text, verbatim
        assert hit["path"] == clause.path
        assert isinstance(hit["score"], float)
        assert all("<mark>劳务经纪人</mark>" in h for h in hit["highlights"])


def test_search_text_output_marks_matches(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "雨露计划")
    assert code == 0
    assert "共 1 条结果" in out
    assert "《中卫市2022年百万移民致富提升行动实施方案》 二/（四）/1 提升基础教育水平" in out
    assert "ymzf-2022:二/（四）/1" in out
    assert "【雨露计划】" in out  # no colour when not a terminal: brackets


def test_several_words_without_quotes_are_one_query(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "低保", "临时救助", "--format", "json")
    assert code == 0
    assert json.loads(out)["query"] == "低保 临时救助"


def test_filters_through_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "search", "养老", "--doc", "ymzf-2022", "--limit", "2", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert len(data["hits"]) == 2 and data["total"] >= 2
    assert {h["doc_id"] for h in data["hits"]} == {"ymzf-2022"}
    code, out, _ = run(capsys, "search", "就业", "--level", "national", "--format", "json")
    assert {h["doc_id"] for h in json.loads(out)["hits"]} <= {"shzz-zxxd", "mzb-tongzhi"}


def test_fallback_is_announced(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "区块链 出户入园", "--format", "json")
    assert code == 0
    assert json.loads(out)["total"] >= 2
    assert "部分词语" in err  # notes go to stderr, stdout stays one JSON document


@pytest.mark.parametrize(
    ("query", "codes", "message"),
    [
        ('"社会组织', (0,), "引号不成对"),
        ("AND", (2,), "运算符"),
        ("OR", (2,), "运算符"),
        ("NOT", (2,), "运算符"),
        ("养老 AND", (0,), "运算符"),
        ("title:养老", (0,), "不支持字段语法"),
        ("field:", (2,), "没有可检索的词语"),
        ("，。！？……", (2,), "标点"),
        ("", (2,), "请输入要检索的词语"),
        ("   ", (2,), "请输入要检索的词语"),
        ("扶贫" * 5000, (0,), "查询过长"),
        ("x" * 10000, (0,), "查询过长"),
        ("-养老", (2,), "排除词"),
        ("养老 OR OR 低保", (0,), "运算符"),
        ("\\*?[]{}()^~", (2,), "标点"),
    ],
)
def test_bad_queries_give_a_message_never_a_traceback(
    capsys: pytest.CaptureFixture[str], query: str, codes: tuple[int, ...], message: str
) -> None:
    code, out, err = run(capsys, "search", "--", query)
    assert code in codes, (code, err)
    assert "Traceback" not in out + err
    assert "内部错误" not in err
    assert message in out + err
    if code == 2:
        assert out == ""
        assert err.startswith("错误：")


def test_no_hits_is_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "比特币")
    assert code == 0
    assert "没有找到" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--level", "乡镇"], "层级"),
        (["--role", "boss"], "角色"),
        (["--due-before", "明年"], "日期"),
        (["--doc", "nosuch"], "nosuch"),
        (["--dept", "人设局"], "人设局"),
        (["--limit", "0"], "用法错误"),
    ],
)
def test_bad_options_are_usage_errors(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "search", "养老", *args)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_index_command_rebuilds_and_reports(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "index", "--format", "json")
    assert code == 0
    info = json.loads(out)["index"]
    assert info["built"] is True
    assert info["clauses"] == 125 and info["documents"] == 6
    assert info["terms"] > 1000 and info["size_bytes"] > 0
    assert "正在建立检索索引" in err
    code, out, _ = run(capsys, "index")
    assert code == 0
    assert "检索索引已重建" in out and "条款：125 个（6 份文件）" in out
    # a search right after does not build again
    code, _, err = run(capsys, "search", "养老")
    assert code == 0 and "正在建立" not in err


def test_cli_imports_no_search_engine_for_other_commands() -> None:
    code = (
        "import sys, policykb, policykb.cli;"
        "heavy = [m for m in ('jieba', 'whoosh') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == ""


def test_second_search_in_a_new_process_does_not_rebuild(tmp_path: Path) -> None:
    # a private copy of the corpus: annotation files edited meanwhile do not interfere
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in CORPUS_DIR.glob("*.md"):
        shutil.copy(path, folder / path.name)
    env = {**os.environ, "POLICYKB_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-c", "from policykb.cli import main; main()"]
    cmd += ["search", "三类监测对象", "--corpus", str(folder)]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "正在建立检索索引" in first.stderr
    second = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert second.returncode == 0
    assert second.stderr == ""
    assert second.stdout == first.stdout
    assert (tmp_path / "cache" / "jieba").is_dir()  # jieba's cache lives in ours
