"""The text-form repairs: HTML letter references, NFC composition, VIQR; and the registry's order."""

from __future__ import annotations

import unicodedata

from converters.repairs import CHARSET_AWARE, REPAIRS
from converters.repairs.entities import decode_html_entities
from converters.repairs.unicode_forms import normalize_nfc
from converters.repairs.viqr import decode_viqr_text, viqr_evidence


def test_registry_order_and_names() -> None:
    order = ["decode_html_entities", "peel_utf8_layers", "normalize_nfc", "decode_viqr",
             "undo_legacy_mojibake", "restore_dj_for_eth", "restore_pdf_symbols", "restore_lost_u"]
    assert list(REPAIRS) == order
    assert set(CHARSET_AWARE) == {"undo_legacy_mojibake"}
    assert REPAIRS["undo_legacy_mojibake"][1].format(charset="vni") == "decoded vni"


def test_html_references_only_for_vietnamese_letters() -> None:
    assert decode_html_entities("Vi&#7879;t &#x110;&#x1EA1;i &#273;&#7897;c") == "Việt Đại độc"
    untouched = "&amp; &lt;b&gt; &#8217; &#65; &#x27; &#99999999;"
    assert decode_html_entities(untouched) == untouched


def test_named_references_are_decoded_in_vietnamese_text_only() -> None:
    # Older editors wrote Latin-1's letters by name and the others by number.
    vietnamese = ("&#272;&#7873; t&agrave;i c&#7845;p Nh&agrave; n&#432;&#7899;c, "
                  "k&yacute; t&ecirc;n &amp; &copy;")
    assert decode_html_entities(vietnamese) == "Đề tài cấp Nhà nước, ký tên &amp; &copy;"
    for foreign in ("Caf&eacute; cr&egrave;me &amp; d&eacute;j&agrave; vu", "Gr&uuml;&szlig;e &#169;"):
        assert decode_html_entities(foreign) == foreign


def test_nfc_composes_nfd_and_cp1258_marks() -> None:
    nfd = unicodedata.normalize("NFD", "Tiếng Việt có dấu: hoà, hòa")
    assert normalize_nfc(nfd) == "Tiếng Việt có dấu: hoà, hòa"
    assert normalize_nfc("Ba\u0309n") == "Bản"
    same = "Tiếng Việt"
    assert normalize_nfc(same) is same


def test_viqr_is_decoded_only_with_evidence() -> None:
    assert decode_viqr_text("Chu'ng to^i cho ra(`ng kho^ng co' tra'ch nhie^.m") == (
        "Chúng tôi cho rằng không có trách nhiệm"
    )
    english = "Who's there? Don't go. See e.g. the man page (1), it's fine."
    assert decode_viqr_text(english) == english
    assert viqr_evidence(english)[0] < 3
    assert decode_viqr_text("Việt Nam ddi") == "Việt Nam ddi"  # not ASCII: not VIQR


def test_viqr_with_a_few_non_ascii_letters_is_still_viqr() -> None:
    page = "Ba?n di.ch ta`i lie^.u cu?a Vie^.t Nam, na(m 1998: ½ so^' trang.\n" * 4
    text = page + "Ngu+o+`i di.ch: o^ng François Mercier.\n"
    assert decode_viqr_text(text) == (
        "Bản dịch tài liệu của Việt Nam, năm 1998: ½ số trang.\n" * 4
        + "Người dịch: ông François Mercier.\n")
    mixed = "Tài liệu về Việt Nam, bản dịch mới: ba?n di.ch mo+'i cu?a no' la` tra(m trang."
    assert decode_viqr_text(mixed) == mixed  # Unicode Vietnamese: not VIQR
