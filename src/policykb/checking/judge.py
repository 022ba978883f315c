"""The judgement rules: one ``Finding`` per requirement item.

Precedence (the first that applies wins):

1. ``missing`` — no unit of the plan is evidence for the item;
2. ``weaker_target`` — the plan's figure for the target's metric is below a rate, per-unit
   minimum or standard (above an upper bound), or its scope is conditional
   (有条件的移民村) where the requirement covers every place (每一个移民村, 全覆盖);
   ``later_deadline`` — the plan's date is later, or its recurrence less frequent or on a
   later day (每月28日前 vs 每月25日前; 每半年 vs 每季度);
3. ``vague`` — the plan addresses the item but gives no figure (or no date) where the
   requirement has one;
4. ``no_department`` — the plan addresses the item but neither the evidence's sentence, its
   clause (responsibility parenthetical, 牵头单位 line, a task table's 牵头/责任 columns) nor
   the clause's ancestors name a responsible unit;
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
from ..models import Clause, Deadline, Document, Evidence, Finding, Target
from ..registry import Registry, load_registry
from ..render.obligations_view import describe_deadline
from ..search.analysis import fold
from .evidence import PlanIndex, PlanUnit, Query, focus_segment, metric_text, subject_groups
from .quantities import (
    Quantity,
    comparable,
    in_requirement_unit,
    later,
    plan_deadlines,
    plan_quantities,
    same_family,
    weaker,
)
from .requirements import RequirementItem
from .rules import CheckRules

_SEGMENTS = re.compile(r"[^，,；;。！？!?]+[，,；;。！？!?]?")
# how much a figure's own wording must match the metric to be the metric's figure
_LOCAL_METRIC = 0.3
# a target's evidence must also match this share of the target threshold on the
# requirement's wording around the target (not only the metric's words)
_CONTEXT_SHARE = 0.6
_SECOND_QUOTE = 0.85
_SUMMARY = re.compile(r"^(?:以上|上述|前述)")
# a place set restricted by size (千人以上移民村, 100户以上的村): not every place
_SIZE_SCOPE = re.compile(
    r"[0-9一二两三四五六七八九十百千万]+(?:人|户|名)以上的?[\u4e00-\u9fff]{0,4}?(?:村|社区|乡镇|镇|乡)"
)
# the basis of a per-unit minimum: 每个移民村, 每一个村, 每个镇
_PER_SCOPE = re.compile(r"每一?个?([\u4e00-\u9fff]{0,3}?(?:村|社区|乡镇|镇|乡|户|县|区))")
_SCOPE_RANK = {"户": 0, "村": 1, "社区": 1, "乡": 2, "镇": 2, "乡镇": 2, "县": 3, "区": 3}
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
        self._dept_cache: dict[str, bool] = {}
        self._generic_departments = frozenset(fold(d) for d in rules.generic_departments)
        self._conditional = [fold(m) for m in rules.conditional_markers]
        self._universal = [fold(m) for m in rules.universal_markers]
        self._vague = [fold(m) for m in rules.vague_markers]

    # ------------------------------------------------------------------ entry point
    def judge(self, item: RequirementItem) -> Finding:
        if item.target is not None:
            decision = self._judge_target(item, item.target)
        elif item.deadline is not None:
            decision = self._judge_deadline(item, item.deadline)
        else:
            decision = self._judge_whole(item)
        if decision.status in ("satisfied", "share") and not self._has_department(decision.units):
            decision = Decision(
                "no_department",
                decision.units,
                decision.found,
                decision.found_value,
                "方案写了这项任务，但没有为它明确责任单位（句中、所在条款及上级条款均未写明）。",
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

    # ------------------------------------------------------------------ whole obligations
    def _judge_whole(self, item: RequirementItem) -> Decision:
        query = self.index.query(item.obligation.text)
        found = self._evidence(query, self._subjects(item), self.rules.thresholds.whole)
        if not found:
            return Decision("missing", explanation="方案中没有找到落实这项要求的内容。")
        return Decision("satisfied", found, explanation="方案有相应的安排。")

    def _evidence(
        self, query: Query, subjects: frozenset[int], threshold: float
    ) -> list[tuple[PlanUnit, float]]:
        """Units that are evidence for a whole obligation: they contain a large enough share
        of its (weighted) words, or — for a long obligation the plan restates in part —
        enough weight of its distinctive words in absolute terms."""
        t = self.rules.thresholds
        total = query.total
        accepted: list[tuple[PlanUnit, float]] = []
        for unit, score in self.index.ranked(query, subjects=subjects, minimum=t.whole_low):
            matched = score * total
            if (
                score >= t.whole_high
                or (score >= threshold and matched >= t.whole_min_weight)
                or matched >= t.whole_absolute
            ):
                accepted.append((unit, score))
        return accepted

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
        out: list[tuple[PlanUnit, float]] = []
        for unit, score in self.index.ranked(
            metric, subjects=self._subjects(item), minimum=threshold
        ):
            if self.index.key_share(metric, unit) < 0.5:
                continue
            head = self.index.head(metric)
            if (
                head is not None
                and self.index.credit(head, unit) < 0.5
                and score < self.rules.thresholds.target_headless
            ):
                continue
            context = self.index.score(combined, unit)
            if context < threshold * _CONTEXT_SHARE:
                continue
            out.append((unit, 0.7 * score + 0.3 * context))
        out.sort(key=lambda us: (-us[1], us[0].index))
        return metric, out

    def _pick_quantity(
        self,
        unit: PlanUnit,
        metric: Query,
        target: Target,
        siblings: Sequence[tuple[Query, Target]] = (),
    ) -> tuple[Quantity, float] | None:
        best: tuple[Quantity, float] | None = None
        text = unit.text
        quantities = [
            q
            for q in plan_quantities(text, self.rules)
            if not (_is_change(text, q) and not _CHANGE.search(target.metric))
        ]
        bounds = [m.start() for m in _SEGMENTS.finditer(text)] + [len(text)]
        for n, q in enumerate(quantities):
            if not comparable(q, target, self.rules):
                continue
            if unit.kind == "row":
                local = self.index.score(
                    metric,
                    self._probe(" ".join(c for c in unit.cells if q.raw not in c) or text, unit),
                )
            else:
                seg_start = max((b for b in bounds if b <= q.start), default=0)
                seg_end = min((b for b in bounds if b >= q.end), default=len(text))
                prev_end = quantities[n - 1].end if n > 0 else 0
                next_start = quantities[n + 1].start if n + 1 < len(quantities) else len(text)
                before = q.metric + " " + text[max(seg_start, prev_end) : q.start]
                after = text[q.end : min(seg_end, next_start)]
                local = max(
                    self.index.score(metric, self._probe(before, unit)),
                    0.9 * self.index.score(metric, self._probe(after, unit)),
                )
            if local < _LOCAL_METRIC:
                continue
            own_weight = local * metric.total
            if any(
                comparable(q, other, self.rules)
                and (other_local := self._local_score(q, n, quantities, unit, query)) > local
                and other_local * query.total > 1.2 * own_weight
                for query, other in siblings
            ):
                continue  # the figure is another target's of the same requirement
            if best is None or local > best[1] + 1e-9:
                best = (q, local)
        return best

    def _local_score(
        self, q: Quantity, n: int, quantities: list[Quantity], unit: PlanUnit, metric: Query
    ) -> float:
        text = unit.text
        bounds = [m.start() for m in _SEGMENTS.finditer(text)] + [len(text)]
        seg_start = max((b for b in bounds if b <= q.start), default=0)
        seg_end = min((b for b in bounds if b >= q.end), default=len(text))
        prev_end = quantities[n - 1].end if n > 0 else 0
        next_start = quantities[n + 1].start if n + 1 < len(quantities) else len(text)
        before = q.metric + " " + text[max(seg_start, prev_end) : q.start]
        after = text[q.end : min(seg_end, next_start)]
        return max(
            self.index.score(metric, self._probe(before, unit)),
            0.9 * self.index.score(metric, self._probe(after, unit)),
        )

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
            conditional = self._conditional_scope(unit.text)
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
            (c for u, _ in units[:3] if (c := self._conditional_scope(u.text))), None
        )
        if conditional and self._universal_requirement(target, item):
            return Decision(
                "weaker_target",
                units,
                conditional,
                None,
                f"要求覆盖每一处（{required}），方案只写“{conditional}”，范围缩小。",
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

    def _universal_requirement(self, target: Target, item: RequirementItem) -> bool:
        if target.kind == "per_unit":
            return True
        if target.kind == "rate" and (target.value or 0) >= 100 - 1e-9:
            return True
        return "全覆盖" in target.raw

    def _conditional_scope(self, text: str) -> str | None:
        folded = fold(text)
        sized = _SIZE_SCOPE.search(folded)
        if sized:
            return text[sized.start() : sized.end()]
        for marker in self._conditional:
            at = folded.find(marker)
            if at < 0:
                continue
            segment_end = min(
                [len(text), *(i for i in (folded.find(p, at) for p in "，,；;。") if i >= 0)]
            )
            segment_start = max(
                [
                    0,
                    *(
                        folded.rfind(p, 0, at) + 1
                        for p in "，,；;。"
                        if folded.rfind(p, 0, at) >= 0
                    ),
                ]
            )
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
        whole = self.index.query(text, 0.4)
        query = self.index.combine(focus, whole)
        threshold = self.rules.thresholds.deadline_focus
        subjects = self._subjects(item)
        units = [
            (u, self.index.score(query, u))
            for u, _s in self.index.ranked(focus, subjects=subjects, minimum=threshold)
            if self.index.key_share(focus, u) >= 0.5
        ]
        units.sort(key=lambda us: (-us[1], us[0].index))
        required = describe_deadline(deadline)
        if not units:
            return Decision(
                "missing",
                explanation=f"方案中没有找到这项有时限（{deadline.raw}）的任务。",
            )
        for unit, _score in units[:3]:
            candidates = [
                d for d in plan_deadlines(unit.text, self.year) if _same_kind(d, deadline)
            ]
            if not candidates:
                # the date may close the clause in a sentence of its own (…，每季度上报一次。)
                in_clause = [
                    d
                    for d in plan_deadlines(unit.clause.text, self.year)
                    if _same_kind(d, deadline)
                ]
                if len(in_clause) != 1:
                    continue
                candidates = in_clause
            plan_deadline = candidates[0]
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
        if self._implicit_deadline(deadline):
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

    def _implicit_deadline(self, deadline: Deadline) -> bool:
        """An annual plan's tasks are due by the end of its year."""
        if deadline.kind == "period":
            return True
        if deadline.kind != "absolute" or deadline.due is None or self.year is None:
            return False
        return deadline.due >= dt.date(self.year, 12, 31)

    # ------------------------------------------------------------------ departments
    def _has_department(self, units: list[tuple[PlanUnit, float]]) -> bool:
        for unit, _score in units[:5]:
            if unit.kind == "row" and self._named(unit.row_departments):
                return True
            if self._text_names(unit.text):
                return True
            clause: Clause | None = unit.clause
            while clause is not None:
                if self._clause_names(clause) or self._summary_names(clause):
                    return True
                clause = self._clauses.get(clause.parent_id) if clause.parent_id else None
        return False

    def _summary_names(self, clause: Clause) -> bool:
        """A sentence of a sibling or of the parent that assigns the tasks before it
        (以上两项由区工信局负责 / 上述任务由…牵头) names the clause's unit too."""
        parent = self._clauses.get(clause.parent_id) if clause.parent_id else None
        family = [self._clauses[c] for c in parent.children if c in self._clauses] if parent else []
        for other in [*family, *([parent] if parent else [])]:
            for sentence in other.sentences:
                if _SUMMARY.match(sentence.strip()) and self._text_names(sentence):
                    return True
        return False

    def _clause_names(self, clause: Clause) -> bool:
        if clause.id not in self._dept_cache:
            texts = [clause.text, clause.title or ""]
            self._dept_cache[clause.id] = any(self._text_names(t) for t in texts if t)
        return self._dept_cache[clause.id]

    def _text_names(self, text: str) -> bool:
        if not text.strip():
            return False
        depts = extract_departments(text, self.region, self.registry)
        return self._named([*depts.lead, *depts.responsible, *depts.cooperate])

    def _named(self, names: list[str]) -> bool:
        for name in names:
            for part in re.split(r"[、，,；;/]", name):
                part = part.strip()
                if part and fold(part) not in self._generic_departments:
                    return True
        return False


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


def _same_kind(plan: Deadline, required: Deadline) -> bool:
    if required.kind == plan.kind:
        return True
    return {required.kind, plan.kind} <= {"absolute", "period"}


def _fmt(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 1e-9 else f"{value:.2f}".rstrip("0")
