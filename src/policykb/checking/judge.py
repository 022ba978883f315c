"""The judgement rules: one ``Finding`` per requirement item.

Precedence (the first that applies wins):

1. ``missing`` — no unit of the plan is evidence for the item;
2. ``weaker_target`` — the plan's figure for the target's metric is below a rate, per-unit
   minimum or standard (above an upper bound), or its scope is conditional
   (有条件的移民村) where the requirement covers every place (每一个移民村, 全覆盖);
   ``later_deadline`` — the plan's date is later, or its recurrence less frequent or on a
   later day (每月28日前 vs 每月25日前; 每半年 vs 每季度);
3. ``vague`` — the plan addresses the item but gives no figure (or no date) where the
   requirement has one, or answers it in a 对标 list with nothing of its own (按市里要求执行:
   the finding rests on a *deferred* unit, ``evidence.py``);
4. ``no_department`` — the plan addresses the item but no responsible unit covers the
   evidence: not its sentence or task-table row, its clause, a 此项工作 note after it, a
   section summary (以上工作由…), a 职责分工 section's task references, nor an ancestor
   (the responsibility scope, ``responsibility.py``);
5. ``share`` — an aggregate total of the city, of which the plan commits to a share (the
   plan's figure is reported in ``found``, not judged against the city's total);
6. ``satisfied``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..extraction.departments import extract_departments
from ..models import Deadline, Document, Evidence, Finding, Target
from ..registry import Registry, load_registry
from ..render.obligations_view import describe_deadline
from ..search.analysis import fold
from .evidence import (
    PlanIndex,
    PlanUnit,
    Query,
    field_groups,
    focus_segment,
    metric_text,
    subject_groups,
    words_of,
)
from .quantities import (
    Quantity,
    comparable,
    day_of,
    in_requirement_unit,
    later,
    per_year,
    plan_deadlines,
    plan_quantities,
    requirement_deadline,
    same_family,
    weaker,
)
from .requirements import RequirementItem
from .responsibility import ResponsibilityScope, responsibility_scope
from .rules import CheckRules, named_places

_SEGMENTS = re.compile(r"[^，,；;。！？!?]+[，,；;。！？!?]?")
# how much a figure's own wording must match the metric to be the metric's figure
_LOCAL_METRIC = 0.3
# a target's evidence must also match this share of the target threshold on the
# requirement's wording around the target (not only the metric's words)
_CONTEXT_SHARE = 0.6
_SECOND_QUOTE = 0.85
# a unit whose own words are (almost) all the requirement's needs no further context
_ONLY_REQUIREMENT = 0.9
# a figure's wording further back than its own clause part, or a row's task cells when
# the figure's cell holds several figures, counts this much
_WIDER = 0.8
_SAME_UNIT_BONUS = 0.05
# one clause part of a long whole obligation restated almost entirely
_PART_SHARE = 0.7
_CELL_SPLIT = re.compile(r" \| ")
_SENTENCE_END = re.compile(r"[；;。！？!?|]")
# a place set restricted by size (千人以上移民村, 100户以上的村): not every place
_SIZE_SCOPE = re.compile(
    r"[0-9一二两三四五六七八九十百千万]+(?:人|户|名)以上的?[\u4e00-\u9fff]{0,4}?(?:村|社区|乡镇|镇|乡)"
)
# the basis of a per-unit minimum: 每个移民村, 每一个村, 每个镇
_PER_SCOPE = re.compile(r"每一?个?([\u4e00-\u9fff]{0,3}?(?:村|社区|乡镇|镇|乡|户|县|区))")
_SCOPE_RANK = {"户": 0, "村": 1, "社区": 1, "乡": 2, "镇": 2, "乡镇": 2, "县": 3, "区": 3}
# the end of a clause part: punctuation, or a table row's cell boundary
_PART_END = re.compile(r"[，,；;。！？!?|]")
_CHANGE = re.compile(r"增长|增加|提高|提升|下降|减少|降低|增速|增幅")
_CHANGE_BEFORE = re.compile(r"(?:同比|年均|平均)?(?:增长|增加|提高|提升|下降|减少|降低)(?:了)?$")


def _is_change(text: str, quantity: Quantity) -> bool:
    """增长12%: a change, not a level (提高到 / 提高至 is a level)."""
    before = text[max(0, quantity.start - 6) : quantity.start]
    return bool(_CHANGE_BEFORE.search(before))


@dataclass
class Decision:
    """What the rules decided for one item, before it becomes a ``Finding``."""

    status: str
    units: list[tuple[PlanUnit, float]] = field(default_factory=list)
    found: str | None = None
    found_value: float | None = None
    explanation: str = ""


class Judge:
    """Judges requirement items against one plan."""

    def __init__(
        self,
        document: Document,
        index: PlanIndex,
        rules: CheckRules,
        registry: Registry | None = None,
    ) -> None:
        self.document = document
        self.index = index
        self.rules = rules
        self.registry = registry or load_registry()
        self.region = document.meta.region or None
        self.year = document.meta.year or (document.meta.date.year if document.meta.date else None)
        self._clauses = {c.id: c for c in document.clauses}
        self._scope: ResponsibilityScope | None = None
        self._names_cache: dict[str, list[str]] = {}
        self._generic_departments = frozenset(fold(d) for d in rules.generic_departments)
        self._conditional = [fold(m) for m in rules.conditional_markers]
        self._universal = [fold(m) for m in rules.universal_markers]
        self._vague_times = [fold(m) for m in rules.vague_times]
        own = fold(self.region or "")
        self._named_places = [
            (fold(name), _short_place(fold(name))) for name in named_places() if fold(name) != own
        ]

    # ------------------------------------------------------------------ entry point
    def judge(self, item: RequirementItem) -> Finding:
        decision = self._decide(item)
        if decision.status != "missing" and decision.units and decision.units[0][0].deferred:
            decision = self._deferred(decision)
        if decision.status in ("satisfied", "share") and not self._has_department(decision.units):
            decision = Decision(
                "no_department",
                decision.units,
                decision.found,
                decision.found_value,
                "方案写了这项任务，但没有为它明确责任单位（句中、所在条款、其后的“此项工作”"
                "说明、本部分小结句、职责分工及上级条款均未写明）。",
            )
        obligation = item.obligation
        limit = self.rules.thresholds.max_evidence
        return Finding(
            obligation_id=obligation.id,
            requirement=obligation.text,
            status=decision.status,  # type: ignore[arg-type]
            item=item.key,
            target=item.target,
            deadline=item.deadline,
            evidence=[
                Evidence(quote=u.text, location=u.location, score=round(s, 3))
                for n, (u, s) in enumerate(decision.units[:limit])
                # further quotes only when nearly as good as the one the finding rests on
                if n == 0 or s >= _SECOND_QUOTE * decision.units[0][1]
            ],
            found=decision.found,
            explanation=decision.explanation,
            found_value=decision.found_value,
            doc_id=obligation.doc_id,
            path=list(obligation.path),
        )

    def _decide(self, item: RequirementItem) -> Decision:
        if item.target is not None:
            return self._judge_target(item, item.target)
        if item.deadline is not None:
            return self._judge_deadline(item, item.deadline)
        return self._judge_whole(item)

    def _deferred(self, decision: Decision) -> Decision:
        """The finding rests on a 对标 row or bullet pair that quotes the requirement and
        answers only 按市里要求执行 (or a slogan): vague, whatever else the rules found."""
        unit = decision.units[0][0]
        answer = " ".join(unit.task_cells) if unit.kind == "row" else unit.text
        return Decision(
            "vague",
            decision.units,
            None,
            None,
            f"方案对照这项要求只写了“{answer.strip()}”，没有本县自己的具体措施。",
        )

    # ------------------------------------------------------------------ places
    def _places_in(self, text: str) -> list[tuple[str, str]]:
        """The named places (a village, a town, a park, another county) that ``text`` is
        about, as (name, short name): 海兴工业园区 → (海兴工业园区, 海兴).  The plan's own
        county is left out: a plan need not repeat its own name."""
        folded = fold(text)
        return [(name, short) for name, short in self._named_places if name in folded]

    def _mentions(self, unit: PlanUnit, places: list[tuple[str, str]]) -> bool:
        where = unit.folded + fold(unit.clause.title or "") + fold(unit.group) + fold(unit.quote)
        return any(name in where or (short and short in where) for name, short in places)

    # ------------------------------------------------------------------ subjects
    def _subjects(self, item: RequirementItem) -> frozenset[int]:
        text = item.obligation.text
        if item.target is not None:
            # the target's own part of the sentence names its population best
            focus = focus_segment(text, item.target.raw) + item.target.metric
            own = subject_groups(focus, self.rules)
            if own:
                return own
        return subject_groups(text, self.rules)

    def _fields(self, item: RequirementItem) -> frozenset[int]:
        """The fields of work (教育, 医疗 …) the item is about, read like its groups."""
        text = item.obligation.text
        if item.target is not None:
            focus = focus_segment(text, item.target.raw) + item.target.metric
            own = field_groups(focus, self.rules)
            if own:
                return own
        return field_groups(text, self.rules)

    # ------------------------------------------------------------------ whole obligations
    def _judge_whole(self, item: RequirementItem) -> Decision:
        query = self.index.query(item.obligation.text)
        subjects, fields = self._subjects(item), self._fields(item)
        found = self._evidence(query, subjects, fields, self.rules.thresholds.whole)
        if not found:
            found = self._part_evidence(item.obligation.text, query, subjects, fields)
        if not found:
            return Decision("missing", explanation="方案中没有找到落实这项要求的内容。")
        return Decision("satisfied", found, explanation="方案有相应的安排。")

    def _evidence(
        self, query: Query, subjects: frozenset[int], fields: frozenset[int], threshold: float
    ) -> list[tuple[PlanUnit, float]]:
        """Units that are evidence for a whole obligation: they contain a large enough share
        of its (weighted) words, or — for a long obligation the plan restates in part —
        enough weight of its distinctive words in absolute terms."""
        t = self.rules.thresholds
        total = query.total
        accepted: list[tuple[PlanUnit, float]] = []
        for unit, score in self.index.ranked(
            query, subjects=subjects, fields=fields, minimum=t.whole_low
        ):
            matched = score * total
            if (
                score >= t.whole_high
                or (score >= threshold and matched >= t.whole_min_weight)
                or matched >= t.whole_absolute
            ):
                accepted.append((unit, score))
        return accepted

    def _part_evidence(
        self, text: str, query: Query, subjects: frozenset[int], fields: frozenset[int]
    ) -> list[tuple[PlanUnit, float]]:
        """A long obligation of several tasks that the plan takes up one of: a unit that
        restates one task of it (大力推广…全程生产性托管服务) almost entirely.  A task is
        a clause part with the parts that depend on it (§ ``_task_parts``)."""
        parts = _task_parts(text)
        if len(parts) < 2:
            return []
        t = self.rules.thresholds
        accepted: dict[int, tuple[PlanUnit, float]] = {}
        for part in parts:
            q = self.index.query(part)
            if q.total < t.whole_min_weight:
                continue
            for unit, score in self.index.ranked(
                q, subjects=subjects, fields=fields, minimum=_PART_SHARE
            ):
                if score * q.total < t.whole_min_weight:
                    continue
                whole = self.index.score(query, unit)
                if unit.index not in accepted or accepted[unit.index][1] < whole:
                    accepted[unit.index] = (unit, whole)
        return sorted(accepted.values(), key=lambda us: (-us[1], us[0].index))

    # ------------------------------------------------------------------ targets
    def _metric_query(self, item: RequirementItem, target: Target) -> tuple[Query, Query]:
        metric = self.index.query(metric_text(target.metric) or target.raw)
        focus = self.index.query(focus_segment(item.obligation.text, target.raw), 0.5)
        return metric, self.index.combine(metric, focus)

    def _metric_units(
        self, item: RequirementItem, target: Target
    ) -> tuple[Query, list[tuple[PlanUnit, float]]]:
        metric, combined = self._metric_query(item, target)
        if not metric:
            metric = combined
        threshold = self.rules.thresholds.target_metric
        places = self._places_in(focus_segment(item.obligation.text, target.raw))
        out: list[tuple[PlanUnit, float]] = []
        whole: Query | None = None  # the whole requirement, when needed
        for unit, score in self.index.ranked(
            metric, subjects=self._subjects(item), fields=self._fields(item), minimum=threshold
        ):
            if self.index.key_share(metric, unit) < 0.5:
                continue
            if places and not self._mentions(unit, places):
                continue
            head = self.index.head(metric)
            if (
                head is not None
                and not self.index.head_matched(head, unit)
                and score < self.rules.thresholds.target_headless
            ):
                continue  # without the metric's head only a near-complete match counts
            if (
                head is not None
                and not self.index.head_matched(head, self._probe(unit.text, unit))
                and self._other_head(metric, unit)
            ):
                # the head is not in the sentence (at most in its title), and another noun
                # stands where it would be: 二星级以上农家乐10家 counts 农家乐, not the
                # 二星级企业 (三星级企业5家、二星级10家 leaves the head out: that counts)
                continue
            context = self.index.score(combined, unit)
            if context < threshold * _CONTEXT_SHARE:
                # too little of the requirement around the metric — unless the unit says
                # nothing else (an indicator row: 乡村公益性岗位安置 | 180人)
                whole = whole or self.index.query(item.obligation.text)
                if self.index.precision(whole, unit) < _ONLY_REQUIREMENT:
                    continue
            out.append((unit, 0.7 * score + 0.3 * context))
        out.sort(key=lambda us: (-us[1], us[0].index))
        return metric, out

    def _other_head(self, metric: Query, unit: PlanUnit) -> str | None:
        """The noun that ``unit`` writes after the metric's words where the metric's head
        would stand (二星级以上农家乐 for 二星级企业: 农家乐), or None."""
        own = set(metric.slots)
        for slot in metric.slots.values():
            own.update(sub for sub, _a, _l in slot.subs)
            own.update(part for part, _c in slot.parts)
        words = [w for w in own if not w.startswith("§") and len(w) >= 2]
        # a deferral after the metric (产业收入占比：按市里要求执行) names no other noun
        folded = self.index.mask_deferrals(unit.folded)
        ends = [folded.rfind(w) + len(w) for w in words if w in folded]
        if not ends:
            return None
        end = max(ends)
        stop = re.search(r"[，,；;。！？!?|、0-9〇零一二两三四五六七八九十百千万]", folded[end:])
        after = folded[end : end + stop.start()] if stop else folded[end:]
        for word in sorted(words_of(after), key=after.find):
            if word in own or self.index.is_generic(word) or word in self.index.head_ignored:
                continue
            return word
        return None

    def _pick_quantity(
        self,
        unit: PlanUnit,
        metric: Query,
        target: Target,
        siblings: Sequence[tuple[Query, Target]] = (),
    ) -> tuple[Quantity, float] | None:
        best: tuple[Quantity, float] | None = None
        best_key = 0.0
        text = unit.text
        quantities = [
            q
            for q in plan_quantities(text, self.rules)
            if not (_is_change(text, q) and not _CHANGE.search(target.metric))
        ]
        for n, q in enumerate(quantities):
            if not comparable(q, target, self.rules):
                continue
            local = self._local_score(q, n, quantities, unit, metric)
            if local < _LOCAL_METRIC:
                continue
            own_weight = local * metric.total
            if siblings and any(
                comparable(q, other, self.rules)
                and (
                    (
                        (other_local := self._local_score(q, n, quantities, unit, query)) > local
                        and other_local * query.total > 1.2 * own_weight
                    )
                    # its own clause part names the other target (…一批二星级企业，建成加工
                    # 园区一个): the words further back do not make it this target's
                    or (
                        self._local_score(q, n, quantities, unit, query, wide=False)
                        >= _LOCAL_METRIC
                        and self._local_score(q, n, quantities, unit, metric, wide=False)
                        < _LOCAL_METRIC
                    )
                )
                for query, other in siblings
            ):
                continue  # the figure is another target's of the same requirement
            # at equal wording, a figure in the requirement's own unit family beats one
            # that needs a conversion (650元/月、5200元/年 for a yearly standard)
            key = local + (_SAME_UNIT_BONUS if same_family(q, target, self.rules) else 0.0)
            if best is None or key > best_key + 1e-9:
                best, best_key = (q, local), key
        return best

    def _local_score(
        self,
        q: Quantity,
        n: int,
        quantities: list[Quantity],
        unit: PlanUnit,
        metric: Query,
        wide: bool = True,
    ) -> float:
        """How well the words that belong to figure ``q`` match ``metric``: the words before
        it back to the start of its clause part (or the previous figure), or after it; the
        words further back across commas up to the previous figure (…公益性岗位，安置移民
        200人), a little less; in a table row, the row's task cells when the figure's cell
        says nothing else (工作任务 | 目标要求: 1.3万人)."""
        text = unit.text
        bounds = [m.start() for m in _SEGMENTS.finditer(text)] + [len(text)]
        cells = [0, *(m.end() for m in _CELL_SPLIT.finditer(text)), len(text) + 3]
        cell_start = max(c for c in cells if c <= q.start)
        cell_end = min(c for c in cells if c > q.start) - 3
        seg_start = max((b for b in bounds if b <= q.start), default=0)
        seg_start = max(seg_start, cell_start)
        seg_end = min((b for b in bounds if b >= q.end), default=len(text))
        seg_end = min(seg_end, max(cell_end, q.end))
        prev_end = quantities[n - 1].end if n > 0 else 0
        next_start = quantities[n + 1].start if n + 1 < len(quantities) else len(text)
        before = q.metric + " " + text[max(seg_start, prev_end) : q.start]
        after = text[q.end : min(seg_end, next_start)]
        local = max(
            self.index.score(metric, self._probe(before, unit)),
            0.9 * self.index.score(metric, self._probe(after, unit)),
        )
        if not wide:
            return local
        sentence_start = max([0, *(m.end() for m in _SENTENCE_END.finditer(text, 0, q.start))])
        wider = max(prev_end, cell_start, sentence_start)
        if wider < seg_start and local < 1.0:
            local = max(
                local, _WIDER * self.index.score(metric, self._probe(text[wider : q.start], unit))
            )
        if unit.kind == "row" and local < 1.0:
            task = " ".join(c for c in unit.task_cells if not any(x.raw in c for x in quantities))
            if task:
                in_cell = sum(1 for x in quantities if cell_start <= x.start < cell_end + 1)
                factor = 1.0 if in_cell <= 1 else _WIDER
                local = max(local, factor * self.index.score(metric, self._probe(task, unit)))
        return local

    def _probe(self, text: str, unit: PlanUnit) -> PlanUnit:
        probe = PlanUnit(text, unit.clause, unit.kind, unit.location, unit.index)
        probe.folded = fold(text)
        probe.terms = self.index.terms_of(text)
        probe.title_terms = unit.title_terms if unit.kind == "row" else frozenset()
        return probe

    def _judge_target(self, item: RequirementItem, target: Target) -> Decision:
        metric, units = self._metric_units(item, target)
        if not units:
            return Decision(
                "missing",
                explanation=f"方案中没有找到关于“{metric_text(target.metric)}”的内容。",
            )
        # the best unit carrying a comparable figure for the metric
        chosen: tuple[PlanUnit, float, Quantity] | None = None
        siblings = [
            (self.index.query(metric_text(t.metric)), t)
            for t in item.obligation.targets
            if t is not target and t.raw != target.raw and t.metric != target.metric
        ]
        for unit, score in units:
            picked = self._pick_quantity(unit, metric, target, siblings)
            if picked is not None:
                chosen = (unit, score, picked[0])
                break
        required = target.raw
        what = metric_text(target.metric)
        if chosen is not None:
            unit, score, quantity = chosen
            ordered = [(unit, score), *[(u, s) for u, s in units if u is not unit]]
            value = in_requirement_unit(quantity, target, self.rules)
            found = quantity.raw
            if not same_family(quantity, target, self.rules) and value is not None:
                found = f"{quantity.raw}（折合{_fmt(value)}{target.unit}）"
            if target.kind == "aggregate":
                return Decision(
                    "share",
                    ordered,
                    found,
                    value,
                    f"“{what}”是全市总量（{required}），方案承担其中{found}。",
                )
            if weaker(quantity, target, self.rules):
                bound = "上限" if target.comparator == "<=" else "要求"
                return Decision(
                    "weaker_target",
                    ordered,
                    found,
                    value,
                    f"“{what}”方案定为{found}，未达到{bound}{required}。",
                )
            coarser = self._coarser_basis(item, target, unit.text, quantity)
            if coarser:
                return Decision(
                    "weaker_target",
                    ordered,
                    f"{coarser}{quantity.raw}",
                    value,
                    f"要求按“{_scope_of(item.obligation.text, target.raw) or '每处'}”落实"
                    f"{required}，方案只按“{coarser}”落实，范围缩小。",
                )
            conditional = self._conditional_scope(
                unit.text, item.obligation.text, (quantity.start, quantity.end)
            )
            if conditional and self._universal_requirement(target, item):
                return Decision(
                    "weaker_target",
                    ordered,
                    conditional,
                    value,
                    f"要求覆盖每一处（{required}），方案只写“{conditional}”，范围缩小。",
                )
            return Decision(
                "satisfied",
                ordered,
                found,
                value,
                f"“{what}”方案定为{found}，达到要求{required}。",
            )
        # evidence without a figure
        best_unit = units[0][0]
        conditional = next(
            (
                c
                for u, _ in units[:3]
                if (c := self._conditional_scope(u.text, item.obligation.text))
            ),
            None,
        )
        if conditional and self._universal_requirement(target, item):
            return Decision(
                "weaker_target",
                units,
                conditional,
                None,
                f"要求覆盖每一处（{required}），方案只写“{conditional}”，范围缩小。",
            )
        coarser = self._coarser_part(item, target, best_unit, metric)
        if coarser:
            return Decision(
                "weaker_target",
                units,
                coarser,
                None,
                f"要求按“{_scope_of(item.obligation.text, target.raw) or '每处'}”落实"
                f"{required}，方案只按“{coarser}”落实，范围缩小。",
            )
        if (
            self._universal_requirement(target, item)
            and self._universal_scope(best_unit.text)
            and (target.kind == "rate" or (target.value or target.value_min or 0) <= 1)
        ):
            return Decision(
                "satisfied",
                units,
                None,
                None,
                f"方案写明各处均落实“{what}”，满足要求{required}。",
            )
        return Decision(
            "vague",
            units,
            None,
            None,
            f"方案提到“{what}”，但没有写明具体指标（要求{required}）。",
        )

    def _coarser_basis(
        self, item: RequirementItem, target: Target, text: str, quantity: Quantity
    ) -> str | None:
        """每个镇 … 1名 where the requirement says 每一个移民村 … 1名: a coarser basis."""
        if target.kind != "per_unit":
            return None
        wanted = _scope_of(item.obligation.text, target.raw)
        have = _scope_before(text, quantity.start)
        if not wanted or not have:
            return None
        if _rank(have) > _rank(wanted):
            return have
        return None

    def _coarser_part(
        self, item: RequirementItem, target: Target, unit: PlanUnit, metric: Query
    ) -> str | None:
        """每个乡镇设立中介机构 (no figure) where the requirement says 每一个移民村至少1个:
        the basis written in the clause part of ``unit`` that names the metric is coarser."""
        if target.kind != "per_unit":
            return None
        wanted = _scope_of(item.obligation.text, target.raw)
        if not wanted:
            return None
        best: tuple[float, str] | None = None
        for part in _clause_parts(unit.text):
            score = self.index.score(metric, self._probe(part, unit))
            if score >= _LOCAL_METRIC and (best is None or score > best[0]):
                best = (score, part)
        if best is None:
            return None
        scopes = list(_PER_SCOPE.finditer(best[1]))
        have = scopes[-1].group(0) if scopes else None
        if have and _rank(have) > _rank(wanted):
            return have
        return None

    def _universal_requirement(self, target: Target, item: RequirementItem) -> bool:
        if target.kind == "per_unit":
            return True
        if target.kind == "rate" and (target.value or 0) >= 100 - 1e-9:
            return True
        return "全覆盖" in target.raw

    def _conditional_scope(
        self, text: str, requirement: str = "", around: tuple[int, int] | None = None
    ) -> str | None:
        """The wording that limits the measure to some places (有条件的移民村, 重点村,
        千人以上移民村), unless the same clause part extends it to every place (各村) or the
        requirement itself is limited the same way.  With ``around`` (a figure's span) only
        the clause part of that figure is looked at: 每个村对接1家机构，在重点村配备1名经纪人
        limits the 经纪人, not the 机构."""
        folded = fold(text)
        lo, hi = 0, len(text)
        if around is not None:
            lo = max([0, *(m.end() for m in _PART_END.finditer(folded, 0, around[0]))])
            found_end = _PART_END.search(folded, around[1])
            hi = found_end.start() if found_end else len(text)
        wanted = fold(requirement)
        part = folded[lo:hi]
        sized = _SIZE_SCOPE.search(part)
        if sized and sized.group(0) not in wanted:
            return text[lo + sized.start() : lo + sized.end()]
        for marker in self._conditional:
            at = part.find(marker)
            if at < 0 or marker in wanted:
                continue
            at += lo
            segment_end = min([hi, *(m.start() for m in _PART_END.finditer(folded, at, hi))])
            segment_start = max([lo, *(m.end() for m in _PART_END.finditer(folded, lo, at))])
            segment = folded[segment_start:segment_end]
            if any(u in segment for u in self._universal):
                continue
            return text[at:segment_end][:20]
        return None

    def _universal_scope(self, text: str) -> bool:
        folded = fold(text)
        return any(u in folded for u in self._universal)

    # ------------------------------------------------------------------ deadlines
    def _judge_deadline(self, item: RequirementItem, deadline: Deadline) -> Decision:
        text = item.obligation.text
        # the date itself is what is judged, not what finds the evidence
        focus = self.index.query(focus_segment(text, deadline.raw).replace(deadline.raw, " "))
        whole = self.index.query(text.replace(deadline.raw, " "), 0.4)
        query = self.index.combine(focus, whole)
        threshold = self.rules.thresholds.deadline_focus
        subjects, fields = self._subjects(item), self._fields(item)
        places = self._places_in(focus_segment(text, deadline.raw))
        units = [
            (u, self.index.score(query, u))
            for u, _s in self.index.ranked(
                focus, subjects=subjects, fields=fields, minimum=threshold
            )
            if self.index.key_share(focus, u) >= 0.5 and (not places or self._mentions(u, places))
        ]
        units.sort(key=lambda us: (-us[1], us[0].index))
        required = describe_deadline(deadline)
        if not units:
            return Decision(
                "missing",
                explanation=f"方案中没有找到这项有时限（{deadline.raw}）的任务。",
            )
        deadline = requirement_deadline(text, deadline, self.year)
        for unit, _score in units[:3]:
            candidates = [
                d for d in plan_deadlines(unit.text, self.year) if _same_kind(d, deadline)
            ]
            if not candidates:
                # the date may be in the rest of the sentence, cut off by a line break, or
                # close it in a sentence of its own (…，每季度上报一次。); not when the unit
                # sets its own time without a date (尽快实现全覆盖), and a row's date is in
                # the row (its 完成时限 cell)
                if unit.kind == "row" or self._vague_time(unit.text):
                    continue
                candidates = [
                    d
                    for d in plan_deadlines(self._sentence_rest(unit), self.year)
                    if _same_kind(d, deadline)
                ]
                if len(candidates) != 1:
                    continue
            plan_deadline = _committed(candidates)
            ordered = [(unit, _score), *[(u, s) for u, s in units if u is not unit]]
            is_later = later(plan_deadline, deadline)
            if is_later:
                return Decision(
                    "later_deadline",
                    ordered,
                    plan_deadline.raw,
                    None,
                    f"方案的时限为“{plan_deadline.raw}”，晚于要求的{required}。",
                )
            return Decision(
                "satisfied",
                ordered,
                plan_deadline.raw,
                None,
                f"方案的时限为“{plan_deadline.raw}”，符合要求的{required}。",
            )
        if self._implicit_deadline(deadline) and not (
            deadline.kind == "absolute" and self._vague_time(units[0][0].text)
        ):
            return Decision(
                "satisfied",
                units,
                None,
                None,
                f"方案是{self.year}年度方案，任务在年内完成，符合要求的{required}。",
            )
        return Decision(
            "vague",
            units,
            None,
            None,
            f"方案提到这项任务，但没有写明时限（要求{required}）。",
        )

    def _vague_time(self, text: str) -> bool:
        """Does ``text`` set its time without a date (尽快, 适时: the rules' ``vague_times``)?"""
        folded = fold(text)
        return any(word in folded for word in self._vague_times)

    def _sentence_rest(self, unit: PlanUnit) -> str:
        """The text that belongs to ``unit``'s sentence around it: the units right before
        and after it in its clause when a line break cut the sentence (the earlier one does
        not end a sentence: …每半年对 / 各村劳动力情况统计汇总一次), and the next unit when
        it says nothing but the time (每季度上报一次。)."""
        parts: list[str] = []
        before = self.index.units[unit.index - 1] if unit.index > 0 else None
        after = self.index.units[unit.index + 1] if unit.index + 1 < len(self.index.units) else None
        if before is not None and _same_sentence(before, unit):
            parts.append(before.text)
        if after is not None and (_same_sentence(unit, after) or _only_time(after.text)):
            parts.append(after.text)
        return "\n".join(parts)

    def _implicit_deadline(self, deadline: Deadline) -> bool:
        """An annual plan's tasks are due by the end of its year."""
        if deadline.kind == "period":
            return True
        if deadline.kind != "absolute" or deadline.due is None or self.year is None:
            return False
        return deadline.due >= dt.date(self.year, 12, 31)

    # ------------------------------------------------------------------ departments
    @property
    def responsibility(self) -> ResponsibilityScope:
        """Which departments cover each sentence and row of the plan (computed once)."""
        if self._scope is None:
            self._scope = responsibility_scope(
                self.document.clauses, self._departments_in, self.rules.collective_units
            )
        return self._scope

    def _has_department(self, units: list[tuple[PlanUnit, float]]) -> bool:
        """Does the plan name a unit responsible for the task of the evidence ``units``?
        Only the units the finding rests on count (the first, and those nearly as good as
        it, as for the quotes): a weaker unit is another task, whose responsibility note is
        not this one's.  Where a unit may be named — its sentence, its clause, a 此项工作
        note after it, a section's summary, a 分工 section, an ancestor — is the
        responsibility scope's business (``responsibility.py``)."""
        if not units:
            return False
        best = units[0][1]
        for unit, score in units[:5]:
            if score < _SECOND_QUOTE * best:
                continue
            if unit.kind == "row" and self._named(unit.row_departments):
                return True
            if unit.kind == "row" and unit.department_columns:
                # a task table with 牵头/责任 columns: an empty or 待定 cell names nobody,
                # whatever the other rows or the text around the table say
                continue
            sentence = unit.sentence if unit.kind == "sentence" else None
            if self.responsibility.covered(unit.clause.id, sentence, unit.text):
                return True
        return False

    def _departments_in(self, text: str) -> list[str]:
        """The responsible units ``text`` names, generic ones (有关部门, 待定) left out."""
        if not text.strip():
            return []
        if text not in self._names_cache:
            depts = extract_departments(text, self.region, self.registry)
            self._names_cache[text] = [
                name
                for name in dict.fromkeys([*depts.lead, *depts.responsible, *depts.cooperate])
                if self._named([name])
            ]
        return self._names_cache[text]

    def _named(self, names: list[str]) -> bool:
        for name in names:
            for part in re.split(r"[、，,；;/]", name):
                part = part.strip()
                if part and fold(part) not in self._generic_departments:
                    return True
        return False


_PLACE_SUFFIX = re.compile(
    r"(?:工业园区|产业园区|开发区|园区|移民区|片区|灌区|新村|村|社区|镇|乡|县|区)$"
)


def _short_place(name: str) -> str:
    """海兴工业园区 → 海兴, 兴源村 → 兴源; '' when too short to be distinctive."""
    short = _PLACE_SUFFIX.sub("", name)
    return short if short != name and len(short) >= 2 else ""


def _clause_parts(text: str) -> list[str]:
    """The comma-delimited parts of an obligation."""
    return [m.group(0) for m in _SEGMENTS.finditer(text) if m.group(0).strip("，,；;。！？!? ")]


# a clause part that continues the one before it — its actor and verb are there: 鼓励金融
# 机构创新产品，在移民村设置服务网点，对…提供贷款支持 (在/对…: the 金融机构 do it)
_DEPENDENT_PART = re.compile(r"^(?:在|对|向|为|给|于|从|按|由|通过|并|或|以及)(?!时|是|于)")
# the aim of the tasks before it, not a task: …，促进聚居区公共服务有明显改善。
_PURPOSE_PART = re.compile(r"^(?:促进|助力|确保|从而|进而|以便|以期|使|让|激发)")


def _task_parts(text: str) -> list[str]:
    """The tasks of an obligation: its clause parts, a part that continues the one before
    it (starting with 在, 对, 通过, 或 …) joined to it, and a closing part that states the
    aim (促进…, 确保…) left out."""
    tasks: list[str] = []
    for n, part in enumerate(_clause_parts(text)):
        core = part.strip()
        if tasks and _DEPENDENT_PART.match(core):
            tasks[-1] += part
        elif n and _PURPOSE_PART.match(core):
            continue
        else:
            tasks.append(part)
    return tasks


def _scope_of(text: str, raw: str) -> str | None:
    """The 每… basis written before ``raw`` in ``text`` (每一个移民村)."""
    at = text.find(raw)
    return _scope_before(text, at) if at >= 0 else None


def _scope_before(text: str, at: int) -> str | None:
    window = text[max(0, at - 20) : at]
    found = list(_PER_SCOPE.finditer(window))
    return found[-1].group(0) if found else None


def _rank(scope: str) -> int:
    for suffix in sorted(_SCOPE_RANK, key=len, reverse=True):
        if scope.endswith(suffix):
            return _SCOPE_RANK[suffix]
    return 1


_SENTENCE_CLOSED = re.compile(r"[。！？!?；;）)]\s*$")
# a sentence that says only when: 每季度上报一次。/ 按月报送。
_TIME_ONLY = re.compile(
    r"^[\s，,]*(?:并|均|须|需|要|应)?(?:于|在)?[^，,。；;]{0,12}?"
    r"(?:上报|报送|报告|汇总|统计|更新|调度|通报|检查|督导)[^，,。；;]{0,4}[。；;]?\s*$"
)


def _same_sentence(first: PlanUnit, second: PlanUnit) -> bool:
    """Two consecutive units of one clause that a line break cut out of one sentence."""
    return (
        first.kind == second.kind == "sentence"
        and first.clause.id == second.clause.id
        and not _SENTENCE_CLOSED.search(first.text)
    )


def _only_time(text: str) -> bool:
    return len(text.strip()) <= 16 and bool(_TIME_ONLY.match(text))


def _committed(candidates: list[Deadline]) -> Deadline:
    """The date a unit commits to: its first, unless the unit gives the same rhythm again
    with a day — 各乡镇按月报县局，县局汇总后每月28日前报市局: the day says more than the
    bare 按月, and the last step of the chain (the latest day) is the plan's."""
    first = candidates[0]
    if first.recurrence is None:
        return first
    rhythm = per_year(first)
    dated = [
        d
        for d in candidates
        if d.recurrence is not None and per_year(d) == rhythm and day_of(d) is not None
    ]
    if not dated:
        return first
    return max(dated, key=lambda d: day_of(d) or 0)  # the first of equal days


def _same_kind(plan: Deadline, required: Deadline) -> bool:
    if required.kind == plan.kind:
        return True
    return {required.kind, plan.kind} <= {"absolute", "period"}


def _fmt(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 1e-9 else f"{value:.2f}".rstrip("0")
