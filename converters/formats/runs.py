"""Collect extracted text into runs, merging neighbours set in the same font (and of the same kind)."""

from __future__ import annotations

from converters.fonts import charset_for_font
from converters.formats.base import Run

_COMPACT_AT = 512


class RunCollector:
    """Append text with its font; adjacent pieces in one font become one Run.

    >>> c = RunCollector()
    >>> c.add("B¸o ", ".VnTime"); c.add("c¸o", ".VnTime"); c.newline(); c.add("OK", "Arial")
    >>> c.runs
    [Run(text='B¸o c¸o\\n', font='.VnTime'), Run(text='OK', font='Arial')]
    """

    def __init__(self) -> None:
        self._texts: list[list] = []
        self._fonts: list[str | None] = []
        self.size = 0

    def add(self, text: str | bytes, font: str | None) -> None:
        """Append text (`str`) or raw 8-bit codes (`bytes`) set in `font`."""
        if not text:
            return
        self.size += len(text)
        if self._fonts and self._fonts[-1] == font and type(self._texts[-1][0]) is type(text):
            self._append(text)
        else:
            self._texts.append([text])
            self._fonts.append(font)

    def separator(self, text: str) -> None:
        """Layout text (line break, tab) that belongs to no font: joined to the run before it."""
        if self._texts:
            self._append(text.encode("ascii") if isinstance(self._texts[-1][0], bytes) else text)
            self.size += len(text)

    def _append(self, piece: str | bytes) -> None:
        parts = self._texts[-1]
        parts.append(piece)
        # A long run of tiny pieces (a spreadsheet's cells and tabs) costs ~60 bytes an object: join them
        # as they come, so memory follows the text's size rather than its number of pieces.
        if len(parts) >= _COMPACT_AT:
            parts[:] = [parts[0][:0].join(parts)]

    def neutral(self, text: str) -> None:
        """ASCII text that reads the same in every charset (a spreadsheet number): joined to the run
        before it rather than starting a font-less run, so a table of numbers stays a few runs.
        Never into a symbol-font run, whose text is dropped as a picture."""
        last = charset_for_font(self._fonts[-1]) if self._fonts else None
        if self._texts and (last is None or last.charset != "symbol"):
            self.separator(text)
        else:
            self.add(text, None)

    def newline(self) -> None:
        self.separator("\n")

    def extend(self, runs: list[Run]) -> None:
        for run in runs:
            self.add(run.text, run.font)  # type: ignore[arg-type]

    @property
    def runs(self) -> list[Run]:
        pairs = zip(self._texts, self._fonts, strict=True)
        return [Run(parts[0][:0].join(parts), font) for parts, font in pairs]
