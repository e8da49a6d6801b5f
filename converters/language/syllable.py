"""Vietnamese syllable grammar: onset + (glide) + nucleus + coda + tone, with the tone-placement rules.

A syllable is valid when its lower-case NFC form is one of the spellings generated here. The set is
generated once from the grammar (about 30 000 spellings), so checking a token is one hash lookup:

    >>> is_syllable("được"), is_syllable("người"), is_syllable("hoà"), is_syllable("hòa")
    (True, True, True, True)
    >>> is_syllable("đợc"), is_syllable("nớc"), is_syllable("nh"), is_syllable("trng")
    (False, False, False, False)
    >>> is_syllable("ĐƯỢC"), is_syllable("Việt"), is_syllable("cáp"), is_syllable("càp")
    (True, True, True, False)

Both tone placements are accepted (old `hóa`, `thúy`; new `hoá`, `thuý`) because validation must not
depend on the author's habit; the output text keeps whatever placement the author used.

Spelling rules applied: `k` before i/y/e/ê, `c` elsewhere; `gh`/`ngh` before i/e/ê; `qu` carries the
glide; `gi` absorbs a following `i` (`gì`, `giết`); `iê` is written `yê` with no onset and after the
glide `u`; stop codas (`c ch p t`) take only the sắc or nặng tone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Tones as combining marks: ngang (none), huyền, sắc, hỏi, ngã, nặng.
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
STOP_TONES = ("\u0301", "\u0323")
VOWELS = frozenset("aăâeêioôơuưy")
MODIFIED = frozenset("ăâêôơư")

ONSETS = (
    "", "b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh", "p", "ph",
    "qu", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip

# Rimes without tone, written as after a consonant onset (iê, not yê; the glide spelled o/u).
_RIME_TABLE = """
a ac ach ai am an ang anh ao ap at au ay
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu
iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong op ot ooc oong
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u uc ui um un ung up ut ua
uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu
ươc ươi ươm ươn ương ươp ươt ươu
y
oa oac oach oai oam oan oang oanh oao oap oat oay
oăc oăm oăn oăng oăt
oe oen oeo oet
uân uâng uât uây
uê uêch uênh
uy uya uych uyên uyêt uyn uynh uyp uyt uyu
uơ
"""
RIMES = tuple(_RIME_TABLE.split())

# Rimes that may follow `qu` (whose u is the glide): the glide-free part.
_QU_RIME_TABLE = """
a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
e en eo et ê êch ên ênh êt êu y ynh yt ych yên yêt yêu i it ơ ôc
"""
QU_RIMES = tuple(_QU_RIME_TABLE.split())

FRONT = ("i", "y", "e", "ê")  # before these: k, gh, ngh


def _spell(onset: str, rime: str) -> tuple[str, str] | None:
    """The written (onset, rime) of a syllable, or None when Vietnamese has no such pair."""
    front = rime.startswith(FRONT)
    if onset == "c":
        return ("k", rime) if front else ("c", rime)
    if onset == "k":
        return None  # generated as `c`
    if onset == "g":
        return ("gh", rime) if front else ("g", rime)
    if onset == "ng":
        return ("ngh", rime) if front else ("ng", rime)
    if onset == "gi":
        return ("g", rime) if rime.startswith("i") else ("gi", rime)  # gì, giết share the i
    if onset == "qu":
        return None  # generated from QU_RIMES
    if onset == "p" and not rime.startswith("i"):
        return None  # p only in loan words such as pin
    if onset == "" and rime.startswith("iê"):
        return "", "y" + rime[1:]
    return onset, rime


def _tone_positions(rime: str) -> set[int]:
    """Indices into the written rime where the tone mark may sit (new and old placement both allowed)."""
    vowel_idx = [i for i, ch in enumerate(rime) if ch in VOWELS]
    if not vowel_idx:
        return set()
    modified = [i for i in vowel_idx if rime[i] in MODIFIED]
    if modified:
        return {modified[-1]}  # ươ -> ơ, uô -> ô, iê -> ê, ưa -> ư
    if len(vowel_idx) == 1:
        return {vowel_idx[0]}
    if vowel_idx[-1] != len(rime) - 1:
        return {vowel_idx[-1]}  # a coda follows: oán, uýt
    if len(vowel_idx) == 3:
        return {vowel_idx[1]}  # ngoài, khuỷu
    if rime in ("oa", "oe", "uy"):
        return {vowel_idx[0], vowel_idx[1]}  # old hóa, new hoá
    return {vowel_idx[0]}  # mùa, kìa, tài


def _toned(onset: str, rime: str, tone: str) -> set[str]:
    if not tone:
        return {onset + rime}
    out = set()
    for pos in _tone_positions(rime):
        out.add(unicodedata.normalize("NFC", onset + rime[: pos + 1] + tone + rime[pos + 1 :]))
    return out


# Onsets after which `y` may stand for `i` (lí/lý, kĩ/kỹ, mĩ/mỹ).
Y_ONSETS = ("b", "d", "đ", "h", "k", "l", "m", "n", "s", "t", "v")


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every valid lower-case Vietnamese syllable (NFC), each tone in every accepted position."""
    pairs: set[tuple[str, str]] = set()
    for onset in ONSETS:
        for rime in RIMES:
            written = _spell(onset, rime)
            if written:
                pairs.add(written)
    pairs |= {("qu", rime) for rime in QU_RIMES}
    pairs |= {(onset, "y") for onset in Y_ONSETS}
    out: set[str] = set()
    for onset, rime in pairs:
        tones = STOP_TONES if rime.endswith(("c", "ch", "p", "t")) else TONES
        for tone in tones:
            out |= _toned(onset, rime, tone)
    return frozenset(out)


def is_syllable(token: str) -> bool:
    """True when `token` (any case, NFC) is a valid Vietnamese syllable."""
    return token.lower() in syllables()


_TONE_MARKS = "".join(TONES[1:])
_OLD_PLACEMENT = re.compile(f"([ou])([{_TONE_MARKS}])([aey])$")
_NEW_PLACEMENT = re.compile(f"([ou])([aey])([{_TONE_MARKS}])$")


def other_placement(syllable: str) -> str | None:
    """The syllable with its tone in the other accepted place (`hóa` <-> `hoá`), or None.

    >>> other_placement("tỏa"), other_placement("thuý"), other_placement("toán"), other_placement("quý")
    ('toả', 'thúy', None, None)
    """
    nfd = unicodedata.normalize("NFD", syllable)
    moved = _OLD_PLACEMENT.sub(r"\1\3\2", nfd)
    if moved == nfd:
        moved = _NEW_PLACEMENT.sub(r"\1\3\2", nfd)
    other = unicodedata.normalize("NFC", moved)
    return other if other != syllable and is_syllable(other) else None


def strip_tone(syllable: str) -> str:
    """The syllable without its tone mark (vowel quality marks and đ kept): `người` -> `ngươi`."""
    nfd = unicodedata.normalize("NFD", syllable)
    return unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES[1:]))
