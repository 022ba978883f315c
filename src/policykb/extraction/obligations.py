"""Turning clauses into obligations: who must do what, by when, to what number.

An obligation is one requirement: a sentence (or the ；-series of one sentence, or a short lead
sentence joined to the one it introduces) with its own deadlines and targets.  Every sentence of
a clause is a requirement except what is known to impose nothing: the inline heading, role-label
lines, purpose and announcement sentences (…制定本方案。 …通知如下：), guiding-thought text
(以…为指导，全面贯彻…精神), descriptive sentences (…是…的重大举措), signatures and dates.

Segmentation (see ``docs/extraction-rules.md``, "Obligations"):

* a sentence ends at 。！？; its ；-parts stay together unless a part opens with its own subject
  (a body, or a subject noun phrase followed by 要/应/可/须);
* within a sentence, ``A牵头制定…，B要…`` — a comma followed by a new body subject and a modal,
  after a part with an actor of its own — starts a new requirement;
* a responsibility parenthetical is cut off the obligation's text (the text stays a verbatim
  substring of the clause);
* the rows of a task-division table (序号/重点任务/牵头单位/配合单位/完成时限) are one obligation
  each, with the departments and deadline of their columns.

Departments come from, in order:

1. a responsibility parenthetical of the clause （责任单位：…；牵头部门：…；配合部门：…）, or
   role-label lines (牵头单位：…；责任单位：…), binding every requirement of the clause;
2. the bodies the requirement itself names as actors (国家乡村振兴局、民政部加强…);
3. the actors carried from the previous requirement of the same paragraph — only when the
   paragraph opens with an actor, and not past a requirement that opens with a subject of its
   own (有条件的地方可…, 参与…的社会组织要…);
4. the parenthetical of a parent clause.

Pure functions: clauses and document metadata in, ``Obligation`` models out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Clause, Deadline, Departments, Document, DocumentMeta, Obligation, Table
from ..registry import Registry, load_registry
from .deadlines import extract_deadlines, extract_requirement_deadlines
from .departments import (
    departments_from_roles,
    extract_departments,
    parse_responsibility_parenthetical,
    split_names,
)
from .targets import extract_targets

# --------------------------------------------------------------------------- vocabulary

# A sentence (or its first comma-part) that only states what something *is* (定性表述).
_DESCRIPTIVE = re.compile(
    r"^[^，。；]{2,40}是[^，。；]{0,40}(举措|任务|途径|体现|抓手|部署|战略|决策|舞台|责任)"
)
# Guiding-thought text: 以习近平新时代中国特色社会主义思想为指导，全面贯彻…精神.
_IDEOLOGY = re.compile(r"^以[^，。；]{2,40}为(?:指导|指引|统领)")
_IDEOLOGY_TITLES = ("指导思想",)
# Purpose and announcement sentences: the document introducing itself.
_ANNOUNCEMENT = re.compile(
    r"(?:如下|如次)[：:。]?$|制定本(?:方案|意见|办法|细则|计划|通知)[。.]?$|"
    r"(?:特|现)?(?:制定|提出|印发)(?:如下|以下)"
)
# A sentence that continues the previous one: it keeps that sentence's actors (同时，…).
_CONTINUATION = re.compile(r"^(?:同时|并且|并|此外|另外|还要|也要)[，,]?")
# A sentence that assigns the previous requirement: 此项工作由X负责 belongs to it.
_ANAPHORIC_ASSIGNMENT = re.compile(r"^(?:此项|该项|这项|上述|以上|前述)(?:工作|任务)")
_LEAD_SENTENCE_MAX = 14  # "统筹专班，实行会议调度。" introduces the sentence after it
# A responsibility label written as text, not in brackets: 牵头单位：县农业农村局；责任单位：各乡镇。
_ROLE_LABEL = re.compile(r"(牵头|责任|配合|协办|主责|协同|参与)(单位|部门|领导)\s*[：:]")
# A line naming the person in charge (责任人：副县长 某某; 联系人：…): no requirement, no body.
_PERSON_LABEL = re.compile(r"(?:责任|牵头|分管|包抓|联系|负责)人\s*[：:]")
_DATE_ONLY = re.compile(r"^\s*(?:19|20|二[〇零])\S{2}\s*年\s*\S{1,2}\s*月\s*\S{1,3}\s*日\s*$")
_SENTENCE_PUNCT = re.compile(r"[，。；：！？,;:!?]")
_OPEN = "（(“‘《〈【[「『"
_CLOSE = "）)”’》〉】]」』"
_SENTENCE_ENDERS = "。！？!?"
_PART_ENDERS = "；;"

# A subject noun phrase followed by a modal: 有条件的地方可…, 参与…的社会组织要…, 各级领导干部要….
_MODAL = (
    r"(?:要(?![求点素件害])|应当|应(?![纳保扶贷急对用收付尽])|须|必须|"
    r"可以?(?![持复推操学靠能行视控及信支再比观溯燃用口])|需要?(?!求))"
)
_SUBJECT_THEN_MODAL = re.compile(rf"^(?P<subject>[^，。；：、“”《》（）()\s]{{2,20}}?){_MODAL}")
# …unless what stands before the modal is an adverbial or a verb phrase, not a subject.
_NOT_SUBJECT_START = re.compile(
    r"^(?:在|对|按|为|以|根据|依据|通过|围绕|结合|依托|针对|同时|并|也|还|都|均|从|自|"
    r"进一步|切实|积极|认真|主动|及时|重点|加强|加大|加快|推进|推动|深化|强化|完善|健全|建立|"
    r"落实|实施|开展|组织|做好|抓好|确保|力争|努力|坚持|注重|严格|全面|大力|着力|持续)"
)
_PREPOSITION_START = re.compile(r"^(?:在|对|按|为|以|根据|依据|通过|针对|从|自)")
_BODY_MODAL = re.compile(rf"^(?P<names>[^，。；：“”《》]{{2,40}}?){_MODAL}")

# Task-division tables: which column holds what.
_TASK_COLUMN = re.compile(r"任务|内容|事项|工作|措施|举措")
_LEAD_COLUMN = re.compile(r"牵头|主责|主办")
_COOPERATE_COLUMN = re.compile(r"配合|协办|协助|参与|协同")
_RESPONSIBLE_COLUMN = re.compile(r"责任|实施|落实|承办")
_DEADLINE_COLUMN = re.compile(r"时限|时间|期限|节点|进度")
_SERIAL_COLUMN = re.compile(r"^(?:序号|编号|序|No\.?)$", re.IGNORECASE)


# --------------------------------------------------------------------------- spans


@dataclass
class _Unit:
    """A candidate requirement: ``paragraph[start:end]`` of one clause paragraph."""

    paragraph: int
    start: int
    end: int
    own_subject: bool = False  # opens with a subject of its own (registered or not)


def _sentence_spans(paragraph: str) -> list[list[tuple[int, int]]]:
    """Sentences of a paragraph (ended by 。！？), each a list of ；-part spans."""
    sentences: list[list[tuple[int, int]]] = []
    parts: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for i, ch in enumerate(paragraph):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in _SENTENCE_ENDERS or ch in _PART_ENDERS):
            parts.append((start, i + 1))
            start = i + 1
            if ch in _SENTENCE_ENDERS:
                sentences.append(parts)
                parts = []
    tail = paragraph[start:].strip()
    if tail:
        if tail[0] in "（(" and tail[-1] in "）)" and (parts or sentences):
            # a closing parenthetical right after the last 。 belongs to that sentence
            if parts:
                last = parts[-1]
                parts[-1] = (last[0], len(paragraph.rstrip()))
            else:
                last_sentence = sentences[-1]
                last = last_sentence[-1]
                last_sentence[-1] = (last[0], len(paragraph.rstrip()))
        else:
            parts.append((start, len(paragraph.rstrip())))
    if parts:
        sentences.append(parts)
    return [[_strip_span(paragraph, s, e) for s, e in sentence] for sentence in sentences]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _comma_positions(text: str) -> list[int]:
    """Positions of the commas of ``text`` outside brackets and quotations."""
    found: list[int] = []
    depth = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "，,":
            found.append(i)
    return found


def _first_comma_part(text: str) -> str:
    commas = _comma_positions(text)
    return text[: commas[0]] if commas else text


# --------------------------------------------------------------------------- subjects


def _opens_with_body(text: str, meta: DocumentMeta, registry: Registry) -> bool:
    """The text's first comma-part names bodies as its actors (各县（区）要…, X牵头…)."""
    first = _first_comma_part(text)
    found = extract_departments(first, meta.region, registry)
    return bool(found.responsible or found.lead)


