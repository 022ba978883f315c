"""Fixtures for the matrix tests, and the expected duties read straight from the
annotation files (independently of ``policykb.annotations``), so that the tests follow
the annotations as reviewers edit them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from policykb.corpus import Corpus
from policykb.matrix import build_matrix
from policykb.models import ROLES, Matrix

REPO = Path(__file__).resolve().parents[2]
ANNOTATIONS = REPO / "annotations"

Expected = dict[str, set[str]]


def annotated_obligations() -> list[tuple[str, dict[str, list[str]]]]:
    """``(obligation id, {role: [department]})`` for every annotated obligation."""
    result = []
    for path in sorted(ANNOTATIONS.glob("*.yaml")):
        if path.stem == "departments":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for clause in data.get("clauses") or []:
            for item in clause.get("obligations") or []:
                departments = item.get("departments") or clause.get("departments") or {}
                roles = {role: list(departments.get(role) or []) for role in ROLES}
                result.append((f"{clause['clause']}#{item['n']}", roles))
    return result


def expected_duties(name: str, *, via_groups: tuple[str, ...] = ()) -> Expected:
    """The obligation ids, by role, whose annotations name ``name`` (or one of
    ``via_groups``, for a member of a group)."""
    names = {name, *via_groups}
    expected: Expected = {role: set() for role in ROLES}
    for oid, roles in annotated_obligations():
        for role in ROLES:
            if names & set(roles[role]):
                expected[role].add(oid)
    return expected


def groups_of(member: str) -> tuple[str, ...]:
    """The groups of the registry file that list ``member``."""
    data = yaml.safe_load((ANNOTATIONS / "departments.yaml").read_text(encoding="utf-8"))
    return tuple(
        entry["name"]
        for entry in data["departments"]
        if entry.get("group") and member in (entry.get("members") or [])
    )


def as_sets(row: object) -> Expected:
    return {role: set(getattr(row, role)) for role in ROLES}


@pytest.fixture(scope="session")
def full_matrix(corpus: Corpus) -> Matrix:
    return build_matrix(corpus.obligations, documents=corpus.documents)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process as a user does; exit code, stdout, stderr."""
    from policykb.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err
