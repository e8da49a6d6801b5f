"""peel_utf8_layers: legacy mojibake under one or two more layers of UTF-8 read as cp1252."""

from __future__ import annotations

import pytest
from repo_paths import REPO

from converters import convert_bytes, convert_text
from converters.charsets import encode
from converters.pipeline import replay
from converters.repairs.layers import find_layers, peel_utf8_layers

TEXT = ("Đơn đăng ký dự thi của Bộ Nông nghiệp và Phát triển nông thôn, Hà Nội ngày 12 tháng 5 năm 2004.\n"
        "Theo Nghị định số 24/2000/NĐ-CP, báo cáo tai nạn lao động được gửi cho các doanh nghiệp.\n")


def cp1252_read(data: bytes, undefined: str) -> str:
    """`data` read as cp1252, its five undefined bytes as Latin-1 controls (`"latin-1"`) or U+FFFD."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore")
                   or (chr(b) if undefined == "latin-1" else "\ufffd") for b in data)


def legacy_twice(text: str, label: str) -> str:
    """`text` in `label`, read as cp1252 and saved as UTF-8, then read as cp1252 again."""
    return cp1252_read(cp1252_read(encode(text, label), "latin-1").encode(), "fffd")


@pytest.mark.parametrize("label", ["tcvn3", "vni", "viscii", "vps", "cp1258"])
def test_legacy_mojibake_under_a_second_layer_is_decoded_and_named(label: str) -> None:
    damaged = legacy_twice(TEXT, label)
    conversion = convert_text(damaged)
    assert conversion.text == TEXT
    assert conversion.encoding == label
    assert conversion.steps[:2] == ("peel_utf8_layers", "undo_legacy_mojibake")
    assert replay(damaged, conversion.steps, conversion.encoding) == TEXT


@pytest.mark.parametrize("label", ["tcvn3", "vni"])
def test_a_named_charset_is_the_one_under_the_layers(label: str) -> None:
    conversion = convert_bytes(legacy_twice(TEXT, label).encode(), source_encoding=label)
    assert (conversion.text, conversion.encoding) == (TEXT, label)


def test_one_peel_gives_the_first_layer_back_exactly() -> None:
    once = cp1252_read(encode(TEXT, "tcvn3"), "latin-1")
    assert peel_utf8_layers(cp1252_read(once.encode(), "fffd")) == once
    assert peel_utf8_layers(once) == once  # one layer is the mojibake repair's to undo


def test_unicode_through_cp1252_twice_is_peeled_to_the_twice_decoded_layer() -> None:
    double = cp1252_read(TEXT.encode(), "fffd")
    triple = cp1252_read(double.encode(), "fffd")
    found = find_layers(triple)
    assert found is not None and found.text == double and found.evidence.label == "utf-8-twice"
    conversion = convert_bytes(triple.encode())
    assert (conversion.text, conversion.encoding) == (TEXT, "utf-8")
    assert replay(triple, conversion.steps, conversion.encoding) == TEXT


def test_three_layers_over_tcvn3_are_peeled() -> None:
    damaged = cp1252_read(legacy_twice(TEXT, "tcvn3").encode(), "fffd")
    found = find_layers(damaged)
    assert found is not None and found.count == 2
    assert convert_text(damaged).text == TEXT


def test_every_layer_is_explained_in_the_repairs() -> None:
    conversion = convert_text(legacy_twice("Bộ Nông nghiệp và Phát triển nông thôn", "tcvn3"))
    assert [r.reason for r in conversion.repairs] == ["undid UTF-8 read as cp1252; decoded tcvn3"]


def test_peeling_a_layer_is_sure_so_review_lists_what_one_layer_would() -> None:
    # `lÃ–` (TCVN3 `lÖ` under a layer) looks like the syllable `lã` as it is: the peel is still exact
    text = "Tỷ lệ tăng trưởng kinh tế về “công nghiệp” và hệ thống thể chế...\n"
    once = cp1252_read(encode(text, "tcvn3"), "latin-1")
    twice = cp1252_read(once.encode(), "fffd")
    assert convert_text(twice).text == convert_text(once).text == text
    assert convert_text(twice).review == convert_text(once).review == []


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # VISCII's Đ (0xD0) and Ố (0x8F) each lose a byte to U+FFFD: the abbreviation keeps Đ, the
        # syllable between its neighbours is ĐỐI
        ("Theo Nghị định 24/2000/NĐ-CP về điều kiện LĐ và CÂN ĐỐI DỰ TOÁN năm 2004.\n", "viscii"),
        # TCVN3's í (0xDD) and é (0xD0) both lose a byte: the pair with the next word decides
        ("Phòng thí nghiệm của trạm thí nghiệm đã báo cáo kết quả thí điểm.\n", "tcvn3"),
        # CP1258's Đ (0xD0) and Ư (0xDD) both lose a byte: Ï (0xCF) is no Vietnamese letter, and beside
        # an abbreviation (`KH`) a word in capitals is one too
        ("Theo lệnh UĐNCC của xã, Sở KH-ĐT đã gửi báo cáo cho các sở, ngành liên quan.\n", "cp1258"),
        # VNI's capital dot below (0xCF) loses a byte
        ("BÁO CÁO HOẠT ĐỘNG CỦA SỞ KẾ HOẠCH VÀ ĐẦU TƯ NĂM 2004\n", "vni"),
    ],
)
def test_a_byte_lost_to_fffd_is_filled_by_the_word_it_makes(text: str, label: str) -> None:
    damaged = legacy_twice(text, label)
    assert "\ufffd" in damaged
    assert convert_text(damaged).text == text


def test_a_control_character_glued_to_a_word_does_not_hide_its_fill() -> None:
    # Word's field marks (U+001F) stay in extracted text; CP1258's Đ (0xD0) loses a byte to U+FFFD
    once = cp1252_read(encode("hình thức cách chức.\n\x1fĐiều 34. Từ chức", "cp1258"), "latin-1")
    assert peel_utf8_layers(cp1252_read(once.encode(), "fffd")) == once


@pytest.mark.parametrize(
    "text",
    [
        "Déjà vu, très café, naïve façade.",
        "DÃ©jÃ  vu, trÃ¨s cafÃ©.",  # French UTF-8 read as cp1252 once: not a layer over legacy text
        "B¸o c¸o ho¹t ®éng cña hiÖp héi",  # one layer: the mojibake repair's
        "Báo cáo hoạt động của hiệp hội",
        "plain ASCII, code() and https://example.org/a?b=c",
    ],
)
def test_text_that_is_not_a_layer_over_legacy_mojibake_is_left(text: str) -> None:
    assert peel_utf8_layers(text) == text
    assert find_layers(text) is None


def test_controls_are_never_peeled() -> None:
    paragraphs = (REPO / "bench" / "heldout_controls.txt").read_text(encoding="utf-8").split("\n\n")
    for paragraph in paragraphs:
        for data in (paragraph.encode(), paragraph.encode("cp1252")):
            conversion = convert_bytes(data)
            assert "peel_utf8_layers" not in conversion.steps
            assert conversion.text == data.decode("utf-8" if data == paragraph.encode() else "cp1252")
