"""Numeric commitments (targets) in Chinese policy text.

``extract_targets(text)`` reads every quantity that a body commits to reach, keep or not
exceed — ``完成移民群众技能培训3000人以上``, ``农村卫生改厕普及率达到54%以上``,
``城乡低保标准…提高到650元/月``, ``每个移民村培育1—2个主导产业`` — and returns ``Target``
models (see ``shared/contracts.md``).

How it works, in four passes over the text:

1. **Candidates.**  A number (Arabic, Chinese or mixed, see ``numbers.py``) followed by a unit
   from ``UNITS`` (人, 人次, 元, 元/月, %, 个, 所 …), optionally a range (``1—2个``), a prefix
   comparator (``不少于``) and a suffix (``以上``/``以下``/``以内``).  A number without a unit
   is never a target, which already leaves out years, document numbers and list labels.
2. **Non-targets.**  A candidate is dropped when it names a thing instead of committing to it:
   inside a short quotation (``“832”平台``, ``“5分钱工程”``) or a title 《…》, part of a time
   expression (``5个工作日内``), an ordinal (``第十二小学``), the group a task is about
   (``对56个重点移民村…``, ``13个村打造为示范村``), a threshold that qualifies a noun
   (``千人以上移民村``, ``10万元以上的``), the old value of a change (``由600元/月提高到…``),
   the count of a list just enumerated (``产业、就业、社会融入3件事``), an insurance band
   (``0-20000元（含）``), or a small Chinese numeral used as a word (``一个社会组织``).
3. **Normalisation.**  Value in base units (万/亿 expanded, ``五成`` → 50 %), unit, comparator
   (``COMPARATOR_GE``/``COMPARATOR_LE``), kind (rate / standard / per_unit / aggregate) and
   the metric, a short phrase from the words before (or, when those are only a verb, after)
   the number with leading verbs, scope words and comparators stripped.
4. **Coordination.**  ``分别达到90%和80%``, ``至少有1个中介机构和1名劳务经纪人``: items joined
   by 和/、/及 share comparator and kind, and ``三级、二级综合医院…分别`` gives each item its
   own metric.

``全覆盖`` (full coverage) is emitted as a rate target of 100 % with ``>=``.  The function is
pure and never raises; every ``raw`` is a verbatim substring of the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykb.extraction.deadlines import find_deadline_spans
from policykb.extraction.numbers import NUMBER_PATTERN, SP, parse_number
from policykb.models import Comparator, Target, TargetKind

__all__ = ["UNITS", "extract_targets"]

# --------------------------------------------------------------------------- vocabulary


def _words(s: str) -> list[str]:
    """A word list written as one white-space separated string (easier to read and edit)."""
    return s.split()


#: Units a target can be counted in, longest first.  A lookahead after a unit keeps it from
#: matching the first character of a word (人民, 个人, 家庭, 项目, 所有, 元旦 …).  Words for
#: places (村, 县, 乡) and time (年, 月, 日) are deliberately absent: "7村", "5年" name a scope
#: or a span, not a quantity to reach.
UNITS: tuple[str, ...] = (
    r"元(?:{SP}/{SP}(?:人·年|人年|人·月|人|户|月|年|亩|吨|次|天|日|平方米))?(?![旦素宵老首])",
    r"个百分点",
    r"%",
    r"％",
    r"成(?![员为本果效立熟都功就年长绩品交型片绩])",
    r"倍",
    r"人次",
    r"人(?![民员才口群工大社事均防居力类士情性格身体生])",
    r"名(?![单称义额誉片牌录次优胜])",
    r"个(?![月人体性案别工星小半])",
    r"户(?![籍口外型主])",
    r"家(?![庭族属长乡园具电人])",
    r"所(?![有在属以得谓需])",
    r"场次",
    r"场(?![所景地馆镇])",
    r"项(?![目])",
    r"次(?![数序])",
    r"座",
    r"处(?![理置室长级罚])",
    r"条(?![件例款线])",
    r"台(?![账阶风])",
    r"套",
    r"间(?![接隔])",
    r"期(?![间限末初内望待])",
    r"批(?![准复次示])",
    r"支(?![持付出部撑])",
    r"件",
    r"种(?![植养子类业苗粮])",
    r"张",
    r"份(?![额])",
    r"篇",
    r"部(?![门署分])",
    r"辆",
    r"头(?![部条])",
    r"只(?![要有是能])",
    r"羽(?![毛绒])",
    r"株",
    r"棵",
    r"万?亩",
    r"公顷",
    r"平方米",
    r"立方米",
    r"平方公里",
    r"公里",
    r"千米",
    r"千瓦",
    r"兆瓦",
    r"吨",
    r"公斤",
    r"千克",
    r"斤",
    r"岁",
    r"学时",
    r"课时",
    r"小时",
    r"天(?![然气地])",
)

#: Units of counted things (classifiers): used by the scope and list-count rules.
COUNT_UNITS = frozenset(
    _words("个 名 家 所 项 件 场 场次 次 座 处 条 台 套 间 期 批 支 种 张 份 篇 部 辆 户")
)
#: Units of a ratio: the target is a rate.
RATE_UNITS = frozenset({"%", "个百分点", "倍"})

#: Comparator words before the number or after it.  Contract: >= for 以上/不低于/至少/达到/力争,
#: <= for 以内/不超过/以下; everything else (提高到, 增加, a bare number) is "=".
COMPARATOR_GE = (
    "不少于",
    "不低于",
    "不得少于",
    "不得低于",
    "至少",
    "超过",
    "突破",
    "多于",
    "高于",
    "达到",
    "力争",
    "逾",
    "保持",
)
COMPARATOR_LE = (
    "不超过",
    "不高于",
    "不多于",
    "不得超过",
    "不得高于",
    "控制在",
    "低于",
    "少于",
    "降至",
    "降到",
    "压减到",
    "压减至",
)
_COMPARATOR_WORD_RE = re.compile(
    "|".join(sorted(COMPARATOR_GE + COMPARATOR_LE, key=len, reverse=True))
)
SUFFIX_GE = ("及以上", "以上")
SUFFIX_LE = ("及以下", "以下", "以内")

#: Prefix comparators that belong to ``raw`` when written right before the number.
_RAW_PREFIX = (
    "不得少于",
    "不得低于",
    "不得超过",
    "不得高于",
    "不少于",
    "不低于",
    "不超过",
    "不高于",
    "不多于",
    "至少",
    "超过",
    "控制在",
    "近",
    "约",
    "逾",
)

#: Words stripped from the start of a metric, repeatedly (verbs of doing, connectives,
#: comparators).  "城镇新增就业" keeps 新增: only a leading word is stripped.
LEADING_WORDS: tuple[str, ...] = tuple(
    sorted(
        _words(
            """
        实现 完成 达到 确保 力争 争取 努力 开展 组织开展 组织实施 组织 实施 培育 引进 培育和引进
        培育创建 培育选树 选树 新建 改扩建 新改扩建 迁建 建设 建成 打造 创建 选派 认定 推进 推动
        发放 安排 带动 培养 举办 累计 全部 共 共计 其中 使 让 将 把 并 和 及 以及 同时 进一步
        大力 积极 持续 加快 全力 着力 原则上 按照 按 针对 围绕 聚焦 通过 另 再 还 要 需 须
        至少 至少有 不少于 不低于 不超过 为 以 分别 均 扩大 增加到 提高到 提高至 达 对 向 与 增加 新增
        改造 新建改造 改建 扩建 新改建 修建 配备 配齐 投运 建成投运 设立 设置 成立 组建 建立 开设
        开通 开工 启动 评定 评选 命名 表彰 资助 慰问 走访 招聘 招录 投入 筹集 整合 储备 谋划 申报
        支持 鼓励 引导 一次性
        """
        ),
        key=len,
        reverse=True,
    )
)
#: Words stripped from the end of a metric (comparators and links to the number).  Change
#: verbs (增加, 增长, 提高 …) are kept: "增加1265元" is not the level 1265元.
TRAILING_WORDS: tuple[str, ...] = tuple(
    sorted(
        _words(
            """
        达到 累计达到 分别达到 达 不少于 不低于 不超过 不高于 不多于 至少 至少有 有 为 分别 均 全部
        全部达到 均达到 保持在 稳定在 控制在 提高到 提高至 提升到 提升至 增加到 增加至 降至 降到
        超过 突破 共 共计 累计 总计 约 近 以上 其中 占 的 达到了 不得少于 不得低于 按照 按 原则上
        实现
        """
        ),
        key=len,
        reverse=True,
    )
)
#: Time words removed from metrics (they are deadlines, not what is counted).
TIME_WORDS = re.compile(
    r"(?:每年|每月|每季度|每半年|每天|每日|每周|全年|年底前|年底|年末|年内|当年|今年|本年度?|同期|上半年|下半年"
    r"|年中|第?[一二三四]季度末?|[0-9]{1,2}月(?:底|末)?前?)"
)
#: Scope words at the start of a metric: the jurisdiction, not the metric.
LEADING_SCOPE = re.compile(
    r"^(?:全(?:国|省|区|市|县|州|镇|乡)(?:域)?|我(?:国|省|区|市|县)|本(?:省|区|市|县)"
    r"|各(?:省|市|县|区|地区|地|乡镇)(?:（[^）]{0,4}）|〈[^〉]{0,4}〉)?|[\u4e00-\u9fff]{2}地区)"
)
#: "每个移民村", "每一个乡村振兴重点帮扶县", "每人": the unit a per-unit target applies to.
PER_SCOPE = re.compile(
    r"每(?:一)?个?(?:[^，。；、：,;:\s]{0,14}?(?:村|县|乡镇|乡|镇|社区|户|家庭|学校|企业|单位|机构)"
    r"(?![村级镇民委务振建治产旅发文])(?:（[^）]{0,6}）)?|人|户|名|村|校|家|生|亩|头|只)"
)
#: The same scope up to the verb that follows it ("每个乡镇卫生院配备…" → 每个乡镇卫生院).
PER_SCOPE_TO_VERB = re.compile(
    r"每(?:一个|个|(?=[村县乡镇校所]))[^，。；、：,;:\s]{1,16}?(?=(?:"
    + "|".join(w for w in LEADING_WORDS if len(w) >= 2 and not w.startswith("每"))
    + r"|有|均|都|要|应|须))"
)
#: Markers of a per-unit target anywhere before the number in the sentence.
PER_UNIT_MARKERS = re.compile(
    r"每(?!年|月|季|半年|天|日|周|次|两|[0-9])|人均|户均|村均|校均|平均每|全部达到|均达到|均不低于|均不少于"
)
#: Scope noun + 至少: "有劳动能力的家庭至少1人" (each family).
SCOPE_AT_LEAST = re.compile(
    r"(?:家庭|户|村|县|乡镇|学校|企业|社区|单位)(?:都|均)?(?:至少|不少于)有?$"
)
#: A standard: a fixed level or amount (低保标准, 限额, 保费, 津贴 …).
STANDARD_WORDS = re.compile(
    r"标准|限额|保额|保费|保险费|津贴|补贴|补助|奖励|奖补|自筹|缴费|工资|报酬|待遇|价格|起付线|封顶线|额度|金额"
)
#: A count classifier followed by one of these ends names the group a task is about
#: ("对56个重点移民村…", "160个国家乡村振兴重点帮扶县"): scope, not a target.
SCOPE_NOUN = re.compile(
    r"^[^\s，。；、：,;:（）()“”《》0-9]{0,16}?"
    r"(?:村(?![庄民级委务规干医部镇])|县(?![级委域长城])|乡(?![村镇级])|镇(?![级委长])"
    r"|区(?![域级委划内外民])|市(?![级委场民区])|省(?![级委内外民])|州(?![级委])|旗(?![级]))"
)
#: …unless a verb of creating comes right before the number ("打造10个示范村").
CREATION_VERBS = re.compile(r"(?:打造|创建|建设|建成|新建|培育|评选|选树|认定|命名|推进)$")
#: Verbs after which everything before is context ("实现对56个…村科技服务" → 科技服务).
STRONG_VERBS = re.compile(r"(?:实现|完成|确保|力争|达到)")
#: A change "由 A 提高到 B": A is the old value and no target.
CHANGE_RE = re.compile(
    r"由(?P<old>[^。；]{1,60}?)(?:分别)?(?:提高|提升|增加|增长|上调|调高|调整|降低|下调|减少|压减)(?:到|至|为)"
)
_PLACE_THEN_HAVE = re.compile(
    r"(?:县|村|区|镇|乡|市|省|州)(?:（[^）]{0,8}）)?(?:都|均)?(?:至少有|至少|有|不少于|要有|应有)$"
)
_INNER_COMPARATOR = re.compile(r"不低于|不少于|不超过|不高于|控制在|保持在|稳定在")
_CHANGE_VERB_ONLY = re.compile(r"^(?:同比)?(?:增加|增长|提高|提升|下降|减少|降低)$")
_CHANGE_VERB_END = re.compile(r"(?:同比)?(?:增加|增长|提高|提升|下降|减少|降低)$")

_DASH = r"(?:—{1,2}|–|-|－|~|～|至|到)"
_UNIT = "(?:" + "|".join(u.replace("{SP}", SP) for u in UNITS) + ")"
_PREFIX = "(?:" + "|".join(_RAW_PREFIX) + ")"
_CANDIDATE_RE = re.compile(
    rf"(?P<pre>{_PREFIX})?{SP}"
    rf"(?:(?P<n1>{NUMBER_PATTERN}){SP}(?P<u1>{_UNIT})?{SP}{_DASH}{SP}(?P<n2>{NUMBER_PATTERN})|(?P<n>{NUMBER_PATTERN}))"
    rf"{SP}(?P<approx>余|多)?{SP}(?P<unit>{_UNIT}){SP}(?P<suf>及以上|及以下|以上|以下|以内|左右)?"
)
_COVERAGE_RE = re.compile(r"全覆盖")
_QUANTITY_RE = re.compile(rf"{NUMBER_PATTERN}{SP}{_UNIT}")
_QUOTE_RE = re.compile(r"“[^“”\n]{0,20}”|\"[^\"\n]{0,20}\"|「[^「」\n]{0,20}」|‘[^‘’\n]{0,20}’")
_TITLE_RE = re.compile(r"《[^《》\n]{0,120}》|[〔\[［【][^〔〕\]］】\n]{0,12}[〕\]］】]")
_SENTENCE_END = "。；！？;!?"
#: Table cells are separated by tabs (text tables) or pipes (Markdown tables, whose rows the
#: corpus reader writes as "cell | cell | cell").
_CELL_SEPS = "\t|"
_CELL_SPLIT = re.compile(r"[\t|]")
_CLAUSE_END = _SENTENCE_END + "，,：:" + _CELL_SEPS
_LABEL_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\(?[0-9]+[.．、)）])"
)
_SPACE_RE = re.compile(r"\s+")
_QUOTES = "“”\"「」‘’'"
_MAX_METRIC = 40


@dataclass
class _Cand:
    start: int  # raw span
    end: int
    num_start: int  # where the number (not the prefix comparator) starts
    unit_end: int  # end of number + unit (before 以上/以下)
    value: float | None
    vmin: float | None
    vmax: float | None
    unit: str
    unit_raw: str
    prefix: str
    suffix: str
    chinese_small: bool
    skip: str | None = None
    metric: str = ""
    metric_from_post: bool = False
    comparator: Comparator = "="
    kind: TargetKind = "aggregate"
    extras: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- public API


def extract_targets(text: str) -> list[Target]:
    """The numeric targets in ``text``, in order of appearance.  Never raises."""
    try:
        return _extract(text)
    except Exception:  # defensive: extraction must never break a caller
        return []


# --------------------------------------------------------------------------- pass 1


def _unit_of(unit_raw: str) -> tuple[str, float]:
    """Normalised unit and the factor it applies to the value (万亩 → 亩 × 10000)."""
    u = _SPACE_RE.sub("", unit_raw)
    if u in ("％",):
        return "%", 1.0
    if u == "成":
        return "%", 10.0
    if u.startswith("万") and len(u) > 1:
        return u[1:], 1e4
    return u, 1.0


def _candidates(text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _CANDIDATE_RE.finditer(text):
        unit, factor = _unit_of(m.group("unit"))
        if m.group("n") is not None:
            n_raw = m.group("n")
            value = parse_number(n_raw)
            if value is None:
                continue
            value *= factor
            vmin = vmax = None
            num_start = m.start("n")
            small = _is_small_chinese(n_raw)
        else:
            a, b = parse_number(m.group("n1")), parse_number(m.group("n2"))
            if a is None or b is None:
                continue
            if m.group("u1"):
                u1, f1 = _unit_of(m.group("u1"))
                if u1 != unit:
                    continue
                a *= f1
            else:
                a *= factor
            b *= factor
            if a >= b:
                continue  # "2022-2021", "5到3个": not a range
            value, vmin, vmax = None, a, b
            num_start = m.start("n1")
            small = _is_small_chinese(m.group("n1")) and _is_small_chinese(m.group("n2"))
        prefix = m.group("pre") or ""
        start = m.start("pre") if prefix else num_start
        if m.group("approx"):
            prefix = prefix or "约"
        end = m.end("suf") if m.group("suf") else m.end("unit")
        out.append(
            _Cand(
                start=start,
                end=end,
                num_start=num_start,
                unit_end=m.end("unit"),
                value=value,
                vmin=vmin,
                vmax=vmax,
                unit=unit,
                unit_raw=m.group("unit"),
                prefix=prefix,
                suffix=m.group("suf") or "",
                chinese_small=small,
            )
        )
    return out


#: "百分之四十五", "百分之20": a percentage written out.
_PERCENT_WORDS_RE = re.compile(
    rf"(?P<pre>{_PREFIX})?{SP}百分之(?P<n>{NUMBER_PATTERN}){SP}(?P<suf>及以上|及以下|以上|以下|以内|左右)?"
)


def _percent_words(text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _PERCENT_WORDS_RE.finditer(text):
        value = parse_number(m.group("n"))
        if value is None or not 0 < value <= 1000:
            continue
        prefix = m.group("pre") or ""
        start = m.start("pre") if prefix else m.start("n") - 3
        end = m.end("suf") if m.group("suf") else m.end("n")
        out.append(
            _Cand(
                start=start,
                end=end,
                num_start=m.start("n") - 3,
                unit_end=m.end("n"),
                value=value,
                vmin=None,
                vmax=None,
                unit="%",
                unit_raw="百分之",
                prefix=prefix,
                suffix=m.group("suf") or "",
                chinese_small=False,
            )
        )
    return out


def _is_small_chinese(raw: str) -> bool:
    """一, 两, 三 … 十: Chinese numerals that are more often words than quantities."""
    if raw[:1].isdigit():
        return False
    value = parse_number(raw)
    return value is not None and value <= 10 and not re.search(r"[百千万亿]", raw)


# --------------------------------------------------------------------------- text geometry


def _spans(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in regex.finditer(text)]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _is_soft_newline(text: str, pos: int) -> bool:
    """A line break inside a sentence (PDF page break) rather than a paragraph end."""
    line_start = text.rfind("\n", 0, pos) + 1
    prev_line = text[line_start:pos].strip()
    if not prev_line:
        # a run of blank lines: look at the last non-blank line before it
        end = line_start
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if end == 0:
            return False
        prev_line = text[text.rfind("\n", 0, end) + 1 : end].strip()
    if (
        any(sep in prev_line for sep in _CELL_SEPS)
        or len(prev_line) < 24
        or prev_line[-1] in _SENTENCE_END + "：:"
    ):
        return False
    next_text = text[pos:].lstrip()
    return not _LABEL_RE.match(next_text)


def _boundary_before(text: str, pos: int, stops: str, limit: int = 160) -> int:
    """Index just after the nearest boundary char before ``pos`` (newlines as explained)."""
    i = pos - 1
    low = max(0, pos - limit)
    while i >= low:
        ch = text[i]
        if ch in stops:
            return i + 1
        if ch == "\n" and not _is_soft_newline(text, i):
            return i + 1
        i -= 1
    return low


def _boundary_after(text: str, pos: int, stops: str, limit: int = 60) -> int:
    i = pos
    high = min(len(text), pos + limit)
    while i < high:
        ch = text[i]
        if ch in stops:
            return i
        if ch == "\n" and not _is_soft_newline(text, i):
            return i
        i += 1
    return high


def _clean(s: str) -> str:
    s = _SPACE_RE.sub("", s)
    return "".join(ch for ch in s if ch not in _QUOTES)


# --------------------------------------------------------------------------- pass 2


def _mark_skips(text: str, cands: list[_Cand], blocked: list[tuple[int, int]]) -> None:
    changes = list(CHANGE_RE.finditer(text))
    for i, c in enumerate(cands):
        before = text[max(0, c.num_start - 3) : c.num_start].rstrip(" \t\u3000")
        after = text[c.end : c.end + 12].lstrip(" \u3000")
        clause_start = _boundary_before(text, c.start, _CLAUSE_END)
        pre_clause = text[clause_start : c.start]
        if _inside(blocked, c.num_start, c.unit_end):
            c.skip = "quoted, title or time expression"
        elif before.endswith("第") or (before[-1:].isdigit() if before else False):
            c.skip = "ordinal or part of a code"
        elif (
            c.chinese_small
            and c.unit not in RATE_UNITS | {"%"}
            and not _has_ge_prefix(c, text)
            and not _is_postposed_count(c, text)
        ):
            c.skip = "small Chinese numeral used as a word"
        elif any(m.start("old") <= c.num_start < m.end("old") for m in changes):
            c.skip = "old value of a change"
        elif re.match(r"^[（(]含[)）]", after) or (c.vmin is not None and "含" in after[:3]):
            c.skip = "band of a table"
        elif (
            c.suffix in ("以上", "以下", "及以上", "及以下")
            and c.unit != "%"
            and _qualifies(text[c.end : c.end + 40].lstrip(" \u3000"))
            and not (
                _OBJECT_VERB_BEFORE.search(_clean(text[max(0, c.start - 4) : c.start]))
                and text[c.end : c.end + 1] != "的"
            )
        ):
            c.skip = "threshold qualifying a noun"
        elif c.unit in COUNT_UNITS and _is_scope(text, c, before):
            c.skip = "names the group the task is about"
        elif c.unit in COUNT_UNITS and _is_list_count(pre_clause, c):
            c.skip = "count of the list just enumerated"
        _ = i


#: A verb right before "N场以上" makes the quantity the count of its object ("组织1场以上专场
#: 招聘活动"), not a threshold qualifying the noun after it ("千人以上移民村").
_OBJECT_VERB_BEFORE = re.compile(
    r"(?:组织|开展|举办|召开|建成|新建|建设|培训|完成|实施|打造|培育|创建|选派|引进|发放|"
    r"安排|带动|吸纳|开发|新增|认定|招聘|推出|提供)$"
)


def _has_ge_prefix(c: _Cand, text: str) -> bool:
    if c.prefix and c.prefix not in ("近", "约"):
        return True
    before = text[max(0, c.start - 4) : c.start].rstrip(" \t\u3000")
    if before.endswith(COMPARATOR_GE + COMPARATOR_LE):
        return True
    # "至少打造一个…", "至少有一名…": a minimum before the verb still binds the number
    return bool(_AT_LEAST_VERB.search(text[max(0, c.start - 8) : c.start]))


#: 至少 + a short verb right before a number: "每个乡镇至少建成一个示范点".
_AT_LEAST_VERB = re.compile(r"(?:至少|最少)(?:要|应|须)?[\u4e00-\u9fff]{1,3}$")
#: Classifiers that, with a small numeral, are nearly always words (一批, 两次, 三种).
_WORDY_COUNT_UNITS = frozenset({"批", "次", "种"})


def _is_postposed_count(c: _Cand, text: str) -> bool:
    """ "新培育龙头企业五家、示范家庭农场八家，": a small numeral after the noun it counts, ending
    an item (、，。；), is that count — not a word such as 一批, 一个社会组织 or 不落一户."""
    if c.value is None or c.value < 2 or c.unit not in COUNT_UNITS or c.suffix:
        return False
    if c.unit in _WORDY_COUNT_UNITS:
        return False
    after = text[c.end : c.end + 1]
    before = text[c.num_start - 1 : c.num_start] if c.num_start > 0 else ""
    return (after == "" or after in "、，。；,;") and "\u4e00" <= before <= "\u9fff"


def _qualifies(after: str) -> bool:
    """After 以上/以下: 的 or a word (not punctuation) → the number qualifies a noun."""
    if not after:
        return False
    ch = after[0]
    if ch == "的":
        return True
    if re.match(
        rf"^(?:与|和|或){SP}{NUMBER_PATTERN}{SP}{_UNIT}{SP}(?:以上|以下)[^，。；、\s]", after
    ):
        return True  # "千人以上与千人以下移民村"
    return "\u4e00" <= ch <= "\u9fff" and ch not in "，。；、：和及与或等"


def _is_scope(text: str, c: _Cand, before: str) -> bool:
    if c.vmin is not None:
        return False  # a range never names a group: "每名专家联系2至3个村"
    if before.endswith("对") and not c.prefix:
        return True  # "对120个易地搬迁安置点实现…": the group the task is about
    if c.unit != "个":  # 所, 家 … count schools and firms, never places
        return False
    after = text[c.unit_end : c.unit_end + 30]
    noun = SCOPE_NOUN.match(after)
    if not noun:
        return False
    if _clean(text[max(0, c.num_start - 2) : c.num_start]) == "完成" and not after[
        noun.end() :
    ].startswith("的"):
        return False  # "完成200个行政村生活污水治理": the places the task is done in
    return not CREATION_VERBS.search(_clean(before + ""))


def _is_list_count(pre_clause: str, c: _Cand) -> bool:
    """ "围绕产业、就业、社会融入 3 件事": the number only counts the items just listed."""
    if c.value is None:
        return False
    items = pre_clause.count("、") + 1
    return items >= 3 and float(items) == c.value


def _is_table_band_row(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if not any(sep in line for sep in _CELL_SEPS):
        return False
    return any(_is_band_cell(cell.strip()) for cell in _CELL_SPLIT.split(line))


def _is_band_cell(cell: str) -> bool:
    """ "0-20000 元（含）", "40000 元以上": a bracket of a table, not a commitment."""
    return bool(
        re.search(r"[（(]含[)）]", cell)
        or re.fullmatch(rf"{NUMBER_PATTERN}{SP}万?元{SP}(?:以上|以下)", cell.strip())
    )


def _cell_of(text: str, pos: int) -> str:
    start = max(text.rfind(ch, 0, pos) for ch in _CELL_SEPS + "\n") + 1
    ends = [e for e in (text.find(ch, pos) for ch in _CELL_SEPS + "\n") if e >= 0]
    return text[start : min(ends) if ends else len(text)]


# --------------------------------------------------------------------------- pass 3


#: Words that begin with a leading word but are not one (对接 is not 对 + 接).
_NOT_LEADING = ("对接", "对口", "对象", "共享", "共建", "组织化")


def _strip_words(s: str) -> str:
    changed = True
    while changed and s:
        changed = False
        m = LEADING_SCOPE.match(s)
        if m and m.end() < len(s):
            s, changed = s[m.end() :], True
        for w in LEADING_WORDS:
            if s.startswith(w) and not s.startswith(_NOT_LEADING):
                s, changed = s[len(w) :], True
                break
        for w in TRAILING_WORDS:
            if s.endswith(w):
                s, changed = s[: -len(w)], True
                break
        if s[:1] in "、，,和及与的":
            s, changed = s[1:], True
    return s


def _pre_metric(text: str, c: _Cand, prev_end: int, changes: list[re.Match[str]]) -> str:
    clause_start = _boundary_before(text, c.start, _CLAUSE_END)
    start = max(clause_start, prev_end)
    raw = text[start : c.start]
    if prev_end > clause_start and re.search(r"(?:和|及|与|以及|、)\s*$", raw):
        raw = ""  # "1个中介机构和1名…": the words before belong to the previous item
    # "城乡低保标准由600元/月…分别提高到650元/月": the subject before 由.
    for m in changes:
        if m.end() <= c.num_start and text[m.end() : c.start].strip(" \t\u3000分别") == "":
            sent_start = _boundary_before(text, m.start(), _SENTENCE_END + "，,")
            raw = text[sent_start : m.start()]
            break
    return _metric_from(raw)


def _pre_is_scope(text: str, c: _Cand, prev_end: int) -> bool:
    """ "永宁县（闽宁镇）至少有1个…": a place followed by 至少/有 before the number is the
    scope of a per-unit minimum, not what is counted (unlike "示范村100个")."""
    clause_start = _boundary_before(text, c.start, _CLAUSE_END)
    raw = _clean(text[max(clause_start, prev_end) : c.num_start])
    return bool(_PLACE_THEN_HAVE.search(raw))


def _metric_from(raw: str) -> str:
    s = _clean(raw).replace("分别", "")
    s = TIME_WORDS.sub("", s)
    s = re.sub(r"(?:19|20)[0-9]{2}年(?:底|末)?(?:前)?", "", s)
    if len(s) > 20:
        # "民营企业与5个…县、…县的对接" → "民营企业对接": drop the partners of the relation
        s = re.sub(r"与[^，。]{2,60}?的", "", s)
    # scope phrases: "对56个重点移民村", "每个移民村", "每人"
    s = re.sub(rf"(?:对|与|向)?{NUMBER_PATTERN}个", "", s)
    s = PER_SCOPE_TO_VERB.sub("", s)
    s = PER_SCOPE.sub("", s)
    # "实现对…村科技服务" → after the last strong verb
    last = None
    for m in STRONG_VERBS.finditer(s):
        if len(s) - m.end() >= 2:
            last = m
    if last is not None:
        s = s[last.end() :]
    # "生态护林员、护路员…等各类乡村公益性岗位" → the category after 等
    if "等" in s:
        tail = s[s.rfind("等") + 1 :]
        s = tail
    s = re.sub(r"^在[^，]{1,12}?(?=组织实施|实施|开展|建设|建立|设置|实现)", "", s)
    s = _strip_words(s)
    # "特困人员基本生活标准不低于当地低保标准的" → the measure is what comes before 不低于
    inner = _INNER_COMPARATOR.search(s)
    if inner and inner.start() >= 2:
        s = _strip_words(s[: inner.start()])
    return s


def _post_metric(text: str, c: _Cand) -> str:
    end = _boundary_after(text, c.end, _CLAUSE_END)
    raw = text[c.end : end]
    # "1个中介机构和1名劳务经纪人", "13个村庄、1000户庭院": stop before the next quantity
    m = re.search(rf"(?:和|及|与|以及|、){SP}(?:{_PREFIX})?{SP}{NUMBER_PATTERN}", raw)
    if m:
        raw = raw[: m.start()]
    # "3个、自治区级…至少有2个": a 、 followed later by another quantity ends the item
    for sep in re.finditer("、", raw):
        if _QUANTITY_RE.search(raw[sep.end() :]):
            raw = raw[: sep.start()]
            break
    s = _clean(raw)
    s = re.sub(r"^(?:的|以上的|以下的)", "", s)
    s = re.sub(r"(?:等|以上|以下)$", "", s)
    return s[:_MAX_METRIC]


def _comparator(text: str, c: _Cand, sentence_before: str) -> Comparator:
    if c.vmin is not None:
        return "range"
    if c.suffix in SUFFIX_GE:
        return ">="
    if c.suffix in SUFFIX_LE:
        return "<="
    if c.suffix == "左右":
        return "="
    if c.prefix in ("近", "约"):
        return "="
    if c.prefix in COMPARATOR_GE:
        return ">="
    if c.prefix in COMPARATOR_LE:
        return "<="
    seg = _clean(text[max(0, c.num_start - 12) : c.num_start])
    last = None
    for m in _COMPARATOR_WORD_RE.finditer(seg):
        last = m
    # a comparator word only binds if no punctuation separates it from the number
    if last is not None and not re.search(r"[，。；,;]", seg[last.start() :]):
        return ">=" if last.group(0) in COMPARATOR_GE else "<="
    if "力争" in sentence_before:
        return ">="
    return "="


def _kind(c: _Cand, metric: str, sentence_before: str, clause_before: str) -> TargetKind:
    if c.unit in RATE_UNITS or c.unit == "%":
        return "rate"
    money = c.unit.startswith("元")
    if money and ("/" in c.unit or STANDARD_WORDS.search(metric + clause_before)):
        return "standard"
    if PER_UNIT_MARKERS.search(clause_before) or SCOPE_AT_LEAST.search(_clean(clause_before)):
        return "per_unit"
    if "人均" in metric:
        return "per_unit"
    return "aggregate"


def _per_time_unit(c: _Cand, text: str, context: str) -> str:
    """元 + 每月/每年 written before it ("每人每月1249元…提高至1500元") → 元/月, 元/年."""
    if c.unit != "元":
        return c.unit
    ctx = _clean(context)
    if re.search(r"每月|月人均|/月", ctx):
        return "元/月"
    if re.search(r"每年|/年", ctx):
        return "元/年"
    if re.search(r"每天|每日|/天|/日", ctx):
        return "元/天"
    return c.unit


# --------------------------------------------------------------------------- driver


def _extract(text: str) -> list[Target]:
    if not isinstance(text, str) or not text.strip():
        return []
    time_spans = [(d.start, d.end) for d in find_deadline_spans(text, None)]
    blocked = _spans(_QUOTE_RE, text) + _spans(_TITLE_RE, text) + time_spans
    # metrics are read from a copy of the text where time expressions are blanked out
    # ("三年内建成…站12个" → "建成…站"), with the same length so that offsets agree
    chars = list(text)
    for start, end in time_spans:
        chars[start:end] = " " * (end - start)
    mtext = "".join(chars)
    cands = _candidates(text)
    percent = [
        c
        for c in _percent_words(text)
        if not any(o.start < c.end and c.start < o.end for o in cands)
    ]
    cands = sorted(cands + percent, key=lambda c: c.start)
    _mark_skips(text, cands, blocked)
    changes = list(CHANGE_RE.finditer(text))

    # coverage targets ("全覆盖") live beside the numeric ones
    coverage: list[_Cand] = []
    for m in _COVERAGE_RE.finditer(text):
        if _inside(_spans(_QUOTE_RE, text), m.start(), m.end()):
            continue
        coverage.append(
            _Cand(m.start(), m.end(), m.start(), m.end(), 100.0, None, None, "%", "", "", "", False)
        )
        coverage[-1].extras["coverage"] = "1"

    allc = sorted(cands + coverage, key=lambda c: c.start)
    kept: list[_Cand] = []
    prev_end = 0
    prev_sentence = -1
    for c in allc:
        sentence_start = _boundary_before(text, c.start, _SENTENCE_END, limit=400)
        if sentence_start != prev_sentence:
            prev_end, prev_sentence = 0, sentence_start
        if c.skip is not None:
            if c.skip.startswith("threshold"):
                c.extras["qualifier"] = _clean(text[c.start : c.end])
                prev_end = c.end
                kept_q = c
                kept_q.extras["sentence"] = str(sentence_start)
                kept.append(kept_q)
            elif not c.skip.startswith(("small Chinese", "quoted")):
                prev_end = max(prev_end, c.end)
            continue
        if _is_table_band_row(text, c.start) and (
            c.unit == "%" or c.vmin is not None or _is_band_cell(_cell_of(text, c.start))
        ):
            continue  # a payout band of an insurance table, not a commitment
        sentence_before = text[sentence_start : c.start]
        clause_start = _boundary_before(text, c.start, _CLAUSE_END)
        clause_before = text[clause_start : c.num_start]
        c.extras["sentence"] = str(sentence_start)
        if "coverage" in c.extras:
            c.metric = _metric_from(mtext[clause_start : c.num_start])
            scope = LEADING_SCOPE.sub("", _coverage_scope(mtext[clause_start : c.num_start]))
            if c.metric and scope and scope not in c.metric:
                c.metric = (scope + c.metric)[:_MAX_METRIC]
            if not c.metric:
                c.metric = _previous_clause_metric(mtext, clause_start, sentence_start)
            c.comparator, c.kind = ">=", "rate"
            kept.append(c)
            prev_end = c.end
            continue
        line_start = text.rfind("\n", 0, c.start) + 1
        if _is_bare_cell(text, c):
            _table_cell(text, c, line_start)
        else:
            pre = _pre_metric(mtext, c, prev_end, changes)
            post = _post_metric(mtext, c)
            if not pre and not post and prev_end <= clause_start:
                # "…人数不低于上年规模，力争达到230万人": the clause before names the measure;
                # "上半年完成50%": nothing but a verb does, keep the verb
                pre = _previous_clause_metric(mtext, clause_start, sentence_start)
                verb = _clean(TIME_WORDS.sub("", mtext[clause_start : c.start]))
                pre = pre or (verb if len(verb) <= 4 else "")
            scope_pre = _pre_is_scope(text, c, prev_end)
            c.extras["scope_pre"] = "1" if scope_pre else ""
            if not pre or scope_pre or _clean(clause_before).endswith("等"):
                c.metric, c.metric_from_post = (post or pre), bool(post)
            elif post and _GROUP_END.search(pre):
                c.metric = pre + post  # "有劳动能力的家庭至少1人稳定就业"
            else:
                c.metric = pre
            c.comparator = _comparator(text, c, sentence_before)
            c.kind = _kind(c, c.metric, sentence_before, clause_before)
            if c.unit.startswith("元") and re.match(
                rf"\s*的?(?:{STANDARD_WORDS.pattern})", text[c.end : c.end + 6]
            ):
                c.kind = "standard"  # "按照每人每月200元的标准", "给予五万至十万元奖励"
            c.unit = _per_time_unit(c, text, text[clause_start : c.start])
        kept.append(c)
        prev_end = c.end

    _coordinate(text, kept)
    targets: list[Target] = []
    for c in kept:
        if c.skip is not None:
            continue
        metric = c.metric[:_MAX_METRIC]
        targets.append(
            Target(
                raw=text[c.start : c.end],
                metric=metric,
                value=c.value,
                value_min=c.vmin,
                value_max=c.vmax,
                unit=c.unit,
                comparator=c.comparator,
                kind=c.kind,
            )
        )
    return targets


def _is_bare_cell(text: str, c: _Cand) -> bool:
    """A table cell (between tabs) that holds only the quantity: "50000 元", "40 元/人"."""
    line_start = text.rfind("\n", 0, c.start) + 1
    line_end = text.find("\n", c.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if not any(sep in line for sep in _CELL_SEPS):
        return False
    return _clean(_cell_of(text, c.start)) == _clean(text[c.start : c.end])


def _table_cell(text: str, c: _Cand, line_start: int) -> None:
    """A number in a tab-separated table row: the row's first text cell is the metric."""
    line_end = text.find("\n", c.start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    label = ""
    for cell in _CELL_SPLIT.split(line):
        cell_clean = _clean(cell)
        if cell_clean and not re.search(r"[0-9]", cell_clean):
            label = cell_clean
            break
    c.metric = label
    c.comparator = ">=" if c.suffix in SUFFIX_GE else "<=" if c.suffix in SUFFIX_LE else "="
    if c.comparator == "=" and c.prefix in COMPARATOR_GE:
        c.comparator = ">="  # a cell "不少于20场"
    elif c.comparator == "=" and c.prefix in COMPARATOR_LE:
        c.comparator = "<="
    if c.unit == "%":
        c.kind = "rate"
    elif c.unit.startswith("元"):
        c.kind = "standard"
    else:
        c.kind = "aggregate"


#: "对160个国家乡村振兴重点帮扶县实现结对帮扶全覆盖": the object of 对 before the verb is the
#: population the coverage is about.
_COVERAGE_SCOPE = re.compile(
    rf"(?<![针面绝相应核比反])对(?![接口于照比标外象待])(?:{NUMBER_PATTERN}{SP}个)?"
    r"(?P<scope>[^，。；：对\s]{2,24}?)(?=实现|达到|完成|开展|进行)"
)


def _coverage_scope(raw: str) -> str:
    """The scope noun of a coverage target written before its verb (对…县实现…全覆盖)."""
    m = _COVERAGE_SCOPE.search(_clean(raw))
    return m.group("scope") if m else ""


def _previous_clause_metric(text: str, clause_start: int, sentence_start: int) -> str:
    """ "加快…中心建设，确保2022年实现全覆盖": the clause before names what is covered."""
    pos = clause_start - 1
    while pos > sentence_start:
        start = _boundary_before(text, pos, _CLAUSE_END)
        metric = _metric_from(text[start:pos])
        if metric:
            return metric
        pos = start - 1
    return ""


_GROUP_END = re.compile(r"(?:家庭|农户|每户|学校|企业|社区)$")
_CONJ_GAP = re.compile(rf"^{SP}(?:[^，。；：:;,0-9]{{0,12}}?)(?:和|及|与|、|以及){SP}$")


def _coordinate(text: str, kept: list[_Cand]) -> None:
    """Share comparator, kind and metric across items joined by 和/、/及 (分别 …)."""
    groups: list[list[_Cand]] = []
    i = 0
    while i < len(kept):
        c = kept[i]
        if c.skip is not None:  # a qualifier ("10万元以上的") kept only for its words
            i += 1
            continue
        group = [c]
        j = i + 1
        while j < len(kept):
            nxt = kept[j]
            gap = text[group[-1].end : nxt.start]
            if (
                nxt.skip is None
                and nxt.extras.get("sentence") == c.extras.get("sentence")
                and _CONJ_GAP.match(gap)
                and not any(w in gap for w in COMPARATOR_GE + COMPARATOR_LE)
                and nxt.unit.split("/")[0] == c.unit.split("/")[0]
            ):
                group.append(nxt)
                j += 1
            else:
                break
        if len(group) > 1:
            _share(text, group)
            groups.append(group)
        i = j if len(group) > 1 else i + 1
    # metrics that are empty or only a change verb borrow from their neighbours
    for idx, c in enumerate(kept):
        if c.skip is not None:
            continue
        prev = _prev_in_sentence(kept, idx)
        if prev is not None and "qualifier" in prev.extras:
            head = _prev_metric_subject(kept, idx - 1)
            q = prev.extras["qualifier"]
            own = "" if (not c.metric or c.metric == q or c.metric.startswith(q)) else c.metric
            c.metric = (head + q + (own or ("比例" if c.unit == "%" else ""))).strip()
            if c.metric.endswith("的比例"):
                c.metric = c.metric[:-3] + "比例"
        elif _CHANGE_VERB_ONLY.match(c.metric or "x") or not c.metric:
            subject = _prev_metric_subject(kept, idx)
            if subject:
                c.metric = subject + (c.metric or "")
    # "至少有3个、…至少有2个、…至少有1个自治区民营企业帮扶": the last item names the thing
    for idx in range(len(kept) - 1, -1, -1):
        c = kept[idx]
        if c.skip is not None:
            continue
        if not c.metric or (c.extras.get("scope_pre") and not c.metric_from_post):
            following = _next_in_sentence(kept, idx)
            if following is not None and following.metric and following.unit == c.unit:
                c.metric = following.metric
    for group in groups:
        _split_urban_rural(text, group)


#: "城乡…分别 A 和 B": the first item is the urban (城镇) figure, the second the rural (农村) one.
_URBAN_RURAL = ("城镇", "农村")


def _split_urban_rural(text: str, group: list[_Cand]) -> None:
    """城乡居民人均可支配收入分别增加2600元和1350元 → 城镇居民…增加 2600, 农村居民…增加 1350.

    Only for two items of the same unit with one 城乡 metric and 分别 written before them in
    the sentence (城乡低保标准…分别提高到650元/月、5520元/年 has two units and stays)."""
    if len(group) != 2 or any(c.skip is not None for c in group):
        return
    first, second = group
    if first.unit != second.unit or first.metric != second.metric:
        return
    if not first.metric.startswith("城乡") or len(first.metric) <= 2:
        return
    sentence_start = int(first.extras.get("sentence", "0") or 0)
    if "分别" not in text[sentence_start : first.start]:
        return
    rest = first.metric[2:]
    first.metric, second.metric = _URBAN_RURAL[0] + rest, _URBAN_RURAL[1] + rest


def _prev_in_sentence(kept: list[_Cand], idx: int) -> _Cand | None:
    if idx <= 0:
        return None
    prev = kept[idx - 1]
    if prev.extras.get("sentence") != kept[idx].extras.get("sentence"):
        return None
    return prev


def _next_in_sentence(kept: list[_Cand], idx: int) -> _Cand | None:
    for nxt in kept[idx + 1 :]:
        if nxt.extras.get("sentence") != kept[idx].extras.get("sentence"):
            return None
        if nxt.skip is None:
            return nxt
    return None


def _prev_metric_subject(kept: list[_Cand], idx: int) -> str:
    """The subject of the closest earlier target of the same sentence, change verb removed."""
    sentence = kept[idx].extras.get("sentence")
    for prev in reversed(kept[:idx]):
        if prev.extras.get("sentence") != sentence:
            return ""
        if prev.skip is None and prev.metric and not _CHANGE_VERB_ONLY.match(prev.metric):
            return _CHANGE_VERB_END.sub("", prev.metric)
    return ""


def _share(text: str, group: list[_Cand]) -> None:
    last = group[-1]
    first = group[0]
    for c in group[:-1]:
        if c.comparator == "=" and last.comparator in (">=", "<=") and c.suffix == "":
            c.comparator = last.comparator
    for c in group[1:]:
        if c.comparator == "=" and first.comparator in (">=", "<="):
            c.comparator = first.comparator
        if first.kind in ("per_unit", "standard") and c.kind == "aggregate":
            c.kind = first.kind
    # 分别: "三级、二级综合医院预约诊疗率分别达到90%和80%"
    metric = first.metric
    if "分别" in _clean(text[max(0, first.start - 8) : first.start]) or metric:
        parts = [p for p in metric.split("、") if p]
        if len(parts) == len(group) and len(parts) > 1:
            head_len = max(len(p) for p in parts[:-1])
            tail = parts[-1][head_len:] if len(parts[-1]) > head_len else ""
            for c, part in zip(group, parts, strict=True):
                c.metric = part if part is parts[-1] else part + tail
            return
    for c in group[1:]:
        if not c.metric or (c.metric_from_post is False and len(c.metric) <= 1):
            c.metric = metric
