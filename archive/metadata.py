"""Metadata read from a converted document: title, date and year, document type, issuing body, language.

Everything here is a guess from the text, the file's own properties and its name; staff corrections are
stored separately (`metadata_overrides`) and win over these guesses, also after re-conversion.

>>> m = extract("BỘ TÀI CHÍNH\\nSố: 13/2001/TT-BTC\\nHà Nội, ngày 8 tháng 3 năm 2001\\n"
...             "THÔNG TƯ\\nHướng dẫn thuế")
>>> (m.title, m.date, m.year, m.doc_type, m.source, m.language)
('THÔNG TƯ Hướng dẫn thuế', '2001-03-08', 2001, 'thông tư', 'BỘ TÀI CHÍNH', 'vi')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date as Date

HEADER_CHARS = 2500  # the heading block of an official document fits well inside this
LINE_MAX = 160  # longer lines are body paragraphs: the dates and years in them are cited, not the document's
TITLE_MAX = 200
YEAR = r"(19[4-9]\d|20[0-4]\d)"

# Number codes in `Số: 115/2003/NĐ-CP` and heading words, mapped to the type names used as facets.
TYPE_CODES = {
    "NĐ": "nghị định", "ND": "nghị định", "QĐ": "quyết định", "QD": "quyết định", "TT": "thông tư",
    "TTLT": "thông tư", "CV": "công văn", "CT": "chỉ thị", "NQ": "nghị quyết", "KH": "kế hoạch",
    "BC": "báo cáo", "TB": "thông báo", "HD": "hướng dẫn", "TTr": "tờ trình", "HĐ": "hợp đồng",
}
TYPE_WORDS = (
    ("nghị định", "nghị định"), ("quyết định", "quyết định"), ("thông tư", "thông tư"),
    ("công văn", "công văn"), ("chỉ thị", "chỉ thị"), ("nghị quyết", "nghị quyết"), ("kế hoạch", "kế hoạch"),
    ("báo cáo", "báo cáo"), ("thông báo", "thông báo"), ("hướng dẫn", "hướng dẫn"), ("tờ trình", "tờ trình"),
    ("hợp đồng", "hợp đồng"), ("luật", "luật"), ("pháp lệnh", "pháp lệnh"), ("biểu mẫu", "biểu mẫu"),
    ("mẫu số", "biểu mẫu"), ("biểu số", "biểu mẫu"), ("đơn đề nghị", "đơn"), ("đơn xin", "đơn"),
    ("đơn đăng ký", "đơn"),
)
FILENAME_TYPES = (
    (r"nghi.?dinh|(?<![a-z])n[dđ](?:cp)?(?=[\d_\-.]|$)|\d+nd", "nghị định"),
    (r"quyet.?dinh|(?<![a-z])q[dđ](?![a-z]{2})|\d+qd", "quyết định"),
    (r"thong.?tu|(?<![a-z])tt(?=\d)", "thông tư"),
    (r"ke.?hoach|(?<![a-z])kh(?=\d)", "kế hoạch"),
    (r"bao.?cao", "báo cáo"),
    (r"(?<![a-z])(?:mau|bieu)", "biểu mẫu"),
)
# Issuer suffixes of document numbers (`…/TT-BTC`), used only when the heading names no issuing body.
ISSUER_CODES = {
    "CP": "CHÍNH PHỦ", "TTg": "THỦ TƯỚNG CHÍNH PHỦ", "BTC": "BỘ TÀI CHÍNH", "BNV": "BỘ NỘI VỤ",
    "BXD": "BỘ XÂY DỰNG", "BTM": "BỘ THƯƠNG MẠI", "NHNN": "NGÂN HÀNG NHÀ NƯỚC",
    "BKH": "BỘ KẾ HOẠCH VÀ ĐẦU TƯ",
    "BKHĐT": "BỘ KẾ HOẠCH VÀ ĐẦU TƯ", "BGDĐT": "BỘ GIÁO DỤC VÀ ĐÀO TẠO", "BYT": "BỘ Y TẾ",
    "QH": "QUỐC HỘI", "UBTVQH": "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
}
BODY_START = re.compile(
    r"^(bộ |ủy ban|uỷ ban|ubnd|hđnd|hội đồng nhân dân|chính phủ|thủ tướng|quốc hội|tổng cục|cục |sở |"
    r"ngân hàng nhà nước|văn phòng|ban |tòa án|viện |tổng công ty|công ty|hiệp hội|trường )", re.IGNORECASE)
MOTTO = re.compile(r"cộng\s*h(?:òa|oà)|độc\s*lập|hạnh\s*phúc|^[-=_.*\s]+$", re.IGNORECASE)
CITATION = re.compile(r"^\W*(căn cứ|xét |theo đề nghị)", re.IGNORECASE)
NUMBER = re.compile(
    r"\bsố\s*:?\s*\d+[\w.]*\s*/\s*(?:" + YEAR + r"\s*/\s*)?([A-ZĐa-z]+)(?:\s*-\s*([A-ZĐa-zđ]+))?",
    re.IGNORECASE)
LONG_DATE = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*" + YEAR, re.IGNORECASE)
SHORT_DATE = re.compile(r"ngày\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*" + YEAR, re.IGNORECASE)
YEAR_IN_TEXT = re.compile(r"(?<!\d)" + YEAR + r"(?!\d)")
VIETNAMESE_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
PLACE = re.compile(r"^(tỉnh|thành phố|tp\.?|quận|huyện|thị xã|xã|phường)\b", re.IGNORECASE)
JUNK_TITLES = re.compile(r"^(microsoft \w+ - |untitled|document\d*$|title$|\W*$)", re.IGNORECASE)


@dataclass
class Metadata:
    title: str = ""
    year: int | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    doc_type: str | None = None
    source: str | None = None
    language: str | None = None
    pages: int | None = None


def extract(text: str, *, filename: str = "", properties: dict[str, str] | None = None,
            pages: int | None = None) -> Metadata:
    """Best guesses for one document from its converted text, format properties and file name."""
    properties = properties or {}
    lines = heading_lines(text)
    number = NUMBER.search("\n".join(line for line in lines if not CITATION.match(line)))
    when = find_date(lines)
    year = int(when[:4]) if when else _year(lines, number, filename, properties)
    return Metadata(
        title=find_title(lines, properties.get("title", ""), filename),
        year=year,
        date=when,
        doc_type=find_type(lines, number, filename),
        source=find_source(lines, number),
        language=detect_language(text),
        pages=pages,
    )


def heading_lines(text: str) -> list[str]:
    """The non-empty lines of the heading block, split at tab columns (agency | motto), whitespace folded."""
    out = []
    for raw in unicodedata.normalize("NFC", text[:HEADER_CHARS]).splitlines():
        for cell in re.split(r"\t+|\s{4,}|\|", raw):  # tab columns, spaced columns, RTF table cells
            cell = " ".join("".join(ch for ch in cell if ch.isprintable()).split())  # no control bytes
            if cell:
                out.append(cell)
    return out


def find_title(lines: list[str], property_title: str, filename: str) -> str:
    """The document's own title property, else its first heading (a bare type word takes the next line)."""
    property_title = " ".join(property_title.split())
    if (sum(c.isalpha() for c in property_title) >= 4 and not JUNK_TITLES.match(property_title)
            and not _is_header_furniture(property_title) and not _bare_type_word(property_title)):
        return property_title[:TITLE_MAX]
    heading = _type_heading(lines)
    if heading is not None:
        line, nxt = lines[heading], lines[heading + 1] if heading + 1 < len(lines) else ""
        if _bare_type_word(line) or re.match(r"^(v/v|về\s)", nxt, re.IGNORECASE):
            return f"{line} {nxt}".strip()[:TITLE_MAX]
        return line[:TITLE_MAX]
    body = [line for line in lines if not _is_header_furniture(line)]
    for i, line in enumerate(body):
        if _bare_type_word(line) and i + 1 < len(body):
            return f"{line} {body[i + 1]}"[:TITLE_MAX]
        if sum(c.isalpha() for c in line) >= 3:
            return line[:TITLE_MAX]
    return filename.rsplit(".", 1)[0]


