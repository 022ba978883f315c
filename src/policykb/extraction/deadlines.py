"""Time requirements (deadlines) in Chinese policy text.

``extract_deadlines(text, year)`` finds the time expressions that bind someone to a date, a
rhythm, a span or a period, and normalises them into ``Deadline`` models (see
``shared/contracts.md``):

* **absolute** — a point in time: ``3月底`` → 3-31 of the document year, ``2022年底``,
  ``年底前``, ``3月20日前``, ``上半年``, ``二季度末``; a bare year (``2022年``) or a bare month
  (``4月``) only when the context makes it a deadline (see ``_is_bound``);
* **recurring** — ``每月25日前``, ``每季度末``, ``每两月``, ``每半年``, ``每年底`` …;
* **relative** — ``5个工作日内``, ``3日内``, ``一个月内``;
* **period** — ``“十四五”期间`` (due at the plan's last day), ``5年过渡期内``, ``全年``,
  ``2021—2025年``.

``extract_requirement_deadlines(text, year)`` composes the rhythms of one requirement
(``每月数据于次月5日前`` → monthly, day 5); the obligations use it.

Rules that decide what is *not* a deadline (issue dates, document numbers, ``从2022年起``, years
used as a label such as ``2022年效能目标考核细则``) are explained at the constants below and in
``docs/extraction-rules.md``.  The function is pure and never raises.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from policykb.extraction.numbers import NUMBER_PATTERN, SP, parse_number
from policykb.models import Deadline, Duration, Recurrence

__all__ = [
    "DeadlineSpan",
    "extract_deadlines",
    "extract_requirement_deadlines",
    "find_deadline_spans",
]

# --------------------------------------------------------------------------- vocabulary

#: Words right before a bare date that make it a deadline: "到2022年底", "确保2022年实现…",
#: "在3月20日前" (the words themselves are not part of ``raw``).
BOUND_CUES_BEFORE = (
    "截至",
    "截止",
    "确保",
    "力争",
    "争取",
    "务必",
    "到",
    "至",
    "于",
    "在",
)

#: Words right after a bare date that make it a deadline: "2022年实现…", "4月完成…".
BOUND_CUES_AFTER = (
    "完成",
    "实现",
    "达到",
    "达",
    "建成",
    "基本",
    "全面",
    "全部",
    "前",
    "以前",
    "之前",
    "为止",
    "止",
    "将",
    "要",
    "须",
    "必须",
    "报送",
    "上报",
    "出台",
    "印发",
)

#: A date right after these words (or followed by 起/以来/开始) is a starting point, not a
#: deadline: "从2022年起", "自2022年1月1日起施行", "由年底一次性考核向…转变".
START_CUES_BEFORE = ("从", "自", "由")
START_CUES_AFTER = ("起", "以来", "开始", "以后", "后")

#: 去年底, 上年底, 往年 …: a past year, not the document's.
PAST_YEAR_BEFORE = ("去", "上", "前", "往", "历", "近")

#: "每人每月1249元", "每户每年" — 每月/每年 after a per-head word is part of a money rate.
PER_HEAD_BEFORE = ("人", "户", "亩", "名", "家", "位", "头", "只", "人次")

#: A quantity a target is written with (number + unit, or 全覆盖): a bare year that opens the
#: comma-part holding one is the year the target is due ("2022年移民群众人均可支配收入同比增加
#: 1265元" → 2022-12-31; "2023年，全县种植面积稳定在35万亩以上" likewise).
_QUANTITY = re.compile(
    rf"{NUMBER_PATTERN}{SP}(?:万|亿)?{SP}(?:%|％|个百分点|元|人次|人|个|户|家|所|项|名|次|场|亩|"
    rf"公顷|吨|座|倍|成|条|岁|公里|平方米|千瓦|套|处|批)|全覆盖"
)
#: Boundaries a comma-part starts after.
_PART_START = "，,；;。：:\n"

#: A date followed by these (after a short noun) is part of a noun phrase, not a deadline:
#: "年底任务完成情况的综合性考核", "报送全年工作总结".
NOUN_AFTER_DATE = re.compile(
    r"^[\u4e00-\u9fff]{0,4}?(?:完成情况|完成率|完成进度|进展情况|执行情况|工作总结|总结|考核结果)"
)

# Months and days, Arabic or Chinese ("3 月", "十二月", "20日", "二十日").
_MONTH = rf"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]){SP}月(?!份?以来)"
_DAY = rf"(?P<d>3[01]|[12][0-9]|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]){SP}[日号]"
_YEAR = rf"(?:(?P<y>(?:19|20)[0-9]{{2}}|二[〇零]{SP}[〇零一二三四五六七八九]{{2}}){SP}年|(?P<yw>今年|本年|当年|明年|次年|来年))"
_COUNT = r"(?:[0-9]{1,3}(?:\.[0-9]+)?|[一二两三四五六七八九十半]{1,3})"
_BEFORE_SUFFIX = r"(?:之前|以前|前)"


@dataclass(frozen=True)
class DeadlineSpan:
    """A deadline with its span in the text (``text[start:end] == deadline.raw``)."""

    start: int
    end: int
    deadline: Deadline


# --------------------------------------------------------------------------- public API


def extract_deadlines(text: str, year: int | None) -> list[Deadline]:
    """The deadlines written in ``text``, in order, each once; ``year`` is the document's year.

    When ``year`` is None, a date without a year takes the nearest explicit year written before
    it in the text; with none, its ``due`` stays null.  Never raises.
    """
    out: list[Deadline] = []
    for span in find_deadline_spans(text, year):
        if span.deadline not in out:
            out.append(span.deadline)
    return out


def extract_requirement_deadlines(text: str, year: int | None) -> list[Deadline]:
    """The deadlines of one requirement: ``extract_deadlines`` with the rhythms of each
    comma-part composed into the one deadline they state together.

    * ``每月数据于次月5日前报送`` (a monthly rhythm in the sentence, then 次月/下月 N日前) is
      monthly, day 5 — one deadline, not a bare 每月 and an undated day;
    * a bare rhythm (每季度, 按月) and a dated one of the same frequency in one comma-part
      (每季度…于每季度首月10日前) are one deadline: the dated one.

    ``extract_deadlines`` keeps reporting what is written (the checker reads 次月 N日前 after a
    bare 每月 itself, on its own scale).  Never raises.
    """
    try:
        spans = find_deadline_spans(text, year)
        spans = sorted(spans + _next_month_spans(text, spans), key=lambda s: s.start)
        out: list[Deadline] = []
        for span in _merge_rhythms(text, spans):
            if span.deadline not in out:
                out.append(span.deadline)
        return out
    except Exception:  # defensive: extraction must never break a caller
        return extract_deadlines(text, year)


def find_deadline_spans(text: str, year: int | None) -> list[DeadlineSpan]:
    """Like ``extract_deadlines`` but with spans, duplicates kept (used by target extraction
    to leave time expressions such as ``5个工作日内`` out of the numbers it reads)."""
    try:
        return _find(text, year)
    except Exception:  # defensive: extraction must never break a caller
        return []


# --------------------------------------------------------------------------- internals

_Handler = Callable[["_Ctx", re.Match[str]], "Deadline | _Skip | None"]


class _Skip:
    """A match that consumes its span (so that nothing inside it is read) but is no deadline."""


SKIP = _Skip()


@dataclass
class _Ctx:
    text: str
    year: int | None

    def year_at(self, pos: int, m: re.Match[str] | None = None) -> int | None:
        """The year for a date at ``pos``: written in the match, or a year word, or the
        document's, or (no document year) the last explicit year before it."""
        if m is not None:
            gd = m.groupdict()
            if gd.get("y"):
                return _to_int(gd["y"])
            word = gd.get("yw")
            if word:
                base = self.year if self.year is not None else self._year_before(pos)
                if base is None:
                    return None
                return base + 1 if word in ("明年", "次年", "来年") else base
        if self.year is not None:
            return self.year
        return self._year_before(pos)

    def _year_before(self, pos: int) -> int | None:
        found = None
        for ym in re.finditer(rf"((?:19|20)[0-9]{{2}}){SP}年", self.text[:pos]):
            found = int(ym.group(1))
        return found

    def before(self, pos: int, n: int = 6) -> str:
        return self.text[max(0, pos - n) : pos].rstrip(" \t\u3000\xa0")

    def after(self, pos: int, n: int = 6) -> str:
        return self.text[pos : pos + n].lstrip(" \t\u3000\xa0")


