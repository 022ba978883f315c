"""Reading plans that are not corpus files: .docx, .txt in any encoding, .md; bad input."""

from __future__ import annotations

import codecs
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykb.documents.encoding import decode_bytes, read_text_file
from policykb.documents.plans import (
    describe_location,
    detect_jurisdiction,
    join_wrapped_lines,
    plan_doc_id,
    read_any_document,
    read_plan,
)
from policykb.errors import CorpusError, InputError
from policykb.models import Document

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "examples" / "plans" / "_reader_samples"


def ids(doc: Document) -> list[str]:
    return [c.id for c in doc.clauses]


def by_id(doc: Document, clause_id: str):  # type: ignore[no-untyped-def]
    clause = doc.clause(clause_id)
    assert clause is not None, f"{clause_id} not in {ids(doc)}"
    return clause


# --------------------------------------------------------------------------- .docx


def _zhongning_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("中宁县2022年百万移民致富提升行动实施方案", style="Title")  # 1
    d.add_paragraph("宁县发〔2022〕3号")  # 2
    d.add_paragraph("")  # empty: not counted
    d.add_paragraph(  # 3
        "为贯彻落实《中卫市2022年百万移民致富提升行动实施方案》，结合我县实际，制定本方案。"
    )
    d.add_paragraph("一、总体目标", style="Heading 1")  # 4
    d.add_paragraph("2022年移民群众人均可支配收入增长12%以上。")  # 5
    d.add_paragraph("二、重点任务", style="Heading 1")  # 6
    d.add_paragraph("（一）加大产业扶持力度", style="Heading 2")  # 7
    p = d.add_paragraph("1. ")  # 8
    p.add_run("扶持产业发展。").bold = True
    p.add_run("每个移民村培育1至2个主导产业。（责任单位：县农业农村局）")
    table = d.add_table(rows=3, cols=3)  # 9: a table in the middle
    rows = [["任务", "目标", "责任单位"], ["技能培训", "1000人次", "县人社局"]]
    rows.append(["劳务输出", "1.2万人", "县人社局"])
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    d.add_paragraph("2. 延长产业链条。建设农产品加工园区1个。")  # 10
    d.add_paragraph("（二）精准落实就业帮扶", style="Heading 2")  # 11
    d.add_paragraph("开展移民技能培训1000人次以上。")  # 12
    d.add_paragraph("保障措施", style="Heading 1")  # 13: numbered by the reader as 三、
    d.add_paragraph("各乡镇要高度重视。")  # 14
    d.add_paragraph("中宁县人民政府")  # 15
    d.add_paragraph("2022年3月15日")  # 16
    d.save(str(path))
    return path


