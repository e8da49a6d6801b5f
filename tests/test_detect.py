"""Charset detection from content alone (and from font names): every label, controls, BOMs, hints."""

from __future__ import annotations

import random

import pytest

from converters import convert_bytes
from converters.charsets import LEGACY_8BIT, decode, encode
from converters.detect import detect_8bit, detect_bytes, detect_text, label_scores, vietnamese_words

SAMPLE = (
    "Thực hiện Điều lệ Hiệp hội, được sự nhất trí của Bộ Nội vụ, Hiệp hội các đô thị Việt Nam tiến hành "
    "Đại hội lần thứ hai để đánh giá lại những hoạt động của nhiệm kỳ trước, đồng thời xác định hướng "
    "phát triển trong những năm tới và chương trình hoạt động chủ yếu cho nhiệm kỳ mới."
)


@pytest.mark.parametrize("label", ["tcvn3", "vni", "viscii", "vps", "cp1258"])
def test_8bit_charsets_are_detected_and_decoded_exactly(label: str) -> None:
    found = detect_bytes(encode(SAMPLE, label))
    assert (found.label, found.text) == (label, SAMPLE)
    assert found.confidence >= 0.8
    assert found.runner_up not in (None, label)
    assert not found.unicode_input


@pytest.mark.parametrize("label", ["tcvn3", "vni"])
def test_legacy_read_as_cp1252_is_found_in_utf8(label: str) -> None:
    text = encode(SAMPLE, label).decode("cp1252", errors="replace")
    found = detect_bytes(text.encode("utf-8"))
    assert (found.label, found.reading) == (label, label)


def test_twice_decoded_utf8_is_utf8_with_its_reading() -> None:
    twice = SAMPLE.encode("utf-8").decode("cp1252", errors="replace")
    found = detect_text(twice)
    assert (found.label, found.reading) == ("utf-8", "utf-8-twice")


def test_viqr_is_detected_in_ascii() -> None:
    assert detect_bytes(b"Vie^.t Nam ddo^.c la^.p, tu+. do, ha.nh phu'c").label == "viqr"
    assert detect_bytes(b"Plain English, e.g. this sentence. Don't go.").label == "ascii"


def test_viqr_with_unicode_punctuation_is_still_viqr() -> None:
    text = "“Ba?n di.ch na`y” – la` Ta`i lie^.u Mie^~n phi' cu?a Vie^.t Nam…"
    detection = detect_bytes(text.encode("utf-8"))
    assert detection.label == "viqr"
    assert convert_bytes(text.encode("utf-8")).text == "“Bản dịch này” – là Tài liệu Miễn phí của Việt Nam…"


def test_english_with_unicode_quotes_is_not_viqr() -> None:
    text = "“Don't panic,” she said – e.g. go to the shop. Who's there? Isn't it late…"
    assert detect_text(text).label == "utf-8"
    assert convert_bytes(text.encode("utf-8")).text == text


def test_boms() -> None:
    assert detect_bytes(b"\xef\xbb\xbf" + SAMPLE.encode()).label == "utf-8"
    found = detect_bytes(SAMPLE.encode("utf-16"))
    assert (found.label, found.text) == ("utf-16", SAMPLE)


def _cp1252_read(label: str) -> str:
    return encode(SAMPLE, label).decode("cp1252", errors="replace")


@pytest.mark.parametrize("label", ["tcvn3", "vni"])
@pytest.mark.parametrize("form", ["utf-8-sig", "utf-16"])
def test_legacy_read_as_cp1252_behind_a_bom_is_still_found(label: str, form: str) -> None:
    # Notepad saves "UTF-8" and "Unicode" with a byte-order mark; the mojibake inside is still repaired.
    conversion = convert_bytes(_cp1252_read(label).encode(form))
    assert (conversion.encoding, conversion.text) == (label, SAMPLE)


def test_viqr_behind_a_bom_is_viqr() -> None:
    assert detect_bytes("Vie^.t Nam d-o^.c la^.p".encode("utf-8-sig")).label == "viqr"


