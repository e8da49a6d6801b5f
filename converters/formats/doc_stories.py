"""The text-box story of a Word 97–2003 binary file, read from its own streams (MS-DOC).

Word keeps the text of all the main document's text boxes in one story after the endnotes, box after box
in an order of its own (not the order of their anchors). LibreOffice's .docx keeps only the anchors, so
the reader asks this module for the story's order: the FIB gives each story's length in characters, the
piece table (CLX) where each character range is stored (cp1252 bytes or UTF-16), and PlcftxbxTxt where
each box's text starts.
"""

from __future__ import annotations

import itertools
import struct

import olefile

_CSW, _CSLW = 14, 22  # a Word 97+ FIB: 14 shorts in FibRgW97, 22 longs in FibRgLw97
_F_WHICH_TABLE = 0x0200  # FIB base flags: the piece table is in 1Table rather than 0Table
_CCP_TEXT = 76  # FibRgLw97: ccpText, ccpFtn, ccpHdd, ccpMcr, ccpAtn, ccpEdn, ccpTxbx (4 bytes each)
_FC_LCB = 154  # FibRgFcLcb97: (fc, lcb) pairs of 4 bytes each
_CLX, _PLCF_TXBX_TXT = 33, 56  # their indexes in FibRgFcLcb97
_FIELD = str.maketrans("", "", "\x01\x08")  # picture and drawn-object anchors carry no text


def text_box_story(word: bytes, table: bytes) -> list[str]:
    """Each main-document text box's text, in the order of Word's text-box story.

    `word` is the WordDocument stream, `table` the 0Table/1Table stream it names. Paragraph marks stay
    as `\\r`; a field's code (between `\\x13` and `\\x14`) is left out, its result kept. Empty for a
    Word 6/95 file, whose FIB has other offsets. Raises `ValueError` on a stream too short for what the
    FIB claims.
    """
    (csw,), (cslw,), (fc_lcb_pairs,) = (_unpack("<H", word, at) for at in (32, 62, _FC_LCB - 2))
    if (csw, cslw) != (_CSW, _CSLW) or fc_lcb_pairs <= _PLCF_TXBX_TXT:
        return []
    ccp_text, ccp_ftn, ccp_hdd, ccp_mcr, ccp_atn, ccp_edn, ccp_txbx = _unpack("<7i", word, _CCP_TEXT)
    if ccp_txbx <= 0:
        return []
    pieces = _pieces(word, _blob(word, table, _CLX))
    start = ccp_text + ccp_ftn + ccp_hdd + ccp_mcr + ccp_atn + ccp_edn
    plc = _blob(word, table, _PLCF_TXBX_TXT)
    count = (len(plc) - 4) // 26  # n + 1 CPs, then n FTXBXS of 22 bytes
    cps = _unpack(f"<{count + 1}i", plc, 0) if count > 0 else ()
    boxes = [_text(word, pieces, start + a, start + b) for a, b in itertools.pairwise(cps)]
    return [_without_field_codes(box).translate(_FIELD) for box in boxes]


def read_text_box_story(ole: olefile.OleFileIO) -> list[str]:
    """`text_box_story` of an open .doc; an empty list when its streams do not hold one we can read."""
    try:
        word = ole.openstream("WordDocument").read()
    except OSError:
        return []
    if len(word) < _FC_LCB + 8 * (_PLCF_TXBX_TXT + 1):
        return []
    (flags,) = _unpack("<H", word, 10)
    name = "1Table" if flags & _F_WHICH_TABLE else "0Table"
    if not ole.exists(name):
        return []
    try:
        return text_box_story(word, ole.openstream(name).read())
    except (ValueError, OSError):  # a damaged stream: LibreOffice may still read the file, in anchor order
        return []


def _unpack(layout: str, data: bytes, offset: int) -> tuple:
    try:
        return struct.unpack_from(layout, data, offset)
    except struct.error:
        raise ValueError(f"stream ends before offset {offset + struct.calcsize(layout)}") from None


def _blob(word: bytes, table: bytes, index: int) -> bytes:
    fc, lcb = _unpack("<II", word, _FC_LCB + 8 * index)
    if fc + lcb > len(table):
        raise ValueError("a FIB entry points past the table stream")
    return table[fc:fc + lcb]


def _pieces(word: bytes, clx: bytes) -> list[tuple[int, int, bool, int]]:
    """The piece table: (first CP, end CP, stored as cp1252 bytes, byte offset in WordDocument)."""
    i = 0
    while i < len(clx) and clx[i] == 1:  # Prc: formatting of pieces, skipped
        (size,) = _unpack("<H", clx, i + 1)
        i += 3 + size
    if i >= len(clx) or clx[i] != 2:
        raise ValueError("no piece table in the CLX")
    (size,) = _unpack("<I", clx, i + 1)
    plc = clx[i + 5:i + 5 + size]
    count = (len(plc) - 4) // 12
    cps = _unpack(f"<{count + 1}i", plc, 0)
    pieces = []
    for k in range(count):
        (fc,) = _unpack("<I", plc, 4 * (count + 1) + 8 * k + 2)
        compressed = bool(fc & 0x40000000)
        offset = (fc & 0x3FFFFFFF) // 2 if compressed else fc & 0x3FFFFFFF
        pieces.append((cps[k], cps[k + 1], compressed, offset))
    return pieces


def _text(word: bytes, pieces: list[tuple[int, int, bool, int]], start: int, end: int) -> str:
    out = []
    for first, last, compressed, offset in pieces:
        lo, hi = max(start, first), min(end, last)
        if lo >= hi:
            continue
        if compressed:
            out.append(word[offset + lo - first:offset + hi - first].decode("cp1252", "replace"))
        else:
            raw = word[offset + 2 * (lo - first):offset + 2 * (hi - first)]
            out.append(raw.decode("utf-16-le", "replace"))
    return "".join(out)


def _without_field_codes(text: str) -> str:
    r"""Drop field codes (`\x13 code \x14 result \x15`), keeping results; fields may nest.

    >>> _without_field_codes("Trang \x13 PAGE \x14" "3\x15 / \x13 NUMPAGES \x14" "9\x15")
    'Trang 3 / 9'
    """
    out, codes = [], []  # codes: for each open field, whether we are still in its code
    for ch in text:
        if ch == "\x13":
            codes.append(True)
        elif ch == "\x14" and codes:
            codes[-1] = False
        elif ch == "\x15" and codes:
            codes.pop()
        elif not any(codes):
            out.append(ch)
    return "".join(out)
