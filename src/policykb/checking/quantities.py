"""Figures and dates a plan sentence commits to, and how they compare with a requirement's.

Figures come from the target extractor (:func:`policykb.extraction.targets.extract_targets`),
completed by a plain "number + unit" scan for what it leaves out (table cells such as
``1.3万人``, ranges written ``一至两个``).  Units are compared by the rules' unit families:
万人 and 人 are one family (×10000), 成 and % are one family (×10), 元/月 and 元/年 are two
families that the rules allow to convert (×12).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from ..extraction.deadlines import extract_deadlines
from ..extraction.numbers import NUMBER_PATTERN, SP, parse_number
from ..extraction.targets import extract_targets
from ..models import Deadline, Target
from ..search.analysis import index_segmenter
from .rules import CheckRules

_EPS = 1e-6


@dataclass(frozen=True)
class Quantity:
    """A figure in a plan sentence: ``value`` (or ``value_min``–``value_max``) in ``unit``."""

    raw: str
    unit: str
    start: int
    end: int
    value: float | None = None
    value_min: float | None = None
    value_max: float | None = None
    comparator: str = ">="
    metric: str = ""

    @property
    def floor(self) -> float | None:
        return self.value if self.value is not None else self.value_min

    @property
    def ceiling(self) -> float | None:
        return self.value if self.value is not None else self.value_max


def _unit_pattern(rules: CheckRules) -> str:
    units = sorted({*rules.unit_table, "%", "％"}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(u) for u in units) + ")"


_DASH = r"(?:—{1,2}|–|-|－|~|～|至|到)"


def _scan(text: str, rules: CheckRules) -> list[Quantity]:
    """Plain "number + unit" figures, ranges and per-month/per-year standards."""
    unit = _unit_pattern(rules)
    found: list[Quantity] = []
    per_time = re.compile(
        rf"每(?:人|户)?{SP}每?{SP}(月|年){SP}({NUMBER_PATTERN}){SP}(元|万元)"
        rf"|({NUMBER_PATTERN}){SP}(元|万元){SP}/{SP}(?:人{SP}[·/]?{SP})?(月|年)"
    )
    for m in per_time.finditer(text):
        if m.group(1):
            period, number, money = m.group(1), m.group(2), m.group(3)
        else:
            number, money, period = m.group(4), m.group(5), m.group(6)
        value = parse_number(number)
        if value is None:
            continue
        value *= 10000 if money == "万元" else 1
        found.append(Quantity(m.group(0), f"元/{period}", m.start(), m.end(), value=value))
    ranged = re.compile(rf"({NUMBER_PATTERN}){SP}{_DASH}{SP}({NUMBER_PATTERN}){SP}({unit})")
    for m in ranged.finditer(text):
        low, high = parse_number(m.group(1)), parse_number(m.group(2))
        if low is None or high is None or _overlaps(found, m.start(), m.end()):
            continue
        found.append(
            Quantity(
                m.group(0),
                m.group(3),
                m.start(),
                m.end(),
                value_min=min(low, high),
                value_max=max(low, high),
                comparator="range",
            )
        )
    single = re.compile(rf"({NUMBER_PATTERN}){SP}({unit})")
    for m in single.finditer(text):
        if _overlaps(found, m.start(), m.end()):
            continue
        number, unit_text, end = m.group(1), m.group(2), m.end()
        shorter = _shorter_unit(text, m.start(2), unit_text, rules)
        if shorter is not None:  # 1个人力资源服务机构: 1个, not 1个人
            unit_text, end = shorter, m.start(2) + len(shorter)
        value = parse_number(number + ("%" if unit_text in "%％" else ""))
        if value is None:
            value = parse_number(number)
        if value is None:
            continue
        unit_text = "%" if unit_text in "%％" else unit_text
        if unit_text == "成":
            value, unit_text = value * 10, "%"
        after = text[end : end + 4]
        before = text[max(0, m.start() - 4) : m.start()]
        comparator = (
            "<="
            if re.match(r"(?:及)?(?:以下|以内)", after)
            or re.search(r"不超过|不高于|控制在$", before)
            else ">="
        )
        found.append(
            Quantity(
                text[m.start() : end], unit_text, m.start(), end, value=value, comparator=comparator
            )
        )
    return found


def _shorter_unit(text: str, at: int, unit: str, rules: CheckRules) -> str | None:
    """The unit a figure really has when the last character of the matched unit begins the
    next word: 1个人力资源服务机构 is 1个 (人力资源), not 1个人; 资助10个人 stays 10个人.
    None when the matched unit stands."""
    end = at + len(unit)
    if len(unit) < 2 or end >= len(text):
        return None
    segmenter = index_segmenter()
    if not segmenter.knows(text[end - 1 : end + 1]):
        return None
    # the word the unit's last character starts, as jieba cuts the text
    boundaries = {e for _w, _s, e in segmenter.words(text[at : at + len(unit) + 8])}
    if len(unit) in boundaries:
        return None
    for cut in range(len(unit) - 1, 0, -1):
        if cut in boundaries and unit[:cut] in rules.unit_table:
            return unit[:cut]
    return None


def _overlaps(found: list[Quantity], start: int, end: int) -> bool:
    return any(q.start < end and start < q.end for q in found)


# a Chinese digit right after 成 (五成五 = 55 %), not the start of another number or count
_TENTH_AFTER = re.compile(
    r"[一二三四五六七八九](?![〇零一二两三四五六七八九十百千万亿个名人户家项所场次元])"
)


def _with_tenths(text: str, q: Quantity) -> Quantity:
    """五成五: the extractor reads 五成 (50 %); the digit after it adds per cent (55 %)."""
    if q.unit != "%" or not q.raw.endswith("成") or q.value is None:
        return q
    m = _TENTH_AFTER.match(text, q.end)
    numeral = re.search(r"[〇零一二两三四五六七八九十]+成$", q.raw)
    if not m or not numeral:
        return q
    value = parse_number(numeral.group(0) + m.group(0))
    if value is None:
        return q
    return replace(q, raw=q.raw + m.group(0), end=m.end(), value=value)


# a short name in quotation marks: “四个带动一批”, “两不愁三保障”, “5分钱工程”
_QUOTED_NAME = re.compile(r"[“\"「『][^“”\"「」『』]{1,12}[”\"」』]")


def plan_quantities(text: str, rules: CheckRules) -> list[Quantity]:
    """Every figure of ``text``: the target extractor's, then the scan's that it missed;
    none inside a quoted name (“四个带动一批”模式 is a programme, not four of anything)."""
    out: list[Quantity] = []
    cursor = 0
    for target in extract_targets(text):
        at = text.find(target.raw, cursor)
        if at < 0:
            at = text.find(target.raw)
        if at < 0:
            continue
        cursor = at + len(target.raw)
        if _overlaps(out, at, at + len(target.raw)):
            continue
        out.append(
            Quantity(
                target.raw,
                target.unit,
                at,
                at + len(target.raw),
                value=target.value,
                value_min=target.value_min,
                value_max=target.value_max,
                comparator=target.comparator,
                metric=target.metric,
            )
        )
    for q in _scan(text, rules):
        if not _overlaps(out, q.start, q.end):
            out.append(q)
    out = [_with_tenths(text, q) for q in out]
    names = [(m.start(), m.end()) for m in _QUOTED_NAME.finditer(text)]
    out = [q for q in out if not any(a <= q.start and q.end <= b for a, b in names)]
    out.sort(key=lambda q: q.start)
    return out


# --------------------------------------------------------------------------- comparing


def convert(
    value: float, unit: str, to_unit: str, rules: CheckRules, metric: str = ""
) -> float | None:
    """``value`` in ``unit`` expressed in ``to_unit``; None when the units do not compare."""
    if unit == to_unit:
        return value
    src = rules.unit_family(unit)
    dst = rules.unit_family(to_unit)
    if src is None or dst is None:
        return None
    factor = rules.conversion(src[0], dst[0], metric)
    if factor is None:
        return None
    return value * src[1] * factor / dst[1]


def comparable(quantity: Quantity, target: Target, rules: CheckRules) -> bool:
    probe = quantity.floor if quantity.floor is not None else quantity.ceiling
    return (
        probe is not None
        and convert(probe, quantity.unit, target.unit, rules, target.metric) is not None
    )


def same_family(quantity: Quantity, target: Target, rules: CheckRules) -> bool:
    """Units of one family (no cross-family conversion such as 元/月 → 元/年)."""
    if quantity.unit == target.unit:
        return True
    a, b = rules.unit_family(quantity.unit), rules.unit_family(target.unit)
    return a is not None and b is not None and a[0] == b[0]


def weaker(quantity: Quantity, target: Target, rules: CheckRules) -> bool | None:
    """Is the plan's figure weaker than the requirement?  None when they do not compare."""
    if target.comparator == "<=":
        limit = target.value if target.value is not None else target.value_max
        plan = quantity.ceiling
        if limit is None or plan is None:
            return None
        value = convert(plan, quantity.unit, target.unit, rules, target.metric)
        return None if value is None else value > limit + _EPS
    floor = target.value if target.value is not None else target.value_min
    plan = quantity.floor
    if floor is None or plan is None:
        return None
    value = convert(plan, quantity.unit, target.unit, rules, target.metric)
    return None if value is None else value < floor - _EPS


