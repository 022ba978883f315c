"""The web app: a small router from paths to handlers that call the library.

A handler takes a :class:`Request` and returns a :class:`Response` — ``(status,
content_type, body)`` plus optional headers.  Handlers stay thin: they read the query,
call the library (``Corpus``, :func:`policykb.search.run_search`,
:func:`policykb.selection.select_obligations`, the matrix builder, the plan checker) and
hand the result to :mod:`.pages` (HTML) or return the CLI's JSON shapes
(``shared/contracts.md``) under ``/api/``.

Errors: a ``NotFoundError`` gives 404 and an ``InputError`` 400, both with the Chinese
message (suggestions as links); any other exception is logged to standard error and
answered by a 500 page that shows no traceback.  The app is independent of the HTTP
server, so tests can also call :meth:`WebApp.handle` directly.
"""

from __future__ import annotations

import email.policy
import io
import json
import logging
import re
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.parser import BytesParser
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import parse_qs, quote, unquote

from pydantic_core import to_jsonable_python

from ..corpus import Corpus
from ..errors import InputError, NotFoundError, PolicyKBError
from ..models import CheckResult, Clause, Document, Matrix, Obligation, Role
from ..render.corpus_view import document_listing
from . import pages

log = logging.getLogger("policykb.web")

#: Largest request body accepted (uploaded plans): 20 MB.
MAX_UPLOAD = 20 * 1024 * 1024
#: Results shown by /search when no limit is given.
DEFAULT_LIMIT = 20
MAX_LIMIT = 10_000

HTML = "text/html; charset=utf-8"
JSON = "application/json; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEPT_SPLIT = re.compile(r"[、,，;；]")


class Response(NamedTuple):
    """What a handler returns: status, content type, body, extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class Request:
    """One HTTP request as the app sees it."""

    method: str
    path: str
    query: dict[str, list[str]] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    @classmethod
    def from_target(
        cls,
        method: str,
        target: str,
        *,
        headers: Mapping[str, str] | None = None,
        body: bytes = b"",
    ) -> Request:
        """From a request line's target (``/search?q=…``): path decoded, query parsed."""
        raw_path, _, raw_query = target.partition("?")
        raw_path = raw_path.partition("#")[0]
        query = parse_qs(raw_query, keep_blank_values=True, max_num_fields=200)
        return cls(method.upper(), raw_path, query, headers or {}, body)

    def arg(self, name: str) -> str | None:
        """The first value of query parameter ``name``, stripped; None when absent or empty."""
        values = self.query.get(name)
        if not values:
            return None
        value = values[0].strip()
        return value or None

    def flag(self, name: str) -> bool:
        return (self.arg(name) or "").lower() in ("1", "true", "yes", "on")

    def args(self, *names: str) -> dict[str, str | None]:
        return {name: self.arg(name) for name in names}


def html_response(status: int, text: str, *headers: tuple[str, str]) -> Response:
    return Response(status, HTML, text.encode("utf-8"), tuple(headers))


def json_response(payload: Any, status: int = 200) -> Response:
    """JSON as the CLI prints it: UTF-8, Chinese as characters, indented."""
    text = json.dumps(to_jsonable_python(payload), ensure_ascii=False, indent=2) + "\n"
    return Response(status, JSON, text.encode("utf-8"))


MAX_FILES = 20


