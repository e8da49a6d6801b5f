"""Which lines of a document are in another charset than the document's own.

Two kinds of damage put two charsets in one file: someone appends UTF-8 text to a TCVN3 file (or the
reverse), or a document gathers passages typed in TCVN3 and in VNI (and may then be read as cp1252 as a
whole). Once the document's charset is chosen, a line whose words are Vietnamese in another charset and
not in the document's is read in that one. A line with too few words to tell follows the lines around
it; a line the document's charset reads well never changes, so names and English stay as they are.

Each line is scored per reading as `(words that are Vietnamese syllables, words)`:

    >>> choose_lines([{"tcvn3": (5, 5), "vni": (0, 5)}, {"tcvn3": (0, 4), "vni": (4, 4)},
    ...               {"tcvn3": (0, 1), "vni": (1, 1)}, {}], "tcvn3")
    ['tcvn3', 'vni', 'vni', 'vni']
    >>> choose_lines([{"tcvn3": (5, 5)}, {"tcvn3": (0, 1), "vni": (1, 1)}, {"tcvn3": (3, 3)}], "tcvn3")
    ['tcvn3', 'tcvn3', 'tcvn3']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache

from converters.language.lexicon import INVALID, is_foreign_word, spelling_score
from converters.language.tokens import TOKEN, token_counts, word_core
from converters.repairs.lost_letters import candidates
from converters.repairs.readings import HAS_BYTE_CHAR, MOJIBAKE_READINGS, read_all, read_as

# A line changes charset on its own only when the other charset makes at least this many more of its
# words Vietnamese (UTF-8 letters are evidence enough in one word: legacy bytes seldom form them).
MIN_LINE_WORDS = 2
# A reading is looked for line by line only when it makes at least this many of the document's word
# occurrences Vietnamese that neither the document's charset nor the text as it is makes Vietnamese.
MIN_OTHER_WORDS = 3
# ... and at least this share of the words holding byte-like characters: a long document has rare
# words that some charset happens to read (`tØng` is `tửng` in VISCII).
OTHER_SHARE = 0.002

Scores = Mapping[str, tuple[int, int]]


def vietnamese_words(text: str) -> tuple[int, int]:
    """(non-ASCII words that are Vietnamese syllables, non-ASCII words) in `text`.

    A word that is a syllable once its lost `ư` is back (`®îc` -> `đợc`) counts as Vietnamese.
    One-character words are left out: a lone quote or dash byte reads as a one-letter "syllable" in
    several charsets and would make English look Vietnamese. Typographic quotes and dashes at a word's
    edge are punctuation (`“Báo` is the word `Báo`): TCVN3 and VNI keep cp1252's quotes, and a short run
    whose words all touch one would otherwise not look Vietnamese at all.
    """
    unread, total = unread_words(text)
    return total - sum(unread.values()), total


def unread_words(text: str) -> tuple[dict[str, int], int]:
    """The words of `vietnamese_words` that are not Vietnamese (token as in `text` -> occurrences), and
    how many words it counts.

    >>> unread_words("Báo cáo nửụực ngoaứi “nửụực”")  # VNI read as TCVN3
    ({'nửụực': 1, 'ngoaứi': 1, '“nửụực”': 1}, 5)
    """
    return _unread(token_counts(text))


def chunk_unread(chunks: Sequence[str], counts: Sequence[int]) -> tuple[dict[str, int], int]:
    """`unread_words` of a text whose space-free chunks are `chunks`, each occurring `counts` times."""
    tokens: Counter[str] = Counter()
    for chunk, n in zip(chunks, counts, strict=True):
        for token in TOKEN.findall(chunk):
            tokens[token] += n
    return _unread(tokens)


def _unread(tokens: Mapping[str, int]) -> tuple[dict[str, int], int]:
    unread, total = {}, 0
    for token, n in tokens.items():
        verdict = _verdict(token)
        if verdict is None:
            continue
        total += n
        if not verdict:
            unread[token] = n
    return unread, total


@lru_cache(maxsize=100_000)
def _verdict(token: str) -> bool | None:
    """None for a token `vietnamese_words` leaves out (ASCII, one character once its edge punctuation
    is off), else whether it is Vietnamese (remembered: the lines of a mixed file repeat their words)."""
    core = word_core(token)
    if core.isascii() or len(core) < 2:
        return None
    return _vietnamese(core)


def western_line(text: str, least: int = 1) -> bool:
    """True when `text` is a line of a language written in cp1252: most of its words, and `least` or
    more, are common words of such a language, and so are most of its words with a letter outside ASCII
    (or it has none: English with typographic quotes and dashes). The evidence that a line of valid
    UTF-8 among legacy bytes was written so (`Le président a présenté…`); a Vietnamese line's accented
    words are seldom such words.

    >>> western_line("Le président a présenté le budget."), western_line("Die Größe: 12 cm")
    (True, True)
    >>> western_line("Don’t panic – the “quick start” guide"), western_line("Báo cáo tổng kết năm")
    (True, False)
    """
    words = western = accented = accented_western = 0
    for token, n in token_counts(text).items():
        token = word_core(token)
        if len(token) < 2 or not any(ch.isalpha() for ch in token):
            continue
        common = is_foreign_word(token)
        words += n
        western += n * common
        if not token.isascii():
            accented += n
            accented_western += n * common
    return western >= max(least, 1) and 2 * western > words and 2 * accented_western >= accented


def _vietnamese(word: str) -> bool:
    """A syllable, or one once its lost ư is back."""
    return spelling_score(word) > INVALID or bool(candidates(word))


def _margin(score: tuple[int, int]) -> int:
    valid, total = score
    return 2 * valid - total  # Vietnamese words minus the others


def clearly_other(line: Scores, label: str, main: str) -> bool:
    """True when `label` reads the line better than `main`, which reads at most half of it, and reads
    most of it and MIN_LINE_WORDS words more (UTF-8: any more; abbreviations such as `QĐ` are no
    syllables, and read in another charset they may be: `Nứ`)."""
    valid, total = line[label]
    main_margin = _margin(line.get(main, (0, 0)))
    if label == "utf-8":
        return valid >= 1 and _margin(line[label]) > main_margin and main_margin <= 0
    return (valid >= line.get(main, (0, 0))[0] + MIN_LINE_WORDS and 2 * valid > total
            and _margin(line[label]) > main_margin <= 0)


def _rival(line: Scores, main: str) -> int:
    """The best margin of a reading other than `main` (0 when there is none)."""
    return max((_margin(score) for label, score in line.items() if label != main), default=0)


def choose_lines(scores: Sequence[Scores], main: str) -> list[str]:
    """The reading of each line, given each line's score under `main` and the other readings it may be
    in (an empty mapping: a line with nothing to read, which follows its neighbours)."""
    decided: list[str | None] = []
    for line in scores:
        others = [label for label in line if label != main and clearly_other(line, label, main)]
        if others:
            decided.append(max(others, key=lambda label: _margin(line[label])))
        elif main in line and _margin(line[main]) > max(_rival(line, main), 0):
            decided.append(main)  # (a line that reads as well in another charset follows its neighbours)
        else:
            decided.append(None)
    following: list[str | None] = []  # the next decided line's reading, from each line on
    for label in reversed(decided):
        following.append(label if label is not None else (following[-1] if following else None))
    following.reverse()
    out = []
    last: str | None = None
    for i, label in enumerate(decided):
        if label is None:
            after = following[i] if following[i] is not None else last
            before = last if last is not None else after
            label = _between(scores[i], before, after, main)
        else:
            last = label
        out.append(label)
    return out


def _between(line: Scores, before: str | None, after: str | None, main: str) -> str:
    """The reading of an unclear line between lines read `before` and `after`: theirs when they agree
    and it reads the line at least as well as `main`; where they differ (the line where one charset
    ends), the one of them that reads it better than `main`, which reads at most half of it or
    MIN_LINE_WORDS words fewer."""
    if not line:
        return before if before is not None and before == after else main
    own = _margin(line.get(main, (0, 0)))
    if before == after:
        return before if before in line and _margin(line[before]) >= own else main
    main_valid = line.get(main, (0, 0))[0]
    better = [label for label in (before, after) if label in line and _margin(line[label]) > own
              and (own <= 0 or line[label][0] >= main_valid + MIN_LINE_WORDS)]
    return max(better, key=lambda label: _margin(line[label])) if better else main


def other_readings(suspects: Mapping[str, int], reading: str) -> tuple[str, ...]:
    """The readings other than `reading` that make at least MIN_OTHER_WORDS (and OTHER_SHARE) of the
    `suspects` (tokens holding byte-like characters, with their counts) Vietnamese that are not
    Vietnamese as they are nor under `reading`: in a document in one charset there are (almost) none,
    and nothing more is done."""
    # Words in capitals are left out: abbreviations (`NĐ`, `TSCĐ`) are no syllables in any charset,
    # and read in another one they often are (`Nớ`).
    tokens = [token for token in suspects if len(token) > 1 and not token.isupper()]
    # (most tokens are syllables in `reading`: one cached look-up each sets them aside)
    doubtful = [(token, read) for token, read in zip(tokens, read_all(tokens, reading), strict=True)
                if read is None or spelling_score(read) <= INVALID]
    unread = [token for token, read in doubtful
              if len(word_core(token)) > 1 and (read is None or not _vietnamese(word_core(read)))
              and not _vietnamese(word_core(token))]
    total = sum(suspects.values())
    if sum(suspects[token] for token in unread) < max(MIN_OTHER_WORDS, OTHER_SHARE * total):
        return ()
    found = []
    for label in MOJIBAKE_READINGS:
        if label == reading:
            continue
        read = read_all(unread, label)
        words = sum(suspects[token] for token, other in zip(unread, read, strict=True)
                    if other is not None and other != token and _vietnamese(word_core(other)))
        if words >= max(MIN_OTHER_WORDS, OTHER_SHARE * total):
            found.append(label)
    return tuple(found)


def line_readings(text: str, reading: str, others: tuple[str, ...]) -> tuple[str, ...] | None:
    """The reading of each line of `text` (legacy text read as cp1252, `reading` its main charset) when
    some line is in one of `others`, else None. A reading must also beat the line as it is (a line
    typed in Unicode needs no reading)."""
    scores = []
    for line in text.split("\n"):
        if not HAS_BYTE_CHAR.search(line):
            scores.append({})
            continue
        as_is = _margin(vietnamese_words(line))
        line_scores = {}
        for label in (reading, *others):
            read = read_as(line, label)
            score = vietnamese_words(read) if read is not None else (0, 0)
            line_scores[label] = score if label == reading or _margin(score) > as_is else (0, score[1])
        scores.append(line_scores)
    labels = choose_lines(scores, reading)
    return tuple(labels) if any(label != reading for label in labels) else None
