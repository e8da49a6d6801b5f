"""Undo legacy bytes that were read as cp1252/Latin-1, word by word, even inside one word.

How the damage happens: a TCVN3 or VNI file is opened as Windows-1252 and saved as UTF-8, so `Báo cáo`
becomes `B¸o c¸o`; later edits add real Unicode words beside it, sometimes inside one word (`đèi`: a
typed `đ`, then TCVN3 `è` for `ố`). Characters such as `à á è é ó ô` are both Latin-1 Vietnamese letters
and TCVN3 codes for other letters, so no global rule works.

The fix reads every token that holds byte-like characters both ways — as it is, and through the
document's legacy charset (chosen by evidence: tokens that are Vietnamese only under that reading) —
and keeps the reading with the better Vietnamese score: syllable validity, frequency, a prior from how
much of the document is legacy, and known two-syllable words with the neighbours. It does nothing when
the document shows no such evidence (French, German, English, clean Vietnamese).

    >>> undo_legacy_mojibake("B¸o c¸o ho¹t ®éng cña hiÖp héi c¸c ®« thÞ ViÖt Nam")
    'Báo cáo hoạt động của hiệp hội các đô thị Việt Nam'
    >>> undo_legacy_mojibake("Trõ đèi với -h và -L, mọi thö nghiệm có liªn quan đÕn tËp tin")
    'Trừ đối với -h và -L, mọi thử nghiệm có liên quan đến tập tin'
    >>> undo_legacy_mojibake("Déjà vu, très café.")
    'Déjà vu, très café.'
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from converters.charsets import LETTERS, VIETNAMESE_ONLY
from converters.language.letter_case import in_capitals, plain_case
from converters.language.lexicon import (
    FLOOR,
    INVALID,
    PAIR_BONUS,
    has_western_word,
    is_foreign_word,
    pair_partners,
    spelling_score,
)
from converters.language.tokens import (
    TOKEN,
    SpacedChunks,
    join_chunks,
    spaced_chunks,
    spread_sample,
    word_core,
)
from converters.repairs.close_calls import (
    PHRASE_ENDS,
    PHRASE_SAMPLE,
    DocumentContext,
    DocumentPhrases,
    legacy_share,
    source_pairs,
    spread_slices,
    token_source,
    written_elsewhere,
)
from converters.repairs.lost_letters import WORD, candidates, shows_lost_u
from converters.repairs.mixed_lines import line_readings, other_readings
from converters.repairs.readings import (
    _BYTE_RUN,
    HAS_BYTE_CHAR,
    MOJIBAKE_READINGS,
    lost_byte_readings,
    read_all,
    read_as,
    spelled_by_no_language,
)

# A reading must make at least this many token occurrences Vietnamese that were not, and this share of
# all tokens holding byte-like characters, before the document counts as legacy text.
MIN_EVIDENCE = 3
MIN_EVIDENCE_SHARE = 0.1
# A short text (a title, a table cell) may count as legacy with this many: when no word is Vietnamese
# only as it is or typed in Unicode and at least half its suspect words (of two characters or more) are
# evidence. One word alone is enough only with a symbol between its letters (`C«ng`).
SHORT_EVIDENCE = 2
# Per-character mixing inside one word is searched only for words with at most this many byte characters.
MAX_MIXED_CHARS = 4
# Counter-evidence below this share of the evidence (a few names, a foreign word) means "all legacy".
PURE_SHARE = 0.02
PURE_PRIOR = 0.9999
TYPED_WORDS = 1
_STRAY_MARKS = re.compile("[\u0300-\u036f]")  # combining marks left over after NFC
_LETTERS = frozenset(LETTERS) - frozenset("aeiouyAEIOUY")


class Scores(NamedTuple):
    """A token's spelling score as it is, its reading under a legacy label (`read_as`), and the
    reading's score (INVALID when it has none)."""

    as_is: float
    reading: str | None
    legacy: float


def _scores(token: str, reading: str | None, as_is: float | None = None) -> Scores:
    return Scores(_identity_score(token) if as_is is None else as_is, reading,
                  INVALID if reading is None else _identity_score(reading))