@dataclass
class Upload:
    """A parsed ``multipart/form-data`` body: text fields and files (name, bytes)."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    files: list[tuple[str, bytes]] = field(default_factory=list)

    def value(self, name: str) -> str | None:
        values = [v.strip() for v in self.fields.get(name, []) if v.strip()]
        return values[0] if values else None


def parse_upload(request: Request) -> Upload:
    """The form fields and files of a multipart POST (``email.parser``, not ``cgi``)."""
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        raise InputError(
            "请通过核对页面的表单上传方案文件", hint="表单编码须为 multipart/form-data"
        )
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1", "replace")
    message = BytesParser(policy=email.policy.HTTP).parsebytes(head + request.body)
    if not message.is_multipart():
        raise InputError("上传的内容格式有误", hint="请在核对页面重新选择文件上传")
    upload = Upload()
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        if filename is not None:
            if filename or data:  # a file input left empty sends filename=""
                upload.files.append((filename, data))
        elif isinstance(name, str):
            upload.fields.setdefault(name, []).append(data.decode("utf-8", "replace"))
    return upload


_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def display_names(filenames: list[str]) -> list[str]:
    """The names to show for uploaded files: the base name as the user's computer gave it,
    made unique (方案.docx, 方案（2）.docx)."""
    out: list[str] = []
    for index, raw in enumerate(filenames, 1):
        base = _UNSAFE_NAME.sub("", re.split(r"[/\\]", raw)[-1]).strip() or f"方案{index}"
        base = base[-120:]
        name, n = base, 1
        while name in out:
            n += 1
            stem, dot, ext = base.rpartition(".")
            name = f"{stem}（{n}）.{ext}" if dot and stem else f"{base}（{n}）"
        out.append(name)
    return out


def upload_problem(error: PolicyKBError, path: Path, name: str) -> str:
    """Why an uploaded file could not be read, naming it as the user knows it (not by its
    temporary path)."""
    message = error.message.replace(str(path), name)
    if not message.startswith(name):
        message = f"{name}：{message}"
    return f"{message}（{error.hint}）" if error.hint else message


def safe_file_name(name: str, index: int) -> str:
    """A file name to write under the temporary folder: no separators, no leading dot."""
    cleaned = _UNSAFE_NAME.sub("", name).lstrip(".").strip()
    return cleaned or f"plan-{index}"


def size_text(size: int) -> str:
    """20 MB, 512 KB, 1000 字节."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} MB"
    if size >= 1024:
        return f"{size / 1024:.3g} KB"
    return f"{size} 字节"


def download(body: bytes, content_type: str, filename: str) -> Response:
    """A file to save: ``Content-Disposition: attachment`` with the (Chinese) file name."""
    ascii_name = "policykb." + filename.rsplit(".", 1)[-1]
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(200, content_type, body, (("Content-Disposition", disposition),))


def error_status(error: PolicyKBError) -> int:
    return 404 if isinstance(error, NotFoundError) else 400


def json_error(error: PolicyKBError) -> Response:
    suggestions = error.suggestions if isinstance(error, NotFoundError) else []
    payload = {"error": {"message": error.message, "hint": error.hint, "suggestions": suggestions}}
    return json_response(payload, error_status(error))


Handler = Callable[[Request], Response]