def in_requirement_unit(quantity: Quantity, target: Target, rules: CheckRules) -> float | None:
    probe = quantity.floor if quantity.floor is not None else quantity.ceiling
    if probe is None:
        return None
    return convert(probe, quantity.unit, target.unit, rules, target.metric)


# --------------------------------------------------------------------------- deadlines

_FREQ_PER_YEAR = {"monthly": 12.0, "quarterly": 4.0, "half_yearly": 2.0, "yearly": 1.0}
_DAYS = {"working_days": 1.4, "days": 1.0, "months": 30.0, "years": 365.0}


def per_year(deadline: Deadline) -> float | None:
    rec = deadline.recurrence
    if rec is None:
        return None
    if rec.freq == "every_n_months":
        return 12.0 / (rec.interval or 1)
    return _FREQ_PER_YEAR.get(rec.freq)


def later(plan: Deadline, required: Deadline) -> bool | None:
    """Is the plan's deadline later (or its recurrence less frequent) than required?
    None when the two do not compare."""
    if required.kind == "absolute" and plan.kind == "absolute":
        if required.due is None or plan.due is None:
            return None
        return plan.due > required.due
    if required.kind == "recurring" and plan.kind == "recurring":
        need, have = per_year(required), per_year(plan)
        if need is None or have is None:
            return None
        if have < need - _EPS:
            return True
        if have > need + _EPS:
            return False
        req_month = required.recurrence.month if required.recurrence else None
        plan_month = plan.recurrence.month if plan.recurrence else None
        if req_month is not None and plan_month is not None and req_month != plan_month:
            return plan_month > req_month  # 每年12月20日前 vs 每年6月底: compare months first
        req_day = day_of(required)
        plan_day = day_of(plan)
        if req_day is None or plan_day is None:
            return False
        return plan_day > req_day
    if required.kind == "relative" and plan.kind == "relative":
        if required.duration is None or plan.duration is None:
            return None
        need_days = required.duration.value * _DAYS[required.duration.unit]
        have_days = plan.duration.value * _DAYS[plan.duration.unit]
        return have_days > need_days + _EPS
    return None


