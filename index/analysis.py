"""Vietnamese analyzers for the index: exact and folded syllables, and syllable bigrams for phrases.

Vietnamese is written one syllable per space, so a token is a syllable. Every analyzer starts with NFC
(Whoosh's tokenizer splits decomposed "Tiếng" into `Tie`, `ng`), lower-cases, and puts the tone mark in
one canonical place so old and new spellings meet (`hoà` = `hòa`, `thuý` = `thúy`). The **exact** form keeps
the diacritics; the **folded** form drops them and maps `đ` to `d` (NFD alone leaves `đ` intact). There is
no stop list and no minimum length: `a`, `ở`, `an`, `to`, `in` are Vietnamese syllables. Codes such as
`115/2003/NĐ-CP` are indexed whole *and* as their parts.

>>> [t.text for t in EXACT("Hoà bình, THUÝ Kiều")]
['hòa', 'bình', 'thúy', 'kiều']
>>> [t.text for t in FOLDED("Đô thị Việt Nam")]
['do', 'thi', 'viet', 'nam']
>>> [t.text for t in EXACT("Nghị định 115/2003/NĐ-CP")]
['nghị', 'định', '115/2003/nđ-cp', '115', '2003', 'nđ', 'cp']
>>> [t.text for t in BIGRAMS_F("Báo cáo tổng kết")]
['bao cao', 'cao tong', 'tong ket']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from itertools import repeat
from operator import add

from whoosh.analysis import Analyzer, Composable, Filter, Token, Tokenizer

VOWELS = frozenset("aăâeêioôơuưy")
_QUALITY_VOWELS = frozenset("ăâêôơư")  # vowels that carry a shape mark: the tone goes on them
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
# A token: letters/digits, optionally joined by . / - into one code (115/2003/NĐ-CP, 2006-2010, 1.5).
_TOKEN = re.compile(r"\w+(?:[./\-]\w+)*")
_PART = re.compile(r"\w+")
_IN_CODE = re.compile(r"\w[./\-]\w")  # present exactly when some token of the text is a code
_CODE = re.compile(r"\b(?>\w+)(?:[./\-]\w+)+")  # the tokens `_TOKEN` finds that are codes
BIGRAM_JOINER = " "


def tone_position(toneless: str) -> int | None:
    """Index of the vowel that carries the tone in a toneless lower-case syllable, or None if it is not one.

    The canonical place is the traditional one: on a shaped vowel (ơ of ươ); else on the last vowel when
    a final consonant follows; else on the first of two vowels (`hòa`, `thúy`) or the middle of three.

    >>> [tone_position(s) for s in ("hoa", "thuy", "ngươi", "hoang", "quy", "gia", "khuyu", "nđ")]
    [1, 2, 3, 2, 2, 2, 3, None]
    """
    first = next((i for i, c in enumerate(toneless) if c in VOWELS), None)
    if first is None:
        return None
    end = first
    while end < len(toneless) and toneless[end] in VOWELS:
        end += 1
    if not toneless.isalpha() or any(c in VOWELS for c in toneless[end:]):
        return None
    start = first
    # "qu" and "gi" + vowel: the u / i belongs to the initial consonant.
    if end - start > 1 and (toneless[start - 1 : start + 1] in ("qu",) or toneless[:start + 1] == "gi"):
        start += 1
    nucleus = toneless[start:end]
    shaped = [i for i, c in enumerate(nucleus) if c in _QUALITY_VOWELS]
    if shaped:
        return start + shaped[-1]
    if end < len(toneless) or len(nucleus) == 1:
        return end - 1
    return start if len(nucleus) == 2 else start + 1


@lru_cache(maxsize=200_000)
def normalize_tones(word: str) -> str:
    """Move the tone mark of one lower-case NFC syllable to its canonical vowel.

    >>> normalize_tones("hoà"), normalize_tones("thuý"), normalize_tones("quả"), normalize_tones("người")
    ('hòa', 'thúy', 'quả', 'người')
    """
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) != 1:
        return word
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    pos = tone_position(toneless)
    if pos is None:
        return word
    return unicodedata.normalize("NFC", toneless[: pos + 1] + tones[0] + toneless[pos + 1 :])


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Remove every diacritic, `đ` → `d` explicitly: `Đường` → `Duong`."""
    word = word.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


@lru_cache(maxsize=200_000)
def exact_form(word: str) -> str:
    """Lower-case, tone placement normalised (the `title` / `body` term)."""
    return normalize_tones(unicodedata.normalize("NFC", word).lower())