class WebApp:
    """The pages and the JSON API over one corpus."""

    def __init__(self, corpus: Corpus, *, max_upload: int = MAX_UPLOAD) -> None:
        self.corpus = corpus
        self.max_upload = max_upload
        # the search engine keeps one open searcher and the checker shares its segmenter:
        # one search or check at a time
        self._engine_lock = threading.Lock()
        self.routes: dict[str, dict[str, Handler]] = {
            "/": {"GET": self.home},
            "/search": {"GET": self.search},
            "/obligations": {"GET": self.obligations},
            "/matrix": {"GET": self.matrix},
            "/matrix.xlsx": {"GET": self.matrix_xlsx},
            "/matrix.csv": {"GET": self.matrix_csv},
            "/matrix.html": {"GET": self.matrix_html},
            "/api/docs": {"GET": self.api_docs},
            "/api/clauses": {"GET": self.api_clauses},
            "/api/search": {"GET": self.api_search},
            "/api/obligations": {"GET": self.api_obligations},
            "/api/matrix": {"GET": self.api_matrix},
            "/check": {"GET": self.check_form, "POST": self.check},
            "/api/check": {"POST": self.api_check},
        }
        self.prefixes: dict[str, dict[str, Handler]] = {
            "/clause/": {"GET": self.clause},
            "/doc/": {"GET": self.document},
            "/api/clause/": {"GET": self.api_clause},
        }

    # ------------------------------------------------------------------ dispatch
    def handle(self, request: Request) -> Response:
        """Route ``request``; never raises."""
        api = request.path.startswith("/api/")
        try:
            methods = self._methods(request.path)
            if methods is None:
                return self.not_found(request)
            handler = methods.get(request.method)
            if handler is None:
                return self.method_not_allowed(sorted(methods), api=api)
            return handler(request)
        except PolicyKBError as exc:
            if api:
                return json_error(exc)
            return html_response(
                error_status(exc), pages.error_page(error_status(exc), pages.error_box(exc))
            )
        except Exception:
            log.exception("处理请求 %s %s 时出错", request.method, request.path)
            return self.internal_error(api=api)

    def _methods(self, path: str) -> dict[str, Handler] | None:
        if path in self.routes:
            return self.routes[path]
        for prefix, methods in self.prefixes.items():
            if path.startswith(prefix) and len(path) > len(prefix):
                return methods
        return None

    @staticmethod
    def tail(request: Request, prefix: str) -> str:
        """The decoded rest of the path after ``prefix`` (``/clause/<id>`` → id)."""
        return unquote(request.path[len(prefix) :], errors="strict")

    # ------------------------------------------------------------------ error pages
    def not_found(self, request: Request) -> Response:
        if request.path.startswith("/api/"):
            return json_error(NotFoundError(f"没有这个接口：{request.path}"))
        body = pages.message_box(
            f"没有这个页面：{request.path}", "请从首页进入，或在上方检索框中检索条款。"
        )
        return html_response(404, pages.error_page(404, body))

    def method_not_allowed(self, allowed: list[str], *, api: bool = False) -> Response:
        allow = ("Allow", ", ".join(allowed))
        message = f"此页面只接受 {'、'.join(allowed)} 请求。"
        if api:
            response = json_error(InputError(message))
            return response._replace(status=405, headers=(allow,))
        return html_response(405, pages.error_page(405, pages.message_box(message)), allow)

    def internal_error(self, *, api: bool = False) -> Response:
        message = "服务器处理请求时出错。"
        hint = "这是 policykb 的缺陷：错误详情已记录在运行 policykb serve 的终端窗口中，请报告给维护者。"
        if api:
            return json_response(
                {"error": {"message": message, "hint": hint, "suggestions": []}}, 500
            )
        return html_response(500, pages.error_page(500, pages.message_box(message, hint)))

    def payload_too_large(self) -> Response:
        body = pages.message_box(
            f"上传的内容太大（上限 {size_text(self.max_upload)}）。",
            "请减少一次上传的文件数，或删去方案中的图片后再试。",
        )
        return html_response(413, pages.error_page(413, body))

    def error(self, status: int, message: str, hint: str | None = None) -> Response:
        """A plain error page (the server uses it for malformed requests)."""
        return html_response(status, pages.error_page(status, pages.message_box(message, hint)))

    # ------------------------------------------------------------------ shared data
    def department_names(self) -> list[str]:
        """Every department the obligations name (for the form's suggestions list)."""
        return list(dict.fromkeys(n for o in self.corpus.obligations for n in o.departments.all()))

    def _role(self, value: str | None) -> Role | None:
        if value is None:
            return None
        from ..search.service import ROLE_ALIASES

        role = ROLE_ALIASES.get(value.lower())
        if role is None:
            raise InputError(
                f"无法识别的角色：“{value}”",
                hint="可用：lead（牵头）、cooperate（配合）、responsible（责任）",
            )
        return role

    # ------------------------------------------------------------------ pages
    def home(self, request: Request) -> Response:
        rows = document_listing(self.corpus)
        page = pages.home_page(
            rows,
            self.corpus.documents,
            self.department_names(),
            obligation_total=len(self.corpus.obligations),
        )
        return html_response(200, page)

    def document(self, request: Request) -> Response:
        doc_id = self.tail(request, "/doc/")
        try:
            document = self.corpus.document(doc_id)
        except NotFoundError as exc:
            box = pages.error_box(exc, pages.doc_url)
            return html_response(404, pages.error_page(404, box))
        per_clause = Counter(o.clause_id for o in self.corpus.obligations_of(document.id))
        page = pages.document_page(document, per_clause, sum(per_clause.values()))
        return html_response(200, page)

    def clause(self, request: Request) -> Response:
        clause_id = self.tail(request, "/clause/")
        try:
            clause = self.corpus.clause(clause_id)
        except NotFoundError as exc:
            box = pages.error_box(exc, pages.clause_url)
            return html_response(404, pages.error_page(404, box))
        document = self.corpus.document(clause.doc_id)
        ancestors: list[Clause] = []
        parent_id = clause.parent_id
        while parent_id:
            parent = self.corpus.clause(parent_id)
            ancestors.insert(0, parent)
            parent_id = parent.parent_id
        position = next(i for i, c in enumerate(document.clauses) if c.id == clause.id)
        clauses = document.clauses
        page = pages.clause_page(
            document,
            clause,
            ancestors=ancestors,
            children=self.corpus.children(clause),
            obligations=[o for o in self.corpus.obligations if o.clause_id == clause.id],
            previous=clauses[position - 1] if position > 0 else None,
            following=clauses[position + 1] if position + 1 < len(clauses) else None,
        )
        return html_response(200, page)

    SEARCH_FIELDS = ("q", "doc", "level", "dept", "role", "due_before", "limit", "has_target")

    def search(self, request: Request) -> Response:
        form = request.args(*self.SEARCH_FIELDS)
        filters = any(form[k] for k in ("doc", "level", "dept", "due_before", "has_target"))

        def render(status: int, **kw: Any) -> Response:
            names = self.department_names()
            return html_response(
                status, pages.search_page(form, self.corpus.documents, names, **kw)
            )

        if not form["q"] and not filters:
            return render(200)
        try:
            limit = self._limit(form["limit"], DEFAULT_LIMIT)
            outcome = self._run_search(request, limit)
        except PolicyKBError as exc:
            param = self._blame(exc, form)
            href = (lambda s: pages.url("/search", form, **{param: s})) if param else None
            return render(error_status(exc), error=pages.error_box(exc, href))
        more = None
        if outcome.result.total > len(outcome.result.hits):
            more = pages.url("/search", form, limit=min(limit * 2, MAX_LIMIT))
        return render(200, result=outcome.result, notes=outcome.notes, more_href=more)

    def _run_search(self, request: Request, limit: int) -> Any:
        from ..search.service import run_search

        with self._engine_lock:
            return run_search(
                self.corpus,
                request.arg("q") or "",
                limit=limit,
                doc=request.arg("doc"),
                level=request.arg("level"),
                dept=request.arg("dept"),
                role=request.arg("role"),
                has_target=request.flag("has_target") or None,
                due_before=request.arg("due_before"),
            )

    @staticmethod
    def _limit(value: str | None, default: int) -> int:
        if value is None:
            return default
        try:
            limit = int(value)
        except ValueError:
            limit = 0
        if limit < 1:
            raise InputError(f"结果条数须为正整数，收到“{value}”", hint="例如 limit=20")
        return limit

    def _blame(self, error: PolicyKBError, form: Mapping[str, str | None]) -> str | None:
        """Which form field an unknown name came from: the document, else the department."""
        if not isinstance(error, NotFoundError):
            return None
        doc = form.get("doc")
        if doc and doc not in {d.id for d in self.corpus.documents}:
            return "doc"
        return "dept" if form.get("dept") else None

    def obligations(self, request: Request) -> Response:
        form = request.args("doc", "dept", "role", "expand_groups")
        view = pages.ObligationsView(form)
        try:
            view.items = self._select(request)
        except PolicyKBError as exc:
            param = self._blame(exc, form)
            href = (lambda s: pages.url("/obligations", form, **{param: s})) if param else None
            view.error = pages.error_box(exc, href)
            page = pages.obligations_page(view, self.corpus.documents, self.department_names())
            return html_response(error_status(exc), page)
        if form["dept"]:
            from ..selection import resolve_department

            role = self._role(form["role"])
            name = resolve_department(form["dept"])
            view.heading = f"{name}作为{pages.ROLE_NAMES[role]}：" if role else f"{name}："
        page = pages.obligations_page(view, self.corpus.documents, self.department_names())
        return html_response(200, page)

    def _select(self, request: Request) -> list[Obligation]:
        """``policykb obligations`` with the request's filters."""
        from ..selection import select_obligations

        doc = request.arg("doc")
        if doc:
            self.corpus.document(doc)
        return select_obligations(
            self.corpus.obligations,
            doc=doc,
            dept=request.arg("dept"),
            role=self._role(request.arg("role")),
            expand_groups=request.flag("expand_groups"),
        )

    MATRIX_FIELDS = ("dept", "doc", "role", "due_before", "expand_groups")

    def matrix(self, request: Request) -> Response:
        form = request.args(*self.MATRIX_FIELDS)
        form["dept"] = "、".join(self._departments(request)) or None
        view = pages.MatrixView(form)
        names = self.department_names()
        try:
            view.matrix, view.notes = self._matrix(request)
        except PolicyKBError as exc:
            param = self._blame(exc, form)
            href = (lambda s: pages.url("/matrix", form, **{param: s})) if param else None
            view.error = pages.error_box(exc, href)
            page = pages.matrix_page(view, self.corpus.documents, names)
            return html_response(error_status(exc), page)
        query = {k: v for k, v in form.items() if v}
        if view.notes and not request.flag("expand_groups"):
            view.expand_href = pages.url("/matrix", query, expand_groups=True)
        view.downloads = [
            ("Excel 工作簿", pages.url("/matrix.xlsx", query)),
            ("CSV 表格", pages.url("/matrix.csv", query)),
            ("可打印网页", pages.url("/matrix.html", query)),
        ]
        return html_response(200, pages.matrix_page(view, self.corpus.documents, names))

    def matrix_xlsx(self, request: Request) -> Response:
        from ..render.matrix_xlsx import build_workbook

        matrix, _ = self._matrix(request)
        buffer = io.BytesIO()
        build_workbook(matrix).save(buffer)
        return download(buffer.getvalue(), XLSX, self._matrix_filename(matrix, "xlsx"))

    def matrix_csv(self, request: Request) -> Response:
        from ..render.matrix_csv import render_csv

        matrix, _ = self._matrix(request)
        body = render_csv(matrix).encode("utf-8")
        return download(body, "text/csv; charset=utf-8", self._matrix_filename(matrix, "csv"))

    def matrix_html(self, request: Request) -> Response:
        from ..render.matrix_html import render_html

        matrix, _ = self._matrix(request)
        body = render_html(matrix).encode("utf-8")
        return download(body, HTML, self._matrix_filename(matrix, "html"))

    @staticmethod
    def _matrix_filename(matrix: Matrix, extension: str) -> str:
        names = matrix.filters.departments
        suffix = f"-{'、'.join(names)}" if 0 < len(names) <= 3 else ""
        return f"部门责任清单{suffix}.{extension}"

    @staticmethod
    def _departments(request: Request) -> list[str]:
        """The departments asked for: repeated ``dept`` parameters, or one with 、 between."""
        names = [n for value in request.query.get("dept", []) for n in DEPT_SPLIT.split(value)]
        return list(dict.fromkeys(n.strip() for n in names if n.strip()))

    def _matrix(self, request: Request) -> tuple[Matrix, list[str]]:
        """``policykb matrix`` with the request's filters, and notes for the reader."""
        from ..matrix import build_matrix, group_hints
        from ..registry import load_registry
        from ..search.service import parse_date

        doc = request.arg("doc")
        if doc:
            self.corpus.document(doc)
        due = request.arg("due_before")
        expand = request.flag("expand_groups")
        registry = load_registry()
        matrix = build_matrix(
            self.corpus.obligations,
            registry=registry,
            departments=self._departments(request),
            doc=doc,
            role=self._role(request.arg("role")),
            due_before=parse_date(due) if due else None,
            expand_groups=expand,
            documents=self.corpus.documents,
        )
        notes = [
            f"{name} 没有直接列名的任务；展开集体后可列出“{'、'.join(groups)}”承担的任务。"
            for name, groups in group_hints(matrix, registry)
        ]
        return matrix, notes

    def counties(self) -> list[str]:
        from ..registry import load_registry

        return [b.name for b in load_registry().all() if b.level == "county" and not b.group]

    def _check_form(self, status: int, error: str = "", upload: Upload | None = None) -> Response:
        from ..documents.plans import SUPPORTED_SUFFIXES

        page = pages.check_form_page(
            self.corpus.documents,
            self.counties(),
            jurisdiction=upload.value("jurisdiction") if upload else None,
            against=upload.fields.get("against", []) if upload else (),
            error=error,
            accept=SUPPORTED_SUFFIXES,
            limit=size_text(self.max_upload),
        )
        return html_response(status, page)

    def check_form(self, request: Request) -> Response:
        return self._check_form(200)

    def check(self, request: Request) -> Response:
        from ..render.check_html import render_check_html

        if len(request.body) > self.max_upload:
            return self.payload_too_large()
        upload: Upload | None = None
        try:
            upload = parse_upload(request)
            result, problems = self._check(upload)
        except PolicyKBError as exc:
            return self._check_form(error_status(exc), pages.error_box(exc), upload)
        page = pages.check_report_page(render_check_html(result), problems)
        return html_response(200, page)

    def api_check(self, request: Request) -> Response:
        if len(request.body) > self.max_upload:
            return json_error(InputError("上传的内容太大"))._replace(status=413)
        result, problems = self._check(parse_upload(request))
        return json_response({**result.model_dump(mode="json"), "errors": problems})

    def _check(self, upload: Upload) -> tuple[CheckResult, list[str]]:
        """``policykb check`` over uploaded plans: each file is written to a temporary
        folder (deleted afterwards), read, and the readable ones checked together.  Returns
        the result and a message for every file that could not be read."""
        from ..checking import check_plans
        from ..documents.plans import read_plan

        jurisdiction = upload.value("jurisdiction")
        against = [a for a in upload.fields.get("against", []) if a.strip()]
        for doc_id in against:
            self.corpus.document(doc_id)
        if not upload.files:
            raise InputError(
                "请选择至少一个方案文件", hint="支持 .docx、.txt、.md 格式，可一次选择多个"
            )
        if len(upload.files) > MAX_FILES:
            raise InputError(f"一次最多核对 {MAX_FILES} 个方案，收到 {len(upload.files)} 个")
        names = display_names([name for name, _ in upload.files])
        documents: list[Document] = []
        problems: list[str] = []
        with tempfile.TemporaryDirectory(prefix="policykb-web-") as tmp:
            for index, ((_, data), name) in enumerate(zip(upload.files, names, strict=True)):
                folder = Path(tmp) / str(index)
                folder.mkdir()
                path = folder / safe_file_name(name, index)
                path.write_bytes(data)
                try:
                    document = read_plan(path, jurisdiction=jurisdiction)
                except PolicyKBError as exc:
                    problems.append(upload_problem(exc, path, name))
                    continue
                documents.append(document.model_copy(update={"source": name}))
            if not documents:
                if len(problems) == 1:
                    raise InputError(problems[0])
                raise InputError("上传的方案都无法读取：" + "；".join(problems))
            with self._engine_lock:
                result = check_plans(
                    documents, self.corpus, jurisdiction=jurisdiction, against=against or None
                )
        return result, problems

    # ------------------------------------------------------------------ JSON API
    def api_docs(self, request: Request) -> Response:
        return json_response({"documents": document_listing(self.corpus)})

    def api_clauses(self, request: Request) -> Response:
        clauses = self.corpus.clauses_of(request.arg("doc"))
        return json_response({"clauses": [c.model_dump(mode="json") for c in clauses]})

    def api_clause(self, request: Request) -> Response:
        clause = self.corpus.clause(self.tail(request, "/api/clause/"))
        return json_response({"clause": clause.model_dump(mode="json")})

    def api_search(self, request: Request) -> Response:
        outcome = self._run_search(request, self._limit(request.arg("limit"), 10))
        return json_response(outcome.result.model_dump(mode="json"))

    def api_matrix(self, request: Request) -> Response:
        matrix, _ = self._matrix(request)
        return json_response(matrix.model_dump(mode="json"))

    def api_obligations(self, request: Request) -> Response:
        items = self._select(request)
        return json_response({"obligations": [o.model_dump(mode="json") for o in items]})