def day_of(deadline: Deadline) -> int | None:
    """The day a recurring deadline is due by (an ``end`` anchor: 31)."""
    rec = deadline.recurrence
    if rec is None:
        return None
    if rec.day is not None:
        return rec.day
    if rec.anchor == "end":
        return 31
    return None


# what a bare 每月 is due by, written after it: 每月月底前 / 每月…于次月五日前
_MONTH_END = re.compile(r"^[^。；;|]{0,12}?(?:月底|月末)")
_NEXT_MONTH = re.compile(
    rf"^[^。；;|]{{0,24}}?((?:次月|下月|下个月){SP}({NUMBER_PATTERN}){SP}(?:日|号)(?:前|以前|之前)?)"
)


def _monthly_day(text: str, deadline: Deadline, at: int) -> Deadline:
    """每月 with its day written apart: 每月月底前 (day 31), 每月…次月五日前 (day 31 + 5 —
    after the month's end, so later than any day of the month)."""
    rec = deadline.recurrence
    if rec is None or rec.freq != "monthly" or rec.day is not None or rec.anchor is not None:
        return deadline
    rest = text[at + len(deadline.raw) :]
    if m := _NEXT_MONTH.match(rest):
        day = parse_number(m.group(2))
        if day is not None and 1 <= day <= 31:
            return deadline.model_copy(
                update={
                    "raw": f"{deadline.raw}（{m.group(1)}）",
                    "recurrence": rec.model_copy(update={"day": 31 + int(day)}),
                }
            )
    if m := _MONTH_END.match(rest):
        return deadline.model_copy(
            update={
                "raw": deadline.raw + rest[: m.end()],
                "recurrence": rec.model_copy(update={"anchor": "end"}),
            }
        )
    return deadline