def _to_int(s: str | None) -> int | None:
    if not s:
        return None
    s = re.sub(r"\s+", "", s)
    if re.fullmatch(r"[0-9]+", s):
        return int(s)
    if re.fullmatch(r"二[〇零][〇零一二三四五六七八九]{2}", s):  # 二〇二二
        value = parse_number(s)
        return int(value) if value is not None else None
    value = parse_number(s)
    if value is None or value != int(value):
        return None
    return int(value)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int | None, month: int, day: int | None) -> dt.date | None:
    if year is None or not 1 <= month <= 12:
        return None
    if day is None:
        return _month_end(year, month)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= 31:
        return None
    return dt.date(year, month, min(day, last))


def _is_bound(ctx: _Ctx, m: re.Match[str]) -> bool:
    """A date written without 底/末/前/内 is a deadline only in a binding context."""
    before = ctx.before(m.start())
    after = ctx.after(m.end())
    return before.endswith(BOUND_CUES_BEFORE) or after.startswith(BOUND_CUES_AFTER)


def _opens_target_part(ctx: _Ctx, m: re.Match[str]) -> bool:
    """A bare year opening a comma-part that holds a target (or standing alone before one):
    "…，2022年移民群众人均可支配收入同比增加1265元，…", "2023年，全县…35万亩以上"."""
    before = ctx.text[: m.start()].rstrip(" \t\u3000\xa0")
    if before and before[-1] not in _PART_START:
        return False
    rest = ctx.text[m.end() :]
    if rest.startswith(("的", "度")):
        return False
    if rest[:1] in "，,":
        rest = rest[1:]  # "2023年，…": the year is the time frame of the next part
    end = len(rest)
    for i, ch in enumerate(rest):
        if ch in _PART_START:
            end = i
            break
    return bool(_QUANTITY.search(rest[:end]))


