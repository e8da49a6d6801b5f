"""The array evaluation of compiled queries agrees with Whoosh: same matches, same BM25F scores.

The index has several segments, deleted documents (replaced ones) and posting lists long enough to span
many blocks, so offsets, deletions and block reading are all exercised.
"""

from __future__ import annotations

import random
from itertools import pairwise

import numpy as np
import pytest
from backend_suite import doc

from index import whoosh_docsets
from index.analysis import folded_form, tokens
from index.backend import SearchRequest
from index.plan import plan
from index.posting_cache import PostingCache
from index.whoosh_backend import WhooshBackend
from index.whoosh_columns import Columns
from index.whoosh_docsets import matching_docs
from index.whoosh_query import compile_query
from index.whoosh_scoring import scored_docs

WORDS = " ".join([
    "báo cáo đô thị quy hoạch phát triển nông thôn hà nội kế hoạch công văn quyết định thuế đất",
    "giao thông xây dựng hiệp hội việt nam năm tổng kết miền trung bão lũ dự án vốn đầu tư",
]).split(" ")
TYPES = ("báo cáo", "công văn", "quyết định")
QUERIES = [
    "đô thị", "do thi", "báo", "bao", "thuế -đất", '"quy hoạch"', '"quy hoach do thi"',
    '"kế hoạch phát triển"', "title:hoạch", 'title:"đô thị"', "giao OR bão", "năm year:2003..2007",
    "year:2005", 'type:"công văn" vốn',
    "-đô", "", "115/2003/NĐ-CP", "nội -hà", "(không có)", "encoding:tcvn3 lũ",
    "bão -year:2003", "year:2004..2010", "year:..2003 đô",
    '"thuế đất đô thị"', '"đô thị -quy hoạch"', '"bão lũ miền" OR "nông thôn hà nội"', '-"đất đô thị"',
]


def _generated(n: int, seed: int, prefix: str = "g") -> list:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        title = " ".join(rng.choices(WORDS, k=rng.randint(3, 7)))
        text = " ".join(rng.choices(WORDS, k=rng.randint(10, 120)))
        if i % 50 == 0:
            text += " Căn cứ Nghị định 115/2003/NĐ-CP."
        docs.append(doc(f"{prefix}{i:04d}", title, text, year=rng.choice([None, 1999, 2003, 2005, 2007]),
                        doc_type=rng.choice(TYPES), encoding=rng.choice(["tcvn3", "vni"]),
                        status="draft" if i % 97 == 0 else "published"))
    return docs


@pytest.fixture(scope="module")
def indexed():
    """The documents of the index, by id: 900, 20 of them replaced."""
    docs = {d.id: d for d in _generated(900, seed=3)}
    docs.update({d.id: d for d in _generated(40, seed=4)[::2]})
    return docs


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    backend = WhooshBackend(tmp_path_factory.mktemp("docsets") / "index")
    docs = _generated(900, seed=3)
    for start in range(0, 900, 300):  # three commits: three segments
        backend.add(docs[start:start + 300])
    backend.add(_generated(40, seed=4)[::2])  # replaces 20 documents: deletions in the old segments
    s = backend.searcher()
    assert len(s.reader().leaf_readers()) > 1 and s.reader().has_deletions()
    return s


@pytest.mark.parametrize("q", QUERIES)
@pytest.mark.parametrize("drafts", [False, True])
def test_matches_and_scores_are_whooshs(searcher, q, drafts):
    query = compile_query(plan(SearchRequest(q=q)).node, include_drafts=drafts)
    columns = Columns("test")
    alive = columns.alive(searcher)
    expected = sorted((hit.docnum, hit.score) for hit in searcher.search(query, limit=None, terms=False))
    expected_docs = np.array([d for d, _ in expected], dtype=np.int64)

    assert matching_docs(searcher, query, alive).tolist() == expected_docs.tolist()
    docs, scores = scored_docs(searcher, query, lambda field: columns.lengths(searcher, field))
    keep = alive[docs]
    assert docs[keep].tolist() == expected_docs.tolist()
    assert scores[keep] == pytest.approx([s for _, s in expected], rel=1e-9)


