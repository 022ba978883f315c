"""Reviewed annotations: the obligations of corpus documents as checked by a person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Obligation

if TYPE_CHECKING:
    from .corpus import Corpus


def obligations_for_corpus(corpus: Corpus) -> list[Obligation]:
    """Obligations of every document (annotation files are wired in by issue 3)."""
    return []
