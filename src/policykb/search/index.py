"""The search index: one small engine interface, and its whoosh implementation.

Callers (:mod:`.service`, the CLI) see only :class:`SearchEngine` — ``build``, ``search``,
``close`` plus the query analyzer — and engine-neutral inputs (:class:`~.query.QueryPlan`,
:class:`Filters`), so another engine can be added without touching them.

The whoosh index holds one entry per clause: text, title, document title, the departments
of the clause's obligations by role, whether it carries targets and deadlines and its
earliest due date, so that every filter is an index query.  It lives in the per-user cache
folder under a key that hashes the corpus and annotation files, the obligations, the policy
dictionary and the analyzer/schema versions; any change gives a new key and a fresh build.

Builds go into a temporary folder that is renamed into place only when complete, so a crash
never leaves a half-built index, and a process reading the old index keeps working.  Two
processes starting at once serialise on a lock file (the second one finds the index built).
An index that cannot be opened, or does not match its manifest, is rebuilt with a warning.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from ..errors import PolicyKBError
from ..models import ROLES, Role
from ..paths import cache_dir
from .analysis import (
    ANALYZER_VERSION,
    Segmenter,
    fold,
    index_segmenter,
    jieba_cache_dir,
    query_segmenter,
)
from .dictionary import PolicyDictionary, user_dictionary
from .query import QueryAnalyzer, QueryPlan, Unit

if TYPE_CHECKING:  # pragma: no cover
    from ..corpus import Corpus

log = logging.getLogger("policykb.search")

SCHEMA_VERSION = "5"
MANIFEST = "policykb-index.json"
QUERY_DICT = "query-dict.txt"
#: How many index folders (other corpora, older versions) to keep in the cache.
KEEP_INDEXES = 6
#: Unused, unfinished build folders older than this are removed.
STALE_BUILD_SECONDS = 3600
#: Builds of more clauses than this report progress.
PROGRESS_EVERY = 5000

#: A clause matches a word through its ``text`` field (the clause text, with its title in
#: front when the text does not already begin with it) or, for a department name, through
#: the departments of its obligations (``dept_all``).  These fields only add to the score
#: of a clause that matches (BM25F: a word in the title or among the departments says more
#: about a clause than one in running text).  Keeping a
#: single match field makes queries about three times cheaper in whoosh.
MATCH_FIELD = "text"
BOOST_FIELDS: tuple[tuple[str, float], ...] = (
    ("title", 1.5),
    ("depts", 1.2),
)
DEPT_WEIGHT = 1.5
#: How many of the best text matches the title and department fields may re-order.
RERANK_WINDOW = 100
#: Heading-only clauses (a title, no text of their own) rank below clauses with content.
EMPTY_CLAUSE_BOOST = 0.6

Notify = Callable[[str], None]


class IndexDamagedError(PolicyKBError):
    """The index in the cache cannot be read; callers rebuild it."""


# --------------------------------------------------------------------------- engine-neutral


@dataclass(frozen=True)
class Filters:
    """Restrictions on which clauses may be returned (canonical, folded values)."""

    doc_ids: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    role: Role | None = None
    has_target: bool | None = None
    due_before: dt.date | None = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.doc_ids
            or self.levels
            or self.departments
            or self.role
            or self.has_target is not None
            or self.due_before
        )


@dataclass(frozen=True)
class EngineHit:
    clause_id: str
    score: float


@dataclass
class EngineResult:
    total: int
    hits: list[EngineHit]


@dataclass
class IndexInfo:
    """What an index holds and where; ``built`` is true when this call built it."""

    engine: str
    key: str
    path: str
    clauses: int
    documents: int
    terms: int = 0
    size_bytes: int = 0
    text_bytes: int = 0
    build_seconds: float = 0.0
    built_at: str | None = None
    built: bool = False
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class SearchEngine(Protocol):
    """The interface every search engine implements."""

    name: str
    info: IndexInfo

    def build(self, *, force: bool = False) -> IndexInfo:
        """Make sure the index exists (``force``: rebuild it) and open it."""
        ...

    def analyzer(self) -> QueryAnalyzer:
        """Word segmentation for queries, consistent with the index, and look-ups in the
        index's vocabulary."""
        ...

    def search(
        self,
        plan: QueryPlan,
        filters: Filters,
        *,
        limit: int | None = 10,
        mode: Literal["and", "or"] = "and",
    ) -> EngineResult: ...

    def close(self) -> None: ...


