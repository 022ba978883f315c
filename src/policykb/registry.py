"""The department registry: canonical names, aliases, jurisdictions and groups.

The data lives in ``annotations/departments.yaml`` (see the comment at its top for the
schema).  A canonical name carries its jurisdiction written out (``中卫市农业农村局``); the
file lists aliases without the jurisdiction prefix (``农业农村局``, ``人社局``) or with the
relative prefix only (``市直各部门（单位）``), and the loader derives the other forms:

* ``中卫市人社局`` — the full prefix: an *absolute* form, it means one body everywhere;
* ``市人社局`` — the relative prefix: means the body of the document's own city;
* ``人社局`` — bare: *local*, it means the body of the document's own jurisdiction, so the
  same alias may name one body per jurisdiction (``乡村振兴局`` is 宁夏回族自治区乡村振兴局
  in a 宁夏 document and 中卫市乡村振兴局 in a 中卫市 document).

``resolve(name, region)`` takes the issuing document's region for that reason.  Without a
region, a relative or bare alias resolves when it is unambiguous, else to the body of the
file's ``default_region``.

Names are normalised before lookup: spaces and Markdown ``**`` removed, ``()`` and ``〈〉``
written as ``（）``.  ``和`` and ``与`` are never folded (``云计算与大数据发展局``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import AnnotationError, NotFoundError
from .models import Department
from .yamlfiles import explain, node_line

__all__ = [
    "DEFAULT_REGISTRY_PATH",
    "Registry",
    "expand_relative",
    "load_registry",
    "normalize_name",
    "relative_word",
    "split_relative_prefix",
]

DEFAULT_REGISTRY_PATH = "annotations/departments.yaml"

DepartmentLevel = Literal["national", "region", "city", "county", "generic"]
JurisdictionLevel = Literal["national", "region", "city", "county"]

# --------------------------------------------------------------------------- normalisation

_BRACKETS = str.maketrans({"(": "（", ")": "）", "〈": "（", "〉": "）", "﹙": "（", "﹚": "）"})
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b]+")
_EDGE_PUNCT = "、，,；;。：:．.·"


def normalize_name(name: str) -> str:
    """The lookup form of a body's name: no spaces or ``*``, brackets written ``（）``."""
    text = _SPACE.sub("", name.replace("*", ""))
    return text.translate(_BRACKETS).strip(_EDGE_PUNCT)


# --------------------------------------------------------------------------- jurisdiction words

# A relative jurisdiction prefix: 市农业农村局 in a 中卫市 document is 中卫市农业农村局.
_RELATIVE_WORDS: tuple[str, ...] = ("自治区", "自治州", "省", "市", "州", "县", "区", "旗")
# Words that start with a relative word but are not a prefix + a name.
_NOT_PREFIX: tuple[str, ...] = (
    "市场",
    "市县",
    "市区",
    "市级",
    "市域",
    "市内",
    "市外",
    "县域",
    "县级",
    "县内",
    "区域",
    "区块",
    "区县",
    "区级",
    "区内",
    "区外",
    "省级",
    "省份",
    "省内",
    "省外",
    "州级",
    "旗级",
    "自治区级",
    "自治区内",
)


def relative_word(jurisdiction: str) -> str | None:
    """The word a document uses for its own jurisdiction: 中卫市 → 市, 宁夏回族自治区 → 自治区."""
    for word in _RELATIVE_WORDS:
        if jurisdiction.endswith(word) and len(jurisdiction) > len(word):
            return word
    return None


def split_relative_prefix(name: str) -> tuple[str, str] | None:
    """``市人社局`` → ``("市", "人社局")``; None when the name has no relative prefix."""
    if any(name.startswith(word) for word in _NOT_PREFIX):
        return None
    for word in _RELATIVE_WORDS:
        if name.startswith(word) and len(name) > len(word):
            return word, name[len(word) :]
    return None


def _matches_word(jurisdiction: str, word: str) -> bool:
    if word == "区":
        return jurisdiction.endswith("区") and not jurisdiction.endswith("自治区")
    return jurisdiction.endswith(word)


