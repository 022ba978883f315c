"""Bad input through the CLI: a Chinese message, exit code 2, never a traceback; output
files replaced only atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from .conftest import run


def _clean(err: str) -> None:
    assert "Traceback" not in err
    assert err.startswith(("错误：", "用法错误："))


def test_unknown_department_prints_the_closest_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "matrix", "--dept", "人设局")
    assert code == 2
    assert out == ""
    _clean(err)
    assert "未找到部门：人设局" in err
    assert "人社局" in err


def test_unknown_department_in_the_calendar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "calendar", "--dept", "农业农村厅局", "-o", str(tmp_path / "x.ics"))
    assert code == 2
    _clean(err)
    assert "你是不是要找" in err
    assert not (tmp_path / "x.ics").exists()


def test_unknown_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "matrix", "--doc", "ymzf-2023")
    assert code == 2
    _clean(err)
    assert "ymzf-2022" in err


def test_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "matrix", "--due-before", "2022/6/30")
    assert code == 2
    _clean(err)
    assert "日期格式不对：2022/6/30" in err
    code, _, err = run(capsys, "calendar", "--until", "明年", "-o", "x.ics")
    assert code == 2
    assert "日期格式不对" in err


def test_due_before_filters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "matrix", "--due-before", "2022-03-31", "--format", "json")
    assert code == 0, err
    assert '"departments"' in out


def test_xlsx_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "matrix", "--format", "xlsx")
    assert code == 2
    assert out == ""
    _clean(err)
    assert "-o" in err


def test_calendar_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "calendar")
    assert code == 2
    _clean(err)


@pytest.mark.parametrize("fmt", ["xlsx", "html", "csv", "md", "json"])
def test_output_in_a_missing_folder(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "没有这个目录" / f"清单.{fmt}"
    code, out, err = run(capsys, "matrix", "--dept", "人社局", "--format", fmt, "-o", str(target))
    assert code == 2
    assert out == ""
    _clean(err)
    assert "输出目录不存在" in err
    assert not target.parent.exists()


def test_calendar_in_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "calendar", "-o", str(tmp_path / "无" / "x.ics"))
    assert code == 2
    _clean(err)
    assert "输出目录不存在" in err


def test_output_path_is_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "matrix", "--format", "csv", "-o", str(tmp_path))
    assert code == 2
    _clean(err)
    assert "输出路径是一个目录" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_output_folder_without_permission(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = run(capsys, "matrix", "--format", "html", "-o", str(locked / "x.html"))
    finally:
        locked.chmod(0o700)
    assert code == 2
    _clean(err)
    assert "没有写入权限" in err


def test_existing_file_is_replaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "清单.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    code, _, err = run(capsys, "matrix", "--dept", "人社局", "--format", "xlsx", "-o", str(target))
    assert code == 0, err
    assert load_workbook(target).sheetnames[:2] == ["总览", "网格"]
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["清单.xlsx"]


def test_a_failed_write_leaves_the_old_file_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import Workbook

    target = tmp_path / "清单.xlsx"
    target.write_bytes(b"old report")

    def broken_save(self: Workbook, filename: str) -> None:
        Path(filename).write_bytes(b"PK half written")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", broken_save)
    code, _, err = run(capsys, "matrix", "--format", "xlsx", "-o", str(target))
    assert code == 2
    _clean(err)
    assert "无法写入" in err and "No space left on device" in err
    assert target.read_bytes() == b"old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["清单.xlsx"]


def test_text_formats_replace_an_existing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "清单.md"
    target.write_text("旧内容", encoding="utf-8")
    code, _, _ = run(capsys, "matrix", "--dept", "商务局", "--format", "md", "-o", str(target))
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert "旧内容" not in text and "中卫市商务局" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["清单.md"]


def test_member_without_own_duties_gets_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "matrix", "--dept", "中宁县")
    assert code == 0
    assert "--expand-groups" in err
    assert "没有符合条件的任务" in out
    code, out, err = run(capsys, "matrix", "--dept", "中宁县", "--expand-groups")
    assert code == 0
    assert "--expand-groups" not in err
    assert "经各县（区）" in out
