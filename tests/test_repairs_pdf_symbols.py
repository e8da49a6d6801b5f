"""restore_pdf_symbols: U+2212 / U+2219 that a PDF gave for TCVN3's ư and ã, inside Vietnamese words."""

from __future__ import annotations

import pytest

from converters import convert_bytes
from converters.repairs.pdf_symbols import restore_pdf_symbols


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("Bộ tr−ởng Bộ Tài chính", "Bộ trưởng Bộ Tài chính"),
        ("nhà n−ớc, đ−ợc và ng−ời", "nhà nước, được và người"),
        ("m∙ số thuế và ng∙ t−", "mã số thuế và ngã tư"),
        ("đầu t− nước ngoài; c− trú", "đầu tư nước ngoài; cư trú"),
        ("TR−ỜNG ĐẠI HỌC", "TRƯỜNG ĐẠI HỌC"),
        ("BỘ T− PHÁP", "BỘ TƯ PHÁP"),
        ("Sở T− pháp Hà Nội", "Sở Tư pháp Hà Nội"),
        ("Số liệu (−ớc tính) và −u tiên", "Số liệu (ước tính) và ưu tiên"),
        ("Năm nay.\n6. −u tiên. −ớc tính: được −u đãi", "Năm nay.\n6. Ưu tiên. Ước tính: được ưu đãi"),
    ],
)
def test_symbols_inside_words_become_letters(damaged: str, repaired: str) -> None:
    assert restore_pdf_symbols(damaged) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "Hàm f(t) = t−1 khi x − y > 0, a∙b = 2",  # maths: beside a digit, alone, or no syllable
        "Vùng −5 °C đến 3−4 ngày",
        "Na+ and H− ions; the Cl− anion; e− beams",  # not Vietnamese: no symbol is a letter there
        "Nhiệt độ − 3 và ∙ dấu đầu dòng",
        "Tiếng Việt không có ký hiệu nào",
    ],
)
def test_maths_symbols_and_other_languages_are_left_alone(text: str) -> None:
    assert restore_pdf_symbols(text) == text


def test_conversion_records_the_restoration() -> None:
    conversion = convert_bytes("Bộ tr−ởng đã ký; m∙ hồ sơ 12".encode())
    assert conversion.text == "Bộ trưởng đã ký; mã hồ sơ 12"
    assert "restore_pdf_symbols" in conversion.steps
    assert [(r.before, r.after, r.reason) for r in conversion.repairs] == [
        ("tr−ởng đã ký; m∙", "trưởng đã ký; mã", "restored ư/ã from a PDF symbol")
    ]
