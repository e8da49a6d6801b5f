"""The Vietnamese language model: syllable grammar, frequencies, known word pairs, tokens."""

from __future__ import annotations

import random
import re

import pytest

from converters.language import tokens
from converters.language.lexicon import FLOOR, INVALID, known_pair, logfreq, spelling_score
from converters.language.syllable import is_syllable, other_placement, strip_tone, syllables
from converters.language.tokens import TOKEN, token_counts, word_core
from converters.repairs.lost_letters import WORD

_VALID_TEXT = (
    "a ơ ư y ý ở ừ ăn ăng uống oán yêu yên yểng được người nước như nhưng chưa lưu tư trưng "
    "hoà hòa hoá hóa thuý thúy khoẻ khỏe quý quốc quyết quyền khuya khuỷu ngoài ngoằn giết gì gìn "
    "giữa giường gieo nghiêng nghe nghĩ ghi ghế kiểm kênh kỹ kĩ lý lí ta ra tra xa tới mời đời đa ơn "
    "tha ngời cha lu boong soóc xoong Việt ĐƯỢC Nguyễn"
)
VALID = _VALID_TEXT.split()

_INVALID_TEXT = (
    "ă đợc nớc ngớc nh trng nhng thờng phơng lơng càp kà ca̧ ghà ngha qa cim gê "
    "thé ăng̀ xyz tr ph đ ab nt ưo ôa iê"
)
INVALID_WORDS = _INVALID_TEXT.split()


@pytest.mark.parametrize("word", VALID)
def test_valid_syllables(word: str) -> None:
    assert is_syllable(word)


@pytest.mark.parametrize("word", INVALID_WORDS)
def test_invalid_syllables(word: str) -> None:
    assert not is_syllable(word)


def test_stop_codas_take_only_sac_or_nang() -> None:
    assert [is_syllable(w) for w in ("các", "cạc", "cà", "càc", "cảc", "cãc", "cac")] == [
        True, True, True, False, False, False, False,
    ]


def test_both_tone_placements_are_valid_but_not_others() -> None:
    assert is_syllable("hoà") and is_syllable("hòa")
    assert is_syllable("người") and not is_syllable("ngừơi")  # tone belongs on ơ
    assert is_syllable("thuyền") and not is_syllable("thùyên")


def test_grammar_size_is_a_closed_set() -> None:
    assert 15_000 < len(syllables()) < 40_000
    assert all(s == s.lower() for s in syllables())


def test_strip_tone_keeps_letter_marks() -> None:
    assert strip_tone("người") == "ngươi"
    assert strip_tone("Việt") == "Viêt"


def test_frequencies_prefer_common_words_and_reject_invalid() -> None:
    assert logfreq("được") > logfreq("đuốc") > FLOOR - 1
    assert logfreq("người") > logfreq("ngời")
    assert logfreq("đợc") is None
    assert logfreq("ĐƯỢC") == logfreq("được")
    assert spelling_score("nớc") == INVALID


def test_odd_case_is_penalised() -> None:
    assert spelling_score("bỐ") < spelling_score("bố") == spelling_score("Bố") == spelling_score("BỐ")


def test_known_pairs_come_from_multi_syllable_words() -> None:
    assert known_pair("giao", "lưu") and known_pair("Giao", "Lưu")
    assert known_pair("đa", "phương") and known_pair("thiết", "tha")
    assert not known_pair("giao", "lu")


def test_known_pairs_include_spelled_out_numbers() -> None:
    assert known_pair("mười", "lăm") and known_pair("hai", "mươi") and known_pair("mươi", "mốt")
    assert known_pair("ba", "trăm") and not known_pair("mời", "lăm")




def test_known_pairs_take_either_tone_placement() -> None:
    assert other_placement("tỏa") == "toả" and other_placement("thuý") == "thúy"
    assert other_placement("toán") is None
    assert known_pair("giải", "tỏa") and known_pair("giải", "toả")


def test_tokens_keep_legacy_codes_and_split_on_ascii_punctuation() -> None:
    text = "B¸o c¸o: ®· ®îc, 2006-2010 Sè_NGUY£N “Tiếng” don't"
    assert TOKEN.findall(text) == ["B¸o", "c¸o", "®·", "®îc", "Sè", "NGUY£N", "“Tiếng”", "don", "t"]
    assert word_core("“Tiếng”") == "Tiếng"
    assert word_core("®îc") == "®îc"


@pytest.mark.parametrize("pattern", [TOKEN, WORD])
def test_a_short_line_counts_its_tokens_as_a_long_text_does(pattern: re.Pattern[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # one regex pass over a short line gives the counts, and the order, of the distinct-chunk way
    rng = random.Random(3)
    letters = "ab c\xa0đ.,“”-ệ\x02 12x®"
    lines = ["".join(rng.choice(letters) for _ in range(rng.randint(0, 60))) for _ in range(500)]
    short = [token_counts(line, pattern) for line in lines]
    monkeypatch.setattr(tokens, "SHORT_LINE", -1)
    for line, counts in zip(lines, short, strict=True):
        assert list(token_counts(line, pattern).items()) == list(counts.items())
