"""Who is responsible for each part of a plan: the responsibility scope.

A county plan names the unit responsible for a task in many places, not only in the task's
own sentence.  Before the checker judges ``no_department`` it asks, for the sentence or
table row it rests on, which departments *cover* it, looking in this order:

1. ``own`` — the sentence or row itself (县人社局负责…, （责任单位：…）);
2. ``clause`` — its clause: a responsibility parenthetical, a 牵头单位： line, an actor
   sentence, its title (the notes of 3–5 below are not clause-wide: they have a scope);
3. ``task_note`` — a 此项工作由…负责 sentence right after it (it covers the paragraph before
   it, or the sentences of its own paragraph before it);
4. ``summary`` — a section's summary sentence: 以上工作由…牵头 / 上述任务由…负责 covers what
   comes before it in its section, 本部分工作由… / 本节任务由… the whole section (at its
   opening or at its end); 以上两项由… covers the item it ends and the one before it.  A
   summary written at the end of the last item of a section (where a closing paragraph
   lands when a plan is parsed) is the section's, and so up, as long as no earlier item at
   that level has a summary of its own (then each item has its own, and this one is the last
   item's) — never further than a top-level section, so never the whole plan;
5. ``division`` — a 职责分工 / 任务分工 / 责任分工 section or paragraph that assigns units by
   task reference: （一）1—3项：县农业农村局牵头…；第（三）部分：…；第一部分第1至4项由…负责；
   二（三）…由…负责.  References are resolved against the plan's clause paths (section labels
   and item numbers; ranges with — - 至 ~, lists with 、); an unqualified one (（二）1—5项)
   against the top-level section under which the division's references resolve best.  It
   covers exactly the referenced clauses (and what is under them);
6. ``ancestor`` — a clause above it, as in 2 (an opening 县人社局牵头… of a section).

Two ways of naming a unit without a verb are read as well:

* a heading that is nothing but units — a plan organised by department (二、区人力资源和
  社会保障局; 十六、各镇; 区农业农村局：; 区农业农村局负责的工作; 特色产业（区农业农村局）)
  — names the responsible units of its whole section (``heading``, and ``ancestor`` below
  it); a heading naming no unit (十五、其他工作, a topic) names nobody;
* a parenthetical that is nothing but units after a task, （县乡村振兴局）, closing the
  sentence or on its own after it, covers the sentences of its paragraph up to it
  (``task_note``); it is never clause-wide, so a neighbouring bullet without one (or with
  （责任单位：待定）) stays uncovered.

Everything here is a pure function of the plan's clauses and of ``names``, a function that
returns the responsible units a text names (the judge passes the department extractor, with
generic names such as 有关部门 left out).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..documents.numbering import chinese_ordinal, match_label
from ..models import Clause
from .evidence import sentence_paragraphs, table_sentences

__all__ = [
    "Assignment",
    "Cover",
    "Note",
    "Reference",
    "ResponsibilityScope",
    "bare_units",
    "clause_sentences",
    "find_bare_notes",
    "find_notes",
    "heading_units",
    "is_division_title",
    "note_kind",
    "paragraphs_of",
    "parse_division",
    "parse_reference",
    "responsibility_scope",
    "summary_count",
]

Names = Callable[[str], Sequence[str]]
Source = Literal["own", "clause", "heading", "task_note", "summary", "division", "ancestor"]
NoteKind = Literal["task", "summary", "section"]


@dataclass(frozen=True)
class Cover:
    """The departments that cover a sentence or row, and where the plan says so."""

    source: Source
    departments: tuple[str, ...]
    clause_id: str  # the clause the naming text is written in
    text: str = ""  # the note or 分工 segment (empty for ``own`` and ``clause``)


# --------------------------------------------------------------------------- sentences


def clause_sentences(clause: Clause) -> list[str]:
    """The sentences of a clause as the checker's units count them (``PlanUnit.sentence``
    indexes this list)."""
    return clause.sentences or [s for s in clause.text.split("\n") if s.strip()]


def paragraphs_of(clause: Clause) -> list[int]:
    """For each sentence of :func:`clause_sentences`, the paragraph (line of the clause's
    text) it starts in."""
    return sentence_paragraphs(clause, clause_sentences(clause))


# --------------------------------------------------------------------------- notes

_LEAD = r"^[\s（(【\[]*"
# 此项工作由县民政局负责 / 该项任务由… / 这项工作…: the task right before it
_TASK_NOTE = re.compile(_LEAD + r"(?:此项|该项|这项|本项|此两项|该两项)")
# 以上工作由… / 上述任务由… / 以上两项由…: what comes before it in its section
_SUMMARY_NOTE = re.compile(_LEAD + r"(?:以上|上述|前述|上列|上面)")
# 本部分工作由… / 本节任务由…: the whole section (at its opening or its end)
_SECTION_NOTE = re.compile(_LEAD + r"(?:本部分|本节|本章|本篇|本方面|本板块|本专项|本类)")
_COUNT = re.compile(
    r"^[\s（(【\[]*(?:以上|上述|前述|上列)([0-9一二两三四五六七八九十]{1,3})(?:项|条|个方面)"
)


def note_kind(sentence: str) -> NoteKind | None:
    """Whether ``sentence`` (once known to name a unit) is a scoped responsibility note:
    ``task`` (此项工作由…), ``summary`` (以上工作由…) or ``section`` (本部分工作由…)."""
    if _TASK_NOTE.match(sentence):
        return "task"
    if _SUMMARY_NOTE.match(sentence):
        return "summary"
    if _SECTION_NOTE.match(sentence):
        return "section"
    return None


def summary_count(sentence: str) -> int | None:
    """以上两项由… → 2: a summary that counts the items it covers."""
    m = _COUNT.match(sentence)
    if not m:
        return None
    token = m.group(1)
    value = int(token) if token.isdigit() else chinese_ordinal(token)
    return value if value and value > 0 else None


@dataclass(frozen=True)
class Note:
    """A sentence that names units for tasks other than its own."""

    kind: NoteKind
    clause_id: str
    sentence: int  # index into clause_sentences
    text: str
    departments: tuple[str, ...]
    count: int | None = None  # 以上两项 → 2
    inclusive: bool = False  # a task note that closes its own sentence covers it too


# --------------------------------------------------------------------------- units alone

# a heading's tail that says "the work of": 区农业农村局负责的工作, 区人社局工作任务
_HEADING_TAIL = re.compile(
    r"(?:(?:负责|牵头|承担|主抓|落实)的?)?(?:重点工作|工作任务|工作|任务|事项)?(?:清单)?$"
)
_UNIT_LIST_SPLIT = re.compile(r"[、，,/／；;]")
# a closing parenthetical: 。（县乡村振兴局） / （县发展改革局、县住房城乡建设局）
_BARE_NOTE = re.compile(r"[（(]\s*([^（）()]{2,60}?)\s*[）)]\s*[。；;.]?\s*$")
_EDGES = " \t\u3000*#_【】[]"


def _fold_brackets(text: str) -> str:
    return text.replace("(", "（").replace(")", "）").replace(" ", "")


def _unit_list(text: str, names: Names, collective: frozenset[str]) -> tuple[str, ...]:
    """The units of ``text`` when it is nothing but a list of them (区农业农村局 / 区教育局、
    区卫生健康局 / 各镇), else ()."""
    core = text.strip(_EDGES).rstrip("：:。；; ").strip(_EDGES)
    if not core or len(core) > 60:
        return ()
    found: list[str] = []
    for piece in _UNIT_LIST_SPLIT.split(core):
        piece = piece.strip(_EDGES)
        if not piece or re.search(r"[：:。！？]", piece):
            return ()  # empty, or a labelled note (责任单位：待定) — not a bare name
        if _fold_brackets(piece) in collective:
            found.append(piece)
            continue
        # a bare name is read as responsible (县教体局 → 县教体局负责)
        named = [n for n in names(piece + "负责") if "负责" not in n]
        if not named:
            return ()
        found.extend(named)
    return tuple(dict.fromkeys(found))


def heading_units(
    title: str | None, names: Names, collective: Sequence[str] = ()
) -> tuple[str, ...]:
    """The units a heading names without a verb: a heading that is nothing but units (区人力
    资源和社会保障局, 各镇, 区农业农村局：, 区农业农村局负责的工作), or a topic with a closing
    parenthetical of units (特色产业（区农业农村局）).  () for 其他工作 or a topic."""
    if not title or not title.strip():
        return ()
    known = frozenset(_fold_brackets(c) for c in collective)
    core = title.strip(_EDGES).rstrip("：:。；; ")
    tail = _HEADING_TAIL.search(core)
    stem = core[: tail.start()] if tail and tail.start() > 0 else core
    found = _unit_list(stem, names, known) or _unit_list(core, names, known)
    if found:
        return found
    return bare_units(core, names, collective)


def bare_units(sentence: str, names: Names, collective: Sequence[str] = ()) -> tuple[str, ...]:
    """The units of a closing parenthetical that is nothing but units: 对…实施帮扶。（县乡村
    振兴局） → 县乡村振兴局.  （责任单位：待定） or （2022年底前） name none here."""
    m = _BARE_NOTE.search(sentence.strip())
    if not m:
        return ()
    return _unit_list(m.group(1), names, frozenset(_fold_brackets(c) for c in collective))


# --------------------------------------------------------------------------- 分工 references

_CN_NUM = "[一二两三四五六七八九十]+"
_NUM = rf"(?:\d{{1,2}}|{_CN_NUM})"
_RANGE_SEP = r"(?:[—–\-－~～]+|至|到)"
_LIST_SEP = r"(?:[、，,]|和|及)"
_SEP = rf"(?:{_RANGE_SEP}|{_LIST_SEP})"
_TOP = re.compile(
    rf"^(?:第({_CN_NUM})(?:部分|章|篇|方面)|({_CN_NUM})[、.．]?(?=[（(])|"
    rf"第?({_CN_NUM})(?:部分))"
)
_SEC_ITEM = rf"[（(]\s*{_CN_NUM}\s*[）)]"
_SECS = re.compile(rf"^第?({_SEC_ITEM}(?:\s*{_SEP}?\s*{_SEC_ITEM})*)\s*(?:部分|方面)?")
_ITEM = rf"第?[（(]?\s*{_NUM}\s*[）)]?项?"
_ITEMS = re.compile(rf"^({_ITEM}(?:\s*{_SEP}\s*{_ITEM})*)\s*(?:项|条)")
# after the reference: a few words of description, then ：or 由
_AFTER = re.compile(r"^[^：:；;。！？\n由]{0,24}?(?:[：:]|[，,]?\s*由)")
_TOKEN = re.compile(rf"{_NUM}|{_RANGE_SEP}")
_MAX_RANGE = 60


@dataclass(frozen=True)
class Reference:
    """A task reference of a 分工 note: 二（三）1—3项 → top 2, sections (3,), items (1, 2, 3).
    ``None`` for a part not written (it is taken from the context)."""

    top: int | None = None
    sections: tuple[int, ...] | None = None
    items: tuple[int, ...] | None = None


def _value(token: str) -> int | None:
    token = token.strip("（()）第项 \u3000")
    if token.isdigit():
        return int(token)
    return chinese_ordinal(token)


def _numbers(text: str) -> tuple[int, ...]:
    """1—3、5 → (1, 2, 3, 5); （一）至（三） → (1, 2, 3)."""
    values: list[int] = []
    pending_range = False
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        if re.fullmatch(_RANGE_SEP, token):
            pending_range = bool(values)
            continue
        value = _value(token)
        if value is None:
            continue
        if pending_range and values and value > values[-1] and value - values[-1] <= _MAX_RANGE:
            values.extend(range(values[-1] + 1, value + 1))
        elif value not in values:
            values.append(value)
        pending_range = False
    return tuple(values)


def parse_reference(text: str) -> tuple[Reference, int] | None:
    """The task reference at the start of ``text`` and where it ends, or None.

    ``（二）1—5项`` / ``第（三）部分`` / ``第一部分第1至4项`` / ``二（三）`` / ``第2项`` /
    ``1、3、5项``."""
    position = 0
    stripped = len(text) - len(text.lstrip())
    rest = text[stripped:]
    position = stripped
    top: int | None = None
    sections: tuple[int, ...] | None = None
    items: tuple[int, ...] | None = None
    m = _TOP.match(rest)
    if m:
        top = _value(next(g for g in m.groups() if g))
        position += m.end()
        rest = text[position:]
    m = _SECS.match(rest)
    if m:
        sections = _numbers(m.group(1)) or None
        position += m.end()
        rest = text[position:]
    m = _ITEMS.match(rest)
    if m:
        items = _numbers(m.group(1)) or None
        position += m.end()
    if top is None and sections is None and items is None:
        return None
    return Reference(top, sections, items), position


@dataclass(frozen=True)
class Assignment:
    """One assignment of a 分工 note: the tasks referred to and the pieces naming units (the
    part after ：or 由, and the pieces without a reference that continue it)."""

    reference: Reference
    text: str  # the whole segment with its continuations, for reports
    values: tuple[str, ...]

    @property
    def value(self) -> str:
        return "；".join(self.values)


_DIVISION_TITLE = re.compile(r"(?:职责|任务|责任|工作|部门)分工|^分工")
_DIVISION_LEAD = re.compile(
    r"^[\s（(【\[]*(?:(?:职责|任务|责任|工作|部门)分工|分工如下)[^：:。]{0,6}[：:]"
)
_SEGMENT_SPLIT = re.compile(r"[；;。\n]")


def is_division_title(title: str | None) -> bool:
    """职责分工, 任务分工, 责任分工 …: a section whose text assigns units to tasks."""
    return bool(title) and bool(_DIVISION_TITLE.search(title or ""))


def parse_division(text: str) -> list[Assignment]:
    """The assignments of a 分工 note, in order.  A reference that gives only item numbers
    (第2项：…) takes its section from the assignment before it; a piece without a reference
    (；县乡村振兴局配合) continues the assignment before it."""
    text = _DIVISION_LEAD.sub("", text, count=1)
    found: list[Assignment] = []
    context = Reference()
    for segment in _SEGMENT_SPLIT.split(text):
        piece = segment.strip(" \t\u3000，,")
        if not piece:
            continue
        parsed = parse_reference(piece)
        after = _AFTER.match(piece[parsed[1] :]) if parsed else None
        if parsed is None or after is None:
            if found:  # a continuation: 县乡村振兴局配合
                last = found[-1]
                found[-1] = Assignment(
                    last.reference, f"{last.text}；{piece}", (*last.values, piece)
                )
            continue
        reference, end = parsed
        if reference.top is None and reference.sections is None:
            # items only: in the section of the assignment before it
            reference = Reference(context.top, context.sections, reference.items)
        context = reference
        value = piece[end + after.end() :]
        found.append(Assignment(reference, piece, (value,)))
    return found


# --------------------------------------------------------------------------- the tree


@dataclass
class _Node:
    clause: Clause
    order: int
    style: str | None
    value: int | None
    parent: int | None = None
    children: list[int] = field(default_factory=list)
    end: int = 0  # order of its last descendant


def _tree(clauses: Sequence[Clause]) -> list[_Node]:
    nodes: list[_Node] = []
    at: dict[str, int] = {}
    for order, clause in enumerate(clauses):
        label = match_label(clause.label) if clause.label else None
        node = _Node(clause, order, label.style if label else None, label.value if label else None)
        node.end = order
        at[clause.id] = order
        nodes.append(node)
    for node in nodes:
        parent_id = node.clause.parent_id
        if parent_id and parent_id in at:
            node.parent = at[parent_id]
            nodes[node.parent].children.append(node.order)
    for node in reversed(nodes):
        for child in node.children:
            node.end = max(node.end, nodes[child].end)
    return nodes


def _reference_styles(written: str) -> frozenset[str]:
    return frozenset({"cn_paren"}) if written == "sections" else frozenset({"cn", "chapter"})


class _Resolver:
    """Resolves 分工 references against the plan's clause tree."""

    def __init__(self, nodes: list[_Node], excluded: set[int]) -> None:
        self.nodes = nodes
        self.excluded = excluded
        self.roots = [n.order for n in nodes if n.parent is None and n.clause.kind == "section"]

    def _children(self, parent: int | None) -> list[int]:
        ids = self.roots if parent is None else self.nodes[parent].children
        return [i for i in ids if i not in self.excluded]

    def _pick(self, parent: int | None, value: int, styles: frozenset[str] | None) -> list[int]:
        return [
            i
            for i in self._children(parent)
            if self.nodes[i].value == value and (styles is None or self.nodes[i].style in styles)
        ]

    def _items(self, sections: list[int], items: tuple[int, ...] | None) -> tuple[list[int], float]:
        """The referenced items of ``sections`` and how surely they were found (1 when every
        item number is there, 0.5 when a section has no items at all and stands for them)."""
        if items is None:
            return sections, 1.0 if sections else 0.0
        found: list[int] = []
        sure = 0.0
        for section in sections:
            children = self._children(section)
            if not children:
                found.append(section)
                sure = max(sure, 0.5)
                continue
            hits = [c for c in children if self.nodes[c].value in items]
            if hits:
                found.extend(hits)
                sure = max(sure, len(hits) / len(items))
        return found, sure

    def resolve(
        self, reference: Reference, base: int | None, strict: bool = True
    ) -> tuple[list[int], float]:
        """Clauses (orders) the reference names, read under ``base`` (None: the plan's top
        level), and how surely (0 when not at all)."""
        parents: list[int | None] = [base]
        if reference.top is not None:
            styles = _reference_styles("top") if strict else None
            parents = list(self._pick(None, reference.top, styles))
            if not parents:
                return [], 0.0
        if reference.sections is not None:
            styles = _reference_styles("sections") if strict else None
            sections = [
                s
                for p in parents
                for value in reference.sections
                for s in self._pick(p, value, styles)
            ]
            if not sections:
                return [], 0.0
            return self._items(sections, reference.items)
        if reference.top is not None:
            return self._items([p for p in parents if p is not None], reference.items)
        # items only, no section in context: items of the base
        if base is None:
            return [], 0.0
        return self._items([base], reference.items)

    def best_base(self, references: list[Reference]) -> tuple[int | None, bool]:
        """The top-level section (or None, the plan's top level) under which unqualified
        references resolve best, and whether they resolve with the written label styles."""
        unqualified = [r for r in references if r.top is None]
        if not unqualified:
            return None, True
        for strict in (True, False):
            best: tuple[float, int | None] | None = None
            for base in [None, *self._children(None)]:
                score = sum(self.resolve(r, base, strict)[1] for r in unqualified)
                if score > 0 and (best is None or score > best[0]):
                    best = (score, base)
            if best is not None:
                return best[1], strict
        return None, True