@dataclass
class MojibakeEvidence:
    """Which legacy reading a text shows, and how strongly: the input of the per-token decisions."""

    label: str | None
    evidence: int = 0  # occurrences Vietnamese only under `label`
    against: int = 0  # occurrences Vietnamese only as they are
    suspects: int = 0  # occurrences holding byte-like characters
    runner_up: str | None = None
    counts: Counter = field(default_factory=Counter)
    modern: int = 0  # of `against`: Vietnamese words with letters no byte gives (`ạ ế ư`), typed
    lost_u: bool = False  # the readings show TCVN3's `ư` (the soft hyphen) stripped
    # Share of words that are legacy, fitted to the whole text (see `_legacy_share`).
    mix: float | None = None
    # Each evidence token's `Scores` under `label`, worked out once for the fit and the decisions.
    scores: dict[str, Scores] = field(default_factory=dict)

    def scored(self, token: str) -> Scores:
        """The token's `Scores` under `label`."""
        found = self.scores.get(token)
        return found if found is not None else _scores(token, read_as(token, self.label or ""))

    @property
    def legacy_prior(self) -> float:
        """Estimated share of byte-like tokens that are legacy codes (Laplace-smoothed).

        A text whose counter-evidence is a rounding error (under PURE_SHARE of the evidence) is taken as
        wholly legacy, so that a valid-looking `có` in it still reads `cú`.
        """
        if self.against <= PURE_SHARE * self.evidence and self.modern < TYPED_WORDS:
            return PURE_PRIOR
        return (self.evidence + 1) / (self.evidence + self.against + 2)

    def prior_for(self, token: str) -> float:
        """The prior that `token` is legacy: the fitted mix, or PURE_PRIOR in a wholly legacy text."""
        prior = self.legacy_prior
        if prior == PURE_PRIOR or self.mix is None:
            return prior
        return min(max(self.mix, 0.01), 0.99)

    @property
    def confidence(self) -> float:
        if not self.label or not self.suspects:
            return 0.0
        return min(1.0, 0.5 + 0.5 * self.evidence / max(1, self.suspects - self.against))


# cp1252's typographic punctuation (`§ ¶ ·` are not here: in TCVN3 they are Đ, Ơ, ã).
_TYPOGRAPHIC = frozenset("“”‘’„‚…–—•‹›")


def _lone_punctuation(token: str) -> bool:
    return token in _TYPOGRAPHIC


def _lone_symbol(token: str) -> bool:
    """True for a one-character token of Unicode category P or S (`“`, `–`, `«`, `€`, `§`)."""
    return len(token) == 1 and unicodedata.category(token)[0] in "PS"


def _vietnamese_letters(text: str) -> int:
    return sum(1 for ch in text if ch in _LETTERS)


def _identity_score(token: str) -> float:
    return spelling_score(word_core(token))


@lru_cache(maxsize=2)  # detection, the repair and the pipeline's review check weigh the same text
def find_mojibake(
    text: str, labels: tuple[str, ...] = MOJIBAKE_READINGS, *, force: bool = False
) -> MojibakeEvidence:
    """Weigh each legacy reading by the token occurrences it alone makes Vietnamese, and fit the share
    of legacy words under the best one.

    With `force` (the charset is known), the best of `labels` is used however weak its evidence.
    """
    found = _rank_readings(text, labels, force=force)
    if found.label and found.legacy_prior != PURE_PRIOR:  # a wholly legacy text needs no fit
        _, modern, weighed = _suspects(text)
        found.mix = _legacy_share(weighed, found.scores, modern)
    if found.label == "tcvn3":
        found.lost_u = _readings_lost_u(found)
    return found


def _readings_lost_u(found: MojibakeEvidence) -> bool:
    """True when the TCVN3 readings show the soft hyphens (`ư`) stripped (`®îc` reads `đợc`): then a
    reading that is a syllable only with its `ư` back is as good as that syllable (`giêng` is `giờng`,
    `giường`, not the Unicode `giêng`)."""
    counts: Counter[str] = Counter()
    for token, n in found.counts.items():
        reading = found.scored(token).reading
        for word in WORD.findall(reading or ""):
            counts[word] += n
    return shows_lost_u(counts)


