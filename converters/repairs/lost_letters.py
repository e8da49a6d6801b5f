"""Restore the `ư` that TCVN3 text loses when its soft hyphens are stripped.

How the damage happens: TCVN3 writes a plain `ư` as byte 0xAD, which cp1252 and Latin-1 call the soft
hyphen; editors, web pipelines and search indexes drop soft hyphens, so `được` comes back as `đợc`,
`nước` as `nớc`, `như` as `nh`. Only the toneless `ư` is lost (`ừ ứ ử ữ ự` have their own codes).

The fix runs only when a document shows the damage (several words that are not syllables but become
frequent ones with an `ư`; one is enough in a text with no plain `ư` at all, which is itself a sign).
Then an invalid word gets its `ư` back when that makes a known syllable (`đợc` -> `được`, `nh` -> `như`;
a lone letter such as `t` only when the result forms a known word with a neighbour: `đầu t` -> `đầu
tư`). A valid word (`ngời`, `cha`, `lu`) changes only when the `ư` form is clearly more likely and the
word forms no known word with its neighbours: `giao lu` -> `giao lưu`, but `đa phơng` -> `đa phương`
keeps `đa`, and `ta ra tra xa tới mời đời đa ơn tha` stay as they are.

    >>> restore_lost_u("Hiệp hội đợc thành lập, nớc ta có nhiều đô thị nh Hà Nội; cha có giao lu.")
    'Hiệp hội được thành lập, nước ta có nhiều đô thị như Hà Nội; chưa có giao lưu.'
    >>> restore_lost_u("Kế hoạch đầu t, tổng th ký, xa xôi, đa phơng, thiết tha, ngời ta, nhng mà.")
    'Kế hoạch đầu tư, tổng thư ký, xa xôi, đa phương, thiết tha, người ta, nhưng mà.'
    >>> restore_lost_u("The cha cha is a dance; he said nh and t.")
    'The cha cha is a dance; he said nh and t.'
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache, partial

from converters.language.lexicon import FLOOR, PAIR_BONUS, known_pair, logfreq, pair_partners
from converters.language.syllable import ONSETS, is_syllable, syllables
from converters.language.tokens import (
    chunk_matches,
    join_chunks,
    split_chunks,
    spread_sample,
    substitute_chunks,
    token_counts,
)

# The document must hold at least this many restorable invalid words, and this share of its words.
MIN_DAMAGE = 2
MIN_DAMAGE_SHARE = 0.005
# A valid word is replaced only when the ư form wins by this much (log10 scale): bias to no change.
MARGIN = 0.2
# A word of one or two letters (`nh`, `t`) is restored without a neighbour's support only when its ư
# form is this common (log10): `như` is, `trư` (also the Unix `tr`) is not.
SHORT_WORD_FREQ = -3.5
# Characters on either side of a word in which its neighbours are looked for.
CONTEXT = 40
# A lone letter restored in this many places of a document is restored wherever it stands between words.
LONE_LETTER_SEEN = 3
# Lines are read one distinct line at a time only when at most this share of them is distinct.
REPEATED_LINES = 0.75

WORD = re.compile(r"[^\W\d_]+")
_HAS_U = re.compile("[ưƯ]")
# A word counts only when it stands between spaces or sentence punctuation (not in `don't`, `8h`, `v.v`);
# a table's bar and a dot leader (`khám:.....ngời`, `…ngời`) also set a word apart, and a slash a word of
# three letters or more (`giờ/ngời`; `tấn/h` is a unit).
_FREE_BEFORE = frozenset(" \t\n\r\xa0([{\"“‘«-–—|…")
_FREE_AFTER = frozenset(" \t\n\r\xa0)]}\"”’»,;:!?.-–—…|")
_LEADER = ".."


def _insert_u(word: str, pos: int) -> str:
    upper = word.isupper() and (len(word) > 1 or pos == 0)
    u = "Ư" if upper else "ư"
    if pos == 0 and word[:1].isupper() and not upper:
        return "Ư" + word[0].lower() + word[1:]
    return word[:pos] + u + word[pos:]


@lru_cache(maxsize=50_000)
def candidates(word: str) -> tuple[str, ...]:
    """The syllables `word` becomes with one `ư` inserted, most frequent first."""
    low = word.lower()
    if "ư" in low or len(word) > 6:
        return ()
    if len(low) == len(word):  # the places where an ư makes a syllable, looked up
        found = {_insert_u(word, i) for i in _u_places().get(low, ())}
    else:
        found = {_insert_u(word, i) for i in range(len(word) + 1)}
    valid = [c for c in found if is_syllable(c)]
    return tuple(sorted(valid, key=lambda c: -(logfreq(c) or FLOOR)))


@lru_cache(maxsize=1)
def _u_places() -> dict[str, tuple[int, ...]]:
    """Each spelling that is a syllable once an `ư` is inserted -> the places where it goes."""
    places: dict[str, list[int]] = {}
    for syllable in syllables():
        for i, ch in enumerate(syllable):
            if ch == "ư":
                places.setdefault(syllable[:i] + syllable[i + 1 :], []).append(i)
    return {spelling: tuple(sorted(at)) for spelling, at in places.items()}


def _restorable(word: str) -> bool:
    """Evidence of the damage: an invalid word of three letters or more whose ư form is a known syllable
    (`đợc`, `nớc`, `trng`). Shorter ones (`nh`, `th`, `TH`) are restored once the damage is shown, but
    are no evidence: abbreviations and words a PDF split apart (`th ẩm`) look the same."""
    if len(word) < 3 or is_syllable(word):
        return False
    return any((logfreq(c) or FLOOR) > FLOOR for c in candidates(word))


def _pairs(word: str, before: str | None, after: str | None) -> int:
    return int(bool(before) and known_pair(before, word)) + int(bool(after) and known_pair(word, after))


@lru_cache(maxsize=100_000)
def _decide(word: str, before: str | None, after: str | None) -> str:
    """`word` with its `ư` restored, or `word` itself."""
    options = candidates(word)
    if not options:
        return word
    scored = [((logfreq(c) or FLOOR) + PAIR_BONUS * _pairs(c, before, after), c) for c in options]
    best_score, best = max(scored)
    best_pairs = _pairs(best, before, after)
    if not is_syllable(word):
        return best if _common(word, best) or best_pairs else word
    if _pairs(word, before, after):
        return word
    return best if best_score > (logfreq(word) or FLOOR) + MARGIN else word


def _common(word: str, best: str) -> bool:
    """An invalid `word` whose ư form `best` is common enough to restore without a neighbour's support.
    A two-letter word with a Vietnamese letter (`ớc` for `ước`) is no abbreviation: as a longer word."""
    floor = SHORT_WORD_FREQ if len(word) == 2 and word.isascii() else FLOOR
    abbreviation = len(word) == 2 and word.isupper()
    return len(word) > 1 and (logfreq(best) or FLOOR) > floor and not abbreviation


@lru_cache(maxsize=50_000)
def _without_context(word: str) -> str | None:
    """What `_restore_match` gives `word` wherever it stands, or None when its place and neighbours decide.

    A valid word that even two known pairs cannot lift past MARGIN always stays; an invalid word of three
    letters or more (so always free-standing enough) with one common ư form always takes it.
    """
    options = candidates(word)
    if is_syllable(word):
        own = (logfreq(word) or FLOOR) + MARGIN
        lifted = ((logfreq(c) or FLOOR) + PAIR_BONUS * 2 for c in options)
        return word if not any(score > own for score in lifted) else None
    if len(word) >= 3 and len(options) == 1 and _common(word, options[0]):
        return options[0]
    return None


def restore_lost_u(text: str) -> str:
    """Put back the `ư` lost with TCVN3 soft hyphens (see the module docstring)."""
    sample = spread_sample(text)
    if sample is not text:
        # A long text: its spread sample says whether the damage is there, and only the distinct words
        # of its distinct chunks are looked up (counting every word would cost more than the repair).
        if not shows_lost_u(token_counts(sample, WORD)):
            return text
        pieces = split_chunks(text)
        distinct = list(dict.fromkeys(pieces))
        found, where = chunk_matches(distinct, WORD)
        fixed = _fixed(dict.fromkeys(found))
        # only the chunks holding a word that may take an ư are substituted
        touched = dict.fromkeys(itertools.compress(where, map(fixed.__contains__, found)))
        chunks: list[str] | None = [distinct[i] for i in touched]
    else:
        counts = token_counts(text, WORD)
        if not shows_lost_u(counts):
            # Too little damage to change valid words; a word with a Vietnamese letter that only an ư
            # makes a syllable (`Tân dợc`) is no English or abbreviation, and nothing else explains it.
            fixed = {word: _without_context(word) for word in counts
                     if not word.isascii() and not is_syllable(word) and candidates(word)}
            fixed = {word: found for word, found in fixed.items() if found is not None and found != word}
            return _restore_lines(text, fixed) if fixed else text
        fixed, pieces, chunks = _fixed(counts), None, None
    if all(found == word for word, found in fixed.items()):
        return text
    return _restore_lines(text, fixed, pieces, chunks)


def _fixed(words: Iterable[str]) -> dict[str, str | None]:
    """The words that may take an ư -> what they become wherever they stand (None: their place and
    neighbours decide)."""
    return {word: _without_context(word) for word in words if candidates(word)}


def _restore_lines(text: str, fixed: dict[str, str | None], pieces: list[str] | None = None,
                   chunks: list[str] | None = None) -> str:
    """Restore the words of `text`, one distinct space-separated chunk at a time: only the chunks holding
    a word whose place decides are read in place. When lines repeat (tables, forms), line by line: a line
    with the same CONTEXT characters on either side comes out the same, so each distinct one is read once.
    `pieces` are the text's chunks and `chunks` the distinct ones that hold a word of `fixed`, when the
    caller has them."""

    def restore(m: re.Match[str], shift: int = 0) -> str:
        found = fixed.get(m.group(), m.group())
        return found if found is not None else _restore_match(text, m.group(), m.start() + shift)

    lines = text.split("\n")
    if len(set(lines)) > REPEATED_LINES * len(lines):
        pieces = split_chunks(text) if pieces is None else pieces
        mapped, hard = substitute_chunks(pieces, WORD, fixed, chunks)
        out = list(map(mapped.get, pieces, pieces))
        if hard:
            start, counted = 0, 0  # piece `counted` starts at `start` of the text
            # A lone letter that the document restores from its neighbours in LONE_LETTER_SEEN places
            # (`đầu t`, `t nhân`, `t vấn` -> `tư`) is that word wherever else it stands alone between
            # words (`bệnh viện t và`): in a text that lost its ư, nothing else leaves it there.
            letters: Counter[tuple[str, str]] = Counter()
            kept: list[tuple[int, str, str, str]] = []
            for i in itertools.compress(range(len(pieces)), map(hard.__contains__, pieces)):
                piece = pieces[i]
                # A chunk that is one word between punctuation: its neighbours are the edge words of the
                # chunks beside it, when those lie wholly within CONTEXT of the word.
                shape = _one_word(piece)
                # (a lone letter before `)` may be a list label: the text around it decides)
                if shape is not None and not (len(shape[1]) == 1 and shape[2].startswith(")")):
                    lead, word, trail = shape
                    left, right = _beside(pieces, i - 1, len(lead)), _beside(pieces, i + 1, len(trail))
                    if left and right:
                        found = _word_between(word, lead, trail, left[1], right[0])
                        if len(word) == 1 and found != word:
                            letters[word, found] += 1
                        elif len(word) == 1 and _between_words(word, left[1], right[0]):
                            kept.append((i, lead, word, trail))
                        out[i] = lead + found + trail
                        continue
                start += sum(map(len, pieces[counted:i])) + i - counted
                counted = i
                out[i] = WORD.sub(partial(restore, shift=start), piece)
            usual = {word: found for (word, found), n in letters.most_common() if n >= LONE_LETTER_SEEN}
            for i, lead, word, trail in kept:
                if word in usual:
                    out[i] = lead + usual[word] + trail
        return join_chunks(out)
    out: list[str] = []
    done: dict[tuple[str, str, str], str] = {}
    start = 0
    for line in lines:
        end = start + len(line)
        key = (text[max(0, start - CONTEXT) : start], line, text[end : end + CONTEXT])
        found = done.get(key)
        if found is None:
            found = done[key] = WORD.sub(partial(restore, shift=start), line)
        out.append(found)
        start = end + 1
    return "\n".join(out)


_ONSET_LETTERS = frozenset(onset[0] for onset in ONSETS if onset)


def _between_words(letter: str, before: str | None, after: str | None) -> bool:
    """True when a lone letter stands between two syllables (once restored) and is no onset split off
    the word after it (`t ỉnh`, as a PDF or a transcript splits `tỉnh` before a vowel with its marks;
    `t hiện` is `tư hiện`, not `thiện`)."""
    if not (before and after):
        return False
    after = _as_restored(after)
    split = after[:1].lower() not in _ONSET_LETTERS and is_syllable(letter + after)
    return is_syllable(_as_restored(before)) and is_syllable(after) and not split


def shows_lost_u(counts: Counter[str]) -> bool:
    """True when the words show the damage. A Vietnamese text with no plain `ư` anywhere (one of its
    commonest letters: `được người nước những`) has lost them all, so one restorable word is enough."""
    damage = sum(n for word, n in counts.items() if _restorable(word))
    needed = MIN_DAMAGE if any(_HAS_U.search(word) for word in counts) else 1
    return damage >= needed and damage >= MIN_DAMAGE_SHARE * sum(counts.values())


def _restore_match(text: str, word: str, start: int) -> str:
    """`word`, found at `start` of `text`, restored or not from its place and neighbours."""
    end = start + len(word)
    if not _may_restore(word, text[max(0, start - 2) : start], text[end : end + 1]):
        return word  # `don't`, `8h`, `v.v`: not a word of its own
    if len(word) == 1 and text[end:end + 1] == ")" and not _inside_brackets(text, start):
        return word  # a list label, `c)`, not `(đầu t)`
    words_before = WORD.findall(text, max(0, start - CONTEXT), start)
    found = WORD.search(text, end, end + CONTEXT)
    return _decide_near(word, words_before[-1] if words_before else None, found.group() if found else None)


@lru_cache(maxsize=100_000)
def _one_word(chunk: str) -> tuple[str, str, str] | None:
    """(punctuation before, the word, punctuation after) of a chunk holding one word, else None."""
    found = WORD.search(chunk)
    if found is None or WORD.search(chunk, found.end()):
        return None
    return chunk[: found.start()], found.group(), chunk[found.end() :]


def _beside(pieces: list[str], i: int, gap: int) -> tuple[str | None, str | None] | None:
    """The edge words of chunk i, beside a word with `gap` punctuation characters between it and the
    space: (None, None) past the text's ends, None when the chunk has no word or does not lie wholly
    within CONTEXT of the word (then the text is read)."""
    if not 0 <= i < len(pieces):
        return None, None
    return _edge_words(pieces[i]) if len(pieces[i]) + gap < CONTEXT else None


def _word_between(word: str, lead: str, trail: str, before: str | None, after: str | None) -> str:
    """`_restore_match` for a word with the punctuation `lead` and `trail` around it in its chunk, and
    the words `before` and `after` beside that chunk."""
    if not _may_restore(word, lead[-2:], trail[:1]):
        return word
    return _decide_near(word, before, after)


def _may_restore(word: str, prefix: str, following: str) -> bool:
    """True when `word` between `prefix` and `following` may take an ư: it stands as a word of its own
    (`_free`), or it is no syllable of three letters or more wherever it stands."""
    return _free(word, prefix, following) or (len(word) >= 3 and not is_syllable(word))


def _free(word: str, prefix: str, following: str) -> bool:
    """True when `word`, after `prefix` (the two characters before it) and before `following` (the
    character after it), is a word of its own."""
    slash = len(word) > 2
    return ((not prefix or prefix[-1] in _FREE_BEFORE or prefix == _LEADER or (slash and prefix[-1] == "/"))
            and (not following or following in _FREE_AFTER or (slash and following == "/")))


def _inside_brackets(text: str, pos: int) -> bool:
    """True when an opening bracket before `pos` on its line is not closed before it."""
    line = text[text.rfind("\n", 0, pos) + 1 : pos]
    return line.rfind("(") > line.rfind(")")


def _decide_near(word: str, before: str | None, after: str | None) -> str:
    """`word` restored or not between the words `before` and `after` (as they stand in the text)."""
    before = _as_restored(before) if before else None
    after = _as_restored(after) if after else None
    # A neighbour that forms a known pair with none of the word's forms changes nothing in `_decide`:
    # left out, the decisions are shared by more places.
    pairs_before, pairs_after = _partners(word)
    return _decide(word, before if before and before.lower() in pairs_before else None,
                   after if after and after.lower() in pairs_after else None)


@lru_cache(maxsize=100_000)
def _edge_words(chunk: str) -> tuple[str, str] | None:
    """The first and last word of a space-separated chunk short enough to lie wholly within CONTEXT of
    its neighbour, or None (no word, or too long: the neighbour is read in the text)."""
    if len(chunk) >= CONTEXT:
        return None
    words = WORD.findall(chunk)
    return (words[0], words[-1]) if words else None


@lru_cache(maxsize=50_000)
def _partners(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """The syllables that form a known pair before and after `word` or one of its ư forms."""
    return pair_partners((word, *candidates(word)))


@lru_cache(maxsize=50_000)
def _as_restored(word: str) -> str:
    """A neighbour as the repair would leave it (invalid words judged alone), for context."""
    return word if is_syllable(word) else _decide(word, None, None)
