"""Files whose lines are in different charsets: UTF-8 lines among legacy bytes, two legacy charsets
(raw, and read as cp1252), with the lines' own charset in the change records."""

from __future__ import annotations

import pytest

from converters import convert_bytes
from converters.charsets import encode
from converters.detect import detect_bytes
from converters.pipeline import replay
from converters.repairs.mixed_lines import choose_lines, western_line
from converters.repairs.mojibake import line_charsets, undo_legacy_mojibake
from converters.segments import SAMPLE_BYTES, read_segments

FIRST = [
    "Báo cáo tổng kết hoạt động của hiệp hội các đô thị Việt Nam năm 2005",
    "Thực hiện Điều lệ Hiệp hội, được sự nhất trí của Bộ Nội vụ",
    "Đại hội lần thứ hai đánh giá lại những hoạt động của nhiệm kỳ trước",
]
SECOND = [
    "Kính gửi: Bộ Khoa học và Công nghệ",
    "Căn cứ thông báo về việc tuyển chọn tổ chức và cá nhân chủ trì đề tài",
    "Chúng tôi xin cam đoan những nội dung kê khai trong hồ sơ là đúng sự thật",
]
TEXT = "\n".join(FIRST + SECOND)


def joined(first: bytes | str, second: bytes | str) -> bytes:
    parts = [p.encode() if isinstance(p, str) else p for p in (first, second)]
    return b"\n".join(parts)


def moji(text: str, label: str) -> str:
    return encode(text, label).decode("cp1252", errors="replace")


@pytest.mark.parametrize("first_utf8", [True, False])
def test_utf8_lines_among_tcvn3_bytes_are_read_as_utf8(first_utf8: bool) -> None:
    utf8, tcvn3 = "\n".join(FIRST).encode(), encode("\n".join(SECOND), "tcvn3")
    data = joined(utf8, tcvn3) if first_utf8 else joined(encode("\n".join(FIRST), "tcvn3"),
                                                           "\n".join(SECOND).encode())
    conversion = convert_bytes(data)
    assert (conversion.text, conversion.encoding) == (TEXT, "tcvn3")
    reasons = {r.reason for r in conversion.repairs}
    assert reasons == {"decoded utf-8"}
    utf8_words = "hiệp hội" if first_utf8 else "Bộ Khoa"
    assert any(utf8_words in r.after for r in conversion.repairs)


def test_utf8_lines_between_vni_lines() -> None:
    lines = [line.encode() if i % 2 else encode(line, "vni") for i, line in enumerate(FIRST + SECOND)]
    assert convert_bytes(b"\n".join(lines)).text == TEXT


def test_tcvn3_and_vni_bytes_in_one_file() -> None:
    data = joined(encode("\n".join(FIRST), "tcvn3"), encode("\n".join(SECOND), "vni"))
    conversion = convert_bytes(data)
    assert conversion.text == TEXT
    assert conversion.encoding in ("tcvn3", "vni")
    other = "vni" if conversion.encoding == "tcvn3" else "tcvn3"
    assert f"decoded {other}" in {r.reason for r in conversion.repairs}


def test_tcvn3_and_vni_read_as_cp1252_in_one_text() -> None:
    text = moji("\n".join(FIRST), "tcvn3") + "\n" + moji("\n".join(SECOND), "vni")
    conversion = convert_bytes(text.encode())
    assert (conversion.text, conversion.encoding) == (TEXT, "tcvn3")
    assert [r.reason for r in conversion.repairs if "\n" not in r.before][-1] == "decoded vni"
    assert replay(text, conversion.steps, conversion.encoding) == TEXT
    assert undo_legacy_mojibake(text, "tcvn3") == TEXT


def test_one_charset_files_are_not_split() -> None:
    for label in ("tcvn3", "vni", "viscii", "vps", "cp1258"):
        data = encode(TEXT, label)
        found = detect_bytes(data)
        assert read_segments(data, found) == (found, None)


def test_names_and_abbreviations_keep_the_document_charset() -> None:
    # a line of capitals and abbreviations reads poorly in VNI (`NĐ` is no syllable) and a little in
    # VISCII (`Nứ`): not enough to be read so
    line = "NĐ 44/2008/NĐ-CP CỦA TTCP BỔ SUNG NĐ 198/2004/NĐ-CP VỀ TIỀN SDĐ"
    data = encode("\n".join([*FIRST, line, *SECOND]), "vni")
    assert convert_bytes(data).text == "\n".join([*FIRST, line, *SECOND])
    names = ["Trần Thị Bình, Lê Văn Tám", "Mr. Smith, Paris", SECOND[0]]
    text = "\n".join(moji(line, "tcvn3") if not line.isascii() else line for line in [*FIRST, *names])
    assert line_charsets(text, "tcvn3") is None