def _rank_readings(text: str, labels: tuple[str, ...], *, force: bool) -> MojibakeEvidence:
    """`find_mojibake` without the legacy share (`mix`)."""
    counts, modern, weighed = _suspects(text)
    if not counts:
        return MojibakeEvidence(None)
    suspects = sum(counts.values())
    scored = []
    tokens = list(weighed)
    as_is_scores = list(map(_identity_score, tokens))
    valid_as_is = [score > INVALID for score in as_is_scores]
    read: dict[str, list[str | None]] = {}
    for label in labels:
        evidence = against = 0
        read[label] = read_all(tokens, label)
        for token, n, reading, as_is in zip(tokens, weighed.values(), read[label], valid_as_is, strict=True):
            if reading == token:  # the same word both ways (TCVN3 `lý`): no evidence either way
                continue
            valid = reading is not None and spelling_score(reading) > INVALID
            if valid and not as_is:
                evidence += n
            elif as_is and not valid:
                against += n
        scored.append((evidence, -(against + modern), label))
    scored.sort(reverse=True)
    evidence, neg_against, label = scored[0]
    runner_up = scored[1][2] if len(scored) > 1 and scored[1][0] else None
    tied = [s[2] for s in scored if s[:2] == scored[0][:2]]
    if evidence and len(tied) > 1:  # as many words under another reading: the likelier words decide
        label = max(tied, key=lambda each: _likelihood(weighed, each))
        runner_up = next(each for each in tied if each != label)
    enough = evidence >= MIN_EVIDENCE and evidence >= MIN_EVIDENCE_SHARE * suspects
    if not enough and evidence >= SHORT_EVIDENCE and not neg_against:  # a title, a table cell
        words = sum(n for token, n in weighed.items() if len(token) > 1)  # a lone code is no word
        enough = 2 * evidence >= words
    elif not enough and evidence == 1 and not neg_against:
        enough = _one_word_enough(text, tokens, read[label], valid_as_is)
    found = label if force or enough else None
    second = runner_up if found else label
    scores = {}
    if found:
        scores = {token: _scores(token, reading, as_is)
                  for token, reading, as_is in zip(tokens, read[label], as_is_scores, strict=True)}
    return MojibakeEvidence(found, evidence, -neg_against, suspects, second, counts, modern, scores=scores)


def _one_word_enough(text: str, tokens: list[str], readings: list[str | None],
                     valid_as_is: list[bool]) -> bool:
    """Whether a short text's one legacy word makes it legacy: when no language spells the word so (a
    symbol or capital inside or before its letters: `C«ng`, `®ã`, `phÝ`), or, as for raw bytes, when it
    has three letters or more and reads as a known word (not a syllable only the grammar allows: `Luí`
    stays), every word of two or more reads as Vietnamese and none is a common word of a language written
    in cp1252, nor is any word of the text in ASCII letters only a Western word (`víi` in `so víi NK`;
    `Tæng sè` stays, `sè` is Italian, and `edad dîa`). A name (`José`) has no reading."""
    words = [(word_core(token), reading, as_is) for token, reading, as_is
             in zip(tokens, readings, valid_as_is, strict=True) if len(word_core(token)) > 1]
    legacy = [(word, reading) for word, reading, as_is in words
              if not as_is and reading is not None and spelling_score(reading) > INVALID]
    if any(spelled_by_no_language(word) for word, _ in legacy):
        return True
    return (len(legacy) == 1 and len(legacy[0][0]) >= 3 and spelling_score(legacy[0][1]) > FLOOR
            and all(reading is not None and spelling_score(reading) > INVALID for _, reading, _ in words)
            and not any(is_foreign_word(word) for word, _, _ in words)
            and not has_western_word(text))


@lru_cache(maxsize=2)  # the evidence and the close calls' document cache count the same text
def _every_token(text: str) -> Counter[str]:
    """`token_counts(text)`, shared: callers must not modify it."""
    return spaced_chunks(text).token_counts()


