"""TCVN3 / ABC (TCVN 5712:1993 VN3), the charset of the `.VnTime` fonts.

Small letters sit in 0xA1-0xFF (0xAD is ư), Ă Â Ê Ô Ơ Ư Đ in 0xA1-0xA7 and sixteen toned capitals in
the gaps between the small letters. 0x80-0x9F is the fonts' Windows punctuation (“ ” – …), except the
five bytes cp1252 leaves undefined, which keep VN1's capitals Ả Ì Ĩ Í Ù. The other capitals exist only
in the `.VnTimeH` fonts, which draw the small letters' codes as capitals (`upper_font=True`). Bytes
below 0x80 are ASCII.

>>> TCVN3.decode(b"Vi\\xd6t Nam \\xae\\xe9c l\\xcbp")
'Việt Nam độc lập'
>>> TCVN3.decode(b"\\x93h\\xb5ng mi\\xd4n thu\\xd5\\x94 (1) \\x96 (2)")
'“hàng miễn thuế” (1) – (2)'
>>> TCVN3.decode(b"c\\xabng h\\xb5nh", upper_font=True)
'CÔNG HÀNH'
"""

from converters.charsets.letters import UPPER
from converters.charsets.single_byte import SingleByteCharset
from converters.charsets.tables.tcvn3 import DECODE

TCVN3 = SingleByteCharset("tcvn3", DECODE)

# Capitals a `.VnTime` font cannot write: typists switched to `.VnTimeH` and typed the small letter.
CAPITALS_ONLY_IN_UPPER_FONTS = "".join(ch for ch in UPPER if ch not in DECODE.values())
