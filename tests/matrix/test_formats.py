"""Every output format written to a real file and read back with a real parser."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.cells import cell_len

from policykb.corpus import Corpus
from policykb.matrix import build_matrix
from policykb.models import ROLES, Matrix, Obligation
from policykb.render.matrix_csv import BOM, HEADERS, render_csv
from policykb.render.matrix_html import render_html
from policykb.render.matrix_markdown import render_markdown
from policykb.render.matrix_xlsx import (
    DEPARTMENT_HEADERS,
    GRID_HEADERS,
    build_workbook,
    display_width,
    sheet_title,
)

from .conftest import expected_duties, run

RENSHE = "中卫市人力资源社会保障局"
SHANGWU = "中卫市商务局"


def _renshe_lead(corpus: Corpus) -> Obligation:
    """An obligation 人社局 leads, with a target (read from the current annotations)."""
    ids = expected_duties(RENSHE)["lead"]
    return next(o for o in corpus.obligations if o.id in ids and o.targets)


# --------------------------------------------------------------------------- xlsx


def test_xlsx_written_and_read_back(
    tmp_path: Path, corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "清单.xlsx"
    code, out, err = run(
        capsys,
        "matrix",
        "--dept",
        "人社局",
        "--dept",
        "商务局",
        "--format",
        "xlsx",
        "-o",
        str(path),
    )
    assert code == 0, err
    assert out == ""
    assert "已写入" in err
    wb = load_workbook(path)
    assert wb.sheetnames == ["总览", "网格", RENSHE, SHANGWU]

    overview = wb["总览"]
    assert overview.freeze_panes == "B3"
    assert overview["A1"].value == "部门"
    assert [overview.cell(row=2, column=c).value for c in (2, 3, 4)] == ["牵头", "配合", "责任"]
    assert overview["A3"].value == RENSHE
    assert overview["A4"].value == SHANGWU
    assert overview["A1"].alignment.wrap_text
    assert overview.column_dimensions["A"].width >= display_width(RENSHE)
    # the 合计 columns are the last three
    last = overview.max_column
    expected = expected_duties(RENSHE)
    totals = [overview.cell(row=3, column=c).value for c in (last - 2, last - 1, last)]
    assert totals == [len(expected[r]) for r in ROLES]
    assert "ymzf-2022" in str(overview["B1"].value) or "ymzf-2022" in str(overview.cell(1, 2).value)

    sheet = wb[RENSHE]
    assert sheet.freeze_panes == "A4"
    assert sheet["A1"].value == RENSHE
    header = [sheet.cell(row=3, column=c).value for c in range(1, len(DEPARTMENT_HEADERS) + 1)]
    assert header == list(DEPARTMENT_HEADERS)
    rows = {
        row[7]: row for row in sheet.iter_rows(min_row=4, values_only=True) if row[7] is not None
    }
    assert set(rows) == set().union(*expected.values())
    known = _renshe_lead(corpus)
    row = rows[known.id]
    assert row[0] == corpus.document(known.doc_id).meta.title
    assert row[1] == "/".join(known.path)
    assert row[3] == known.text
    assert row[4] == "牵头"
    assert known.targets[0].raw in row[6]
    requirement = sheet.column_dimensions["D"]
    assert 40 <= requirement.width <= 62
    assert sheet["D4"].alignment.wrap_text

    grid = wb["网格"]
    assert [grid.cell(row=1, column=c).value for c in range(1, 8)] == [
        *GRID_HEADERS,
        RENSHE,
        SHANGWU,
    ]
    assert grid.freeze_panes == "F2"
    grid_rows = {r[0]: r for r in grid.iter_rows(min_row=2, values_only=True)}
    assert grid_rows[known.id][5] == "牵头"
    assert grid_rows[known.id][6] in (None, "配合")


def test_full_workbook_sheet_names_are_valid_and_unique(full_matrix: Matrix) -> None:
    wb = build_workbook(full_matrix)
    names = wb.sheetnames
    assert len(names) == 2 + len(full_matrix.departments)
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        assert 0 < len(name) <= 31
        assert not set(name) & set("[]:*?/\\")


def test_sheet_title_rules() -> None:
    used: set[str] = {"总览"}
    assert sheet_title("中卫市农业农村局", used) == "中卫市农业农村局"
    assert sheet_title("中卫市农业农村局", used) == "中卫市农业农村局（2）"
    assert sheet_title("总览", used) == "总览（2）"
    assert sheet_title("a/b:c*d?[e]\\f", used) == "a_b_c_d__e__f"
    long = "很" * 40
    first = sheet_title(long, used)
    second = sheet_title(long, used)
    assert len(first) == 31 and len(second) == 31 and first != second
    assert sheet_title("'''", used) == "部门"


def test_display_width_counts_chinese_as_two() -> None:
    assert display_width("人社局") == 6
    assert display_width("ymzf-2022") == 9
    assert display_width("二/（二）/1") == 11


# --------------------------------------------------------------------------- csv


def test_csv_has_bom_and_one_row_per_department_obligation_role(
    tmp_path: Path, corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "清单.csv"
    code, _, err = run(capsys, "matrix", "--format", "csv", "-o", str(path))
    assert code == 0, err
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == HEADERS
    body = rows[1:]
    keys = [(r[0], r[3], r[1]) for r in body]
    assert len(keys) == len(set(keys))
    matrix = build_matrix(corpus.obligations)
    assert len(body) == sum(len(d.duties) for d in matrix.departments)
    known = _renshe_lead(corpus)
    [row] = [r for r in body if r[0] == RENSHE and r[3] == known.id]
    assert row[1] == "牵头"
    assert row[8] == known.text
    assert row[5] == corpus.document(known.doc_id).meta.title
    assert all(len(r) == len(HEADERS) for r in body)


def test_csv_rendering_without_bom() -> None:
    empty = Matrix(departments=[])
    assert render_csv(empty).startswith(BOM)
    assert not render_csv(empty, bom=False).startswith(BOM)


# --------------------------------------------------------------------------- html


class _Sections(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.departments: list[str] = []
        self.classes: list[str] = []
        self.external: list[str] = []
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.add(tag)
        if tag == "section":
            self.classes.append(values.get("class") or "")
            if values.get("class") == "department":
                self.departments.append(values.get("data-department") or "")
        for key in ("src", "href"):
            value = values.get(key) or ""
            if value and not value.startswith("#"):
                self.external.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_one_standalone_printable_page(
    tmp_path: Path, full_matrix: Matrix, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "清单.html"
    code, _, err = run(capsys, "matrix", "--format", "html", "-o", str(path))
    assert code == 0, err
    page = path.read_text(encoding="utf-8")
    parser = _Sections()
    parser.feed(page)
    assert parser.departments == [d.name for d in full_matrix.departments]
    assert parser.classes[0] == "overview" and parser.classes[-1] == "grid"
    assert parser.external == []
    assert not {"script", "link", "img", "iframe"} & parser.tags
    assert "@page" in page and "A4" in page
    assert "page-break-before: always" in page
    assert "table-header-group" in page
    assert '<meta charset="utf-8">' in page


def test_html_and_markdown_escape_text(corpus: Corpus) -> None:
    base = next(o for o in corpus.obligations if o.departments.lead)
    tricky = base.model_copy(
        update={"text": '<script>alert("x")</script> a|b & c', "title": "<b>标题</b>"}
    )
    matrix = build_matrix([tricky], departments=[base.departments.lead[0]])
    page = render_html(matrix)
    assert "<script>" not in page and "<b>标题" not in page
    assert "&lt;script&gt;" in page and "&amp; c" in page
    parser = _Sections()
    parser.feed(page)
    assert '<script>alert("x")</script> a|b & c' in "".join(parser.text)

    md = render_markdown(matrix)
    assert "a\\|b" in md
    assert "<script>" not in md
    for line in md.splitlines():
        if line.startswith("|"):
            assert line.endswith("|")


# --------------------------------------------------------------------------- markdown


def test_markdown_tables_are_well_formed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "清单.md"
    code, _, err = run(capsys, "matrix", "--dept", "人社局", "--format", "md", "-o", str(path))
    assert code == 0, err
    md = path.read_text(encoding="utf-8")
    assert md.startswith("# 部门责任清单")
    assert f"## {RENSHE}" in md
    assert "## 总览" in md and "## 网格" in md
    # every table: the same number of cells on each row (escaped pipes do not count)
    tables: list[list[str]] = []
    current: list[str] = []
    for line in md.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    assert len(tables) == 3
    for table in tables:
        widths = {line.replace("\\|", "").count("|") for line in table}
        assert len(widths) == 1, table[0]
    lead_rows = [line for line in tables[1] if line.startswith("| 牵头 |")]
    assert len(lead_rows) == len(expected_duties(RENSHE)["lead"])


def test_markdown_to_stdout_with_one_view(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "matrix", "--dept", "商务局", "--format", "md", "--view", "overview")
    assert code == 0
    assert "## 总览" in out and "## 网格" not in out and f"## {SHANGWU}" not in out


# --------------------------------------------------------------------------- json & terminal


def test_json_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "matrix", "--dept", "人社局", "--format", "json")
    assert code == 0
    assert "\\u" not in out
    data = json.loads(out)
    [row] = data["departments"]
    assert set(row) >= {"name", "aliases", "lead", "cooperate", "responsible"}
    assert row["name"] == RENSHE
    assert "人社局" in row["aliases"]
    expected = expected_duties(RENSHE)
    for role in ROLES:
        assert isinstance(row[role], list)
        assert set(row[role]) == expected[role]


def test_json_of_the_whole_corpus(capsys: pytest.CaptureFixture[str], full_matrix: Matrix) -> None:
    code, out, _ = run(capsys, "matrix", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [d["name"] for d in data["departments"]] == [d.name for d in full_matrix.departments]
    unregistered = [d for d in data["departments"] if not d["aliases"]]
    assert all(d["aliases"] == [] for d in unregistered)


def test_terminal_department_view_lines_up(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "matrix", "--dept", "人社局")
    assert code == 0
    expected = expected_duties(RENSHE)
    assert RENSHE in out
    assert f"牵头 {len(expected['lead'])} 项" in out
    table = [line for line in out.splitlines() if line[:1] in "┏┃┡│├└"]
    assert table
    assert len({cell_len(line) for line in table}) == 1


def test_terminal_overview_and_grid(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "matrix", "--view", "overview")
    assert code == 0
    assert "部门 × 文档" in out and RENSHE in out
    table = [line for line in out.splitlines() if line[:1] in "┏┃┡│└"]
    assert len({cell_len(line) for line in table}) == 1

    code, out, _ = run(capsys, "matrix", "--dept", "人社局", "--dept", "商务局", "--view", "grid")
    assert code == 0
    assert "1 中卫市人力资源社会保障局" in out and "2 中卫市商务局" in out
    known = sorted(expected_duties(RENSHE)["lead"])[0]
    [line] = [line for line in out.splitlines() if known + " " in line or known + "│" in line]
    assert "牵" in line


def test_terminal_table_written_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "清单.txt"
    code, out, _ = run(capsys, "matrix", "--dept", "人社局", "-o", str(path))
    assert code == 0 and out == ""
    text = path.read_text(encoding="utf-8")
    assert RENSHE in text and "\x1b[" not in text
