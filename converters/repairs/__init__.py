"""The ordered registry of repairs: each a pure `str -> str` named for the damage it undoes.

The pipeline runs them in this order and records a step only when the text changed, so a conversion
can be explained and replayed. Adding a repair is one function, one entry here and one test file.
"""

from __future__ import annotations

from collections.abc import Callable

from converters.repairs.entities import decode_html_entities
from converters.repairs.eth import restore_dj_for_eth
from converters.repairs.layers import peel_utf8_layers
from converters.repairs.lost_letters import restore_lost_u
from converters.repairs.mojibake import undo_legacy_mojibake
from converters.repairs.pdf_symbols import restore_pdf_symbols
from converters.repairs.unicode_forms import normalize_nfc
from converters.repairs.viqr import decode_viqr_text

# name -> (repair, reason shown to people; `{charset}` is the document's legacy charset).
REPAIRS: dict[str, tuple[Callable[..., str], str]] = {
    "decode_html_entities": (decode_html_entities, "decoded HTML character reference"),
    "peel_utf8_layers": (peel_utf8_layers, "undid UTF-8 read as cp1252"),
    "normalize_nfc": (normalize_nfc, "composed to NFC"),
    "decode_viqr": (decode_viqr_text, "decoded viqr"),
    "undo_legacy_mojibake": (undo_legacy_mojibake, "decoded {charset}"),
    "restore_dj_for_eth": (restore_dj_for_eth, "restored Đ from Ð"),
    "restore_pdf_symbols": (restore_pdf_symbols, "restored ư/ã from a PDF symbol"),
    "restore_lost_u": (restore_lost_u, "restored ư from context"),
}

# Repairs that take the document's legacy charset as `charset=` when it is known.
CHARSET_AWARE = frozenset({"undo_legacy_mojibake"})

__all__ = ["CHARSET_AWARE", "REPAIRS"]
