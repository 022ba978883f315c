"""The index in the cache: keyed builds, atomic swaps, damage, two processes."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policykb.corpus import Corpus
from policykb.search import index as index_module
from policykb.search.analysis import jieba_cache_dir
from policykb.search.dictionary import user_dictionary
from policykb.search.index import MANIFEST, QUERY_DICT, Filters, WhooshEngine, index_key
from policykb.search.query import QueryParser
from policykb.search.service import close_all, run_search

from .conftest import make_small_corpus


def ids(engine: WhooshEngine, text: str) -> list[str]:
    plan = QueryParser(engine.analyzer(), user_dictionary()).parse(text)
    return [h.clause_id for h in engine.search(plan, Filters()).hits]


def test_build_once_then_reuse(small_corpus: Corpus, tmp_path: Path) -> None:
    root = tmp_path / "idx"
    messages: list[str] = []
    first = WhooshEngine(small_corpus, root=root, notify=messages.append)
    info = first.build()
    assert info.built and info.clauses == 6 and info.documents == 1
    assert messages and "正在建立检索索引" in messages[0]
    manifest = json.loads((root / info.key / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["clauses"] == 6 and manifest["engine"] == "whoosh"
    assert (root / info.key / QUERY_DICT).is_file()
    first.close()

    messages.clear()
    second = WhooshEngine(small_corpus, root=root, notify=messages.append)
    assert not second.build().built
    assert messages == []
    assert ids(second, "互助养老院") == ["zw-test:二/（二）"]
    second.close()


def test_key_follows_corpus_obligations_and_dictionary(tmp_path: Path) -> None:
    corpus = make_small_corpus(tmp_path / "a")
    dictionary = user_dictionary()
    key = index_key(corpus, dictionary)
    assert index_key(make_small_corpus(tmp_path / "a"), dictionary) == key
    changed = make_small_corpus(tmp_path / "b")
    doc = changed.root / "zw-test.md"  # type: ignore[operator]
    doc.write_text(doc.read_text(encoding="utf-8") + "\n（三）新增条款。\n", encoding="utf-8")
    assert index_key(Corpus.load(changed.root), dictionary) != key
    fewer = make_small_corpus(tmp_path / "a")
    fewer.__dict__["obligations"] = fewer.obligations[:1]
    assert index_key(fewer, dictionary) != key


def test_a_crash_mid_build_leaves_nothing_behind(
    small_corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "idx"
    real = index_module.clause_records

    def crashing(corpus: Corpus):  # type: ignore[no-untyped-def]
        for i, record in enumerate(real(corpus)):
            if i == 3:
                raise KeyboardInterrupt
            yield record

    monkeypatch.setattr(index_module, "clause_records", crashing)
    engine = WhooshEngine(small_corpus, root=root, notify=lambda _: None)
    with pytest.raises(KeyboardInterrupt):
        engine.build()
    assert not (root / engine.key).exists()
    assert not [p for p in root.iterdir() if p.name.startswith(".build-")]
    monkeypatch.setattr(index_module, "clause_records", real)
    assert engine.build().built
    engine.close()


@pytest.mark.parametrize("damage", ["manifest", "query-dict", "segment", "toc", "truncate"])
def test_a_damaged_index_is_rebuilt_with_a_warning(
    small_corpus: Corpus, tmp_path: Path, damage: str
) -> None:
    root = tmp_path / "idx"
    engine = WhooshEngine(small_corpus, root=root, notify=lambda _: None)
    engine.build()
    engine.close()
    folder = root / engine.key
    if damage == "manifest":
        (folder / MANIFEST).write_text("{not json", encoding="utf-8")
    elif damage == "query-dict":
        (folder / QUERY_DICT).unlink()
    elif damage == "segment":
        for path in folder.glob("*.seg"):
            path.unlink()
    elif damage == "toc":
        for path in folder.glob("*.toc"):
            path.write_bytes(b"garbage")
    else:
        for path in folder.glob("*.seg"):
            path.write_bytes(path.read_bytes()[:7])
    messages: list[str] = []
    again = WhooshEngine(small_corpus, root=root, notify=messages.append)
    assert again.build().built
    assert any("检索索引已损坏" in m and "重建" in m for m in messages), messages
    assert ids(again, "互助养老院") == ["zw-test:二/（二）"]
    again.close()


def test_scrambled_index_bytes_never_give_a_traceback(
    small_corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICYKB_CACHE_DIR", str(tmp_path / "cache"))
    assert run_search(small_corpus, "养老").result.total == 1
    close_all()
    for path in (tmp_path / "cache" / "index").glob("*/*.seg"):
        data = bytearray(path.read_bytes())
        for i in range(len(data) // 3, 2 * len(data) // 3):
            data[i] = (data[i] * 7 + 13) % 256
        path.write_bytes(bytes(data))
    messages: list[str] = []
    for query in ["养老", "就业", "最低生活保障"]:
        outcome = run_search(small_corpus, query, notify=messages.append)
        assert outcome.result.total >= 0


def test_damage_found_while_searching_is_repaired(
    small_corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICYKB_CACHE_DIR", str(tmp_path / "cache"))
    messages: list[str] = []
    assert run_search(small_corpus, "养老", notify=messages.append).result.total == 1
    engine = index_module.WhooshEngine(small_corpus)
    calls = {"n": 0}
    real_search = WhooshEngine.search

    def flaky(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 1:
            raise index_module.IndexDamagedError("读取失败：error")
        return real_search(self, *args, **kwargs)

    monkeypatch.setattr(WhooshEngine, "search", flaky)
    outcome = run_search(small_corpus, "养老", notify=messages.append)
    assert outcome.result.total == 1
    assert any("读取失败" in m and "重建" in m for m in messages)
    engine.close()


def test_old_indexes_are_pruned(tmp_path: Path) -> None:
    root = tmp_path / "idx"
    root.mkdir()
    for i in range(10):
        (root / f"old{i:02d}").mkdir()
        os.utime(root / f"old{i:02d}", (1000 + i, 1000 + i))
    (root / ".build-stale").mkdir()
    os.utime(root / ".build-stale", (1000, 1000))
    digest = hashlib.md5(str((root / "old00" / QUERY_DICT).resolve()).encode()).hexdigest()
    stale_cache = jieba_cache_dir() / f"jieba.u{digest}.cache"
    stale_cache.write_bytes(b"x")
    corpus = make_small_corpus(tmp_path / "c")
    engine = WhooshEngine(corpus, root=root, notify=lambda _: None)
    engine.build()
    engine.close()
    assert not stale_cache.exists()  # jieba's cache of a pruned index goes with it
    left = sorted(p.name for p in root.iterdir() if p.is_dir())
    assert engine.key in left
    assert len(left) == index_module.KEEP_INDEXES
    assert "old09" in left and "old00" not in left and ".build-stale" not in left


SCRIPT = """
import sys
from policykb.corpus import Corpus
from policykb.search import search
corpus = Corpus.load(sys.argv[1])
hits = [h.clause_id for h in search(corpus, "互助养老院").hits]
print(",".join(hits))
"""


def test_two_processes_searching_at_once_both_work(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    make_small_corpus(corpus_dir)
    env = {**os.environ, "POLICYKB_CACHE_DIR": str(tmp_path / "cache")}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SCRIPT, str(corpus_dir)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert out.strip() == "zw-test:二/（二）"
    indexes = [p for p in (tmp_path / "cache" / "index").iterdir() if p.is_dir()]
    assert len(indexes) == 1
