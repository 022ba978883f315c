"""/check: upload plans, get the checker's report; uploads live only in a temporary folder."""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document as DocxDocument

from policykb.corpus import Corpus
from policykb.web.app import Request, WebApp

from .conftest import Client, Reply, multipart

PLAN = """中宁县2022年百万移民致富提升行动实施方案

一、总体目标

2022年，全县移民劳动力外出务工1.6万人以上，移民人均可支配收入增长10%以上。

二、重点任务

（一）强化就业帮扶。建立就业信息台账，每季度对各移民村劳动力人数、技能培训、就业等情况统计汇总上报。开展移民技能培训800人次以上。（牵头单位：县人力资源社会保障局）

（二）加强兜底保障。落实最低生活保障政策，做到应保尽保。
"""


def docx_bytes(title: str, paragraphs: list[str]) -> bytes:
    document = DocxDocument()
    document.add_paragraph(title)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


HAIYUAN = docx_bytes(
    "海原县2022年百万移民致富提升行动实施方案",
    [
        "一、工作目标",
        "全县移民劳动力外出务工1.2万人以上。",
        "二、重点任务",
        "（一）强化就业帮扶。6月底前完成移民技能培训500人次。（责任单位：县人社局）",
    ],
)


USED: list[Path] = []


class RecordingTemporaryDirectory(tempfile.TemporaryDirectory[str]):
    def __init__(self, suffix: str | None = None, prefix: str | None = None) -> None:
        super().__init__(suffix=suffix, prefix=prefix)
        USED.append(Path(self.name))


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The temporary folder the app writes uploads to: each upload goes to a fresh
    TemporaryDirectory inside it, and nothing stays there afterwards."""
    folder = tmp_path / "uploads"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setattr(tempfile, "TemporaryDirectory", RecordingTemporaryDirectory)
    USED.clear()
    yield folder
    assert USED, "the upload did not go through a TemporaryDirectory"
    for used in USED:
        assert used.parent == folder
        assert not used.exists()
    assert list(folder.iterdir()) == []


def post(
    client: Client,
    path: str,
    fields: dict[str, str | list[str]],
    files: list[tuple[str, str, bytes]],
) -> Reply:
    body, content_type = multipart(fields, files)
    return client.request(path, method="POST", data=body, headers={"Content-Type": content_type})


def test_the_form(client: Client) -> None:
    reply = client.get("/check")
    assert reply.status == 200
    text = reply.text
    assert "核对工作方案" in text
    assert 'enctype="multipart/form-data"' in text
    assert 'accept=".docx,.md,.markdown,.txt"' in text
    assert '<option value="中宁县">' in text
    assert 'name="against" value="ymzf-2022"' in text


def test_one_plan_gives_the_report(client: Client, private_tmp: Path) -> None:
    reply = post(
        client, "/check", {"jurisdiction": "中宁县"}, [("plans", "中宁县方案.txt", PLAN.encode())]
    )
    assert reply.status == 200, reply.text[:400]
    assert reply.content_type == "text/html; charset=utf-8"
    text = reply.text
    assert "工作方案核对报告" in text
    assert "中宁县2022年百万移民致富提升行动实施方案" in text
    assert "文件：中宁县方案.txt" in text  # the name the user knows, not a temporary path
    assert str(private_tmp) not in text
    assert "核对其他方案" in text
    assert "Traceback" not in text
    assert list(private_tmp.iterdir()) == []  # the upload is gone


def test_several_plans_and_formats(client: Client, private_tmp: Path) -> None:
    reply = post(
        client,
        "/check",
        {},
        [
            ("plans", "中宁县方案.txt", PLAN.encode("gb18030")),
            ("plans", "海原县方案.docx", HAIYUAN),
        ],
    )
    assert reply.status == 200, reply.text[:400]
    text = reply.text
    assert "文件：中宁县方案.txt" in text
    assert "文件：海原县方案.docx" in text
    assert "各县（区）分担汇总" in text
    assert list(private_tmp.iterdir()) == []


def test_unreadable_files_are_reported(client: Client, private_tmp: Path) -> None:
    only_bad = post(
        client, "/check", {"jurisdiction": "中宁县"}, [("plans", "旧方案.doc", b"\xd0\xcf\x11\xe0")]
    )
    assert only_bad.status == 400
    assert "旧方案.doc" in only_bad.text
    assert "不支持的文件类型" in only_bad.text
    assert 'value="中宁县"' in only_bad.text  # the form keeps what was typed

    mixed = post(
        client,
        "/check",
        {},
        [("plans", "旧方案.doc", b"\xd0\xcf\x11\xe0"), ("plans", "中宁县方案.txt", PLAN.encode())],
    )
    assert mixed.status == 200
    assert "以下文件无法读取" in mixed.text
    assert "旧方案.doc" in mixed.text
    assert "工作方案核对报告" in mixed.text
    assert list(private_tmp.iterdir()) == []


def test_bad_uploads_get_chinese_messages(client: Client) -> None:
    empty = post(client, "/check", {"jurisdiction": "中宁县"}, [("plans", "", b"")])
    assert empty.status == 400
    assert "请选择至少一个方案文件" in empty.text
    form = client.request(
        "/check",
        method="POST",
        data=b"plans=x",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert form.status == 400
    assert "请通过核对页面的表单上传方案文件" in form.text
    unknown = post(client, "/check", {"against": "ymzf"}, [("plans", "a.txt", PLAN.encode())])
    assert unknown.status == 404
    assert "ymzf-2022" in unknown.text


def test_api_check_gives_the_cli_shape(client: Client) -> None:
    reply = post(
        client,
        "/api/check",
        {"jurisdiction": "中宁县"},
        [("plans", "中宁县方案.txt", PLAN.encode())],
    )
    assert reply.status == 200
    assert reply.content_type == "application/json; charset=utf-8"
    data = json.loads(reply.text)
    assert set(data) >= {"plans", "rollup", "errors"}
    plan = data["plans"][0]
    assert plan["path"] == "中宁县方案.txt"
    assert plan["jurisdiction"] == "中宁县"
    assert set(plan["summary"]) >= {"satisfied", "missing", "weaker_target", "share"}
    assert {f["status"] for f in plan["findings"]} >= {"missing"}
    assert client.get("/api/check").status == 405


def test_the_app_refuses_a_body_over_its_limit(corpus: Corpus) -> None:
    app = WebApp(corpus, max_upload=100)
    body, content_type = multipart({}, [("plans", "a.txt", b"x" * 200)])
    request = Request.from_target(
        "POST", "/check", headers={"content-type": content_type}, body=body
    )
    response = app.handle(request)
    assert response.status == 413
    assert "上传的内容太大（上限 100 字节）" in response.body.decode()
