"""Where policykb finds its bundled data and keeps its caches."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

CACHE_ENV = "POLICYKB_CACHE_DIR"


@lru_cache(maxsize=1)
def bundled_root() -> Path:
    """The folder holding ``corpus/`` and ``annotations/``.

    In an installed wheel they are packed under ``policykb/_bundled``; in a source checkout
    (editable install) they are the repository's top-level folders.
    """
    packed = Path(__file__).resolve().parent / "_bundled"
    if packed.is_dir():
        return packed
    return Path(__file__).resolve().parents[2]


def bundled_path(rel: str) -> Path:
    """A path inside the bundled data, e.g. ``bundled_path("annotations/departments.yaml")``."""
    return bundled_root() / rel


def cache_dir() -> Path:
    """The per-user cache folder (search index, jieba's dictionary cache)."""
    env = os.environ.get(CACHE_ENV)
    if env:
        path = Path(env).expanduser()
    else:
        from platformdirs import user_cache_dir

        path = Path(user_cache_dir("policykb", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path