@lru_cache(maxsize=2)  # detection reads the text with every label, the repair with the chosen one
def _suspects(text: str) -> tuple[Counter, int, dict[str, int]]:
    """The tokens holding byte-like characters, the count of words only Unicode can give, and the
    suspects that are evidence (not a lone quote or dash). Shared: callers must not modify them."""
    every = _every_token(text)
    counts = Counter({t: n for t, n in every.items() if HAS_BYTE_CHAR.search(t)})
    # Words typed in Unicode with letters no byte can give (ạ ế đ) show how much of the text is modern.
    modern = sum(
        n
        for t, n in every.items()
        if t not in counts and VIETNAMESE_ONLY.search(t) and spelling_score(t) > INVALID
    )
    # A lone quote, dash or other symbol (« » €) is punctuation far more often than a one-letter
    # legacy word: not evidence (a French text's guillemets read as VPS `ỡ ữ`).
    # (cp1252's typographic punctuation is among them: every one is of category P.)
    weighed = {t: n for t, n in counts.items() if not _lone_symbol(t)}
    return counts, modern, weighed


def _likelihood(tokens: dict[str, int], label: str) -> float:
    """The summed log frequency of `tokens` read as `label` (`¤ng Lª` is `Ông Lê` in TCVN3, `ẵng Lở` in
    VPS: as many syllables, far likelier words)."""
    return sum(n * spelling_score(word_core(read_as(token, label) or token)) for token, n in tokens.items())


def _legacy_share(tokens: dict[str, int], scores: dict[str, Scores], modern: int, rounds: int = 20) -> float:
    """The share of words that are legacy, fitted by expectation-maximisation of a two-source mix.

    Counting only the unambiguous words is biased: a Unicode `có` stays valid under TCVN3 (`cú`) and is
    never counted, while most legacy words are invalid as they are. The fit weighs every word by how
    likely each reading is (unigram frequencies), and counts the Unicode-only words (`ạ ế đ`) as modern.
    """
    likes = []
    for token, n in tokens.items():
        score = scores[token]
        legacy = 10 ** score.legacy if score.reading is not None and score.reading != token else 0.0
        likes.append((n, legacy, 10 ** score.as_is))
    total = sum(n for n, _, _ in likes) + modern
    n, lg, ai = np.array([like for like in likes if like[1] or like[2]], dtype=np.float64).reshape(-1, 3).T
    share = 0.5
    for _ in range(rounds):
        # summed in order (accumulate, not numpy's pairwise sum): the same figure as a Python loop
        expected = np.add.accumulate(n * share * lg / (share * lg + (1 - share) * ai))[-1] if len(n) else 0.0
        share = float(expected) / total if total else 0.5
    return share


def _mixed_reading(token: str, label: str) -> str | None:
    """The best valid reading converting only some of the token's byte characters (per-character mixing)."""
    spots = [i for i, ch in enumerate(token) if _BYTE_RUN.fullmatch(ch) and ord(ch) >= 0x80]
    if not spots or len(spots) > MAX_MIXED_CHARS:
        return None
    best, best_score = None, INVALID
    for mask in itertools.product((False, True), repeat=len(spots)):
        if all(mask) or not any(mask):
            continue
        chars = list(token)
        for spot, convert in zip(spots, mask, strict=True):
            if convert:
                chars[spot] = read_as(token[spot], label) or token[spot]
        candidate = "".join(chars)
        score = spelling_score(candidate)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _reading(token: str, read: str | None, label: str) -> str:
    """The token read as `label` (`read`: the whole token's `read_as`); quotes and dashes at its edges
    stay punctuation unless the whole reading is a syllable (Word typed “smart quotes” into `.VnTime`
    text as cp1252 bytes)."""
    whole = read or token
    core = word_core(token)
    if core == token or spelling_score(whole) > INVALID:
        return whole
    start = token.index(core) if core else len(token)
    return token[:start] + (read_as(core, label) or core) + token[start + len(core) :]


@dataclass
class _Choice:
    as_is: float
    reading: str
    legacy: float
    decided: str | None  # None: close call, decided per occurrence with the neighbours
    sure: bool = True  # False: a syllable neither way, decided by the prior alone
    # Readings that differ in a byte cp1252 lost to U+FFFD (`bền`, `bọn`): the neighbours choose.
    fills: tuple[str, ...] = ()
    # The reading puts a word that is a syllable as typed into capitals (`Cà` -> `CỔ`).
    capitals: bool = False


class _Call(NamedTuple):
    """A close call's fixed terms: its legacy reading, prior, document share, and the words that form a
    known pair before and after it (other neighbours do not change its verdict)."""

    reading: str
    prior: float
    counted: float
    before: frozenset[str]
    after: frozenset[str]
    capitals: bool