def expand_relative(word: str, chain: Iterable[str]) -> str | None:
    """The jurisdiction a relative word points to, given the document's region chain.

    ``chain`` is the region and its ancestors (中宁县, 中卫市, 宁夏回族自治区, 全国): ``市``
    in a 中宁县 document is 中卫市.  ``区`` means a 区-level county first, else the
    autonomous region (区党委 in a 宁夏 document).
    """
    places = list(chain)
    for place in places:
        if _matches_word(place, word):
            return place
    if word == "区":
        for place in places:
            if place.endswith("自治区"):
                return place
    return None


# --------------------------------------------------------------------------- file schema


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class JurisdictionEntry(_Strict):
    """A place: 全国, 宁夏回族自治区, 中卫市, 中宁县 …"""

    name: str
    level: JurisdictionLevel
    parent: str | None = None
    short: list[str] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _non_empty(cls, value: str) -> str:
        value = normalize_name(value)
        if not value:
            raise ValueError("名称不能为空")
        return value


class DepartmentEntry(_Strict):
    """One body as written in the YAML file (a superset of ``models.Department``)."""

    name: str
    level: DepartmentLevel
    jurisdiction: str | None = None
    aliases: list[str] = Field(default_factory=list)
    group: bool = False
    members: list[str] = Field(default_factory=list)
    prefixable: bool = True
    note: str | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = normalize_name(value)
        if not value:
            raise ValueError("部门名称不能为空")
        return value

    @field_validator("aliases")
    @classmethod
    def _aliases(cls, values: list[str]) -> list[str]:
        cleaned = [value.strip() for value in values]
        if any(not normalize_name(value) for value in cleaned):
            raise ValueError("别名不能为空")
        return cleaned


class RegistryFile(_Strict):
    version: Literal[1]
    default_region: str | None = None
    jurisdictions: list[JurisdictionEntry]
    departments: list[DepartmentEntry]


# --------------------------------------------------------------------------- YAML line numbers


def _error(source: str, line: int | None, message: str) -> AnnotationError:
    where = f"{source}:{line}" if line is not None else source
    return AnnotationError(
        f"{where}: 部门注册表无效：{message}",
        hint="请按文件开头的说明修改 departments.yaml",
    )


# --------------------------------------------------------------------------- the registry