def _opens_with_other_subject(text: str) -> bool:
    """A subject of its own that is not a body: 有条件的地方可…, 参与…的社会组织要…."""
    match = _SUBJECT_THEN_MODAL.match(_first_comma_part(text))
    if match is None:
        return False
    subject = match.group("subject")
    if not _NOT_SUBJECT_START.match(subject):
        return True
    # "参与专项行动的社会组织要…": a verb phrase modifying a noun is still a subject
    head = subject.rsplit("的", 1)
    return len(head) == 2 and len(head[1]) >= 2 and not _PREPOSITION_START.match(subject)


def _opens_with_subject(text: str, meta: DocumentMeta, registry: Registry) -> bool:
    return _opens_with_body(text, meta, registry) or _opens_with_other_subject(text)


def _new_actor_at(segment: str, meta: DocumentMeta, registry: Registry) -> bool:
    """``各县（区）、市直各部门（单位）要…``: bodies followed by a modal open the segment."""
    match = _BODY_MODAL.match(segment)
    if match is None:
        return False
    found = extract_departments(match.group(0), meta.region, registry)
    return bool(found.responsible or found.lead)


# --------------------------------------------------------------------------- selection


def _is_lead_sentence(sentence: str) -> bool:
    """A short lead-in such as ``统筹专班，实行会议调度。`` that introduces the next sentence."""
    if len(sentence) > _LEAD_SENTENCE_MAX or re.search(r"\d", sentence):
        return False
    return "，" in sentence or sentence.endswith(("：", ":")) or len(sentence) <= 8


