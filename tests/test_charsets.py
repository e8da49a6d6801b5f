"""Every Vietnamese letter of every charset, both ways, plus the facts each charset is known by."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from repo_paths import REPO

from converters import charsets
from converters.charsets.letters import LETTERS, LOWER, UPPER
from converters.charsets.tables import cp1258 as cp1258_table
from converters.charsets.tables import tcvn3 as tcvn3_table
from converters.charsets.tables import viscii as viscii_table

# The letters TCVN3/ABC cannot write in a normal `.VnTime` font: they exist only as the `.VnTimeH`
# drawing of the small letter's code.
TCVN3_CAPS_ONLY_IN_VNTIMEH = "ÀÁÃẠẶẬÈÉẺẼẸỆỈỊÒÓỎÕỌỘỜỚỞỠỢÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"


def test_letter_set_is_67_plus_67_nfc_letters() -> None:
    assert len(LOWER) == len(UPPER) == 67
    assert len(set(LETTERS)) == 134
    assert all(unicodedata.is_normalized("NFC", ch) and len(ch) == 1 for ch in LETTERS)
    assert "ư" in LOWER and "đ" in LOWER and "Ỵ" in UPPER


@pytest.mark.parametrize("label", [*charsets.LEGACY_8BIT, "viqr", "utf-8", "utf-16"])
@pytest.mark.parametrize("letter", LETTERS)
def test_every_letter_both_ways(label: str, letter: str) -> None:
    if label == "tcvn3" and letter in TCVN3_CAPS_ONLY_IN_VNTIMEH:
        with pytest.raises(UnicodeEncodeError, match=f"no tcvn3 code for '{letter}'"):
            charsets.encode(letter, label)
        return
    data = charsets.encode(letter, label)
    assert charsets.decode(data, label) == letter
    # inside a word and beside ASCII the letter still comes back alone, nothing merged or split
    assert charsets.decode(charsets.encode(f"x{letter}n {letter}.", label), label) == f"x{letter}n {letter}."


@pytest.mark.parametrize("letter", LOWER)
def test_tcvn3_vntimeh_draws_small_codes_as_capitals(letter: str) -> None:
    data = charsets.encode(letter, "tcvn3")
    assert len(data) == 1 and 0xA1 <= data[0] <= 0xFF
    assert charsets.decode(data, "tcvn3", upper_font=True) == letter.upper()
    assert charsets.encode(letter.upper(), "tcvn3", upper_font=True) == data


def test_tcvn3_known_codes() -> None:
    # TCVN 5712:1993: ư is 0xAD, đ 0xAE, Đ 0xA7, small toned letters from 0xB5, Ắ in a gap at 0xC0,
    # five capitals on the bytes cp1252 leaves undefined
    assert charsets.decode(bytes([0xAD, 0xAE, 0xA7, 0xB5, 0xB8, 0xFE, 0xC0]), "tcvn3") == "ưđĐàáỵẮ"
    assert charsets.decode(b"\x81\x8d\x8f\x90\x9d", "tcvn3") == "ẢÌĨÍÙ"
    assert "".join(ch for ch in UPPER if ch not in charsets.byte_map("tcvn3").values()) == (
        TCVN3_CAPS_ONLY_IN_VNTIMEH)


def test_tcvn3_punctuation_is_the_windows_one() -> None:
    # as in seed 000 and the real .VnTime documents: “hàng miễn thuế”, (1) – (2), ellipsis
    data = b"\x93h\xb5ng mi\xd4n thu\xd5\x94 (1) \x96 (2)\x85 \x91a\x92 \x97 \x95"
    assert charsets.decode(data, "tcvn3") == "“hàng miễn thuế” (1) – (2)… ‘a’ — •"
    assert charsets.decode(b"C\xe9ng h\xdfa x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam", "tcvn3") == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam"
    )


def test_tcvn3_keeps_c0_controls_as_ascii() -> None:
    assert charsets.decode(b"a\x01\x02\x11\tb\r\n", "tcvn3") == "a\x01\x02\x11\tb\r\n"


@pytest.mark.parametrize(("label", "data", "text"), [
    ("viscii", b"\x02\x05\x06\x14\x19\x1e", "ẲẴẪỶỸỴ"),
    ("vps", b"\x02\x03\x04\x05\x06\x10\x11\x12\x13\x14\x15\x19\x1c\x1d", "ẠẬẶẸỆỊỌỘỢỤỰỴẪỮ"),
])
def test_c0_bytes_are_letters_not_line_breaks(label: str, data: bytes, text: str) -> None:
    decoded = charsets.decode(b"line " + data + b"\nnext", label)
    assert decoded == f"line {text}\nnext"
    assert decoded.count("\n") == 1


def test_known_words_in_each_charset() -> None:
    word = "Tiếng Việt"
    assert charsets.encode(word, "tcvn3") == b"Ti\xd5ng Vi\xd6t"
    assert charsets.encode(word, "vni") == b"Tie\xe1ng Vie\xe4t"
    assert charsets.encode(word, "viscii") == b"Ti\xaang Vi\xaet"
    assert charsets.encode(word, "vps") == b"Ti\x89ng Vi\x8ct"
    assert charsets.encode(word, "cp1258") == b"Ti\xea\xecng Vi\xea\xf2t"
    assert charsets.encode(word, "viqr") == b"Tie^'ng Vie^.t"


def test_vni_reads_variant_spellings_fonts_draw_the_same() -> None:
    # Unikey writes í ì ỵ as single bytes; documents also carry base + modifier, and capitals typed
    # with a small modifier
    assert charsets.decode(b"i\xf9 i\xf8 y\xef Y\xcf O\xe2", "vni") == "í ì ỵ Ỵ Ô"
    assert charsets.decode(b"\xed \xec \xee \xce", "vni") == "í ì ỵ Ỵ"


def test_vni_byte_map_gives_modifiers_as_marks() -> None:
    table = charsets.byte_map("vni")
    assert table[0xF9] == "\u0301"
    assert table[0xE1] == "\u0302\u0301"
    assert table[0xF4] == "ơ" and table[0xD1] == "Đ"
    assert table[0x93] == "“"


def test_byte_map_is_complete_and_matches_decode() -> None:
    for label in (*charsets.LEGACY_8BIT, "cp1252"):
        table = charsets.byte_map(label)
        assert sorted(table) == list(range(256))
        for byte, text in table.items():
            assert charsets.decode(bytes([byte]), label) == unicodedata.normalize("NFC", text)
    assert charsets.byte_map("tcvn3", upper_font=True)[0xAD] == "Ư"
    with pytest.raises(ValueError, match="utf-8 is not a single-byte charset"):
        charsets.byte_map("utf-8")


def test_cp1258_writes_base_plus_tone_when_no_precomposed_letter() -> None:
    assert charsets.encode("á", "cp1258") == b"\xe1"
    assert charsets.encode("ặ", "cp1258") == b"\xe3\xf2"
    assert charsets.decode(b"a\xec", "cp1258") == "á"


def test_cp1252_text_to_bytes_undoes_every_byte() -> None:
    for byte in range(256):
        for read_as in ("cp1252", "latin-1"):
            try:
                text = bytes([byte]).decode(read_as)
            except UnicodeDecodeError:
                text = chr(byte)  # how tools keep cp1252's five undefined bytes
            assert charsets.cp1252_text_to_bytes(text) == bytes([byte])
    undefined = "\u0081\u008d\u008f\u0090\u009d"
    assert charsets.cp1252_text_to_bytes(f"Vi\u00d6t {undefined}") == b"Vi\xd6t \x81\x8d\x8f\x90\x9d"
    assert charsets.cp1252_text_to_bytes("Việt") is None


def test_never_nfkc() -> None:
    # NFKC would turn ª ² ﬁ into a 2 fi; a charset decode must leave compatibility characters alone
    assert charsets.decode(b"\xaa\xb2", "cp1252") == "ª²"
    assert charsets.decode("ﬁ ª".encode(), "utf-8") == "ﬁ ª"


def test_unicode_labels_drop_bom_and_compose() -> None:
    nfd = unicodedata.normalize("NFD", "Tiếng Việt")
    assert charsets.decode(b"\xef\xbb\xbf" + nfd.encode(), "utf-8") == "Tiếng Việt"
    assert charsets.decode("Tiếng Việt".encode("utf-16"), "utf-16") == "Tiếng Việt"
    assert charsets.decode(b"\xfe\xff" + "Việt".encode("utf-16-be"), "utf-16") == "Việt"
    assert charsets.decode(b"plain", "ascii") == "plain"
    with pytest.raises(UnicodeDecodeError):
        charsets.decode(b"\xff", "ascii")


def test_viqr_escapes_and_round_trip() -> None:
    viqr = b"Vie^.t Nam, ddi\\. gnu\\.org a\\\\b DDa^`u"
    assert charsets.decode(viqr, "viqr") == "Việt Nam, đi. gnu.org a\\b Đầu"
    text = "Đi học. Add? (a) u+ C:\\dir don't"
    assert charsets.decode(charsets.encode(text, "viqr"), "viqr") == text


def test_unknown_label_names_the_known_ones() -> None:
    with pytest.raises(charsets.UnknownCharsetError) as err:
        charsets.decode(b"x", "tcvn")
    assert str(err.value) == (
        "unknown charset 'tcvn' (known: tcvn3, vni, viscii, vps, viqr, cp1258, utf-8, utf-16, cp1252, ascii)"
    )


GLIBC = Path("/usr/share/i18n/charmaps")


@pytest.mark.skipif(not GLIBC.is_dir(), reason="no glibc charmaps on this machine")
def test_committed_tables_still_match_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    # the tables are generated, never edited: a hand edit or a stale regeneration shows up here
    monkeypatch.syspath_prepend(str(REPO / "tools"))
    from gen_charsets import glibc_charmap

    assert glibc_charmap("VISCII") == viscii_table.DECODE
    assert {b: c for b, c in glibc_charmap("CP1258").items() if b >= 0x80} == cp1258_table.DECODE
    vn1 = glibc_charmap("TCVN5712-1")
    assert {b: c for b, c in vn1.items() if b >= 0xA0} == {
        b: c for b, c in tcvn3_table.DECODE.items() if b >= 0xA0}
