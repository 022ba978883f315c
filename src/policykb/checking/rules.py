"""The checker's rule data: ``policykb/data/check_rules.yaml``, loaded and validated.

The matcher (``evidence.py``) and the judge (``judge.py``) read every word list, unit table
and threshold from here, so that a bureau can adjust a synonym list without reading code.
A broken file is a ``PolicyKBError`` naming the entry, never a traceback.
"""

from __future__ import annotations

import re
import threading
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import PolicyKBError

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "check_rules.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _clean_words(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError("应为词语列表")
    words = [str(v).strip() for v in value if v is not None and str(v).strip()]
    return list(dict.fromkeys(words))


class Conversion(_Strict):
    """``from`` family × ``factor`` = ``to`` family (元/月 × 12 = 元/年)."""

    from_: str = Field(alias="from")
    to: str
    factor: float = Field(gt=0)
    when: list[str] = Field(default_factory=list)  # only for metrics naming one of these


class Units(_Strict):
    families: dict[str, dict[str, float]]
    conversions: list[Conversion] = Field(default_factory=list)

    @field_validator("families")
    @classmethod
    def _families(cls, value: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
        seen: dict[str, str] = {}
        for family, members in value.items():
            if not members:
                raise ValueError(f"单位族 {family} 是空的")
            for unit, factor in members.items():
                if factor <= 0:
                    raise ValueError(f"单位 {unit} 的换算系数必须为正数")
                if unit in seen:
                    raise ValueError(f"单位 {unit} 同时出现在 {seen[unit]} 和 {family} 中")
                seen[unit] = family
        return value


class Thresholds(_Strict):
    whole: float = Field(default=0.42, gt=0, le=1)
    whole_high: float = Field(default=0.55, gt=0, le=1)
    whole_low: float = Field(default=0.2, gt=0, le=1)
    whole_min_weight: float = Field(default=9.0, ge=0)
    whole_absolute: float = Field(default=19.0, gt=0)
    target_metric: float = Field(default=0.5, gt=0, le=1)
    target_headless: float = Field(default=0.75, gt=0, le=1)
    deadline_focus: float = Field(default=0.38, gt=0, le=1)
    title_weight: float = Field(default=0.5, ge=0, le=1)
    clause_weight: float = Field(default=0.35, ge=0, le=1)
    max_evidence: int = Field(default=3, ge=1, le=20)


class Quotations(_Strict):
    """How a 对标落实清单 quotes the higher level's requirement next to the county's measure.

    A table column whose header names a higher ``level`` (市级, 上级, 自治区, （市） …) and a
    ``subject`` (要求, 任务, 部署 …), and no ``own`` word (我县, 落实, 措施 …), quotes the
    requirement; so does the part of a bullet pair before an ``arrows`` mark (市级要求：… →
    我县措施：…).  A county answer made only of ``deferrals`` (按市里要求执行) and slogan or
    generic words says nothing of its own."""

    levels: list[str] = Field(default_factory=list)
    subjects: list[str] = Field(default_factory=list)
    own: list[str] = Field(default_factory=list)
    arrows: list[str] = Field(default_factory=list)
    deferrals: list[str] = Field(default_factory=list)

    @field_validator("levels", "subjects", "own", "arrows", "deferrals", mode="before")
    @classmethod
    def _words(cls, value: Any) -> list[str]:
        return _clean_words(value)

    def is_quote_header(self, header: str) -> bool:
        """Does a column header (or a bullet's label) name the higher level's requirement
        (市级要求, 上级任务, 目标任务（市）) rather than the county's own measure?"""
        text = re.sub(r"\s+", "", header or "").replace("(", "（").replace(")", "）")
        if not text or any(word in text for word in self.own):
            return False
        return any(word in text for word in self.levels) and any(
            word in text for word in self.subjects
        )

    def is_own_header(self, header: str) -> bool:
        """我县落实措施, 本县措施: a label of the county's own part."""
        text = re.sub(r"\s+", "", header or "")
        return bool(text) and any(word in text for word in self.own)


class CheckRules(_Strict):
    """The validated content of ``check_rules.yaml``."""

    version: int = 1
    synonyms: list[list[str]] = Field(default_factory=list)
    subjects: list[list[str]] = Field(default_factory=list)
    fields: list[list[str]] = Field(default_factory=list)
    generic_terms: list[str] = Field(default_factory=list)
    vague_markers: list[str] = Field(default_factory=list)
    vague_times: list[str] = Field(default_factory=list)
    conditional_markers: list[str] = Field(default_factory=list)
    universal_markers: list[str] = Field(default_factory=list)
    generic_departments: list[str] = Field(default_factory=list)
    collective_units: list[str] = Field(default_factory=list)
    head_ignored: list[str] = Field(default_factory=list)
    quotations: Quotations = Field(default_factory=Quotations)
    units: Units
    thresholds: Thresholds = Field(default_factory=Thresholds)

    model_config = ConfigDict(extra="forbid", frozen=False)

    @field_validator(
        "generic_terms",
        "vague_markers",
        "vague_times",
        "conditional_markers",
        "universal_markers",
        "generic_departments",
        "collective_units",
        "head_ignored",
        mode="before",
    )
    @classmethod
    def _words(cls, value: Any) -> list[str]:
        return _clean_words(value)

    @field_validator("synonyms", "subjects", "fields", mode="before")
    @classmethod
    def _groups(cls, value: Any) -> list[list[str]]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise ValueError("应为词组列表，每组写成 [词1, 词2, …]")
        groups: list[list[str]] = []
        for n, group in enumerate(value, 1):
            words = _clean_words(group)
            if not words:
                raise ValueError(f"第 {n} 组是空的")
            groups.append(words)
        return groups

    # ------------------------------------------------------------------ derived tables
    @cached_property
    def unit_table(self) -> dict[str, tuple[str, float]]:
        """unit → (family, factor to the family's base unit)."""
        return {
            unit: (family, factor)
            for family, members in self.units.families.items()
            for unit, factor in members.items()
        }

    def unit_family(self, unit: str) -> tuple[str, float] | None:
        return self.unit_table.get(unit.strip())

    def conversion(self, source: str, target: str, metric: str = "") -> float | None:
        """Factor from family ``source`` to family ``target`` (None: not convertible); a
        conversion with ``when`` applies only to a metric naming one of its words."""
        if source == target:
            return 1.0
        for conv in self.units.conversions:
            if conv.when and not any(word in metric for word in conv.when):
                continue
            if conv.from_ == source and conv.to == target:
                return conv.factor
            if conv.to == source and conv.from_ == target:
                return 1 / conv.factor
        return None


_LOCK = threading.Lock()
_CACHE: dict[str, CheckRules] = {}
_PLACES: dict[str, tuple[str, ...]] = {}


def named_places(path: Path | None = None) -> tuple[str, ...]:
    """The places the corpus names below the city (towns, villages, parks, counties): the
    ``places`` of the policy dictionary (``data/policy_terms.yaml``), without 市/省/自治区.
    A requirement part naming one of them is about that place only."""
    from ..search.dictionary import TERMS_FILE

    target = path or TERMS_FILE
    key = str(target)
    with _LOCK:
        if key not in _PLACES:
            try:
                loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
                data = yaml.load(target.read_text(encoding="utf-8"), Loader=loader) or {}
            except (OSError, yaml.YAMLError):
                data = {}
            raw = data.get("places") if isinstance(data, dict) else None
            names = [str(p).strip() for p in (raw if isinstance(raw, list) else []) if p]
            _PLACES[key] = tuple(
                n for n in names if n and not n.endswith(("市", "省", "自治区", "州", "盟"))
            )
        return _PLACES[key]


def _message(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "（顶层）"
    msg = str(err.get("msg", "")).removeprefix("Value error, ")
    return f"{where}：{msg}"


def parse_rules(text: str, *, source: str = "check_rules.yaml") -> CheckRules:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PolicyKBError(
            f"核对规则文件 {source} 不是有效的 YAML：{exc}",
            hint="请检查缩进和方括号是否成对",
        ) from exc
    if not isinstance(data, dict):
        raise PolicyKBError(f"核对规则文件 {source} 的顶层应为映射（synonyms、units …）")
    try:
        return CheckRules.model_validate(data)
    except ValidationError as exc:
        raise PolicyKBError(
            f"核对规则文件 {source} 有误：{_message(exc)}",
            hint="各部分的写法见 docs/checking-rules.md",
        ) from exc


def load_rules(path: Path | None = None) -> CheckRules:
    """The rules in force (``check_rules.yaml`` of the package unless ``path``), cached."""
    target = path or RULES_FILE
    key = str(target)
    with _LOCK:
        if key not in _CACHE:
            try:
                text = target.read_text(encoding="utf-8")
            except OSError as exc:
                raise PolicyKBError(f"无法读取核对规则文件 {target}：{exc}") from exc
            _CACHE[key] = parse_rules(text, source=str(target))
        return _CACHE[key]


def reset_rules() -> None:
    with _LOCK:
        _CACHE.clear()
        _PLACES.clear()
