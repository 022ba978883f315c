"""The corpus: a folder of Markdown policy documents, with their reviewed annotations.

``Corpus`` is the entry point of the library: it reads every document once, and gives the
clauses and obligations that the index, the matrix and the checker work on.  The bundled
corpus (the six documents of the 2022 compilation) is used unless a folder is given, as an
argument or through the ``POLICYKB_CORPUS`` environment variable.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

from .documents.markdown import read_markdown_document
from .documents.numbering import normalize_path_label
from .errors import CorpusError, NotFoundError
from .models import Clause, Document, Obligation
from .paths import bundled_root

CORPUS_ENV = "POLICYKB_CORPUS"


def default_corpus_dir() -> Path:
    """The corpus folder in force: ``$POLICYKB_CORPUS`` or the bundled corpus."""
    env = os.environ.get(CORPUS_ENV)
    return Path(env).expanduser() if env else bundled_root() / "corpus"


def annotations_dir_for(corpus_dir: Path) -> Path | None:
    """Where the annotations of a corpus folder live: ``<dir>/annotations`` or, for the
    bundled corpus, the sibling ``annotations/`` folder."""
    inside = corpus_dir / "annotations"
    if inside.is_dir():
        return inside
    sibling = corpus_dir.parent / "annotations"
    if corpus_dir.resolve() == (bundled_root() / "corpus").resolve() and sibling.is_dir():
        return sibling
    return None


class Corpus:
    """A set of documents with their clauses and obligations, read from one folder."""

    def __init__(
        self,
        documents: Iterable[Document],
        *,
        root: Path | None = None,
        annotations_dir: Path | None = None,
    ) -> None:
        self.documents: list[Document] = list(documents)
        self.root = root
        self.annotations_dir = annotations_dir
        seen: dict[str, str] = {}
        for doc in self.documents:
            if doc.id in seen:
                raise CorpusError(
                    f"文档 id“{doc.id}”重复，另见 {seen[doc.id]}",
                    path=doc.source,
                    hint="每个文档的 id 必须唯一",
                )
            seen[doc.id] = doc.source or doc.id
        self._clauses = {c.id: c for doc in self.documents for c in doc.clauses}

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, directory: Path | str | None = None) -> Corpus:
        """Read every ``*.md`` file of ``directory`` (default: the corpus in force)."""
        root = Path(directory).expanduser() if directory else default_corpus_dir()
        if not root.exists():
            raise CorpusError(
                f"语料目录不存在：{root}", hint="用 --corpus 指定一个包含 .md 政策文件的目录"
            )
        if not root.is_dir():
            raise CorpusError(f"语料路径不是目录：{root}")
        files = sorted(
            p
            for p in root.glob("*.md")
            if not p.name.startswith((".", "_")) and p.name.lower() != "readme.md"
        )
        if not files:
            raise CorpusError(
                f"语料目录中没有 .md 文件：{root}", hint="语料文件格式见 docs/corpus-format.md"
            )
        docs = [read_markdown_document(path) for path in files]
        return cls(docs, root=root, annotations_dir=annotations_dir_for(root))

    # ------------------------------------------------------------------ documents & clauses
    def document(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise NotFoundError(
            f"没有 id 为“{doc_id}”的文档",
            difflib.get_close_matches(doc_id, [d.id for d in self.documents], 5, 0.3)
            or [d.id for d in self.documents],
        )

    @property
    def clauses(self) -> list[Clause]:
        return list(self._clauses.values())

    def clauses_of(self, doc_id: str | None = None) -> list[Clause]:
        if doc_id is None:
            return self.clauses
        return list(self.document(doc_id).clauses)

    def clause(self, clause_id: str) -> Clause:
        """A clause by id; accepts half-width brackets and 、/. after labels as typed."""
        if clause_id in self._clauses:
            return self._clauses[clause_id]
        normalized = _normalize_clause_id(clause_id)
        if normalized in self._clauses:
            return self._clauses[normalized]
        candidates = difflib.get_close_matches(normalized, list(self._clauses), 5, 0.5)
        raise NotFoundError(f"没有 id 为“{clause_id}”的条款", candidates)

    def children(self, clause: Clause) -> list[Clause]:
        return [self._clauses[cid] for cid in clause.children]

    # ------------------------------------------------------------------ obligations
    @cached_property
    def obligations(self) -> list[Obligation]:
        """Every obligation: reviewed annotations where a document has them, else extracted."""
        from .annotations import obligations_for_corpus

        return obligations_for_corpus(self)

    def obligations_of(self, doc_id: str | None = None) -> list[Obligation]:
        if doc_id is not None:
            self.document(doc_id)
        return [o for o in self.obligations if doc_id is None or o.doc_id == doc_id]

    # ------------------------------------------------------------------ identity
    def fingerprint(self) -> str:
        """A hash of every document and annotation file: the index cache key uses it."""
        digest = hashlib.sha256()
        files: list[Path] = []
        if self.root:
            files += sorted(self.root.glob("*.md"))
        if self.annotations_dir:
            files += sorted(self.annotations_dir.glob("*.yaml"))
        for path in files:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        if not files:
            for doc in self.documents:
                digest.update(doc.model_dump_json().encode())
        return digest.hexdigest()[:16]


def _normalize_clause_id(clause_id: str) -> str:
    doc, sep, path = clause_id.strip().partition(":")
    if not sep:
        return clause_id.strip()
    parts = [normalize_path_label(p) for p in path.replace("／", "/").split("/") if p.strip()]
    return f"{doc}:{'/'.join(parts)}"


_DEFAULT: dict[str, Corpus] = {}


def load_corpus(directory: Path | str | None = None) -> Corpus:
    """Load (and memoise per folder) a corpus; the library's main entry point."""
    root = Path(directory).expanduser() if directory else default_corpus_dir()
    key = str(root.resolve())
    if key not in _DEFAULT:
        _DEFAULT[key] = Corpus.load(root)
    return _DEFAULT[key]
