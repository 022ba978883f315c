"""The HTML pages: status codes, content types, Chinese content, escaping, error pages."""

from __future__ import annotations

from urllib.parse import quote

from .conftest import Client, Reply

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'"
HTML = "text/html; charset=utf-8"


def clause_path(clause_id: str) -> str:
    return "/clause/" + quote(clause_id, safe="")


def assert_page(reply: Reply, status: int = 200) -> str:
    assert reply.status == status, reply.text[:500]
    assert reply.content_type == HTML
    assert reply.headers["Content-Security-Policy"] == CSP
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    text = reply.text
    assert text.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in text
    assert "Traceback" not in text
    # offline: nothing is loaded from elsewhere, and there is no script at all
    assert "<script" not in text.lower()
    assert "http://" not in text and "https://" not in text
    return text


# --------------------------------------------------------------------------- home & documents


def test_home_lists_the_documents_and_a_search_box(client: Client) -> None:
    text = assert_page(client.get("/"))
    assert "政策文件（6 份）" in text
    assert "中卫市2022年百万移民致富提升行动实施方案" in text
    assert "卫党办发〔2022〕7号" in text
    assert '<form class="search" action="/search" method="get"' in text
    assert 'href="/doc/ymzf-2022"' in text
    assert 'href="/obligations?doc=ymzf-2022"' in text


def test_document_page_shows_the_outline(client: Client) -> None:
    text = assert_page(client.get("/doc/ymzf-2022"))
    assert "条款目录" in text
    assert clause_path("ymzf-2022:二/（二）/2") in text
    assert "强化就业帮扶" in text


def test_unknown_document_is_a_chinese_404_with_suggestions(client: Client) -> None:
    text = assert_page(client.get("/doc/ymzf-2021"), 404)
    assert "找不到页面" in text
    assert "没有 id 为“ymzf-2021”的文档" in text
    assert 'href="/doc/ymzf-2022"' in text


# --------------------------------------------------------------------------- search


def test_search_marks_the_matches(client: Client) -> None:
    text = assert_page(client.get("/search?q=三类监测对象"))
    assert "共 7 条结果" in text
    assert "<mark>三类监测对象</mark>" in text
    assert 'href="/clause/sdts-2022%3A' in text
    assert 'value="三类监测对象"' in text  # the box keeps the query


def test_search_filters_and_limit(client: Client) -> None:
    text = assert_page(client.get("/search?q=就业&doc=ymzf-2022&limit=2"))
    assert "显示前 2 条" in text
    assert "sdts-2022:" not in text
    assert "显示更多结果" in text
    assert "limit=4" in text
    text = assert_page(client.get("/search?q=&dept=人社局&role=lead"))
    assert "筛选条件：共" in text


def test_empty_search_shows_the_form_only(client: Client) -> None:
    text = assert_page(client.get("/search"))
    assert "检索条款" in text
    assert "条结果" not in text
    assert 'class="error"' not in text


def test_bad_query_shows_the_chinese_message(client: Client) -> None:
    text = assert_page(client.get("/search?q=-培训"), 400)
    assert "查询只有排除词" in text
    text = assert_page(client.get("/search?q=就业&limit=abc"), 400)
    assert "结果条数须为正整数" in text
    text = assert_page(client.get("/search?q=就业&level=省部级"), 400)
    assert "无法识别的层级" in text


def test_unknown_department_in_search_suggests_links(client: Client) -> None:
    text = assert_page(client.get("/search?q=就业&dept=人设局"), 404)
    assert "你是不是要找" in text
    # a suggestion replaces the department and keeps the query
    assert "/search?q=%E5%B0%B1%E4%B8%9A&amp;dept=%E4%BA%BA%E7%A4%BE%E5%B1%80" in text


def test_unknown_document_in_search_suggests_documents(client: Client) -> None:
    text = assert_page(client.get("/search?q=就业&doc=ymzf"), 404)
    assert "doc=ymzf-2022" in text


def test_everything_is_escaped(client: Client) -> None:
    evil = '<script>alert("x")</script>'
    text = assert_page(client.get("/search?q=" + quote(evil) + "&dept=" + quote(evil)), 404)
    assert "<script>" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text
    text = assert_page(client.get("/clause/" + quote('"><b>x', safe="")), 404)
    assert "<b>x" not in text
    assert "&quot;&gt;&lt;b&gt;x" in text


# --------------------------------------------------------------------------- clauses


def test_clause_page_shows_text_children_and_obligations(client: Client) -> None:
    text = assert_page(client.get(clause_path("ymzf-2022:二/（二）/2")))
    assert "<h1>2. 强化就业帮扶</h1>" in text
    assert "实现每一个移民村至少有1个中介机构和1名劳务经纪人" in text
    assert "本条款的任务" in text
    assert "中卫市人力资源社会保障局" in text
    assert "牵头" in text
    assert "卫党办发〔2022〕7号" in text
    # breadcrumbs up to the document, and the neighbours
    assert 'href="/doc/ymzf-2022"' in text
    assert clause_path("ymzf-2022:二/（二）") in text
    assert clause_path("ymzf-2022:二/（二）/3") in text

    parent = assert_page(client.get(clause_path("ymzf-2022:二/（二）")))
    assert "下级条款" in parent


def test_clause_id_typed_as_is_works(client: Client) -> None:
    # unencoded slashes and half-width brackets, as someone may type it
    text = assert_page(client.get("/clause/ymzf-2022:二/(二)/2"))
    assert "强化就业帮扶" in text


