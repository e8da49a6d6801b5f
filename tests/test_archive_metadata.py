"""Metadata guesses from real document headings (quoted from the real corpus transcripts)."""

from __future__ import annotations

import doctest

import pytest
from repo_paths import shared_path

import archive.metadata
from archive.metadata import detect_language, extract

QD_991 = """ỦY BAN NHÂN DÂN         \tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BÌNH PHƯỚC                                    Độc lập - Tự do - Hạnh phúc

  Số: 991/QĐ-UBND                                           Đồng Xoài, ngày 14 tháng5 năm 2008

QUYẾT ĐỊNH
Về việc phê duyệt Kế hoạch thực hiện quy hoạch sử dụng rừng, đất rừng
và đất chuyển ra khỏi lâm phần sau rà soát quy hoạch 03 loại rừng

ỦY BAN NHÂN DÂN TỈNH

\tCăn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;
"""
ND_115 = """Nghị định của Chính phủ số 115/2003/NĐ-CP
ngày 10/10/2003 về chế độ công chức dự bị.

Chính phủ

Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;
"""
QD_256 = """ủy Ban Nhân Dân \t         Cộng hòa xã hội chủ nghĩa việt nam
thành phố cần thơ \t                   Độc lập - Tự do - Hạnh phúc

  Số:  256 /2004/QĐ-UB  \t                 TP.Cần Thơ, ngày  01 tháng  7 năm 2004

QUYẾT ĐỊNH của ủY BAN NHÂN DÂN THÀNH PHỐ cần thơ
V/v ban hành Chương trình Cải cách hành chính của thành phố Cần Thơ giai đoạn 2004 - 2010
"""
TT_13 = """Thông tư
của Bộ Tài chính Số 13/2001/TT-BTC ngày 8 tháng 3 năm 2001 Hướng dẫn thực hiện quy định về thuế đối với các
hình thức đầu tư theo Luật đầu tư nước ngoài

- Căn cứ Luật đầu tư nước ngoài tại Việt Nam được Quốc hội thông qua ngày 12/11/1996;
"""
REPORT_2006 = """ Báo cáo hoạt động của  hiệp hội các đô thị Việt Nam

tại đại hội lần thứ II  (2006-2010)
Thực hiện Điều lệ Hiệp hội, được sự nhất trí của Bộ Nội vụ, Hiệp hội các đô thị Việt Nam tiến hành Đại hội
"""


@pytest.mark.parametrize(("text", "filename", "expected"), [
    (QD_991, "2008-23.QD-991-UBND.doc",
     {"date": "2008-05-14", "year": 2008, "doc_type": "quyết định",
      "source": "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC",
      "title": "QUYẾT ĐỊNH Về việc phê duyệt Kế hoạch thực hiện quy hoạch sử dụng rừng, đất rừng"}),
    (ND_115, "2004-NghiDinh115_2003.doc",
     {"date": "2003-10-10", "year": 2003, "doc_type": "nghị định", "source": "CHÍNH PHỦ",
      "title": "Nghị định của Chính phủ số 115/2003/NĐ-CP"}),
    (QD_256, "2005-QD-256.doc",
     {"date": "2004-07-01", "year": 2004, "doc_type": "quyết định",
      "source": "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"}),
    (TT_13, "2003-TT132001.doc",
     {"date": "2001-03-08", "year": 2001, "doc_type": "thông tư", "source": "BỘ TÀI CHÍNH"}),
    (REPORT_2006, "000_cf02e17cb00853f7.txt",
     {"date": None, "year": 2006, "doc_type": "báo cáo", "language": "vi",
      "title": "Báo cáo hoạt động của hiệp hội các đô thị Việt Nam"}),
])
def test_real_headings(text: str, filename: str, expected: dict) -> None:
    meta = extract(text, filename=filename)
    assert {k: getattr(meta, k) for k in expected} == expected


def test_cited_dates_are_not_the_documents_date() -> None:
    meta = extract("THÔNG TƯ\nHướng dẫn thuế\nCăn cứ Nghị định số 24/2000/NĐ-CP ngày 31 tháng 7 năm 2000;")
    assert (meta.date, meta.doc_type) == (None, "thông tư")


def test_an_impossible_date_is_skipped() -> None:
    assert extract("Hà Nội, ngày 31 tháng 2 năm 2005\nngày 1 tháng 3 năm 2005").date == "2005-03-01"


@pytest.mark.parametrize(("number", "doc_type", "source"), [
    ("Số: 115/2003/NĐ-CP", "nghị định", "CHÍNH PHỦ"),
    ("Số: 13/2001/TT-BTC", "thông tư", "BỘ TÀI CHÍNH"),
    ("Số: 115/2004/QĐ-TTg", "quyết định", "THỦ TƯỚNG CHÍNH PHỦ"),
    ("Số: 45/KH-UBND", "kế hoạch", None),
    ("Số: 1234/BTC-TCT", "công văn", None),
])
def test_type_and_issuer_from_the_number(number: str, doc_type: str, source: str | None) -> None:
    meta = extract(f"{number}\nV/v triển khai thực hiện")
    assert (meta.doc_type, meta.source) == (doc_type, source)


def test_document_properties_win_for_the_title_unless_they_are_junk() -> None:
    text = "BỘ TÀI CHÍNH\nQUYẾT ĐỊNH\nVề việc ban hành chế độ kế toán"
    assert extract(text, properties={"title": "Chế độ kế toán"}).title == "Chế độ kế toán"
    assert extract(text, properties={"title": "Microsoft Word - QD.doc"}).title == \
        "QUYẾT ĐỊNH Về việc ban hành chế độ kế toán"


def test_year_falls_back_to_the_file_name_then_the_created_property() -> None:
    assert extract("Danh sách", filename="2004-NghiDinh115_2003.doc").year == 2003
    created = {"created": "1999-04-01T00:00:00"}
    assert extract("Danh sách", filename="bang.xls", properties=created).year == 1999
    assert extract("Danh sách", filename="003_ac1d90ba30cb4fb4.txt").year is None


def test_type_from_the_file_name_when_the_text_says_nothing() -> None:
    assert extract("STT Tên đơn vị", filename="2006-Mau22_CKTC_NSH.xls").doc_type == "biểu mẫu"


@pytest.mark.parametrize(("text", "language"), [
    ("Đô thị hóa ngày càng tăng tốc trên quy mô toàn cầu và các thành phố", "vi"),
    ("Urbanisation is accelerating worldwide and cities must face the challenge", "other"),
    ("12 34", None),
])
def test_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_ground_truth_transcripts_all_get_a_year_and_most_a_type() -> None:
    folder = shared_path("realcorpus", "ground-truth")
    metas = [extract(p.read_text(encoding="utf-8"), filename=p.stem + ".doc")
             for p in sorted(folder.glob("*.txt"))]
    assert len(metas) >= 70
    assert all(m.year for m in metas)
    # measured 60 of 81; the rest are statistics sheets that name no document type
    assert sum(m.doc_type is not None for m in metas) >= 58


def test_the_module_example_runs() -> None:
    result = doctest.testmod(archive.metadata)
    assert (result.failed, result.attempted) == (0, 2)
