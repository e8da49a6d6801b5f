"""Behaviour every `SearchBackend` must have, written once and run against each engine.

A test module subclasses `BackendSuite` and provides a `backend` fixture returning an empty backend
(`tests/test_index_whoosh.py` for Whoosh; the SolrCloud tests reuse the same class).
"""

from __future__ import annotations

import re

import pytest

from archive.document import Document
from index.backend import SearchRequest, SearchResult


def doc(doc_id: str, title: str, text: str, **kw) -> Document:
    return Document(id=doc_id, sha256=doc_id * 8, filename=f"{doc_id}.doc", title=title, text=text, **kw)


DOCS = [
    doc("bc06", "Báo cáo hoạt động của hiệp hội các đô thị Việt Nam",
        "Hiệp hội các đô thị Việt Nam tiến hành đại hội lần thứ II. Hoà bình và phát triển bền vững.",
        year=2006, date="2006-05-12", doc_type="báo cáo", source="Hiệp hội các đô thị Việt Nam",
        format="doc", encoding="tcvn3", collection="hiệp hội"),
    doc("qd03", "Quyết định về thuế đất",
        "Căn cứ Nghị định 115/2003/NĐ-CP của Chính phủ. Bão lũ miền Trung làm thiệt hại đất đai.",
        year=2003, date="2003-02-14", doc_type="quyết định", source="UBND tỉnh Quảng Nam",
        format="doc", encoding="vni", collection="văn bản"),
    doc("kh05", "Kế hoạch phát triển nông thôn",
        "Kế hoạch năm 2005: a ở đâu, an toàn, to lớn, in ấn. Thuý Kiều đọc báo. Đô la và thị trường.",
        year=2005, doc_type="kế hoạch", source="UBND tỉnh Quảng Nam", format="xls", encoding="tcvn3",
        collection="văn bản"),
    doc("cv99", "Công văn về quy hoạch đô thị",
        "Quy hoạch đô thị mới <Hà Nội> & vùng phụ cận. Báo cáo tổng kết quy hoạch.",
        year=1999, doc_type="công văn", source="Bộ Xây dựng", format="pdf", encoding="viscii",
        collection="văn bản"),
    doc("nd01", "Nháp: báo cáo chưa duyệt", "Bản nháp về đô thị, chưa công bố.", year=2001, status="draft"),
]


def ids(result: SearchResult) -> list[str]:
    return [h.id for h in result.hits]


