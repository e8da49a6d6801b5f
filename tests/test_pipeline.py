"""The conversion pipeline: detection + repairs recorded as replayable steps with reviewable spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from converters import REVIEW_THRESHOLD, convert_bytes, convert_file, convert_runs, convert_text
from converters.charsets import encode
from converters.formats.base import Run
from converters.pipeline import replay

SEED = next((Path(__file__).resolve().parent.parent / "corpus").glob("000_*.txt"), None)


def test_repairs_point_at_their_text_and_replay() -> None:
    source = "Thùc hiÖn §iÒu lÖ, ®îc sù nhÊt trÝ cña Bé Néi vô, nớc ta nh ngêi d©n"
    result = convert_text(source)
    assert result.text == "Thực hiện Điều lệ, được sự nhất trí của Bộ Nội vụ, nước ta như người dân"
    assert result.encoding == "tcvn3"
    assert result.steps == ("undo_legacy_mojibake", "restore_lost_u")
    for repair in result.repairs:
        assert result.text[repair.start : repair.end] == repair.after
    # sure changes on a line are one record up to the doubtful `ngêi`, which stands alone
    assert [(r.before, r.after, r.reason, r.confidence) for r in result.repairs] == [
        ("Thùc hiÖn §iÒu lÖ, ®îc sù nhÊt trÝ cña Bé Néi vô, nớc ta nh",
         "Thực hiện Điều lệ, được sự nhất trí của Bộ Nội vụ, nước ta như",
         "decoded tcvn3; restored ư from context", 0.9),
        ("ngêi", "người", "decoded tcvn3; restored ư from context", 0.7),
        ("d©n", "dân", "decoded tcvn3", 0.97),
    ]
    assert replay(source, result.steps, result.encoding) == result.text


def test_sure_changes_are_recorded_once_per_line() -> None:
    source = "®îc sù nhÊt trÝ\ncña Bé Néi vô nh ®Êt nớc\nTh«ng b¸o"
    result = convert_text(source, source_encoding="tcvn3")
    assert result.text == "được sự nhất trí\ncủa Bộ Nội vụ như đất nước\nThông báo"
    # `trÝ\ncña` and `nớc\nTh«ng` are space-separated chunks across a line break: each stands alone
    both = "decoded tcvn3; restored ư from context"
    assert [(r.start, r.end, r.before, r.after, r.reason, r.confidence) for r in result.repairs] == [
        (0, 12, "®îc sù nhÊt", "được sự nhất", both, 0.9),
        (13, 20, "trÝ\ncña", "trí\ncủa", "decoded tcvn3", 0.97),
        (21, 38, "Bé Néi vô nh ®Êt", "Bộ Nội vụ như đất", both, 0.9),
        (39, 49, "nớc\nTh«ng", "nước\nThông", both, 0.97),
        (50, 53, "b¸o", "báo", "decoded tcvn3", 0.97),
    ]


def test_a_doubtful_restoration_splits_a_joined_record() -> None:
    from converters.conversion import Conversion, Repair
    from converters.pipeline import _restore_whole

    text = "Hiệp hội đợc thành lập, nớc ta cha có giao lu với nhiều nớc, nhng đã đợc mời."
    end = text.index("giao lu") + len("giao lu")
    before = "HiÖp héi ®îc thµnh lËp, níc ta cha cã giao lu"
    joined = Repair(0, end, before, text[:end], "decoded tcvn3", 0.97)
    result = _restore_whole(Conversion(text, "tcvn3", 0.9, (joined,), (), None, ("undo_legacy_mojibake",)))
    assert result.text == text.replace("đợc", "được").replace("nớc", "nước").replace(
        "cha", "chưa").replace("lu ", "lưu ").replace("nhng", "nhưng")
    both = "decoded tcvn3; restored ư from context"
    assert [(r.before, r.after, r.reason, r.confidence) for r in result.repairs] == [
        ("HiÖp héi ®îc thµnh lËp, níc", "Hiệp hội được thành lập, nước", both, 0.97),
        ("cha", "chưa", both, 0.7),
        ("cã", "có", both, 0.97),
        ("lu", "lưu", both, 0.7),
        ("nớc, nhng đã đợc", "nước, nhưng đã được", "restored ư from context", 0.97),
    ]
    for repair in result.repairs:
        assert result.text[repair.start : repair.end] == repair.after


def test_doubtful_changes_are_flagged_for_review() -> None:
    source = "Hiệp hội đợc thành lập, nớc ta cha có giao lu với nhiều nớc, nhng đã đợc mời."
    result = convert_text(source)
    assert result.text == (
        "Hiệp hội được thành lập, nước ta chưa có giao lưu với nhiều nước, nhưng đã được mời."
    )
    doubtful = {(r.before, r.after) for r in result.review}
    assert doubtful == {("cha", "chưa"), ("lu", "lưu")}  # valid words changed from context
    assert all(r.confidence < REVIEW_THRESHOLD for r in result.review)


def test_clean_text_records_nothing() -> None:
    result = convert_text("Tiếng Việt đã chuẩn, không cần sửa.")
    assert (result.encoding, result.steps, result.repairs, result.confidence) == ("utf-8", (), (), 1.0)


def test_source_encoding_forces_the_charset() -> None:
    data = encode("Báo cáo tổng kết", "vni")
    assert convert_bytes(data, source_encoding="vni").text == "Báo cáo tổng kết"
    moji = "cã".encode()
    assert convert_bytes(moji).text == "cã"  # too little evidence on its own
    assert convert_bytes(moji, source_encoding="tcvn3").text == "có"
    with pytest.raises(ValueError, match="unknown charset 'klingon'"):
        convert_bytes(b"abc", source_encoding="klingon")


def test_runs_are_grouped_by_font_charset() -> None:
    runs = [
        Run("B¸o c¸o cña ", ".VnTime"),
        Run("Hiệp hội ", "Times New Roman"),
        Run("quyÕt ®Þnh", ".VnTimeH"),
        Run(b" \xae\xeec n\xedc nh n\xedc ng\xeai", ".VnTime"),
    ]
    result = convert_runs(runs)
    assert result.text == "Báo cáo của Hiệp hội quyết định được nước như nước người"  # .VnTimeH as typed
    assert result.encoding == "tcvn3"
    for repair in result.repairs:
        assert result.text[repair.start : repair.end] == repair.after
    # records from different runs on one line join too (the byte run is recorded from its decoded
    # reading); the doubtful `ngời` stands alone
    assert [(r.before, r.after) for r in result.repairs] == [
        ("B¸o c¸o cña Hiệp hội quyÕt ®Þnh đợc nớc nh nớc",
         "Báo cáo của Hiệp hội quyết định được nước như nước"),
        ("ngời", "người"),
    ]
    assert [r.needs_review for r in result.repairs] == [False, True]


def test_words_typed_in_capitals_in_a_capitals_face_read_in_capitals() -> None:
    # TCVN3 has no capital toned vowels: `MôC §ÝCH` in .VnTimeH is printed (and means) MỤC ĐÍCH.
    runs = [
        Run("MôC §ÝCH Vµ Lý DO\n", ".VnTimeH"),
        Run("§Ó ", ".VnTimeH"),
        Run("quyÕt ®Þnh Sè 12\n", ".VnTimeH"),
        Run("Sè nµy", ".VnTime"),
    ]
    result = convert_runs(runs)
    assert result.text == "MỤC ĐÍCH VÀ LÝ DO\nĐể quyết định Số 12\nSố này"
    for repair in result.repairs:
        assert result.text[repair.start : repair.end] == repair.after
    lý = next(r for r in result.repairs if r.start <= result.text.index("LÝ") < r.end)  # ý reads as itself
    assert "capitals" in lý.reason


def test_a_letter_in_a_capitals_face_inside_a_word_is_read_with_its_word() -> None:
    runs = [Run("Dù ¸n ", ".VnTime"), Run("Ê", ".VnTimeH"), Run("n §é", ".VnTime")]
    assert convert_runs(runs).text == "Dự án ấn Độ"


def test_a_capitals_face_heading_whose_last_word_goes_on_in_the_next_run_is_read_in_capitals() -> None:
    runs = [Run("NH÷NG QUY §ÞNH c", ".VnTimeH,Bold"), Run("HUNG\n", ".VnTime,Bold")]
    assert convert_runs(runs).text == "NHỮNG QUY ĐỊNH cHUNG\n"


def test_a_unicode_font_run_is_not_decoded_as_legacy() -> None:
    assert convert_runs([Run("Déjà vu", "Times New Roman"), Run(" café", None)]).text == "Déjà vu café"


@pytest.mark.skipif(SEED is None, reason="corpus/000 is not in the repository")
def test_seed_000_lost_u_kinds_are_restored() -> None:
    text = convert_file(SEED).conversion.text
    for damaged in (" đợc ", " nớc ", " ngời ", "giao lu ", " nhng ", " trng", " th ký"):
        assert damaged not in text, damaged
    for kept in ("thiết tha", "biết ơn", "đa phương", "nước ta", "ra đời", "xa xôi"):
        assert kept in text, kept
    assert "“Nâng cao" in text and "Ỏ" not in text


def test_utf8_given_still_undoes_twice_decoded_utf8() -> None:
    twice = "Chúng tôi cho rằng không có trách nhiệm".encode().decode("cp1252", errors="replace").encode()
    result = convert_bytes(twice, source_encoding="utf-8")
    assert (result.text, result.encoding) == ("Chúng tôi cho rằng không có trách nhiệm", "utf-8")


def test_font_charset_holds_against_a_weaker_reading() -> None:
    # `.VnTime` run: `Phó` is TCVN3 for `Phú` here, as its legacy neighbours show.
    runs = [Run("X©y dùng Tr\xadêng Trung häc phæ th«ng Phó Hßa §«ng", ".VnTime")]
    assert convert_runs(runs).text == "Xây dựng Trường Trung học phổ thông Phú Hòa Đông"


def test_a_doubled_vni_keystroke_is_dropped() -> None:
    runs = [Run("Chuû ñaààu tö, ñòa ñieåm", "VNI-Times")]
    assert convert_runs(runs).text == "Chủ đầu tư, địa điểm"


def test_capital_abbreviations_are_not_lost_u_words() -> None:
    text = "Chỉ tiêu TH KH TH KH năm 2005: TH đạt 95%, KH đạt 100%, TH TH."
    assert convert_text(text).text == text


def test_a_unicode_font_that_holds_tcvn3_is_decided_by_content() -> None:
    # Spreadsheet cells in the workbook default (Arial) typed with a TCVN3 keyboard driver: the font
    # lies, the words are legacy codes; the cell typed in Unicode beside them stays as it is.
    runs = [
        Run("Stt\tTên đơn vị\n", "Times New Roman"),
        Run("1\tC«ng ty\tKÕ ho¹ch n¨m 2005\n2\tSë Tµi chÝnh\n3\tHà Nội\n", "Arial"),
    ]
    assert convert_runs(runs).text == ("Stt\tTên đơn vị\n1\tCông ty\tKế hoạch năm 2005\n2\tSở Tài chính\n"
                                       "3\tHà Nội\n")