@pytest.mark.parametrize("q", QUERIES)
def test_kept_posting_lists_give_the_same_answers(searcher, q):
    """A search answered from kept posting arrays (`PostingCache`) answers as one that reads them."""
    query = compile_query(plan(SearchRequest(q=q)).node)
    columns = Columns("test")
    alive = columns.alive(searcher)

    def answer():
        docs, scores = scored_docs(searcher, query, lambda field: columns.lengths(searcher, field))
        return matching_docs(searcher, query, alive).tolist(), docs.tolist(), scores.tolist()

    read = answer()
    kept = PostingCache()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(whoosh_docsets, "POSTINGS", kept)
        assert answer() == read  # filled
        filled = len(kept)
        assert answer() == read  # from the kept arrays
    assert filled == len(kept)  # nothing read twice
    assert filled


def test_the_common_words_span_several_posting_blocks(searcher):
    # Whoosh writes 128 postings a block: a word in most documents needs several.
    assert searcher.doc_frequency("body_f", "do") > 3 * 128


def _syllables(text: str) -> list[str]:
    return [folded_form(w) for w, _s, _e, compound in tokens(text) if not compound]


def _contains(words: list[str], phrase: list[str]) -> bool:
    return any(words[i:i + len(phrase)] == phrase for i in range(len(words) - len(phrase) + 1))


PHRASES = [" ".join(random.Random(n).choices(WORDS, k=3 + n % 3)) for n in range(60)]


@pytest.mark.parametrize("phrase", PHRASES)
def test_a_long_phrase_matches_exactly_the_documents_holding_it(searcher, indexed, phrase):
    """Title or body holds the syllables side by side: counted on the documents themselves, and the same
    as Whoosh's positional `Phrase` (which `test_matches_and_scores_are_whooshs` compares on arrays)."""
    query = compile_query(plan(SearchRequest(q=f'"{phrase}"')).node, include_drafts=True)
    matches = matching_docs(searcher, query, Columns("test").alive(searcher))
    found = {searcher.stored_fields(int(d))["id"] for d in matches}
    words = _syllables(phrase)
    expected = {d.id for d in indexed.values()
                if _contains(_syllables(d.title), words) or _contains(_syllables(d.text), words)}
    assert found == expected
    assert found == {hit["id"] for hit in searcher.search(query, limit=None, terms=False)}


def test_some_long_phrases_have_every_bigram_in_a_document_but_not_the_phrase(searcher, indexed):
    # Otherwise the test above could not tell positions from a conjunction of bigrams.
    loose = 0
    for phrase in PHRASES:
        words = _syllables(phrase)
        for d in indexed.values():
            text = _syllables(d.text)
            pairs = set(pairwise(text))
            loose += all(p in pairs for p in pairwise(words)) and not _contains(text, words)
    assert loose > 10


def test_a_phrase_does_not_run_from_the_title_into_the_text(tmp_path):
    backend = WhooshBackend(tmp_path / "index")
    backend.add([doc("t1", "Báo cáo đô thị", "thị mới và đô thị cũ"), doc("t2", "Báo cáo", "đô thị mới")])
    assert [h.id for h in backend.search(SearchRequest(q='"đô thị mới"')).hits] == ["t2"]


def test_a_phrase_is_found_far_into_a_long_text(tmp_path):
    # Bigram positions of 55,296 and more are UTF-16 surrogates and 4-byte UTF-8 characters in the index.
    backend = WhooshBackend(tmp_path / "index")
    filler = " ".join(["năm"] * 70_000)
    backend.add([doc("far", "Dài", f"{filler} quy hoạch đô thị mới {filler} đô thị cũ"),
                 doc("near", "Ngắn", "đô thị mới quy hoạch")])
    assert [h.id for h in backend.search(SearchRequest(q='"quy hoạch đô thị"')).hits] == ["far"]
    assert [h.id for h in backend.search(SearchRequest(q='"năm đô thị cũ"')).hits] == ["far"]
    assert backend.search(SearchRequest(q='"năm quy hoạch đô thị mới năm"')).total == 1
    assert backend.search(SearchRequest(q='"mới năm đô thị cũ"')).total == 0
