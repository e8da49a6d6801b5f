"""undo_legacy_mojibake: legacy words read as cp1252, per word and inside a word; nothing else touched."""

from __future__ import annotations

import random

import pytest

from converters import convert_bytes
from converters.charsets import encode
from converters.repairs.mojibake import MOJIBAKE_READINGS, find_mojibake, undo_legacy_mojibake
from converters.repairs.readings import read_all, read_as

TEXT = "Chúng tôi cho rằng không có trách nhiệm pháp lý nào khác đối với việc sử dụng phần mềm này."


def _cp1252(data: bytes) -> str:
    undefined = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
    return "".join(chr(b) if b in undefined else bytes([b]).decode("cp1252") for b in data)


@pytest.mark.parametrize("label", ["tcvn3", "vni", "viscii", "vps", "cp1258"])
def test_each_legacy_charset_read_as_cp1252_is_undone(label: str) -> None:
    damaged = _cp1252(encode(TEXT, label))
    assert undo_legacy_mojibake(damaged) == TEXT
    assert find_mojibake(damaged).label == label


def test_twice_decoded_utf8_with_lost_bytes_is_undone() -> None:
    damaged = TEXT.encode().decode("cp1252", errors="replace")
    assert "\ufffd" in damaged
    assert undo_legacy_mojibake(damaged) == TEXT
    assert find_mojibake(damaged).label == "utf-8-twice"


@pytest.mark.parametrize(
    "text",
    [
        # a lost byte that no fill makes a syllable is Đ, the one Vietnamese letter among them (C4 90)
        "Theo Nghị định số 24/2000/NĐ-CP, báo cáo TNLĐ được gửi cho các doanh nghiệp và người lao động.",
        # ề / ọ / ỏ / ờ differ only in the lost byte: the neighbours decide
        "Phát triển bền vững là mục tiêu chung của chương trình. Ủy ban nhân dân tỉnh đã chỉ đạo các sở,"
        " ngành liên quan phối hợp thực hiện việc giải tỏa mặt bằng, bồi thường và hỗ trợ tái định cư cho"
        " các hộ dân trong khu vực dự án theo đúng quy định của pháp luật hiện hành.",
        # Ố (E1 BB 90) makes `đỐi`: no writer puts a capital inside a small-letter word
        "Nghiên cứu vòng đời cây cao su trong các nông trường của tỉnh và bảo vệ môi trường.",
    ],
)
def test_twice_decoded_utf8_lost_bytes_follow_the_letters_and_neighbours(text: str) -> None:
    damaged = text.encode().decode("cp1252", errors="replace")
    assert "\ufffd" in damaged
    assert undo_legacy_mojibake(damaged) == text


def test_mixed_words_and_mixed_letters() -> None:
    assert undo_legacy_mojibake("Trõ đèi với -h và -L, mọi thö nghiệm có liªn quan đÕn tËp tin") == (
        "Trừ đối với -h và -L, mọi thử nghiệm có liên quan đến tập tin"
    )


def test_valid_latin1_words_follow_the_document() -> None:
    # Wholly legacy text: `có` here is TCVN3 for `cú`; in mostly Unicode text `có` stays.
    legacy = _cp1252(encode("lỗi cú pháp của biểu thức và của hàm, sai cú pháp thì báo lỗi ngay", "tcvn3"))
    assert "có" in legacy
    assert undo_legacy_mojibake(legacy).startswith("lỗi cú pháp")
    assert undo_legacy_mojibake("Tôi có một quyển sách, " + _cp1252(encode("các bạn đã đọc", "tcvn3"))) == (
        "Tôi có một quyển sách, các bạn đã đọc"
    )


def test_a_legacy_text_with_a_few_typed_words_weighs_its_latin1_words_by_their_neighbours() -> None:
    # four words typed in Unicode with letters no byte gives (`phẩm`, `lượng`) show that words were typed:
    # the text is not taken as wholly legacy, so a typed `giá` in `đánh giá` stays (TCVN3 would read `giỏ`)
    paragraph = ("Kiểm tra chất lượng sản phẩm mới trong phòng thí nghiệm của trung tâm, so sánh với kết "
                 "quả đo đạc ngoài hiện trường và lập báo cáo tổng kết khoa học gửi hội đồng nghiệm thu. ")
    typed = (5, 40, 77, 120)  # phẩm, lượng, lượng, thí stay Unicode
    words = [w if i in typed else _cp1252(encode(w, "tcvn3")) for i, w in enumerate((paragraph * 12).split())]
    tail = [_cp1252(encode(word, "tcvn3")) for word in ("Phương", "pháp", "đánh")] + ["giá"]
    tail += [_cp1252(encode(word, "tcvn3")) for word in ("các", "kết", "quả.")]
    assert undo_legacy_mojibake(" ".join(words + tail)).endswith("Phương pháp đánh giá các kết quả.")