@pytest.mark.parametrize(("scores", "main", "expected"), [
    # a line another charset reads and the main one does not
    ([{"tcvn3": (5, 5)}, {"tcvn3": (0, 4), "vni": (4, 4)}], "tcvn3", ["tcvn3", "vni"]),
    # too few words to change alone, between lines of the main charset
    ([{"tcvn3": (5, 5)}, {"tcvn3": (0, 1), "vni": (1, 1)}, {"tcvn3": (3, 3)}], "tcvn3",
     ["tcvn3", "tcvn3", "tcvn3"]),
    # ... and between lines of the other: it follows them, and so do lines with nothing to read
    ([{"tcvn3": (0, 3), "vni": (3, 3)}, {"tcvn3": (0, 1), "vni": (1, 1)}, {},
      {"tcvn3": (0, 3), "vni": (3, 3)}], "tcvn3", ["vni", "vni", "vni", "vni"]),
    # a line both read fully follows its neighbours
    ([{"tcvn3": (0, 3), "vni": (3, 3)}, {"tcvn3": (2, 2), "vni": (2, 2)}], "tcvn3", ["vni", "vni"]),
    # one more word is not enough: half the words are abbreviations the main charset cannot read
    ([{"vni": (4, 9), "viscii": (5, 9)}], "vni", ["vni"]),
    # UTF-8 letters: one word is enough
    ([{"tcvn3": (0, 1), "utf-8": (1, 1)}], "tcvn3", ["utf-8"]),
    # where one charset ends, a short line goes with the one that reads it
    ([{"tcvn3": (4, 4)}, {"tcvn3": (1, 2), "vni": (2, 2)}, {"tcvn3": (0, 3), "vni": (3, 3)}], "tcvn3",
     ["tcvn3", "vni", "vni"]),
    ([{"tcvn3": (4, 4)}, {"tcvn3": (2, 2), "vni": (1, 2)}, {"tcvn3": (0, 3), "vni": (3, 3)}], "tcvn3",
     ["tcvn3", "tcvn3", "vni"]),
    # ... or that reads two words more where the main one reads more than half (VNI `Coõng` is a syllable)
    ([{"vni": (0, 4), "tcvn3": (4, 4)}, {"vni": (5, 8), "tcvn3": (8, 8)}, {"vni": (6, 6), "tcvn3": (0, 6)}],
     "vni", ["tcvn3", "tcvn3", "vni"]),
])
def test_choose_lines(scores: list, main: str, expected: list[str]) -> None:
    assert choose_lines(scores, main) == expected


def test_utf8_file_with_a_cp1252_line_keeps_its_utf8() -> None:
    data = ("\n".join(FIRST) + "\n").encode() + b"Caf\xe9 du matin, prix 5\x80"
    conversion = convert_bytes(data)
    assert (conversion.text, conversion.encoding) == ("\n".join(FIRST) + "\nCafé du matin, prix 5€", "utf-8")


def test_utf8_lines_among_bytes_of_a_named_charset() -> None:
    data = joined(encode("\n".join(FIRST), "vni"), "\n".join(SECOND).encode())
    conversion = convert_bytes(data, source_encoding="vni")
    assert (conversion.text, conversion.encoding) == (TEXT, "vni")
    # the named charset is kept for the other lines, even where another would read them
    data = joined(encode("\n".join(FIRST), "tcvn3"), "\n".join(SECOND).encode())
    assert convert_bytes(data, source_encoding="vni").text.split("\n")[3:] == SECOND


def test_words_typed_in_utf8_inside_legacy_lines() -> None:
    line = encode("Ban chấp hành tại", "tcvn3") + " Hà Nội ".encode() + encode("năm 2005", "tcvn3")
    conversion = convert_bytes(joined(encode("\n".join(FIRST), "tcvn3"), line))
    assert conversion.text == "\n".join(FIRST) + "\nBan chấp hành tại Hà Nội năm 2005"
    assert [(r.after, r.reason) for r in conversion.repairs] == [("Hà Nội", "decoded utf-8")]
    # a cp1252 word beside them in a UTF-8 file
    data = ("\n".join(FIRST) + "\n").encode() + b"Caf\xe9 " + "Hà Nội".encode()
    assert convert_bytes(data).text == "\n".join(FIRST) + "\nCafé Hà Nội"


