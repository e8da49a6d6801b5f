"""VPS (Vietnamese Professional System): precomposed letters over 0x80-0xFF and fourteen C0 bytes.

0x02-0x06, 0x10-0x15, 0x19, 0x1C, 0x1D are capitals (0x1C-0x1D are line separators to
`str.splitlines`, so split only after decoding, and only on \\n / \\r).

>>> VPS.decode(b"Vi\\x89t b\\xaai \\x02")
'Viết bởi Ạ'
"""

from converters.charsets.single_byte import SingleByteCharset
from converters.charsets.tables.vps import DECODE

VPS = SingleByteCharset("vps", DECODE)