def test_docx_clause_tree(tmp_path: Path) -> None:
    doc = read_plan(_zhongning_docx(tmp_path / "zhongning-2022.docx"))
    assert ids(doc) == [
        "zhongning-2022:preamble",
        "zhongning-2022:一",
        "zhongning-2022:二",
        "zhongning-2022:二/（一）",
        "zhongning-2022:二/（一）/1",
        "zhongning-2022:二/（一）/2",
        "zhongning-2022:二/（二）",
        "zhongning-2022:三",
        "zhongning-2022:closing",
    ]
    preamble = by_id(doc, "zhongning-2022:preamble")
    assert preamble.text == (
        "宁县发〔2022〕3号\n"
        "为贯彻落实《中卫市2022年百万移民致富提升行动实施方案》，结合我县实际，制定本方案。"
    )
    assert preamble.line == 2
    goal = by_id(doc, "zhongning-2022:一")
    assert (goal.title, goal.text, goal.line, goal.label) == (
        "总体目标",
        "2022年移民群众人均可支配收入增长12%以上。",
        4,
        "一、",
    )
    assert by_id(doc, "zhongning-2022:二/（一）").title == "加大产业扶持力度"
    first = by_id(doc, "zhongning-2022:二/（一）/1")
    assert first.title == "扶持产业发展"  # the bold lead run
    assert first.text == (
        "扶持产业发展。每个移民村培育1至2个主导产业。（责任单位：县农业农村局）\n"
        "任务 | 目标 | 责任单位\n技能培训 | 1000人次 | 县人社局\n劳务输出 | 1.2万人 | 县人社局"
    )
    assert first.line == 8
    assert first.parent_id == "zhongning-2022:二/（一）"
    # the table stays where it was: inside item 1, before item 2
    assert [t.rows for t in first.tables] == [
        [
            ["任务", "目标", "责任单位"],
            ["技能培训", "1000人次", "县人社局"],
            ["劳务输出", "1.2万人", "县人社局"],
        ]
    ]
    second = by_id(doc, "zhongning-2022:二/（一）/2")
    assert (second.title, second.line, second.tables) == ("延长产业链条", 10, [])
    employment = by_id(doc, "zhongning-2022:二/（二）")
    assert (employment.text, employment.line) == ("开展移民技能培训1000人次以上。", 11)
    safeguards = by_id(doc, "zhongning-2022:三")
    assert (safeguards.title, safeguards.text, safeguards.line) == (
        "保障措施",
        "各乡镇要高度重视。",
        13,
    )
    closing = by_id(doc, "zhongning-2022:closing")
    assert (closing.text, closing.line) == ("中宁县人民政府\n2022年3月15日", 15)
    assert doc.warnings == [
        "1 个标题没有编号（如第13段“保障措施”），已按标题级别补上编号（“保障措施”编为“三、”）"
    ]


def test_docx_metadata(tmp_path: Path) -> None:
    doc = read_plan(_zhongning_docx(tmp_path / "zhongning-2022.docx"))
    meta = doc.meta
    assert meta.id == "zhongning-2022"
    assert meta.title == "中宁县2022年百万移民致富提升行动实施方案"
    assert (meta.level, meta.region, meta.year) == ("county", "中宁县", 2022)
    assert meta.doc_number == "宁县发〔2022〕3号"
    assert meta.date is not None and meta.date.isoformat() == "2022-03-15"
    assert doc.source == str(tmp_path / "zhongning-2022.docx")
    assert describe_location(doc.source, 8) == "第8段"


def test_docx_overrides(tmp_path: Path) -> None:
    path = _zhongning_docx(tmp_path / "中宁县方案.docx")
    doc = read_plan(path, jurisdiction="红寺堡区", doc_id="hsb")
    assert (doc.meta.id, doc.meta.region, doc.meta.level) == ("hsb", "红寺堡区", "county")
    assert doc.clauses[1].id == "hsb:一"
    assert read_plan(path).meta.id == plan_doc_id(path)
    assert plan_doc_id(path).startswith("plan-")
    with pytest.raises(InputError, match="文档 id“中宁”不合法"):
        read_plan(path, doc_id="中宁")


def _add_numbering(d: docx.document.Document) -> None:
    numbering = d.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%3."/></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )


def _numbered(d: docx.document.Document, text: str, ilvl: int, style: str | None = None) -> None:
    p = d.add_paragraph(text, style=style)
    p._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>'
        )
    )


def test_docx_automatic_list_numbering(tmp_path: Path) -> None:
    d = docx.Document()
    _add_numbering(d)
    d.add_paragraph("同心县2022年移民致富提升工作方案")
    _numbered(d, "总体要求", 0, "Heading 1")
    d.add_paragraph("坚持以人民为中心。")
    _numbered(d, "重点任务", 0, "Heading 1")
    _numbered(d, "产业发展", 1, "Heading 2")
    _numbered(d, "培育主导产业。每个移民村培育1个主导产业。", 2)
    _numbered(d, "发展庭院经济。鼓励发展庭院经济。", 2)
    _numbered(d, "就业帮扶", 1, "Heading 2")
    _numbered(d, "开展技能培训。全年培训八百人次。", 2)
    path = tmp_path / "tongxin.docx"
    d.save(str(path))
    doc = read_plan(path)
    assert ids(doc) == [
        "tongxin:一",
        "tongxin:二",
        "tongxin:二/（一）",
        "tongxin:二/（一）/1",
        "tongxin:二/（一）/2",
        "tongxin:二/（二）",
        "tongxin:二/（二）/1",
    ]
    assert [c.label for c in doc.clauses] == ["一、", "二、", "（一）", "1.", "2.", "（二）", "1."]
    assert by_id(doc, "tongxin:二/（二）/1").text == "开展技能培训。全年培训八百人次。"
    assert doc.meta.region == "同心县"
    assert doc.warnings == []


