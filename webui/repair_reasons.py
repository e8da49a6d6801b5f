"""Repair reasons in the reader's language.

The converters record each repair's reason in English from their registry (`converters.repairs.REPAIRS`),
joined with "; " when several repairs touched the same words: `decoded tcvn3; restored ư from context`.
The catalog keeps them that way; the pages translate each part here. A part we have no translation for
is shown as recorded.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask
from flask_babel import gettext as _

CHARSET_NAMES = {"viqr": "VIQR", "tcvn3": "TCVN3", "vni": "VNI", "viscii": "VISCII", "vps": "VPS",
                 "cp1258": "CP1258"}

# The registry's reason templates -> the translated message (a test checks every template is here).
MESSAGES: dict[str, Callable[..., str]] = {
    "decoded HTML character reference": lambda: _("decoded HTML character reference"),
    "undid UTF-8 read as cp1252": lambda: _("undid UTF-8 read as cp1252"),
    "composed to NFC": lambda: _("composed to NFC"),
    "decoded viqr": lambda: _("decoded from %(charset)s", charset="VIQR"),
    "decoded {charset}": lambda charset: _("decoded from %(charset)s", charset=charset),
    "restored Đ from Ð": lambda: _("restored Đ from Ð"),
    "restored ư/ã from a PDF symbol": lambda: _("restored ư/ã from a PDF symbol"),
    "restored ư from context": lambda: _("restored ư from context"),
}
_CHARSET_REASON = re.compile(r"decoded (?P<charset>[\w-]+)")


def translate_reason(reason: str) -> str:
    """`decoded tcvn3; restored ư from context` → `giải mã từ TCVN3; khôi phục chữ ư theo ngữ cảnh` (vi)."""
    return "; ".join(_part(part) for part in reason.split("; "))


def _part(part: str) -> str:
    if part in MESSAGES and "{" not in part:
        return MESSAGES[part]()
    match = _CHARSET_REASON.fullmatch(part)
    if match:
        charset = match["charset"]
        return MESSAGES["decoded {charset}"](CHARSET_NAMES.get(charset, charset))
    return part


def translated(repairs: list[dict]) -> list[dict]:
    """The repairs with their reasons in the reader's language (each distinct reason translated once)."""
    shown = {reason: translate_reason(reason) for reason in {r["reason"] for r in repairs}}
    return [{**r, "reason": shown[r["reason"]]} for r in repairs]


def init_app(app: Flask) -> None:
    app.jinja_env.filters["repair_reason"] = translate_reason
