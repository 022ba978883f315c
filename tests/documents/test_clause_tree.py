"""The clause tree of the real corpus: structure, ids, coverage of the text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policykb.corpus import Corpus
from policykb.documents.markdown import split_front_matter
from policykb.documents.sentences import split_sentences

DOC_IDS = ["shzz-zxxd", "mzb-tongzhi", "wqxwc", "jkb-2022", "sdts-2022", "ymzf-2022"]


def test_documents_in_compilation_order(corpus: Corpus) -> None:
    assert [d.id for d in corpus.documents] == DOC_IDS


@pytest.mark.parametrize(
    ("doc_id", "count"),
    [
        ("shzz-zxxd", 19),
        ("mzb-tongzhi", 9),
        ("wqxwc", 15),
        ("jkb-2022", 11),
        ("sdts-2022", 35),
        ("ymzf-2022", 36),
    ],
)
def test_clause_counts(corpus: Corpus, doc_id: str, count: int) -> None:
    assert len(corpus.document(doc_id).clauses) == count


def test_nested_numbering_of_doc6(corpus: Corpus) -> None:
    clause = corpus.clause("ymzf-2022:二/（一）/1")
    assert clause.path == ["二", "（一）", "1"]
    assert clause.level == 3
    assert clause.parent_id == "ymzf-2022:二/（一）"
    assert clause.title == "扶持产业发展提质增效"
    assert clause.text.startswith("扶持产业发展提质增效。大力发展枸杞")
    assert clause.text.endswith("人行中卫市中心支行、中卫银保监分局）")
    parent = corpus.clause("ymzf-2022:二/（一）")
    assert parent.title == "加大产业扶持力度"
    assert parent.text == ""
    assert parent.children == [f"ymzf-2022:二/（一）/{n}" for n in range(1, 5)]


def test_half_width_brackets_normalised_in_path(corpus: Corpus) -> None:
    # doc 6 writes "(四)提升公共服务水平" with half-width brackets
    clause = corpus.clause("ymzf-2022:二/（四）")
    assert clause.label == "(四)"
    assert clause.title == "提升公共服务水平"
    assert corpus.clause("ymzf-2022:二/(四)/1").id == "ymzf-2022:二/（四）/1"


def test_inline_heading_and_heading_only(corpus: Corpus) -> None:
    guide = corpus.clause("shzz-zxxd:一/（一）")
    assert guide.title == "指导思想"
    top = corpus.clause("shzz-zxxd:一")
    assert (top.title, top.text) == ("总体要求", "")
    # a heading followed by an unnumbered paragraph: the paragraph is the clause's text
    goal = corpus.clause("ymzf-2022:一")
    assert goal.title == "总体目标"
    assert goal.text.startswith("以习近平新时代中国特色社会主义思想为指导")


def test_preamble_and_closing(corpus: Corpus) -> None:
    preamble = corpus.clause("mzb-tongzhi:preamble")
    assert preamble.kind == "preamble"
    assert preamble.text.startswith("民发〔2022〕11号\n各省、自治区、直辖市民政厅（局）")
    closing = corpus.clause("mzb-tongzhi:closing")
    assert closing.kind == "closing"
    assert closing.text.startswith("各级民政部门和乡村振兴部门要按照本通知要求")
    assert closing.text.endswith("民政部 国家乡村振兴局\n2022年2月15日")


def test_tables_of_doc4(corpus: Corpus) -> None:
    first = corpus.clause("jkb-2022:二/（一）")
    assert len(first.tables) == 1
    assert first.tables[0].rows[0] == ["保障责任", "人均单项保额", "保险费"]
    assert first.tables[0].rows[1] == ["意外伤害身故", "50000元", "40元/人"]
    second = corpus.clause("jkb-2022:二/（二）")
    assert second.tables[0].rows[1][:3] == ["大病补充医疗保险", "0-20000元（含）", "20%"]
    assert "意外伤害医疗保险 | 80%" in second.text


def test_ids_are_unique_and_stable(corpus: Corpus) -> None:
    ids = [c.id for c in corpus.clauses]
    assert len(ids) == len(set(ids))
    for clause in corpus.clauses:
        if clause.kind == "section":
            assert clause.id == f"{clause.doc_id}:{'/'.join(clause.path)}"


def test_ids_do_not_depend_on_unrelated_text(tmp_path, corpus: Corpus) -> None:
    from policykb.documents.markdown import parse_markdown_document

    source = (corpus.root / "06-ymzf-2022.md").read_text(encoding="utf-8")  # type: ignore[operator]
    edited = source.replace("大力发展枸杞、奶牛", "大力发展枸杞、奶山羊、奶牛")
    edited = edited.replace("## 一、总体目标", "## 一、总体目标和要求")
    before = [c.id for c in parse_markdown_document(source).clauses]
    after = [c.id for c in parse_markdown_document(edited).clauses]
    assert before == after


def _strip_markdown(body: str) -> str:
    lines = []
    for line in body.split("\n"):
        if line.startswith("# "):
            continue  # the title is document metadata, not a clause
        if re.fullmatch(r"\s*-{3,}\s*", line) or re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", line):
            continue
        lines.append(re.sub(r"^#+\s*", "", line))
    return re.sub(r"[\s|]", "", "".join(lines))


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_clauses_cover_the_whole_body(corpus: Corpus, doc_id: str) -> None:
    """Concatenated clause labels, headings and texts give back the body: nothing dropped."""
    doc = corpus.document(doc_id)
    assert doc.source is not None
    _, body, _ = split_front_matter(Path(doc.source).read_text(encoding="utf-8"), doc.source)
    rebuilt = []
    for clause in doc.clauses:
        rebuilt.append(clause.label or "")
        if clause.title and not clause.text.startswith(clause.title):
            rebuilt.append(clause.title)
        rebuilt.append(clause.text)
    assert re.sub(r"[\s|]", "", "".join(rebuilt)) == _strip_markdown(body)


def test_sentences_keep_brackets_and_quotes_whole() -> None:
    text = "实现“两不愁、三保障”；确保稳定。各县（区）要报送（每月；每季度）。尾句"
    assert split_sentences(text) == [
        "实现“两不愁、三保障”；",
        "确保稳定。",
        "各县（区）要报送（每月；每季度）。",
        "尾句",
    ]


def test_parenthetical_after_last_full_stop_joins_its_sentence(corpus: Corpus) -> None:
    clause = corpus.clause("ymzf-2022:二/（一）/4")
    assert clause.sentences[-1].endswith(
        "（责任单位：各县〈区〉；牵头部门：市农业农村局；配合部门：市乡村振兴局）"
    )
    assert clause.sentences[-1].startswith("推行村集体经济合作社带动一批")
