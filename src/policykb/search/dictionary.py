"""The policy dictionary: jargon, places and department names jieba must keep whole.

Data lives in ``policykb/data/policy_terms.yaml`` (terms, places, departments written
without a jurisdiction, synonym groups, query stop words); every canonical department name
and alias of the department registry (``annotations/departments.yaml``) is added to it.
Everything is folded (:func:`policykb.search.analysis.fold`) so that it compares with folded
text.  The digest of the result is part of the search index's key.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import PolicyKBError
from .analysis import fold, has_word_char

log = logging.getLogger(__name__)

TERMS_FILE = Path(__file__).resolve().parent.parent / "data" / "policy_terms.yaml"


@dataclass(frozen=True)
class PolicyDictionary:
    """The folded word list, synonym map and stop words used by indexing and queries."""

    words: tuple[str, ...]
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    stopwords: frozenset[str] = frozenset()
    departments: tuple[str, ...] = ()
    digest: str = ""

    def expansions(self, word: str) -> tuple[str, ...]:
        """The other forms of ``word`` (folded), empty when it has none."""
        return self.synonyms.get(word, ())


def _load_yaml(path: Path) -> dict[str, Any]:
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise PolicyKBError(
            f"无法读取检索词典 {path}：{exc}", hint="请检查该文件是否为有效的 YAML"
        ) from exc
    if not isinstance(data, dict):
        raise PolicyKBError(f"检索词典格式错误：{path}", hint="顶层应为映射（terms、synonyms …）")
    return data


def _strings(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise PolicyKBError(f"检索词典 {TERMS_FILE.name} 的 {key} 应为列表")
    return [str(v).strip() for v in value if str(v).strip()]


def registry_names() -> list[str]:
    """Every canonical department name and alias of the registry ([] if unavailable)."""
    try:
        from ..registry import load_registry  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return []
    try:
        registry = load_registry()
        names = registry.names_for_dictionary()
    except PolicyKBError as exc:
        log.warning("部门注册表无法读取，检索词典不含部门名称：%s", exc)
        return []
    return [str(n) for n in names]


def _split_word(word: str) -> list[str]:
    """A listed slogan such as ``听党话、感党恩、跟党走`` is added as its parts: jieba never
    keeps punctuation inside a word."""
    parts: list[str] = []
    current = ""
    for char in word:
        if has_word_char(char) or char in "+":
            current += char
        else:
            if current:
                parts.append(current)
            current = ""
    if current:
        parts.append(current)
    return parts


def build_dictionary(
    terms_file: Path = TERMS_FILE, extra: list[str] | None = None
) -> PolicyDictionary:
    data = _load_yaml(terms_file)
    departments = [
        *_strings(data, "departments"),
        *(extra if extra is not None else registry_names()),
    ]
    raw_words = [*_strings(data, "terms"), *_strings(data, "places"), *departments]
    synonyms: dict[str, set[str]] = {}
    groups = data.get("synonyms") or []
    if not isinstance(groups, list):
        raise PolicyKBError(f"检索词典 {terms_file.name} 的 synonyms 应为列表的列表")
    for group in groups:
        members = [fold(str(m).strip()) for m in (group or []) if str(m).strip()]
        raw_words.extend(members)
        for member in members:
            synonyms.setdefault(member, set()).update(m for m in members if m != member)
    words: set[str] = set()
    for word in raw_words:
        for part in _split_word(fold(word)):
            if len(part) >= 2:
                words.add(part)
    stopwords = frozenset(fold(w) for w in _strings(data, "query_stopwords"))
    ordered = tuple(sorted(words))
    digest = hashlib.sha256()
    for word in ordered:
        digest.update(word.encode() + b"\n")
    for key in sorted(synonyms):
        digest.update(f"{key}={','.join(sorted(synonyms[key]))}\n".encode())
    digest.update(("|".join(sorted(stopwords))).encode())
    return PolicyDictionary(
        words=ordered,
        synonyms={k: tuple(sorted(v)) for k, v in synonyms.items()},
        stopwords=stopwords,
        departments=tuple(sorted({fold(d) for d in departments})),
        digest=digest.hexdigest()[:16],
    )


_CACHE: dict[str, PolicyDictionary] = {}
_LOCK = threading.Lock()


def user_dictionary() -> PolicyDictionary:
    """The policy dictionary in force (built once per process)."""
    with _LOCK:
        if "default" not in _CACHE:
            _CACHE["default"] = build_dictionary()
        return _CACHE["default"]


def reset_dictionary() -> None:
    with _LOCK:
        _CACHE.clear()