def _is_signature_or_date(text: str) -> bool:
    """``民政部 国家乡村振兴局``, ``2022年2月15日``: no sentence punctuation, short."""
    if _DATE_ONLY.match(text):
        return True
    return len(text) <= 40 and not _SENTENCE_PUNCT.search(text) and not re.search(r"\d", text)


def _has_commitment(text: str, year: int | None) -> bool:
    return bool(extract_targets(text) or extract_deadlines(text, year))


def _restated(heading: str, rest: str, year: int | None) -> bool:
    """Every target and deadline of an inline heading is stated again in the clause's text
    (按季调度进展。…于每季度首月10日前…): the heading only names the topic.  A heading without
    any commitment is restated trivially."""
    body_deadlines = extract_deadlines(rest, year)
    for due in extract_deadlines(heading, year):
        if due.kind == "recurring" and due.recurrence is not None:
            freq = due.recurrence.freq
            if not any(
                d.kind == "recurring" and d.recurrence is not None and d.recurrence.freq == freq
                for d in body_deadlines
            ):
                return False
        elif not any(
            d.kind == due.kind and d.due == due.due and d.duration == due.duration
            for d in body_deadlines
        ):
            return False
    body_targets = {(t.value, t.value_min, t.value_max, t.unit) for t in extract_targets(rest)}
    return all(
        (t.value, t.value_min, t.value_max, t.unit) in body_targets
        for t in extract_targets(heading)
    )


def _from_first_commitment(text: str, year: int | None) -> int | None:
    """Offset of the comma-part where the first target or deadline appears, or None."""
    starts = [0, *(p + 1 for p in _comma_positions(text))]
    ends = [*(p for p in _comma_positions(text)), len(text)]
    for start, end in zip(starts, ends, strict=True):
        if _has_commitment(text[start:end], year):
            return start
    return None


