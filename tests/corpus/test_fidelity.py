"""Fidelity of the bundled corpus to its source seed.

The corpus Markdown files are a layout repair of a PDF text extraction: paragraphs split by
page breaks are rejoined, the spaces the PDF inserted around digits are removed, headings and
tables get Markdown syntax.  The wording must never change, except for the corrections listed
in each file's ``errata``.  This test proves that: it strips the Markdown syntax and all
whitespace from each body, undoes the errata, and compares the result character by character
with the matching stretch of the seed.

Self-contained on purpose (plain ``yaml`` + ``re``): it must not depend on policykb's parser.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
DEFAULT_SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_2b8bbd034bf1efaa.txt"

# In seed order: each document's stretch runs from its title to the next document's title.
FILES = [
    "01-shzz-zxxd.md",
    "02-mzb-tongzhi.md",
    "03-wqxwc.md",
    "04-jkb-2022.md",
    "05-sdts-2022.md",
    "06-ymzf-2022.md",
]
REQUIRED_KEYS = {"id", "title", "doc_number", "issuers", "level", "region", "year", "errata"}
LEVELS = {"national", "region", "city", "county", "other"}

CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2014\u2018\u2019\u201c\u201d"
CJK_SPACE = re.compile(rf"[{CJK}]\s+|\s+[{CJK}]")
# The only whitespace allowed next to CJK text: the joint issuers 民政部 国家乡村振兴局.
ALLOWED_GAP = "民政部 国家乡村振兴局"
CONTEXT = 30


def _seed_path() -> Path:
    env = os.environ.get("POLICYKB_SEED")
    return Path(env) if env else DEFAULT_SEED


def _squash(text: str) -> str:
    """Remove all whitespace and bold markers."""
    return re.sub(r"\s+", "", text).replace("**", "")


def _split(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"\A---\n(.*?)\n---\n(.*)\Z", text, re.S)
    assert match, f"{path.name}: no front matter block delimited by '---' lines"
    meta = yaml.safe_load(match.group(1))
    assert isinstance(meta, dict), f"{path.name}: front matter is not a mapping"
    return meta, match.group(2)


def _strip_markdown(body: str) -> str:
    """Drop Markdown syntax, keep the text (still with whitespace)."""
    out = []
    for line in body.splitlines():
        stripped = line.strip()
        if re.fullmatch(r"-{3,}", stripped):  # thematic break before the closing text
            continue
        if re.fullmatch(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?", stripped):  # table delimiter
            continue
        if stripped.startswith("|"):  # table row: the cell contents, in order
            stripped = stripped.replace("|", " ")
        stripped = re.sub(r"^#{1,6}\s+", "", stripped)
        out.append(stripped.replace("**", ""))
    return "\n".join(out)


def _normalised_body(meta: dict, body: str) -> str:
    text = _squash(_strip_markdown(body))
    for erratum in meta.get("errata") or []:
        text = text.replace(erratum["corrected"], erratum["original"])
    return text


@pytest.fixture(scope="module")
def seed_stretches() -> dict[str, str]:
    seed = _seed_path()
    if not seed.is_file():
        pytest.skip(f"seed file not found: {seed} (set POLICYKB_SEED to its location)")
    lines = [_squash(line) for line in seed.read_text(encoding="utf-8").splitlines()]
    # A document starts at the line that is exactly its title.  Titles are also quoted inside
    # other documents' text, and listed in the table of contents with dots and page numbers, so
    # a title is matched as a whole line, and each one after the previous document's start.
    starts: list[int] = []
    for name in FILES:
        title = _squash(_split(CORPUS / name)[0]["title"])
        after = starts[-1] + 1 if starts else 0
        found = [i for i in range(after, len(lines)) if lines[i] == title]
        assert found, f"{name}: no seed line is the title {title!r}"
        starts.append(found[0])
    ends = [*starts[1:], len(lines)]
    return {name: "".join(lines[s:e]) for name, s, e in zip(FILES, starts, ends, strict=True)}


def _first_difference(ours: str, theirs: str) -> str:
    n = next(
        (i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b),
        min(len(ours), len(theirs)),
    )
    lo, hi = max(0, n - CONTEXT), n + CONTEXT
    return (
        f"first difference at position {n} (corpus length {len(ours)}, seed length {len(theirs)})\n"
        f"  corpus (errata reversed): …{ours[lo:n]}⟦{ours[n:hi]}⟧…\n"
        f"  seed:                     …{theirs[lo:n]}⟦{theirs[n:hi]}⟧…"
    )


@pytest.mark.parametrize("name", FILES)
def test_body_matches_seed(name: str, seed_stretches: dict[str, str]) -> None:
    meta, body = _split(CORPUS / name)
    ours = _normalised_body(meta, body)
    theirs = seed_stretches[name]
    if ours != theirs:
        pytest.fail(f"{name}: body differs from the seed\n{_first_difference(ours, theirs)}")


@pytest.mark.parametrize("name", FILES)
def test_front_matter(name: str) -> None:
    meta, body = _split(CORPUS / name)
    missing = REQUIRED_KEYS - meta.keys()
    assert not missing, f"{name}: front matter lacks {sorted(missing)}"
    assert name.removesuffix(".md").split("-", 1)[1] == meta["id"], f"{name}: id mismatch"
    assert meta["level"] in LEVELS, f"{name}: bad level {meta['level']!r}"
    assert isinstance(meta["issuers"], list) and meta["issuers"], f"{name}: issuers"
    assert isinstance(meta["errata"], list), f"{name}: errata must be a list"
    first = next(line for line in body.splitlines() if line.strip())
    assert first == f"# {meta['title']}", f"{name}: body must open with '# {meta['title']}'"


@pytest.mark.parametrize("name", FILES)
def test_errata_unique_in_body(name: str) -> None:
    meta, body = _split(CORPUS / name)
    for erratum in meta["errata"]:
        assert set(erratum) >= {"original", "corrected"}, f"{name}: erratum {erratum}"
        for key in ("original", "corrected"):
            assert not re.search(r"\s", erratum[key]), f"{name}: whitespace in {erratum[key]!r}"
        count = body.count(erratum["corrected"])
        assert count == 1, f"{name}: {erratum['corrected']!r} occurs {count} times in the body"
        assert erratum["original"] not in body, f"{name}: uncorrected {erratum['original']!r}"


@pytest.mark.parametrize("name", FILES)
def test_no_bold_markers(name: str) -> None:
    _, body = _split(CORPUS / name)
    bad = [n for n, line in enumerate(body.splitlines(), 1) if "**" in line]
    assert not bad, f"{name}: '**' left on body lines {bad}"


@pytest.mark.parametrize("name", FILES)
def test_no_space_next_to_chinese(name: str) -> None:
    """The PDF put spaces around digits and ASCII ("2022 年"); none may survive.

    Markdown's own spaces (after ``#``, after a ``1.`` list marker, around table pipes) are
    fine; the one deliberate space is the joint issuers' "民政部 国家乡村振兴局" in the title
    and signature lines of mzb-tongzhi.
    """
    meta, body = _split(CORPUS / name)
    allowed_lines = {f"# {meta['title']}", ALLOWED_GAP} if ALLOWED_GAP in meta["title"] else set()
    bad = []
    for n, line in enumerate(body.splitlines(), 1):
        if line in allowed_lines:
            continue
        text = re.sub(r"^(#{1,6}|\d+\.)\s", "", line)
        if text.startswith("|"):
            text = re.sub(r"\s*\|\s*", "|", text)
        bad += [f"line {n}: {m.group()!r}" for m in CJK_SPACE.finditer(text)]
    assert not bad, f"{name}: whitespace next to CJK text: {bad[:10]}"