def test_unknown_clause_is_a_404_with_suggestion_links(client: Client) -> None:
    text = assert_page(client.get(clause_path("ymzf-2022:二/（二）/9")), 404)
    assert "没有 id 为“ymzf-2022:二/（二）/9”的条款" in text
    assert 'href="/clause/ymzf-2022%3A' in text


# --------------------------------------------------------------------------- obligations


def test_obligations_of_a_department(client: Client) -> None:
    text = assert_page(client.get("/obligations?dept=人社局&role=lead"))
    assert "中卫市人力资源社会保障局作为牵头：" in text
    assert "共 17 项任务" in text
    assert "ymzf-2022:二/（二）/2#1" in text


def test_obligations_of_a_document_and_groups(client: Client) -> None:
    text = assert_page(client.get("/obligations?doc=jkb-2022"))
    assert "共 19 项任务" in text
    plain = assert_page(client.get("/obligations?dept=中宁县"))
    assert "共 0 项任务" in plain
    expanded = assert_page(client.get("/obligations?dept=中宁县&expand_groups=1"))
    assert "共 0 项任务" not in expanded


def test_obligations_errors(client: Client) -> None:
    text = assert_page(client.get("/obligations?dept=人设局"), 404)
    assert 'href="/obligations?dept=%E4%BA%BA%E7%A4%BE%E5%B1%80"' in text
    text = assert_page(client.get("/obligations?dept=人社局&role=boss"), 400)
    assert "无法识别的角色" in text
    text = assert_page(client.get("/obligations?doc=nope"), 404)
    assert "没有 id 为“nope”的文档" in text


# --------------------------------------------------------------------------- matrix


def test_matrix_overview_and_department(client: Client) -> None:
    text = assert_page(client.get("/matrix"))
    assert "总览：部门 × 文件" in text
    assert "/matrix?dept=%E4%B8%AD%E5%8D%AB%E5%B8%82%E4%BA%BA%E5%8A%9B" in text
    text = assert_page(client.get("/matrix?dept=人社局"))
    assert "<h2>中卫市人力资源社会保障局</h2>" in text
    assert "牵头 17 项" in text
    assert 'href="/matrix.xlsx?dept=' in text


def test_matrix_county_points_to_the_group(client: Client) -> None:
    text = assert_page(client.get("/matrix?dept=中宁县"))
    assert "没有直接列名的任务" in text
    assert "expand_groups=1" in text
    text = assert_page(client.get("/matrix?dept=中宁县&expand_groups=1"))
    assert "经各县（区）" in text


def test_matrix_errors(client: Client) -> None:
    text = assert_page(client.get("/matrix?dept=人设局"), 404)
    assert "dept=%E4%BA%BA%E7%A4%BE%E5%B1%80" in text
    text = assert_page(client.get("/matrix?due_before=明年"), 400)
    assert "无法识别的日期" in text


def test_matrix_downloads(client: Client) -> None:
    xlsx = client.get("/matrix.xlsx?dept=人社局")
    assert xlsx.status == 200
    assert xlsx.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert xlsx.body[:2] == b"PK"
    disposition = xlsx.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''" in disposition

    csv = client.get("/matrix.csv?dept=人社局")
    assert csv.status == 200
    assert csv.content_type == "text/csv; charset=utf-8"
    assert csv.text.startswith("\ufeff部门,角色")
    assert "中卫市人力资源社会保障局" in csv.text

    page = client.get("/matrix.html")
    assert page.status == 200
    assert page.content_type == HTML
    assert "部门责任清单" in page.text
    assert page.headers["Content-Disposition"].startswith("attachment;")

    missing = client.get("/matrix.xlsx?dept=人设局")
    assert missing.status == 404
    assert "你是不是要找" in missing.text


# --------------------------------------------------------------------------- errors & HTTP


def test_unknown_path_is_a_chinese_404(client: Client) -> None:
    text = assert_page(client.get("/nowhere"), 404)
    assert "找不到页面" in text
    assert "没有这个页面：/nowhere" in text
    assert_page(client.get("/search/"), 404)
    assert_page(client.get("/clause/"), 404)


def test_no_directory_listing_or_files(client: Client) -> None:
    for path in ("/src/", "/../pyproject.toml", "/corpus/ymzf-2022.md", "/%2e%2e/etc/passwd"):
        reply = client.get(path)
        assert reply.status == 404
        assert "Index of" not in reply.text


def test_only_get_and_post(client: Client) -> None:
    for method in ("PUT", "DELETE", "PATCH", "OPTIONS"):
        reply = client.request("/", method=method)
        assert reply.status == 405
        assert reply.headers["Allow"] == "GET, POST"
        assert "不支持的请求方式" in reply.text
    head = client.raw("HEAD", "/", {"Host": "127.0.0.1"})
    assert head.status == 405
    assert head.body == b""
    post = client.request("/", method="POST", data=b"x=1")
    assert post.status == 405
    assert "此页面只接受 GET 请求" in post.text
    odd = client.raw("BREW", "/", {"Host": "127.0.0.1"})
    assert odd.status == 501
    assert "只接受 GET 和 POST" in odd.text


def test_foreign_host_names_are_refused(client: Client) -> None:
    reply = client.raw("GET", "/", {"Host": "evil.example:8765"})
    assert reply.status == 400
    assert "不接受的主机名" in reply.text
    assert client.raw("GET", "/", {"Host": "localhost"}).status == 200