WESTERN = [
    "Le président a présenté le budget de l'année prochaine à la mairie.",
    "Die Größe des Saals reicht für die Versammlung; Anträge bitte schriftlich.",
    "Don’t panic – the “quick start” guide covers what you need…",
]


@pytest.mark.parametrize("label", ["tcvn3", "vni", "viscii"])
def test_western_utf8_lines_among_legacy_bytes_come_out_as_written(label: str) -> None:
    # appended, and between the legacy lines: each is valid UTF-8 whose words are French, German or
    # English, and no legacy reading of it is Vietnamese
    western = "\n".join(WESTERN).encode()
    first, second = encode("\n".join(FIRST), label), encode("\n".join(SECOND), label)
    for data, lines in [(joined(first + b"\n" + second, western), [*FIRST, *SECOND, *WESTERN]),
                        (joined(first + b"\n" + western, second), [*FIRST, *WESTERN, *SECOND])]:
        conversion = convert_bytes(data)
        assert (conversion.text, conversion.encoding) == ("\n".join(lines), label)
        assert {r.reason for r in conversion.repairs} == {"decoded utf-8"}
        # a charset named by the caller keeps them too
        assert convert_bytes(data, source_encoding=label).text == "\n".join(lines)


def test_legacy_lines_that_are_valid_utf8_by_chance_keep_their_charset() -> None:
    # VISCII `người` is DF B6 in the middle, `Để` D0 AC: valid UTF-8 (`ng߶i`, `Ь`), but no Western words
    line = "Người Để Đến Động Nước"
    data = joined(encode(TEXT, "viscii"), encode(line, "viscii"))
    assert data.split(b"\n")[-1].decode("utf-8")
    assert convert_bytes(data).text == TEXT + "\n" + line


@pytest.mark.parametrize(("line", "western"), [
    (WESTERN[0], True), (WESTERN[1], True), (WESTERN[2], True),
    ("Báo cáo tổng kết hoạt động của hiệp hội", False),
    ("ng߶i Ь Ъn еng n߾c", False),  # VISCII read as UTF-8
    ("Prices start at €12 per month", True),  # English with a symbol outside ASCII
    ("Nguyễn Văn Nam, Trần Thị Bình", False),
])
def test_western_line(line: str, western: bool) -> None:
    assert western_line(line) is western


def long_text(size: int) -> str:
    """Distinct numbered lines of FIRST and SECOND, `size` characters and more."""
    lines, k = [], 0
    while sum(map(len, lines)) < size:
        lines.append(f"{k}. {(FIRST + SECOND)[k % 6]}")
        k += 1
    return "\n".join(lines)


def test_a_second_legacy_charset_appended_past_the_detection_sample_is_found() -> None:
    before = long_text(300 * 1024)
    data = joined(encode(before, "tcvn3"), encode("\n".join(SECOND), "vni"))
    assert len(data) > 4 * SAMPLE_BYTES
    conversion = convert_bytes(data)
    assert (conversion.text, conversion.encoding) == (before + "\n" + "\n".join(SECOND), "tcvn3")
    assert {r.reason for r in conversion.repairs} == {"decoded vni"}
    # one charset throughout: nothing to split, however long
    data = encode(before, "tcvn3")
    assert read_segments(data, detect_bytes(data)) == (detect_bytes(data), None)


@pytest.mark.parametrize("quoted", [
    WESTERN[:2],
    ["La pasta va cotta in acqua salata. Perché riesca bene, la qualità dell'olio conta."],
])
def test_western_lines_in_cp1252_bytes_among_tcvn3_bytes_are_read_as_cp1252(quoted: list[str]) -> None:
    # a letter quoted from a partner, saved by a Western editor; one common word in cp1252 is enough
    # to weigh the lines, and each is read so only when its words are Western and not Vietnamese
    data = joined(joined(encode("\n".join(FIRST), "tcvn3"), "\n".join(quoted).encode("cp1252")),
                  encode("\n".join(SECOND), "tcvn3"))
    conversion = convert_bytes(data)
    assert (conversion.text, conversion.encoding) == ("\n".join([*FIRST, *quoted, *SECOND]), "tcvn3")
    assert {r.reason for r in conversion.repairs} == {"decoded cp1252"}
