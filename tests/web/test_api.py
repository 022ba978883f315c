"""The JSON API gives exactly what the CLI prints with ``--format json``."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from policykb.cli import main

from .conftest import Client

JSON = "application/json; charset=utf-8"


def cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    with pytest.raises(SystemExit) as exit_info:
        main([*args, "--format", "json"])
    out, _ = capsys.readouterr()
    assert exit_info.value.code in (0, None)
    return json.loads(out)


def api(client: Client, path: str, status: int = 200) -> object:
    reply = client.get(path)
    assert reply.status == status, reply.text[:300]
    assert reply.content_type == JSON
    assert "\\u" not in reply.text  # Chinese as characters, as the CLI writes it
    return json.loads(reply.text)


@pytest.mark.parametrize(
    ("path", "args"),
    [
        ("/api/docs", ["docs"]),
        ("/api/clauses?doc=jkb-2022", ["clauses", "--doc", "jkb-2022"]),
        ("/api/search?q=三类监测对象", ["search", "三类监测对象"]),
        (
            "/api/search?q=养老 服务&limit=3&level=city",
            ["search", "养老", "服务", "--limit", "3", "--level", "city"],
        ),
        ("/api/search?q=&dept=人社局&role=lead", ["search", "--dept", "人社局", "--role", "lead"]),
        ("/api/obligations", ["obligations"]),
        (
            "/api/obligations?doc=ymzf-2022&dept=人社局",
            ["obligations", "--doc", "ymzf-2022", "--dept", "人社局"],
        ),
        (
            "/api/obligations?dept=中宁县&expand_groups=1",
            ["obligations", "--dept", "中宁县", "--expand-groups"],
        ),
        ("/api/matrix", ["matrix"]),
        ("/api/matrix?dept=人社局&dept=民政局", ["matrix", "--dept", "人社局", "--dept", "民政局"]),
        (
            "/api/matrix?dept=中宁县&expand_groups=1&role=responsible",
            ["matrix", "--dept", "中宁县", "--expand-groups", "--role", "responsible"],
        ),
    ],
)
def test_api_equals_the_cli(
    client: Client, capsys: pytest.CaptureFixture[str], path: str, args: list[str]
) -> None:
    assert api(client, path) == cli_json(capsys, *args)


def test_api_clause_equals_show(client: Client, capsys: pytest.CaptureFixture[str]) -> None:
    clause_id = "ymzf-2022:二/（二）/2"
    got = api(client, "/api/clause/" + quote(clause_id, safe=""))
    assert got == cli_json(capsys, "show", clause_id)


def test_api_shapes_follow_the_contract(client: Client) -> None:
    docs = api(client, "/api/docs")
    assert isinstance(docs, dict)
    assert set(docs["documents"][0]) >= {
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
    found = api(client, "/api/search?q=低保")
    assert isinstance(found, dict)
    assert set(found) >= {"query", "total", "hits"}
    assert set(found["hits"][0]) >= {
        "rank",
        "score",
        "doc_id",
        "clause_id",
        "path",
        "title",
        "text",
        "highlights",
    }
    matrix = api(client, "/api/matrix?dept=人社局")
    assert isinstance(matrix, dict)
    assert set(matrix["departments"][0]) >= {"name", "aliases", "lead", "cooperate", "responsible"}


def test_api_errors_are_json_in_chinese(client: Client) -> None:
    error = api(client, "/api/search?q=", 400)
    assert isinstance(error, dict)
    assert error["error"]["message"] == "请输入要检索的词语"
    error = api(client, "/api/obligations?dept=人设局", 404)
    assert isinstance(error, dict)
    assert "人社局" in error["error"]["suggestions"]
    error = api(client, "/api/clause/" + quote("ymzf-2022:二/（二）/9", safe=""), 404)
    assert isinstance(error, dict)
    assert error["error"]["suggestions"]
    error = api(client, "/api/nothing", 404)
    assert isinstance(error, dict)
    assert "没有这个接口" in error["error"]["message"]
    reply = client.request("/api/docs", method="POST", data=b"")
    assert reply.status == 405
    assert reply.content_type == JSON
