"""The text-box story of a Word 97–2003 file, from WordDocument and table streams built in the test."""

from __future__ import annotations

import struct

import pytest

from converters.formats.doc_stories import text_box_story


def _word_file(main: str, boxes: list[str], *, wide_from: int | None = None) -> tuple[bytes, bytes]:
    """A WordDocument stream holding `main` then the text-box story `boxes`, and its table stream.

    The text is one cp1252 piece, or, from character `wide_from` on, a second piece stored as UTF-16.
    """
    text = main + "".join(boxes)
    split = len(text) if wide_from is None else wide_from
    narrow_at, wide_at = 1024, 4096
    word = bytearray(wide_at + 2 * len(text))
    struct.pack_into("<H", word, 32, 14)  # a Word 97 FIB: csw, cslw, cbRgFcLcb
    struct.pack_into("<H", word, 62, 22)
    struct.pack_into("<H", word, 152, 93)
    struct.pack_into("<7i", word, 76, len(main), 0, 0, 0, 0, 0, len(text) - len(main))
    word[narrow_at:narrow_at + split] = text[:split].encode("cp1252")
    word[wide_at:wide_at + 2 * (len(text) - split)] = text[split:].encode("utf-16-le")
    pieces = [(0, split, (2 * narrow_at) | 0x40000000)]
    if split < len(text):
        pieces.append((split, len(text), wide_at))
    cps = [first for first, _, _ in pieces] + [len(text)]
    descriptors = b"".join(struct.pack("<HIH", 0, fc, 0) for *_, fc in pieces)
    plc_pcd = struct.pack(f"<{len(cps)}i", *cps) + descriptors
    clx = b"\x01" + struct.pack("<H", 3) + b"abc" + b"\x02" + struct.pack("<I", len(plc_pcd)) + plc_pcd
    starts = [0]
    for box in boxes:
        starts.append(starts[-1] + len(box))
    plc_txbx = struct.pack(f"<{len(starts)}i", *starts) + bytes(22 * len(boxes))
    table = bytes(16) + clx + plc_txbx
    struct.pack_into("<II", word, 154 + 8 * 33, 16, len(clx))
    struct.pack_into("<II", word, 154 + 8 * 56, 16 + len(clx), len(plc_txbx))
    return bytes(word), table


def test_boxes_come_in_story_order_with_field_results_only() -> None:
    word, table = _word_file("Th©n bµi\r", ["Hép 2\r", "\x08Trang \x13 PAGE \x14" "3\x15\r", "Hép 1\r"])
    assert text_box_story(word, table) == ["Hép 2\r", "Trang 3\r", "Hép 1\r"]


def test_a_piece_stored_as_utf16() -> None:
    word, table = _word_file("Body\r", ["Hép 1\r", "Việt\r"], wide_from=11)
    assert text_box_story(word, table) == ["Hép 1\r", "Việt\r"]


def test_no_text_boxes() -> None:
    word, table = _word_file("Body\r", [])
    assert text_box_story(word, table) == []


def test_a_word_95_file_has_no_story_we_read() -> None:
    word, table = _word_file("Body\r", ["Hép 1\r"])
    word95 = bytearray(word)
    struct.pack_into("<H", word95, 32, 0)  # Word 6/95: no FibRgW97, the story lengths sit elsewhere
    assert text_box_story(bytes(word95), table) == []


def test_a_table_stream_too_short_for_the_fib_is_a_value_error() -> None:
    word, table = _word_file("Body\r", ["Hép 1\r"])
    with pytest.raises(ValueError, match="past the table stream"):
        text_box_story(word, table[:20])