def _one_call(chunk: str, calls: dict[str, _Call]) -> tuple[str, str, str, _Call] | None:
    """(punctuation before, word, punctuation after, its terms) of a chunk whose one word is a close
    call, else None."""
    words = TOKEN.findall(chunk)
    if len(words) != 1 or words[0] not in calls:
        return None
    at = chunk.index(words[0])
    return chunk[:at], words[0], chunk[at + len(words[0]) :], calls[words[0]]


def _close_call(token: str, choice: _Choice, evidence: MojibakeEvidence, phrases: DocumentPhrases) -> _Call:
    words = (word_core(token), word_core(choice.reading))
    before, after = pair_partners(words)
    before |= phrases.partners(word.lower() for word in words)
    return _Call(choice.reading, evidence.prior_for(token), legacy_share(choice.as_is, choice.legacy), before,
                 after, choice.capitals)


def _capitals_reading(token: str, reading: str) -> bool:
    """True when `reading` puts a word in small letters or title case into capitals (`Cà` -> `CỔ`; not
    `ĐàI` -> `ĐỔI`, which no one types). Capitals come in whole words and runs (a heading, a `.VnTimeH`
    cell), so such a reading is likely only beside another word in capitals."""
    core = word_core(token)
    return in_capitals(reading) and (core.islower() or core.istitle())


def _choose(token: str, evidence: MojibakeEvidence) -> _Choice:
    label = evidence.label or ""
    if _lone_punctuation(token):
        return _Choice(0.0, token, 0.0, token)  # a quote or dash standing alone is punctuation
    scores = evidence.scored(token)
    reading = _reading(token, scores.reading, label)
    prior = evidence.prior_for(token)
    token_score = scores.as_is
    reading_score = scores.legacy if reading == scores.reading else _identity_score(reading)
    if evidence.lost_u and token_score > INVALID:  # `giêng` reads `giờng`, `giường` without its `ư`
        reading_score = max([reading_score, *map(spelling_score, candidates(word_core(reading)))])
    as_is = token_score + math.log10(1 - prior)
    legacy = reading_score + math.log10(prior)
    if label == "utf-8-twice":
        fills = tuple(f for f in lost_byte_readings(token) if _identity_score(f) > INVALID)
        if len(fills) == 1:
            return _Choice(as_is, fills[0], legacy, fills[0])
        if fills:
            return _Choice(as_is, reading, legacy, None, fills=fills)
    if reading_score <= INVALID and token_score <= INVALID:
        mixed = _mixed_reading(token, label)
        if mixed is not None:
            return _Choice(as_is, mixed, legacy, mixed)
        # A doubled keystroke in VNI or CP1258 leaves a second tone mark that nothing composes with.
        single = _STRAY_MARKS.sub("", reading)
        if single != reading and _identity_score(single) > INVALID:
            return _Choice(as_is, single, legacy, single)
        # Neither reading is a syllable: a word that lost its ư follows the document; a foreign word or
        # a name stays as it is unless the reading is the only one that has letters at all, and a common
        # word of a Western language (`Müller`, `für`, `señor`) stays even in a wholly legacy text.
        core = word_core(token)
        letters = any(ch.isalpha() for ch in core)
        lost_u = any(spelling_score(c) > INVALID for c in candidates(reading))
        more_vietnamese = _vietnamese_letters(reading) > _vietnamese_letters(token)
        foreign = len(core) > 2 and is_foreign_word(core)  # (a letter or two is a code as often: `Ñ`)
        take = not foreign and (prior >= 0.9 or (prior >= 0.5 and (lost_u or more_vietnamese or not letters)))
        return _Choice(as_is, reading, legacy, reading if take else token, sure=False)
    capitals = token_score > INVALID and _capitals_reading(token, reading)
    if abs(legacy - as_is) >= 2 * PAIR_BONUS and not capitals:
        return _Choice(as_is, reading, legacy, reading if legacy > as_is else token)
    return _Choice(as_is, reading, legacy, None, capitals=capitals)


