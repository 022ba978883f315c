"""Fixtures for the search tests: a real whoosh index in the session's temporary cache
folder (see tests/conftest.py), and a small corpus with hand-made obligations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from policykb.cli import main
from policykb.corpus import Corpus
from policykb.models import Deadline, Departments, Obligation, Target
from policykb.search.index import WhooshEngine
from policykb.search.service import close_all, get_engine

SMALL_DOC = """---
id: zw-test
title: 中卫市测试工作方案
level: city
region: 中卫市
year: 2022
---

# 中卫市测试工作方案

一、就业

（一）稳岗扩岗。组织开展专场招聘，6月底前帮助移民劳动力转移就业5000人以上。

（二）技能提升。开展订单式职业技能培训，提高群众就业能力。

二、保障

（一）兜底救助。落实最低生活保障政策，对困难家庭做到应保尽保。

（二）加強養老服務。建設農村互助養老院，ＡＢＣ８３２平台同步上線。
"""


def make_small_corpus(folder: Path) -> Corpus:
    """A one-document corpus whose obligations name bodies its text does not mention."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "zw-test.md").write_text(SMALL_DOC, encoding="utf-8")
    corpus = Corpus.load(folder)
    rs = "中卫市人力资源社会保障局"
    obligations = [
        Obligation(
            id="zw-test-1",
            doc_id="zw-test",
            clause_id="zw-test:一/（一）",
            path=["一", "（一）"],
            text="6月底前帮助移民劳动力转移就业5000人以上。",
            departments=Departments(lead=[rs], cooperate=["中卫市乡村振兴局"]),
            deadlines=[Deadline(raw="6月底前", kind="absolute", due=dt.date(2022, 6, 30))],
            targets=[Target(raw="5000人以上", metric="转移就业", value=5000, unit="人")],
            source="annotation",
        ),
        Obligation(
            id="zw-test-2",
            doc_id="zw-test",
            clause_id="zw-test:一/（二）",
            path=["一", "（二）"],
            text="开展订单式职业技能培训。",
            departments=Departments(lead=["中卫市农业农村局"], cooperate=[rs]),
            source="annotation",
        ),
        Obligation(
            id="zw-test-3",
            doc_id="zw-test",
            clause_id="zw-test:二/（一）",
            path=["二", "（一）"],
            text="落实最低生活保障政策。",
            departments=Departments(responsible=["各县（区）"], lead=["中卫市民政局"]),
            deadlines=[Deadline(raw="年底", kind="absolute", due=dt.date(2022, 12, 31))],
            source="annotation",
        ),
    ]
    corpus.__dict__["obligations"] = obligations  # Corpus.obligations is a cached_property
    return corpus


@pytest.fixture
def small_corpus(tmp_path: Path) -> Iterator[Corpus]:
    corpus = make_small_corpus(tmp_path / "small")
    yield corpus
    close_all()


@pytest.fixture(scope="session")
def engine(corpus: Corpus) -> WhooshEngine:
    """The open engine of the bundled corpus (built once per test session)."""
    return get_engine(corpus)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process as a user would; (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err