# --------------------------------------------------------------------------- index records


def _obligations_digest(corpus: Corpus) -> str:
    digest = hashlib.sha256()
    for obligation in corpus.obligations:
        digest.update(obligation.model_dump_json().encode())
    return digest.hexdigest()[:16]


def index_key(corpus: Corpus, dictionary: PolicyDictionary) -> str:
    """The cache key: changes whenever anything that shapes the index changes."""
    import whoosh

    parts = [
        f"schema={SCHEMA_VERSION}",
        f"analyzer={ANALYZER_VERSION}",
        f"whoosh={whoosh.versionstring()}",
        f"dictionary={dictionary.digest}",
        f"corpus={corpus.fingerprint()}",
        f"obligations={_obligations_digest(corpus)}",
        f"root={corpus.root.resolve() if corpus.root else '-'}",
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


def clause_records(corpus: Corpus) -> Iterator[dict[str, Any]]:
    """One whoosh document per clause (values as the schema wants them)."""
    documents = {doc.id: doc for doc in corpus.documents}
    by_clause: dict[str, list[Any]] = {}
    for obligation in corpus.obligations:
        by_clause.setdefault(obligation.clause_id, []).append(obligation)
    for seq, clause in enumerate(corpus.clauses):
        doc = documents[clause.doc_id]
        meta = doc.meta
        obligations = by_clause.get(clause.id, [])
        roles: dict[str, dict[str, None]] = {role: {} for role in ROLES}
        dues: list[dt.date] = []
        has_target = has_deadline = False
        for obligation in obligations:
            for role in ROLES:
                for name in getattr(obligation.departments, role):
                    roles[role].setdefault(fold(name), None)
            has_target = has_target or bool(obligation.targets)
            has_deadline = has_deadline or bool(obligation.deadlines)
            dues.extend(d.due for d in obligation.deadlines if d.due)
        every = {name: None for role in ROLES for name in roles[role]}
        record: dict[str, Any] = {
            "clause_id": clause.id,
            "doc_id": clause.doc_id,
            "level": meta.level,
            "region": meta.region,
            "seq": seq,
            "title": clause.title or "",
            "text": _match_text(clause.title, clause.text),
            # a lead body is written twice: a query naming it ranks its lead clauses first
            "depts": "，".join([*roles["lead"], *every]),
            "dept_all": ",".join(every),
            "has_target": has_target,
            "has_deadline": has_deadline,
        }
        for role in ROLES:
            record[f"dept_{role}"] = ",".join(roles[role])
        year = meta.year or (meta.date.year if meta.date else None)
        if year:
            record["year"] = year
        if dues:
            record["due_min"] = min(dues).toordinal()
        if not clause.text.strip():
            record["_boost"] = EMPTY_CLAUSE_BOOST
        yield record


def _match_text(title: str | None, text: str) -> str:
    if title and not text.startswith(title):
        return f"{title}\n{text}" if text else title
    return text


def _schema() -> Any:
    from whoosh import fields

    from .analysis import PolicyTokenizer

    analyzer = PolicyTokenizer()
    return fields.Schema(
        clause_id=fields.ID(stored=True, unique=True),
        doc_id=fields.ID(stored=True),
        level=fields.ID,
        region=fields.ID,
        year=fields.NUMERIC(int),
        seq=fields.NUMERIC(int, sortable=True),
        title=fields.TEXT(analyzer=analyzer, phrase=True),
        text=fields.TEXT(analyzer=analyzer, phrase=True),
        depts=fields.TEXT(analyzer=analyzer, phrase=True),
        dept_all=fields.KEYWORD(commas=True),
        dept_lead=fields.KEYWORD(commas=True),
        dept_cooperate=fields.KEYWORD(commas=True),
        dept_responsible=fields.KEYWORD(commas=True),
        has_target=fields.BOOLEAN,
        has_deadline=fields.BOOLEAN,
        due_min=fields.NUMERIC(int),
    )


# --------------------------------------------------------------------------- cache folders


def index_root() -> Path:
    root = cache_dir() / "index"
    root.mkdir(parents=True, exist_ok=True)
    return root


def _folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


@contextlib.contextmanager
def _build_lock(root: Path, key: str) -> Iterator[None]:
    """An exclusive lock per index key, so that two processes do not build twice."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: builds may duplicate, harmlessly
        yield
        return
    lock_path = root / f".lock-{key}"
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def _prune(root: Path, keep: str) -> None:
    """Drop stale build folders and all but the most recent few indexes."""
    now = time.time()
    indexes: list[tuple[float, Path]] = []
    for path in root.iterdir():
        try:
            age = now - path.stat().st_mtime
        except OSError:
            continue
        if path.name.startswith((".build-", ".trash-")):
            if age > STALE_BUILD_SECONDS or path.name.startswith(".trash-"):
                _remove(path)
        elif path.name.startswith(".lock-"):
            if age > STALE_BUILD_SECONDS and path.name != f".lock-{keep}":
                with contextlib.suppress(OSError):
                    path.unlink()
        elif path.is_dir() and path.name != keep:
            indexes.append((path.stat().st_mtime, path))
    for _, path in sorted(indexes, reverse=True)[KEEP_INDEXES - 1 :]:
        _remove(path)
        # and jieba's cache of that index's query dictionary (named after its path)
        digest = hashlib.md5(
            str((path / QUERY_DICT).resolve()).encode("utf-8", "replace")
        ).hexdigest()
        with contextlib.suppress(OSError):
            (jieba_cache_dir() / f"jieba.u{digest}.cache").unlink()


# --------------------------------------------------------------------------- whoosh engine


class _WhooshQueryAnalyzer:
    """Query segmentation over the index's vocabulary, and vocabulary look-ups."""

    def __init__(self, segmenter: Segmenter, reader: Any) -> None:
        self._segmenter = segmenter
        self._reader = reader

    def words(self, folded: str) -> list[tuple[str, int, int]]:
        return self._segmenter.words(folded)

    def known(self, word: str) -> bool:
        reader = self._reader
        return (MATCH_FIELD, word) in reader

    def split(self, word: str) -> list[str]:
        """``word`` cut into the fewest pieces the index knows (single characters where
        nothing longer is known): 三区人才 → 三区 + 人才 when the corpus writes “三区”人才."""
        n = len(word)
        best: list[tuple[int, int, int] | None] = [None] * (n + 1)  # (pieces, singles, prev)
        best[0] = (0, 0, 0)
        for end in range(1, n + 1):
            for start in range(max(0, end - 16), end):
                prev = best[start]
                if prev is None:
                    continue
                piece = word[start:end]
                single = end - start == 1
                if not single and not self.known(piece):
                    continue
                cand = (prev[0] + 1, prev[1] + (1 if single else 0), start)
                current = best[end]
                if current is None or cand[:2] < current[:2]:
                    best[end] = cand
        pieces: list[str] = []
        end = n
        while end > 0:
            entry = best[end]
            assert entry is not None
            pieces.append(word[entry[2] : end])
            end = entry[2]
        return pieces[::-1]


class WhooshEngine:
    """The whoosh implementation of :class:`SearchEngine` for one corpus."""

    name = "whoosh"

    def __init__(
        self,
        corpus: Corpus,
        *,
        root: Path | None = None,
        notify: Notify | None = None,
        dictionary: PolicyDictionary | None = None,
    ) -> None:
        self.corpus = corpus
        self.root = root or index_root()
        self.root.mkdir(parents=True, exist_ok=True)
        self.notify: Notify = notify or log.info
        self._warn_via_notify = notify is not None
        self.dictionary = dictionary or user_dictionary()
        self.key = index_key(corpus, self.dictionary)
        self.path = self.root / self.key
        self._ix: Any = None
        self._searcher: Any = None
        self.info = IndexInfo(
            engine=self.name, key=self.key, path=str(self.path), clauses=0, documents=0
        )

    def set_notify(self, notify: Notify) -> None:
        """Send progress and warnings to ``notify`` from now on (the CLI's stderr)."""
        self.notify = notify
        self._warn_via_notify = True

    def warn(self, message: str) -> None:
        """A warning: to the caller's notify function, else the ``policykb.search`` log."""
        if self._warn_via_notify:
            self.notify(message)
        else:
            log.warning(message)

    # ------------------------------------------------------------------ build / open
    def build(self, *, force: bool = False) -> IndexInfo:
        self.close()
        reason: str | None = "rebuild requested" if force else None
        if not force:
            try:
                self._open()
                return self.info
            except FileNotFoundError:
                reason = None
            except IndexDamagedError as exc:
                reason = str(exc)
                self.warn(f"检索索引已损坏（{exc}），正在重建。")
        with _build_lock(self.root, self.key):
            if not force and reason is None:
                # another process may have built it while we waited for the lock
                try:
                    self._open()
                    return self.info
                except FileNotFoundError:
                    pass
                except IndexDamagedError as exc:
                    reason = str(exc)
            info = self._build_into_place(replace=reason is not None)
        self._open()
        self.info.built = True
        self.info.reason = reason
        self.info.build_seconds = info.build_seconds
        with contextlib.suppress(OSError):
            _prune(self.root, self.key)
        return self.info

    def _build_into_place(self, *, replace: bool) -> IndexInfo:
        from whoosh import index as windex

        started = time.perf_counter()
        clauses = self.corpus.clauses
        count = len(clauses)
        if count > PROGRESS_EVERY:
            self.notify(f"正在建立检索索引：{count} 个条款……")
        else:
            self.notify("正在建立检索索引（首次使用或语料已更新）……")
        segmenter = index_segmenter()
        tmp = Path(tempfile.mkdtemp(prefix=f".build-{self.key}-", dir=self.root))
        try:
            ix = windex.create_in(str(tmp), _schema())
            writer = ix.writer(limitmb=256)
            text_bytes = 0
            try:
                for i, record in enumerate(clause_records(self.corpus), 1):
                    text_bytes += len(record["text"].encode("utf-8"))
                    writer.add_document(**record)
                    if count > PROGRESS_EVERY and i % PROGRESS_EVERY == 0:
                        self.notify(f"  已索引 {i}/{count} 个条款")
                writer.commit()
            except BaseException:
                writer.cancel()
                raise
            with ix.reader() as reader:
                vocabulary = _vocabulary(reader)
                doc_count = reader.doc_count()
            ix.close()
            self._write_query_dictionary(tmp / QUERY_DICT, vocabulary, segmenter)
            seconds = time.perf_counter() - started
            info = IndexInfo(
                engine=self.name,
                key=self.key,
                path=str(self.path),
                clauses=doc_count,
                documents=len(self.corpus.documents),
                terms=len(vocabulary),
                size_bytes=_folder_size(tmp),
                text_bytes=text_bytes,
                build_seconds=round(seconds, 3),
                built_at=dt.datetime.now().isoformat(timespec="seconds"),
            )
            (tmp / MANIFEST).write_text(
                json.dumps(info.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8"
            )
            self._swap_in(tmp, replace=replace)
        except BaseException:
            _remove(tmp)
            raise
        return info

    def _swap_in(self, tmp: Path, *, replace: bool) -> None:
        if replace and self.path.exists():
            trash = self.root / f".trash-{self.key}-{os.getpid()}-{time.time_ns()}"
            with contextlib.suppress(OSError):
                os.rename(self.path, trash)
        try:
            os.rename(tmp, self.path)
        except OSError:
            if not self.path.exists():
                raise
            _remove(tmp)  # another process put an index in place first: use that one

    def _write_query_dictionary(
        self, path: Path, vocabulary: set[str], segmenter: Segmenter
    ) -> None:
        freq = segmenter.frequencies
        words = set(vocabulary)
        words.update(self.dictionary.words)
        words.update(self.dictionary.stopwords)
        words.update(self.dictionary.synonyms)
        lines = []
        total = 0
        for word in sorted(words):
            if not word or any(c.isspace() for c in word):
                continue
            f = max(int(freq.get(word, 0) or 0), 1)
            total += f
            lines.append(f"{word} {f}\n")
        # keep the full dictionary's total, so that a query is cut exactly as jieba would
        # cut it with the full dictionary (route probabilities are freq / total)
        pad = max(segmenter.total - total, 1)
        lines.append(f"\ue000\ue000 {pad}\n")
        path.write_text("".join(lines), encoding="utf-8")

    def _open(self) -> None:
        """Open the index in place; FileNotFoundError if absent, IndexDamagedError if bad."""
        from whoosh import index as windex

        if not self.path.exists():
            raise FileNotFoundError(self.path)
        manifest_path = self.path / MANIFEST
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            expected = int(manifest["clauses"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexDamagedError("索引清单缺失或无法读取") from exc
        if not (self.path / QUERY_DICT).is_file():
            raise IndexDamagedError("查询词典缺失")
        try:
            ix = windex.open_dir(str(self.path))
            searcher = ix.searcher(weighting=_weighting())
            found = searcher.doc_count()
        except Exception as exc:  # whoosh raises many kinds on a broken index
            raise IndexDamagedError(f"无法打开：{type(exc).__name__}") from exc
        if found != expected:
            searcher.close()
            ix.close()
            raise IndexDamagedError(f"条款数 {found} 与清单 {expected} 不符")
        self._ix, self._searcher = ix, searcher
        self.info = IndexInfo(
            **{k: v for k, v in manifest.items() if k in IndexInfo.__dataclass_fields__}
        )
        self.info.path = str(self.path)
        self.info.built = False
        with contextlib.suppress(OSError):
            os.utime(self.path)  # mark as recently used (pruning keeps recent ones)

    # ------------------------------------------------------------------ querying
    def analyzer(self) -> QueryAnalyzer:
        if self._searcher is None:
            self.build()
        return _WhooshQueryAnalyzer(
            query_segmenter(self.path / QUERY_DICT), self._searcher.reader()
        )

    def search(
        self,
        plan: QueryPlan,
        filters: Filters,
        *,
        limit: int | None = 10,
        mode: Literal["and", "or"] = "and",
    ) -> EngineResult:
        from whoosh import query as Q

        if self._searcher is None:
            self.build()
        searcher = self._searcher
        filter_query = _filter_query(filters)
        boost: Any = None
        if plan.required:
            chosen = plan.required if mode == "and" else plan.fallback_units()
            units = [_unit_query(unit) for unit in chosen]
            main: Any = (
                units[0]
                if len(units) == 1
                else (Q.And(units) if mode == "and" else Q.Or(units, scale=0.9))
            )
            boost = _boost_query(list(chosen))
        else:
            main = Q.Every()
        if plan.excluded:
            main = Q.AndNot(main, Q.Or([_unit_query(u) for u in plan.excluded]))
        try:
            if not plan.required:  # filters only: the clauses in document order
                results = searcher.search(main, filter=filter_query, limit=limit, sortedby="seq")
                total = len(results)
                return EngineResult(total, [EngineHit(h["clause_id"], 0.0) for h in results])
            return self._ranked(searcher, main, boost, filter_query, limit)
        except PolicyKBError:
            raise
        except Exception as exc:  # a broken index file fails in many ways (struct, zlib …)
            raise IndexDamagedError(f"读取失败：{type(exc).__name__}") from exc

    @staticmethod
    def _ranked(
        searcher: Any, main: Any, boost: Any, filter_query: Any, limit: int | None
    ) -> EngineResult:
        """Rank in two passes: every match scored on its text (which also gives the exact
        total in one pass — whoosh's top-N collector would have to run the query again to
        count), then the best of them raised by the title and department fields.  Scoring
        the boost fields only on the leading candidates keeps common words cheap."""
        results = searcher.search(main, filter=filter_query, limit=None, terms=False)
        total = len(results)
        want = total if limit is None else limit
        window = results.top_n[: max(RERANK_WINDOW, 3 * want)]
        extra: dict[int, float] = {}
        if boost is not None and window:
            # walk the boost postings only to the candidates (skip_to jumps whole blocks)
            matcher = boost.matcher(searcher, searcher.context(needs_current=True))
            for docnum in sorted(docnum for _, docnum in window):
                if not matcher.is_active():
                    break
                if matcher.id() < docnum:
                    matcher.skip_to(docnum)
                    if not matcher.is_active():
                        break
                if matcher.id() == docnum:
                    extra[docnum] = float(matcher.score())
        ranked = sorted(
            ((float(score) + extra.get(docnum, 0.0), docnum) for score, docnum in window),
            key=lambda item: (-item[0], item[1]),
        )[:want]
        hits = [
            EngineHit(searcher.stored_fields(docnum)["clause_id"], score)
            for score, docnum in ranked
        ]
        return EngineResult(total=total, hits=hits)

    def close(self) -> None:
        if self._searcher is not None:
            with contextlib.suppress(Exception):
                self._searcher.close()
        if self._ix is not None:
            with contextlib.suppress(Exception):
                self._ix.close()
        self._searcher = self._ix = None


def _weighting() -> Any:
    from whoosh import scoring

    return scoring.BM25F(B=0.5, K1=1.2, title_B=0.3, depts_B=0.3)


def _vocabulary(reader: Any) -> set[str]:
    words: set[str] = set()
    for fieldname in [MATCH_FIELD, *(f for f, _ in BOOST_FIELDS)]:
        for term in reader.lexicon(fieldname):
            words.add(term.decode("utf-8") if isinstance(term, bytes) else str(term))
    return words


def _alternative_query(alternative: Any) -> Any:
    from whoosh import query as Q

    if alternative.kind == "dept":
        return Q.Term("dept_all", alternative.tokens[0], boost=DEPT_WEIGHT * alternative.boost)
    if alternative.is_phrase:
        return Q.Phrase(MATCH_FIELD, list(alternative.tokens), boost=alternative.boost)
    return Q.Term(MATCH_FIELD, alternative.tokens[0], boost=alternative.boost)


def _boost_query(units: list[Unit]) -> Any | None:
    """What raises a matching clause: the words in its title, departments, document title."""
    from whoosh import query as Q

    parts = []
    for unit in units:
        for alternative in unit.alternatives:
            if alternative.kind != "text":
                continue
            for fieldname, weight in BOOST_FIELDS:
                boost = weight * alternative.boost
                if not alternative.is_phrase:
                    parts.append(Q.Term(fieldname, alternative.tokens[0], boost=boost))
                elif fieldname != "depts":  # names are whole words there
                    parts.append(Q.Phrase(fieldname, list(alternative.tokens), boost=boost))
    return Q.Or(parts) if parts else None


def _unit_query(unit: Unit) -> Any:
    """Any alternative of the unit.  (An Or, which sums: a clause with the literal word and
    a synonym ranks above one with the synonym only.  whoosh's DisjunctionMax would be the
    textbook choice, but in whoosh 2.7 it scores a document with sub-queries it does not
    match, so it is not used.)"""
    from whoosh import query as Q

    alternatives = [_alternative_query(a) for a in unit.alternatives]
    if len(alternatives) == 1:
        return alternatives[0]
    return Q.Or(alternatives)


def _filter_query(filters: Filters) -> Any:
    from whoosh import query as Q

    if filters.is_empty:
        return None
    parts: list[Any] = []
    if filters.doc_ids:
        parts.append(Q.Or([Q.Term("doc_id", d) for d in filters.doc_ids]))
    if filters.levels:
        parts.append(Q.Or([Q.Term("level", lv) for lv in filters.levels]))
    if filters.departments:
        fields = [f"dept_{filters.role}"] if filters.role else ["dept_all"]
        parts.append(Q.Or([Q.Term(f, name) for f in fields for name in filters.departments]))
    elif filters.role:
        # a role without a department: clauses where anybody holds that role
        parts.append(Q.Every(f"dept_{filters.role}"))
    if filters.has_target is not None:
        parts.append(Q.Term("has_target", filters.has_target))
    if filters.due_before is not None:
        parts.append(Q.NumericRange("due_min", None, filters.due_before.toordinal()))
    return parts[0] if len(parts) == 1 else Q.And(parts)


__all__ = [
    "EngineHit",
    "EngineResult",
    "Filters",
    "IndexDamagedError",
    "IndexInfo",
    "SearchEngine",
    "WhooshEngine",
    "clause_records",
    "index_key",
]