# --------------------------------------------------------------------------- the scope


@dataclass
class ResponsibilityScope:
    """Which departments cover each sentence and row of a plan (see the module's doc)."""

    clauses: list[Clause]
    names: Names
    collective: tuple[str, ...] = ()  # 各乡镇, 各镇 …: units a heading may name collectively
    notes: list[Note] = field(default_factory=list)
    # clause order → (first sentence, end sentence (exclusive), cover), nearest first
    spans: dict[int, list[tuple[int, int, Cover]]] = field(default_factory=dict)
    # clause order → the cover of a 分工 assignment naming it (its subtree is covered)
    division: dict[int, Cover] = field(default_factory=dict)
    _nodes: list[_Node] = field(default_factory=list)
    _order: dict[str, int] = field(default_factory=dict)
    _excluded_sentences: dict[int, set[int]] = field(default_factory=dict)
    _clause_cache: dict[int, Cover | None] = field(default_factory=dict)

    # ------------------------------------------------------------------ queries
    def cover(self, clause_id: str, sentence: int | None, text: str = "") -> Cover | None:
        """The nearest cover of sentence ``sentence`` of clause ``clause_id`` (None: a table
        row of it, placed after its sentences), or None when no unit is named for it.
        ``text`` is the sentence or row itself."""
        order = self._order.get(clause_id)
        if text.strip():
            own = tuple(self.names(text))
            if own:
                return Cover("own", own, clause_id)
        if order is None:
            return None
        clause_cover = self.clause_cover(order)
        if clause_cover is not None:
            return clause_cover
        position = (
            sentence if sentence is not None else len(clause_sentences(self._nodes[order].clause))
        )
        for kind in ("task_note", "summary"):
            for first, end, cover in self.spans.get(order, ()):
                if cover.source == kind and first <= position < end:
                    return cover
        node: int | None = order
        while node is not None:
            if node in self.division:
                return self.division[node]
            node = self._nodes[node].parent
        node = self._nodes[order].parent
        while node is not None:
            ancestor = self.clause_cover(node)
            if ancestor is not None:
                return Cover("ancestor", ancestor.departments, ancestor.clause_id)
            node = self._nodes[node].parent
        return None

    def clause_cover(self, order: int) -> Cover | None:
        """The clause's own naming text: its sentences other than scoped notes and 分工
        assignments, without its table rows, and its title."""
        if order not in self._clause_cache:
            clause = self._nodes[order].clause
            skip = self._excluded_sentences.get(order, set())
            prose = "\n".join(s for i, s in enumerate(clause_sentences(clause)) if i not in skip)
            found = tuple(self.names(prose)) if prose.strip() else ()
            if not found and clause.title:
                found = tuple(self.names(clause.title))
            cover = Cover("clause", found, clause.id) if found else None
            if cover is None and clause.title:
                # 二、区人力资源和社会保障局 / 十六、各镇: the section is that unit's work
                heading = heading_units(clause.title, self.names, self.collective)
                cover = Cover("heading", heading, clause.id, clause.title) if heading else None
            self._clause_cache[order] = cover
        return self._clause_cache[order]

    def covered(self, clause_id: str, sentence: int | None, text: str = "") -> bool:
        return self.cover(clause_id, sentence, text) is not None


