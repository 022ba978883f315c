"""build_matrix against the reviewed annotations: every department lists exactly the
obligations whose annotations name it."""

from __future__ import annotations

import datetime as dt

import pytest

from policykb.corpus import Corpus
from policykb.errors import NotFoundError
from policykb.matrix import build_matrix, grid_label, roles_by_id
from policykb.models import ROLES, Matrix

from .conftest import annotated_obligations, as_sets, expected_duties, groups_of

RENSHE = "中卫市人力资源社会保障局"
SHANGWU = "中卫市商务局"
COUNTIES = "各县（区）"


def test_every_department_lists_exactly_its_annotated_obligations(full_matrix: Matrix) -> None:
    named = {n for _, roles in annotated_obligations() for r in ROLES for n in roles[r]}
    assert {d.name for d in full_matrix.departments} == named
    for row in full_matrix.departments:
        assert as_sets(row) == expected_duties(row.name), row.name
        assert len(row.duties) == sum(len(getattr(row, r)) for r in ROLES)


def test_alias_renshe_resolves_and_leads_the_employment_clauses(corpus: Corpus) -> None:
    matrix = build_matrix(corpus.obligations, departments=["人社局"], documents=corpus.documents)
    [row] = matrix.departments
    assert row.name == RENSHE
    assert "人社局" in row.aliases
    assert as_sets(row) == expected_duties(RENSHE)
    # stable fact of ymzf-2022: it leads every obligation of 二/（二）/1–3 (就业)
    employment = {
        o.id
        for o in corpus.obligations_of("ymzf-2022")
        if o.path[:2] == ["二", "（二）"] and o.path[2:] in (["1"], ["2"], ["3"])
    }
    assert employment
    assert employment <= set(row.lead)
    assert not set(row.responsible)


def test_duties_carry_document_clause_requirement_deadlines_targets(corpus: Corpus) -> None:
    matrix = build_matrix(corpus.obligations, departments=["市人社局"])
    by_id = {o.id: o for o in corpus.obligations}
    [row] = matrix.departments
    assert row.duties
    for duty in row.duties:
        source = by_id[duty.obligation_id]
        assert duty.doc_id == source.doc_id
        assert duty.path == source.path
        assert duty.title == source.title
        assert duty.requirement == source.text
        assert duty.deadlines == source.deadlines
        assert duty.targets == source.targets
        assert duty.via is None
    # obligations in document order
    order = [o.id for o in corpus.obligations]
    positions = [order.index(d.obligation_id) for d in row.duties]
    assert positions == sorted(positions)


def test_a_department_that_only_cooperates(corpus: Corpus) -> None:
    expected = expected_duties(SHANGWU)
    assert expected["cooperate"] and not expected["lead"] and not expected["responsible"]
    matrix = build_matrix(corpus.obligations, departments=["商务局"])
    [row] = matrix.departments
    assert row.name == SHANGWU
    assert row.lead == [] and row.responsible == []
    assert set(row.cooperate) == expected["cooperate"]
    assert {d.role for d in row.duties} == {"cooperate"}
    assert row.total.cooperate == len(expected["cooperate"])


def test_the_group_counties_and_its_expansion_to_zhongning(corpus: Corpus) -> None:
    group = build_matrix(corpus.obligations, departments=[COUNTIES])
    [row] = group.departments
    assert row.group
    assert as_sets(row) == expected_duties(COUNTIES)
    assert row.responsible

    # without --expand-groups 中宁县 has no list of its own
    plain = build_matrix(corpus.obligations, departments=["中宁县"])
    assert [d.name for d in plain.departments] == ["中宁县"]
    assert plain.departments[0].duties == []

    assert COUNTIES in groups_of("中宁县")
    expanded = build_matrix(corpus.obligations, departments=["中宁县"], expand_groups=True)
    [zhongning] = expanded.departments
    assert zhongning.name == "中宁县"
    assert as_sets(zhongning) == expected_duties("中宁县", via_groups=groups_of("中宁县"))
    assert set(zhongning.responsible) >= set(row.responsible)
    assert {d.via for d in zhongning.duties} <= {*groups_of("中宁县"), None}


def test_expanding_the_group_itself_lists_its_members(corpus: Corpus) -> None:
    matrix = build_matrix(corpus.obligations, departments=["各县〈区〉"], expand_groups=True)
    assert [d.name for d in matrix.departments] == ["沙坡头区", "中宁县", "海原县"]
    counties = expected_duties(COUNTIES)
    for row in matrix.departments:
        assert set(row.responsible) >= counties["responsible"]


def test_full_matrix_with_expansion_replaces_groups_by_members(corpus: Corpus) -> None:
    matrix = build_matrix(corpus.obligations, expand_groups=True)
    names = [d.name for d in matrix.departments]
    assert COUNTIES not in names
    assert {"沙坡头区", "中宁县", "海原县"} <= set(names)
    # a group without listed members stays
    assert "重点帮扶县" in names or not expected_duties("重点帮扶县")["responsible"]


def test_requested_departments_keep_their_order(corpus: Corpus) -> None:
    matrix = build_matrix(corpus.obligations, departments=["商务局", "人社局", "市人社局"])
    assert [d.name for d in matrix.departments] == [SHANGWU, RENSHE]
    assert matrix.filters.departments == [SHANGWU, RENSHE]


def test_unknown_department_suggests_close_names(corpus: Corpus) -> None:
    with pytest.raises(NotFoundError) as info:
        build_matrix(corpus.obligations, departments=["人设局"])
    assert "人社局" in info.value.suggestions


def test_filters_doc_role_due_before(corpus: Corpus) -> None:
    by_doc = build_matrix(corpus.obligations, doc="ymzf-2022")
    assert {o.doc_id for o in by_doc.obligations} == {"ymzf-2022"}
    assert [d.id for d in by_doc.documents] == ["ymzf-2022"]

    leads = build_matrix(corpus.obligations, role="lead")
    assert leads.departments
    assert all(d.role == "lead" for row in leads.departments for d in row.duties)
    assert all(row.duties for row in leads.departments)

    cutoff = dt.date(2022, 6, 30)
    due = build_matrix(corpus.obligations, due_before=cutoff)
    assert due.obligations
    for o in due.obligations:
        assert any(d.due is not None and d.due <= cutoff for d in o.deadlines)


def test_overview_counts_add_up(full_matrix: Matrix) -> None:
    for row in full_matrix.departments:
        for role in ROLES:
            per_doc = sum(getattr(c, role) for c in row.counts.values())
            assert per_doc == getattr(row.total, role) == len(getattr(row, role))
        assert set(row.counts) <= {d.id for d in full_matrix.documents}


def test_grid_marks_match_the_obligations(full_matrix: Matrix) -> None:
    by_id = {o.id: o for o in full_matrix.obligations}
    for row in full_matrix.departments:
        for oid, roles in roles_by_id(row).items():
            obligation = by_id[oid]
            assert roles == [r for r in ROLES if row.name in getattr(obligation.departments, r)]
            assert grid_label(roles)
    used = {oid for row in full_matrix.departments for oid in roles_by_id(row)}
    assert used == set(by_id)


def test_document_titles_and_order(full_matrix: Matrix, corpus: Corpus) -> None:
    order = [d.id for d in corpus.documents]
    ids = [d.id for d in full_matrix.documents]
    assert ids == [i for i in order if i in ids]
    titles = {d.id: d.meta.title for d in corpus.documents}
    assert all(d.title == titles[d.id] for d in full_matrix.documents)
