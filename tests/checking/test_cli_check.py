"""``policykb check`` as a user runs it: formats, exit codes, several plans, bad input.

The plans are written here: a .docx made with python-docx, a GBK text file, Markdown."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from docx import Document as DocxDocument

from policykb.cli import main

TITLE = "中宁县2022年移民致富提升行动实施方案（征求意见稿）"

PLAN_LINES = [
    "一、重点任务",
    "（一）促进移民就业",
    "1.抓好劳务输出。全年输出移民劳动力一万六千人以上。（责任单位：县人社局）",
    "2.开展技能培训。全年开展移民技能培训一千人次以上。（责任单位：县人社局）",
    "（二）改善人居环境",
    "1.推进厕所革命。年内移民村卫生厕所普及率达到50%。（责任单位：县农业农村局）",
    "2.编制村庄规划。6月底前完成重点移民村村庄规划编制。（责任单位：县自然资源局）",
    "二、保障措施",
    "各乡镇、各部门于每月28日前向县乡村振兴局报送重点任务推进情况。",
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


@pytest.fixture
def docx_plan(tmp_path: Path) -> Path:
    document = DocxDocument()
    document.add_paragraph(TITLE)
    for line in PLAN_LINES:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["指标", "目标", "牵头单位"], strict=True):
        cell.text = text
    for cell, text in zip(
        table.rows[1].cells, ["生活垃圾得到处理的村庄比例", "93%", "县住建局"], strict=True
    ):
        cell.text = text
    path = tmp_path / "zhongning-draft.docx"
    document.save(str(path))
    return path


@pytest.fixture
def gbk_plan(tmp_path: Path) -> Path:
    text = "\r\n".join(
        [
            "海原县2022年移民致富提升行动工作方案",
            "一、重点任务",
            "1.抓好劳务输出。全年实现移民劳动力外出务工一万四千人。（责任单位：县人社局）",
            "2.开展技能培训。开展移民技能培训九百人次。（责任单位：县人社局）",
            "3.兜底保障。农村低保标准提高到每人每月620元。（责任单位：县民政局）",
        ]
    )
    path = tmp_path / "haiyuan-draft.txt"
    path.write_bytes(text.encode("gbk"))
    return path


def _finding(report: dict, item: str, obligation: str | None = None) -> dict:  # type: ignore[type-arg]
    return next(
        f
        for f in report["findings"]
        if f["item"] == item and (obligation is None or f["obligation_id"] == obligation)
    )


def test_docx_json_follows_the_contract(
    capsys: pytest.CaptureFixture[str], docx_plan: Path
) -> None:
    code, out, err = run(capsys, "check", str(docx_plan), "--format", "json")
    assert code == 1, err
    data = json.loads(out)
    assert set(data) >= {"plans", "rollup"}
    plan = data["plans"][0]
    assert plan["jurisdiction"] == "中宁县"
    assert set(plan["summary"]) == {
        "satisfied",
        "missing",
        "weaker_target",
        "later_deadline",
        "no_department",
        "vague",
        "share",
    }
    for finding in plan["findings"]:
        assert set(finding) >= {
            "obligation_id",
            "requirement",
            "status",
            "target",
            "deadline",
            "evidence",
            "found",
            "explanation",
        }
        for evidence in finding["evidence"]:
            assert set(evidence) == {"quote", "location", "score"}
    assert _finding(plan, "target:4.2万人以上")["status"] == "share"
    assert _finding(plan, "target:4.2万人以上")["found_value"] == 16000
    assert _finding(plan, "target:54%以上")["status"] == "weaker_target"
    assert _finding(plan, "deadline:3月底")["status"] == "later_deadline"
    assert _finding(plan, "deadline:每月25日前")["status"] == "later_deadline"
    garbage = _finding(plan, "target:92%以上")
    assert garbage["status"] == "satisfied"  # from the table, with its 牵头单位 column
    assert data["rollup"] == []
    assert "\\u" not in out


def test_gbk_text_plan_and_table_output(capsys: pytest.CaptureFixture[str], gbk_plan: Path) -> None:
    code, out, _err = run(capsys, "check", str(gbk_plan))
    assert code == 1
    assert "指标偏低" in out and "缺失" in out
    assert "620" in out


def test_several_plans_rollup_and_progress(
    capsys: pytest.CaptureFixture[str], docx_plan: Path, gbk_plan: Path
) -> None:
    code, out, err = run(capsys, "check", str(docx_plan), str(gbk_plan), "--format", "json")
    assert code == 1
    assert "[1/2]" in err and "[2/2]" in err
    data = json.loads(out)
    row = next(r for r in data["rollup"] if r["obligation_id"] == "ymzf-2022:二/（二）/1#2")
    assert row["shares"] == {str(docx_plan): 16000, str(gbk_plan): 14000}
    assert row["sum"] == 30000
    assert row["shortfall"] == 12000
    training = next(r for r in data["rollup"] if r["obligation_id"] == "ymzf-2022:二/（二）/2#3")
    assert training["sum"] == 1900 and training["shortfall"] == 1100


def test_html_and_markdown_reports(
    capsys: pytest.CaptureFixture[str], docx_plan: Path, tmp_path: Path
) -> None:
    html_file = tmp_path / "report.html"
    code, out, err = run(capsys, "check", str(docx_plan), "--format", "html", "-o", str(html_file))
    assert code == 1 and out == ""
    assert "已写入" in err
    html = html_file.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<mark>50%</mark>" in html
    assert "<script" not in html
    assert "缺失" in html and "@media print" in html
    code, out, _err = run(capsys, "check", str(docx_plan), "--format", "md")
    assert out.startswith("# 工作方案核对报告")
    assert "**50%**" in out


def test_html_escapes_plan_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "evil.md"
    path.write_text(
        f"# {TITLE}\n\n一、就业\n\n（一）<script>alert(1)</script>全年输出移民劳动力外出务工"
        "一万人以上。（责任单位：县人社局）\n",
        encoding="utf-8",
    )
    code, out, _err = run(capsys, "check", str(path), "--format", "html")
    assert code == 1
    assert "<script>" not in out
    assert "&lt;script&gt;" in out


def test_exit_zero_when_nothing_is_missing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "plan.md"
    path.write_text(
        "# 中宁县2022年民营企业参与乡村振兴工作方案\n\n一、工作调度\n\n"
        "加强统计监测和工作调度，及时掌握工作进展情况，县乡村振兴局和县工商联每月底向"
        "自治区乡村振兴局、工商联报告工作进展情况。\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "check", str(path), "--against", "wqxwc", "--format", "json")
    data = json.loads(out)
    statuses = {f["item"]: f["status"] for f in data["plans"][0]["findings"]}
    assert statuses["deadline:每季度末"] == "satisfied", err
    assert code == (1 if any(s not in ("satisfied", "share") for s in statuses.values()) else 0)


def test_unknown_document_id(capsys: pytest.CaptureFixture[str], docx_plan: Path) -> None:
    code, _out, err = run(capsys, "check", str(docx_plan), "--against", "no-such-doc")
    assert code == 2
    assert "没有 id 为" in err and "Traceback" not in err


# ---------------------------------------------------------------- bad input


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, "check", str(tmp_path / "nope.docx"))
    assert code == 2 and "Traceback" not in err and err.strip()


def test_empty_plan(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    code, _out, err = run(capsys, "check", str(path))
    assert code == 2 and "Traceback" not in err and "错误" in err


def test_binary_file_named_docx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    code, _out, err = run(capsys, "check", str(path))
    assert code == 2 and "Traceback" not in err and "错误" in err


def test_corrupt_docx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>")
    code, _out, err = run(capsys, "check", str(path))
    assert code == 2 and "Traceback" not in err and "错误" in err


def test_unknown_encoding(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(bytes([0x81, 0x30, 0xFE, 0x39, 0xA1, 0x00, 0xFF]) * 200)
    code, _out, err = run(capsys, "check", str(path))
    assert code == 2 and "Traceback" not in err and "错误" in err


def test_very_large_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    code, _out, err = run(capsys, "check", str(path))
    assert code == 2 and "Traceback" not in err and "错误" in err


def test_one_long_paragraph_is_checked_with_a_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "flat.txt"
    body = "".join(line.split("。", 1)[-1] for line in PLAN_LINES if "。" in line)
    path.write_text(TITLE + "\n" + body, encoding="utf-8")
    code, out, err = run(capsys, "check", str(path), "--format", "json")
    assert code == 1
    assert "提示" in err and "编号" in err
    plan = json.loads(out)["plans"][0]
    assert plan["warnings"]
    assert _finding(plan, "target:54%以上")["status"] == "weaker_target"


def test_one_bad_plan_among_several(
    capsys: pytest.CaptureFixture[str], docx_plan: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    code, out, err = run(capsys, "check", str(docx_plan), str(bad), "--format", "json")
    assert code == 2
    assert len(json.loads(out)["plans"]) == 1
    assert "无法读取" in err