def _trim_parenthetical(text: str) -> tuple[str, int]:
    """The text without a responsibility parenthetical at its end, and the new length."""
    found = parse_responsibility_parenthetical(text)
    if found is None:
        return text, len(text)
    _, (start, end) = found
    if text[end:].strip(" \t。.；;，,"):
        return text, len(text)  # in the middle of the sentence: keep the sentence whole
    cut = text[:start].rstrip()
    return cut, len(cut)


def _candidate_units(
    clause: Clause, paragraphs: list[str], meta: DocumentMeta, registry: Registry
) -> list[_Unit]:
    """Sentences and their ；-series, split where a new subject opens a part or a comma-part."""
    units: list[_Unit] = []
    for number, paragraph in enumerate(paragraphs):
        for sentence in _sentence_spans(paragraph):
            current: _Unit | None = None
            for start, end in sentence:
                part = paragraph[start:end]
                opens = _opens_with_subject(part, meta, registry)
                if current is None or opens:
                    current = _Unit(number, start, end, own_subject=opens)
                    units.append(current)
                else:
                    current.end = end
        # mixed actors: "A牵头制定…，B要…" → two requirements
    return [
        piece for unit in units for piece in _split_mixed_actors(unit, paragraphs, meta, registry)
    ]


def _split_mixed_actors(
    unit: _Unit, paragraphs: list[str], meta: DocumentMeta, registry: Registry
) -> list[_Unit]:
    text = paragraphs[unit.paragraph][unit.start : unit.end]
    pieces: list[_Unit] = []
    begin = 0
    for comma in _comma_positions(text):
        segment = text[comma + 1 :]
        if not _new_actor_at(segment, meta, registry):
            continue
        before = text[begin:comma]
        own = extract_departments(before, meta.region, registry)
        if own.is_empty():
            continue
        pieces.append(
            _Unit(unit.paragraph, unit.start + begin, unit.start + comma, unit.own_subject)
        )
        begin = comma + 1
    pieces.append(
        _Unit(unit.paragraph, unit.start + begin, unit.end, begin > 0 or unit.own_subject)
    )
    return pieces


def _select(
    clause: Clause, units: list[_Unit], paragraphs: list[str], year: int | None
) -> list[_Unit]:
    """Drop what imposes nothing, trim what is not part of the requirement, join lead-ins."""
    ideology_clause = (clause.title or "").strip() in _IDEOLOGY_TITLES
    kept: list[_Unit] = []
    for index, unit in enumerate(units):
        paragraph = paragraphs[unit.paragraph]
        text = paragraph[unit.start : unit.end]
        if index == 0 and unit.paragraph == 0 and clause.title:
            is_heading = text.rstrip("。.：: ") == clause.title.strip()
            others = len(units) > 1 or bool(clause.children)
            rest = "\n".join([paragraph[unit.end :], *paragraphs[1:]]) if others else ""
            if is_heading and others and _restated(text, rest, year):
                continue  # the inline heading (扶持产业发展提质增效。, 按季调度进展。)
        text, length = _trim_parenthetical(text)
        unit.end = unit.start + length
        if not text.strip(" 。.；;，,"):
            continue  # a parenthetical on its own
        if _ROLE_LABEL.match(text) or _PERSON_LABEL.match(text):
            continue  # a 牵头单位：… or 责任人：… line names who; it is not a requirement
        whole_line = unit.start == 0 and not paragraph[unit.end :].strip()
        if whole_line and _is_signature_or_date(text) and not _has_commitment(text, year):
            continue
        if _ANNOUNCEMENT.search(text) and not _has_commitment(text, year):
            continue
        if ideology_clause or _IDEOLOGY.match(text):
            offset = _from_first_commitment(text, year)
            if offset is None:
                continue  # pure guiding thought
            unit.start += offset
            text = text[offset:]
        first = _first_comma_part(text)
        if _DESCRIPTIVE.search(first):
            if first == text or len(first) + 1 >= len(text):
                continue
            unit.start += len(first) + 1  # "…是…的重大举措，自治区今年4月将…"
            text = text[len(first) + 1 :]
        kept.append(unit)
    # a short lead sentence introduces the next sentence of its paragraph
    joined: list[_Unit] = []
    pending: _Unit | None = None
    for unit in kept:
        text = paragraphs[unit.paragraph][unit.start : unit.end]
        if pending is not None:
            gap = paragraphs[unit.paragraph][pending.end : unit.start]
            if pending.paragraph == unit.paragraph and not gap.strip():
                unit = _Unit(unit.paragraph, pending.start, unit.end, pending.own_subject)
            else:
                joined.append(pending)
            pending = None
        if _is_lead_sentence(text) and not _has_commitment(text, year):
            pending = unit
            continue
        joined.append(unit)
    if pending is not None:
        joined.append(pending)
    # "此项工作由自治区工商联、乡村振兴局负责。" assigns the requirement before it
    merged: list[_Unit] = []
    for unit in joined:
        text = paragraphs[unit.paragraph][unit.start : unit.end]
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.paragraph == unit.paragraph
            and _ANAPHORIC_ASSIGNMENT.match(text)
            and not paragraphs[unit.paragraph][previous.end : unit.start].strip()
        ):
            previous.end = unit.end
            continue
        merged.append(unit)
    return merged


