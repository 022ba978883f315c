"""Finding a plan's evidence for a requirement: weighted word overlap over jieba words.

A plan is cut into *units* — every sentence of every clause and every row of every table —
each with the words of its clause title as context.  Words come from the search analyzer
(:mod:`policykb.search.analysis`: folded text, jieba with the policy dictionary, sub-words
of compound words), so that 移民劳动力 also matches 劳动力, traditional and full-width text
match simplified text, and the same dictionary serves search and checking.

A requirement becomes a *query*: its words weighted by inverse document frequency (over the
plan's units and the requirements themselves — a word every sentence has, such as 移民 in a
resettlement plan, weighs little) and by the rules' ``generic_terms`` (推进, 加强 … weigh
almost nothing).  Synonym groups of the rules become one pseudo-word each (§n): a plan saying
劳务输出 matches a requirement saying 外出务工.  A unit's *score* is the share of the
query's weight it contains (0–1); words only in its clause title count ``title_weight``.

Evidence is searched across the whole plan, so reordered, merged and renamed sections do not
matter.  In a 对标落实清单 the higher level's requirement, quoted next to the county's measure
(a 市级要求 column, the part of 市级要求：… → 我县措施：… before the arrow), is never a unit's
text: it helps find the county's answer, whose own words alone give figures, dates and
scope; an empty answer is no unit, and one that only defers (按市里要求执行) is *deferred*.  A unit about another population group than the requirement's (技能培训 for 退役军人
when the requirement is for 移民) is never evidence (the rules' ``subjects``), nor is one
about another field of work (远程同步课堂 for 远程医疗: the rules' ``fields``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..documents.numbering import match_label
from ..documents.plans import describe_location
from ..models import Clause, Document
from ..search.analysis import fold, has_word_char, index_segmenter
from .rules import CheckRules

_NUMERALS = set("0123456789.%〇零一二两三四五六七八九十百千万亿")
_SEGMENT_SPLIT = re.compile(r"[，,；;。：:！？!?]")
_BRACKETS = re.compile(r"[（(][^（）()]{0,12}[）)]")
_QUOTES = re.compile(r"[“”\"'‘’〈〉「」]")
_DEPT_HEADER = re.compile(r"牵头|责任|配合|协办|主责|单位|部门")
_DEADLINE_HEADER = re.compile(r"时限|时间|期限|进度|时序")

GENERIC_WEIGHT = 0.05
TITLE_WORD_WEIGHT = 0.5
SUBWORD_CREDIT = 0.9
BIGRAM_CREDIT = 0.6
_TITLE = re.compile(r"《[^《》]{1,60}》")
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,5}(?:市|省|自治区|自治州|州|盟)")


# --------------------------------------------------------------------------- words


_COUNT = re.compile(
    r"((?:[0-9]+(?:\.[0-9]+)?|[〇零一二两三四五六七八九十百千万]+)"
    r"(?:名|个|人次|人|家|户|项|所|场次|场|次|元|万元|亩|座|处|批|支))"
)


def split_counts(text: str) -> str:
    """A space after each count (二十五名 城区教师), so that jieba does not read the
    classifier into the next word (名城)."""
    return _COUNT.sub(r"\1 ", text)


@lru_cache(maxsize=8192)
def words_of(text: str) -> frozenset[str]:
    """The matching words of ``text``: folded jieba words and sub-words of ≥ 2 characters,
    numbers left out."""
    if not text:
        return frozenset()
    out: set[str] = set()
    for term, _pos, _start, _end in index_segmenter().tokens(split_counts(text)):
        if len(term) < 2 or all(c in _NUMERALS for c in term):
            continue
        out.add(term)
    return frozenset(out)


@dataclass(frozen=True)
class _Synonyms:
    """Synonym groups as pseudo-words: ``§3`` stands for every member of group 3."""

    members: tuple[tuple[str, int], ...]  # (folded member, group), longest first

    def found(self, folded: str) -> list[tuple[str, int]]:
        return [(m, g) for m, g in self.members if m in folded]


@lru_cache(maxsize=4)
def _synonyms(groups: tuple[tuple[str, ...], ...]) -> _Synonyms:
    members = [(fold(m), n) for n, group in enumerate(groups) for m in group]
    members.sort(key=lambda mg: -len(mg[0]))
    return _Synonyms(tuple(members))


def subject_groups(text: str, rules: CheckRules) -> frozenset[int]:
    """Which population groups of the rules ``text`` names (indexes into ``subjects``)."""
    folded = fold(text)
    return frozenset(
        n for n, group in enumerate(rules.subjects) if any(fold(m) in folded for m in group)
    )


# a responsibility note or a bureau's name says who, not what: 县教育体育局 负责 is no sign
# that the sentence is about 教育
_WHO = re.compile(
    r"[（(][^（）()]*(?:单位|负责|牵头)[^（）()]*[）)]|[县区市州][\u4e00-\u9fff]{1,10}?局"
)


def field_groups(text: str, rules: CheckRules) -> frozenset[int]:
    """Which fields of work of the rules ``text`` is about (indexes into ``fields``).  Bureaus'
    names and responsibility notes are left out, and so are clause parts that enumerate
    (就业、教育、社保、救助等事项进驻移民村: a list names fields in passing)."""
    parts = _SEGMENT_SPLIT.split(fold(_WHO.sub(" ", text)))
    folded = " ".join(p for p in parts if "、" not in p)
    return frozenset(
        n for n, group in enumerate(rules.fields) if any(fold(m) in folded for m in group)
    )


# --------------------------------------------------------------------------- plan units


@dataclass
class PlanUnit:
    """A sentence or a table row of the plan, the smallest piece quoted as evidence."""

    text: str
    clause: Clause
    kind: str  # "sentence" | "row"
    location: str
    index: int
    terms: frozenset[str] = frozenset()
    folded: str = ""
    title_terms: frozenset[str] = frozenset()
    clause_terms: frozenset[str] = frozenset()  # words of the other sentences of its clause
    subjects: frozenset[int] = frozenset()
    fields: frozenset[int] = frozenset()  # fields of work it names (教育, 医疗 …)
    row_departments: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    # a row of a table with 牵头/责任 columns: those cells alone say who is responsible
    department_columns: bool = False
    task_cells: list[str] = field(default_factory=list)  # neither a unit nor a date column
    group: str = ""  # the table's last group row above it (一、产业提质增效)
    # a sentence's index in its clause's sentences (responsibility.clause_sentences); -1
    # for a row
    sentence: int = -1
    # a 对标 row or bullet pair: the higher level's requirement it answers, quoted (the
    # 市级要求 column, the part before →) — never part of ``text``, never evidence itself
    quote: str = ""
    # … and the county's answer says nothing of its own (按市里要求执行, 高度重视，积极推进):
    # the unit stands for its quotation only, and a finding resting on it is vague
    deferred: bool = False


def _location(document: Document, clause: Clause) -> str:
    if clause.path:
        return clause.path_str
    where = describe_location(document.source, clause.line)
    return where or {"preamble": "前言", "closing": "结尾"}.get(clause.kind, "全文")


def _squash(text: str) -> str:
    return re.sub(r"[\s|｜]+", "|", text.strip().strip("|｜")).strip("|")


def _is_title_sentence(sentence: str, clause: Clause) -> bool:
    if not clause.title:
        return False
    core = sentence.strip().rstrip("。.;；:：")
    return core == clause.title.strip().rstrip("。.;；:：")


def _is_task_title(clause: Clause) -> bool:
    """A run-in heading that is a task of its own (2. 开展村庄绿化美化行动，实施村旁、路旁
    植树增绿。推行门前三包…): its sentence is a unit, not only the title of the others."""
    return bool(clause.title) and bool(re.search(r"[，,；;]", clause.title or ""))


def _row_lines(clause: Clause) -> list[str]:
    return [_squash("|".join(row)) for table in clause.tables for row in table.rows if row]


def _in_rows(sentence: str, rows: list[str]) -> bool:
    """Is ``sentence`` a table row, or a piece of one (a row whose cell has several
    sentences is split by the sentence splitter: 35 | 救助标准 | 低保标准…；)?"""
    squashed = _squash(sentence)
    if not squashed:
        return False
    if squashed in rows:
        return True
    if "|" not in squashed and len(squashed) < 8:
        return False
    return any(squashed in row for row in rows)


def clause_prose(clause: Clause) -> str:
    """The clause's text without its table rows (a task table's cells name the units of
    their own rows, not of the clause)."""
    if not clause.tables:
        return clause.text
    rows = _row_lines(clause)
    return "\n".join(line for line in clause.text.split("\n") if not _in_rows(line, rows))


def table_sentences(clause: Clause, sentences: Sequence[str]) -> set[int]:
    """The indexes of ``sentences`` (the clause's) that are its table rows or pieces of them."""
    if not clause.tables:
        return set()
    rows = _row_lines(clause)
    return {n for n, sentence in enumerate(sentences) if _in_rows(sentence, rows)}


def _is_group_row(cells: list[str]) -> bool:
    """一、产业提质增效 | | | |: a merged row naming the group of the rows below it."""
    filled = [c for c in cells if c]
    return len(cells) >= 3 and len(filled) == 1


def sentence_paragraphs(clause: Clause, sentences: Sequence[str]) -> list[int]:
    """For each of ``sentences`` (the clause's), the paragraph (line of the clause's text) it
    starts in."""
    text = clause.text
    found: list[int] = []
    position = 0
    paragraph = 0
    for sentence in sentences:
        probe = sentence.strip()
        at = text.find(probe, position) if probe else -1
        if at < 0 and probe:
            at = text.find(probe[:8], position)
        if at >= 0:
            paragraph += text.count("\n", position, at)
            position = at + max(1, len(probe))
        found.append(paragraph)
    return found


# a bullet's or a paragraph's label: 市级要求：… / - 我县措施：…
_LABEL = re.compile(r"^[\s\-*+•·●○◆◇■□▪>]*([^：:，,。；;！？\s]{2,12})[：:]\s*")


def _label(text: str) -> tuple[str, int] | None:
    """The label at the start of ``text`` (市级要求 of 市级要求：…) and where its text starts."""
    m = _LABEL.match(text)
    return (m.group(1), m.end()) if m else None


def is_empty_answer(text: str, rules: CheckRules) -> bool:
    """A county cell or part that says nothing at all: blank, a dash (——), a placeholder
    (无, 待定: the rules' ``generic_departments``)."""
    core = fold(text).strip(" \t\u3000。.;；,，:：")
    return not has_word_char(core) or core in {fold(w) for w in rules.generic_departments}


@dataclass
class _Pair:
    """A quotation of the higher level's requirement and the county's answer to it."""

    quote: str
    answer_sentence: int  # index in the clause's sentences; -1 when nothing answers it
    answer: str  # the answer sentence's text after the arrow or label
    quoted: set[int]  # sentences that are wholly quotation


def _bullet_pairs(
    sentences: Sequence[str], paragraphs: list[int], rules: CheckRules
) -> list[_Pair]:
    """The quotations of a clause written as pairs: 市级要求：… → 我县措施：… (a paragraph with
    an arrow whose part before it is labelled as the higher level's requirement, or whose
    part after it is labelled as the county's own: the part before the arrow is the
    quotation), or a paragraph labelled 市级要求：… followed by one labelled 我县措施：…."""
    quotations = rules.quotations
    pairs: list[_Pair] = []
    by_paragraph: dict[int, list[int]] = {}
    for n, paragraph in enumerate(paragraphs):
        by_paragraph.setdefault(paragraph, []).append(n)
    pending: str | None = None  # a quotation paragraph waiting for its answer
    for paragraph in sorted(by_paragraph):
        members = by_paragraph[paragraph]
        arrow_at: tuple[int, int, str] | None = None
        for n in members:
            hits = [(sentences[n].find(a), a) for a in quotations.arrows if a in sentences[n]]
            if hits:
                at, arrow = min(hits)
                arrow_at = (n, at, arrow)
                break
        if arrow_at is not None:
            n, at, arrow = arrow_at
            left = "".join(sentences[m] for m in members if m < n) + sentences[n][:at]
            right = sentences[n][at + len(arrow) :]
            left_label, right_label = _label(left), _label(right)
            if (left_label and quotations.is_quote_header(left_label[0])) or (
                right_label and quotations.is_own_header(right_label[0])
            ):
                quote = left[left_label[1] :] if left_label else left
                answer = right[right_label[1] :] if right_label else right
                pairs.append(_Pair(quote.strip(), n, answer.strip(), {m for m in members if m < n}))
                pending = None
                continue
        # 市级要求：…。我县措施：…: a quotation up to the sentence labelled as the county's
        for n in members:
            label = _label(sentences[n])
            if label and quotations.is_quote_header(label[0]):
                pending = sentences[n][label[1] :].strip()
                pairs.append(_Pair(pending, -1, "", {n}))
            elif pending is not None and label and quotations.is_own_header(label[0]):
                answer = sentences[n][label[1] :].strip()
                pairs.append(_Pair(pending, n, answer, set()))
                pending = None
            elif pending is not None and n != members[0]:
                pairs[-1].quoted.add(n)  # the quotation goes on in its paragraph
                pending += sentences[n]
            else:
                pending = None
    return pairs


def plan_units(document: Document, rules: CheckRules | None = None) -> list[PlanUnit]:
    """Every sentence and table row of ``document``, in document order.

    A quotation of the higher level's requirement (a 对标 table's 市级要求 column, the part
    of a bullet pair before →) is never a unit's text: it is kept as the unit's ``quote``.
    A row or pair whose county part is empty (a blank cell, ——) is no unit at all."""
    if rules is None:
        from .rules import load_rules

        rules = load_rules()
    units: list[PlanUnit] = []
    for clause in document.clauses:
        where = _location(document, clause)
        sentences = clause.sentences or [s for s in clause.text.split("\n") if s.strip()]
        # table rows are units of their own (with their header); their text lines are not
        row_texts = _row_lines(clause)
        found = _bullet_pairs(sentences, sentence_paragraphs(clause, sentences), rules)
        pairs = {p.answer_sentence: p for p in found if p.answer_sentence >= 0}
        quoted = {m for p in found for m in p.quoted}
        for number, sentence in enumerate(sentences):
            if not sentence.strip() or _in_rows(sentence, row_texts) or number in quoted:
                continue
            if (
                _is_title_sentence(sentence, clause)
                and len(sentences) > 1
                and not _is_task_title(clause)
            ):
                continue
            text, quote = sentence.strip(), ""
            if number in pairs:
                text, quote = pairs[number].answer, pairs[number].quote
                if is_empty_answer(text, rules):
                    continue
            units.append(
                PlanUnit(text, clause, "sentence", where, len(units), sentence=number, quote=quote)
            )
        for t_index, table in enumerate(clause.tables):
            if not table.rows:
                continue
            header = table.rows[0]
            dept_cols = [i for i, h in enumerate(header) if _DEPT_HEADER.search(h or "")]
            date_cols = [i for i, h in enumerate(header) if _DEADLINE_HEADER.search(h or "")]
            quote_cols = [
                i
                for i, h in enumerate(header)
                if i not in dept_cols
                and i not in date_cols
                and rules.quotations.is_quote_header(h or "")
            ]
            answer_cols = [
                i
                for i in range(len(header))
                if i not in dept_cols and i not in date_cols and i not in quote_cols
            ]
            if not answer_cols or len(table.rows) < 2:
                quote_cols = []  # a table of quoted requirements only: they are its tasks
            body = table.rows[1:] if len(table.rows) > 1 else table.rows
            group = ""
            for r_index, row in enumerate(body, 2 if len(table.rows) > 1 else 1):
                cells = [c.strip() for c in row]
                text = " | ".join(c for c in cells if c)
                if not text:
                    continue
                quote = ""
                if quote_cols:
                    quote = " ".join(cells[i] for i in quote_cols if i < len(cells) and cells[i])
                    answer = " ".join(cells[i] for i in answer_cols if i < len(cells))
                    if is_empty_answer(answer, rules) and not (
                        _is_group_row(cells) and match_label(text) is not None
                    ):
                        continue  # only the quotation: the county says nothing
                if len(table.rows) > 1 and _is_group_row(cells):
                    group = text  # 一、产业提质增效 | | |: the title of the rows below
                    continue
                if quote_cols:
                    text = " | ".join(c for i, c in enumerate(cells) if c and i not in quote_cols)
                label = (
                    f"表{t_index + 1}第{r_index}行"
                    if len(clause.tables) > 1
                    else f"表格第{r_index}行"
                )
                unit = PlanUnit(
                    text,
                    clause,
                    "row",
                    f"{where} {label}".strip(),
                    len(units),
                    header=list(header),
                    cells=[c if i not in quote_cols else "" for i, c in enumerate(cells)],
                    department_columns=bool(dept_cols) and len(table.rows) > 1,
                    group=group,
                    quote=quote,
                )
                unit.row_departments = [cells[i] for i in dept_cols if i < len(cells) and cells[i]]
                unit.task_cells = [
                    c
                    for i, c in enumerate(cells)
                    if c
                    and i not in dept_cols
                    and i not in date_cols
                    and i not in quote_cols
                    and has_word_char(c)
                ]
                units.append(unit)
    return units


# --------------------------------------------------------------------------- queries


@dataclass(frozen=True)
class Slot:
    """One word of a query: the word itself (full credit), the dictionary words inside it
    (partial credit by length) or, for a synonym group, the group's pseudo-word."""

    key: str
    weight: float
    alternatives: tuple[tuple[str, float], ...]
    parts: tuple[tuple[str, float], ...] = ()  # words of a synonym, credit summed
    position: int = 0  # where the word starts in the query text
    subs: tuple[tuple[str, int, int], ...] = ()  # dictionary words inside: (word, at, length)
    # how much each character of the word weighs for partial credit: the rarest dictionary
    # word covering it (跟班培训: 跟班 weighs more than 培训, which every plan has)
    char_weights: tuple[float, ...] = ()


@dataclass
class Query:
    """Weighted words (slots) of a requirement or of one of its parts."""

    slots: dict[str, Slot]

    @property
    def total(self) -> float:
        return sum(s.weight for s in self.slots.values())

    def __bool__(self) -> bool:
        return self.total > 0


class PlanIndex:
    """A plan's units with their words, and the statistics queries are weighted by."""

    def __init__(
        self,
        document: Document,
        rules: CheckRules,
        *,
        background: Sequence[str] = (),
        background_df: tuple[Counter[str], int] | None = None,
    ) -> None:
        self.document = document
        self.rules = rules
        self.units = plan_units(document, rules)
        self._synonyms = _synonyms(tuple(tuple(g) for g in rules.synonyms))
        self._generic = frozenset(fold(w) for w in rules.generic_terms)
        self._vague = frozenset(fold(w) for w in rules.vague_markers)
        self._deferrals = sorted(
            (fold(w) for w in rules.quotations.deferrals), key=len, reverse=True
        )
        self._clauses = {c.id: c for c in document.clauses}
        self._head_ignored = frozenset(fold(w) for w in rules.head_ignored) | frozenset(
            f"§{group}"  # a synonym group of measure words (比例, 比重, 占比)
            for member, group in self._synonyms.members
            if member in {fold(w) for w in rules.head_ignored}
        )
        own_terms: dict[int, frozenset[str]] = {}
        for unit in self.units:
            unit.folded = fold(unit.text)
            own_terms[unit.index] = self.terms_of(unit.text)
            unit.terms = own_terms[unit.index]
            if unit.quote:
                # the quotation says which requirement the county's answer is to: its words
                # find the unit; its figures, dates and scope are never the plan's (they
                # are read from ``text`` alone)
                unit.deferred = self.says_nothing(unit)
                unit.terms = unit.terms | self.terms_of(unit.quote)
            title = unit.clause.title or ""
            if unit.kind == "row":
                title = " ".join([title, *unit.header, unit.group])
            unit.title_terms = self.terms_of(title) - unit.terms if title else frozenset()
            # a sentence that names no group is about the group its section title names
            # (一、解决自主迁徙居民问题 … 对住房困难家庭实施危房改造)
            unit.subjects = (
                subject_groups(unit.text, rules)
                or (subject_groups(unit.quote, rules) if unit.quote else frozenset())
                or self._title_subjects(unit.clause)
            )
            unit.fields = field_groups(unit.quote if unit.deferred else unit.text, rules)
        by_clause: dict[str, set[str]] = {}
        for unit in self.units:
            if unit.kind == "sentence":
                by_clause.setdefault(unit.clause.id, set()).update(own_terms[unit.index])
        for unit in self.units:
            others = by_clause.get(unit.clause.id, set())
            unit.clause_terms = frozenset(others - unit.terms - unit.title_terms)
        self._postings: dict[str, set[int]] = {}
        for unit in self.units:
            for term in unit.terms | unit.title_terms | unit.clause_terms:
                self._postings.setdefault(term, set()).add(unit.index)
        df: Counter[str] = Counter()
        for unit in self.units:
            df.update(own_terms[unit.index] | unit.title_terms)  # a quotation's are not
        n = len(self.units)
        for text in background:
            df.update(self.terms_of(text))
        n += len(background)
        if background_df is not None:
            df.update(background_df[0])
            n += background_df[1]
        self._df = df
        self._n = n

    def _title_subjects(self, clause: Clause) -> frozenset[int]:
        current: Clause | None = clause
        while current is not None:
            if current.title and (found := subject_groups(current.title, self.rules)):
                return found
            current = self._clauses.get(current.parent_id) if current.parent_id else None
        return frozenset()

    def says_nothing(self, unit: PlanUnit) -> bool:
        """Does the county's answer of ``unit`` say nothing of its own: only deferrals to
        the higher level (按市里要求执行), slogan words (高度重视，积极推进) and generic
        words?  A row's unit and date cells are not its answer."""
        answer = " ".join(unit.task_cells) if unit.kind == "row" else unit.text
        folded = fold(re.sub(r"[（(][^（）()]*[）)]", " ", answer))
        for phrase in self._deferrals:
            folded = folded.replace(phrase, " ")
        words = [
            w
            for w, _start, _end in index_segmenter().words(folded)
            if len(w) >= 2 and not all(c in _NUMERALS for c in w)
        ]
        if not words:  # a figure alone (80%) is an answer; 按市里要求执行 left nothing
            return not any(c.isdigit() for c in folded)
        empty = self._vague | self._generic
        return all(
            w in empty or all(part in empty for part in _cover(w))  # 认真落实 = 认真 + 落实
            for w in words
        )

    def mask_deferrals(self, folded: str) -> str:
        """``folded`` with its deferrals to the higher level (按市里要求执行) blanked out by
        commas of the same length: 产业收入占比：按市里要求执行 names no other noun."""
        for phrase in self._deferrals:
            if phrase in folded:
                folded = folded.replace(phrase, "，" * len(phrase))
        return folded

    # ------------------------------------------------------------------ words
    def terms_of(self, text: str) -> frozenset[str]:
        """Words of ``text`` plus the pseudo-words of the synonym groups it uses."""
        folded = fold(text)
        words = set(words_of(folded))
        for _member, group in self._synonyms.found(folded):
            words.add(f"§{group}")
        return frozenset(words)

    @property
    def head_ignored(self) -> frozenset[str]:
        """Measure words (the rules' ``head_ignored``) and synonym groups of them."""
        return self._head_ignored

    def is_generic(self, word: str) -> bool:
        return self._is_generic(word)

    def _is_generic(self, word: str) -> bool:
        """A ``generic_terms`` word, or a word made only of them (全面推行 = 全面 + 推行)."""
        if word in self._generic:
            return True
        parts = _cover(word)
        return len(parts) > 1 and all(part in self._generic for part in parts)

    def idf(self, term: str) -> float:
        df = self._df.get(term, 0)
        return math.log(1 + (self._n + 1) / (df + 0.5))

    def query(self, text: str, weight: float = 1.0) -> Query:
        folded = split_counts(fold(_clean_query_text(text)))
        slots: dict[str, Slot] = {}
        taken: list[tuple[int, int]] = []
        for member, group in self._synonyms.found(folded):
            at = folded.find(member)
            while at >= 0:
                span = (at, at + len(member))
                if not any(a < span[1] and span[0] < b for a, b in taken):
                    taken.append(span)
                    key = f"§{group}"
                    inner_words = [
                        word
                        for word in _cover(member)
                        if len(word) >= 2 and word not in self._generic
                    ]
                    size = sum(len(w) for w in inner_words) or 1
                    inner = [(word, 0.9 * len(word) / size) for word in inner_words]
                    # (a member jieba cuts into single characters, 入园, has no words)
                    w = max([self.idf(key), *(self.idf(t) for t in words_of(member))]) * weight
                    old = slots.get(key)
                    if old is None or old.weight < w:
                        slots[key] = Slot(key, w, ((key, 1.0),), tuple(inner), at)
                at = folded.find(member, at + 1)
        segmenter = index_segmenter()
        titles = [(m.start(), m.end()) for m in _TITLE.finditer(folded)]
        for word, start, end in segmenter.words(folded):
            if len(word) < 2 or all(c in _NUMERALS for c in word):
                continue
            if any(a <= start and end <= b for a, b in taken):
                continue
            w = self.idf(word) * weight
            if self._is_generic(word) or _PLACE.fullmatch(word):
                # a county plan does not repeat the city's or region's name
                w *= GENERIC_WEIGHT
            elif any(a <= start and end <= b for a, b in titles):
                w *= TITLE_WORD_WEIGHT  # a document's name in 《》: plans cite it otherwise
            alternatives = [(word, 1.0)]
            if len(word) >= 3 and word.endswith("率"):
                alternatives.append((word[:-1], 0.9))  # 治理率 ~ 治理
            subs = tuple(
                (sub, offset, len(sub))
                for sub, offset in segmenter.subwords(word)
                if not all(c in _NUMERALS for c in sub) and sub not in self._generic
            )
            old = slots.get(word)
            if old is None or old.weight < w:
                slots[word] = Slot(
                    word,
                    w,
                    tuple(alternatives),
                    position=start,
                    subs=subs,
                    char_weights=self._char_weights(word, subs),
                )
        return Query(slots)

    def _char_weights(self, word: str, subs: tuple[tuple[str, int, int], ...]) -> tuple[float, ...]:
        if not subs:
            return ()
        weights = [0.0] * len(word)
        for sub, at, length in subs:
            idf = self.idf(sub)
            for i in range(at, min(at + length, len(word))):
                weights[i] = max(weights[i], idf)
        floor = min(w for w in weights if w > 0)
        return tuple(w if w > 0 else floor for w in weights)

    def combine(self, *queries: Query) -> Query:
        slots: dict[str, Slot] = {}
        for q in queries:
            for key, slot in q.slots.items():
                old = slots.get(key)
                if old is None or old.weight < slot.weight:
                    slots[key] = slot
        return Query(slots)

    # ------------------------------------------------------------------ scoring
    def credit(self, slot: Slot, unit: PlanUnit) -> float:
        best = 0.0
        title_weight = self.rules.thresholds.title_weight
        clause_weight = self.rules.thresholds.clause_weight
        for term, credit in slot.alternatives:
            if term in unit.terms:
                best = max(best, credit)
            elif term in unit.title_terms:
                best = max(best, credit * title_weight)
            elif term in unit.clause_terms:
                best = max(best, credit * clause_weight)
        if slot.subs and best < 1.0:
            # the share of the word's characters covered by its parts found in the unit
            covered: set[int] = set()
            for sub, at, length in slot.subs:
                if sub in unit.terms:
                    covered.update(range(at, at + length))
            if covered:
                weights = slot.char_weights
                if weights:
                    share = sum(weights[i] for i in covered if i < len(weights)) / sum(weights)
                else:
                    share = len(covered) / len(slot.key)
                best = max(best, SUBWORD_CREDIT * share)
        if not slot.subs and not slot.parts and best == 0.0 and len(slot.key) >= 3:
            # a word jieba knows no parts of: its character pairs (out-of-vocabulary words)
            pairs = [slot.key[i : i + 2] for i in range(len(slot.key) - 1)]
            found = sum(1 for pair in pairs if pair in unit.folded)
            if found * 2 >= len(pairs):
                best = BIGRAM_CREDIT * found / len(pairs)
        if slot.parts and best < 1.0 and all(term in unit.terms for term, _c in slot.parts):
            # every word of the synonym, close together (党组织达到三星级以上)
            span = 2 * sum(len(term) for term, _c in slot.parts) + 6
            if _near(unit.folded, [term for term, _c in slot.parts], span):
                best = max(best, 0.9)
        return best

    def score(self, query: Query, unit: PlanUnit) -> float:
        total = query.total
        if total <= 0:
            return 0.0
        got = sum(slot.weight * self.credit(slot, unit) for slot in query.slots.values())
        return got / total

    def precision(self, query: Query, unit: PlanUnit) -> float:
        """The share of the weight of ``unit``'s own words (a row's task cells) that
        ``query`` has: 1.0 for a unit that says nothing but the requirement's words, such as
        an indicator table's row (乡村公益性岗位安置 | 180人)."""
        text = " ".join(unit.task_cells) if unit.kind == "row" else unit.text
        vocabulary: set[str] = set()
        for slot in query.slots.values():
            vocabulary.update(term for term, _c in slot.alternatives)
            vocabulary.update(term for term, _c in slot.parts)
            vocabulary.update(sub for sub, _a, _l in slot.subs)
        keys = [k for k in vocabulary if not k.startswith("§")]
        total = got = 0.0
        for word in self.terms_of(text):
            if word.startswith("§") or self._is_generic(word):
                continue
            weight = self.idf(word)
            total += weight
            if word in vocabulary or any(word in key for key in keys):
                got += weight
        return got / total if total else 0.0

    def heaviest(self, query: Query, n: int = 1) -> list[Slot]:
        """The ``n`` heaviest slots that say what the requirement is about: measure words
        (the rules' ``head_ignored``: 人数, 比例, 标准 …) are left out unless nothing else is
        left — a plan counts 劳动力 where the requirement counts 劳动力人数."""
        ranked = sorted(query.slots.values(), key=lambda s: -s.weight)
        about = [s for s in ranked if s.key not in self._head_ignored]
        return (about or ranked)[:n]

    def head(self, query: Query) -> Slot | None:
        """The last word of a metric that names what is counted (农村卫生改厕普及率 → 改厕:
        words of the rules' ``head_ignored`` such as 普及率, 比例, 标准 are skipped)."""
        ignored = self._head_ignored
        slots = [
            s
            for s in sorted(query.slots.values(), key=lambda s: s.position)
            if s.key not in ignored and s.key not in self._generic
        ]
        return slots[-1] if slots else None

    def head_matched(self, head: Slot, unit: PlanUnit) -> bool:
        """Is the metric's head word in ``unit``: at least half its credit, or its own last
        dictionary word (文艺演出 → 演出, 跟班培训 → 培训) — in Chinese the end of a
        compound says what it is."""
        if self.credit(head, unit) >= 0.5:
            return True
        return any(
            at + length == len(head.key) and length >= 2 and sub in unit.terms
            for sub, at, length in head.subs
        )

    def key_share(self, query: Query, unit: PlanUnit, n: int = 2) -> float:
        """The share of the weight of the query's ``n`` heaviest slots that ``unit`` has."""
        slots = self.heaviest(query, n)
        total = sum(s.weight for s in slots)
        if total <= 0:
            return 0.0
        return sum(s.weight * self.credit(s, unit) for s in slots) / total

    def ranked(
        self,
        query: Query,
        *,
        subjects: frozenset[int] = frozenset(),
        fields: frozenset[int] = frozenset(),
        minimum: float = 0.0,
        units: Iterable[PlanUnit] | None = None,
    ) -> list[tuple[PlanUnit, float]]:
        """Units scoring at least ``minimum``, best first; units about another population
        group than ``subjects``, or about another field of work than ``fields`` (远程同步课堂
        for 远程医疗), are left out."""
        out: list[tuple[PlanUnit, float]] = []
        if units is None:
            # only units sharing a word with the query can score above 0
            hits: set[int] = set()
            for slot in query.slots.values():
                for term in (
                    *(t for t, _c in slot.alternatives),
                    *(t for t, _c in slot.parts),
                    *(t for t, _a, _l in slot.subs),
                ):
                    hits |= self._postings.get(term, set())
            units = [self.units[i] for i in sorted(hits)]
        for unit in units:
            if subjects and unit.subjects and not (unit.subjects & subjects):
                continue
            if fields and unit.fields and not (unit.fields & fields):
                continue
            s = self.score(query, unit)
            if s >= minimum and s > 0:
                out.append((unit, s))
        out.sort(key=lambda us: (-us[1], us[0].index))
        return out


def _near(text: str, words: list[str], span: int) -> bool:
    """Do all ``words`` occur in ``text`` within ``span`` characters of one another?"""
    if not words:
        return False
    first, rest = words[0], words[1:]
    at = text.find(first)
    while at >= 0:
        window = text[max(0, at - span) : at + len(first) + span]
        if all(w in window for w in rest):
            return True
        at = text.find(first, at + 1)
    return False


@lru_cache(maxsize=8192)
def _cover(word: str) -> list[str]:
    """The longest dictionary words that cover ``word`` without overlapping (三星级以上党组织 →
    三星级, 以上, 党组织); the word itself when nothing smaller is known."""
    segmenter = index_segmenter()
    parts = [w for w, _s, _e in segmenter.words(word)]
    if len(parts) > 1:
        return parts
    subs = sorted(segmenter.subwords(word), key=lambda so: (-len(so[0]), so[1]))
    chosen: list[tuple[int, int, str]] = []
    for sub, offset in subs:
        span = (offset, offset + len(sub))
        if not any(a < span[1] and span[0] < b for a, b, _w in chosen):
            chosen.append((span[0], span[1], sub))
    return [w for _a, _b, w in sorted(chosen)] or [word]


def background_statistics(texts: Iterable[str], rules: CheckRules) -> tuple[Counter[str], int]:
    """Document frequencies of words over ``texts`` (the corpus's sentences): what makes a
    word common in policy language, and so light in a query."""
    synonyms = _synonyms(tuple(tuple(g) for g in rules.synonyms))
    df: Counter[str] = Counter()
    n = 0
    for text in texts:
        folded = fold(text)
        words = set(words_of(folded))
        words.update(f"§{g}" for _m, g in synonyms.found(folded))
        df.update(words)
        n += 1
    return df, n


def _clean_query_text(text: str) -> str:
    """Requirement wording without quotation marks (“三区”人才 → 三区人才); 《》 stay."""
    return _QUOTES.sub("", text)


def focus_segment(text: str, raw: str) -> str:
    """The comma-delimited part of ``text`` around ``raw`` (a target or deadline as written),
    with the next part (and then the part before) when that part is short."""
    at = text.find(raw)
    if at < 0:
        return text
    bounds = [0, *(m.end() for m in _SEGMENT_SPLIT.finditer(text)), len(text)]
    start = max(b for b in bounds if b <= at)
    end = min(b for b in bounds if b >= at + len(raw))
    if len(text[start:end].strip("，,；;。 ")) < 14:
        later = [b for b in bounds if b > end]
        if later and text[end - 1 : end] not in "。；;":
            end = later[0]
    if len(text[start:end].strip("，,；;。 ")) < 14:
        earlier = [b for b in bounds if b < start]
        if earlier:
            start = earlier[-1]
    return text[start:end]


def metric_text(metric: str) -> str:
    """A target's metric without short parenthesised qualifiers: 城乡低保标准（月） → 城乡低保标准."""
    return _BRACKETS.sub("", metric)
