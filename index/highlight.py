"""Highlighted snippets and passages: HTML-escaped text with matched syllables in `<mark>`.

Matching is on folded syllables, so `do thi` marks `đô thị` and an accented query marks the same words it
matched. Matches are found by a regular expression per term over the text as it is, each letter of a term
standing for all its cased and accented forms (`_any_form`: `do` matches `Đô`), not by folding the text
or running the analyzer over every long document on a results page. Whoosh's `ContextFragmenter` stops
at 32 KB by default and, even with `charlimit=None`, drops a match that falls on a fragment boundary and
can emit a fragment with no match at all; `PassageFragmenter` (a Whoosh `Fragmenter`) groups the matches
itself with no character limit, and Whoosh formats them.

>>> snippet("Báo cáo về <đô thị> & nông thôn", {"do", "thi"})
'Báo cáo về &lt;<mark>đô</mark> <mark>thị</mark>&gt; &amp; nông thôn'
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from whoosh.analysis import Filter, Token
from whoosh.highlight import BasicFragmentScorer, Fragment, Fragmenter, HtmlFormatter, set_matched_filter

from index.analysis import FoldFilter, SyllableTokenizer, fold

SNIPPET_CHARS = 180


class SkipCompoundFilter(Filter):
    """Drop whole-code tokens: their parts are marked instead, so marks never overlap."""

    def __call__(self, tokens):
        for t in tokens:
            if not getattr(t, "compound", False):
                yield t


HIGHLIGHT = SyllableTokenizer() | SkipCompoundFilter() | FoldFilter()


class MarkFormatter(HtmlFormatter):
    """`<mark>word</mark>` with the surrounding text escaped, fragments joined by an ellipsis."""

    template = "<mark>%(t)s</mark>"

    def __init__(self) -> None:
        super().__init__(tagname="mark", between=" … ")


class PassageFragmenter(Fragmenter):
    """Windows of about `maxchars` around runs of matches, cut at spaces; the whole text is scanned."""

    def __init__(self, maxchars: int = SNIPPET_CHARS, surround: int = 80) -> None:
        self.maxchars, self.surround = maxchars, surround

    def fragment_tokens(self, text, tokens):
        group: list = []
        for t in tokens:
            if not t.matched:
                continue
            if group and t.endchar - group[0].startchar > self.maxchars:
                yield self._fragment(text, group)
                group = []
            group.append(t.copy())
        if group:
            yield self._fragment(text, group)

    def _fragment(self, text: str, matches: list) -> Fragment:
        start = max(0, matches[0].startchar - self.surround)
        if start:
            space = text.find(" ", start, matches[0].startchar)
            start = space + 1 if space >= 0 else start
        end = min(len(text), matches[-1].endchar + self.surround)
        if end < len(text):
            space = text.rfind(" ", matches[-1].endchar, end)
            end = space if space >= 0 else end
        return Fragment(text, matches, start, end)


def _fold_table() -> dict[int, str]:
    """Latin letters with diacritics → their one-letter base (`ế` → `e`, `đ` → `d`)."""
    table = {}
    for cp in range(0xC0, 0x2000):
        folded = fold(chr(cp))
        if len(folded) == 1 and folded != chr(cp):
            table[cp] = folded
    return table


_FOLD = _fold_table()


def _unfold_table() -> dict[str, str]:
    """Each folded letter → every letter (either case) that lowers and folds to it, itself included."""
    table: dict[str, str] = {}
    for cp in range(0x30, 0x2000):
        lowered = chr(cp).lower()
        if len(lowered) == 1:
            key = lowered.translate(_FOLD)
            table[key] = table.get(key, "") + chr(cp)
    return table


_UNFOLD = _unfold_table()


@lru_cache(maxsize=1024)
def _pattern(term: str) -> re.Pattern:
    """One term's whole-word regex. Compiling one costs about half a millisecond (a class of some 50
    letters for each of its letters), so each term is compiled once and searches that share a word share
    it, where a regex of a search's terms together would be compiled again for every new search. The
    pattern starts with the first letter's class, the "no letter before" test just after it: a regex
    that starts with a class skips ahead to the letters of that class, four times faster than testing
    the lookbehind at every place of the text."""
    letters = _any_form(term)
    return re.compile(rf"{letters[0]}(?<!\w.){''.join(letters[1:])}(?!\w)")


def _matched_tokens(text: str, terms: set[str]):
    """Tokens for the places where a folded term occurs in `text` (only matches are needed)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer: analyse the slow, exact way
        tokens = HIGHLIGHT(text, chars=True, mode="query", removestops=False)
        return set_matched_filter(tokens, frozenset(terms))
    return _regex_tokens(text, terms)


def _any_form(folded_word: str) -> list[str]:
    """A regex class per letter of a folded word, of every letter that lowers and folds to it (`o` →
    `[oOòóỏõọôồ…]`): together they match every cased and accented spelling of the word."""
    return [f"[{re.escape(_UNFOLD.get(c, c))}]" for c in folded_word]


def _regex_tokens(text: str, terms: set[str]):
    """The terms' matches left to right; where two overlap, the first, and at one place the longest (as
    one regex of the terms, longest first, would find them)."""
    matches = sorted((m for term in terms for m in _pattern(term).finditer(text)),
                     key=lambda m: (m.start(), -m.end()))
    end = 0
    for m in matches:
        if m.start() < end:
            continue
        end = m.end()
        t = Token(chars=True)
        t.text = m.group().lower().translate(_FOLD)  # the fragment scorer counts distinct terms by it
        t.startchar, t.endchar, t.matched, t.boost = m.start(), m.end(), True, 1.0
        yield t


def _fragments(text: str, terms: set[str], maxchars: int, top: int) -> list:
    fragmenter = PassageFragmenter(maxchars, surround=maxchars // 3)
    scorer = BasicFragmentScorer()
    scored = [(scorer(f), f) for f in fragmenter.fragment_tokens(text, _matched_tokens(text, terms))]
    best = sorted(scored, key=lambda sf: -sf[0])[:top]
    return sorted((f for _s, f in best), key=lambda f: f.startchar)


def snippet(text: str, terms: set[str], *, maxchars: int = SNIPPET_CHARS, top: int = 2) -> str:
    """The best fragments of `text` with the `terms` (folded syllables) marked; the opening if none match."""
    fragments = _fragments(text, terms, maxchars, top) if terms else []
    if not fragments:
        return html.escape(" ".join(text[: maxchars * 2].split())[:maxchars])
    return MarkFormatter().format(fragments)


def passages(text: str, terms: set[str], limit: int = 50, *, maxchars: int = SNIPPET_CHARS) -> list[str]:
    """Every matching passage of one document in reading order, at most `limit` (search inside)."""
    if not terms:
        return []
    formatter = MarkFormatter()
    fragmenter = PassageFragmenter(maxchars, surround=maxchars // 3)
    out = []
    for fragment in fragmenter.fragment_tokens(text, _matched_tokens(text, terms)):
        out.append(formatter.format_fragment(fragment, replace=False))
        if len(out) >= limit:
            break
    return out
