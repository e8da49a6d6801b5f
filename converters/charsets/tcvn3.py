"""TCVN3 / ABC (TCVN 5712:1993 VN3), the charset of the `.VnTime` fonts.

Small letters sit in 0xA1-0xFF (0xAD is ư), Ă Â Ê Ô Ơ Ư Đ in 0xA1-0xA7, a few toned capitals in
0x80-0x9F; the other capitals exist only in the `.VnTimeH` fonts, which draw the small letters' codes
as capitals (`upper_font=True`). Bytes below 0x80 are ASCII: glibc's VN1 capitals in C0 are not used.

>>> TCVN3.decode(b"Vi\\xd6t Nam \\xae\\xe9c l\\xcbp")
'Việt Nam độc lập'
>>> TCVN3.decode(b"c\\xabng h\\xb5nh", upper_font=True)
'CÔNG HÀNH'
"""

from converters.charsets.single_byte import SingleByteCharset
from converters.charsets.tables.tcvn3 import DECODE

TCVN3 = SingleByteCharset("tcvn3", DECODE)