def _is_start(ctx: _Ctx, m: re.Match[str]) -> bool:
    before = ctx.before(m.start(), 2)
    after = ctx.after(m.end(), 3)
    return before.endswith(START_CUES_BEFORE) or after.startswith(START_CUES_AFTER)


# ---- absolute


def _h_date(ctx: _Ctx, m: re.Match[str]) -> Deadline | _Skip | None:
    """[年] 月 [日] [底/末/上中下旬/前/内]: 3月底, 2022年3月20日前, 今年4月."""
    if _is_start(ctx, m):
        return SKIP
    suffix = m.group("suf") or ""
    if not suffix and not _is_bound(ctx, m):
        return SKIP
    month = _to_int(m.group("m"))
    day = _to_int(m.group("d")) if m.group("d") else None
    if month is None:
        return None
    if day is None:
        if "上旬" in suffix:
            day = 10
        elif "中旬" in suffix:
            day = 20
    year = ctx.year_at(m.start(), m)
    due = _safe_date(year, month, day)
    return Deadline(raw=m.group(0), kind="absolute", due=due)


_QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def _h_year_point(ctx: _Ctx, m: re.Match[str]) -> Deadline | _Skip | None:
    """2022年底, 到2022年底, 年底前, 今年内, 2022年上半年, 一季度末, 2022年 (bound)."""
    if _is_start(ctx, m):
        return SKIP
    suffix = m.group("suf") or ""
    if (
        not suffix
        and not _is_bound(ctx, m)
        and not (m.groupdict().get("y") and _opens_target_part(ctx, m))
    ):
        return SKIP
    year = ctx.year_at(m.start(), m)
    month, day = 12, 31
    if "上半年" in suffix or "年中" in suffix:
        month, day = 6, 30
    quarter = m.groupdict().get("q")
    if quarter:
        q = _to_int(quarter)
        if q is None or q not in _QUARTER_END:
            return None
        month, day = _QUARTER_END[q]
    due = dt.date(year, month, day) if year is not None else None
    return Deadline(raw=m.group(0), kind="absolute", due=due)


