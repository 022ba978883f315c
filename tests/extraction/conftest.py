"""Fixtures for the extraction tests: the seed policy text the tests quote."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_2b8bbd034bf1efaa.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The six policy documents; tests that need them skip when shared/ is not beside the repo."""
    try:
        return SEED.read_text(encoding="utf-8")
    except OSError:
        pytest.skip("seed text not available")
