"""The shared vocabulary of policykb (pydantic models).

Every layer speaks in these types: readers produce ``Document``/``Clause``, extraction and
annotations produce ``Obligation`` (with ``Deadline``/``Target``/``Departments``), the search
index returns ``SearchHit``, the matrix returns ``Matrix``, and the checker returns
``CheckResult``.  The JSON that the CLI prints (see ``shared/contracts.md``) is
``model_dump(mode="json")`` of these models, so field names here are part of the contract:
add fields freely, never rename or drop one.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DocLevel = Literal["national", "region", "city", "county", "other"]
DeadlineKind = Literal["absolute", "recurring", "relative", "period"]
Frequency = Literal["monthly", "quarterly", "half_yearly", "yearly", "every_n_months"]
DurationUnit = Literal["working_days", "days", "months", "years"]
Comparator = Literal[">=", "<=", "=", "range"]
TargetKind = Literal["rate", "per_unit", "aggregate", "standard"]
Role = Literal["lead", "cooperate", "responsible"]
ClauseKind = Literal["preamble", "section", "closing"]
ObligationSource = Literal["annotation", "extracted"]
FindingStatus = Literal[
    "satisfied", "missing", "weaker_target", "later_deadline", "no_department", "vague", "share"
]

ROLES: tuple[Role, ...] = ("lead", "cooperate", "responsible")
ROLE_LABELS: dict[str, str] = {"lead": "牵头", "cooperate": "配合", "responsible": "责任"}
FINDING_STATUSES: tuple[FindingStatus, ...] = (
    "satisfied",
    "missing",
    "weaker_target",
    "later_deadline",
    "no_department",
    "vague",
    "share",
)
STATUS_LABELS: dict[str, str] = {
    "satisfied": "已满足",
    "missing": "缺失",
    "weaker_target": "指标偏低",
    "later_deadline": "时限推后",
    "no_department": "未明确责任单位",
    "vague": "表述空泛",
    "share": "分担总量",
}


class Model(BaseModel):
    """Base: forbid unknown fields so that typos in YAML annotations are caught on load."""

    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- time & numbers


class Recurrence(Model):
    """A repeating deadline: 每月25日前 → monthly, day 25; 每季度末 → quarterly, anchor end;
    每年12月20日前 → yearly, month 12, day 20."""

    freq: Frequency
    interval: int | None = None
    day: int | None = None
    anchor: Literal["end"] | None = None
    month: int | None = Field(
        default=None, ge=1, le=12, description="for yearly deadlines: 每年12月20日前 → 12"
    )


class Duration(Model):
    """A relative deadline's span: 5个工作日内 → 5 working_days."""

    value: float
    unit: DurationUnit


class Deadline(Model):
    """A time requirement as written (``raw``) and normalised."""

    raw: str
    kind: DeadlineKind
    due: dt.date | None = None
    recurrence: Recurrence | None = None
    duration: Duration | None = None


class Target(Model):
    """A numeric commitment: a body must reach, keep or not exceed a number."""

    raw: str
    metric: str
    value: float | None = None
    value_min: float | None = None
    value_max: float | None = None
    unit: str = ""
    comparator: Comparator = ">="
    kind: TargetKind = "aggregate"


# --------------------------------------------------------------------------- departments


class Department(Model):
    """A body named in policy text, under its canonical name (jurisdiction written out)."""

    name: str
    level: str = Field(description="national | region | city | county | generic")
    jurisdiction: str | None = None
    aliases: list[str] = Field(default_factory=list)
    group: bool = False
    members: list[str] = Field(default_factory=list)
    note: str | None = None


class Departments(Model):
    """Who carries an obligation, by role (责任单位 / 牵头 / 配合)."""

    responsible: list[str] = Field(default_factory=list)
    lead: list[str] = Field(default_factory=list)
    cooperate: list[str] = Field(default_factory=list)

    def all(self) -> list[str]:
        """Every named body, each once, in role order."""
        seen: dict[str, None] = {}
        for name in [*self.lead, *self.responsible, *self.cooperate]:
            seen.setdefault(name, None)
        return list(seen)

    def roles_of(self, name: str) -> list[Role]:
        return [role for role in ROLES if name in getattr(self, role)]

    def is_empty(self) -> bool:
        return not (self.responsible or self.lead or self.cooperate)


# --------------------------------------------------------------------------- documents


class Table(Model):
    """A table inside a clause; the first row is the header."""

    rows: list[list[str]]


class Clause(Model):
    """One numbered unit of a document (or its preamble / closing text)."""

    id: str
    doc_id: str
    path: list[str]
    title: str | None = None
    text: str
    level: int
    parent_id: str | None = None
    children: list[str] = Field(default_factory=list)
    sentences: list[str] = Field(default_factory=list)
    kind: ClauseKind = "section"
    label: str | None = Field(default=None, description="numbering as written, e.g. （一）")
    line: int | None = Field(default=None, description="1-based line in the source file")
    tables: list[Table] = Field(default_factory=list)

    @property
    def path_str(self) -> str:
        return "/".join(self.path)

    @property
    def heading(self) -> str:
        """A short human label: path and title (or the start of the text)."""
        lead = self.title or self.text[:24]
        where = self.path_str or {"preamble": "前言", "closing": "结尾"}.get(self.kind, "")
        return f"{where} {lead}".strip()


