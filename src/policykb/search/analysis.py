"""Text analysis for search: folding, jieba segmentation, and the whoosh tokenizer.

Three rules make Chinese search work here:

* **Folding is length-preserving.**  Full-width ASCII becomes half-width, traditional
  characters become simplified ones (養老 → 养老, 區 → 区), Latin letters become lower
  case — one character for one character, so every character offset found in folded text
  is also an offset into the original text (highlighting depends on it).
* **Positions are consecutive.**  Each word of jieba's precise segmentation takes the next
  position; the shorter dictionary words inside a long word (search-mode segmentation:
  社会 and 组织 inside 社会组织, 监测对象 inside 三类监测对象) are emitted *at the position
  of the word that contains them*.  Phrase queries therefore work both on whole words and
  on the parts of compound words — unlike jieba's stock ``ChineseAnalyzer``, which uses
  character offsets as positions and so never matches a phrase.
* **Jieba is loaded lazily, once per process**, and keeps its dictionary cache in the
  policykb cache folder.  Indexing uses jieba's full dictionary plus the policy dictionary
  (see :mod:`policykb.search.dictionary`); queries are segmented with a small dictionary
  made of the index's own vocabulary (see :func:`query_segmenter`), which loads in
  milliseconds instead of the full dictionary's half second and never cuts a query into a
  word that the index does not contain.

Importing this module does not import jieba (whoosh's analysis module is light).
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh.analysis import Token, Tokenizer

from ..paths import cache_dir

if TYPE_CHECKING:  # pragma: no cover
    import jieba

#: Bump whenever tokens produced for the same text change: it is part of the index key.
ANALYZER_VERSION = "3"

_MAX_SUBWORD = 12
_FOLD_CACHE_NAME = f"fold-table-v{ANALYZER_VERSION}.json"


# --------------------------------------------------------------------------- folding


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """``str.translate`` table: full-width → half-width, traditional → simplified, A → a.

    Built from zhconv's zh-hans table (single characters only, so lengths never change)
    and kept as JSON in the cache folder, because loading zhconv costs ~80 ms.
    """
    path = cache_dir() / _FOLD_CACHE_NAME
    mapping: dict[str, str] | None = None
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(loaded, dict):
            mapping = loaded
    except (OSError, ValueError):
        mapping = None
    if mapping is None:
        mapping = _build_fold_mapping()
        tmp = path.with_name(f"{path.name}.{threading.get_ident()}.tmp")
        try:
            tmp.write_text(json.dumps(mapping, ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
        except OSError:  # a read-only cache only costs time
            pass
    return {ord(k): v for k, v in mapping.items() if len(k) == 1 and len(v) == 1}


def _build_fold_mapping() -> dict[str, str]:
    from zhconv.zhconv import getdict

    mapping: dict[str, str] = {}
    for trad, simp in getdict("zh-hans").items():
        if len(trad) == 1 and len(simp) == 1 and trad != simp:
            mapping[trad] = simp
    # full-width ASCII variants (！ … ～) and the ideographic space
    for code in range(0xFF01, 0xFF5F):
        mapping[chr(code)] = chr(code - 0xFEE0)
    mapping["\u3000"] = " "
    # bracket variants the corpus uses interchangeably: 〈区〉 （区） <区>
    mapping["〈"] = "("
    mapping["〉"] = ")"
    # simplified forms of full-width letters, then lower case (A-Z only: length-safe)
    for key, value in list(mapping.items()):
        if "A" <= value <= "Z":
            mapping[key] = value.lower()
    for code in range(ord("A"), ord("Z") + 1):
        mapping[chr(code)] = chr(code).lower()
    return {k: v for k, v in mapping.items() if k != v}


def fold(text: str) -> str:
    """Fold ``text`` for matching; ``len(fold(text)) == len(text)`` always holds."""
    return text.translate(_fold_table())


_WORD_CHAR = re.compile(r"[^\W_]")


def is_word_char(char: str) -> bool:
    """Letters, digits and CJK ideographs (what a token may be made of)."""
    return _WORD_CHAR.match(char) is not None


def has_word_char(text: str) -> bool:
    return _WORD_CHAR.search(text) is not None


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text)


# --------------------------------------------------------------------------- segmenters


def jieba_cache_dir() -> Path:
    path = cache_dir() / "jieba"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _quiet_jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


class Segmenter:
    """jieba precise segmentation (no HMM: deterministic, dictionary words only) with the
    search-mode sub-words of every long word, on folded text."""

    def __init__(self, tokenizer: jieba.Tokenizer) -> None:
        self._tok = tokenizer
        self._freq: dict[str, int] = tokenizer.FREQ
        self._subwords: dict[str, tuple[tuple[str, int], ...]] = {}

    @property
    def frequencies(self) -> dict[str, int]:
        return self._freq

    @property
    def total(self) -> int:
        """The sum of all word frequencies (jieba's denominator)."""
        return int(self._tok.total)

    def knows(self, word: str) -> bool:
        return self._freq.get(word, 0) > 0

    def words(self, folded: str) -> list[tuple[str, int, int]]:
        """Precise segmentation: ``(word, start, end)`` for every word with a letter, digit
        or ideograph in it (punctuation and spaces dropped)."""
        out: list[tuple[str, int, int]] = []
        start = 0
        for word in self._tok.cut(folded, HMM=False):
            end = start + len(word)
            if has_word_char(word):
                out.append((word, start, end))
            start = end
        return out

    def subwords(self, word: str) -> tuple[tuple[str, int], ...]:
        """Dictionary words strictly inside a CJK ``word`` (length ≥ 2), each once, with
        their offset: what jieba's search mode adds, extended to every length.  Memoised
        (a corpus has far fewer distinct words than words)."""
        cached = self._subwords.get(word)
        if cached is not None:
            return cached
        n = len(word)
        found: list[tuple[str, int]] = []
        if n >= 3 and _has_cjk(word):
            freq = self._freq
            seen = {word}
            for i in range(n - 1):
                for j in range(i + 2, min(n, i + _MAX_SUBWORD) + 1):
                    sub = word[i:j]
                    if j - i < n and sub not in seen and freq.get(sub, 0) > 0:
                        seen.add(sub)
                        found.append((sub, i))
        if len(self._subwords) > 500_000:
            self._subwords.clear()
        result = self._subwords[word] = tuple(found)
        return result

    def tokens(self, text: str, *, folded: bool = False) -> Iterator[tuple[str, int, int, int]]:
        """Index tokens of ``text``: ``(term, position, start, end)``; offsets index ``text``."""
        source = text if folded else fold(text)
        pos = -1
        for word, start, end in self.words(source):
            pos += 1
            yield word, pos, start, end
            for sub, offset in self.subwords(word):
                yield sub, pos, start + offset, start + offset + len(sub)


_LOCK = threading.Lock()
_INDEX_SEGMENTER: dict[str, Segmenter] = {}
_QUERY_SEGMENTERS: dict[str, Segmenter] = {}


def index_segmenter() -> Segmenter:
    """jieba's full dictionary plus the policy dictionary; loaded once per process."""
    with _LOCK:
        from .dictionary import user_dictionary

        words = user_dictionary()
        key = words.digest
        if key not in _INDEX_SEGMENTER:
            jieba = _quiet_jieba()
            tok = jieba.Tokenizer()
            tok.tmp_dir = str(jieba_cache_dir())
            tok.initialize()
            for word in words.words:
                # a floor keeps jargon whole inside running text, not only on its own
                freq = max(tok.suggest_freq(word, False), 200 * len(word))
                tok.add_word(word, freq)
            _INDEX_SEGMENTER.clear()
            _SHORT_CACHE.clear()
            _INDEX_SEGMENTER[key] = Segmenter(tok)
        return _INDEX_SEGMENTER[key]


def query_segmenter(dictionary_file: Path) -> Segmenter:
    """A segmenter over a small dictionary file (the index's vocabulary)."""
    key = str(dictionary_file.resolve())
    with _LOCK:
        if key not in _QUERY_SEGMENTERS:
            jieba = _quiet_jieba()
            tok = jieba.Tokenizer(dictionary=key)
            tok.tmp_dir = str(jieba_cache_dir())
            tok.initialize()
            _QUERY_SEGMENTERS[key] = Segmenter(tok)
        return _QUERY_SEGMENTERS[key]


def reset_segmenters() -> None:
    """Forget loaded segmenters (tests; after the dictionary changed)."""
    with _LOCK:
        _INDEX_SEGMENTER.clear()
        _QUERY_SEGMENTERS.clear()
        _SHORT_CACHE.clear()


# --------------------------------------------------------------------------- whoosh glue


_SHORT = 80
_SHORT_CACHE: dict[str, tuple[tuple[str, int, int, int], ...]] = {}


class PolicyTokenizer(Tokenizer):
    """The whoosh tokenizer of the index's text fields: folded jieba words and sub-words,
    consecutive positions, character offsets into the original value.

    It holds no state (whoosh pickles it into the index's table of contents); the
    segmenter is the process-wide :func:`index_segmenter`.
    """

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PolicyTokenizer)

    def __hash__(self) -> int:
        return hash(PolicyTokenizer)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = fold(value)
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        tokens: Iterable[tuple[str, int, int, int]]
        if len(value) <= _SHORT:
            # titles and department lists repeat: analyse each once
            cached = _SHORT_CACHE.get(value)
            if cached is None:
                if len(_SHORT_CACHE) > 100_000:
                    _SHORT_CACHE.clear()
                cached = _SHORT_CACHE[value] = tuple(index_segmenter().tokens(value))
            tokens = cached
        else:
            tokens = index_segmenter().tokens(value)
        for term, pos, start, end in tokens:
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token