def find_notes(
    clauses: Sequence[Clause], names: Names, skip: Callable[[Clause, int], bool] | None = None
) -> list[Note]:
    """The scoped notes of a plan (此项…, 以上…, 本部分…) that name a unit, in order."""
    notes: list[Note] = []
    for clause in clauses:
        for index, sentence in enumerate(clause_sentences(clause)):
            kind = note_kind(sentence)
            if kind is None or (skip is not None and skip(clause, index)):
                continue
            departments = tuple(names(sentence))
            if departments:
                count = summary_count(sentence) if kind == "summary" else None
                notes.append(Note(kind, clause.id, index, sentence.strip(), departments, count))
    return notes


def _has_summary(nodes: list[_Node], notes_at: dict[int, list[Note]], order: int) -> bool:
    node = nodes[order]
    return any(
        any(n.kind in ("summary", "section") for n in notes_at.get(o, ()))
        for o in range(node.order, node.end + 1)
    )


def _section_of(nodes: list[_Node], notes_at: dict[int, list[Note]], order: int) -> int:
    """The section a summary written in clause ``order`` closes: the clause itself, or —
    when it is the last item of its parent and no earlier item of the parent has a summary
    of its own — the parent, and so up to a top-level section.  A summary in the text of a
    clause that has items (before them: 本节任务由…) is that clause's."""
    current = order
    if nodes[order].children:
        return order
    while True:
        node = nodes[current]
        if node.parent is None:
            return current
        siblings = nodes[node.parent].children
        if siblings[-1] != current:
            return current
        if any(_has_summary(nodes, notes_at, s) for s in siblings[:-1]):
            return current
        current = node.parent


