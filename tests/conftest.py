"""Shared fixtures: the bundled corpus, and an isolated cache folder for every test."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykb.corpus import Corpus, load_corpus

REPO = Path(__file__).resolve().parents[1]
CORPUS_DIR = REPO / "corpus"
SEED = REPO.parent / "shared" / "seeds" / "000_2b8bbd034bf1efaa.txt"


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus(CORPUS_DIR)


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # one cache folder per test session: tests never touch the user's real cache
    cache = tmp_path_factory.getbasetemp() / "policykb-cache"
    monkeypatch.setenv("POLICYKB_CACHE_DIR", str(cache))
    monkeypatch.delenv("POLICYKB_CORPUS", raising=False)