def find_date(lines: list[str]) -> str | None:
    """The document's own date (`ngày 12 tháng 3 năm 2005`, `ngày 10/10/2003`), not dates it cites."""
    for line in lines:
        if CITATION.match(line) or len(line) > LINE_MAX:
            continue
        for pattern in (LONG_DATE, SHORT_DATE):
            m = pattern.search(line)
            if m:
                try:
                    return Date(int(m[3]), int(m[2]), int(m[1])).isoformat()
                except ValueError:
                    continue  # ngày 31 tháng 2: a typo, not a date
    return None


def find_type(lines: list[str], number: re.Match | None, filename: str) -> str | None:
    """Type from the heading words, else the number code (`Số: 115/2003/NĐ-CP`), else the file name."""
    heading = _type_heading(lines)
    if heading is not None:
        lowered = lines[heading].lower()
        return next(name for word, name in TYPE_WORDS if lowered.startswith(word))
    if number:
        code = number[2]
        for key in (code, code.upper()):
            if key in TYPE_CODES:
                return TYPE_CODES[key]
        return "công văn"  # `Số: 123/UBND-VX` carries no type code: that is how công văn are numbered
    stem = unicodedata.normalize("NFC", filename).lower()
    for pattern, name in FILENAME_TYPES:
        if re.search(pattern, stem):
            return name
    return None


