"""Deadlines → iCalendar: written with the icalendar library and parsed back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from policykb.calendar import build_calendar, first_occurrence, recurrence_rule
from policykb.corpus import Corpus
from policykb.models import Deadline, Obligation, Recurrence

from .conftest import expected_duties, run


def _events(path: Path) -> list:  # type: ignore[type-arg]
    cal = Calendar.from_ical(path.read_bytes())
    return list(cal.walk("VEVENT"))


def _dated(corpus: Corpus) -> list[tuple[Obligation, Deadline]]:
    return [
        (o, d)
        for o in corpus.obligations
        for d in o.deadlines
        if (d.kind == "absolute" and d.due) or (d.kind == "recurring" and d.recurrence)
    ]


def _occurs_on_dtstart(event: object) -> bool:
    """The rule's own first occurrence is DTSTART (so no extra instance appears)."""
    start = event["DTSTART"].dt  # type: ignore[index]
    rule = event["RRULE"].to_ical().decode()  # type: ignore[index]
    begin = dt.datetime.combine(start, dt.time())
    first = rrulestr(rule, dtstart=begin).after(begin - dt.timedelta(days=1), inc=True)
    return first is not None and first.date() == start


def test_whole_corpus_calendar(
    tmp_path: Path, corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "时限.ics"
    code, out, err = run(capsys, "calendar", "-o", str(path))
    assert code == 0, err
    assert out == ""
    events = _events(path)
    dated = _dated(corpus)
    assert len(events) == len(dated)
    skipped = sum(
        1 for o in corpus.obligations for d in o.deadlines if d.kind in ("relative", "period")
    )
    assert f"跳过 {skipped} 个" in err
    assert len({str(e["UID"]) for e in events}) == len(events)
    for event in events:
        assert isinstance(event["DTSTART"].dt, dt.date)
        assert not isinstance(event["DTSTART"].dt, dt.datetime)  # all-day
        assert event["DTEND"].dt == event["DTSTART"].dt + dt.timedelta(days=1)
        assert "任务 ID：" in str(event["DESCRIPTION"])
        if "RRULE" in event:
            assert _occurs_on_dtstart(event)


def _event_for(events: list, raw: str) -> object:  # type: ignore[type-arg]
    found = [e for e in events if str(e["SUMMARY"]).endswith(f"（{raw}）")]
    assert found, raw
    return found[0]


def test_recurring_rules_of_the_corpus(
    tmp_path: Path, corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "时限.ics"
    run(capsys, "calendar", "-o", str(path))
    events = _events(path)
    raws = {d.raw for _, d in _dated(corpus)}

    if "每月25日前" in raws:
        e = _event_for(events, "每月25日前")
        rule = e["RRULE"]  # type: ignore[index]
        assert rule["FREQ"] == ["MONTHLY"] and rule["BYMONTHDAY"] == [25]
        assert e["DTSTART"].dt == dt.date(2022, 1, 25)  # type: ignore[index]
        o = next(o for o, d in _dated(corpus) if d.raw == "每月25日前")
        description = str(e["DESCRIPTION"])  # type: ignore[index]
        assert o.text in description
        for name in o.departments.all():
            assert name in description
    if "每季度末" in raws:
        e = _event_for(events, "每季度末")
        rule = e["RRULE"]  # type: ignore[index]
        assert rule["FREQ"] == ["YEARLY"]
        assert rule["BYMONTH"] == [3, 6, 9, 12] and rule["BYMONTHDAY"] == [-1]
        assert e["DTSTART"].dt == dt.date(2022, 3, 31)  # type: ignore[index]
    if "每年底" in raws:
        e = _event_for(events, "每年底")
        rule = e["RRULE"]  # type: ignore[index]
        assert rule["FREQ"] == ["YEARLY"] and rule["BYMONTH"] == [12]
        assert rule["BYMONTHDAY"] == [31]
        assert e["DTSTART"].dt == dt.date(2022, 12, 31)  # type: ignore[index]
    if "每两月" in raws:
        rule = _event_for(events, "每两月")["RRULE"]  # type: ignore[index]
        assert rule["FREQ"] == ["MONTHLY"] and rule["INTERVAL"] == [2]
    if "每半年" in raws:
        e = _event_for(events, "每半年")
        rule = e["RRULE"]  # type: ignore[index]
        assert rule["FREQ"] == ["MONTHLY"] and rule["INTERVAL"] == [6]
        assert e["DTSTART"].dt == dt.date(2022, 6, 30)  # type: ignore[index]
    absolute = [(o, d) for o, d in _dated(corpus) if d.kind == "absolute"]
    assert absolute
    for o, d in absolute:
        matching = [
            e
            for e in events
            if o.id in str(e["DESCRIPTION"]) and str(e["SUMMARY"]).endswith(f"（{d.raw}）")
        ]
        assert matching and all("RRULE" not in e for e in matching)
        assert {e["DTSTART"].dt for e in matching} == {d.due}


def test_department_calendar(
    tmp_path: Path, corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "人社局.ics"
    code, _, err = run(capsys, "calendar", "--dept", "人社局", "-o", str(path))
    assert code == 0, err
    ids = set().union(*expected_duties("中卫市人力资源社会保障局").values())
    events = _events(path)
    expected = [(o, d) for o, d in _dated(corpus) if o.id in ids]
    assert len(events) == len(expected)
    for event in events:
        assert any(f"任务 ID：{i}" in str(event["DESCRIPTION"]) for i in ids)
    cal = Calendar.from_ical(path.read_bytes())
    assert "中卫市人力资源社会保障局" in str(cal["X-WR-CALNAME"])


def test_calendar_until_bounds_the_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.ics"
    code, _, _ = run(capsys, "calendar", "--until", "2022-12-31", "-o", str(path))
    assert code == 0
    for event in _events(path):
        if "RRULE" in event:
            assert event["RRULE"]["UNTIL"][0] == dt.date(2022, 12, 31)


@pytest.mark.parametrize(
    ("recurrence", "start", "first", "rule"),
    [
        (
            Recurrence(freq="monthly", day=25),
            dt.date(2022, 2, 26),
            dt.date(2022, 3, 25),
            {"FREQ": "MONTHLY", "BYMONTHDAY": 25},
        ),
        (
            Recurrence(freq="monthly", day=31),
            dt.date(2022, 2, 1),
            dt.date(2022, 3, 31),
            {"FREQ": "MONTHLY", "BYMONTHDAY": 31},
        ),
        (
            Recurrence(freq="monthly"),
            dt.date(2022, 2, 1),
            dt.date(2022, 2, 28),
            {"FREQ": "MONTHLY", "BYMONTHDAY": -1},
        ),
        (
            Recurrence(freq="quarterly", anchor="end"),
            dt.date(2022, 4, 1),
            dt.date(2022, 6, 30),
            {"FREQ": "YEARLY", "BYMONTH": [3, 6, 9, 12], "BYMONTHDAY": -1},
        ),
        (
            Recurrence(freq="half_yearly"),
            dt.date(2022, 7, 1),
            dt.date(2022, 12, 31),
            {"FREQ": "MONTHLY", "INTERVAL": 6, "BYMONTHDAY": -1},
        ),
        (
            Recurrence(freq="yearly", anchor="end"),
            dt.date(2022, 2, 15),
            dt.date(2022, 12, 31),
            {"FREQ": "YEARLY", "BYMONTH": 12, "BYMONTHDAY": 31},
        ),
        (
            Recurrence(freq="every_n_months", interval=2),
            dt.date(2022, 1, 1),
            dt.date(2022, 1, 31),
            {"FREQ": "MONTHLY", "INTERVAL": 2, "BYMONTHDAY": -1},
        ),
    ],
)
def test_rules_and_first_occurrences(
    recurrence: Recurrence, start: dt.date, first: dt.date, rule: dict[str, object]
) -> None:
    assert recurrence_rule(recurrence)[0] == rule
    assert first_occurrence(recurrence, start) == first


def test_relative_and_period_deadlines_are_skipped_and_counted() -> None:
    obligation = Obligation(
        id="x:一#1",
        doc_id="x",
        clause_id="x:一",
        path=["一"],
        text="5个工作日内完成，十四五期间推进，3月底前上报。",
        deadlines=[
            Deadline(raw="5个工作日内", kind="relative"),
            Deadline(raw="“十四五”期间", kind="period", due=dt.date(2025, 12, 31)),
            Deadline(raw="3月底", kind="absolute", due=dt.date(2022, 3, 31)),
        ],
    )
    result = build_calendar([obligation])
    assert result.events == 1 and result.recurring == 0
    assert [s.deadline.raw for s in result.skipped] == ["5个工作日内", "“十四五”期间"]
    parsed = Calendar.from_ical(result.to_ical())
    [event] = list(parsed.walk("VEVENT"))
    assert event["DTSTART"].dt == dt.date(2022, 3, 31)
    assert "原文未写明" in str(event["DESCRIPTION"])