def _h_bare_year_end(ctx: _Ctx, m: re.Match[str]) -> Deadline | _Skip | None:
    """年底 / 年底前 / 年末 / 年内 without a written year: the document's year."""
    if _is_start(ctx, m) or ctx.before(m.start(), 1) in PAST_YEAR_BEFORE:
        return SKIP
    year = ctx.year_at(m.start())
    due = dt.date(year, 12, 31) if year is not None else None
    return Deadline(raw=m.group(0), kind="absolute", due=due)


# ---- recurring


def _per_head(ctx: _Ctx, m: re.Match[str]) -> bool:
    """每人每月 / 每户每年 … or 每年40元: a money rate, not a deadline."""
    before = ctx.before(m.start(), 3)
    if re.search(r"每" + SP + "(?:" + "|".join(PER_HEAD_BEFORE) + ")$", before):
        return True
    after = ctx.after(m.end(), 8)
    if after.startswith("的"):
        return True  # 每年的工作任务: an attribute, no rhythm is required
    return bool(
        re.match(
            rf"(?:[0-9]|[一二两三四五六七八九十百千]){{1}}[0-9.,万千百十]*{SP}(?:万|亿)?{SP}[元人名个户次亩吨%]",
            after,
        )
    )


def _recurring(
    freq: str, *, interval: int | None = None, day: int | None = None, end: bool = False
) -> Recurrence:
    # Normalise "every n months" to the named rhythm when there is one, so that 每三个月 and
    # 每季度 compare equal.
    if freq == "every_n_months" and interval is not None:
        named = {1: "monthly", 3: "quarterly", 6: "half_yearly", 12: "yearly"}.get(interval)
        if named:
            freq, interval = named, None
    return Recurrence(
        freq=freq,  # type: ignore[arg-type]
        interval=interval,
        day=day,
        anchor="end" if end else None,
    )


def _h_monthly_day(ctx: _Ctx, m: re.Match[str]) -> Deadline | _Skip | None:
    day = _to_int(m.group("d"))
    if day is None or not 1 <= day <= 31:
        return None
    return Deadline(raw=m.group(0), kind="recurring", recurrence=_recurring("monthly", day=day))


def _h_simple(freq: str, end: bool = False, check_head: bool = True) -> _Handler:
    def handler(ctx: _Ctx, m: re.Match[str]) -> Deadline | _Skip | None:
        if check_head and _per_head(ctx, m):
            return SKIP
        return Deadline(raw=m.group(0), kind="recurring", recurrence=_recurring(freq, end=end))

    return handler


def _h_quarterly_day(ctx: _Ctx, m: re.Match[str]) -> Deadline | _Skip | None:
    day = _to_int(m.group("d"))
    if day is None or not 1 <= day <= 31:
        return None
    return Deadline(raw=m.group(0), kind="recurring", recurrence=_recurring("quarterly", day=day))


def _h_yearly_month(ctx: _Ctx, m: re.Match[str]) -> Deadline | _Skip | None:
    """每年12月底前 → yearly, anchor end (as 每年底); 每年12月20日前 → yearly, month 12, day 20;
    每年6月底 → yearly, month 6, anchor end."""
    month = _to_int(m.group("m"))
    if month is None or not 1 <= month <= 12:
        return None
    day = _to_int(m.group("d")) if m.group("d") else None
    if day is not None and not 1 <= day <= 31:
        return None
    suffix = m.group("suf") or ""
    end = day is None and any(w in suffix for w in ("底", "末"))
    # 每年12月底 is 每年底 (yearly, anchor end): written the same way, so that they compare equal
    keep_month = None if (end and month == 12) else month
    recurrence = _recurring("yearly", day=day, end=end).model_copy(update={"month": keep_month})
    return Deadline(raw=m.group(0), kind="recurring", recurrence=recurrence)


def _h_every_n_months(ctx: _Ctx, m: re.Match[str]) -> Deadline | _Skip | None:
    n = _to_int(m.group("n"))
    if n is None or n < 1:
        return None
    return Deadline(
        raw=m.group(0), kind="recurring", recurrence=_recurring("every_n_months", interval=n)
    )


