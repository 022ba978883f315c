"""Reviewed annotations: the obligations of corpus documents as checked by a person.

One YAML file per document (``annotations/<doc id>.yaml``), grouped by clause::

    doc: ymzf-2022
    status: reviewed            # draft | reviewed
    clauses:
      - clause: ymzf-2022:二/（一）/1
        departments:            # default for every obligation of the clause
          responsible: [各县（区）]
          lead: [中卫市农业农村局]
          cooperate: [中卫市科技局]
        obligations:
          - n: 1                # obligation id = <clause>#<n>
            text: 大力发展…每个移民村培育1—2个主导产业。   # verbatim from the clause
            targets: [{raw: 1—2个, metric: 主导产业, value_min: 1, value_max: 2, unit: 个,
                       comparator: range, kind: per_unit}]
            deadlines: []

Annotations are the source of truth for the corpus; documents without a file get the
extractor's obligations (``source: extracted``).  ``check_annotations`` validates files
against the corpus and reports every problem with file and line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml
from pydantic import Field, ValidationError

from .errors import AnnotationError
from .models import Deadline, Departments, Document, Model, Obligation, Target
from .yamlfiles import compose, explain, node_line, yaml_error_line

if TYPE_CHECKING:
    from .corpus import Corpus
    from .registry import Registry


class ObligationAnnotation(Model):
    n: int = Field(ge=1)
    text: str
    departments: Departments | None = None
    deadlines: list[Deadline] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    note: str | None = None


class ClauseAnnotation(Model):
    clause: str
    departments: Departments | None = None
    obligations: list[ObligationAnnotation] = Field(default_factory=list)
    note: str | None = None


class AnnotationFile(Model):
    doc: str
    status: Literal["draft", "reviewed"] = "draft"
    reviewed_by: str | None = None
    clauses: list[ClauseAnnotation] = Field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    """One problem found in an annotation file."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.message}"
            if self.line
            else f"{self.path}: {self.message}"
        )


# ----------------------------------------------------------------------------- reading


class _Lines:
    """Line numbers of the nodes of a YAML document, by key path."""

    def __init__(self, text: str) -> None:
        self.root = compose(text)

    def line(self, *path: str | int) -> int | None:
        return node_line(self.root, path)


