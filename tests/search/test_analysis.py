"""Folding, segmentation and the whoosh tokenizer."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from policykb.corpus import Corpus
from policykb.search.analysis import PolicyTokenizer, fold, index_segmenter
from policykb.search.dictionary import user_dictionary


def test_fold_unifies_traditional_full_width_and_case() -> None:
    assert fold("養老區") == "养老区"
    assert fold("ＡＢＣ８３２") == "abc832"
    assert fold("各县〈区〉") == fold("各县（区）") == fold("各县(区)") == "各县(区)"
    assert fold("　") == " "


@given(st.text())
def test_fold_keeps_every_offset(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_positions_are_consecutive_and_parts_share_their_words_position() -> None:
    tokens = list(index_segmenter().tokens("社会组织参与乡村振兴"))
    words = [(t, p) for t, p, _, _ in tokens]
    assert ("社会组织", 0) in words
    assert ("社会", 0) in words and ("组织", 0) in words  # parts: same position
    assert ("参与", 1) in words
    assert ("乡村振兴", 2) in words and ("振兴", 2) in words
    assert sorted({p for _, p in words}) == [0, 1, 2]


def test_punctuation_takes_no_position_and_offsets_index_the_original() -> None:
    text = "紧盯“三类监测对象”，加強養老服務"
    tokens = list(index_segmenter().tokens(text))
    positions = sorted({p for _, p, _, _ in tokens})
    assert positions == list(range(len(positions)))
    for term, _, start, end in tokens:
        assert fold(text[start:end]) == term
    terms = {t for t, _, _, _ in tokens}
    assert {"三类监测对象", "监测对象", "养老"} <= terms


def test_whoosh_tokenizer_gives_positions_and_character_offsets() -> None:
    out = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in PolicyTokenizer()("发展农村養老服務", positions=True, chars=True)
    ]
    assert out[0] == ("发展", 0, 0, 2)
    assert ("养老", 2, 4, 6) in out


def test_policy_jargon_stays_whole_in_the_corpus_text(corpus: Corpus) -> None:
    """Every dictionary word the corpus writes is an index term where it is written."""
    segmenter = index_segmenter()
    words = [w for w in user_dictionary().words if re.search(r"[\u4e00-\u9fff]{3,}", w)]
    checked = 0
    missing: list[tuple[str, str]] = []
    for clause in corpus.clauses:
        folded = fold(clause.text)
        present = [w for w in words if w in folded]
        if not present:
            continue
        terms = {t for t, _, _, _ in segmenter.tokens(folded, folded=True)}
        for word in present:
            checked += 1
            if word not in terms:
                missing.append((clause.id, word))
    assert checked > 300
    # a word may lose to a longer overlapping one (乡村振兴 inside 乡村振兴局 is still a
    # part); it must never be cut apart across an index term boundary
    assert len(missing) <= checked // 50, missing[:20]


def test_jargon_is_never_cut_apart() -> None:
    for text, word in [
        ("大力推进“一改三治”", "一改三治"),
        ("实施“出户入园”项目", "出户入园"),
        ("持续巩固“两不愁三保障”成果", "两不愁三保障"),
        ("培育劳务经纪人队伍", "劳务经纪人"),
        ("开展2022年乡村振兴健康保工作", "乡村振兴健康保"),
        ("牵头部门：市人力资源社会保障局", "人力资源社会保障局"),
    ]:
        terms = {t for t, _, _, _ in index_segmenter().tokens(text)}
        assert word in terms, (text, sorted(terms))