class Registry:
    """Departments by canonical name, with every alias form, jurisdiction-aware."""

    def __init__(
        self,
        data: RegistryFile,
        *,
        source: str = "<registry>",
        lines: list[int | None] | None = None,
    ) -> None:
        self.source = source
        self.default_region = normalize_name(data.default_region) if data.default_region else None
        self._lines = lines or [None] * len(data.departments)
        self._jurisdictions: dict[str, JurisdictionEntry] = {}
        self._short: dict[str, str] = {}
        self._departments: dict[str, Department] = {}
        self._entries: dict[str, DepartmentEntry] = {}
        self._absolute: dict[str, str] = {}  # form → canonical, valid everywhere
        self._relative: dict[str, list[str]] = {}  # 市人社局 → canonicals (no region)
        self._local: dict[str, dict[str, str]] = {}  # 人社局 → {jurisdiction: canonical}
        self._designations: set[str] = set()  # bare aliases of bodies that are not groups
        self._unprefixable: set[str] = set()  # forms of bodies with prefixable: false
        self._surfaces: dict[str, str] = {}  # every form as written → canonical
        self._build_jurisdictions(data.jurisdictions)
        for index, entry in enumerate(data.departments):
            self._add(entry, self._lines[index] if index < len(self._lines) else None)
        self._check_groups()
        self._forms_cache: frozenset[str] | None = None
        self._place_cache: dict[str | None, list[str]] = {}

    # ------------------------------------------------------------------ construction

    @classmethod
    def from_file(cls, path: Path) -> Registry:
        """Load and validate a registry file; errors name the file and line."""
        source = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise _error(source, None, f"无法读取文件（{exc.strerror or exc}）") from exc
        except UnicodeDecodeError as exc:
            raise _error(source, None, "文件不是 UTF-8 编码") from exc
        return cls.from_text(text, source=source)

    @classmethod
    def from_text(cls, text: str, *, source: str = "<registry>") -> Registry:
        try:
            raw = yaml.safe_load(text)
            root = yaml.compose(text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            raise _error(source, line, f"YAML 语法错误：{exc.problem or exc}") from exc
        except yaml.YAMLError as exc:
            raise _error(source, None, f"YAML 语法错误：{exc}") from exc
        if not isinstance(raw, dict):
            raise _error(source, 1, "顶层应为映射（version / jurisdictions / departments）")
        try:
            data = RegistryFile.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            line = node_line(root, first["loc"])
            where = ".".join(str(part) for part in first["loc"])
            raise _error(source, line, f"{where}：{explain(first)}") from exc
        lines: list[int | None] = [
            node_line(root, ("departments", index)) for index in range(len(data.departments))
        ]
        return cls(data, source=source, lines=lines)

    def _build_jurisdictions(self, entries: list[JurisdictionEntry]) -> None:
        for entry in entries:
            if entry.name in self._jurisdictions:
                raise _error(self.source, None, f"辖区重复：{entry.name}")
            self._jurisdictions[entry.name] = entry
            for short in entry.short:
                self._short[normalize_name(short)] = entry.name
        for entry in entries:
            if entry.parent is not None and normalize_name(entry.parent) not in self._jurisdictions:
                raise _error(self.source, None, f"辖区 {entry.name} 的上级 {entry.parent} 未定义")

    def _add(self, entry: DepartmentEntry, line: int | None) -> None:
        name = entry.name
        if name in self._departments:
            raise _error(self.source, line, f"部门重复：{name}")
        jurisdiction = normalize_name(entry.jurisdiction) if entry.jurisdiction else None
        if entry.level == "generic":
            if jurisdiction is not None:
                raise _error(self.source, line, f"{name}：通用部门（generic）不应有 jurisdiction")
        elif jurisdiction is None:
            raise _error(self.source, line, f"{name}：缺少 jurisdiction")
        elif jurisdiction not in self._jurisdictions:
            raise _error(
                self.source, line, f"{name}：辖区 {jurisdiction} 未在 jurisdictions 中定义"
            )
        if entry.members and not entry.group:
            raise _error(self.source, line, f"{name}：只有 group: true 的条目可以有 members")

        absolute: list[str] = [name]
        relative: list[str] = []
        local: list[str] = []
        full, rel = (jurisdiction, relative_word(jurisdiction)) if jurisdiction else (None, None)
        places = self._place_names(jurisdiction) if jurisdiction else ()
        national = jurisdiction is None or self._jurisdictions[jurisdiction].level == "national"
        if full and not national and rel and name.startswith(full):
            relative.append(rel + name[len(full) :])  # 中卫市委 → 市委
        for alias in entry.aliases:
            form = normalize_name(alias)
            if national or any(place in form for place in places):
                absolute.append(form)
                continue
            split = split_relative_prefix(form)
            if rel and split is not None and split[0] == rel:
                relative.append(form)
                absolute.append(f"{full}{split[1]}")
                continue
            local.append(form)
            generate = not entry.group and split is None and not form.startswith(("各", "全"))
            if generate and full and rel:
                relative.append(rel + form)
                absolute.append(full + form)

        for form in absolute:
            owner = self._absolute.get(form)
            if owner is not None and owner != name:
                raise _error(self.source, line, f"名称“{form}”同时指向 {owner} 和 {name}")
            self._absolute[form] = name
        for form in relative:
            owners = self._relative.setdefault(form, [])
            if name not in owners:
                owners.append(name)
        for form in local:
            by_place = self._local.setdefault(form, {})
            key = jurisdiction or ""
            owner = by_place.get(key)
            if owner is not None and owner != name:
                raise _error(
                    self.source,
                    line,
                    f"别名“{form}”在 {key or '通用'} 中同时指向 {owner} 和 {name}",
                )
            by_place[key] = name
            if not entry.group:
                self._designations.add(form)
        if not entry.prefixable:
            self._unprefixable.update([*absolute, *relative, *local])

        written = [alias.strip() for alias in entry.aliases]
        derived = [*relative, *absolute[1:]]
        aliases = list(dict.fromkeys(form for form in [*written, *derived] if form != name))
        for form in [name, *aliases]:
            self._surfaces.setdefault(form, name)
        self._entries[name] = entry
        self._departments[name] = Department(
            name=name,
            level=entry.level,
            jurisdiction=jurisdiction,
            aliases=aliases,
            group=entry.group,
            members=list(entry.members),
            note=entry.note,
        )

    def _check_groups(self) -> None:
        for name, entry in self._entries.items():
            for member in entry.members:
                if not normalize_name(member):
                    raise _error(self.source, None, f"{name} 的成员名称为空")

    def _place_names(self, jurisdiction: str) -> tuple[str, ...]:
        entry = self._jurisdictions[jurisdiction]
        return (entry.name, *(normalize_name(s) for s in entry.short))

    # ------------------------------------------------------------------ jurisdictions

    def jurisdiction_of(self, region: str | None) -> str | None:
        """The registry's name for a region as a document gives it (中卫 → 中卫市)."""
        if not region:
            return None
        key = normalize_name(region)
        if key in self._jurisdictions:
            return key
        if key in self._short:
            return self._short[key]
        for name in sorted(self._jurisdictions, key=len, reverse=True):
            if key.endswith(name):
                return name
        return None

    def region_chain(self, region: str | None) -> list[str]:
        """The region and its ancestors: 中宁县 → [中宁县, 中卫市, 宁夏回族自治区, 全国].

        A region the registry does not know is its own chain (``[region]``).
        """
        if not region:
            return []
        known = self.jurisdiction_of(region)
        if known is None:
            return [normalize_name(region)]
        chain: list[str] = []
        current: str | None = known
        while current is not None and current not in chain:
            chain.append(current)
            current = self._jurisdictions[current].parent
        return chain

    def expand_prefix(self, name: str, region: str | None) -> str:
        """Write out a relative prefix from the document's region: 市人社局 → 中卫市人社局.

        Names without a relative prefix, or whose prefix the region does not explain
        (市… in a national document), are returned normalised but otherwise unchanged.
        """
        form = normalize_name(name)
        split = split_relative_prefix(form)
        if split is None or not region:
            return form
        target = expand_relative(split[0], self.region_chain(region))
        return f"{target}{split[1]}" if target else form

    def place_prefixes(self, region: str | None = None) -> list[str]:
        """Names that can prefix a body's name, longest first: jurisdictions, the region's
        chain, and registered bodies that are places (各县（区）, 重点帮扶县, 中宁县)."""
        cached = self._place_cache.get(region)
        if cached is not None:
            return cached
        names = set(self._jurisdictions)
        names.update(self.region_chain(region))
        for name, entry in self._entries.items():
            if entry.level != "generic" and re.search(r"(省|市|县|区|旗|县（区）)$", name):
                names.add(name)
                names.update(
                    normalize_name(alias)
                    for alias in entry.aliases
                    if re.search(r"(县|区|县（区）)$", normalize_name(alias))
                )
        names.discard("全国")
        result = sorted(names, key=len, reverse=True)
        self._place_cache[region] = result
        return result

    # ------------------------------------------------------------------ lookups

    def get(self, name: str) -> Department | None:
        """The body with exactly this canonical name."""
        return self._departments.get(normalize_name(name))

    def resolve(self, name: str, region: str | None = None) -> Department | None:
        """The body a name stands for in a document of ``region``; None when unknown.

        Order: a canonical name or absolute alias (中卫市人社局, 民政部, 民政部门); then, with
        a region, the relative prefix written out (市人社局 → 中卫市人社局) or the bare alias
        of the region's own body (人社局); without a region, a relative or bare alias that
        names one body only, or else the body of ``default_region``.
        """
        form = normalize_name(name)
        if not form:
            return None
        canonical = self._absolute.get(form)
        if canonical is not None:
            return self._departments[canonical]
        if region:
            chain = self.region_chain(region)
            split = split_relative_prefix(form)
            if split is not None:
                target = expand_relative(split[0], chain)
                if target is not None:
                    canonical = self._absolute.get(target + split[1])
                    if canonical is not None:
                        return self._departments[canonical]
                    return None
            by_place = self._local.get(form, {})
            if chain and chain[0] in by_place:
                return self._departments[by_place[chain[0]]]
            return None
        return self._pick(self._relative.get(form, [])) or self._pick(
            list(self._local.get(form, {}).values())
        )

    def _pick(self, names: list[str]) -> Department | None:
        if len(names) == 1:
            return self._departments[names[0]]
        if self.default_region:
            for name in names:
                if self._departments[name].jurisdiction == self.default_region:
                    return self._departments[name]
        return None

    def candidates(self, name: str) -> list[Department]:
        """Every body the name may stand for, in any jurisdiction."""
        form = normalize_name(name)
        names: list[str] = []
        if form in self._absolute:
            names.append(self._absolute[form])
        names.extend(self._relative.get(form, []))
        names.extend(self._local.get(form, {}).values())
        return [self._departments[n] for n in dict.fromkeys(names)]

    def lookup(self, name: str, region: str | None = None) -> Department:
        """Like ``resolve`` but raises ``NotFoundError`` with "did you mean" suggestions."""
        found = self.resolve(name, region)
        if found is not None:
            return found
        options = self.candidates(name)
        if options:
            names = [d.name for d in options][:5]
            raise NotFoundError(f"部门名称“{name}”有多个可能，请写出全称", names)
        raise NotFoundError(f"未找到部门：{name}", self.suggest(name))

    def suggest(self, name: str, limit: int = 5) -> list[str]:
        """Up to ``limit`` known names or aliases that look like ``name`` (difflib)."""
        form = normalize_name(name)
        if not form:
            return []
        pool = list(self._surfaces)
        close = difflib.get_close_matches(form, pool, n=limit * 3, cutoff=0.5)
        # prefer short forms a person types (人社局) over long derived ones
        close.sort(key=lambda s: (-difflib.SequenceMatcher(None, form, s).ratio(), len(s)))
        return list(dict.fromkeys(close))[:limit]

    def expand_group(self, name: str, region: str | None = None) -> list[str]:
        """The members of a group (各县（区） → 沙坡头区, 中宁县, 海原县), recursively.

        A body that is not a group stands for itself: ``[its canonical name]``.  A group
        whose members the documents do not list gives ``[]``.
        """
        dept = self.lookup(name, region)
        if not dept.group:
            return [dept.name]
        result: list[str] = []
        for member in dept.members:
            inner = self.resolve(member, region)
            if inner is not None and inner.group and inner.name != dept.name:
                result.extend(self.expand_group(inner.name, region))
            else:
                result.append(inner.name if inner is not None else normalize_name(member))
        return list(dict.fromkeys(result))

    def all(self) -> list[Department]:
        """Every body, in file order."""
        return list(self._departments.values())

    def aliases_of(self, name: str, region: str | None = None) -> list[str]:
        """Every other form of the body's name (raises ``NotFoundError`` when unknown)."""
        return list(self.lookup(name, region).aliases)

    def is_prefixable(self, name: str) -> bool:
        """False for a form of a body marked ``prefixable: false`` (银保监分局, 供电公司)."""
        return normalize_name(name) not in self._unprefixable

    def is_local(self, name: str) -> bool:
        """True for a bare alias that names an office of the document's own jurisdiction
        (乡村振兴局, 人社局): some jurisdiction's body (not a group) is called so."""
        return normalize_name(name) in self._designations

    def is_absolute(self, name: str) -> bool:
        """True when the name means one body everywhere (canonical or absolute alias)."""
        return normalize_name(name) in self._absolute

    def names_for_dictionary(self) -> list[str]:
        """Every canonical name and alias, as written and normalised, for jieba's user
        dictionary (bracketed names also in their 〈〉 and () spellings)."""
        words: set[str] = set()
        for surface in self._surfaces:
            words.add(surface)
            words.add(normalize_name(surface))
            if "（" in surface:
                words.add(surface.replace("（", "〈").replace("）", "〉"))
                words.add(surface.replace("（", "(").replace("）", ")"))
        return sorted(w for w in words if w and not _SPACE.search(w))

    def known_forms(self) -> frozenset[str]:
        """Every normalised name and alias form the registry knows (for text scanning)."""
        if self._forms_cache is None:
            forms = set(self._absolute) | set(self._relative) | set(self._local)
            self._forms_cache = frozenset(forms)
        return self._forms_cache

    def __len__(self) -> int:
        return len(self._departments)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.resolve(name) is not None


def load_registry(path: Path | None = None) -> Registry:
    """The registry at ``path``, or the bundled ``annotations/departments.yaml`` (cached)."""
    if path is None:
        return _default_registry()
    return Registry.from_file(Path(path))


@lru_cache(maxsize=1)
def _default_registry() -> Registry:
    from .paths import bundled_path

    return Registry.from_file(bundled_path(DEFAULT_REGISTRY_PATH))