def _h_every_n_years(ctx: _Ctx, m: re.Match[str]) -> Deadline | _Skip | None:
    n = _to_int(m.group("n"))
    if n is None or n < 1:
        return None
    if _per_head(ctx, m):
        return SKIP
    return Deadline(
        raw=m.group(0),
        kind="recurring",
        recurrence=Recurrence(freq="yearly", interval=n if n > 1 else None),
    )


# ---- relative and periods

_DURATION_UNITS = {
    "工作日": "working_days",
    "个工作日": "working_days",
    "日": "days",
    "天": "days",
    "自然日": "days",
    "个自然日": "days",
    "周": "weeks",
    "个周": "weeks",
    "星期": "weeks",
    "个星期": "weeks",
    "个月": "months",
    "年": "years",
    "个年": "years",
}


def _h_relative(ctx: _Ctx, m: re.Match[str]) -> Deadline | _Skip | None:
    raw_n = m.group("n")
    value = 0.5 if raw_n == "半" else parse_number(raw_n)
    unit_word = re.sub(r"\s+", "", m.group("u"))
    unit = _DURATION_UNITS.get(unit_word)
    if value is None or value <= 0 or unit is None:
        return None
    if unit == "weeks":  # the contract has no weeks: a week is seven days
        value, unit = value * 7, "days"
    if raw_n == "半" and unit == "months":
        value, unit = 15, "days"  # 半个月
    if raw_n == "半" and unit == "years":
        value, unit = 6, "months"  # 半年
    return Deadline(
        raw=m.group(0),
        kind="relative",
        duration=Duration(value=value, unit=unit),  # type: ignore[arg-type]
    )


def _h_half_year_within(ctx: _Ctx, m: re.Match[str]) -> Deadline | _Skip | None:
    """半年内 → 6 months."""
    return Deadline(raw=m.group(0), kind="relative", duration=Duration(value=6, unit="months"))


def _five_year_plan_end(numeral: str) -> int | None:
    """十四五 → 2025: the n-th five-year plan (n ≥ 3) ends in 1955 + 5n."""
    n = _to_int(numeral[:-1])  # drop the final 五 ("十四五" → 十四 = 14)
    if n is None or n < 3:
        return None
    return 1955 + 5 * n


def _h_fyp(ctx: _Ctx, m: re.Match[str]) -> Deadline | _Skip | None:
    end_year = _five_year_plan_end(m.group("fyp"))
    due = dt.date(end_year, 12, 31) if end_year else None
    return Deadline(raw=m.group(0), kind="period", due=due)


def _h_transition(ctx: _Ctx, m: re.Match[str]) -> Deadline | _Skip | None:
    n = m.groupdict().get("n")
    duration = None
    if n:
        value = parse_number(n)
        if value is not None and value > 0:
            duration = Duration(value=value, unit="years")
    return Deadline(raw=m.group(0), kind="period", duration=duration)


def _h_whole_year(ctx: _Ctx, m: re.Match[str]) -> Deadline | _Skip | None:
    """全年 — the whole (document) year: a period that ends on 12-31."""
    year = ctx.year_at(m.start())
    due = dt.date(year, 12, 31) if year is not None else None
    return Deadline(raw=m.group(0), kind="period", due=due)


def _h_coming_years(ctx: _Ctx, m: re.Match[str]) -> Deadline | _Skip | None:
    value = parse_number(m.group("n"))
    if value is None or value <= 0:
        return None
    return Deadline(raw=m.group(0), kind="period", duration=Duration(value=value, unit="years"))


def _h_year_range(ctx: _Ctx, m: re.Match[str]) -> Deadline | _Skip | None:
    y1, y2 = _to_int(m.group("y1")), _to_int(m.group("y2"))
    if y1 is None or y2 is None or y2 < y1:
        return None
    return Deadline(raw=m.group(0), kind="period", due=dt.date(y2, 12, 31))


def _h_date_range(ctx: _Ctx, m: re.Match[str]) -> Deadline | _Skip | None:
    """3月1日至5月31日 / 6月—8月 / 2022年6月至9月底: a period ending at the second date."""
    year = _to_int(m.group("y2")) or _to_int(m.group("y1")) or ctx.year_at(m.start())
    month = _to_int(m.group("m2"))
    if month is None:
        return None
    day = _to_int(m.group("d2")) if m.group("d2") else None
    return Deadline(raw=m.group(0), kind="period", due=_safe_date(year, month, day))