@pytest.mark.parametrize("form", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [SAMPLE, "Déjà vu, très café.\nPlain English too."])
def test_utf16_without_a_bom_is_found(form: str, text: str) -> None:
    found = detect_bytes(text.encode(form))
    assert (found.label, found.text) == ("utf-16", text)


@pytest.mark.parametrize(
    "data",
    [b"Hello\x00\x01\x02\x03 binary\x00\x00\x07\x08 junk!!", "Hà Nội".encode("utf-16-le")[:-1],
     encode(SAMPLE, "tcvn3")],
)
def test_bytes_that_are_not_utf16_are_not_taken_for_it(data: bytes) -> None:
    assert detect_bytes(data).label != "utf-16"


@pytest.mark.parametrize(
    "text",
    [
        "Déjà vu: the café “Señor” served crème brûlée à la carte — très cher, naïve.",
        "Größe, Übung und Fußgänger‑Zone: schöne Grüße aus Köln.",
        "Don’t “quote” me – it’s 5 € • ok…",
    ],
)
def test_non_vietnamese_8bit_is_cp1252(text: str) -> None:
    found = detect_bytes(text.encode("cp1252", errors="replace"))
    assert found.label == "cp1252"
    assert found.text == text.encode("cp1252", errors="replace").decode("cp1252")


def test_non_vietnamese_utf8_has_no_reading() -> None:
    found = detect_text("Don’t “quote” me – it’s 5 € • ok… Déjà vu, très café.")
    assert (found.label, found.reading) == ("utf-8", None)


def test_font_name_breaks_the_tie_on_a_short_run() -> None:
    data = encode("đã được", "tcvn3")
    assert detect_8bit(data, fonts=[".VnTime"]).label == "tcvn3"


def test_vietnamese_words_counts_lost_u_words_as_vietnamese() -> None:
    assert vietnamese_words("đợc nớc ngời Việt") == (4, 4)
    assert vietnamese_words("très café à") == (0, 2)


def test_foreign_words_weigh_against_a_doubtful_legacy_reading() -> None:
    from converters.detect import foreign_words

    assert foreign_words("très café für Straße élève Việt") == 5  # Straße is listed as strasse
    text = "Le thé était très chaud à côté du café; où êtes-vous? Ça va, à bientôt."
    assert detect_bytes(text.encode("cp1252")).label == "cp1252"


@pytest.mark.parametrize("label", ["tcvn3", "vni"])
def test_typographic_quotes_at_word_edges_do_not_hide_a_short_legacy_text(label: str) -> None:
    # Word's smart quotes and ellipsis are cp1252 bytes 0x93 0x94 0x85, which TCVN3 and VNI keep as
    # punctuation; every word of this title touches one.
    text = "“Báo cáo” của Bộ…"
    found = detect_8bit(encode(text, label), fonts=[".VnTime" if label == "tcvn3" else "VNI-Times"])
    assert (found.label, found.text) == (label, text)
    assert vietnamese_words(text) == (4, 4)


def test_label_scores_read_only_the_words_outside_printable_ascii_yet_count_as_the_whole_reading() -> None:
    # `label_scores` decodes each distinct word with a byte outside 0x20-0x7E once; the figures must be
    # those of the whole sample read in each charset (random bytes, white space of every kind, C0 codes
    # that VISCII and VPS read as letters, and real TCVN3 and VNI words)
    rng = random.Random(5)
    words = [encode(w, lb) for w in ("Báo cáo", "người", "Đà Nẵng", "tổng kết") for lb in ("tcvn3", "vni")]
    for _ in range(300):
        parts = [rng.choice(words) if rng.random() < 0.3 else
                 bytes(rng.choice((rng.randint(0, 255), 32, 9, 10, 11, 12, 13, rng.randint(97, 122)))
                       for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(0, 20))]
        sample = b" ".join(parts)
        assert label_scores(sample) == {lb: vietnamese_words(decode(sample, lb)) for lb in LEGACY_8BIT}
