"""Deadlines as an iCalendar file (RFC 5545) that calendar programs import.

* absolute deadlines (``3月底`` → 2022-03-31) become all-day events on the due date;
* recurring ones become all-day events with a recurrence rule, starting at the first
  occurrence on or after the document's date (or 1 January of its year):

  ========  ===================================================
  每月25日前  ``FREQ=MONTHLY;BYMONTHDAY=25``
  每月        ``FREQ=MONTHLY;BYMONTHDAY=-1`` (the last day)
  每季度(末)  ``FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1``
  每半年      ``FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1`` from 30 June or 31 December
  每年(底)    ``FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31``
  每两月      ``FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1``
  ========  ===================================================

* relative (``5个工作日内``) and period (``十四五期间``) deadlines have no calendar date;
  they are skipped and counted (``CalendarResult.skipped``).

Each event carries the obligation text, the departments by role and the source clause.
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icalendar import Calendar, Event

from .fileio import write_bytes_atomic
from .models import Deadline, Document, DocumentMeta, Obligation, Recurrence
from .render.obligations_view import describe_departments

__all__ = [
    "CalendarResult",
    "SkippedDeadline",
    "build_calendar",
    "first_occurrence",
    "recurrence_rule",
    "write_calendar",
]

PRODID = "-//policykb//部门任务时限//ZH"
DEFAULT_NAME = "policykb 任务时限"


@dataclass(frozen=True)
class SkippedDeadline:
    obligation_id: str
    deadline: Deadline
    reason: str


@dataclass
class CalendarResult:
    """The calendar and what went into it."""

    calendar: Calendar
    events: int = 0
    recurring: int = 0
    skipped: list[SkippedDeadline] = field(default_factory=list)

    def to_ical(self) -> bytes:
        return bytes(self.calendar.to_ical())


# --------------------------------------------------------------------------- recurrence


def recurrence_rule(recurrence: Recurrence) -> tuple[dict[str, Any], set[int] | None, int | None]:
    """The RRULE of a recurrence, the months it falls in (None: every month) and the day
    of the month (None: the last day)."""
    day = recurrence.day
    by_day = day if day is not None else -1
    if recurrence.freq == "monthly":
        return {"FREQ": "MONTHLY", "BYMONTHDAY": by_day}, None, day
    if recurrence.freq == "quarterly":
        months = [3, 6, 9, 12]
        rule = {"FREQ": "YEARLY", "BYMONTH": months, "BYMONTHDAY": by_day}
        return rule, set(months), day
    if recurrence.freq == "half_yearly":
        return {"FREQ": "MONTHLY", "INTERVAL": 6, "BYMONTHDAY": by_day}, {6, 12}, day
    if recurrence.freq == "yearly":
        month = recurrence.month or 12
        if day is None:
            # the last day of the month (每年底 → 31 Dec, 每年6月底 → 30 Jun; February: -1)
            if month == 2:
                return {"FREQ": "YEARLY", "BYMONTH": 2, "BYMONTHDAY": -1}, {2}, None
            day = _stdcal.monthrange(2023, month)[1]
        return {"FREQ": "YEARLY", "BYMONTH": month, "BYMONTHDAY": day}, {month}, day
    interval = recurrence.interval or 1
    rule = {"FREQ": "MONTHLY", "BYMONTHDAY": by_day}
    if interval > 1:
        rule["INTERVAL"] = interval
    return rule, None, day


def first_occurrence(recurrence: Recurrence, start: dt.date) -> dt.date:
    """The first date on or after ``start`` on which the recurrence falls."""
    _, months, day = recurrence_rule(recurrence)
    year, month = start.year, start.month
    for _ in range(48):
        if months is None or month in months:
            last = _stdcal.monthrange(year, month)[1]
            if day is None or day <= last:
                candidate = dt.date(year, month, day if day is not None else last)
                if candidate >= start:
                    return candidate
        month += 1
        if month > 12:
            year, month = year + 1, 1
    raise ValueError(f"no occurrence of {recurrence} after {start}")  # pragma: no cover


# --------------------------------------------------------------------------- building


def _uid(obligation: Obligation, index: int, deadline: Deadline) -> str:
    digest = hashlib.sha1(f"{obligation.id}|{index}|{deadline.raw}".encode()).hexdigest()
    return f"{digest[:20]}@policykb"


def _description(obligation: Obligation, titles: dict[str, str]) -> str:
    source = titles.get(obligation.doc_id, obligation.doc_id)
    where = "/".join(obligation.path)
    lines = [
        obligation.text,
        "",
        describe_departments(obligation)
        if not obligation.departments.is_empty()
        else "部门：原文未写明",
        "",
        f"出处：《{source}》 {where}".rstrip(),
        f"任务 ID：{obligation.id}",
    ]
    return "\n".join(lines)


def build_calendar(
    obligations: Iterable[Obligation],
    *,
    documents: Iterable[Document | DocumentMeta] | None = None,
    name: str = DEFAULT_NAME,
    start: dt.date | None = None,
    until: dt.date | None = None,
    stamp: dt.datetime | None = None,
) -> CalendarResult:
    """A calendar with one all-day event per dated deadline of ``obligations``.

    ``start``: where recurring deadlines begin (default: the document's date, else 1
    January of its year); ``until``: where they end (default: open-ended).
    """
    titles: dict[str, str] = {}
    starts: dict[str, dt.date] = {}
    for document in documents or []:
        meta = document.meta if isinstance(document, Document) else document
        titles[meta.id] = meta.title
        if meta.date is not None:
            starts[meta.id] = meta.date
        elif meta.year is not None:
            starts[meta.id] = dt.date(meta.year, 1, 1)
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    result = CalendarResult(calendar=cal)
    for obligation in obligations:
        subject = obligation.title or obligation.text[:24]
        for index, deadline in enumerate(obligation.deadlines):
            event = Event()
            if deadline.kind == "absolute" and deadline.due is not None:
                day = deadline.due
            elif deadline.kind == "recurring" and deadline.recurrence is not None:
                begin = start or starts.get(obligation.doc_id) or dt.date(stamp.year, 1, 1)
                rule, _, _ = recurrence_rule(deadline.recurrence)
                if until is not None:
                    rule = {**rule, "UNTIL": until}
                day = first_occurrence(deadline.recurrence, begin)
                if until is not None and day > until:
                    result.skipped.append(SkippedDeadline(obligation.id, deadline, "截止日期之后"))
                    continue
                event.add("rrule", rule)
                result.recurring += 1
            else:
                reason = {"relative": "相对时限", "period": "期间"}.get(deadline.kind, "无具体日期")
                result.skipped.append(SkippedDeadline(obligation.id, deadline, reason))
                continue
            event.add("uid", _uid(obligation, index, deadline))
            event.add("dtstamp", stamp)
            event.add("dtstart", day)
            event.add("dtend", day + dt.timedelta(days=1))
            event.add("summary", f"{subject}（{deadline.raw}）")
            event.add("description", _description(obligation, titles))
            event.add("categories", [titles.get(obligation.doc_id, obligation.doc_id)])
            event.add("transp", "TRANSPARENT")
            cal.add_component(event)
            result.events += 1
    return result


def write_calendar(result: CalendarResult, path: Path | str) -> None:
    """Write the calendar to ``path`` (atomically)."""
    write_bytes_atomic(path, result.to_ical())