def _h_skip(ctx: _Ctx, m: re.Match[str]) -> Deadline | _Skip | None:
    return SKIP


# --------------------------------------------------------------------------- the patterns

_DATE_SUFFIX = (
    r"(?P<suf>底前|底之前|底以前|底|末前|末|份前|份以前|份|上旬|中旬|下旬|之前|以前|前|内|为止|止)?"
)
_MONTH_D = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY_D = r"(?:3[01]|[12][0-9]|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_YEAR_D = r"(?:19|20)[0-9]{2}"
_DASH = r"(?:—{1,2}|–|-|－|~|～|至|到)"

# (pattern, handler); all are tried, and overlapping matches are resolved longest-first.
_PATTERNS: list[tuple[re.Pattern[str], _Handler]] = [
    # ---- things that look like dates but are not deadlines: consume them
    # 〔2022〕 in a document number
    (re.compile(rf"[〔\[［【]{SP}{_YEAR_D}{SP}[〕\]］】]"), _h_skip),
    # 从2022年起 / 自2022年1月1日起 / 2022年以来
    (
        re.compile(
            rf"(?:从|自){SP}(?:{_YEAR_D}{SP}年(?:{SP}{_MONTH_D}{SP}月(?:{SP}{_DAY_D}{SP}[日号])?)?"
            rf"|{_MONTH_D}{SP}月(?:{SP}{_DAY_D}{SP}[日号])?){SP}(?:起|开始|以来)?"
        ),
        _h_skip,
    ),
    # ---- recurring
    (re.compile(rf"每{SP}(?:个{SP})?月{SP}{_DAY}{SP}(?:{_BEFORE_SUFFIX}|内)?"), _h_monthly_day),
    (
        re.compile(rf"每{SP}(?:个{SP})?月{SP}(?:底|末){SP}{_BEFORE_SUFFIX}?"),
        _h_simple("monthly", end=True),
    ),
    (
        re.compile(rf"每{SP}(?:个{SP})?季度?{SP}(?:末|底|结束){SP}{_BEFORE_SUFFIX}?"),
        _h_simple("quarterly", end=True, check_head=False),
    ),
    (
        re.compile(
            rf"每{SP}(?:个{SP})?季度?{SP}(?:首月|第一个月|结束后){SP}{_DAY}{SP}(?:{_BEFORE_SUFFIX}|内)?"
        ),
        _h_quarterly_day,
    ),
    (re.compile(rf"每{SP}(?:一{SP})?(?:个{SP})?季度?"), _h_simple("quarterly")),
    (
        re.compile(rf"每{SP}半{SP}年{SP}(?:末|底){SP}{_BEFORE_SUFFIX}?"),
        _h_simple("half_yearly", end=True, check_head=False),
    ),
    (re.compile(rf"每{SP}(?:个{SP})?半{SP}年"), _h_simple("half_yearly")),
    (
        re.compile(rf"每{SP}年{SP}(?:年{SP})?(?:底|末){SP}{_BEFORE_SUFFIX}?"),
        _h_simple("yearly", end=True, check_head=False),
    ),
    (
        re.compile(rf"每{SP}年{SP}{_MONTH}{SP}(?:{_DAY})?{SP}(?P<suf>底前|底|末|前|之前|以前)?"),
        _h_yearly_month,
    ),
    (
        re.compile(rf"每{SP}(?P<n>[2-9]|1[0-2]|[两二三四五六七八九]|十[一二]?){SP}个?{SP}月"),
        _h_every_n_months,
    ),
    (re.compile(rf"每{SP}(?P<n>[2-9]|[两二三四五]){SP}年"), _h_every_n_years),
    (re.compile(rf"每{SP}(?:一{SP})?(?:个{SP})?年度?"), _h_simple("yearly")),
    (re.compile(rf"每{SP}(?:一{SP})?(?:个{SP})?月"), _h_simple("monthly")),
    (re.compile(r"按季度?"), _h_simple("quarterly", check_head=False)),
    (re.compile(r"按半年"), _h_simple("half_yearly", check_head=False)),
    (re.compile(r"按月(?!份)"), _h_simple("monthly", check_head=False)),
    # ---- periods
    (
        re.compile(
            rf"[“\"]?(?P<fyp>十[一二三四五六七八九]?五)[”\"]?{SP}(?:规划)?{SP}(?:期间|时期|末)"
        ),
        _h_fyp,
    ),
    (
        re.compile(rf"(?:(?P<n>{_COUNT}){SP}年{SP}(?:的{SP})?)?过渡期{SP}(?:内|间|期间)?"),
        _h_transition,
    ),
    (re.compile(rf"(?:今后|未来){SP}(?P<n>{_COUNT}){SP}年"), _h_coming_years),
    (re.compile(r"全年(?!度)"), _h_whole_year),
    (
        re.compile(
            rf"(?P<y1>{_YEAR_D}){SP}年?{SP}{_DASH}{SP}(?P<y2>{_YEAR_D}){SP}年(?:{SP}(?:期间|间))?"
        ),
        _h_year_range,
    ),
    (
        re.compile(
            rf"(?:(?P<y1>{_YEAR_D}){SP}年{SP})?(?P<m1>{_MONTH_D}){SP}月{SP}(?:(?P<d1>{_DAY_D}){SP}[日号])?{SP}{_DASH}{SP}"
            rf"(?:(?P<y2>{_YEAR_D}){SP}年{SP})?(?P<m2>{_MONTH_D}){SP}月{SP}(?:(?P<d2>{_DAY_D}){SP}[日号])?{SP}(?:底|末)?{SP}(?:期间|间)?"
        ),
        _h_date_range,
    ),
    # ---- relative
    (
        re.compile(
            rf"(?<![0-9.])(?P<n>{_COUNT}){SP}(?P<u>个{SP}工作日|工作日|个{SP}自然日|自然日|日|天|个{SP}星期|星期|个?{SP}周|个{SP}月|年){SP}(?:之内|以内|内)"
        ),
        _h_relative,
    ),
    (re.compile(r"半年(?:之内|以内|内)"), _h_half_year_within),
    # ---- absolute
    (re.compile(rf"(?:{_YEAR}{SP})?{_MONTH}{SP}(?:{_DAY})?{SP}{_DATE_SUFFIX}"), _h_date),
    (
        re.compile(
            rf"{_YEAR}{SP}(?P<suf>(?:年{SP})?(?:底|末){SP}{_BEFORE_SUFFIX}?|上半年(?:{SP}(?:末|底))?{SP}{_BEFORE_SUFFIX}?|下半年|年中|{_BEFORE_SUFFIX}|内)?"
        ),
        _h_year_point,
    ),
    (
        re.compile(
            rf"(?:{_YEAR}{SP})?第?{SP}(?P<q>[一二三四1-4]){SP}季度{SP}(?P<suf>末|底)?{SP}{_BEFORE_SUFFIX}?"
        ),
        _h_year_point,
    ),
    (
        re.compile(
            rf"(?:{_YEAR}{SP})?(?P<suf>上半年|下半年|年中)(?:{SP}(?:末|底))?{SP}{_BEFORE_SUFFIX}?"
        ),
        _h_year_point,
    ),
    (re.compile(rf"年{SP}(?:底|末){SP}{_BEFORE_SUFFIX}?|年内"), _h_bare_year_end),
]

