"""Vietnamese vocabulary model: syllable frequencies and known two-syllable sequences.

What it is:
- **Unigram syllable frequencies** from the `wordfreq` package's Vietnamese list (`small_vi`, about
  10 700 entries; wordfreq code Apache-2.0, its data CC-BY-SA 4.0 — credit: Robyn Speer, wordfreq),
  kept only for spellings the syllable grammar accepts, so the list's own typos (`nguời`, `đuợc`) are
  not learnt. A valid syllable missing from the list gets a floor frequency; an invalid one has none.
- **Known syllable pairs** from pyvi's word list (`pyvi/models/words.txt`, about 31 000 words such as
  `cha mẹ`, `giao lưu`, `đa dạng`; MIT licence — credit: Vu Anh, pyvi): every adjacent pair of syllables
  inside a multi-syllable word, and those of spelled-out numbers (`mười lăm`), which the list lacks.
  Context uses it: `giao lu` becomes `giao lưu` because `giao lưu` is a word.
- **Foreign words**: wordfreq's lists of the languages written in cp1252 (English, French, German,
  Spanish, Portuguese, Italian, Dutch, the Nordic languages, Catalan), as evidence that a text is not
  Vietnamese.

Both packages are pinned dependencies and ship their data; nothing is downloaded. The model is built
lazily once per process (about 0.2 s) and is a few MB in memory.

    >>> logfreq("được") > logfreq("đuốc") > FLOOR
    True
    >>> logfreq("đợc") is None
    True
    >>> known_pair("giao", "lưu"), known_pair("giao", "lu"), known_pair("giải", "tỏa")
    (True, False, True)
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import wordfreq

from converters.language.syllable import is_syllable, other_placement, syllables

# log10 frequency given to a valid syllable the frequency list does not contain.
FLOOR = -7.5


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    valid = syllables()
    out: dict[str, float] = {}
    for word, freq in wordfreq.get_frequency_dict("vi").items():
        if word in valid and freq > 0:
            out[word] = math.log10(freq)
    return out


def logfreq(syllable: str) -> float | None:
    """log10 of the syllable's frequency in running Vietnamese text; None when it is not a syllable."""
    low = syllable.lower()
    freq = _frequencies().get(low)
    if freq is not None:
        return freq
    return FLOOR if is_syllable(low) else None


@lru_cache(maxsize=1)
def known_pairs() -> frozenset[tuple[str, str]]:
    """Every pair of adjacent syllables inside a word of pyvi's list or a spelled-out number, lower case,
    each syllable also with its tone in the other accepted place (the list writes `giải toả`, texts also
    `giải tỏa`)."""
    text = resources.files("pyvi").joinpath("models/words.txt").read_text(encoding="utf-8")
    pairs: set[tuple[str, str]] = set(_numeral_pairs())
    for line in text.splitlines():
        parts = line.lower().split()
        pairs.update(itertools.pairwise(parts))
    # each distinct syllable's other placement is worked out once (a syllable is in many pairs)
    both = {s: (s, other_placement(s) or s) for s in {s for pair in pairs for s in pair}}
    for first, second in list(pairs):
        pairs.update(itertools.product(both[first], both[second]))
    return frozenset(pairs)


