"""Query parsing: what a person types → an engine-neutral :class:`QueryPlan`.

The language is the one staff already know from legal databases:

* words separated by spaces must all occur (AND); when no clause has them all, the engine
  falls back to any of them (OR), ranked by how many match — see :mod:`.service`;
* ``"社会组织"`` / “社会组织” / 「社会组织」 match as a phrase;
* ``A OR B`` matches either; ``-A`` or ``NOT A`` excludes clauses containing A;
* a run of Chinese without spaces is cut into words by jieba; question words (多少, 哪些 …)
  are dropped; a word with synonyms (人社局 → 人力资源社会保障局) or naming a department
  matches those too.

Nothing here raises on odd input: unbalanced quotes, stray operators, ``field:`` prefixes,
punctuation and overlong pastes are repaired and reported in :attr:`QueryPlan.notes`
(Chinese sentences shown to the user).  A query with nothing searchable left is
``plan.is_empty``; the caller decides whether that is an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from .analysis import fold, has_word_char
from .dictionary import PolicyDictionary

#: Longest query text considered; the rest of a long paste is ignored (with a note).
MAX_QUERY_CHARS = 200
#: Most search units (words and phrases) in one query.
MAX_UNITS = 24

OPERATORS = {"AND": "and", "&&": "and", "OR": "or", "||": "or", "NOT": "not"}
QUOTES = {'"': '"', "“": "”", "”": "“", "「": "」", "『": "』", "＂": "＂"}
_FIELD_RE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)[:：](.*)$")


class QueryAnalyzer(Protocol):
    """What the parser needs from an engine: its word segmentation and vocabulary."""

    def words(self, folded: str) -> list[tuple[str, int, int]]:
        """``(word, start, end)`` of the words of folded text (punctuation dropped)."""
        ...

    def known(self, word: str) -> bool:
        """Whether the index holds ``word`` as a term."""
        ...

    def split(self, word: str) -> list[str]:
        """An unknown word cut into pieces the index knows (or single characters)."""
        ...


DeptResolver = Callable[[str], list[str]]


@dataclass(frozen=True)
class Alternative:
    """One way a unit can match: a term (one token) or a phrase (several), in the text
    fields, or a canonical department name in the department fields."""

    tokens: tuple[str, ...]
    kind: Literal["text", "dept"] = "text"
    boost: float = 1.0

    @property
    def is_phrase(self) -> bool:
        return len(self.tokens) > 1


@dataclass
class Unit:
    """One thing the query asks for (a word or a phrase), with the forms that satisfy it."""

    label: str
    alternatives: list[Alternative]
    quoted: bool = False

    @property
    def highlight(self) -> list[tuple[str, ...]]:
        """Token sequences to mark in a hit's text (phrases allow punctuation between)."""
        return [a.tokens for a in self.alternatives if a.kind == "text"]

    def key(self) -> frozenset[Alternative]:
        return frozenset(self.alternatives)


