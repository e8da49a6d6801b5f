"""Vietnamese analyzers: NFC first, case, tone placement, folding (đ → d), no stop list, codes, bigrams."""

from __future__ import annotations

import unicodedata

import pytest

from index.analysis import BIGRAMS, BIGRAMS_F, EXACT, FOLDED, exact_form, fold, folded_form, normalize_tones
from index.highlight import passages, snippet


def texts(analyzer, value: str) -> list[str]:
    return [t.text for t in analyzer(value)]


def test_decomposed_input_is_composed_before_tokenising():
    nfd = unicodedata.normalize("NFD", "Tiếng Việt")
    assert texts(EXACT, nfd) == ["tiếng", "việt"]
    assert texts(FOLDED, nfd) == ["tieng", "viet"]


@pytest.mark.parametrize(("old", "new"), [
    ("hoà", "hòa"), ("thuý", "thúy"), ("khoẻ", "khỏe"), ("hoá", "hóa"), ("tuỳ", "tùy"), ("loà", "lòa"),
])
def test_old_and_new_tone_placement_give_one_form(old, new):
    assert normalize_tones(old) == normalize_tones(new) == new


@pytest.mark.parametrize("word", [
    "quả", "quý", "giữa", "gì", "người", "thuở", "khuya", "hoàng", "thuyền", "quyết", "khuỷu", "ngoài", "của",
    "mưa", "tiếng", "yêu", "ào",
])
def test_canonical_spellings_are_left_alone(word):
    word = unicodedata.normalize("NFC", word)
    assert normalize_tones(word) == word


def test_folding_removes_every_diacritic_and_maps_d_stroke():
    assert fold("Đường") == "Duong"
    assert folded_form("ĐẠI HỘI") == "dai hoi"
    assert texts(FOLDED, "Đà Nẵng, Huế, Cần Thơ") == ["da", "nang", "hue", "can", "tho"]


def test_no_stop_words_and_one_letter_syllables_are_kept():
    # Whoosh's StandardAnalyzer would drop "a", "an", "to", "in", "ở" (one letter, English stop list).
    assert texts(EXACT, "a ở an to in y") == ["a", "ở", "an", "to", "in", "y"]


def test_codes_are_kept_whole_and_as_parts_at_the_same_position():
    tokens = [t.copy() for t in EXACT("theo 115/2003/NĐ-CP ngày", positions=True, chars=True)]
    assert [(t.text, t.pos) for t in tokens] == [
        ("theo", 0), ("115/2003/nđ-cp", 1), ("115", 1), ("2003", 2), ("nđ", 3), ("cp", 4), ("ngày", 5)]
    assert [(t.startchar, t.endchar) for t in tokens][1] == (5, 19)


def test_bigrams_are_adjacent_syllable_pairs_exact_and_folded():
    assert texts(BIGRAMS, "Báo cáo tổng kết") == ["báo cáo", "cáo tổng", "tổng kết"]
    assert texts(BIGRAMS_F, "Báo cáo 115/2003") == ["bao cao", "cao 115", "115 2003"]


def test_bigram_offsets_span_both_syllables():
    first = next(iter(BIGRAMS("đô thị mới", chars=True, positions=True)))
    assert (first.text, first.startchar, first.endchar, first.pos) == ("đô thị", 0, 6, 0)


def test_exact_form_lowercases_and_normalises():
    assert exact_form("HOÀ") == "hòa"
    assert exact_form(unicodedata.normalize("NFD", "Thuý")) == "thúy"


def test_snippets_escape_html_and_mark_folded_matches():
    assert snippet("<b>Hoà bình</b>", {"hoa"}) == "&lt;b&gt;<mark>Hoà</mark> bình&lt;/b&gt;"
    assert snippet("không có gì", {"xyz"}) == "không có gì"


def test_passages_reach_past_the_first_32k_characters():
    text = "mở đầu " * 6000 + "đô thị ở cuối"
    assert len(text) > 32_768
    found = passages(text, {"do", "thi"})
    assert len(found) == 1 and found[0].endswith("<mark>đô</mark> <mark>thị</mark> ở cuối")


def test_snippets_mark_whole_words_only_wherever_they_stand():
    # At the very start, after a letter (not a match), before a letter (not a match), at the end.
    text = "Đô thị; xđô đôx thịnh Thị đô"
    assert snippet(text, {"do", "thi"}) == (
        "<mark>Đô</mark> <mark>thị</mark>; xđô đôx thịnh <mark>Thị</mark> <mark>đô</mark>")


def test_passages_of_several_terms_come_in_reading_order():
    found = passages("thị trấn và đô thị", {"do", "thi", "tran"})
    assert found == ["<mark>thị</mark> <mark>trấn</mark> và <mark>đô</mark> <mark>thị</mark>"]
