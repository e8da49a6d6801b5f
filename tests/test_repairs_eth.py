"""restore_dj_for_eth: the Đ/đ that CP1258 or VISCII text taken for Latin-1 left as Ð/ð."""

from __future__ import annotations

import pytest

from converters import convert_bytes
from converters.repairs.eth import restore_dj_for_eth


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("Thành phố Ðà Nẵng ðã ðạt", "Thành phố Đà Nẵng đã đạt"),
        ("Quyết định số 16/2003/QÐ-BKHCN của HÐND tỉnh", "Quyết định số 16/2003/QĐ-BKHCN của HĐND tỉnh"),
        ("Biểu B1-2-TMÐT (hoặc TVÐT), DAÐT; Ð/V: UÐNCC", "Biểu B1-2-TMĐT (hoặc TVĐT), DAĐT; Đ/V: UĐNCC"),
        ("ÐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    ],
)
def test_eth_in_vietnamese_words_is_dj(damaged: str, repaired: str) -> None:
    assert restore_dj_for_eth(damaged) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "Bà Guðrún Ðórsdóttir (GUÐRÚN) đến Hà Nội",  # Icelandic names in a Vietnamese text
        "Reykjavík: Ðað er gott, ðú veist.",  # no Vietnamese letter: Icelandic
        "Đà Nẵng đã đạt",
    ],
)
def test_other_eths_and_clean_text_are_left_alone(text: str) -> None:
    assert restore_dj_for_eth(text) == text


def test_conversion_records_the_restoration() -> None:
    conversion = convert_bytes("Ủy ban nhân dân thành phố Ðà Nẵng; số 5/QÐ-UB".encode())
    assert conversion.text == "Ủy ban nhân dân thành phố Đà Nẵng; số 5/QĐ-UB"
    assert "restored Đ from Ð" in {reason for r in conversion.repairs for reason in r.reason.split("; ")}
