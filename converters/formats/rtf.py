r"""Rich Text Format → runs, by a real tokenizer: groups, control words, `\fonttbl`, `\'hh`, `\uN`.

8-bit text (`\'hh` and raw high bytes) set in a legacy Vietnamese font stays `bytes` — `\f15 Ngh\'de` in
`.VnTime` is the TCVN3 bytes of `Nghị`; the charset step decodes it. In a Unicode face (Times New Roman)
the bytes are decoded here with the font's `\fcharset` code page, else the document's `\ansicpg`.
`\uN` gives the character itself; the `\ucN` fallback characters after it are skipped.

>>> ext = extract_rtf_bytes(rb"{\rtf1\ansi{\fonttbl{\f1 .VnTime;}}\f1 Ngh\'de \'ae\'denh\par}", "x.rtf")
>>> ext.runs
[Run(text=b'Ngh\xde \xae\xdenh\n', font='.VnTime')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from converters.fonts import charset_for_font
from converters.formats.base import Extraction, ExtractionError
from converters.formats.runs import RunCollector

_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?"  # control word with optional numeric parameter
    rb"|\\'([0-9a-fA-F]{2})"  # hex byte
    rb"|\\([^a-zA-Z'])"  # control symbol
    rb"|([{}])"
    rb"|[\r\n]+"
    rb"|([^\\{}\r\n]+)",
    re.DOTALL,
)

# Destinations whose content is not document text (the `\*` marker covers every other optional one).
_SKIP = {
    b"colortbl", b"stylesheet", b"listtable", b"listoverridetable", b"revtbl", b"rsidtbl", b"pict",
    b"objdata", b"fldinst", b"datafield", b"themedata", b"colorschememapping", b"latentstyles",
    b"datastore", b"xmlnstbl", b"generator", b"pn", b"nonshppict", b"shpinst", b"filetbl", b"header",
    b"headerl", b"headerr", b"headerf", b"footer", b"footerl", b"footerr", b"footerf", b"private",
    b"mmathPr", b"userprops", b"docvar", b"bkmkstart", b"bkmkend", b"xe", b"tc", b"txe", b"sp",
}
_INFO_FIELDS = {b"title": "title", b"author": "author", b"subject": "subject"}
_TEXT_WORDS = {
    b"par": "\n", b"line": "\n", b"sect": "\n", b"page": "\n", b"row": "\n", b"nestrow": "\n",
    # A cell ends with "|" — the plain-text table convention of RTF readers — so cells never run together.
    b"tab": "\t", b"cell": "|", b"nestcell": "|", b"emdash": "\u2014", b"endash": "\u2013",
    b"lquote": "\u2018", b"rquote": "\u2019", b"ldblquote": "\u201c", b"rdblquote": "\u201d",
    b"bullet": "\u2022", b"emspace": " ", b"enspace": " ", b"qmspace": " ",
}
_SYMBOLS = {b"~": "\u00a0", b"_": "-", b"-": "", b"\\": "\\", b"{": "{", b"}": "}", b"\n": "\n", b"\r": "\n"}
# Windows charset numbers (\fcharsetN) → Python code pages, for text in Unicode faces.
_FCHARSET = {0: "cp1252", 161: "cp1253", 162: "cp1254", 163: "cp1258", 177: "cp1255", 178: "cp1256",
             186: "cp1257", 204: "cp1251", 222: "cp874", 238: "cp1250"}
_LEGACY = {"tcvn3", "vni", "vps", "viscii"}


@dataclass(frozen=True)
class _State:
    font: int | None = None
    uc: int = 1
    skip: bool = False
    dest: str | None = None  # fonttbl / info field being collected


@dataclass
class _Font:
    name: str = ""
    codepage: str | None = None


class _Reader:
    def __init__(self, data: bytes, name: str):
        self.data, self.name = data, name
        self.fonts: dict[int, _Font] = {}
        self.default_font: int | None = None
        self.codepage = "cp1252"
        self.out = RunCollector()
        self.props: dict[str, str] = {}
        self.pages: int | None = None
        self._collect: dict[str, bytearray] = {}
        self._font_entry: int | None = None
        self._created: dict[str, int] = {}
        self.warnings: list[str] = []

    def font_name(self, state: _State) -> str | None:
        font = self.fonts.get(state.font if state.font is not None else self.default_font)
        return font.name if font and font.name else None

    def _legacy(self, state: _State) -> tuple[str | None, _Font | None, bool]:
        font = self.fonts.get(state.font if state.font is not None else self.default_font)
        name = font.name if font and font.name else None
        kind = charset_for_font(name)
        return name, font, kind is not None and kind.charset in _LEGACY

    def emit_bytes(self, raw: bytes, state: _State) -> None:
        if state.dest:
            self._collect.setdefault(state.dest, bytearray()).extend(raw)
            return
        if state.skip:
            return
        name, font, legacy = self._legacy(state)
        if legacy:
            self.out.add(raw, name)
        else:
            codepage = (font.codepage if font else None) or self.codepage
            self.out.add(raw.decode(codepage, errors="replace"), name)

    def emit_text(self, text: str, state: _State) -> None:
        if state.dest:
            self._collect.setdefault(state.dest, bytearray()).extend(text.encode(self.codepage, "replace"))
            return
        if state.skip:
            return
        name, _, legacy = self._legacy(state)
        if legacy:
            # A legacy face's glyph written as \uN: its cp1252 code is the 8-bit code the font draws.
            try:
                self.out.add(text.encode("cp1252"), name)
                return
            except UnicodeEncodeError:
                pass
        self.out.add(text, name)

    def read(self) -> None:
        if not self.data.lstrip().startswith(b"{\\rtf"):
            raise ExtractionError(f"{self.name}: not an RTF file (no {{\\rtf header)")
        stack: list[_State] = []
        state = _State()
        skip_chars = 0  # \ucN fallback characters still to drop after a \uN
        pending_star = False
        pos, end = 0, len(self.data)
        while pos < end:
            match = _TOKEN.match(self.data, pos)
            if match is None:  # a lone backslash at the very end
                break
            pos = match.end()
            word, param, hexbyte, symbol, brace, text = match.groups()
            if brace == b"{":
                stack.append(state)
                skip_chars = 0
                continue
            if brace == b"}":
                self._close(state, stack[-1] if stack else None)
                if not stack:
                    break
                state = stack.pop()
                skip_chars = 0
                continue
            if text is not None:
                if skip_chars:
                    drop = min(skip_chars, len(text))
                    skip_chars -= drop
                    text = text[drop:]
                if text:
                    self.emit_bytes(text, state)
                continue
            if hexbyte is not None:
                if skip_chars:
                    skip_chars -= 1
                else:
                    self.emit_bytes(bytes([int(hexbyte, 16)]), state)
                continue
            if symbol is not None:
                if symbol == b"*":
                    pending_star = True
                elif skip_chars:
                    skip_chars -= 1
                elif symbol in _SYMBOLS and symbol not in (b"\n", b"\r"):
                    self.emit_text(_SYMBOLS[symbol], state)
                elif symbol in (b"\n", b"\r"):
                    self.emit_text("\n", state)
                continue
            if word is None:
                continue
            number = int(param) if param is not None else None
            if word == b"bin" and number:
                pos += number  # raw binary payload, never text
                continue
            if skip_chars and word not in (b"u",):
                skip_chars -= 1
                continue
            state, skip_chars = self._word(word, number, state, pending_star, skip_chars)
            pending_star = False
        self._finish_font()
        if stack:
            self.warnings.append("truncated: groups left open at end of file")

    def _word(self, word: bytes, number: int | None, state: _State, star: bool, skip_chars: int):
        if word == b"u" and number is not None:
            self.emit_text(chr(number % 65536 if number >= 0 else number + 65536), state)
            return state, state.uc
        if star or word in _SKIP:
            return replace(state, skip=True, dest=None), skip_chars
        if word == b"fonttbl":
            return replace(state, dest="fonttbl"), skip_chars
        if word == b"info":
            return replace(state, skip=True), skip_chars
        if word in _INFO_FIELDS:
            return replace(state, dest=_INFO_FIELDS[word]), skip_chars
        if word == b"creatim":
            return replace(state, dest="creatim"), skip_chars
        if state.dest == "fonttbl":
            if word == b"f" and number is not None:
                self._finish_font()
                self._font_entry = number
                self.fonts[number] = _Font()
                self._collect["fonttbl"] = bytearray()
            elif word == b"fcharset" and number is not None and self._font_entry is not None:
                self.fonts[self._font_entry].codepage = _FCHARSET.get(number)
            return state, skip_chars
        if word == b"f":
            return replace(state, font=number), skip_chars
        if word == b"plain":
            return replace(state, font=None), skip_chars
        if word == b"uc" and number is not None:
            return replace(state, uc=max(number, 0)), skip_chars
        if word == b"deff":
            self.default_font = number
        elif word == b"ansicpg" and number:
            self.codepage = f"cp{number}" if _known_codepage(f"cp{number}") else self.codepage
        elif word in (b"yr", b"mo", b"dy", b"hr", b"min") and number is not None and state.dest == "creatim":
            self._created[word.decode()] = number
        elif word == b"nofpages" and number:
            self.pages = number
        elif word in _TEXT_WORDS:
            self.emit_text(_TEXT_WORDS[word], state)
        return state, skip_chars

    def _close(self, state: _State, outer: _State | None) -> None:
        """At a closing brace: finish a font-table entry or an info field collected in this group."""
        if state.dest == "fonttbl":
            self._finish_font()
        elif state.dest in ("title", "author", "subject") and (outer is None or outer.dest != state.dest):
            value = bytes(self._collect.pop(state.dest, b"")).decode(self.codepage, "replace").strip()
            if value:
                self.props[state.dest] = value

    def _finish_font(self) -> None:
        """A font entry's name is its text up to `;` (`{\\f15\\fswiss\\fcharset0 .VnTime;}`)."""
        if self._font_entry is None:
            return
        raw = bytes(self._collect.pop("fonttbl", b""))
        name = raw.split(b";")[0].strip().decode(self.codepage, "replace")
        if name and not self.fonts[self._font_entry].name:
            self.fonts[self._font_entry].name = name
        self._font_entry = None


def _known_codepage(name: str) -> bool:
    try:
        b"".decode(name)
    except LookupError:
        return False
    return True


def extract_rtf_bytes(data: bytes, name: str) -> Extraction:
    reader = _Reader(data, name)
    reader.read()
    created = reader._created
    if {"yr", "mo", "dy"} <= created.keys():
        reader.props["created"] = (
            f"{created['yr']:04d}-{created['mo']:02d}-{created['dy']:02d}"
            f"T{created.get('hr', 0):02d}:{created.get('min', 0):02d}:00"
        )
    return Extraction(runs=reader.out.runs, format="rtf", properties=reader.props, pages=reader.pages,
                      warnings=reader.warnings)


def extract_rtf(path: Path) -> Extraction:
    return extract_rtf_bytes(path.read_bytes(), path.name)