# a recurring date counted from the end of its period: 每季度结束后15日内, 每月终了后5个工作日内
_AFTER_END = re.compile(
    rf"(?:结束|终了|期满|截止)(?:之)?后{SP}({NUMBER_PATTERN}){SP}(个)?{SP}(工作日|日|天)(?:内|前|以内|之内)?"
)
_NEXT_QUARTER = re.compile(
    rf"[^。；;|]{{0,24}}?((?:次|下一?)个?季度?(?:首月|第一个月){SP}({NUMBER_PATTERN}){SP}(?:日|号)(?:前|以前|之前)?)"
)


def _after_period_end(text: str, deadline: Deadline, at: int) -> Deadline:
    """每季度结束后15日内: due 15 days after the period's end — day 31 + 15, later than
    每季度末 (day 31).  The extractor reads the 15 as the day of the period (day 15, earlier
    than its end); 每季度终了后10日内 it reads as a bare 每季度 and a separate 10日内."""
    rec = deadline.recurrence
    if rec is None:
        return deadline
    end = at + len(deadline.raw)
    days: float | None = None
    raw = deadline.raw
    # within the extractor's raw (每季度结束后15日内) or right after it (每季度 终了后10日内)
    inside = _AFTER_END.search(deadline.raw)
    m = inside or _AFTER_END.match(text, end)
    if m is not None:
        value = parse_number(m.group(1))
        if value is not None:
            days = value * (1.4 if m.group(3) == "工作日" else 1.0)
            if inside is None:
                raw = text[at : m.end()]
    elif rec.freq == "quarterly" and rec.day is None and rec.anchor is None:
        q = _NEXT_QUARTER.match(text, end)
        if q is not None and (value := parse_number(q.group(2))) is not None:
            days, raw = value, f"{deadline.raw}（{q.group(1)}）"
    if days is None or not 0 < days <= 366:
        return deadline
    return deadline.model_copy(
        update={
            "raw": raw,
            "recurrence": rec.model_copy(update={"day": 31 + math.ceil(days), "anchor": None}),
        }
    )


def plan_deadlines(text: str, year: int | None) -> list[Deadline]:
    """The deadlines of a plan sentence (``extract_deadlines``), a bare 每月 completed by
    the day written after it, a date counted from the end of its period (每季度结束后15日内)
    placed after that end."""
    out: list[Deadline] = []
    cursor = 0
    for deadline in extract_deadlines(text, year):
        at = text.find(deadline.raw, cursor)
        if at < 0:
            out.append(deadline)
            continue
        cursor = at + len(deadline.raw)
        completed = _after_period_end(text, deadline, at)
        if completed is deadline:
            completed = _monthly_day(text, deadline, at)
        out.append(completed)
    return out


def requirement_deadline(text: str, deadline: Deadline, year: int | None) -> Deadline:
    """A requirement's deadline read the way a plan's is (each 月…次月5日前, 每季度结束后
    15日内), so that the two compare on the same scale."""
    for found in plan_deadlines(text, year):
        if found.raw.startswith(deadline.raw) and found.recurrence != deadline.recurrence:
            return found.model_copy(update={"raw": deadline.raw})
    return deadline