def folded_form(word: str) -> str:
    """The `title_f` / `body_f` term: the exact form without diacritics."""
    return fold(exact_form(word))


def is_accented(word: str) -> bool:
    """Whether a word carries any Vietnamese diacritic (so an exact match means something)."""
    return folded_form(word) != exact_form(word)


def tokens(text: str) -> list[tuple[str, int, int, bool]]:
    """(word, start, end, is_compound) for NFC `text`: a code whole, then its parts."""
    # Each text is analysed for two or three fields in a row (exact, folded, bigrams): split it once.
    cached = _last_tokens.get(text)
    if cached is not None:
        return cached
    out = _split(text)
    if len(_last_tokens) >= 4:
        _last_tokens.clear()
    _last_tokens[text] = out
    return out


_last_tokens: dict[str, list[tuple[str, int, int, bool]]] = {}


def _split(text: str) -> list[tuple[str, int, int, bool]]:
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        if "." not in word and "/" not in word and "-" not in word:
            out.append((word, m.start(), m.end(), False))
            continue
        out.append((word, m.start(), m.end(), True))
        base = m.start()
        out.extend((p.group(), base + p.start(), base + p.end(), False) for p in _PART.finditer(word))
    return out


class SyllableTokenizer(Tokenizer):
    """NFC, then one token per syllable; a code is emitted whole at the position of its first part."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        if not unicodedata.is_normalized("NFC", value):
            value = unicodedata.normalize("NFC", value)
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            t.compound = False
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        pos = start_pos
        for word, start, end, compound in tokens(value):
            t.text = word
            t.boost = 1.0
            t.stopped = False
            t.compound = compound
            if keeporiginal:
                t.original = word
            if positions:
                t.pos = pos
            if chars:
                t.startchar, t.endchar = start_char + start, start_char + end
            if not compound:
                pos += 1
            yield t


class ExactFilter(Filter):
    """Lower-case and canonical tone placement: `Hoà` → `hòa`."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = exact_form(t.text)
            yield t


