"""restore_lost_u: the ư that stripped soft hyphens took away, restored from syllables and context."""

from __future__ import annotations

import pytest

from converters.repairs import lost_letters
from converters.repairs.lost_letters import candidates, restore_lost_u

# A paragraph with the damage, so that the repair is switched on; each case is inserted into it.
DAMAGED = "Hiệp hội đợc thành lập, nớc ta có nhiều đô thị, chơng trình hoạt động thờng xuyên. "


def _fix(phrase: str) -> str:
    return restore_lost_u(DAMAGED + phrase)[len(restore_lost_u(DAMAGED)) :]


def test_the_damage_paragraph_itself() -> None:
    assert restore_lost_u(DAMAGED) == (
        "Hiệp hội được thành lập, nước ta có nhiều đô thị, chương trình hoạt động thường xuyên. "
    )


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("đợc", "được"),
        ("nớc ngoài", "nước ngoài"),
        ("giống nh vậy", "giống như vậy"),
        ("nhng mà", "nhưng mà"),
        ("đặc trng", "đặc trưng"),
        ("giao lu văn hoá", "giao lưu văn hoá"),
        ("đầu t nớc ngoài", "đầu tư nước ngoài"),
        ("Tổng th ký", "Tổng thư ký"),
        ("cha có", "chưa có"),
        ("15 triệu ngời", "15 triệu người"),
        ("ĐỢC NỚC", "ĐƯỢC NƯỚC"),
        ("Nhng", "Nhưng"),
        ("Trung ơng", "Trung ương"),
        ("vốn (đầu t) và", "vốn (đầu tư) và"),
        ("lao động:.......ngời, đợc khám:....ngời", "lao động:.......người, được khám:....người"),
        ("|Ngời khai|đầu t|Số", "|Người khai|đầu tư|Số"),
        ("8 giờ/ngời", "8 giờ/người"),
        ("sau mời lăm ngày", "sau mười lăm ngày"),
    ],
)
def test_restored(phrase: str, expected: str) -> None:
    assert _fix(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("ta ra tra xa tới mời đời ơn tha", "ta ra tra xa tới mời đời ơn tha"),
        ("song phơng, đa phơng", "song phương, đa phương"),  # `đa phương` is a word: đa stays
        ("thiết tha, biết ơn, cha mẹ, tối đa, lu mờ", "thiết tha, biết ơn, cha mẹ, tối đa, lu mờ"),
        ("don't 8h v.v", "don't 8h v.v"),
        ("the tr command, a t-shirt", "the tr command, a t-shirt"),
        ("quyền của người dân; c) Chủ trì", "quyền của người dân; c) Chủ trì"),  # a list label
        ("công suất 6 tấn/h, số", "công suất 6 tấn/h, số"),  # a unit
    ],
)
def test_valid_words_and_non_words_are_kept(phrase: str, expected: str) -> None:
    assert _fix(phrase) == expected


def test_nothing_happens_without_the_damage() -> None:
    clean = "Người dân được hưởng lợi, nh là viết tắt, t là một chữ cái."
    assert restore_lost_u(clean) == clean


def test_a_lone_damaged_word_with_a_vietnamese_letter_is_restored() -> None:
    # beside a kept `ư`, one damaged word is too little to change valid words, but `dợc` is no English
    # or abbreviation
    text = "Công ty Tân dợc Hà Nội của thành phố, cha có trụ sở riêng."
    assert restore_lost_u(text + " Người") == text.replace("dợc", "dược") + " Người"


def test_a_text_without_any_plain_u_needs_one_damaged_word() -> None:
    # `ư` is among the commonest letters: a Vietnamese text with none at all has lost every one of them
    damaged = "Vốn đầu t ban đầu của doanh nghiệp t nhân đợc tính theo giá thị trong năm."
    assert restore_lost_u(damaged) == (
        "Vốn đầu tư ban đầu của doanh nghiệp tư nhân được tính theo giá thị trong năm."
    )
    kept = "Vốn đầu t ban đầu của doanh nghiệp t nhân đợc tính, như trên."
    assert restore_lost_u(kept) == "Vốn đầu t ban đầu của doanh nghiệp t nhân được tính, như trên."


def test_a_two_letter_word_with_a_vietnamese_letter_is_no_abbreviation() -> None:
    assert _fix("Năm 2007 ớc đạt 20 tỷ đồng") == "Năm 2007 ước đạt 20 tỷ đồng"


def test_candidates_are_syllables_most_frequent_first() -> None:
    assert candidates("ngời") == ("người",)
    assert candidates("nh") == ("như",)
    assert candidates("được") == ()


# Words whose ư their place decides, with punctuation around them and neighbours near and far.
PLACES = [
    "Kế hoạch đầu t, tổng th ký (nh đã nói) và giao lu: cha có.",
    "“đầu t” nớc ngoài, đợc; ngời ta nói nh vậy… t",
    "một-chuỗi-rất-dài-không-có-khoảng-trắng-nào-cả nh, cha (giao lu)",
    "t. nh! cha? lu… (ngời) [cha] tra, xa, đa-phơng, Tổng th-ký, x(nh), 8h t",
    "nh “cha đợc” giao lu-văn hoá, đầu t/nớc ngoài: 15 ngời.",
    "đầu t/ và 'nh và *cha* và đầu t'",  # not standing free: kept
    "Xđầu " + "(" * 36 + "t tiếp",  # the neighbour that lies within CONTEXT is the end of `Xđầu`
]


def test_a_chunk_is_read_as_its_line_is(monkeypatch: pytest.MonkeyPatch) -> None:
    text = DAMAGED + "\n".join(PLACES)
    by_chunk = restore_lost_u(text)
    assert "đầu tư, tổng thư ký (như đã nói)" in by_chunk
    monkeypatch.setattr(lost_letters, "REPEATED_LINES", 2.0)  # every text is read line by line
    assert restore_lost_u(text) == by_chunk


def test_a_lone_letter_the_document_restores_elsewhere_is_restored_between_words() -> None:
    # `t` becomes `tư` from its neighbours three times; `viện t và` forms no known word, but in this
    # text nothing else leaves a lone t between two words; a split word (`t ỉnh`) stays
    restored = "đầu tư, y tế tư nhân, tư vấn"
    assert _fix("đầu t, y tế t nhân, t vấn") == restored
    text = "đầu t, y tế t nhân, t vấn; bệnh viện t và các t ỉnh"
    assert _fix(text) == restored + "; bệnh viện tư và các t ỉnh"
    assert _fix("y tế t nhân; bệnh viện t và") == "y tế tư nhân; bệnh viện t và"  # restored once only
    # a split word starts its second part with a vowel; before a consonant the letter is a word of its own
    assert _fix("đầu t, y tế t nhân, t vấn; bệnh viện t hiện nay") == restored + "; bệnh viện tư hiện nay"