def test_docx_soft_breaks_deletions_content_controls_merged_cells(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("盐池县移民致富提升行动方案")
    p = d.add_paragraph("一、产业发展")
    p.add_run().add_break()  # Shift+Enter: a new numbered line starts a new block
    p.add_run("（一）培育主导产业。每村培育1个主导产业，")
    p.add_run().add_break()  # … and a wrapped line continues the block
    p.add_run("全年新增2个。")
    # a tracked deletion is not text; a tracked insertion is
    d.add_paragraph("（二）发展庭院经济。")._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="a" w:date="2022-01-01T00:00:00Z">'
            "<w:r><w:delText>已删除的文字</w:delText></w:r></w:del>"
        )
    )
    # a content control around a paragraph
    body = d.element.body
    body.insert(
        len(body) - 1,
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>（三）控件中的任务。</w:t>"
            "</w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )
    table = d.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "任务"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "目标与责任"
    table.cell(1, 0).text = "养殖"
    table.cell(1, 1).text = "500头"
    table.cell(1, 2).merge(table.cell(2, 2)).text = "县农业农村局"
    table.cell(2, 0).text = "种植"
    table.cell(2, 1).text = "300亩"
    frame = d.add_table(rows=1, cols=1)  # a one-cell table used as a frame
    frame.cell(0, 0).text = "（四）框内的任务。"
    path = tmp_path / "yanchi.docx"
    d.save(str(path))
    doc = read_plan(path)
    assert ids(doc) == [
        "yanchi:一",
        "yanchi:一/（一）",
        "yanchi:一/（二）",
        "yanchi:一/（三）",
        "yanchi:一/（四）",
    ]
    assert by_id(doc, "yanchi:一/（一）").text == "培育主导产业。每村培育1个主导产业，全年新增2个。"
    assert by_id(doc, "yanchi:一/（一）").line == 2  # same Word paragraph as 一、
    assert by_id(doc, "yanchi:一/（二）").title == "发展庭院经济"
    assert "已删除" not in by_id(doc, "yanchi:一/（二）").text
    assert by_id(doc, "yanchi:一/（三）").title == "控件中的任务"
    assert [t.rows for t in by_id(doc, "yanchi:一/（三）").tables] == [
        [
            ["任务", "目标与责任", ""],
            ["养殖", "500头", "县农业农村局"],
            ["种植", "300亩", "县农业农村局"],
        ]
    ]
    four = by_id(doc, "yanchi:一/（四）")
    assert (four.title, four.line) == ("框内的任务", 6)


# --------------------------------------------------------------------------- plain text


HARD_WRAPPED = [
    "　　　　海原县2022年百万移民致富提升行动工作方案",
    "　　　　　　　　　（征求意见稿）",
    "　　为深入贯彻落实市委、市政府关于百万移民致富提升行动的决策部署，进一步",
    "明确工作目标和任务，压紧压实工作责任，确保全县2022年各项工作取得实效",
    "，结合我县实际，制定本方案。",
    "　　一、工作目标",
    "　　到2022年底，全县移民群众人均可支配收入同比增长12%以上，增速高",
    "于全县农村居民人均可支配收入增长水平，移民村基础设施条件明显改善",
    "　　二、重点任务",
    "　　（一）加大产业扶持力度",
    "　　1.扶持产业发展提质增效。大力发展肉牛、肉羊、小杂粮等特色种养业，每",
    "个移民村培育1至2个主导产业，实现对重点移民村科技服务全覆盖。（责任单位",
    "：县农业农村局）",
    "　　2.大力培育经营主体。每个移民村培育和引进1至2个农业新型经营主体，",
    "力争重点移民村集体收入全部达到5万元以上。（责任单位：县农业农村局、县乡",
    "村振兴局）",
    "",
    "- 2 -",
    "",
    "　　3.开展技能培训。全年培训三千人次，其中五成以上为女性。",
    "　　海原县人民政府办公室",
    "　　2022年4月2日",
]


def test_gbk_hard_wrapped_text(tmp_path: Path) -> None:
    path = tmp_path / "haiyuan.txt"
    path.write_bytes("\r\n".join(HARD_WRAPPED).encode("gbk"))
    text, encoding = read_text_file(path)
    assert encoding == "gbk"
    assert "\r" not in text
    doc = read_plan(path)
    assert doc.meta.title == "海原县2022年百万移民致富提升行动工作方案"
    assert (doc.meta.region, doc.meta.level, doc.meta.year) == ("海原县", "county", 2022)
    assert ids(doc) == [
        "haiyuan:preamble",
        "haiyuan:一",
        "haiyuan:二",
        "haiyuan:二/（一）",
        "haiyuan:二/（一）/1",
        "haiyuan:二/（一）/2",
        "haiyuan:二/（一）/3",
        "haiyuan:closing",
    ]
    assert by_id(doc, "haiyuan:preamble").text == (
        "（征求意见稿）\n为深入贯彻落实市委、市政府关于百万移民致富提升行动的决策部署，"
        "进一步明确工作目标和任务，压紧压实工作责任，确保全县2022年各项工作取得实效，"
        "结合我县实际，制定本方案。"
    )
    goal = by_id(doc, "haiyuan:一")
    assert goal.text == (
        "到2022年底，全县移民群众人均可支配收入同比增长12%以上，"
        "增速高于全县农村居民人均可支配收入增长水平，移民村基础设施条件明显改善"
    )
    assert goal.line == 6
    first = by_id(doc, "haiyuan:二/（一）/1")
    assert first.text.endswith("实现对重点移民村科技服务全覆盖。（责任单位：县农业农村局）")
    assert first.line == 11
    second = by_id(doc, "haiyuan:二/（一）/2")
    assert second.text.endswith("（责任单位：县农业农村局、县乡村振兴局）")
    assert second.line == 14
    assert by_id(doc, "haiyuan:二/（一）/3").line == 20  # the page number line is gone
    assert by_id(doc, "haiyuan:closing").text == "海原县人民政府办公室\n2022年4月2日"
    assert doc.warnings == []
    assert describe_location(doc.source, 14) == "第14行"


def test_unwrapped_text_keeps_short_lines_apart() -> None:
    lines = [
        "中宁县2022年百万移民致富提升行动",
        "实施方案",
        "（征求意见稿）",
        "为进一步明确工作目标和任务，压紧压实工作责任，确保全县各项工作取得实效，结合实际，制定本方案。",
        "一、总体目标",
        "移民群众人均可支配收入增长12%以上，增速高于全县农村居民人均可支配收入增长水平。",
        "二、重点任务",
        "各乡镇要对照任务清单，",
        "逐项抓好落实。",
    ]
    assert join_wrapped_lines(lines) == [
        (1, "中宁县2022年百万移民致富提升行动"),
        (2, "实施方案"),
        (3, "（征求意见稿）"),
        (4, lines[3]),
        (5, "一、总体目标"),
        (6, lines[5]),
        (7, "二、重点任务"),
        (8, "各乡镇要对照任务清单，逐项抓好落实。"),  # a trailing comma always continues
    ]


def test_two_line_title(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "中宁县2022年百万移民致富提升行动\n实施方案\n一、总体目标\n收入增长12%以上。\n",
        encoding="utf-8",
    )
    doc = read_plan(path)
    assert doc.meta.title == "中宁县2022年百万移民致富提升行动实施方案"
    assert ids(doc) == ["plan:一"]


def test_gb18030_only_characters(tmp_path: Path) -> None:
    content = "一、总体目标\n龑䶮𠀀等字不在GBK中，只能用GB18030保存。\n"
    path = tmp_path / "rare.txt"
    path.write_bytes(content.encode("gb18030"))
    with pytest.raises(UnicodeEncodeError):
        content.encode("gbk")
    assert read_text_file(path) == (content, "gb18030")
    assert by_id(read_plan(path), "rare:一").text == "龑䶮𠀀等字不在GBK中，只能用GB18030保存。"


@pytest.mark.parametrize(
    ("codec", "prefix", "expected"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-8", b"", "utf-8"),
        ("utf-16-le", b"", "utf-16-le"),  # BOM-less: found from the NUL bytes
        ("utf-16-be", b"", "utf-16-be"),
        ("gbk", b"", "gbk"),
    ],
)
def test_encodings_detected(tmp_path: Path, codec: str, prefix: bytes, expected: str) -> None:
    content = "同心县移民工作方案\r\n一、总体目标\r\n移民收入增长12%以上。\r\n"
    path = tmp_path / "plan.txt"
    path.write_bytes(prefix + content.encode(codec))
    text, encoding = read_text_file(path)
    assert encoding == expected
    assert text == content.replace("\r\n", "\n")
    assert path.read_bytes().decode(encoding).replace("\r\n", "\n") == text
    doc = read_plan(path)
    assert doc.meta.title == "同心县移民工作方案"
    assert by_id(doc, "plan:一").text == "移民收入增长12%以上。"


def test_hard_cases_go_to_charset_normalizer() -> None:
    # traditional Chinese in Big5 also decodes as GB18030, into mojibake full of rare
    # characters and kana: the plausibility guard rejects it, charset-normalizer finds Big5
    content = "寧夏回族自治區中衛市移民致富提升行動實施方案。堅持以人民為中心，以共同富裕為方向，"
    content += "圍繞產業、就業、社會融入三件事，全力抓好產業就業幫扶、基礎設施建設。"
    assert decode_bytes(content.encode("big5")) == (content, "big5")
    # BOM-less UTF-16 of pure Chinese text has no NUL byte to give it away
    pure = "移民群众人均可支配收入同比增长百分之十二"
    assert decode_bytes(pure.encode("utf-16-le")) == (pure, "utf-16-le")


def test_stray_control_characters_are_dropped() -> None:
    assert decode_bytes("一、目标\x07\x0b收入增长。".encode()) == ("一、目标\n收入增长。", "utf-8")


# --------------------------------------------------------------------------- Markdown


def test_markdown_without_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "shapotou.md"
    path.write_text(
        "# 沙坡头区2022年移民致富提升行动方案\n"
        "\n"
        "为做好移民致富工作，制定本方案。\n"
        "\n"
        "## 一、总体目标\n"
        "\n"
        "移民收入增长**12%**以上。\n"
        "\n"
        "## 二、重点任务\n"
        "\n"
        "（一）培育主导产业。每村培育1个主导产业。\n"
        "（二）发展庭院经济。庭院经济覆盖五成农户。\n"
        "\n"
        "| 任务 | 目标 |\n"
        "| --- | --- |\n"
        "| 技能培训 | 800人次 |\n",
        encoding="utf-8",
    )
    doc = read_plan(path)
    assert doc.meta.title == "沙坡头区2022年移民致富提升行动方案"
    assert (doc.meta.region, doc.meta.level) == ("沙坡头区", "county")
    assert ids(doc) == [
        "shapotou:preamble",
        "shapotou:一",
        "shapotou:二",
        "shapotou:二/（一）",
        "shapotou:二/（二）",
    ]
    assert [c.line for c in doc.clauses] == [3, 5, 9, 11, 12]
    assert by_id(doc, "shapotou:一").text == "移民收入增长12%以上。"
    # lines typed without a blank line between them are still separate items
    assert by_id(doc, "shapotou:二/（一）").text == "培育主导产业。每村培育1个主导产业。"
    second = by_id(doc, "shapotou:二/（二）")
    assert second.text == "发展庭院经济。庭院经济覆盖五成农户。\n任务 | 目标\n技能培训 | 800人次"
    assert [t.rows for t in second.tables] == [[["任务", "目标"], ["技能培训", "800人次"]]]


def test_markdown_headings_without_numbers(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(
        "# 红寺堡区移民工作方案\n\n## 总体目标\n\n收入增长。\n\n## 重点任务\n\n### 产业\n\n"
        "培育产业。\n\n### 就业\n\n开展培训。\n",
        encoding="utf-8",
    )
    doc = read_plan(path)
    assert ids(doc) == ["plan:一", "plan:二", "plan:二/（一）", "plan:二/（二）"]
    assert [c.title for c in doc.clauses] == ["总体目标", "重点任务", "产业", "就业"]
    assert doc.warnings == [
        "4 个标题没有编号（如第3行“总体目标”），已按标题级别补上编号（“总体目标”编为“一、”）"
    ]


def test_markdown_with_front_matter_is_a_corpus_document(tmp_path: Path) -> None:
    source = REPO / "corpus" / "06-ymzf-2022.md"
    doc = read_any_document(source)
    assert doc.id == "ymzf-2022"
    assert len(doc.clauses) == 36
    renamed = read_any_document(source, doc_id="copy", jurisdiction="中宁县")
    assert renamed.meta.region == "中宁县"
    assert by_id(renamed, "copy:二/（一）/1").parent_id == "copy:二/（一）"
    assert by_id(renamed, "copy:二/（一）").children[0] == "copy:二/（一）/1"
    # broken numbering: a warning for a plan, an error for a strict corpus read
    broken = tmp_path / "broken.md"
    broken.write_text(
        "---\nid: b\ntitle: 测试\nlevel: county\nregion: 中宁县\n---\n\n一、甲\n\n三、乙\n",
        encoding="utf-8",
    )
    assert read_plan(broken).warnings == ["第10行：编号“三、”不连续：此处应为第2项"]
    with pytest.raises(CorpusError):
        read_any_document(broken, strict=True)


def test_markdown_partial_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text("---\ntitle: 自定义标题\nregion: 同心县\n---\n\n一、总体目标\n\n增长。\n")
    doc = read_plan(path)
    assert (doc.meta.title, doc.meta.region, doc.meta.level) == ("自定义标题", "同心县", "county")
    assert by_id(doc, "plan:一").line == 6
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\n\n正文。\n")
    with pytest.raises(InputError, match="前置元数据不是合法的 YAML"):
        read_plan(bad)


# --------------------------------------------------------------------------- structure


def test_one_long_paragraph_is_one_clause_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "flat.txt"
    body = "今年我县将继续推进移民致富提升行动，" * 40 + "确保各项任务落到实处。"
    path.write_text(body, encoding="utf-8")
    doc = read_plan(path)
    assert len(doc.clauses) == 1
    clause = doc.clauses[0]
    assert (clause.id, clause.kind, clause.text, clause.line) == (
        "flat:preamble",
        "preamble",
        body,
        1,
    )
    assert doc.meta.title == "flat"
    assert len(doc.warnings) == 1
    assert doc.warnings[0].startswith("未识别到编号结构")


def test_numbering_oddities_are_warnings(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_text("一、总体目标\n增长。\n三、重点任务\n（二）产业。\n", encoding="utf-8")
    doc = read_plan(path)
    assert ids(doc) == ["odd:一", "odd:三", "odd:三/（二）"]
    assert doc.warnings == [
        "第3行：编号“三、”不连续：此处应为第2项",
        "第4行：编号“（二）”不连续：此处应为第1项",
    ]


# --------------------------------------------------------------------------- jurisdiction


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("中宁县2022年百万移民致富提升行动实施方案", "中宁县"),
        ("关于印发中宁县2022年百万移民致富提升行动实施方案的通知", "中宁县"),
        ("沙坡头区百万移民致富提升行动工作方案", "沙坡头区"),
        ("中卫市沙坡头区2022年工作要点", "沙坡头区"),  # the most specific level
        ("中共红寺堡区委办公室关于印发方案的通知", "红寺堡区"),
        ("海原县、同心县联合工作方案", "海原县"),
        ("盐池县农贸市场建设方案", "盐池县"),
        ("中宁县城区污水管网建设方案", "中宁县"),
        ("大通回族土族自治县工作方案", "大通回族土族自治县"),
        ("鄂托克前旗2022年工作方案", "鄂托克前旗"),
        ("中卫市2022年深入推进四大提升行动实施意见", "中卫市"),
        ("宁夏回族自治区乡村振兴方案", None),
        ("康乐移民区建设方案", None),
        ("社区养老服务方案", None),
        ("2022年全县移民工作方案", None),
        ("关于做好全县移民工作的通知", None),
        ("各县（区）工作方案", None),
        ("工业园区建设方案\n同心县人民政府", "同心县"),  # not in the title: the next lines
    ],
)
def test_detect_jurisdiction(title: str, expected: str | None) -> None:
    assert detect_jurisdiction(title) == expected


def test_title_jurisdiction_beats_body(tmp_path: Path) -> None:
    path = tmp_path / "city.txt"
    path.write_text("中卫市移民工作方案\n一、沙坡头区的任务\n增长。\n", encoding="utf-8")
    doc = read_plan(path)
    assert (doc.meta.region, doc.meta.level) == ("中卫市", "city")
    path.write_text("移民工作方案\n一、任务\n增长。\n", encoding="utf-8")
    doc = read_plan(path)
    assert (doc.meta.region, doc.meta.level) == ("", "other")


# --------------------------------------------------------------------------- bad input


def _error(path: Path, **kw: object) -> str:
    with pytest.raises(InputError) as info:
        read_plan(path, **kw)  # type: ignore[arg-type]
    assert info.type is InputError
    return str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    message = _error(tmp_path / "nope.docx")
    assert message.startswith("找不到文件：")
    assert "nope.docx" in message


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "plans.txt"
    folder.mkdir()
    assert "是一个目录，不是文件" in _error(folder)


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.docx"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    assert "文件是空的" in _error(path)


def test_file_without_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\u3000\n\t\n", encoding="utf-8")
    assert "文件中没有文字内容" in _error(path)
    empty_docx = tmp_path / "blank.docx"
    d = docx.Document()
    d.add_paragraph("")
    d.save(str(empty_docx))
    message = _error(empty_docx)
    assert "文件中没有文字内容" in message
    assert "文字识别" in message


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def test_binary_file_renamed(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(PNG)
    assert "这不是文本文件，看起来是PNG 图片" in _error(path)
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(256)) * 4)
    assert "这不是文本文件：内容含有二进制数据" in _error(noise)