def requirement_sentences(clause: Clause, meta: DocumentMeta | None = None) -> list[str]:
    """The requirement texts of a clause's running text, in order (tables excluded).

    Each result is verbatim clause text.  ``meta`` gives the region (to recognise subjects)
    and the year (to recognise deadlines); without it, neither is known.
    """
    meta = meta or DocumentMeta(id=clause.doc_id, title="", level="other", region="")
    registry = load_registry()
    paragraphs = _text_paragraphs(clause)
    units = _select(
        clause, _candidate_units(clause, paragraphs, meta, registry), paragraphs, meta.year
    )
    return [paragraphs[u.paragraph][u.start : u.end] for u in units]


# --------------------------------------------------------------------------- tables


def _table_lines(clause: Clause) -> set[str]:
    return {" | ".join(row).strip() for table in clause.tables for row in table.rows}


def _text_paragraphs(clause: Clause) -> list[str]:
    """The clause's running text by paragraph; table lines are blanked (kept as empty lines
    so that paragraph numbers still follow the text)."""
    table_lines = _table_lines(clause)
    return ["" if line.strip() in table_lines else line for line in clause.text.split("\n")]


def _column(header: list[str], pattern: re.Pattern[str]) -> int | None:
    for i, cell in enumerate(header):
        if pattern.search(cell):
            return i
    return None


def _row_line(clause: Clause, row: list[str]) -> tuple[int, str] | None:
    """The line of the clause text that holds a table row, and its index."""
    joined = " | ".join(row).strip()
    for number, line in enumerate(clause.text.split("\n")):
        if line.strip() == joined:
            return number, line.strip()
    return None


_TableRow = tuple[int, str, Departments | None, list[Deadline], list[str]]


