"""VISCII (RFC 1456's 8-bit charset): all 134 letters precomposed, six capitals on C0 control bytes.

0x02 Ẳ, 0x05 Ẵ, 0x06 Ẫ, 0x14 Ỷ, 0x19 Ỹ, 0x1E Ỵ are letters, so VISCII text must never be split on
control bytes before it is decoded.

>>> VISCII.decode(b"Vi\\xaet Nam \\x19")
'Việt Nam Ỹ'
"""

from converters.charsets.single_byte import SingleByteCharset
from converters.charsets.tables.viscii import DECODE

VISCII = SingleByteCharset("viscii", DECODE)