def resolve_mojibake(text: str, evidence: MojibakeEvidence) -> str:
    """Apply the per-token decisions of `evidence` to `text`.

    Works on the distinct space-separated chunks (a document repeats them), and looks at neighbours only
    for chunks holding a close call.
    """
    if not evidence.label:
        return text
    choices = {token: _choose(token, evidence) for token in evidence.counts}
    close = {token for token, c in choices.items() if c.decided is None}
    unsure = [token for token, c in choices.items() if not c.sure]
    words = _document_words(text, choices) if close or unsure else Counter()
    for token in unsure:
        choice = choices[token]
        choice.decided = written_elsewhere(words, token, choice.reading) or choice.decided
    decided = {t: c.decided for t, c in choices.items() if c.decided is not None and c.decided != t}
    chunks = spaced_chunks(text)  # as the detection split them
    pieces = chunks.pieces
    # A close call that reads as itself (`lý` is `lý` in TCVN3 too) keeps its text either way: only
    # the others are read in place.
    placed = [token for token in close if _changes_text(token, choices[token])]
    mapped, hard = chunks.substitute({**decided, **dict.fromkeys(placed)})
    out = list(map(mapped.__getitem__, pieces))
    if hard:
        ends, sources = _EdgeTokens(), _Sources(choices)
        pairs = source_pairs(pieces, lambda chunk: _edge_sources(ends[chunk], sources))
        context = DocumentContext(words, pairs, _document_phrases(text, chunks, out, choices, close))
        last = len(pieces) - 1
        # A close call depends only on its chunk and the neighbouring words (as read and as decided so
        # far): a document repeats those, so each distinct neighbourhood is judged once. A chunk whose
        # one word is a close call (most are) is judged on its neighbours' edge words directly.
        judged: dict[tuple, str] = {}
        calls = {token: _close_call(token, choices[token], evidence, context.phrases) for token in placed
                 if not choices[token].fills}
        alone = {chunk: found for chunk in hard if (found := _one_call(chunk, calls)) is not None}
        verdicts: dict[tuple, str] = {}
        for i in itertools.compress(range(len(pieces)), map(hard.__contains__, pieces)):
            chunk = pieces[i]
            left = (ends[pieces[i - 1]][1], ends[out[i - 1]][1]) if i else (None, None)
            right = (ends[pieces[i + 1]][0], ends[out[i + 1]][0]) if i < last else (None, None)
            one = alone.get(chunk)
            if one is not None and (left[0] is None) == (left[1] is None) and (
                    (right[0] is None) == (right[1] is None)):
                lead, token, trail, call = one
                before, after = left[1], right[1]
                if call.capitals and not in_capitals(before) and not in_capitals(after):
                    out[i] = chunk  # a word alone in capitals is unlikely: the typed word stays
                    continue
                near = (token, left[0] and sources[left[0]], right[0] and sources[right[0]],
                        before if before and before.lower() in call.before else None,
                        after if after and after.lower() in call.after else None, trail[:1] in PHRASE_ENDS)
                found = verdicts.get(near)
                if found is None:
                    legacy = context.weigh(token, call.reading, call.prior, before, after, near[1:3],
                                           call.counted, near[5])
                    found = verdicts[near] = call.reading if legacy else token
                out[i] = lead + found + trail
                continue
            near = (chunk, left, right)
            found = judged.get(near)
            if found is None:
                found = judged[near] = _with_context(chunk, mapped[chunk], left, right, sources, evidence,
                                                     context)
            out[i] = found
    return join_chunks(out)


class _EdgeTokens(dict):
    """chunk -> (its first token, its last token), or (None, None): worked out on first use (a chunk
    already seen is a plain lookup)."""

    def __missing__(self, chunk: str) -> tuple[str | None, str | None]:
        tokens = TOKEN.findall(chunk)
        found = self[chunk] = (tokens[0], tokens[-1]) if tokens else (None, None)
        return found


class _Sources(dict):
    """token -> its source (`token_source`) as the choices decided it, worked out on first use."""

    def __init__(self, choices: dict[str, _Choice]) -> None:
        super().__init__()
        self.choices = choices

    def __missing__(self, token: str) -> str | None:
        found = self[token] = token_source(token, _sure_reading(token, self.choices))
        return found