# Spelled-out numbers, which pyvi's word list lacks: `mười lăm` (15), `hai mươi mốt` (21), `ba trăm`.
_DIGITS = ("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "bẩy", "tám", "chín")
_AFTER_TENS = ("mốt", "tư", "lăm", "nhăm")
_POWERS = ("trăm", "nghìn", "ngàn", "triệu", "tỷ", "tỉ")


def _numeral_pairs() -> set[tuple[str, str]]:
    """Adjacent syllables of Vietnamese numerals: `mười` + digit or `lăm`, digit + `mươi`, `mươi` +
    digit or `mốt tư lăm nhăm`, digit or `mười` + a power of ten, `linh`/`lẻ` + digit."""
    pairs = {("mười", d) for d in (*_DIGITS, "lăm")}
    pairs |= {(d, "mươi") for d in _DIGITS[1:]}
    pairs |= {("mươi", d) for d in (*_DIGITS, *_AFTER_TENS)}
    pairs |= {(d, p) for d in (*_DIGITS, "mười") for p in _POWERS}
    pairs |= {(z, d) for z in ("linh", "lẻ") for d in _DIGITS}
    return pairs


@lru_cache(maxsize=1)
def _pair_index() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The known pairs both ways: each syllable -> those before it inside a word, and those after it."""
    before: dict[str, set[str]] = defaultdict(set)
    after: dict[str, set[str]] = defaultdict(set)
    for first, second in known_pairs():
        before[second].add(first)
        after[first].add(second)
    return before, after


def pair_partners(words: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The syllables (lower case) that form a known pair before, and after, any of `words`.

    >>> before, after = pair_partners(["lưu"])
    >>> "giao" in before, "giao" in after
    (True, False)
    """
    before, after = _pair_index()
    low = [w.lower() for w in words]
    return (frozenset().union(*(before.get(w, ()) for w in low)),
            frozenset().union(*(after.get(w, ()) for w in low)))


def known_pair(first: str, second: str) -> bool:
    """True when `first second` occurs inside a known Vietnamese word."""
    return (first.lower(), second.lower()) in known_pairs()


# The languages written in cp1252 (Latin-1) whose wordfreq lists are the foreign words.
WESTERN_LANGUAGES = ("en", "fr", "de", "es", "pt", "it", "nl", "sv", "da", "nb", "fi", "is", "ca")


@lru_cache(maxsize=1)
def _foreign() -> frozenset[str]:
    """The words of WESTERN_LANGUAGES more frequent than one in a million: wordfreq's small lists, whose
    buckets go by centibels (bucket 600 is 10^-6), read without building their frequency dictionaries
    (0.3 s instead of 1.6 s, the same 329,000 words)."""
    words: set[str] = set()
    for lang in WESTERN_LANGUAGES:
        words.update(itertools.chain.from_iterable(wordfreq.get_frequency_list(lang, wordlist="small")[:600]))
    return frozenset(words)


def is_foreign_word(word: str) -> bool:
    """True when `word` is a common word of a language written in cp1252 (`très`, `für`, `så`, `não`), and
    so evidence against Vietnamese. Folded as wordfreq's lists are: `Größe` is listed as `grösse`,
    `don’t` as `don't`.

    >>> is_foreign_word("Größe"), is_foreign_word("Don’t"), is_foreign_word("tổng")
    (True, True, False)
    """
    return word.casefold().replace("’", "'") in _foreign()


_NON_SPACE = re.compile(r"\S+")


def has_western_word(text: str, words: int = 200) -> bool:
    """True when one of the first `words` words of `text` standing between spaces (not a piece of a URL or
    code) is a common word of a language written in cp1252, of three letters or more, that is no
    Vietnamese syllable (`edad`, `fiable`; not `con`, `ban`, `tin`): a sign of that language in a short
    line, where the accented words are too few to say."""
    for chunk in itertools.islice(_NON_SPACE.finditer(text), words):  # (not splitting the whole text)
        word = chunk.group().strip(".,;:!?()[]\"'«»“”‘’")
        if len(word) >= 3 and word.isalpha() and is_foreign_word(word) and logfreq(word) is None:
            return True
    return False


# Score of a spelling that is not a Vietnamese syllable, on the log10-frequency scale.
INVALID = -12.0
# Bonus, on the same scale, for each neighbour the spelling forms a known word with.
PAIR_BONUS = 2.0


# Penalty for a capital inside a small-letter word (`bỐ`): legal for a decoder, unlikely for a writer.
ODD_CASE = 1.5


@lru_cache(maxsize=200_000)
def spelling_score(word: str) -> float:
    """log10 frequency of `word` as a syllable (less ODD_CASE for `bỐ`-like casing), or INVALID."""
    freq = logfreq(word) if word else None
    if freq is None:
        return INVALID
    if not (word.islower() or word.isupper() or word.istitle()):
        freq -= ODD_CASE
    return freq