def find_source(lines: list[str], number: re.Match | None) -> str | None:
    """Issuing body from the top-left heading (`BỘ TÀI CHÍNH`, `ỦY BAN NHÂN DÂN` + `TỈNH …`)."""
    for i, line in enumerate(lines[:8]):
        if MOTTO.search(line) or CITATION.match(line):
            continue
        m = re.search(r"\bcủa\s+(.+?)(?:\s+(?:số|về|tại|ngày|cộng hòa|cộng hoà)\b|$)", line, re.IGNORECASE)
        if m and BODY_START.match(m[1]) and len(m[1]) <= 60:
            return _clean_body(m[1])
        if BODY_START.match(line) and len(line) <= 80:
            body = line
            follow = lines[i + 1:i + 4]
            nxt = next((x for x in follow if not MOTTO.search(x)), "")
            if PLACE.match(nxt):
                body = f"{body} {nxt}"
            return _clean_body(body)
    if number and number[3]:
        return ISSUER_CODES.get(number[3]) or ISSUER_CODES.get(number[3].upper())
    return None


def detect_language(text: str) -> str | None:
    """`vi` when Vietnamese-only letters are a visible share of the letters, else `other`."""
    sample = unicodedata.normalize("NFC", text[:20000]).lower()
    letters = sum(c.isalpha() for c in sample)
    if letters < 20:
        return None
    vietnamese = sum(c in VIETNAMESE_LETTERS for c in sample)
    return "vi" if vietnamese / letters >= 0.04 else "other"


def _year(lines: list[str], number: re.Match | None, filename: str, properties: dict[str, str]) -> int | None:
    if number and number[1]:
        return int(number[1])
    for line in lines[:15]:
        if CITATION.match(line) or len(line) > LINE_MAX:
            continue
        m = YEAR_IN_TEXT.search(line)
        if m:
            return int(m[1])
    found = YEAR_IN_TEXT.findall(filename)
    if found:
        return int(found[-1])  # `2004-NghiDinh115_2003`: the document's own year comes last
    created = properties.get("created", "")
    return int(created[:4]) if re.match(YEAR, created) else None


def _clean_body(name: str) -> str:
    name = re.split(r"\s+(?:cộng\s*h(?:òa|oà))\b", name, flags=re.IGNORECASE)[0]
    return name.strip(" ().,;:-").upper()


def _is_header_furniture(line: str) -> bool:
    """Issuing body, national motto, number line, place-and-date line, separators: not a title."""
    return bool(MOTTO.search(line) or NUMBER.match(line) or re.match(r"^số\s*:", line, re.IGNORECASE)
                or (BODY_START.match(line) and len(line) <= 60)
                or (PLACE.match(line) and len(line) <= 40)
                or re.search(r",\s*ngày\s*\d", line, re.IGNORECASE))


def _type_heading(lines: list[str]) -> int | None:
    """Index of the first line that starts with a document-type word (not a citation)."""
    for i, line in enumerate(lines[:15]):
        lowered = line.lower()
        if not CITATION.match(line) and any(
                lowered.startswith(word) and (len(lowered) == len(word) or not lowered[len(word)].isalpha())
                for word, _ in TYPE_WORDS):
            return i
    return None


def _bare_type_word(line: str) -> bool:
    lowered = line.lower()
    return any(lowered == word for word, _ in TYPE_WORDS)