def _division_texts(
    nodes: list[_Node],
) -> tuple[list[tuple[int, list[int], str]], set[int]]:
    """The 分工 notes of the plan: (clause order, its sentence indexes, text), and the
    clauses of 分工 sections (their references are never resolved to themselves)."""
    texts: list[tuple[int, list[int], str]] = []
    excluded: set[int] = set()
    for node in nodes:
        if is_division_title(node.clause.title):
            excluded.update(range(node.order, node.end + 1))
    for node in nodes:
        clause = node.clause
        sentences = clause_sentences(clause)
        if node.order in excluded:
            text = "\n".join(sentences)
            if (
                clause.label
                and parse_reference(text.lstrip()) is not None
                and re.match(rf"^\s*第?[（(]?{_NUM}", text)
            ):
                # （一）1—6项：… read as a numbered paragraph: its label is the reference's
                text = clause.label.strip() + text.lstrip()
            if parse_division(text):
                texts.append((node.order, list(range(len(sentences))), text))
            continue
        # a paragraph opening with 职责分工： inside another section
        start = next((i for i, s in enumerate(sentences) if _DIVISION_LEAD.match(s)), None)
        if start is not None:
            paragraphs = paragraphs_of(clause)
            members = [
                i for i in range(start, len(sentences)) if paragraphs[i] == paragraphs[start]
            ]
            text = "".join(sentences[i] for i in members)
            if parse_division(text):
                texts.append((node.order, members, text))
    return texts, excluded


