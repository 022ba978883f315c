"""Turning clauses into obligations: who must do what, by when, to what number.

An obligation is one requirement: a sentence (or a short lead sentence joined to the one it
introduces) with its own deadlines and targets.  Its departments come from, in order:

1. a responsibility parenthetical of its clause （责任单位：…；牵头部门：…；配合部门：…）,
   which binds every requirement of the clause (doc 6's layout, and 任务分工表 rows);
2. the bodies the sentence itself names as actors (国家乡村振兴局、民政部加强…);
3. the actors of the previous requirement in the same clause (a run of sentences with one
   subject), then those of the parent clause's parenthetical.

Pure functions: clauses and document metadata in, ``Obligation`` models out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..documents.sentences import split_sentences
from ..models import Clause, Departments, Document, DocumentMeta, Obligation
from ..registry import Registry, load_registry
from .deadlines import extract_deadlines
from .departments import extract_departments, parse_responsibility_parenthetical
from .targets import extract_targets

# A sentence that only states what something *is* (定性表述) imposes nothing.
_DESCRIPTIVE = re.compile(
    r"^[^，。；]{2,40}是[^，。；]{0,40}(举措|任务|途径|体现|抓手|部署|战略|决策)"
)
# Words that mark a requirement: an action to carry out or a result to reach.
_ACTION = re.compile(
    r"要|应|须|确保|实现|完成|力争|达到|推进|推动|加强|加大|加快|落实|开展|建立|健全|完善|实施|"
    r"组织|选派|培育|提高|提升|强化|统筹|支持|鼓励|引导|动员|打造|建设|新建|改扩建|创建|制定|"
    r"编制|报送|上报|报告|督导|督查|监测|排查|发放|安排|纳入|扩大|保障|探索|深化|发挥|做好|抓好|"
    r"推广|设立|搭建|举办|召开|培养|解决|消除|防止|坚持|聚焦|围绕|紧盯|织密|引进|帮助|关爱|优化"
)
_LEAD_SENTENCE_MAX = 14  # "统筹专班，实行会议调度。" introduces the sentence after it
_PARENTHETICAL_ONLY = re.compile(r"^[（(][^）)]*(责任|牵头|配合)[^）)]*[）)]$")
# A responsibility label written as text, not in brackets: 牵头单位：县农业农村局；责任单位：各乡镇。
_ROLE_LABEL = re.compile(r"(牵头|责任|配合|协办|主责|协同|参与)(单位|部门|领导)\s*[：:]")


def _is_lead_sentence(sentence: str) -> bool:
    """A short lead-in such as ``统筹专班，实行会议调度。`` that introduces the next sentence."""
    if len(sentence) > _LEAD_SENTENCE_MAX or re.search(r"\d", sentence):
        return False
    return "，" in sentence or sentence.endswith(("：", ":")) or len(sentence) <= 8


def requirement_sentences(clause: Clause) -> list[str]:
    """The sentences of a clause that state requirements, in order.

    The inline heading (``扶持产业发展提质增效。``) is not a requirement of its own; a short
    lead sentence is joined to the sentence it introduces (within one paragraph); descriptive
    sentences, signatures and dates are dropped.  Each result is verbatim clause text.
    """
    result: list[str] = []
    for number, paragraph in enumerate(clause.text.split("\n")):
        sentences = split_sentences(paragraph)
        if (
            number == 0
            and clause.title
            and sentences
            and sentences[0].rstrip("。.：: ") == clause.title
        ):
            sentences = sentences[1:]
        pending = ""
        for sentence in sentences:
            if _PARENTHETICAL_ONLY.match(sentence.strip()):
                if result:
                    result[-1] += sentence
                continue
            if _ROLE_LABEL.match(sentence.strip()):
                continue  # a 牵头单位：… line names bodies; it is not a requirement
            if _DESCRIPTIVE.search(sentence):
                continue
            if _is_lead_sentence(sentence):
                pending += sentence
                continue
            candidate = pending + sentence
            pending = ""
            if _is_requirement(candidate):
                result.append(candidate)
        if pending and _is_requirement(pending):
            result.append(pending)
    return result


def _is_requirement(sentence: str) -> bool:
    return bool(_ACTION.search(sentence) or extract_targets(sentence))


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
    clause_departments = _departments_of_parenthetical(clause.text, meta, registry)
    obligations: list[Obligation] = []
    carried: Departments | None = None
    for n, sentence in enumerate(requirement_sentences(clause), start=1):
        body = _without_parenthetical(sentence)
        if clause_departments is not None:
            departments = clause_departments
        else:
            own = extract_departments(body, meta.region, registry)
            if not own.is_empty():
                carried = own
            departments = own if not own.is_empty() else carried or inherited or Departments()
        obligations.append(
            Obligation(
                id=f"{clause.id}#{n}",
                doc_id=clause.doc_id,
                clause_id=clause.id,
                path=list(clause.path),
                title=clause.title,
                text=sentence,
                departments=departments.model_copy(deep=True),
                deadlines=extract_deadlines(body, meta.year),
                targets=extract_targets(body),
                source="extracted",
            )
        )
    return obligations


def extract_obligations(document: Document, registry: Registry | None = None) -> list[Obligation]:
    """Every obligation of a document, by the extractor alone (``source: extracted``)."""
    registry = registry or load_registry()
    by_id = {clause.id: clause for clause in document.clauses}
    parenthetical: dict[str, Departments | None] = {}
    result: list[Obligation] = []
    for clause in document.clauses:
        if clause.kind == "preamble":
            continue
        parenthetical[clause.id] = _departments_of_parenthetical(
            clause.text, document.meta, registry
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