def _changes_text(token: str, choice: _Choice) -> bool:
    """Whether a close call's verdict can change its text: not when its reading is the token itself."""
    return choice.reading != token or bool(choice.fills)


def _document_phrases(text: str, chunks: SpacedChunks, out: list[str], choices: dict[str, _Choice],
                      close: set[str]) -> DocumentPhrases:
    """The document's sure occurrences of its close calls' readings (`DocumentPhrases`): a token
    decided surely, or a typed word without byte-like characters, after the word before it as first
    decided (`out`). Counted per distinct chunk, and per distinct (chunk before, chunk) where the word
    opens its chunk."""
    watch = {word_core(w).lower() for token in close for w in (token, choices[token].reading)}
    sure: dict[str, str] = {}
    for token in choices:
        read = _sure_reading(token, choices)
        if read is not None and (core := word_core(read).lower()) in watch:
            sure[token] = core
    every = _every_token(text)
    sure.update((form, word) for word in watch for form in {word, word.capitalize(), word.upper()}
                if form in every and form not in choices)
    phrases = DocumentPhrases()
    if not sure:
        return phrases
    holding = set(map(chunks.distinct.__getitem__,
                      itertools.compress(chunks.where, map(sure.__contains__, chunks.parts[1::2]))))
    pieces = chunks.pieces
    where = [i for part in spread_slices(len(pieces), PHRASE_SAMPLE)
             for i in itertools.compress(range(len(pieces))[part], map(holding.__contains__, pieces[part]))]
    opening: set[str] = set()  # chunks whose first token is a sure word: the chunk before says its neighbour
    for chunk, n in Counter(map(pieces.__getitem__, where)).items():
        before = None
        for m in TOKEN.finditer(chunk):
            token = m.group()
            word = sure.get(token)
            if word is not None:
                if before is None:
                    opening.add(chunk)
                phrases.add(word, before, chunk[m.end() : m.end() + 1] in PHRASE_ENDS, n)
            before = (choices[token].decided or token) if token in choices else token
    after = [i for i in where if i and pieces[i] in opening]
    for (left, chunk), n in Counter(zip(map(out.__getitem__, map((-1).__add__, after)),
                                         map(pieces.__getitem__, after), strict=True)).items():
        tokens = TOKEN.findall(left)
        if tokens:
            phrases.add_pair(tokens[-1], sure[TOKEN.findall(chunk)[0]], n)
    return phrases


def _document_words(text: str, choices: dict[str, _Choice]) -> Counter[str]:
    """The document's words (lower case, as decided) with their counts; a close call counts for both
    readings in proportion to their per-word scores, so that neither is missing from the cache; a word
    whose readings differ in a lost byte does not count."""
    words: Counter[str] = Counter()
    for token, n in _every_token(text).items():
        choice = choices.get(token)
        if choice is None:
            words[token.lower()] += n
        elif choice.fills:
            continue  # no fill may vouch for itself: the cache is the document's other words
        elif choice.decided is None:
            legacy = n * legacy_share(choice.as_is, choice.legacy)
            words[word_core(choice.reading).lower()] += legacy
            words[word_core(token).lower()] += n - legacy
        elif choice.sure:
            words[word_core(choice.decided).lower()] += n
    return words


def _sure_reading(token: str, choices: dict[str, _Choice]) -> str | None:
    """The token as surely decided (itself when it holds no byte-like character); None when its source
    is unknown: a close call, a word that is a syllable neither way, or one that reads the same both ways."""
    choice = choices.get(token)
    if choice is None:
        return token
    if choice.decided is None or not choice.sure or choice.reading == token:
        return None
    return choice.decided


def _edge_sources(edges: tuple[str | None, str | None], sources: _Sources) -> tuple[str | None, str | None]:
    """The source of a chunk's first and last token (`edges`, see `_EdgeTokens`; `token_source`), None
    where unknown."""
    first, last = edges
    return (None, None) if first is None or last is None else (sources[first], sources[last])