_TITLE_RE = re.compile(r"《[^《》\n]{0,120}》")


def _find(text: str, year: int | None) -> list[DeadlineSpan]:
    if not isinstance(text, str) or not text:
        return []
    ctx = _Ctx(text=text, year=year)
    titles = [(m.start(), m.end()) for m in _TITLE_RE.finditer(text)]
    candidates: list[tuple[int, int, Deadline | _Skip | None]] = []
    for pattern, handler in _PATTERNS:
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            raw = m.group(0)
            # trailing spaces are never part of a deadline
            end = m.start() + len(raw.rstrip(" \t\u3000\xa0"))
            if end <= m.start():
                continue
            try:
                result = handler(ctx, m)
            except Exception:  # defensive: a malformed date is just not a deadline
                result = None
            if isinstance(result, Deadline):
                result = result.model_copy(update={"raw": text[m.start() : end]})
                if (
                    result.kind in ("absolute", "period")
                    and not re.search(r"(?:前|内|止)$", result.raw)
                    and NOUN_AFTER_DATE.match(text[end:])
                ):
                    result = SKIP  # "年底任务完成情况的综合性考核": a noun, not a deadline
                elif (
                    year is not None
                    and result.kind == "absolute"
                    and result.due is not None
                    and result.due.year < year
                ):
                    # "截至2021年底，全市已…" in a 2022 document: a baseline, not a deadline
                    result = SKIP
            candidates.append((m.start(), end, result))
    # longest first, then leftmost; a skip consumes its span like a deadline would
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int, Deadline | _Skip | None]] = []
    for start, end, result in candidates:
        if result is None:
            continue
        if any(start < t_end and t_start < end for t_start, t_end, _ in taken):
            continue
        taken.append((start, end, result))
    out: list[DeadlineSpan] = []
    for start, end, result in sorted(taken, key=lambda c: c[0]):
        if not isinstance(result, Deadline):
            continue
        if any(t0 <= start and end <= t1 for t0, t1 in titles):
            continue  # a date inside a title 《…》 names the document
        out.append(DeadlineSpan(start, end, result))
    return out