def test_corrupted_docx(tmp_path: Path) -> None:
    not_zip = tmp_path / "a.docx"
    not_zip.write_text("其实是文本文件", encoding="utf-8")
    assert ".docx 文件已损坏或不是 Word 文档（不是 ZIP 格式" in _error(not_zip)

    good = _zhongning_docx(tmp_path / "good.docx")
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert ".docx 文件已损坏或不是 Word 文档" in _error(truncated)

    other_zip = tmp_path / "sheet.docx"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "这是 Excel 表格文件" in _error(other_zip)

    def with_document_xml(name: str, change: Callable[[bytes], bytes]) -> Path:
        buffer = io.BytesIO()
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(buffer, "w") as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "word/document.xml":
                    data = change(data)
                dst.writestr(item, data)
        target = tmp_path / name
        target.write_bytes(buffer.getvalue())
        return target

    cut = with_document_xml("cut.docx", lambda data: data[: len(data) // 2])
    message = _error(cut)
    assert ".docx 文件已损坏或不是 Word 文档（XMLSyntaxError" in message
    assert "另存为" in message
    no_body = with_document_xml("nobody.docx", lambda data: b"<foo/>")
    assert ".docx 文件已损坏或不是 Word 文档（缺少正文部分）" in _error(no_body)

    old_word = tmp_path / "old.docx"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert "旧版 Word 97-2003（.doc）文件或加了密码的文档" in _error(old_word)


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("一、目标\n" + "增长。" * 2000, encoding="utf-8")
    message = _error(path, max_bytes=10_000)
    size = path.stat().st_size
    assert size == 18_013
    assert "文件过大（18 KB），超过上限 10 KB" in message
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:  # sparse: 50 MB on paper, nothing read
        handle.seek(50 * 1024 * 1024 - 1)
        handle.write(b"\0")
    assert "文件过大（52.4 MB），超过上限 20 MB" in _error(big)


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"Ceci n'est pas un plan" + b"\xff\xfe\xfa\x80\x81" * 50)
    message = _error(path)
    assert "无法识别文件编码" in message
    assert "UTF-8" in message and "另存为" in message
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(("一、总体目标\n" * 30).encode() + "第二行".encode("gbk") + b"\n")
    assert "文件大部分是 UTF-8，但第31行有无法解码的字节" in _error(mixed)


@pytest.mark.parametrize(
    ("name", "hint"),
    [("plan.pdf", "PDF"), ("plan.doc", "另存为"), ("plan", "没有扩展名"), ("plan.xlsx", ".docx")],
)
def test_unknown_extension(tmp_path: Path, name: str, hint: str) -> None:
    path = tmp_path / name
    path.write_text("一、总体目标", encoding="utf-8")
    message = _error(path)
    assert "不支持的文件类型" in message
    assert "支持的格式：.docx、.md、.markdown、.txt" in message
    assert hint in message


# --------------------------------------------------------------------------- properties


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bytes")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000))
def test_read_text_file_raises_only_input_error(scratch: Path, data: bytes) -> None:
    path = scratch / "any.txt"
    path.write_bytes(data)
    try:
        text, encoding = read_text_file(path)
    except InputError:
        return
    assert isinstance(text, str)
    assert "\r" not in text
    codecs.lookup(encoding)


COMMON = "中宁县移民致富提升行动实施方案总体目标重点任务产业就业培训人次万元以上年月日"
TEXTS = st.text(alphabet=COMMON + "，。、（）：；0123456789%\n", min_size=12, max_size=300)


@settings(max_examples=150, deadline=None)
@given(text=TEXTS, codec=st.sampled_from(["utf-8", "gbk", "gb18030", "utf-16", "utf-8-sig"]))
def test_chinese_text_round_trips(text: str, codec: str) -> None:
    if sum(ch in COMMON for ch in text) < 6:
        return
    decoded, _ = decode_bytes(text.encode(codec))
    assert decoded == text


# --------------------------------------------------------------------------- samples


def test_reader_samples_on_disk() -> None:
    txt = read_plan(SAMPLES / "haiyuan-2022.txt")
    assert read_text_file(SAMPLES / "haiyuan-2022.txt")[1] == "gbk"
    assert txt.meta.region == "海原县"
    assert txt.warnings == []
    assert sum(c.kind == "section" for c in txt.clauses) >= 15
    md = read_plan(SAMPLES / "shapotou-2022.md")
    assert md.meta.region == "沙坡头区"
    assert md.warnings == []
    assert sum(c.kind == "section" for c in md.clauses) >= 12
