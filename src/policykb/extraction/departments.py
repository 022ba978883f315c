"""Which bodies an obligation names, and in which role (责任 / 牵头 / 配合).

Pure functions over text; the department registry supplies the names it knows.  Three
layouts are recognised, in this order:

1. a responsibility parenthetical after the task —
   ``（责任单位：各县〈区〉；牵头部门：市农业农村局；配合部门：市科技局、财政局）`` — or its
   short form ``（市发展改革委牵头，市财政局配合）``;
2. role labels written out, as in a 任务分工表 row: ``牵头单位：市民政局；责任单位：各县（区）``;
3. the actors of the sentences themselves: a subject list that starts a clause and is
   followed by a predicate (``国家乡村振兴局、民政部加强…``), ``由X牵头，Y配合``,
   ``此项工作由X负责``, ``X会同Y…``, ``X要与Y…配合``.

Roles (see ``docs/extraction-rules.md``): bodies introduced by 牵头 are ``lead``; by
配合/协助/参与 ``cooperate``; the subject of ``会同``/``商`` is ``lead`` and its object
``cooperate``; any other acting subject is ``responsible``.  Bodies in other positions —
report recipients (向X报送), objects of 鼓励/支持/动员 — are not extracted.

Names are canonicalised through the registry: the document's region writes out relative
prefixes (市 → 中卫市), a prefix shared by a list is carried onto its members
(市工业和信息化局、交通运输局 → 中卫市工业和信息化局, 中卫市交通运输局), and unknown
names are kept (prefix written out) rather than dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..models import Departments, Role
from ..registry import Registry, load_registry, normalize_name, split_relative_prefix

__all__ = [
    "canonicalize",
    "departments_from_roles",
    "extract_departments",
    "looks_like_body",
    "parse_responsibility_parenthetical",
    "split_names",
]

_CJK = "\u4e00-\u9fff"

# --------------------------------------------------------------------------- role labels

_LEAD_LABEL = r"(?:牵头|主责|主办)(?:责任)?(?:单位|部门)"
_COOP_LABEL = r"(?:配合|协办|协助|参与|参加|协同|协作)(?:责任)?(?:单位|部门)"
_RESP_LABEL = r"(?:责任|落实|实施|承办|具体责任)(?:单位|部门|主体)"
_LABEL = re.compile(rf"({_LEAD_LABEL}|{_COOP_LABEL}|{_RESP_LABEL})[:：]")
# any "label:" after a separator (完成时限：, 责任领导：) ends the value of the label before it
_ANY_LABEL = re.compile(rf"(?<=[；;，,。\n|｜])[{_CJK}]{{2,6}}[:：]")
# （X牵头，Y配合）, （X、Y按职责分工负责）, （Z负责落实）
_INLINE_ROLE = re.compile(
    r"^(.+?)(?:按职责分工|按照职责分工|按职责|分别|共同|具体)?"
    r"(牵头负责|牵头|负责|配合|协助|协办|参与)(?:落实|实施)?$"
)


def _role_of_label(label: str) -> Role:
    if re.fullmatch(_LEAD_LABEL, label):
        return "lead"
    if re.fullmatch(_COOP_LABEL, label):
        return "cooperate"
    return "responsible"


def _role_of_verb(verb: str) -> Role:
    if verb.startswith("牵头"):
        return "lead"
    if verb in ("配合", "协助", "协办", "参与"):
        return "cooperate"
    return "responsible"


# --------------------------------------------------------------------------- body shape

# Endings of a body's name.  Single characters that also end common words (部, 局, 委 …)
# are checked against _NOT_BODY_ENDINGS.
_SUFFIXES = (
    "部门|单位|机构|委员会|联合会|促进会|工会|办公室|办公厅|督查室|研究室|领导小组|工作小组|"
    "小组|人民政府|政府|党委|集团|公司|银行|支行|分行|工商联|妇联|残联|侨联|文联|科协|法院|"
    "检察院|办事处|中心支行|供销合作社|供销社|分局|总局|局|厅|署|委|办|部|司"
)
_SUFFIX_AT_END = re.compile(rf"(?:{_SUFFIXES})(?:（[{_CJK}、]{{1,8}}）)?$")
_NOT_BODY_ENDINGS = (
    "干部",
    "全部",
    "内部",
    "外部",
    "东部",
    "西部",
    "中部",
    "南部",
    "北部",
    "局部",
    "本部",
    "格局",
    "布局",
    "大局",
    "全局",
    "结局",
    "当局",
    "开局",
    "部署",
    "客厅",
    "大厅",
    "举办",
    "承办",
    "主办",
    "督办",
    "创办",
    "开办",
    "领办",
    "兴办",
    "代办",
    "帮办",
    "包办",
    "协办",
    "上司",
    "两委",
    "一部",
    "两部",
)
# a body's name never contains these
_STOP_IN_NAME = re.compile(
    r"要|的|对|把|向|在|将|等|并|为|从|于|每|和|及|与|、|，|会同|牵头|负责|配合|协助|参与|"
    r"应当|应该|必须|须|通过|按照|根据|作为|进行|加强|推动|是"
)
# a body's name never starts with these (verbs and connectives that start a clause)
_VERB_START = re.compile(
    r"(?:鼓励|支持|推动|推进|引导|动员|组织|加强|加大|加快|督促|指导|要求|请|由|向|对|把|将|"
    r"按照|根据|为|以|在|通过|发挥|协调|会同|配合|参与|帮助|关爱|依托|围绕|聚焦|针对|结合|落实|"
    r"建立|健全|完善|实施|开展|做好|抓好|提高|提升|强化|统筹|优化|坚持|深化|积极|充分|及时|定期|"
    r"全面|进一步|大力|着力|持续|继续|切实|认真|严格|深入|确保|实现|力争|完成|争取|报|经|同时|"
    r"另外|此外|其中|还|也|都|均|就|即|是|有|无|不|未|已|凡|据|自|至|给|让|使|被|受|形成|打造|"
    r"培育|引进|选派|选树|表彰|探索|创新|宣传|总结|推广|举办|召开|编制|制定|出台|印发|发布|"
    r"搭建|建设|新建|扩大|提供|保障|促进|激发|发展|实行|主动|共同|联合|与|和|及|或|各类|所有|"
    r"采取|启动|引进|设立|成立|依靠|运用|借助|吸引|带动|扶持|壮大|培养|组建|整合|调动|激励|"
    r"纳入|列入|发动|号召|邀请|委托|授权|允许|推荐|选择|确定|认定|评选|奖励|安排|对接|联系|"
    r"参加|召集|依据|按|如|若|凡是|包括|涉及|除|经过|利用|申请|落地|设置|明确|规范|整顿|"
    r"扛起|扛牢|压实|履行|担负|承担)"
)

# prefixes that are a level, not a place: 各级民政部门, 省级民政部门, 地方各级乡村振兴部门
_LEVEL_PREFIX = re.compile(
    r"(地方各级|各省级|各市级|各县级|各级|各地|省级|市级|县级|乡级|同级|本级)"
)
# jurisdiction words standing alone in a list: 市、县（区）有关部门
_BARE_PLACE = re.compile(
    r"^(各)?(市|市（州）|县|区|县（区）|县（市、区）|省|自治区|乡镇|乡（镇）)$"
)
# every jurisdiction of a kind, acting: 各地要…, 各设区市要…, 各乡镇要…
_COLLECTIVE = re.compile(
    r"各(?:省（区、市）|省（自治区、直辖市）|省、自治区、直辖市|设区市|地|市（州）|州（市）|"
    r"市（县、区）|县（市、区）|旗县（市、区）|县（区）|区（县）|县（市）|盟市|旗区|旗县|"
    r"乡镇（街道）|镇乡（街道）|镇（街道）|乡（镇）|苏木乡镇|乡镇|镇乡|街道|省辖市|地市|市|县|区|州|盟|旗)"
)
_BARE_PLACE_AT = re.compile(r"(县（市、区）|县（区）|市|县|区|乡镇|乡（镇）)")
_PLACE_HEAD = re.compile(r"(县（市、区）|县（区）|乡（镇）|乡镇|自治区|市|县|区|省)")
_ORGAN_PLACE = r"(?:.{0,8}?(?:自治区|市|县|区|省|州|旗))?"
_ORGAN = re.compile(rf"^({_ORGAN_PLACE})(委|党委|政府|人民政府)$")
_ORGAN_HEAD = re.compile(rf"^({_ORGAN_PLACE})(委|党委|政府|人民政府)(.+)$")

# what may follow the subject of a clause: a modal, a role verb or the start of a predicate
_PREDICATE = re.compile(
    r"(?:要|应|须|必须|需|务必|将|可|能|均|都|分别|共同|一起|一并|具体|主要|负责|牵头|配合|协助|"
    r"协办|参与|协同|会同|联合|商|与|同|作为|每|定期|适时|及时|尽快|抓紧|于|在|对|向|把|按|依|"
    r"根据|依据|结合|围绕|聚焦|立足|坚持|加强|加大|加快|推动|推进|组织|做好|抓好|进一步|统筹|"
    r"切实|积极|主动|依法|协调|出台|支持|利用|通过|不断|一方面|建立|研究|制定|完善|落实|开展|"
    r"实施|强化|提供|指导|督促|审核|重点|全力|认真|严格|深入|大力|着力|持续|继续|充分|负有|"
    r"承担|召开|编制|动员|引导|鼓励|选派|确保|从|以|为|已|正|全面|优先|搭建|建设|打造|培育|"
    r"开发|推广|发挥|给予|安排|争取|申请|提出|报送|上报|报告|汇总|督导|检查|考核|监督|管理|"
    r"谋划|明确|印发|发布|设立|成立|健全|优化|规范|探索|创新|保障|提高|提升|扩大|实行|执行|"
    r"办理|配备|是|也|还|亦|不得|严禁|禁止|带头|率先|密切|按照|结对|联系|对接|做到|承办|牵|"
    r"协商|商定|会商|主导|主抓|抓|做|定|按时|按期|每年|每季|每月|每半年|年底|年内|月底|季度末|"
    r"接到|收到|遴选|选拔|招募|扛起|扛牢|压实|履行|担负|切实履行)"
)
_LIST_SEP = re.compile(r"(?:、|以及|和|及|与|and)")
_ETC = re.compile(r"等(?:有关部门|相关部门|部门|单位|有关单位|相关单位)?")
_LEADING_NOISE = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d)|"
    r"第[一二三四五六七八九十]+[，、]?|同时|并且|并|另外|此外|其中|对此|为此|首先|其次|最后|"
    r"一是|二是|三是|四是|五是|六是|七是|八是|九是|十是|另一方面)+"
)
_MODAL = re.compile(r"(?:要|应当|应|须|必须|将|可|分别|具体|主动|积极|切实|进一步|负责)+")
_WITH_COOP = re.compile(r"配合|合作|协作|联系|对接|协调|衔接|共同")


_SHAPE_CHARS = re.compile(rf"[{_CJK}（）“”]+")


def _body_then_verb(candidate: str) -> bool:
    """True when a body-shaped start of ``candidate`` is followed by a verb: the candidate
    is a subject with its predicate (县民政局规范养老机构), not one long name."""
    for cut in range(2, len(candidate) - 1):
        if (
            _SUFFIX_AT_END.search(candidate[:cut])
            and not candidate[:cut].endswith(_NOT_BODY_ENDINGS)
            and _VERB_START.match(candidate, cut)
        ):
            return True
    return False


def looks_like_body(name: str, registry: Registry | None = None) -> bool:
    """True when ``name`` is a known body or has the shape of one (…局, …部门, …委 …)."""
    form = normalize_name(name)
    if not form:
        return False
    if registry is not None and form in registry.known_forms():
        return True
    if len(form) < 2 or len(form) > 24 or _VERB_START.match(form):
        return False
    if not _SHAPE_CHARS.fullmatch(form):
        return False
    if form.endswith(_NOT_BODY_ENDINGS):
        return False
    return bool(_SUFFIX_AT_END.search(form))


# --------------------------------------------------------------------------- text cleaning


_BRACKETS = str.maketrans("()〈〉", "（）（）")


def _clean_keep_lines(text: str) -> str:
    """Markdown markers and spaces removed, brackets normalised; line breaks kept."""
    text = text.replace("*", "")
    text = re.sub(r"[ \t\u3000\u00a0]+", "", text)
    return text.translate(_BRACKETS)


# --------------------------------------------------------------------------- registry index


class _Index:
    """Lookup helpers built once per registry: known forms by first character, and the
    name-internal conjunction phrases (工业和信息化, 云计算与大数据发展) to keep whole."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.forms = registry.known_forms()
        by_first: dict[str, list[str]] = {}
        for form in self.forms:
            by_first.setdefault(form[0], []).append(form)
        for forms in by_first.values():
            forms.sort(key=len, reverse=True)
        self.by_first = by_first
        cores: set[str] = set()
        for form in self.forms:
            if not re.search(r"[和与及、]", form):
                continue
            core = form
            split = split_relative_prefix(core)
            if split is not None:
                core = split[1]
            core = re.sub(rf"(?:{_SUFFIXES})(?:（[^（）]*）)?$", "", core)
            if re.search(r"[和与及、]", core) and len(core) >= 3:
                cores.add(core)
            if "、" in form:
                cores.add(form)
        self.protected = sorted(cores, key=len, reverse=True)

    def known_at(self, text: str, pos: int) -> int | None:
        """End of the longest known form starting at ``pos``."""
        if pos >= len(text):
            return None
        for form in self.by_first.get(text[pos], ()):
            if text.startswith(form, pos):
                return pos + len(form)
        return None

    def protected_spans(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for phrase in self.protected:
            start = text.find(phrase)
            while start != -1:
                spans.append((start, start + len(phrase)))
                start = text.find(phrase, start + 1)
        return spans


@lru_cache(maxsize=8)
def _index(registry: Registry) -> _Index:
    return _Index(registry)


def _registry(registry: Registry | None) -> Registry:
    return registry if registry is not None else load_registry()


# --------------------------------------------------------------------------- parentheticals


def _close_of(text: str, open_at: int) -> int:
    """Index just past the bracket closing the one at ``open_at`` (or the text's end)."""
    depth = 0
    for index in range(open_at, len(text)):
        char = text[index]
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


def _value_end(text: str, start: int) -> int:
    """Where a label's value ends: at the next role label or other ``label：``."""
    ends = [len(text)]
    role = _LABEL.search(text, start)
    if role is not None:
        ends.append(role.start())
    other = _ANY_LABEL.search(text, start)
    if other is not None:
        ends.append(other.start())
    return min(ends)


def _roles_from_labels(content: str, registry: Registry) -> dict[str, list[str]] | None:
    """``责任单位：A；牵头部门：B`` → {role: raw names}; None without a role label."""
    labels = list(_LABEL.finditer(content))
    if not labels:
        return None
    roles: dict[str, list[str]] = {"responsible": [], "lead": [], "cooperate": []}
    for label in labels:
        start = label.end()
        end = _value_end(content, start)
        value = content[start:end]
        value = re.split(r"[。\n|｜]", value, maxsplit=1)[0]
        _add_marked(roles, value, _role_of_label(label.group(1)), registry)
    return roles


# a role written after a name inside a label's value: 责任单位：县乡村振兴局（牵头），县民政局、
# 县医保局（配合）
_ROLE_MARK = re.compile(r"[（(](牵头|主责|负责|配合|协助|协办|参与)[）)]$")


def _add_marked(roles: dict[str, list[str]], value: str, default: Role, registry: Registry) -> bool:
    """Add the names of a label's value to ``roles``; True if there was any.

    A role marker after a name — ``X（牵头）``, ``A、B、C（配合）`` — gives that role to the
    name and to the unmarked names before it in its ，-group (a 、/和-list); the other names
    take the label's role (``default``).
    """
    found = False
    for group in _comma_groups(value):
        pending: list[str] = []
        for name in split_names(group, registry):
            mark = _ROLE_MARK.search(name)
            if mark is None:
                pending.append(name)
                continue
            bare = name[: mark.start()]
            marked = [*pending, bare] if bare else pending
            roles[_role_of_verb(mark.group(1))].extend(marked)
            found = found or bool(marked)
            pending = []
        roles[default].extend(pending)
        found = found or bool(pending)
    return found


def _comma_groups(value: str) -> list[str]:
    """``value`` split at ，,；; outside brackets."""
    groups: list[str] = []
    depth = 0
    start = 0
    for position, char in enumerate(value):
        if char in "（(〈":
            depth += 1
        elif char in "）)〉":
            depth = max(0, depth - 1)
        elif depth == 0 and char in "，,；;":
            groups.append(value[start:position])
            start = position + 1
    groups.append(value[start:])
    return [g for g in groups if g]


def _roles_inline(content: str, registry: Registry) -> dict[str, list[str]] | None:
    """``市发展改革委牵头，市财政局配合`` → {role: raw names}; None unless every part fits."""
    roles: dict[str, list[str]] = {"responsible": [], "lead": [], "cooperate": []}
    parts = [p for p in re.split(r"[，,；;]", content) if p]
    if not parts:
        return None
    for part in parts:
        match = _INLINE_ROLE.match(part)
        if match is None:
            return None
        names = split_names(match.group(1), registry)
        if not names or not all(looks_like_body(n, registry) for n in names):
            return None
        roles[_role_of_verb(match.group(2))].extend(names)
    return roles


def _iter_parentheticals(
    text: str, registry: Registry
) -> list[tuple[dict[str, list[str]], tuple[int, int]]]:
    found: list[tuple[dict[str, list[str]], tuple[int, int]]] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char not in "（(":
            index += 1
            continue
        end = _close_of(text, index)
        inner = (
            text[index + 1 : end - 1] if text[end - 1 : end] in ("）", ")") else text[index + 1 :]
        )
        content = re.sub(r"[\s\u3000*]+", "", inner)
        roles: dict[str, list[str]] | None = None
        if _LABEL.match(content):
            roles = _roles_from_labels(content, registry)
        elif len(content) <= 120 and re.search(
            r"(牵头|配合|负责|协助|参与)(?:落实|实施)?$", content.split("，")[-1]
        ):
            roles = _roles_inline(content, registry)
        if roles is None:
            index += 1
            continue
        start = index
        before = text[:index].rstrip(" \t")
        if before.endswith("**"):
            start = len(before) - 2
        found.append((roles, (start, end)))
        index = end
    return found


def parse_responsibility_parenthetical(
    text: str, registry: Registry | None = None
) -> tuple[dict[str, list[str]], tuple[int, int]] | None:
    """The first responsibility parenthetical of ``text``: raw names per role and its span.

    Recognises （责任单位：…；牵头部门：…；配合部门：…） with any of the role labels
    (牵头单位/部门, 主责单位, 配合单位/部门, 协办单位, 责任单位/部门/主体 …), full- or
    half-width and mixed brackets, ；; ，, between roles, and page-break spaces or ``**``
    anywhere inside; also the short form （X牵头，Y配合）.  The dict has the keys
    ``responsible``, ``lead`` and ``cooperate``; names are as written (whitespace removed,
    not canonicalised).  The span covers the brackets (and a ``**`` right before them).
    """
    found = _iter_parentheticals(text, _registry(registry))
    return found[0] if found else None


def _parse_labeled(text: str, registry: Registry) -> dict[str, list[str]] | None:
    """Role labels outside brackets (任务分工表 rows): ``牵头单位：X；责任单位：Y``."""
    cleaned = _clean_keep_lines(text)
    roles: dict[str, list[str]] = {"responsible": [], "lead": [], "cooperate": []}
    matched = False
    for label in _LABEL.finditer(cleaned):
        if label.start() > 0 and cleaned[label.start() - 1] not in "\n；;。，,|｜：:":
            continue
        start = label.end()
        end = _value_end(cleaned, start)
        value = re.split(r"[。\n|｜]", cleaned[start:end], maxsplit=1)[0]
        if _add_marked(roles, value, _role_of_label(label.group(1)), registry):
            matched = True
    return roles if matched else None


# --------------------------------------------------------------------------- splitting names

_HARD_SEPARATORS = "、，,；;/／"
_CONJUNCTIONS = ("以及", "and", "和", "及", "与")


def _protected(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _short_function_word(text: str) -> bool:
    """民政 / 各地民政: a field of work written without its 部门 (suffix shared)."""
    level = _LEVEL_PREFIX.match(text)
    core = text[level.end() :] if level else text
    return (
        2 <= len(core) <= 4
        and re.fullmatch(rf"[{_CJK}]+", core) is not None
        and not (_SUFFIX_AT_END.search(core))
    )


def _split_conjunctions(chunk: str, index: _Index) -> list[str]:
    """Split ``A和B`` where 和/及/与 joins two names, not where it is inside one."""
    spans = index.protected_spans(normalize_name(chunk)) if chunk else []
    depth = 0
    position = 0
    while position < len(chunk):
        char = chunk[position]
        if char in "（(〈":
            depth += 1
        elif char in "）)〉":
            depth = max(0, depth - 1)
        elif depth == 0:
            for conj in _CONJUNCTIONS:
                if not chunk.startswith(conj, position):
                    continue
                end = position + len(conj)
                left, right = chunk[:position], chunk[end:]
                if not left or not right or chunk.startswith("及时", position):
                    break
                if _protected(spans, position, end):
                    break
                left_form = normalize_name(left)
                body_left = left_form in index.forms or looks_like_body(left_form)
                shared = right.endswith("部门") and _short_function_word(left_form)
                if conj == "and" or body_left or shared:
                    return [left, *_split_conjunctions(right, index)]
                break
        position += 1
    return [chunk]


def split_names(raw: str, registry: Registry | None = None) -> list[str]:
    """Split a written list of bodies into names, as written (not canonicalised).

    Separators: 、，,；; and the conjunctions 和 及 与 以及 where they join two names.
    A conjunction inside a name the registry knows is kept (工业和信息化局,
    人力资源和社会保障局, 云计算与大数据发展局, 口岸和投资促进办公室), as is one whose left
    side is not a name by itself (文化和旅游局); ``民政和乡村振兴部门`` splits into
    ``民政`` and ``乡村振兴部门`` (``canonicalize`` then shares the suffix).  A trailing
    等/等部门 and a leading 由 are dropped.
    """
    index = _index(_registry(registry))
    text = re.sub(r"[\s\u3000*]+", "", raw or "")
    text = re.sub(r"^由", "", text)
    if not text:
        return []
    spans = index.protected_spans(normalize_name(text))
    chunks: list[str] = []
    depth = 0
    start = 0
    for position, char in enumerate(text):
        if char in "（(〈":
            depth += 1
        elif char in "）)〉":
            depth = max(0, depth - 1)
        elif (
            depth == 0
            and char in _HARD_SEPARATORS
            and not _protected(spans, position, position + 1)
        ):
            chunks.append(text[start:position])
            start = position + 1
    chunks.append(text[start:])
    names: list[str] = []
    for chunk in chunks:
        for name in _split_conjunctions(chunk, index):
            name = _ETC_TAIL.sub("", name).strip("。．.：:")
            if name and not _PLACEHOLDER.fullmatch(name):
                names.append(name)
    return names


# an empty table cell written as a dash or 无: "—", "--", "／", "无", "暂无"
_PLACEHOLDER = re.compile(r"[\W_]+|暂?无|空")


_ETC_TAIL = re.compile(r"等(?:有关部门|相关部门|部门|单位|有关单位|相关单位)?$")


# --------------------------------------------------------------------------- canonicalising


def _name_prefix(name: str, region: str | None, registry: Registry) -> str | None:
    """The jurisdiction or level prefix a name starts with (市, 中卫市, 各县（区）, 省级 …)."""
    level = _LEVEL_PREFIX.match(name)
    if level and len(name) - level.end() >= 2:
        return level.group(1)
    for place in registry.place_prefixes(region):
        if name.startswith(place):
            rest = name[len(place) :]
            if len(rest) >= 2 and not rest.startswith("（"):
                return place
    split = split_relative_prefix(name)
    if split is not None:
        return split[0]
    collective = _COLLECTIVE.match(name)
    if collective and len(name) - collective.end() >= 2:
        return collective.group(0)  # 各市（州）民政局、乡村振兴局 → 各市（州）乡村振兴局
    return _own_place(name, registry)  # 浉河区人民政府、农业农村局 → 浉河区农业农村局


#: A name that opens with a place of its own: 浉河区人民政府, 某某镇人民政府.
_PLACE_START = re.compile(rf"^[{_CJK}]{{2,3}}(?:省|市|县|区|州|旗|盟|镇|乡)(?=[{_CJK}])")
#: …but not with a word that ends like a place (高新区, 工业园区, 城市, 社区 …).
_NOT_PLACE_END = (
    "新区",
    "园区",
    "开发区",
    "示范区",
    "试验区",
    "保护区",
    "景区",
    "社区",
    "城区",
    "片区",
    "山区",
    "库区",
    "林区",
    "牧区",
    "灾区",
    "辖区",
    "城市",
    "超市",
    "自治区",
    "自治州",
    "城乡",
)


def _own_place(name: str, registry: Registry) -> str | None:
    """The place a body's name opens with when it is a proper place name (浉河区 in
    浉河区人民政府), not a relative word (市, 县), a level (县级) or a collective (各县)."""
    match = _PLACE_START.match(name)
    if match is None or name.startswith(("各", "全", "本")):
        return None
    place = match.group(0)
    if place.endswith(_NOT_PLACE_END) or _LEVEL_PREFIX.match(name):
        return None
    if split_relative_prefix(name) is not None:
        return None  # 市县两级…, 县区…: a relative word first
    return place if looks_like_body(name[match.end() :], registry) else None


def _place_words(region: str | None, registry: Registry) -> list[str]:
    """The document's places as a body's name may carry them: 汉中市 and 汉中, 长汀县 and 长汀."""
    words: list[str] = []
    for place in registry.region_chain(region):
        if place == "全国":
            continue
        words.append(place)
        stem = re.sub(r"(?:自治区|自治州|省|市|县|区|州|旗|盟)$", "", place)
        if len(stem) >= 2 and stem != place:
            words.append(stem)
    return words


def _names_a_place(name: str, region: str | None, registry: Registry) -> bool:
    """The name already says where the body is (人民银行汉中市分行, 国网长汀县供电公司,
    浉河区人民政府): a prefix carried from a list must not be put in front of it."""
    if _own_place(name, registry) is not None:
        return True
    return any(word in name for word in _place_words(region, registry))


def _takes_carry(name: str, registry: Registry, region: str | None = None) -> bool:
    if name.startswith(("各", "全", "本")) or not registry.is_prefixable(name):
        return False
    if _names_a_place(name, region, registry):
        return False
    if registry.is_absolute(name):
        found = registry.resolve(name)
        return found is not None and found.level == "generic"
    return True


def _share_suffixes(items: list[str], registry: Registry) -> list[str]:
    """市委、市政府督查室 → 市委督查室, 市政府督查室; 市、县（区）有关部门 → 市有关部门, …;
    各市、县（区） → 各市, 各县（区）; 各地民政、乡村振兴部门 → 各地民政部门, …"""
    items = list(items)
    for i in range(len(items) - 1):
        first, second = items[i], items[i + 1]
        organ = _ORGAN.match(first)
        organ_next = _ORGAN_HEAD.match(second)
        if organ and organ_next and looks_like_body(organ_next.group(3)):
            items[i] = first + organ_next.group(3)
            continue
        place = _BARE_PLACE.match(first)
        if place:
            bare_second = second[1:] if second.startswith("各") else second
            if place.group(1) and not second.startswith("各") and _BARE_PLACE.match(second):
                items[i + 1] = "各" + second  # 各市、县（区） → 各市, 各县（区）
            elif normalize_name(first) not in registry.known_forms():
                head = _PLACE_HEAD.match(bare_second)
                if head and len(bare_second) > head.end():
                    items[i] = first + bare_second[head.end() :]  # 市、县（区）有关部门
            continue
        known = first in registry.known_forms()
        if not known and second.endswith("部门") and _short_function_word(first):
            items[i] = first + "部门"
    return items


def canonicalize(names: list[str], region: str | None, registry: Registry) -> list[str]:
    """Canonical names for a written list, in order, each once.

    Writes out relative prefixes from ``region`` (市 → 中卫市, 自治区 → 宁夏回族自治区,
    县 → 中宁县 in a 中宁县 document), carries a prefix shared by a list onto the members
    that have none (市委农办，市财政局、乡村振兴局 → …, 中卫市乡村振兴局), shares a suffix
    (市委、市政府督查室), normalises brackets (各县〈区〉 → 各县（区）) and resolves aliases
    through the registry.  Unknown names are kept, prefix written out.
    """
    items = [_ETC_TAIL.sub("", normalize_name(n)) for n in names]
    items = _share_suffixes([n for n in items if n], registry)
    result: list[str] = []
    carry: str | None = None
    for item in items:
        prefix = _name_prefix(item, region, registry)
        if prefix is not None:
            carry = prefix
        elif carry is not None and _takes_carry(item, registry, region):
            item = carry + item
        result.append(_resolve_one(item, region, registry))
    return list(dict.fromkeys(n for n in result if n))


def _resolve_one(name: str, region: str | None, registry: Registry) -> str:
    found = registry.resolve(name, region)
    if found is not None:
        return found.name
    expanded = registry.expand_prefix(name, region)
    if expanded != normalize_name(name):
        return expanded
    # a bare local designation (乡村振兴局, 人社局) in a document whose own body the
    # registry does not know (a county, another city) is that jurisdiction's body
    chain = registry.region_chain(region)
    if (
        chain
        and chain[0] != "全国"
        and registry.is_local(name)
        and registry.is_prefixable(name)
        and not name.startswith(chain[0])
    ):
        return chain[0] + expanded
    return expanded


def departments_from_roles(
    roles: dict[str, list[str]], region: str | None, registry: Registry
) -> Departments:
    """Canonicalise raw names per role (a table's columns, a parenthetical) into
    ``Departments``; a body named in several roles keeps the first of lead, responsible,
    cooperate."""
    result: dict[Role, list[str]] = {
        "lead": canonicalize(roles.get("lead", []), region, registry),
        "responsible": canonicalize(roles.get("responsible", []), region, registry),
        "cooperate": canonicalize(roles.get("cooperate", []), region, registry),
    }
    return _exclusive(result)


def _exclusive(roles: dict[Role, list[str]]) -> Departments:
    seen: set[str] = set()
    final: dict[Role, list[str]] = {}
    for role in ("lead", "responsible", "cooperate"):
        kept = [n for n in dict.fromkeys(roles.get(role, [])) if n not in seen]
        seen.update(kept)
        final[role] = kept
    return Departments(
        responsible=final["responsible"], lead=final["lead"], cooperate=final["cooperate"]
    )


# --------------------------------------------------------------------------- sentence actors


class _Scanner:
    """Reads a list of body names at a position of a cleaned sentence segment."""

    def __init__(self, registry: Registry, region: str | None) -> None:
        self.registry = registry
        self.index = _index(registry)
        self.region = region
        self.places = registry.place_prefixes(region)

    def _prefix_end(self, text: str, pos: int) -> int:
        level = _LEVEL_PREFIX.match(text, pos)
        if level:
            return level.end()
        for place in self.places:
            if text.startswith(place, pos):
                return pos + len(place)
        split = split_relative_prefix(text[pos : pos + 12])
        if split is not None:
            return pos + len(split[0])
        return pos

    def _ends(self, text: str, pos: int) -> list[int]:
        """Possible ends of a body name starting at ``pos``, longest first."""
        ends: set[int] = set()
        known = self.index.known_at(text, pos)
        if known is not None:
            ends.add(known)
        after_prefix = self._prefix_end(text, pos)
        if after_prefix > pos:
            known = self.index.known_at(text, after_prefix)
            if known is not None:
                ends.add(known)
        if not _VERB_START.match(text, pos):
            limit = min(len(text), pos + 20)
            spans = self.index.protected_spans(text[pos:limit])
            for end in range(limit, pos + 1, -1):
                candidate = text[pos:end]
                if (
                    not _SHAPE_CHARS.fullmatch(candidate)
                    or not _SUFFIX_AT_END.search(candidate)
                    or candidate.endswith(_NOT_BODY_ENDINGS)
                ):
                    continue
                stop = _STOP_IN_NAME.search(candidate, after_prefix - pos)
                if stop is not None and not _protected(spans, stop.start(), stop.end()):
                    continue
                if _body_then_verb(candidate):
                    continue  # 县民政局规范养老机构: a body, then its verb and object
                ends.add(end)
        collective = _COLLECTIVE.match(text, pos)
        if collective is not None:
            ends.add(collective.end())
        # a known name directly followed by a sub-unit: 民政部社会组织管理局
        for end in list(ends):
            inner = self.index.known_at(text, end)
            if inner is not None and inner - end >= 3:
                ends.add(inner)
        return sorted(ends, reverse=True)

    def _bare_word(self, text: str, pos: int) -> int | None:
        """A word that only becomes a name with the next item: 市、县（区）…; 民政、…部门."""
        match = re.match(
            r"(各)?(县（市、区）|县（区）|市（州）|市|县|区|省|自治区|乡镇)(?=、)", text[pos:]
        )
        if match:
            return pos + match.end()
        level = _LEVEL_PREFIX.match(text, pos)
        start = level.end() if level else pos
        for length in (4, 3, 2):
            end = start + length
            word = text[start:end]
            if (
                len(word) == length
                and re.fullmatch(rf"[{_CJK}]+", word)
                and not _VERB_START.match(text, pos)
                and not _STOP_IN_NAME.search(word)
            ):
                sep = _LIST_SEP.match(text[end:])
                if sep is None:
                    continue
                nxt = end + sep.end()
                for other in self._ends(text, nxt):
                    if text[nxt:other].endswith("部门"):
                        return end
        return None

    @staticmethod
    def _closing_place(text: str, pos: int) -> int | None:
        """各市、县（区）要…: a bare jurisdiction word closing a list."""
        place = _BARE_PLACE_AT.match(text, pos)
        if place is not None and _PREDICATE.match(text, place.end()):
            return place.end()
        return None

    def _continues(self, text: str, end: int) -> bool:
        sep = _LIST_SEP.match(text[end:])
        return sep is not None and bool(self._ends(text, end + sep.end()))

    def scan(self, text: str, pos: int = 0) -> tuple[list[str], int] | None:
        """Names from ``pos`` joined by 、和及与, and where they end; None if none."""
        names: list[str] = []
        while True:
            chosen: int | None = None
            for end in self._ends(text, pos):
                rest = text[end:]
                if (
                    self._continues(text, end)
                    or not rest
                    or _PREDICATE.match(rest)
                    or _ETC.match(rest)
                ):
                    chosen = end
                    break
            if chosen is None:
                chosen = self._bare_word(text, pos)
            if chosen is None and names:
                chosen = self._closing_place(text, pos)
            if chosen is None:
                break
            names.append(text[pos:chosen])
            pos = chosen
            sep = _LIST_SEP.match(text[pos:])
            if sep is not None and self._ends(text, pos + sep.end()):
                pos += sep.end()
                continue
            if sep is not None and (
                self._bare_word(text, pos + sep.end()) is not None
                or self._closing_place(text, pos + sep.end()) is not None
            ):
                pos += sep.end()
                continue
            etc = _ETC.match(text[pos:])
            if etc is not None and etc.end() > 0:
                pos += etc.end()
            break
        return (names, pos) if names else None


_NEW_BLOCK = re.compile(
    r"\n+(?=#|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d))"
)


def _segments(text: str) -> list[str]:
    cleaned = _clean_keep_lines(text)
    # a line break before a numbered item ends a sentence; any other is a page break
    cleaned = _NEW_BLOCK.sub("。", cleaned).replace("\n", "").replace("#", "")
    # a colon ends a sentence too: an addressee line (…民政局、乡村振兴局：) has no actor
    sentences = re.split(r"[。！？!?；;：:\n]", cleaned)
    segments: list[str] = []
    for sentence in sentences:
        for part in re.split(r"[，,]", sentence):
            part = _LEADING_NOISE.sub("", part).lstrip("（")
            if part:
                segments.append(part)
        segments.append("")  # sentence boundary marker
    return segments


def _level_of(name: str) -> str:
    match = _LEVEL_PREFIX.match(name)
    if match and match.group(1) != "同级":
        return match.group(1)
    split = split_relative_prefix(name)
    return split[0] if split else ""


def _same_level(names: list[str], subject: list[str]) -> list[str]:
    """同级民政部门 after 省级民政部门会同 → 省级民政部门's level: 省级乡村振兴部门."""
    level = _level_of(subject[0]) if subject else ""
    return [level + n[2:] if n.startswith("同级") else n for n in names]


def _partners_of(names: list[str], subject: list[str], scanner: _Scanner) -> list[str]:
    """The bodies 会同 names: 同级 takes the subject's level, and a bare local designation
    takes the subject's jurisdiction (各市（州）民政局要会同乡村振兴局 → 各市（州）乡村振兴局),
    as in a list that shares a prefix."""
    names = _same_level(names, subject)
    if not subject:
        return names
    prefix = _name_prefix(normalize_name(subject[0]), scanner.region, scanner.registry)
    if prefix is None or prefix == "同级":
        return names
    result = []
    for name in names:
        form = normalize_name(name)
        if (
            _name_prefix(form, scanner.region, scanner.registry) is None
            and _takes_carry(form, scanner.registry, scanner.region)
            and scanner.registry.is_local(form)
        ):
            result.append(prefix + form)
        else:
            result.append(name)
    return result


def _clause_roles(segment: str, following: str, scanner: _Scanner) -> list[tuple[Role, list[str]]]:
    """(role, raw names) for the actors of one clause segment."""
    found: list[tuple[Role, list[str]]] = []
    by = re.search(r"(?<![自理缘事经])由", segment[:16])
    if by is not None:
        scanned = scanner.scan(segment, by.end())
        if scanned is not None:
            names, end = scanned
            rest = segment[end:]
            found.extend(_after_subject(names, rest, scanner))
            return found
    start = 0
    modifier = re.match(rf"[{_CJK}]{{1,8}}?的(?=[{_CJK}])", segment)
    scanned = scanner.scan(segment, 0)
    if scanned is None and modifier is not None:
        start = modifier.end()
        scanned = scanner.scan(segment, start)
    if scanned is None:
        return found
    names, end = scanned
    rest = segment[end:]
    if not rest and not (following and _PREDICATE.match(following)):
        return found
    if rest and not _PREDICATE.match(rest):
        return found
    found.extend(_after_subject(names, rest, scanner))
    return found


def _after_subject(names: list[str], rest: str, scanner: _Scanner) -> list[tuple[Role, list[str]]]:
    modal = _MODAL.match(rest)
    tail = rest[modal.end() :] if modal else rest
    if tail.startswith("牵头"):
        return [("lead", names)]
    if re.match(r"(?:配合|协助|协办|参与)", tail):
        return [("cooperate", names)]
    joint = re.match(r"(?:会同|联合|协同|商)", tail)
    if joint is not None:
        other = scanner.scan(tail, joint.end())
        if other is not None:
            return [("lead", names), ("cooperate", _partners_of(other[0], names, scanner))]
    partner = re.match(r"(?:与|同)", tail)
    if partner is not None:
        other = scanner.scan(tail, partner.end())
        if other is not None and _WITH_COOP.search(tail[other[1] :]):
            return [("responsible", names), ("cooperate", other[0])]
    return [("responsible", names)]


def _sentence_departments(text: str, region: str | None, registry: Registry) -> Departments:
    scanner = _Scanner(registry, region)
    segments = _segments(text)
    roles: dict[Role, list[str]] = {"lead": [], "responsible": [], "cooperate": []}
    for position, segment in enumerate(segments):
        if not segment:
            continue
        following = segments[position + 1] if position + 1 < len(segments) else ""
        for role, names in _clause_roles(segment, following, scanner):
            roles[role].extend(canonicalize(names, region, registry))
    return _exclusive(roles)


# --------------------------------------------------------------------------- entry point


def extract_departments(text: str, region: str | None, registry: Registry) -> Departments:
    """The bodies ``text`` makes responsible, lead or cooperating, canonicalised.

    From the responsibility parenthetical(s) if the text has one, else from role labels
    (牵头单位：…), else from the actors of its sentences.
    """
    if not text:
        return Departments()
    parentheticals = _iter_parentheticals(text, registry)
    if parentheticals:
        merged: dict[str, list[str]] = {"responsible": [], "lead": [], "cooperate": []}
        for roles, _span in parentheticals:
            for role, names in roles.items():
                merged[role].extend(names)
        return departments_from_roles(merged, region, registry)
    labeled = _parse_labeled(text, registry)
    if labeled is not None:
        return departments_from_roles(labeled, region, registry)
    return _sentence_departments(text, region, registry)
