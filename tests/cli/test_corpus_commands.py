"""The CLI's corpus commands, run as a user runs them (in-process through ``main``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policykb.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_docs_json_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "docs", "--format", "json")
    assert code == 0
    assert "\\u" not in out  # Chinese written as characters
    data = json.loads(out)
    docs = data["documents"]
    assert [d["id"] for d in docs][:2] == ["shzz-zxxd", "mzb-tongzhi"]
    for doc in docs:
        assert set(doc) >= {
            "id",
            "title",
            "doc_number",
            "issuers",
            "level",
            "region",
            "date",
            "clauses",
            "obligations",
        }
    mzb = docs[1]
    assert mzb["date"] == "2022-02-15"
    assert mzb["doc_number"] == "民发〔2022〕11号"
    assert mzb["level"] == "national"
    assert docs[5]["region"] == "中卫市"
    assert docs[5]["clauses"] == 36


def test_clauses_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "clauses", "--doc", "ymzf-2022", "--format", "json")
    assert code == 0
    clauses = json.loads(out)["clauses"]
    assert len(clauses) == 36
    first = next(c for c in clauses if c["id"] == "ymzf-2022:二/（一）/1")
    assert set(first) >= {"id", "doc_id", "path", "title", "text", "level", "parent_id"}
    assert first["path"] == ["二", "（一）", "1"]


def test_show_prints_the_source_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "ymzf-2022:二/(二)/2")
    assert code == 0
    assert "强化就业帮扶" in out
    assert "实现每一个移民村至少有1个中介机构和1名劳务经纪人。" in out.replace("\n", "")


def test_unknown_clause_is_a_message_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "ymzf-2022:九/（一）")
    assert code == 2
    assert out == ""
    assert "没有 id 为" in err
    assert "Traceback" not in err


def test_unknown_doc(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "clauses", "--doc", "nosuch")
    assert code == 2
    assert "没有 id 为“nosuch”的文档" in err


def test_user_corpus_via_option_and_env(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "a.md").write_text(
        "---\nid: mine\ntitle: 自有文件\nlevel: county\nregion: 中宁县\n---\n\n# 自有文件\n\n"
        "一、任务\n\n各乡镇要在6月底前完成。\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "docs", "--corpus", str(folder), "--format", "json")
    assert code == 0
    assert [d["id"] for d in json.loads(out)["documents"]] == ["mine"]
    monkeypatch.setenv("POLICYKB_CORPUS", str(folder))
    code, out, _ = run(capsys, "docs", "--format", "json")
    assert [d["id"] for d in json.loads(out)["documents"]] == ["mine"]


def test_usage_error_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "docs", "--format", "yaml")
    assert code == 2
    assert "用法错误" in err


@pytest.mark.parametrize(
    "command", [[], ["search"], ["matrix"], ["check"], ["annotations", "draft"]]
)
def test_help_is_in_chinese(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0
    assert "显示本帮助并退出。" in out
    assert "Show this message" not in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["show"], "缺少参数 CLAUSE_ID。"),
        (["clauses", "--doc"], "选项 --doc 后面需要一个值。"),
        (["docs", "--frmat", "json"], "没有选项 --frmat。你是不是要用 --format？"),
        (["nosuch"], "没有命令 nosuch。"),
        (["docs", "extra"], "多余的参数：extra"),
    ],
)
def test_usage_errors_are_chinese(
    capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert f"用法错误：{expected}" in err
