"""Index building: the one-pass analyzer yields the filter chain's tokens; short posting lists are inlined."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest
from backend_suite import doc
from repo_paths import shared_path

from index.analysis import _CHAINS, BIGRAMS, BIGRAMS_F, EXACT, FOLDED, SyllableRuns, field_terms
from index.backend import SearchRequest
from index.whoosh_backend import WhooshBackend

TEXTS = ["Nghị định 115/2003/NĐ-CP ngày 1.5, kế hoạch 2006-2010", "Hoà bình THUÝ Kiều",
         "Tie\u0302\u0301ng Việt", "", "a", "Báo cáo tổng kết\nđô thị mới"]


def dump(analyzer, value, **kwargs):
    return [(t.text, getattr(t, "pos", None), getattr(t, "startchar", None), getattr(t, "endchar", None),
             t.boost, getattr(t, "original", None)) for t in analyzer(value, **kwargs)]


@pytest.mark.parametrize("key, analyzer", [(("exact", False), EXACT), (("folded", False), FOLDED),
                                           (("exact", True), BIGRAMS), (("folded", True), BIGRAMS_F)])
@pytest.mark.parametrize("kwargs", [{}, {"positions": True, "chars": True},
                                    {"chars": True, "keeporiginal": True, "start_char": 5, "start_pos": 3},
                                    {"tokenize": False}, {"mode": "index", "boosts": True}])
def test_one_pass_analyzer_gives_the_chain_tokens(key, analyzer, kwargs):
    for text in TEXTS:
        assert dump(analyzer, text, **kwargs) == dump(_CHAINS[key], text, **kwargs)


CODES_AND_FORMS = ("Nghị định 115/2003/NĐ-CP, số 12/NQ-TW ngày 1.5.2004; kế hoạch 2006-2010 (e.g. v.v.)",
                   "a ở an à ạ y ý Ỳ, HOÀ hoà hòa THUÝ thuý thúy khoẻ khỏe quả quý giữa người",
                   "snake_case x- -y a--b NĐ-CP. ./- 3/4/ Đ.Đ đ-đ ĐƯỜNG, thuở tuỳ, oà uỷ",
                   unicodedata.normalize("NFC", unicodedata.normalize("NFD", "Tiếng Việt có dấu: hoà bình")))


def _real_texts() -> list[str]:
    folder = shared_path("realcorpus", "ground-truth")
    return [unicodedata.normalize("NFC", p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


@pytest.mark.parametrize("source", ["codes", "real"])
def test_the_writers_terms_are_the_analyzers_terms(source):
    """`field_terms` (what the writer indexes) against the reference tokenizer + filter chains: the same
    syllable and code terms (counted: the writer ignores their order), and syllables whose pairs are the
    bigrams, in order."""
    texts = list(CODES_AND_FORMS) if source == "codes" else _real_texts()
    assert texts
    for text in texts:
        exact, folded, exact_words, folded_words = field_terms(text)
        assert Counter(exact) == Counter(t.text for t in _CHAINS["exact", False](text))
        assert Counter(folded) == Counter(t.text for t in _CHAINS["folded", False](text))
        assert SyllableRuns(exact_words).terms() == [t.text for t in _CHAINS["exact", True](text)]
        assert SyllableRuns(folded_words).terms() == [t.text for t in _CHAINS["folded", True](text)]


def test_short_posting_lists_are_inlined_and_survive_a_merge(tmp_path):
    backend = WhooshBackend(tmp_path)
    backend.add([doc("a", title="Quy hoạch", text="xylophon hiếm gặp")])
    backend.add([doc("b", title="Kế hoạch", text="báo cáo")])  # second commit merges the first segment
    reader = backend.searcher().reader()
    assert reader.term_info("body_f", "xylophon").is_inlined() is True
    result = backend.search(SearchRequest(q="xylophon"))
    assert [h.id for h in result.hits] == ["a"]
    assert [h.id for h in backend.search(SearchRequest(q='"hiem gap"')).hits] == ["a"]
