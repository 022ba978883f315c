"""Checker benchmark: one ~8,000-character county plan against all applicable requirements.

The plan is generated from the requirements themselves (each applicable obligation becomes a
numbered task of a county plan, with a responsibility parenthetical, until the plan has about
8,000 characters), written as .txt and as .docx, and checked:

* in a fresh process, as a user runs it (``policykb check plan.docx --format json``): wall
  time including Python start-up, imports, jieba's dictionary and the corpus;
* in-process, phase by phase: corpus, segmenter, reading the plan, checking — cold (first
  check) and warm (the median of further checks of the same plan).

Goal: under 2 s for one plan on a laptop-class CPU.  Not a test:

    python benchmarks/bench_check.py
    python benchmarks/bench_check.py --chars 16000 --repeat 5
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CN_NUMBERS = "一二三四五六七八九十"


def make_plan(chars: int) -> list[str]:
    """Lines of a county plan of about ``chars`` characters built from the requirements."""
    from policykb.checking import applicable_obligations
    from policykb.corpus import load_corpus

    corpus = load_corpus()
    obligations = applicable_obligations(corpus.obligations, "中宁县")
    lines = ["中宁县2022年移民致富提升行动实施方案", "一、重点任务"]
    size = sum(len(line) for line in lines)
    section = -1
    item = 0
    current = None
    depts = ["县农业农村局", "县人社局", "县民政局", "县住建局", "县教育局", "县卫健局"]
    n = 0
    while size < chars:
        for obligation in obligations:
            key = (obligation.doc_id, tuple(obligation.path[:2]))
            if key != current:
                current = key
                section += 1
                item = 0
                label = CN_NUMBERS[section % 10]
                lines.append(f"（{label}）{obligation.title or '落实重点任务'}")
            item += 1
            text = obligation.text.replace("各县（区）", "各乡镇").replace("全市", "全县")
            line = f"{item}.{text}（责任单位：{depts[n % len(depts)]}）"
            n += 1
            lines.append(line)
            size += len(line)
            if size >= chars:
                break
    return lines


def write_plans(lines: list[str], folder: Path) -> tuple[Path, Path]:
    from docx import Document as DocxDocument

    txt = folder / "bench-plan.txt"
    txt.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docx_path = folder / "bench-plan.docx"
    document = DocxDocument()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(docx_path))
    return txt, docx_path


def fresh_process(path: Path) -> float:
    cli = Path(sys.executable).with_name("policykb")
    command = [str(cli)] if cli.exists() else [sys.executable, "-m", "policykb.cli"]
    start = time.perf_counter()
    subprocess.run(
        [*command, "check", str(path), "--format", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start


def in_process(path: Path, repeat: int) -> dict[str, float]:
    timings: dict[str, float] = {}
    start = time.perf_counter()
    from policykb.corpus import load_corpus

    corpus = load_corpus()
    _ = corpus.obligations
    timings["corpus + obligations"] = time.perf_counter() - start

    start = time.perf_counter()
    from policykb.search.analysis import index_segmenter

    index_segmenter()
    timings["jieba + policy dictionary"] = time.perf_counter() - start

    from policykb.checking import check_plan
    from policykb.documents.plans import read_plan

    start = time.perf_counter()
    document = read_plan(path)
    timings["read plan"] = time.perf_counter() - start

    start = time.perf_counter()
    report = check_plan(document, corpus)
    timings["check (first: corpus word statistics)"] = time.perf_counter() - start
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        check_plan(document, corpus)
        runs.append(time.perf_counter() - start)
    timings["check (warm, median)"] = statistics.median(runs)
    timings["items"] = float(len(report.findings))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chars", type=int, default=8000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()} ({platform.system()})")
    with tempfile.TemporaryDirectory() as tmp:
        lines = make_plan(args.chars)
        txt, docx_path = write_plans(lines, Path(tmp))
        chars = sum(len(line) for line in lines)
        print(f"plan: {chars} characters, {len(lines)} paragraphs")
        for path in (docx_path, txt):
            wall = fresh_process(path)
            print(f"policykb check {path.suffix} in a fresh process: {wall:.2f} s")
        timings = in_process(docx_path, args.repeat)
        items = int(timings.pop("items"))
        print(f"in-process phases ({items} requirement items):")
        for name, seconds in timings.items():
            print(f"  {name:<40} {seconds:6.3f} s")
        total = sum(timings.values()) - timings["check (warm, median)"]
        verdict = "OK" if total < 2.0 else "over the 2 s goal"
        print(f"one plan, cold, in-process total: {total:.2f} s ({verdict})")


if __name__ == "__main__":
    main()