def find_bare_notes(
    clauses: Sequence[Clause],
    names: Names,
    collective: Sequence[str] = (),
    skip: Callable[[Clause, int], bool] | None = None,
) -> list[Note]:
    """Closing parentheticals that are nothing but units (…。（县乡村振兴局）), in sentences
    that name no unit otherwise: task notes for the sentences of their paragraph up to them."""
    notes: list[Note] = []
    for clause in clauses:
        for index, sentence in enumerate(clause_sentences(clause)):
            if skip is not None and skip(clause, index):
                continue
            departments = bare_units(sentence, names, collective)
            if not departments or names(sentence):
                continue
            alone = bool(re.fullmatch(r"\s*[（(][^（）()]*[）)]\s*[。；;.]?\s*", sentence))
            notes.append(
                Note("task", clause.id, index, sentence.strip(), departments, inclusive=not alone)
            )
    return notes


def responsibility_scope(
    clauses: Sequence[Clause], names: Names, collective: Sequence[str] = ()
) -> ResponsibilityScope:
    """Compute the responsibility scope of a plan's clauses (in document order).
    ``collective`` are the units a heading may name collectively (各乡镇, 各镇)."""
    nodes = _tree(clauses)
    scope = ResponsibilityScope(list(clauses), names, tuple(collective))
    scope._nodes = nodes
    scope._order = {n.clause.id: n.order for n in nodes}
    for node in nodes:
        # a task table's cells name the units of their own rows, not of the clause
        rows = table_sentences(node.clause, clause_sentences(node.clause))
        if rows:
            scope._excluded_sentences[node.order] = rows

    # 分工 notes first: their sentences are neither clause-wide text nor summaries
    division_texts, excluded = _division_texts(nodes)
    for order, members, _ in division_texts:
        scope._excluded_sentences.setdefault(order, set()).update(members)

    def skipped(clause: Clause, index: int) -> bool:
        return index in scope._excluded_sentences.get(scope._order[clause.id], set())

    notes = find_notes(clauses, names, skip=skipped)
    notes += find_bare_notes(clauses, names, collective, skip=skipped)
    scope.notes = notes
    notes_at: dict[int, list[Note]] = {}
    for note in notes:
        order = scope._order[note.clause_id]
        notes_at.setdefault(order, []).append(note)
        scope._excluded_sentences.setdefault(order, set()).add(note.sentence)

    for note in notes:
        order = scope._order[note.clause_id]
        cover = Cover(
            "task_note" if note.kind == "task" else "summary",
            note.departments,
            note.clause_id,
            note.text,
        )
        for target, first, end in _note_targets(nodes, notes_at, note, order):
            scope.spans.setdefault(target, []).append((first, end, cover))

    resolver = _Resolver(nodes, excluded)
    for order, _, text in division_texts:
        assignments = parse_division(text)
        base, strict = resolver.best_base([a.reference for a in assignments])
        for assignment in assignments:
            departments = tuple(
                dict.fromkeys(name for piece in assignment.values for name in _listed(piece, names))
            )
            if not departments:
                continue
            reference = assignment.reference
            targets, _ = resolver.resolve(reference, None if reference.top else base, strict)
            cover = Cover("division", departments, nodes[order].clause.id, assignment.text)
            for target in targets:
                scope.division.setdefault(target, cover)
    return scope