def _table_obligations(
    clause: Clause, table: Table, meta: DocumentMeta, registry: Registry
) -> list[_TableRow]:
    """(line, text, departments, deadlines, target texts) for the rows of one table.

    A task-division table (a task column and a department or deadline column) gives one
    obligation per row, with the departments of its role columns and the deadline of its
    time-limit column.  Any other table gives one obligation per labelled row that holds a
    quantity (an insurance table's 意外伤害身故 | 50000元 | 40元/人); its header and the
    continuation rows without a label (payout bands) are not requirements.
    """
    if len(table.rows) < 2:
        return []
    header = table.rows[0]
    task = _column(header, _TASK_COLUMN)
    lead = _column(header, _LEAD_COLUMN)
    cooperate = _column(header, _COOPERATE_COLUMN)
    responsible = _column(header, _RESPONSIBLE_COLUMN)
    deadline = _column(header, _DEADLINE_COLUMN)
    is_task_table = task is not None and any(
        c is not None for c in (lead, cooperate, responsible, deadline)
    )
    serial = _column(header, _SERIAL_COLUMN)
    role_or_time = {c for c in (lead, cooperate, responsible, deadline, serial) if c is not None}
    result: list[_TableRow] = []
    for row in table.rows[1:]:
        located = _row_line(clause, row)
        if located is None:
            continue
        number, line = located

        def cell(i: int | None, row: list[str] = row) -> str:
            return row[i].strip() if i is not None and i < len(row) else ""

        if is_task_table:
            task_text = cell(task)
            if not task_text:
                continue
            # the task cell and every other content cell (具体措施和目标, 目标任务 …): not the
            # number, the role columns or the time limit
            contents = [task_text] + [
                cell(i) for i in range(len(row)) if i != task and i not in role_or_time and cell(i)
            ]
            roles = {
                "lead": split_names(cell(lead), registry) if cell(lead) else [],
                "cooperate": split_names(cell(cooperate), registry) if cell(cooperate) else [],
                "responsible": split_names(cell(responsible), registry)
                if cell(responsible)
                else [],
            }
            departments = departments_from_roles(roles, meta.region, registry)
            deadlines: list[Deadline] = []
            for text in [*contents, cell(deadline)]:
                for due in extract_requirement_deadlines(text, meta.year):
                    if due not in deadlines:
                        deadlines.append(due)
            result.append(
                (
                    number,
                    line,
                    None if departments.is_empty() else departments,
                    deadlines,
                    contents,
                )
            )
        elif row and row[0].strip() and extract_targets(line):
            result.append(
                (number, line, None, extract_requirement_deadlines(line, meta.year), [line])
            )
    return result


# --------------------------------------------------------------------------- obligations


def _without_parenthetical(sentence: str) -> str:
    found = parse_responsibility_parenthetical(sentence)
    if found is None:
        return sentence
    _, (start, end) = found
    return (sentence[:start] + sentence[end:]).strip()


def _departments_of_parenthetical(
    text: str, meta: DocumentMeta, registry: Registry
) -> Departments | None:
    """The departments a clause assigns to all its requirements, by a parenthetical
    （责任单位：…） or by role labels (牵头单位：…；责任单位：…)."""
    if parse_responsibility_parenthetical(text) is None and not _ROLE_LABEL.search(text):
        return None
    departments = extract_departments(text, meta.region, registry)
    return None if departments.is_empty() else departments


def _sets_period(unit: _Unit, paragraphs: list[str], year: int | None) -> bool:
    """A preamble sentence that sets a period for the whole document; the unit is trimmed to
    the comma-part that states it (现就“十四五”期间…通知如下：)."""
    text = paragraphs[unit.paragraph][unit.start : unit.end]
    if not any(d.kind == "period" for d in extract_deadlines(text, year)):
        return False
    offset = _from_first_commitment(text, year)
    unit.start += offset or 0
    return True


# A preamble sentence that sets goals (主要预期目标：…, 力争…, 确保…), as opposed to one that
# reports what was done (2023年，全省累计识别…，已消除风险的占68%，守住了…).
_GOAL_CUE = re.compile(r"目标|预期|力争|确保|争取")
_RETROSPECTIVE = re.compile(r"已|累计|以来|去年|上年|了[，。；]|了$")


def _states_goal(unit: _Unit, paragraphs: list[str]) -> bool:
    text = paragraphs[unit.paragraph][unit.start : unit.end]
    return bool(
        _GOAL_CUE.search(text) and not _RETROSPECTIVE.search(text) and extract_targets(text)
    )


def _running_text(clause: Clause) -> str:
    return "\n".join(_text_paragraphs(clause))


