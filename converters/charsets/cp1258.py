"""Windows-1258: some letters precomposed, the rest written as a letter plus a combining tone byte.

Decoding composes to NFC; encoding writes a precomposed letter when the charset has one and
base + tone mark otherwise (as Windows does).

>>> CP1258.decode(b"Vi\\xea\\xf2t")
'Việt'
>>> CP1258.encode("Việt")
b'Vi\\xea\\xf2t'
"""

from converters.charsets.single_byte import SingleByteCharset
from converters.charsets.tables.cp1258 import DECODE

CP1258 = SingleByteCharset("cp1258", DECODE, spells_with_marks=True)