_ALL = 10**6


def _listed(piece: str, names: Names) -> Sequence[str]:
    """The units a piece of a 分工 note names: with their roles (县人社局牵头，县财政局配合)
    or as a bare list (县教体局 / 县民政局、县委宣传部), which is read as responsible."""
    found = names(piece)
    if found:
        return found
    return names(piece.rstrip("。；;，, ") + "负责")


def _note_targets(
    nodes: list[_Node], notes_at: dict[int, list[Note]], note: Note, order: int
) -> list[tuple[int, int, int]]:
    """(clause order, first sentence, end sentence) ranges a note covers."""
    clause = nodes[order].clause
    if note.kind == "task":
        paragraphs = paragraphs_of(clause)
        mine = paragraphs[note.sentence]
        end = note.sentence + 1 if note.inclusive else note.sentence
        before = [i for i in range(note.sentence) if paragraphs[i] == mine]
        if note.inclusive:
            return [(order, min(before, default=note.sentence), end)]
        if not before:
            before = [i for i in range(note.sentence) if paragraphs[i] == mine - 1]
        if not before:  # the first thing of its clause: the clause's heading is the task
            return [(order, 0, note.sentence)] if note.sentence else [(order, 0, _ALL)]
        return [(order, min(before), end)]

    node = nodes[order]
    if note.kind == "summary" and note.count and node.parent is not None:
        siblings = nodes[node.parent].children
        at = siblings.index(order)
        # 3.以上两项由…: a note that is an item of its own counts the items before it;
        # one that closes an item's text counts that item as the last of them
        own_item = note.sentence == 0 and not node.children
        first = at - note.count if own_item else at - note.count + 1
        if first >= 0:
            chosen = siblings[first:at]
            chosen_ranges = [(o, 0, _ALL) for s in chosen for o in range(s, nodes[s].end + 1)]
            return [*chosen_ranges, (order, 0, note.sentence)]
    if note.kind == "summary" and note.count:
        return [(order, 0, note.sentence)]

    section = _section_of(nodes, notes_at, order)
    last = nodes[section].end
    if note.kind == "section":
        return [(o, 0, _ALL) for o in range(section, last + 1)]
    # 以上…: what comes before it in the section, back to an earlier summary there
    start_order, start_sentence = section, 0
    for o in range(section, order + 1):
        for other in notes_at.get(o, ()):
            if other is note or other.kind == "task":
                continue
            if o < order or other.sentence < note.sentence:
                start_order, start_sentence = o, other.sentence + 1
    ranges: list[tuple[int, int, int]] = []
    for o in range(start_order, order + 1):
        first = start_sentence if o == start_order else 0
        end = note.sentence if o == order else _ALL
        ranges.append((o, first, end))
    return ranges