@dataclass
class QueryPlan:
    text: str
    required: list[Unit] = field(default_factory=list)
    excluded: list[Unit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.required

    @property
    def can_fall_back(self) -> bool:
        return len(self.required) > 1

    def fallback_units(self) -> list[Unit]:
        """The units an OR fallback searches: a lone character (牛, 机) would match almost
        any clause, so it is left out when there is anything else."""
        longer = [u for u in self.required if not _is_single_char_unit(u)]
        return longer or self.required

    @property
    def highlight_terms(self) -> list[tuple[str, ...]]:
        seen: dict[tuple[str, ...], None] = {}
        for unit in self.required:
            for tokens in unit.highlight:
                if tokens:
                    seen.setdefault(tokens, None)
        return list(seen)


@dataclass
class _Item:
    text: str
    quoted: bool = False
    negated: bool = False
    or_with_previous: bool = False


# --------------------------------------------------------------------------- lexing


def _lex(text: str, notes: list[str]) -> list[_Item | str]:
    """Split into quoted phrases, bare chunks and operator strings ("and"/"or"/"not")."""
    out: list[_Item | str] = []
    i, n = 0, len(text)
    buffer = ""

    def flush() -> None:
        nonlocal buffer
        for chunk in buffer.split():
            op = OPERATORS.get(chunk)  # upper case only: "and" is an ordinary word
            if op:
                out.append(op)
            else:
                out.append(_Item(chunk))
        buffer = ""

    while i < n:
        char = text[i]
        if char in QUOTES:
            closing = QUOTES[char]
            candidates = [closing, '"'] if char != '"' else ['"', "”"]
            end = min(
                (text.find(c, i + 1) for c in candidates if text.find(c, i + 1) != -1), default=-1
            )
            if end == -1:
                notes.append("引号不成对，已按普通词语检索。")
                buffer += " " + text[i + 1 :]
                break
            negated = buffer.endswith("-") and (len(buffer) == 1 or buffer[-2].isspace())
            if negated:
                buffer = buffer[:-1]
            flush()
            out.append(_Item(text[i + 1 : end], quoted=True, negated=negated))
            i = end + 1
            continue
        buffer += char
        i += 1
    flush()
    return out


def _combine(tokens: list[_Item | str], notes: list[str]) -> list[_Item]:
    """Apply operators to their neighbours; drop stray ones with a note."""
    items: list[_Item] = []
    pending: str | None = None
    stray: list[str] = []
    for tok in tokens:
        if isinstance(tok, str):
            if tok == "not":
                if pending == "not":
                    stray.append("NOT")
                pending = "not" if pending != "or" else "or-not"
            elif tok == "or":
                if not items or pending:
                    stray.append("OR")
                else:
                    pending = "or"
            else:  # and: the default
                if not items or pending:
                    stray.append("AND")
                else:
                    pending = "and"
            continue
        item = tok
        if item.text.startswith("-") and not item.quoted and len(item.text) > 1:
            item = _Item(item.text[1:], negated=True)
        elif item.text.startswith("+") and not item.quoted and len(item.text) > 1:
            item = _Item(item.text[1:])
        if pending == "and":
            pending = None
        if pending in ("not", "or-not"):
            item.negated = True
        if pending in ("or", "or-not") and not item.negated:
            item.or_with_previous = True
        elif pending == "or-not":
            stray.append("OR")
        pending = None
        items.append(item)
    if pending:
        stray.append({"and": "AND", "not": "NOT", "or": "OR", "or-not": "OR NOT"}[pending])
    if stray:
        listed = "、".join(dict.fromkeys(stray))
        notes.append(f"忽略了没有检索词可连接的运算符 {listed}。")
    return items


# --------------------------------------------------------------------------- parsing


@dataclass
class QueryParser:
    analyzer: QueryAnalyzer
    dictionary: PolicyDictionary
    resolve_department: DeptResolver | None = None

    def parse(self, text: str) -> QueryPlan:
        """The plan of ``text``; never raises on odd input (see the module docstring)."""
        notes: list[str] = []
        raw = text or ""
        if len(raw) > MAX_QUERY_CHARS:
            notes.append(f"查询过长（{len(raw)} 个字符），只使用前 {MAX_QUERY_CHARS} 个字符。")
            raw = raw[:MAX_QUERY_CHARS]
        raw = raw.replace("\u3000", " ")
        items = _combine(_lex(raw, notes), notes)
        plan = QueryPlan(text=text, notes=notes)
        fields_noted: list[str] = []
        groups: list[list[Unit]] = []  # OR-groups of required units
        stop_candidates: list[Unit] = []
        for item in items:
            if not item.quoted:
                match = _FIELD_RE.match(item.text)
                if match:
                    fields_noted.append(match.group(1))
                    item = _Item(
                        match.group(2),
                        negated=item.negated,
                        or_with_previous=item.or_with_previous,
                    )
            units = self._units(item, stop_candidates)
            if not units:
                continue
            if item.negated:
                plan.excluded.append(self._as_one(item, units))
            elif item.or_with_previous and groups:
                groups[-1].append(self._as_one(item, units))
            elif item.or_with_previous:
                groups.append([self._as_one(item, units)])
            else:
                groups.extend([u] for u in units)
        if fields_noted:
            names = "、".join(f"{f}:" for f in dict.fromkeys(fields_noted))
            notes.append(
                f"不支持字段语法（{names}），已按普通词语检索；筛选请用 --doc、--dept、--level 等选项。"
            )
        required: list[Unit] = []
        for group in groups:
            required.append(group[0] if len(group) == 1 else _merge(group))
        if not required and stop_candidates:
            # the query was nothing but common words (是 多少 …): search them after all
            required = stop_candidates
        plan.required = _dedupe(required)
        plan.excluded = _dedupe(plan.excluded)
        if len(plan.required) > MAX_UNITS:
            notes.append(f"检索词过多，只使用前 {MAX_UNITS} 个。")
            plan.required = plan.required[:MAX_UNITS]
        if not plan.required and not plan.excluded and raw.strip() and not has_word_char(raw):
            notes.append("查询只含标点符号，没有可检索的词语。")
        return plan

    # ------------------------------------------------------------------ helpers
    def _words(self, text: str) -> list[str]:
        return [w for w, _, _ in self.analyzer.words(fold(text))]

    def _units(self, item: _Item, stop_candidates: list[Unit]) -> list[Unit]:
        folded = fold(item.text).strip()
        if not folded or not has_word_char(folded):
            return []
        located = self.analyzer.words(folded)
        if not located:
            return []
        words = [w for w, _, _ in located]
        if item.quoted:
            return [self._phrase_unit(item.text.strip(), words, folded, quoted=True)]
        # Single characters left over by segmentation are parts of a word the index does
        # not know (比特币 → 比 特 币): a run of them is searched as a phrase.
        units: list[Unit] = []
        group: list[tuple[str, int, int]] = []

        def flush() -> None:
            if len(group) == 1:
                units.append(self._term_unit(group[0][0]))
            elif group:
                label = folded[group[0][1] : group[-1][2]]
                units.append(self._phrase_unit(label, [w for w, _, _ in group], label))
            group.clear()

        previous = ""
        for word, start, end in located:
            after_number, previous = _is_number(previous), word
            if word in self.dictionary.stopwords:
                flush()
                stop_candidates.append(self._term_unit(word))
                continue
            if after_number and _is_single_char(word):
                # the unit of a number (3000人, 40元): the number alone is searched, so
                # that 3000人次 and 3000人以上 both match
                flush()
                continue
            if group and not (
                _is_single_char(word) and _is_single_char(group[-1][0]) and group[-1][2] == start
            ):
                flush()
            group.append((word, start, end))
        flush()
        return units

    def _resolve(self, words: Sequence[str]) -> tuple[str, ...]:
        """Replace words the index does not hold by pieces it does."""
        tokens: list[str] = []
        for word in words:
            if len(word) == 1 or self.analyzer.known(word):
                tokens.append(word)
            else:
                tokens.extend(self.analyzer.split(word))
        return tuple(tokens)

    def _term_unit(self, word: str) -> Unit:
        literal = self._resolve([word])
        alternatives: list[Alternative] = []
        for other in self.dictionary.expansions(word):
            tokens = self._resolve(self._words(other))
            # a synonym the index only has as single characters is no help, and costly
            if _useful(tokens) and Alternative(tokens) not in alternatives:
                alternatives.append(Alternative(tokens, boost=0.9))
        if self.resolve_department and word in self.dictionary.departments:
            for canonical in self.resolve_department(word):
                alternatives.append(Alternative((canonical,), kind="dept"))
        # the word as typed comes first — unless the index has it only as single
        # characters (人社局 → 人 社 局) and other forms can stand in for it
        if _useful(literal) or not alternatives:
            alternatives.insert(0, Alternative(literal))
        return Unit(label=word, alternatives=alternatives)

    def _phrase_unit(
        self, label: str, words: Sequence[str], folded: str, quoted: bool = False
    ) -> Unit:
        if len(words) == 1:
            unit = self._term_unit(words[0])
            unit.quoted = quoted
            unit.label = label
            return unit
        return Unit(label=label, alternatives=[Alternative(self._resolve(words))], quoted=quoted)

    def _as_one(self, item: _Item, units: list[Unit]) -> Unit:
        """Several units from one chunk (an OR or NOT operand) → one phrase unit."""
        if len(units) == 1:
            return units[0]
        folded = fold(item.text).strip()
        return self._phrase_unit(item.text.strip(), self._words(folded), folded)


def _useful(tokens: tuple[str, ...]) -> bool:
    """A known word, or a phrase of pieces that are not single characters."""
    return bool(tokens) and (len(tokens) == 1 or all(not _is_single_char(t) for t in tokens))


def _is_single_char_unit(unit: Unit) -> bool:
    return all(len(a.tokens) == 1 and _is_single_char(a.tokens[0]) for a in unit.alternatives)


def _is_single_char(word: str) -> bool:
    return len(word) == 1 and not word.isascii()


def _is_number(word: str) -> bool:
    return bool(word) and word.replace(".", "", 1).isdigit()


def _merge(units: list[Unit]) -> Unit:
    alternatives: list[Alternative] = []
    for unit in units:
        alternatives.extend(a for a in unit.alternatives if a not in alternatives)
    return Unit(label=" OR ".join(u.label for u in units), alternatives=alternatives)


def _dedupe(units: list[Unit]) -> list[Unit]:
    seen: set[frozenset[Alternative]] = set()
    out: list[Unit] = []
    for unit in units:
        key = unit.key()
        if key not in seen:
            seen.add(key)
            out.append(unit)
    return out