def test_western_words_in_a_legacy_text_stay() -> None:
    # a name or word that is a syllable under neither reading is decoded in a wholly legacy text, unless
    # it is a common word of a Western language (before: `Mỹller`, `seủor`, `Zỹrich`)
    legacy = _cp1252(encode("Báo cáo của ông về dự án hợp tác với Đức, năm 2005 được thông qua", "tcvn3"))
    words = legacy.split()
    words[3:3], words[-4:-4] = ["Müller"], ["señor", "Zürich"]
    assert undo_legacy_mojibake(" ".join(words)) == (
        "Báo cáo của Müller ông về dự án hợp tác với Đức, năm señor Zürich 2005 được thông qua"
    )


def test_smart_quotes_and_dashes_stay_punctuation() -> None:
    assert undo_legacy_mojibake("vÒ “N©ng cao n¨ng lùc” – ®« thÞ") == "về “Nâng cao năng lực” – đô thị"


def test_pdf_minus_for_soft_hyphen() -> None:
    assert read_as("n\u2212íc", "tcvn3") == "nước"
    assert read_as("n\u2212íc", "vni") is None or read_as("n\u2212íc", "vni") != "nước"


@pytest.mark.parametrize(
    "text",
    [
        "Déjà vu, très café à la française.",
        "Größe, Übung, Fußgängerzone, schöne Grüße.",
        "It’s “quoted” – and that’s all… 5 € • ok",
        "Hà Nội, Việt Nam — thủ đô nghìn năm văn hiến.",
    ],
)
def test_text_without_evidence_is_unchanged(text: str) -> None:
    assert undo_legacy_mojibake(text) == text
    assert find_mojibake(text).label is None


def test_forced_charset_decodes_a_short_text() -> None:
    assert undo_legacy_mojibake("quyÕt ®Þnh", charset="tcvn3") == "quyết định"
    assert undo_legacy_mojibake("quyÕt ®Þnh") == "quyết định"  # two legacy words, nothing against
    assert undo_legacy_mojibake("®Þnh") == "định"  # one word alone: no language spells a word so
    assert undo_legacy_mojibake("cã") == "cã"  # one word of two letters is too little evidence
    assert set(MOJIBAKE_READINGS) >= {"tcvn3", "vni", "utf-8-twice"}


# Tokens read through every charset: legacy words, marks to compose (VNI, CP1258), typed Unicode letters
# beside byte characters, PDF stand-ins for TCVN3 bytes, C0 letters of VISCII and VPS, U+FFFD.
TOKENS = ["B¸o", "®îc", "Vie\xe4t", "Tu\xf8y", "hoa\xf8", "a\xf8\xf8", "đèi", "n\u2212íc", "\u2219", "khÃ´ng",
          "TÃ\ufffdC", "\x02\x05", "Việt", "“Tiếng”", "ÂÃÄ", "\x81\x8d", "e\xe4\u0301", "\u01b0\xf8",
          "Ã", "á»", "Ã©x", "í\xa0\x80", "ð\x9f\x98\x80", "€", "Ã©\u0111", ""]


@pytest.mark.parametrize("label", MOJIBAKE_READINGS)
def test_reading_tokens_together_reads_each(label: str) -> None:
    assert read_all(TOKENS, label) == [read_as(token, label) for token in TOKENS]


def test_reading_random_bytes_together_as_twice_decoded_utf8_reads_each() -> None:
    # Truncated, overlong and stray sequences: each token must read alone as it does among the others.
    rng = random.Random(5)
    pool = [*range(0x41, 0x5B), *range(0x80, 0x100)]
    tokens = [bytes(rng.choices(pool, k=rng.randint(1, 6))).decode("latin-1") for _ in range(3000)]
    tokens += [ch.encode().decode("cp1252", "replace") for ch in "ếđƯ😀ạ"]
    assert read_all(tokens, "utf-8-twice") == [read_as(token, "utf-8-twice") for token in tokens]


def test_a_word_valid_as_it_is_reads_through_tcvn3_when_its_reading_lost_its_u() -> None:
    # With the soft hyphens stripped, `giường` is `giêng` (valid Unicode: tháng giêng) whose TCVN3 reading
    # `giờng` is a syllable only with its `ư` back; in a text that shows the damage, that counts
    text = "Bệnh viện có nhiều giường bệnh. Tiền giường bệnh theo ngày được tính cho người bệnh nằm viện."
    legacy = _cp1252(encode(text, "tcvn3")).replace("\xad", "")
    assert "giêng" in legacy
    assert convert_bytes(legacy.encode()).text == text
    # where no `ư` was lost, a typed `giêng` stays
    mixed = _cp1252(encode("Bệnh viện có nhiều giường bệnh, được tính cho người bệnh", "tcvn3"))
    mixed += " tháng giêng"
    assert convert_bytes(mixed.encode()).text.endswith("người bệnh tháng giêng")
