"""Close calls in mixed text: words valid both as typed Unicode and as TCVN3, decided by their context."""

from __future__ import annotations

from collections import Counter

import pytest

from converters.language.context import SyllableModel
from converters.repairs.close_calls import (
    LEGACY,
    TYPED,
    DocumentContext,
    DocumentPhrases,
    source_pairs,
    token_source,
    written_elsewhere,
)
from converters.repairs.mojibake import undo_legacy_mojibake

# `dòng` is a Unicode word and TCVN3 for `dũng`; which one only the next word says.
MIXED = "B¸o c¸o cña hiÖp héi c¸c ®« thÞ: {} cảm, {} điện."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MIXED.format("dòng", "dòng"), "Báo cáo của hiệp hội các đô thị: dũng cảm, dòng điện."),
        ("Anh Êy rÊt dòng cảm. C¸c em häc vÒ dòng điện ë tr\xadêng.",
         "Anh ấy rất dũng cảm. Các em học về dòng điện ở trường."),
    ],
)
def test_the_next_word_decides_a_close_call_both_ways(text: str, expected: str) -> None:
    assert undo_legacy_mojibake(text) == expected


def test_bigram_prefers_the_reading_that_forms_a_word_with_its_neighbour() -> None:
    model = SyllableModel()
    assert model.score("dũng", None, "cảm") > model.score("dòng", None, "cảm")
    assert model.score("dòng", None, "điện") > model.score("dũng", None, "điện")
    assert model.score("lưu", "giao", None) > model.score("lu", "giao", None)
    # Without a neighbour the score is the unigram frequency alone.
    assert model.score("dòng", None, None) > model.score("dũng", None, None)


def test_document_cache_lifts_the_words_a_document_uses() -> None:
    plain, seen = SyllableModel(), SyllableModel({"dựng": 4, "nhà": 4})
    assert plain.score("dùng", None, None) > plain.score("dựng", None, None)
    assert seen.score("dựng", None, None) > seen.score("dùng", None, None)
    # The occurrence being judged does not vouch for itself.
    alone, without = SyllableModel({"dựng": 1, "nhà": 7}), SyllableModel({"nhà": 7})
    assert alone.score("dựng", None, None, leave_out=1) == pytest.approx(without.score("dựng", None, None))


# A mixed text (typed Unicode and TCVN3 words) with one `dòng` that no neighbour decides.
DOCUMENT = "B¸o c¸o của hiệp héi các đô thÞ Việt Nam năm nay. Anh ta nói dòng này rÊt đẹp. {}"


@pytest.mark.parametrize(
    ("elsewhere", "read"),
    [
        ("Họ viết dßng khác, dßng thứ ba, dßng cuối.", "nói dòng này"),  # TCVN3 `dßng` is `dòng`
        ("Họ viết dũng khác, dũng thứ ba, dũng cuối.", "nói dũng này"),
    ],
)
def test_the_document_decides_a_close_call_both_ways(elsewhere: str, read: str) -> None:
    assert read in undo_legacy_mojibake(DOCUMENT.format(elsewhere))


def _runs(same: int, other: int) -> Counter:
    return Counter({(LEGACY, LEGACY): same, (TYPED, TYPED): same,
                    (LEGACY, TYPED): other, (TYPED, LEGACY): other})


def test_neighbours_source_counts_where_legacy_words_come_in_runs() -> None:
    context = DocumentContext(Counter(), _runs(same=500, other=10))
    # `dùng` / `dựng` are near in frequency: a run of decoded neighbours decides for the legacy reading,
    # a run of typed ones for the word as it is.
    assert context.weigh("dùng", "dựng", 0.5, None, None, (LEGACY, LEGACY), 0.5)
    assert not context.weigh("dùng", "dựng", 0.5, None, None, (TYPED, TYPED), 0.5)


def test_neighbours_source_counts_for_nothing_where_words_are_mixed_one_by_one() -> None:
    context = DocumentContext(Counter(), _runs(same=500, other=500))
    assert not context.weigh("dùng", "dựng", 0.5, None, None, (LEGACY, LEGACY), 0.5)
    mixed = (LEGACY, TYPED)
    assert context.neighbours(LEGACY, mixed) == pytest.approx(context.neighbours(TYPED, mixed))


def test_source_pairs_count_adjacent_chunks_both_ways() -> None:
    edges = {"B¸o": (LEGACY, LEGACY), "của": (TYPED, TYPED), "2006": (None, None)}
    pairs = source_pairs(["B¸o", "của", "2006", "B¸o"], edges.__getitem__)
    assert pairs == Counter({(LEGACY, TYPED): 1, (TYPED, LEGACY): 1})


def test_token_source() -> None:
    assert token_source("®îc", "được") == LEGACY
    assert token_source("dùng", "dùng") == TYPED
    assert token_source("test", "test") is None
    assert token_source("dùng", None) is None


def test_a_word_valid_neither_way_follows_the_spelling_the_document_uses() -> None:
    words = Counter({"tmục": 3})
    assert written_elsewhere(words, "TMôC", "TMụC") == "TMụC"
    assert written_elsewhere(Counter({"tmôc": 2}), "TMôC", "TMụC") == "TMôC"
    assert written_elsewhere(Counter(), "TMôC", "TMụC") is None


def test_a_reading_in_capitals_needs_a_neighbour_in_capitals() -> None:
    # TCVN3 à is Ổ: a typed `Cà` reads `CỔ`, likely only where capitals come in a run (a heading)
    text = "B¸o c¸o cña hiÖp héi c¸c ®« thÞ ë tØnh Cà Mau năm nay, c«ng ty Cà PHÁN."
    expected = "Báo cáo của hiệp hội các đô thị ở tỉnh Cà Mau năm nay, công ty CỔ PHẦN."
    assert undo_legacy_mojibake(text) == expected


@pytest.mark.parametrize(
    ("elsewhere", "read"),
    [("viÖc ®ã.", "điều đó."), ("viÖc này.", "điều đã.")],
)
def test_the_document_says_which_reading_ends_a_phrase(elsewhere: str, read: str) -> None:
    # a typed `đ` before TCVN3 `ã` reads `đã` as it is and `đó` as TCVN3; where the document surely
    # writes `đó` before a full stop (and never `đã`), a doubtful one there is `đó`
    text = f"B¸o c¸o cña hiÖp héi c¸c ®« thÞ, cã nhiÒu thµnh phè. Chóng t«i ®· häp vÒ {elsewhere}"
    text += " Họ nói về điều đã."
    assert undo_legacy_mojibake(text).endswith(read)


def test_document_phrases_count_sure_pairs_and_phrase_ends() -> None:
    phrases = DocumentPhrases()
    for _ in range(3):
        phrases.add("đó", "trong", ends=False)
    phrases.add("đã", "họ", ends=False)
    assert phrases.partners(["đó"]) == {"trong"} and phrases.partners(["đã", "đó"]) == {"trong", "họ"}
    assert phrases.score("đó", "trong", ends=False) > phrases.score("đã", "trong", ends=False)
    assert phrases.score("đã", "họ", ends=False) > phrases.score("đó", "họ", ends=False)