def _with_context(chunk: str, first: str, left: tuple[str | None, str | None],
                  right: tuple[str | None, str | None], sources: _Sources, evidence: MojibakeEvidence,
                  context: DocumentContext) -> str:
    """Decide the close calls of one chunk (`first`: as decided alone) from the neighbouring words: the
    last one before and the first one after, each (as read, as first decided) or None, weighed by the
    document's context (`close_calls.DocumentContext`); `sources`: the document's tokens' sources, which
    hold the choices."""
    choices = sources.choices
    original = [*left[:1], *TOKEN.findall(chunk), *right[:1]]
    decided = [*left[1:], *TOKEN.findall(first), *right[1:]]
    original, decided = [t for t in original if t is not None], [t for t in decided if t is not None]
    if len(decided) != len(original):  # a reading changed the word count: judge by pairs alone
        original = decided
    offset = 1 if left[1] is not None else 0
    k = -1

    def source(j: int) -> str | None:
        return sources[original[j]] if 0 <= j < len(decided) else None

    def decide(m: re.Match[str]) -> str:
        nonlocal k
        k += 1
        token, choice = m.group(), choices.get(m.group())
        if choice is None:
            return token
        if choice.decided is not None:
            return choice.decided
        if not _changes_text(token, choice):
            return token
        j = offset + k
        before = decided[j - 1] if j > 0 else None
        after = decided[j + 1] if j + 1 < len(decided) else None
        if choice.fills:
            fills = tuple(filter(plain_case, choice.fills)) or choice.fills
            return max(fills, key=lambda fill: context.model.score(word_core(fill), before, after))
        if choice.capitals and not in_capitals(before) and not in_capitals(after):
            return token
        sources = (source(j - 1), source(j + 1))
        prior, counted = evidence.prior_for(token), legacy_share(choice.as_is, choice.legacy)
        ends = m.string[m.end() : m.end() + 1] in PHRASE_ENDS
        legacy = context.weigh(token, choice.reading, prior, before, after, sources, counted, ends)
        return choice.reading if legacy else token

    return TOKEN.sub(decide, chunk)


def find_evidence(
    text: str, labels: tuple[str, ...] = MOJIBAKE_READINGS, *, force: bool = False
) -> MojibakeEvidence:
    """`find_mojibake`, but a long text is weighed under every label on a spread sample only: the
    sample's best label (if any) is then weighed, and the legacy share fitted, on the whole text, which
    the repair needs anyway."""
    sample = spread_sample(text)
    if sample is text:
        return find_mojibake(text, labels, force=force)
    found = _rank_readings(sample, labels, force=force)
    if not found.label:
        return MojibakeEvidence(None)
    whole = find_mojibake(text, (found.label,), force=True)
    return dataclasses.replace(whole, runner_up=found.runner_up)


def undo_legacy_mojibake(text: str, charset: str | None = None) -> str:
    """Decode the legacy-charset words of a text that was read as cp1252 (see the module docstring).

    `charset` names the legacy charset when it is known; otherwise the text's evidence chooses it.
    Lines whose words are Vietnamese only in another legacy charset are decoded in that one
    (`mixed_lines`).
    """
    evidence = find_mojibake(text, (charset,), force=True) if charset else find_evidence(text)
    lines = line_charsets(text, evidence.label) if evidence.label else None
    return _resolve_by_line(text, lines) if lines else resolve_mojibake(text, evidence)


@lru_cache(maxsize=2)  # the repair and the pipeline's change records ask about the same text
def line_charsets(text: str, reading: str) -> tuple[str, ...] | None:
    """The reading of each line when some are in another legacy charset than `reading`, else None.

    >>> line_charsets("Hä và tªn: NguyÔn V¨n Nam\\nBaùo caùo toång keát naêm", "tcvn3")
    ('tcvn3', 'vni')
    """
    others = other_readings(find_mojibake(text, (reading,), force=True).counts, reading)
    return line_readings(text, reading, others) if others else None


def _resolve_by_line(text: str, lines: tuple[str, ...]) -> str:
    """Each reading's lines resolved together, as a document of their own."""
    out = text.split("\n")
    for label in dict.fromkeys(lines):
        part = "\n".join(line if own == label else "" for line, own in zip(out, lines, strict=True))
        done = resolve_mojibake(part, find_mojibake(part, (label,), force=True)).split("\n")
        if len(done) != len(out):  # a reading made a line break: this reading's lines stay
            continue
        out = [new if own == label else old for old, new, own in zip(out, done, lines, strict=True)]
    return "\n".join(out)