def extract_clause_obligations(
    clause: Clause,
    meta: DocumentMeta,
    registry: Registry,
    *,
    inherited: Departments | None = None,
) -> list[Obligation]:
    """The obligations of one clause (its own text; children are separate clauses)."""
    if not clause.text.strip():
        return []
    clause_departments = _departments_of_parenthetical(_running_text(clause), meta, registry)
    paragraphs = _text_paragraphs(clause)
    units = _select(
        clause, _candidate_units(clause, paragraphs, meta, registry), paragraphs, meta.year
    )
    if clause.kind == "preamble":
        # the preamble introduces the document; only a period it sets for the whole document
        # ("现就“十四五”期间…通知如下") and the goals it states ("主要预期目标：…增长7%以上")
        # are requirements
        units = [
            u
            for u in units
            if _states_goal(u, paragraphs) or _sets_period(u, paragraphs, meta.year)
        ]
    found: list[tuple[tuple[int, int], str, Departments, list[Deadline], list[str]]] = []

    carried: Departments | None = None
    previous: Departments | None = None  # the departments of the previous requirement
    topic_paragraph: int | None = None  # the paragraph whose opening actor may carry over
    last_paragraph = -1
    for unit in units:
        if unit.paragraph != last_paragraph:
            carried, previous, topic_paragraph = None, None, None
            last_paragraph = unit.paragraph
            first_of_paragraph = True
        else:
            first_of_paragraph = False
        text = paragraphs[unit.paragraph][unit.start : unit.end]
        body = _without_parenthetical(text)
        if clause_departments is not None:
            departments = clause_departments
        else:
            own = extract_departments(body, meta.region, registry)
            if first_of_paragraph and not own.is_empty():
                topic_paragraph = unit.paragraph
            if not own.is_empty():
                departments = own
                carried = own if topic_paragraph == unit.paragraph else None
            elif unit.own_subject:
                departments = inherited or Departments()
                carried = None  # 有条件的地方可…: a subject of its own, not the previous one
            elif _CONTINUATION.match(text) and previous is not None and not previous.is_empty():
                departments = previous  # "同时，在规划审批…给予倾斜支持": the same actors
            else:
                departments = carried or inherited or Departments()
            previous = departments
        found.append(
            (
                (unit.paragraph, unit.start),
                text,
                departments,
                extract_requirement_deadlines(body, meta.year),
                [body],
            )
        )
    if clause.kind != "preamble":
        for table in clause.tables:
            for line, text, table_departments, deadlines, target_texts in _table_obligations(
                clause, table, meta, registry
            ):
                departments = table_departments or clause_departments or inherited or Departments()
                found.append(((line, 0), text, departments, deadlines, target_texts))
    found.sort(key=lambda item: item[0])
    return [
        Obligation(
            id=f"{clause.id}#{n}",
            doc_id=clause.doc_id,
            clause_id=clause.id,
            path=list(clause.path),
            title=clause.title,
            text=text,
            departments=departments.model_copy(deep=True),
            deadlines=deadlines,
            targets=[t for piece in target_texts for t in extract_targets(piece)],
            source="extracted",
        )
        for n, (_, text, departments, deadlines, target_texts) in enumerate(found, start=1)
    ]


def extract_obligations(document: Document, registry: Registry | None = None) -> list[Obligation]:
    """Every obligation of a document, by the extractor alone (``source: extracted``)."""
    registry = registry or load_registry()
    by_id = {clause.id: clause for clause in document.clauses}
    parenthetical: dict[str, Departments | None] = {}
    result: list[Obligation] = []
    for clause in document.clauses:
        parenthetical[clause.id] = (
            None
            if clause.kind == "preamble"
            else _departments_of_parenthetical(_running_text(clause), document.meta, registry)
        )
        inherited = None
        parent_id = clause.parent_id
        while parent_id and inherited is None:
            inherited = parenthetical.get(parent_id)
            parent = by_id.get(parent_id)
            parent_id = parent.parent_id if parent else None
        result.extend(
            extract_clause_obligations(clause, document.meta, registry, inherited=inherited)
        )
    return result


def extract_all(
    documents: Iterable[Document], registry: Registry | None = None
) -> list[Obligation]:
    registry = registry or load_registry()
    return [o for doc in documents for o in extract_obligations(doc, registry)]