class BackendSuite:
    """Subclass and provide `backend` (empty). `loaded` fills it with `DOCS`."""

    @pytest.fixture
    def loaded(self, backend):
        assert backend.add(DOCS) == len(DOCS)
        return backend

    def find(self, backend, q: str, **kw) -> list[str]:
        return ids(backend.search(SearchRequest(q=q, **kw)))

    # -- accents, tones, analysis -------------------------------------------------------------------
    @pytest.mark.parametrize("q", ["đô thị", "do thi", "Đô Thị", "DO THI"])
    def test_accented_unaccented_and_case_find_the_same_documents(self, loaded, q):
        assert set(self.find(loaded, q)) == {"bc06", "cv99", "kh05"}

    @pytest.mark.parametrize(("q", "expected"), [("hòa bình", ["bc06"]), ("hoà bình", ["bc06"]),
                                                 ("thúy", ["kh05"]), ("thuý", ["kh05"])])
    def test_old_and_new_tone_placement_meet(self, loaded, q, expected):
        assert self.find(loaded, q) == expected

    def test_accented_query_ranks_exact_matches_first(self, loaded):
        assert self.find(loaded, "bão")[0] == "qd03"
        assert self.find(loaded, "báo")[0] != "qd03"
        assert "qd03" in self.find(loaded, "báo")  # folded match, lower boost

    @pytest.mark.parametrize(("q", "expected"), [("a", ["kh05"]), ("ở", ["kh05"]), ("an", ["kh05"]),
                                                 ("to", ["kh05"]), ("in", ["kh05"])])
    def test_one_letter_and_stop_like_syllables_are_searchable(self, loaded, q, expected):
        assert self.find(loaded, q) == expected

    @pytest.mark.parametrize("q", ["115/2003/NĐ-CP", "115/2003/nd-cp", "NĐ-CP", "115"])
    def test_codes_are_searchable_whole_and_in_parts(self, loaded, q):
        assert self.find(loaded, q) == ["qd03"]

    # -- phrases ------------------------------------------------------------------------------------
    def test_phrase_needs_adjacent_words(self, loaded):
        # kh05 has "đô" and "thị" but not side by side.
        assert set(self.find(loaded, '"đô thị"')) == {"bc06", "cv99"}
        assert set(self.find(loaded, '"do thi"')) == {"bc06", "cv99"}

    def test_three_syllable_phrase_is_checked_positionally(self, backend):
        backend.add([doc("x1", "t", "đô thị mới"), doc("x2", "t", "đô thị lớn. Thị mới mở.")])
        # x2 has the bigrams "đô thị" and "thị mới" but not the phrase.
        assert self.find(backend, '"đô thị mới"') == ["x1"]

    # -- operators and filters ----------------------------------------------------------------------
    def test_exclude_and_or(self, loaded):
        assert set(self.find(loaded, "đô thị -quy")) == {"bc06", "kh05"}
        assert set(self.find(loaded, "thuế OR bền")) == {"qd03", "bc06"}

    @pytest.mark.parametrize(("q", "expected"), [
        ("year:2003", {"qd03"}), ("year:2003..2005", {"qd03", "kh05"}), ("year:..2000", {"cv99"}),
        ('type:"quyết định"', {"qd03"}), ("encoding:tcvn3", {"bc06", "kh05"}),
        ("encoding:TCVN3", {"bc06", "kh05"}),
        ('source:"Bộ Xây dựng"', {"cv99"}), ("decade:2000s", {"bc06", "qd03", "kh05"}),
        ('collection:"văn bản" -year:2003', {"kh05", "cv99"}), ("format:pdf OR format:xls", {"kh05", "cv99"}),
    ])
    def test_field_filters(self, loaded, q, expected):
        assert set(self.find(loaded, q)) == expected

    def test_request_filters_and_title_only(self, loaded):
        assert set(self.find(loaded, "", filters={"year": ["2003", "2005"]})) == {"qd03", "kh05"}
        assert set(self.find(loaded, "đô thị", title_only=True)) == {"bc06", "cv99"}
        assert self.find(loaded, "title:thuế") == ["qd03"]

    def test_drafts_only_when_asked(self, loaded):
        assert "nd01" not in self.find(loaded, "nháp")
        assert self.find(loaded, "nháp", include_drafts=True) == ["nd01"]

    # -- ranking, sorting, paging -------------------------------------------------------------------
    def test_title_match_outranks_body_match(self, loaded):
        assert self.find(loaded, "quy hoạch")[0] == "cv99"

    def test_sort_by_date_and_paging(self, loaded):
        assert self.find(loaded, "", sort="newest") == ["bc06", "kh05", "qd03", "cv99"]
        assert self.find(loaded, "", sort="oldest") == ["cv99", "qd03", "kh05", "bc06"]
        page2 = loaded.search(SearchRequest(q="", sort="newest", page=2, per_page=3))
        assert (page2.total, ids(page2), page2.page) == (4, ["cv99"], 2)

    # -- facets, snippets, suggestions --------------------------------------------------------------
    def test_facet_counts_and_histogram(self, loaded):
        result = loaded.search(SearchRequest(q="đô thị"))
        assert result.total == 3
        assert dict(result.facets["year"]) == {"2006": 1, "2005": 1, "1999": 1}
        assert dict(result.facets["decade"]) == {"2000s": 2, "1990s": 1}
        assert dict(result.facets["encoding"]) == {"tcvn3": 2, "viscii": 1}
        assert result.facets["collection"][0] == ("văn bản", 2)
        assert result.histogram == [(1999, 1), (2005, 1), (2006, 1)]

    def test_snippet_is_escaped_html_with_marks(self, loaded):
        hit = loaded.search(SearchRequest(q="hà nội")).hits[0]
        assert hit.id == "cv99"
        assert "&lt;<mark>Hà</mark> <mark>Nội</mark>&gt; &amp;" in hit.snippet
        assert "<" not in re.sub(r"</?mark>", "", hit.snippet)

    def test_long_documents_highlight_past_32k(self, backend):
        backend.add([doc("long", "Dài", "mở đầu. " * 8000 + "Cuối cùng là đô thị.")])
        hit = backend.search(SearchRequest(q="do thi")).hits[0]
        assert "<mark>đô</mark> <mark>thị</mark>" in hit.snippet

    def test_search_inside_one_document(self, loaded):
        passages = loaded.search_inside("bc06", "đô thị")
        assert passages and all("<mark>" in p for p in passages)
        assert loaded.search_inside("qd03", "đô thị") == []
        assert loaded.search_inside("no-such-id", "đô thị") == []

    @pytest.mark.parametrize(("q", "expected"), [("do thi", "đô thị"), ("bao cao", "báo cáo"),
                                                 ("quy hoach do thi", "quy hoạch đô thị"),
                                                 ("do thii", "đô thị")])
    def test_did_you_mean_restores_accents_from_the_index(self, loaded, q, expected):
        assert loaded.search(SearchRequest(q=q)).suggestion == expected

    def test_no_suggestion_for_a_correct_accented_query(self, loaded):
        assert loaded.search(SearchRequest(q="đô thị")).suggestion is None

    def test_json_contract(self, loaded):
        data = loaded.search(SearchRequest(q="do thi", per_page=1)).to_dict()
        assert set(data) >= {"total", "results", "facets", "histogram", "suggestion", "page", "per_page"}
        assert data["total"] == 3 and len(data["results"]) == 1
        assert set(data["results"][0]) >= {"id", "title", "year", "filename", "snippet"}
        assert {"value": "2006", "count": 1} in data["facets"]["year"]

    # -- writing ------------------------------------------------------------------------------------
    def test_add_replaces_by_id_delete_and_clear(self, loaded):
        loaded.add([doc("qd03", "Quyết định mới", "Nội dung thay thế hoàn toàn.", year=2004)])
        assert self.find(loaded, "thuế") == []
        assert self.find(loaded, "thay thế") == ["qd03"]
        assert loaded.ids() == {d.id for d in DOCS}
        loaded.delete(["qd03", "not-there"])
        assert "qd03" not in loaded.ids()
        loaded.clear()
        assert loaded.ids() == set()
        assert loaded.search(SearchRequest(q="")).total == 0