class Erratum(Model):
    """An explicit correction of a PDF extraction error; reversed by the fidelity test."""

    original: str
    corrected: str
    note: str | None = None


class DocumentMeta(Model):
    """Front matter of a corpus document."""

    id: str
    title: str
    doc_number: str | None = None
    issuers: list[str] = Field(default_factory=list)
    level: DocLevel
    region: str
    parent_region: str | None = None
    date: dt.date | None = None
    year: int | None = None
    errata: list[Erratum] = Field(default_factory=list)


class Document(Model):
    """A parsed document: its metadata and its clause tree (flat list, document order)."""

    meta: DocumentMeta
    clauses: list[Clause]
    source: str | None = Field(default=None, description="file the document was read from")
    warnings: list[str] = Field(default_factory=list)

    @property
    def id(self) -> str:
        return self.meta.id

    def clause(self, clause_id: str) -> Clause | None:
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        return None


# --------------------------------------------------------------------------- obligations


class Obligation(Model):
    """One requirement a body must carry out."""

    id: str
    doc_id: str
    clause_id: str
    path: list[str]
    text: str
    departments: Departments = Field(default_factory=Departments)
    deadlines: list[Deadline] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    source: ObligationSource = "extracted"
    title: str | None = None


# --------------------------------------------------------------------------- search


class SearchHit(Model):
    rank: int
    score: float
    doc_id: str
    clause_id: str
    path: list[str]
    title: str | None
    text: str
    highlights: list[str] = Field(default_factory=list)
    doc_title: str | None = None


class SearchResult(Model):
    query: str
    total: int
    hits: list[SearchHit]
    fallback_or: bool = Field(default=False, description="AND found nothing; OR was used")


# --------------------------------------------------------------------------- checking


class Evidence(Model):
    quote: str
    location: str
    score: float


class Finding(Model):
    obligation_id: str
    requirement: str
    status: FindingStatus
    item: str = Field(
        default="whole",
        description="which requirement item: whole | target:<raw> | deadline:<raw>",
    )
    target: Target | None = None
    deadline: Deadline | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    found: str | None = None
    explanation: str
    found_value: float | None = None
    doc_id: str | None = None
    path: list[str] = Field(default_factory=list)


class Summary(Model):
    satisfied: int = 0
    missing: int = 0
    weaker_target: int = 0
    later_deadline: int = 0
    no_department: int = 0
    vague: int = 0
    share: int = 0


class PlanReport(Model):
    path: str
    jurisdiction: str | None
    findings: list[Finding]
    summary: Summary
    warnings: list[str] = Field(default_factory=list)
    title: str | None = None


class RollupRow(Model):
    obligation_id: str
    requirement: str
    target: Target
    shares: dict[str, float | None]
    sum: float
    shortfall: float


class CheckResult(Model):
    plans: list[PlanReport]
    rollup: list[RollupRow] = Field(default_factory=list)

    @property
    def has_defects(self) -> bool:
        ok = {"satisfied", "share"}
        return any(f.status not in ok for plan in self.plans for f in plan.findings)


# --------------------------------------------------------------------------- matrix


class Duty(Model):
    """One obligation a department carries in one role: a row of its responsibility list."""

    obligation_id: str
    role: Role
    doc_id: str
    path: list[str]
    title: str | None = None
    requirement: str
    deadlines: list[Deadline] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    via: str | None = Field(default=None, description="the group it comes from: 各县（区）")


class RoleCounts(Model):
    lead: int = 0
    cooperate: int = 0
    responsible: int = 0

    @property
    def total(self) -> int:
        return self.lead + self.cooperate + self.responsible


class DepartmentDuties(Model):
    """A department's part of the matrix: obligation ids by role (the JSON contract), the
    duties in detail, and counts per document (the overview row)."""

    name: str
    aliases: list[str] = Field(default_factory=list)
    lead: list[str] = Field(default_factory=list)
    cooperate: list[str] = Field(default_factory=list)
    responsible: list[str] = Field(default_factory=list)
    jurisdiction: str | None = None
    group: bool = False
    duties: list[Duty] = Field(default_factory=list)
    counts: dict[str, RoleCounts] = Field(default_factory=dict)
    total: RoleCounts = Field(default_factory=RoleCounts)


class MatrixDocument(Model):
    id: str
    title: str | None = None


class MatrixFilters(Model):
    departments: list[str] = Field(default_factory=list)
    doc: str | None = None
    role: Role | None = None
    due_before: dt.date | None = None
    expand_groups: bool = False


class Matrix(Model):
    """Departments × obligations: per-department duties, the overview, the grid."""

    departments: list[DepartmentDuties]
    documents: list[MatrixDocument] = Field(default_factory=list)
    obligations: list[Obligation] = Field(default_factory=list)
    filters: MatrixFilters = Field(default_factory=MatrixFilters)