#: 次月5日前 / 下月10日前 / 下个月10日前: a day of the month after.
_NEXT_MONTH_DAY = re.compile(
    rf"(?:次|下{SP}个?){SP}月{SP}(?P<d>3[01]|[12][0-9]|0?[1-9]|[一二三]?十[一二三四五六七八九]?|"
    rf"[一二三四五六七八九]){SP}[日号]{SP}(?:{_BEFORE_SUFFIX}|内)?"
)
#: A monthly rhythm stated earlier in the sentence: "实行月报制度，…每月数据于次月5日前报送".
_MONTHLY_CONTEXT = re.compile(r"每个?月|按月|月报|月度")


def _next_month_spans(text: str, taken: list[DeadlineSpan]) -> list[DeadlineSpan]:
    """次月5日前 in a monthly cycle → monthly, day 5 (each month's data is due on the 5th of
    the month after); without a monthly rhythm earlier in the sentence it is left out."""
    out: list[DeadlineSpan] = []
    for m in _NEXT_MONTH_DAY.finditer(text):
        if any(t.start < m.end() and m.start() < t.end for t in taken):
            continue
        sentence_start = max(text.rfind(ch, 0, m.start()) for ch in "。；;！？\n") + 1
        if not _MONTHLY_CONTEXT.search(text[sentence_start : m.start()]):
            continue
        day = _to_int(m.group("d"))
        if day is None or not 1 <= day <= 31:
            continue
        raw = m.group(0).rstrip(" \t\u3000\xa0")
        deadline = Deadline(raw=raw, kind="recurring", recurrence=_recurring("monthly", day=day))
        out.append(DeadlineSpan(m.start(), m.start() + len(raw), deadline))
    return out


def _merge_rhythms(text: str, spans: list[DeadlineSpan]) -> list[DeadlineSpan]:
    """A bare rhythm and a dated one of the same frequency in one comma-part are one deadline:
    "每月数据于次月5日前报送" is monthly, day 5 — not also a second, undated monthly one."""

    def part(pos: int) -> int:
        return max(text.rfind(ch, 0, pos) for ch in _PART_START)

    def dated(d: Deadline) -> bool:
        r = d.recurrence
        return r is not None and (r.day is not None or r.anchor is not None)

    def restated(span: DeadlineSpan) -> bool:
        r = span.deadline.recurrence
        if span.deadline.kind != "recurring" or r is None or dated(span.deadline):
            return False
        return any(
            other.deadline.kind == "recurring"
            and dated(other.deadline)
            and other.deadline.recurrence is not None
            and other.deadline.recurrence.freq == r.freq
            and other.deadline.recurrence.interval == r.interval
            and part(other.start) == part(span.start)
            for other in spans
        )

    return [span for span in spans if not restated(span)]