def parse_annotation_text(text: str, source: str) -> AnnotationFile:
    """Parse one annotation file; schema errors name the file and line."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line = yaml_error_line(exc)
        raise AnnotationError(
            f"{source}:{line}: 不是合法的 YAML：{getattr(exc, 'problem', exc)}"
        ) from exc
    if not isinstance(data, dict):
        raise AnnotationError(f"{source}: 标注文件应为键值对（doc、clauses …）")
    try:
        return AnnotationFile.model_validate(data)
    except ValidationError as exc:
        lines = _Lines(text)
        messages = []
        for err in exc.errors()[:10]:
            loc = [part for part in err["loc"] if isinstance(part, str | int)]
            where = ".".join(str(p) for p in loc)
            messages.append(f"{source}:{lines.line(*loc)}: 字段 {where}：{explain(err)}")
        raise AnnotationError("标注文件格式错误：\n" + "\n".join(messages)) from exc


def load_annotation_file(path: Path) -> AnnotationFile:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotationError(f"{path}: 无法读取标注文件：{exc}") from exc
    return parse_annotation_text(text, str(path))


def annotation_files(directory: Path | None) -> dict[str, Path]:
    """``{doc id: file}`` for the annotation files of a folder (departments.yaml excluded)."""
    if directory is None or not directory.is_dir():
        return {}
    return {p.stem: p for p in sorted(directory.glob("*.yaml")) if p.stem not in {"departments"}}


def obligations_from_annotation(annotation: AnnotationFile, document: Document) -> list[Obligation]:
    clauses = {c.id: c for c in document.clauses}
    result: list[Obligation] = []
    for entry in annotation.clauses:
        clause = clauses.get(entry.clause)
        if clause is None:
            raise AnnotationError(
                f"标注文件引用了不存在的条款 {entry.clause}（文档 {document.id}）",
                hint="运行 policykb annotations check 查看全部问题",
            )
        for item in entry.obligations:
            departments = item.departments or entry.departments or Departments()
            result.append(
                Obligation(
                    id=f"{clause.id}#{item.n}",
                    doc_id=document.id,
                    clause_id=clause.id,
                    path=list(clause.path),
                    title=clause.title,
                    text=item.text,
                    departments=departments.model_copy(deep=True),
                    deadlines=[d.model_copy() for d in item.deadlines],
                    targets=[t.model_copy() for t in item.targets],
                    source="annotation",
                )
            )
    return result


def obligations_for_corpus(corpus: Corpus) -> list[Obligation]:
    """Reviewed annotations where a document has a file; the extractor elsewhere."""
    from .extraction.obligations import extract_obligations
    from .registry import load_registry

    files = annotation_files(corpus.annotations_dir)
    registry = load_registry()
    result: list[Obligation] = []
    for document in corpus.documents:
        path = files.get(document.id)
        if path is not None:
            result.extend(obligations_from_annotation(load_annotation_file(path), document))
        else:
            result.extend(extract_obligations(document, registry))
    return result


# ----------------------------------------------------------------------------- checking


def check_annotations(corpus: Corpus, registry: Registry | None = None) -> list[Problem]:
    """Every problem of every annotation file of the corpus (empty list: all good)."""
    from .registry import load_registry

    registry = registry or load_registry()
    problems: list[Problem] = []
    files = annotation_files(corpus.annotations_dir)
    known = {doc.id: doc for doc in corpus.documents}
    for doc_id, path in files.items():
        if doc_id not in known:
            problems.append(
                Problem(
                    str(path), 1, f"语料中没有 id 为“{doc_id}”的文档（文件名应为 <文档id>.yaml）"
                )
            )
            continue
        problems.extend(check_annotation_file(path, known[doc_id], registry))
    return problems


def check_annotation_file(path: Path, document: Document, registry: Registry) -> list[Problem]:
    source = str(path)
    text = path.read_text(encoding="utf-8")
    try:
        annotation = parse_annotation_text(text, source)
    except AnnotationError as exc:
        return [Problem(source, None, exc.message)]
    lines = _Lines(text)
    problems: list[Problem] = []

    def report(message: str, *loc: str | int) -> None:
        problems.append(Problem(source, lines.line(*loc), message))

    if annotation.doc != document.id:
        report(f"doc 为“{annotation.doc}”，与文件名对应的文档“{document.id}”不一致", "doc")
    clauses = {c.id: c for c in document.clauses}
    seen_ids: set[str] = set()
    year = document.meta.year
    for ci, entry in enumerate(annotation.clauses):
        clause = clauses.get(entry.clause)
        if clause is None:
            report(f"条款 {entry.clause} 不存在", "clauses", ci, "clause")
            continue
        if entry.departments:
            problems.extend(
                _check_departments(
                    entry.departments, document, registry, report, ("clauses", ci, "departments")
                )
            )
        for oi, item in enumerate(entry.obligations):
            loc: tuple[str | int, ...] = ("clauses", ci, "obligations", oi)
            oid = f"{clause.id}#{item.n}"
            if oid in seen_ids:
                report(f"任务编号 {oid} 重复", *loc, "n")
            seen_ids.add(oid)
            if item.text not in clause.text:
                report("text 不是该条款原文的一部分（须逐字引用）", *loc, "text")
            if item.departments:
                _check_departments(
                    item.departments, document, registry, report, (*loc, "departments")
                )
            for ti, target in enumerate(item.targets):
                message = _check_target(target, item.text)
                if message:
                    report(message, *loc, "targets", ti)
            for di, deadline in enumerate(item.deadlines):
                message = _check_deadline(deadline, item.text, year)
                if message:
                    report(message, *loc, "deadlines", di)
    return problems


def _check_departments(
    departments: Departments,
    document: Document,
    registry: Registry,
    report: Any,
    loc: tuple[str | int, ...],
) -> list[Problem]:
    """Names must be canonical: what ``canonicalize`` makes of them is the name itself.

    A body the registry does not know (a county's own bureau in a user's corpus) is accepted
    when it is written out in full (中宁县人社局, not 县人社局).
    """
    from .extraction.departments import canonicalize

    for role in ("responsible", "lead", "cooperate"):
        for i, name in enumerate(getattr(departments, role)):
            expected = canonicalize([name], document.meta.region, registry)
            if expected and expected[0] != name:
                report(f"部门“{name}”应写规范名称“{expected[0]}”", *loc, role, i)
    return []


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _check_target(target: Target, text: str) -> str | None:
    from .extraction.targets import extract_targets

    if target.raw not in text:
        return f"指标原文“{target.raw}”不在任务文本中"
    if target.comparator == "range":
        if target.value_min is None or target.value_max is None:
            return f"指标“{target.raw}”为区间，须填写 value_min 和 value_max"
    elif target.value is None:
        return f"指标“{target.raw}”缺少 value"
    parsed = extract_targets(target.raw)
    if not parsed:
        return None  # the extractor cannot read this raw on its own: trust the reviewer
    values = [(p.value, p.value_min, p.value_max) for p in parsed]
    if not any(
        _close(v, target.value) and _close(lo, target.value_min) and _close(hi, target.value_max)
        for v, lo, hi in values
    ):
        got = target.value if target.comparator != "range" else (target.value_min, target.value_max)
        return f"指标“{target.raw}”的数值 {got} 与原文解析结果 {values[0]} 不一致"
    return None


def _check_deadline(deadline: Deadline, text: str, year: int | None) -> str | None:
    from .extraction.deadlines import extract_deadlines

    if deadline.raw not in text:
        return f"时限原文“{deadline.raw}”不在任务文本中"
    if deadline.kind == "absolute" and deadline.due is None:
        return f"时限“{deadline.raw}”为具体日期，须填写 due"
    if deadline.kind == "recurring" and deadline.recurrence is None:
        return f"时限“{deadline.raw}”为周期性时限，须填写 recurrence"
    if deadline.kind == "relative" and deadline.duration is None:
        return f"时限“{deadline.raw}”为相对时限，须填写 duration"
    parsed = extract_deadlines(deadline.raw, year)
    if parsed and deadline.kind == "absolute" and parsed[0].due and parsed[0].due != deadline.due:
        return f"时限“{deadline.raw}”的日期 {deadline.due} 与原文解析结果 {parsed[0].due} 不一致"
    return None


# ----------------------------------------------------------------------------- drafting


def draft_annotation(document: Document, registry: Registry | None = None) -> AnnotationFile:
    """A draft annotation of a document from the extractor, for a person to review."""
    from .extraction.obligations import extract_obligations

    obligations = extract_obligations(document, registry)
    entries: dict[str, ClauseAnnotation] = {}
    for obligation in obligations:
        entry = entries.setdefault(
            obligation.clause_id, ClauseAnnotation(clause=obligation.clause_id)
        )
        entry.obligations.append(
            ObligationAnnotation(
                n=int(obligation.id.rsplit("#", 1)[1]),
                text=obligation.text,
                departments=obligation.departments,
                deadlines=obligation.deadlines,
                targets=obligation.targets,
            )
        )
    for entry in entries.values():
        shared = {o.departments.model_dump_json() for o in entry.obligations if o.departments}
        if len(shared) == 1 and entry.obligations:
            entry.departments = entry.obligations[0].departments
            for item in entry.obligations:
                item.departments = None
    return AnnotationFile(doc=document.id, status="draft", clauses=list(entries.values()))


def _drop_empty_departments(entry: dict[str, Any]) -> None:
    departments = entry.get("departments")
    if isinstance(departments, dict):
        kept = {role: names for role, names in departments.items() if names}
        if kept:
            entry["departments"] = kept
        else:
            del entry["departments"]


def dump_annotation(annotation: AnnotationFile, document: Document) -> str:
    """YAML text of an annotation file, with a header telling the reviewer what to do."""
    data = annotation.model_dump(mode="json", exclude_none=True)
    for entry in data["clauses"]:
        _drop_empty_departments(entry)
        for item in entry["obligations"]:
            _drop_empty_departments(item)
            item.setdefault("deadlines", [])
            item.setdefault("targets", [])
    header = (
        f"# 《{document.meta.title}》的任务标注\n"
        "# 由 policykb annotations draft 生成的草稿：请逐条对照原文核对部门、时限和指标，\n"
        "# 改正后把 status 改为 reviewed，并运行 policykb annotations check 校验。\n"
    )
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
