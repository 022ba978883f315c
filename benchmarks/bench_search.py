"""Search benchmark: index build throughput, index size, query latency, peak memory.

Builds synthetic corpora by recombining the sentences of the bundled corpus's clauses into
new clauses of new documents (new ids, levels and regions; obligations copied from the
source clauses so that department filters have something to find), then reports:

* index build: seconds, clauses/s, MB/s of clause text, index size on disk;
* the floor to compare with: raw jieba segmentation of the same text (precise mode without
  HMM, as the index uses, and jieba's search mode);
* query latency p50/p95 over a fixed set of realistic queries — engine only (no
  highlighting), full search with highlighted snippets, and with filters;
* peak memory (max RSS) of the process that built and queried the index;
* the wall time of ``policykb search`` run twice on the bundled corpus in fresh processes
  (the second must not rebuild: the goal is under 1.5 s).

Each size runs in its own child process so that peak memory is its own.  Not a test:

    python benchmarks/bench_search.py                 # 10,000 and 100,000 clauses
    python benchmarks/bench_search.py --sizes 10000   # one size
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

QUERIES = [
    "三类监测对象",
    "养老服务",
    "劳务经纪人",
    "人社局",
    "就业帮扶车间",
    "村庄规划 3月底",
    "社会组织 参与 乡村治理",
    '"社会组织乡村行"',
    "低保标准提高到多少",
    "移民劳动力外出务工目标是多少",
    "高标准农田",
    "一改三治",
    "危房改造",
    "健康保 保费",
    "区块链 出户入园",
    "養老",
]
FILTERED = [
    ("就业", {"level": "city"}),
    ("培训", {"dept": "人社局", "role": "lead"}),
    ("", {"dept": "中卫市农业农村局"}),
    ("农村", {"has_target": True}),
    ("监测", {"doc": "syn-00001"}),
]
REPEAT = 5


def synthetic_corpus(size: int, seed: int = 7):  # type: ignore[no-untyped-def]
    """``size`` clauses in documents of 50, each made of 2–5 sentences of real clauses."""
    from policykb import load_corpus
    from policykb.corpus import Corpus
    from policykb.models import Clause, Document, DocumentMeta, Obligation

    base = load_corpus()
    rng = random.Random(seed)
    sources = [c for c in base.clauses if c.sentences]
    obligations_by_clause: dict[str, list[Obligation]] = {}
    for o in base.obligations:
        obligations_by_clause.setdefault(o.clause_id, []).append(o)
    levels = ["national", "region", "city", "county"]
    regions = {"national": "全国", "region": "宁夏回族自治区", "city": "中卫市", "county": "中宁县"}
    documents: list[Document] = []
    obligations: list[Obligation] = []
    per_doc = 50
    for d in range((size + per_doc - 1) // per_doc):
        doc_id = f"syn-{d:05d}"
        level = levels[d % len(levels)]
        source_doc = base.documents[d % len(base.documents)]
        clauses: list[Clause] = []
        for i in range(min(per_doc, size - d * per_doc)):
            lead = rng.choice(sources)
            sentences = list(lead.sentences)
            for _ in range(rng.randint(1, 3)):
                sentences.extend(rng.choice(sources).sentences[1:])
            text = "".join(sentences[: rng.randint(2, 6)])
            path = [str(i // 10 + 1), f"（{i % 10 + 1}）"]
            clause_id = f"{doc_id}:{'/'.join(path)}"
            clauses.append(
                Clause(
                    id=clause_id,
                    doc_id=doc_id,
                    path=path,
                    title=lead.title,
                    text=text,
                    level=2,
                    sentences=sentences,
                )
            )
            for k, o in enumerate(obligations_by_clause.get(lead.id, [])[:3]):
                obligations.append(
                    o.model_copy(
                        update={"id": f"{clause_id}#{k}", "doc_id": doc_id, "clause_id": clause_id}
                    )
                )
        meta = DocumentMeta(
            id=doc_id,
            title=f"{source_doc.meta.title}（合成 {d}）",
            level=level,  # type: ignore[arg-type]
            region=regions[level],
            year=2022,
        )
        documents.append(Document(meta=meta, clauses=clauses))
    corpus = Corpus(documents)
    corpus.__dict__["obligations"] = obligations
    return corpus


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def max_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def run_size(size: int) -> dict[str, object]:
    """Build and query one synthetic corpus (in this process)."""
    from policykb.search.analysis import index_segmenter
    from policykb.search.dictionary import user_dictionary
    from policykb.search.index import Filters, WhooshEngine
    from policykb.search.query import QueryParser
    from policykb.search.service import department_candidates, get_engine, run_search

    started = time.perf_counter()
    corpus = synthetic_corpus(size)
    make_seconds = time.perf_counter() - started
    texts = [c.text for c in corpus.clauses]
    text_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    segmenter = index_segmenter()  # load jieba before timing anything
    rss_jieba = max_rss_mb()
    tok = segmenter._tok

    def best_of(runs: int, work: Callable[[], None]) -> float:
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            work()
            times.append(time.perf_counter() - t0)
        return min(times)

    def precise() -> None:
        for text in texts:
            for _ in tok.cut(text, HMM=False):
                pass

    def search_mode() -> None:
        for text in texts:
            for _ in tok.cut_for_search(text, HMM=False):
                pass

    def ours() -> None:
        for text in texts:
            for _ in segmenter.tokens(text):
                pass

    for text in texts[:2000]:  # warm up: the dictionary's pages, the interpreter's caches
        list(tok.cut_for_search(text, HMM=False))
    runs = 2 if size <= 20_000 else 1
    raw_precise = best_of(runs, precise)
    raw_search = best_of(runs, search_mode)
    our_tokens = best_of(runs, ours)

    with tempfile.TemporaryDirectory(prefix="policykb-bench-") as tmp:
        os.environ["POLICYKB_CACHE_DIR"] = tmp
        engine = WhooshEngine(corpus, root=Path(tmp) / "index", notify=lambda _: None)
        t0 = time.perf_counter()
        info = engine.build(force=True)
        build = time.perf_counter() - t0
        engine.close()

        # the service opens the same index (no rebuild) and keeps it open
        engine = get_engine(corpus)
        assert not engine.info.built, "the service rebuilt the index"
        parser = QueryParser(engine.analyzer(), user_dictionary(), department_candidates)

        def time_engine_only() -> list[float]:
            out = []
            for _ in range(REPEAT):
                for q in QUERIES:
                    t = time.perf_counter()
                    plan = parser.parse(q)
                    found = engine.search(plan, Filters(), limit=10)
                    if found.total == 0 and plan.can_fall_back:
                        engine.search(plan, Filters(), limit=10, mode="or")
                    out.append((time.perf_counter() - t) * 1000)
            return out

        def time_full(items: list[tuple[str, dict[str, object]]]) -> list[float]:
            out = []
            for _ in range(REPEAT):
                for q, kwargs in items:
                    t = time.perf_counter()
                    run_search(corpus, q, limit=10, **kwargs)  # type: ignore[arg-type]
                    out.append((time.perf_counter() - t) * 1000)
            return out

        time_full([(q, {}) for q in QUERIES[:3]])  # warm up
        plain = time_engine_only()
        highlighted = time_full([(q, {}) for q in QUERIES])
        filtered = time_full(FILTERED)
        hits = {q: run_search(corpus, q, limit=10).result.total for q in QUERIES[:4]}
        size_bytes = info.size_bytes

    return {
        "clauses": len(texts),
        "documents": len(corpus.documents),
        "obligations": len(corpus.obligations),
        "text_mb": round(text_mb, 2),
        "make_corpus_s": round(make_seconds, 2),
        "raw_jieba_precise_s": round(raw_precise, 2),
        "raw_jieba_search_s": round(raw_search, 2),
        "policykb_tokens_s": round(our_tokens, 2),
        "build_s": round(build, 2),
        "build_clauses_per_s": round(len(texts) / build),
        "build_mb_per_s": round(text_mb / build, 3),
        "build_vs_raw_search": round(build / raw_search, 2),
        "index_mb": round(size_bytes / 1e6, 2),
        "p50_ms_engine": round(statistics.median(plain), 1),
        "p95_ms_engine": round(percentile(plain, 95), 1),
        "p50_ms_highlight": round(statistics.median(highlighted), 1),
        "p95_ms_highlight": round(percentile(highlighted, 95), 1),
        "p50_ms_filters": round(statistics.median(filtered), 1),
        "p95_ms_filters": round(percentile(filtered, 95), 1),
        "peak_rss_mb": round(max_rss_mb(), 1),
        "rss_after_jieba_mb": round(rss_jieba, 1),
        "sample_totals": hits,
    }


def cli_twice() -> dict[str, float]:
    """Wall time of two fresh ``policykb search`` processes on the bundled corpus."""
    with tempfile.TemporaryDirectory(prefix="policykb-cli-") as tmp:
        env = {**os.environ, "POLICYKB_CACHE_DIR": tmp}
        exe = Path(sys.executable).with_name("policykb")
        cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "policykb.cli"]
        cmd += ["search", "三类监测对象", "--limit", "5"]
        times = []
        errs = []
        for _ in range(3):
            t = time.perf_counter()
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
            times.append(time.perf_counter() - t)
            errs.append(proc.stderr)
        assert "正在建立" in errs[0] and "正在建立" not in errs[1] + errs[2], errs
        return {
            "first_s": round(times[0], 2),
            "second_s": round(times[1], 2),
            "third_s": round(times[2], 2),
        }


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return (
        f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_size(args.child), ensure_ascii=False))
        return
    import whoosh

    print(f"machine: {machine()}; whoosh {whoosh.versionstring()}")
    cli = cli_twice()
    print(
        f"policykb search, fresh processes, bundled corpus: first (builds) {cli['first_s']} s, "
        f"second {cli['second_s']} s, third {cli['third_s']} s"
    )
    for size in [int(s) for s in args.sizes.split(",") if s]:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(size)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"\n== {r['clauses']:,} clauses, {r['documents']:,} documents, {r['text_mb']} MB of text"
        )
        print(
            f"  raw jieba segmentation: precise {r['raw_jieba_precise_s']} s, "
            f"search mode {r['raw_jieba_search_s']} s "
            f"({r['text_mb'] / r['raw_jieba_search_s']:.2f} MB/s); "
            f"policykb tokens (folding + sub-words) {r['policykb_tokens_s']} s"
        )
        print(
            f"  index build: {r['build_s']} s = {r['build_clauses_per_s']:,} clauses/s, "
            f"{r['build_mb_per_s']} MB/s; {r['build_vs_raw_search']}× raw search-mode "
            f"segmentation; index {r['index_mb']} MB"
        )
        print(
            f"  query latency p50/p95: engine only {r['p50_ms_engine']}/{r['p95_ms_engine']} ms; "
            f"with highlighting {r['p50_ms_highlight']}/{r['p95_ms_highlight']} ms; "
            f"with filters {r['p50_ms_filters']}/{r['p95_ms_filters']} ms"
        )
        print(
            f"  peak memory (max RSS): {r['peak_rss_mb']} MB "
            f"(of which corpus + jieba's dictionary before indexing: {r['rss_after_jieba_mb']} MB)"
        )
        print(f"  result totals: {r['sample_totals']}")


if __name__ == "__main__":
    main()