class FoldFilter(Filter):
    """Exact form without diacritics, `đ` → `d`: `Đô` → `do`."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = folded_form(t.text)
            yield t


class BigramFilter(Filter):
    """Adjacent syllable pairs (`báo cáo`), so a phrase is a term lookup, not a positional scan."""

    def __call__(self, tokens):
        prev_text = None
        prev_start = prev_pos = 0
        for t in tokens:
            if getattr(t, "compound", False):
                continue
            text, start, pos = t.text, getattr(t, "startchar", 0), getattr(t, "pos", 0)
            if prev_text is not None:
                t.text = prev_text + BIGRAM_JOINER + text
                if t.chars:
                    t.startchar = prev_start
                if t.positions:
                    t.pos = prev_pos
                yield t
            prev_text, prev_start, prev_pos = text, start, pos


def _analyzer(*filters: Filter) -> Composable:
    chain: Composable = SyllableTokenizer()
    for f in filters:
        chain = chain | f
    return chain


_CHAINS = {("exact", False): _analyzer(ExactFilter()), ("folded", False): _analyzer(FoldFilter()),
           ("exact", True): _analyzer(ExactFilter(), BigramFilter()),
           ("folded", True): _analyzer(FoldFilter(), BigramFilter())}


@lru_cache(maxsize=200_000)
def _forms(word: str) -> tuple[str, str]:
    exact = exact_form(word)
    return exact, fold(exact)


def analysed(text: str) -> list[tuple[str, str, str, int, int, bool]]:
    """(word, exact, folded, start, end, is_compound) of NFC `text`, computed once for all its fields."""
    cached = _last_analysed.get(text)
    if cached is None:
        cached = [(w, *_forms(w), s, e, c) for w, s, e, c in tokens(text)]
        if len(_last_analysed) >= 4:
            _last_analysed.clear()
        _last_analysed[text] = cached
    return cached


_last_analysed: dict[str, list[tuple[str, str, str, int, int, bool]]] = {}


class SyllableAnalyzer(Analyzer):
    """The tokenizer and filter chain above in one pass over `analysed(text)`, which the exact, folded
    and bigram fields of a document share: indexing tokenizes and normalises each text once, not per field.
    Yields the same tokens as the chain (which still serves the untokenized query form)."""

    def __init__(self, form: str, bigram: bool = False) -> None:
        self.form = form
        self.bigram = bigram

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        if not tokenize:
            yield from _CHAINS[self.form, self.bigram](
                value, positions=positions, chars=chars, keeporiginal=keeporiginal, removestops=removestops,
                start_pos=start_pos, start_char=start_char, tokenize=False, mode=mode, **kwargs)
            return
        if not unicodedata.is_normalized("NFC", value):
            value = unicodedata.normalize("NFC", value)
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        t.boost = 1.0
        t.stopped = False
        index = 1 if self.form == "exact" else 2
        pos = start_pos
        if self.bigram:
            t.compound = False
            prev = None
            for item in analysed(value):
                if item[5]:
                    continue
                if prev is not None:
                    t.text = prev[index] + BIGRAM_JOINER + item[index]
                    if keeporiginal:
                        t.original = item[0]
                    if positions:
                        t.pos = pos - 1
                    if chars:
                        t.startchar, t.endchar = start_char + prev[3], start_char + item[4]
                    yield t
                prev = item
                pos += 1
            return
        for item in analysed(value):
            t.text = item[index]
            t.compound = item[5]
            if keeporiginal:
                t.original = item[0]
            if positions:
                t.pos = pos
            if chars:
                t.startchar, t.endchar = start_char + item[3], start_char + item[4]
            if not item[5]:
                pos += 1
            yield t


EXACT = SyllableAnalyzer("exact")
FOLDED = SyllableAnalyzer("folded")
BIGRAMS = SyllableAnalyzer("exact", bigram=True)
BIGRAMS_F = SyllableAnalyzer("folded", bigram=True)


def bigrams(words: list[str]) -> list[str]:
    """Join adjacent (already analysed) words as the bigram fields index them."""
    return list(map(add, map(add, words[:-1], repeat(BIGRAM_JOINER)), words[1:]))


class SyllableRuns:
    """Runs of analysed syllables (a document's title, its body) as a bigram field takes them: the field
    indexes each pair of neighbours within a run, none across two runs. The writer forms the pairs itself.

    >>> runs = SyllableRuns(["báo", "cáo"], ["đô", "thị", "mới"])
    >>> len(runs), runs.terms()
    (3, ['báo cáo', 'đô thị', 'thị mới'])
    """

    __slots__ = ("runs",)

    def __init__(self, *runs: list[str]) -> None:
        self.runs = runs

    def __len__(self) -> int:
        """How many pairs (the field length)."""
        return sum(max(0, len(run) - 1) for run in self.runs)

    def terms(self) -> list[str]:
        """The pairs spelled out, in order: the terms the bigram analyzers give for the runs' texts."""
        return [pair for run in self.runs for pair in bigrams(run)]


class _FormTable(dict):
    """word → one of its forms, computed the first time the word is seen (a dict lookup per token after
    that; some 7,000 syllables make most of any Vietnamese text). Emptied when it reaches `limit` words."""

    def __init__(self, form: Callable[[str], str], limit: int = 500_000) -> None:
        super().__init__()
        self.form, self.limit = form, limit

    def __missing__(self, word: str) -> str:
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = self.form(word)
        return value


_EXACT_OF = _FormTable(exact_form)
_FOLDED_OF = _FormTable(fold)  # of an exact form


def field_terms(text: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """Exact terms, folded terms, exact syllables and folded syllables of NFC `text`: the terms `EXACT`
    and `FOLDED` index, and the runs whose pairs `BIGRAMS` and `BIGRAMS_F` index (`SyllableRuns`), from
    one pass over the text. The terms are the analyzers' with the codes moved to the end (the writer
    counts them; order does not matter there): the syllables, the `\\w+` runs of the text, come first.

    >>> field_terms("Báo cáo NĐ-CP")
    (['báo', 'cáo', 'nđ', 'cp', 'nđ-cp'], ['bao', 'cao', 'nd', 'cp', 'nd-cp'], ['báo', 'cáo', 'nđ', 'cp'], \
['bao', 'cao', 'nd', 'cp'])
    """
    exact_words = list(map(_EXACT_OF.__getitem__, _PART.findall(text)))
    folded_words = list(map(_FOLDED_OF.__getitem__, exact_words))
    if _IN_CODE.search(text) is None:
        return exact_words, folded_words, exact_words, folded_words
    codes = list(map(_EXACT_OF.__getitem__, _CODE.findall(text)))
    return (exact_words + codes, folded_words + list(map(_FOLDED_OF.__getitem__, codes)),
            exact_words, folded_words)
