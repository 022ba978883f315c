"""policykb — a knowledge base over Chinese government policy documents.

The public API::

    from policykb import load_corpus
    corpus = load_corpus()            # bundled corpus, or load_corpus("my/folder")
    corpus.documents, corpus.clauses, corpus.obligations
"""

from __future__ import annotations

from .corpus import Corpus, load_corpus
from .errors import CorpusError, InputError, NotFoundError, PolicyKBError
from .models import Clause, Deadline, Department, Document, Obligation, Target

__all__ = [
    "Clause",
    "Corpus",
    "CorpusError",
    "Deadline",
    "Department",
    "Document",
    "InputError",
    "NotFoundError",
    "Obligation",
    "PolicyKBError",
    "Target",
    "load_corpus",
]
